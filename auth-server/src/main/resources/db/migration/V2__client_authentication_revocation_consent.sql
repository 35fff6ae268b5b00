-- Client authentication (RFC 6749 §2.3, RFC 7523), registration management (RFC 7592), revocation (RFC 7009),
-- remembered consent, concurrent-refresh detection, encrypted signing keys and sign-in throttling.
-- Secrets are stored only as SHA-256 hashes (base64url) of 256-bit random values.

-- Client ID Metadata Documents use an https URL as client_id: widen every client_id column.
ALTER TABLE clients ALTER COLUMN client_id TYPE VARCHAR(2048);
ALTER TABLE authorization_requests ALTER COLUMN client_id TYPE VARCHAR(2048);
ALTER TABLE authorization_codes ALTER COLUMN client_id TYPE VARCHAR(2048);
ALTER TABLE refresh_tokens ALTER COLUMN client_id TYPE VARCHAR(2048);

ALTER TABLE clients
    ADD COLUMN metadata_expires_at             TIMESTAMPTZ,
    ADD COLUMN client_secret_hash              VARCHAR(64),
    ADD COLUMN jwks                            TEXT,
    ADD COLUMN jwks_uri                        TEXT,
    ADD COLUMN registration_token_hash         VARCHAR(64),
    ADD COLUMN client_uri                      TEXT,
    ADD COLUMN last_used_at                    TIMESTAMPTZ;

-- RFC 7523 §3: a client assertion's jti is accepted once; kept until the assertion would have expired anyway.
CREATE TABLE client_assertion_jtis (
    client_id  VARCHAR(2048) NOT NULL,
    jti        VARCHAR(200) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_jtis_expires_at ON client_assertion_jtis (expires_at);

-- RFC 7009 §2: revoked access tokens (JWTs) by jti, consulted by introspection until they expire.
CREATE TABLE revoked_access_tokens (
    jti        VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_access_tokens_expires_at ON revoked_access_tokens (expires_at);

-- When a refresh token was rotated: a second presentation that started before this instant raced the rotation
-- (a client's own concurrent refresh) and is refused without revoking the family.
ALTER TABLE refresh_tokens ADD COLUMN used_at TIMESTAMPTZ;

-- Remembered consent: a later authorization for the same client and resource with the same or narrower scope
-- skips the consent page.
CREATE TABLE consents (
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  VARCHAR(2048) NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    resource   TEXT        NOT NULL,
    scope      TEXT        NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, client_id, resource)
);

-- Signing keys: the private key is AES-GCM encrypted (iv || ciphertext) under the key-encryption key;
-- retired keys stay published until every token they signed has expired.
ALTER TABLE signing_keys
    ADD COLUMN encrypted   BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN activated_at TIMESTAMPTZ,
    ADD COLUMN retired_at  TIMESTAMPTZ;

-- Sign-in throttling shared by all replicas: failures per key ("user:<name>" or "addr:<ip>").
CREATE TABLE sign_in_failures (
    key           VARCHAR(200) PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    last_failure  TIMESTAMPTZ  NOT NULL,
    blocked_until TIMESTAMPTZ
);
