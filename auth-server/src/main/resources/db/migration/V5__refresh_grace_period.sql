-- The rotation grace period (dev.portcullis.auth.token.RefreshTokenGrant): a rotated refresh token keeps its successor,
-- encrypted under a key derived from the rotated token itself (dev.portcullis.auth.token.SuccessorSeal). Only whoever
-- presents the rotated token can open it; the database alone cannot, as it holds only the token's SHA-256 hash.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed BYTEA;
