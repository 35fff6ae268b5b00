-- OpenID Connect Core §3.1.2.1 prompt (none | login | consent) of a pending authorization request.
ALTER TABLE authorization_requests ADD COLUMN prompt VARCHAR(40);
