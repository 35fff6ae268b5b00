-- Portcullis authorization server, initial schema.
-- Codes, refresh tokens and session ids are stored only as SHA-256 hashes (base64url).

CREATE TABLE clients (
    client_id                  VARCHAR(64)  PRIMARY KEY,
    client_name                VARCHAR(200),
    redirect_uris              TEXT[]       NOT NULL,
    grant_types                TEXT[]       NOT NULL,
    scope                      TEXT,
    token_endpoint_auth_method VARCHAR(40)  NOT NULL,
    application_type           VARCHAR(20),
    created_at                 TIMESTAMPTZ  NOT NULL
);

CREATE TABLE users (
    id            UUID         PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE sign_in_sessions (
    id_hash          VARCHAR(64) PRIMARY KEY,
    user_id          UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    authenticated_at TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_sessions_expires_at ON sign_in_sessions (expires_at);

-- Pending authorization requests: between GET /authorize and the consent decision.
CREATE TABLE authorization_requests (
    id             VARCHAR(64) PRIMARY KEY,
    csrf_token     VARCHAR(64) NOT NULL,
    client_id      VARCHAR(64) NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    redirect_uri   TEXT        NOT NULL,
    state          TEXT,
    code_challenge VARCHAR(64) NOT NULL,
    scope          TEXT        NOT NULL,
    resource       TEXT        NOT NULL,
    user_id        UUID        REFERENCES users (id) ON DELETE CASCADE,
    auth_time      TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX authorization_requests_expires_at ON authorization_requests (expires_at);

CREATE TABLE authorization_codes (
    code_hash      VARCHAR(64) PRIMARY KEY,
    client_id      VARCHAR(64) NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    redirect_uri   TEXT        NOT NULL,
    code_challenge VARCHAR(64) NOT NULL,
    scope          TEXT        NOT NULL,
    resource       TEXT        NOT NULL,
    user_id        UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    auth_time      TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used           BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);

-- Rotating refresh tokens; all tokens rotated from one grant share a family_id and the originating code_hash.
CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    family_id  UUID        NOT NULL,
    code_hash  VARCHAR(64),
    client_id  VARCHAR(64) NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope      TEXT        NOT NULL,
    resource   TEXT        NOT NULL,
    auth_time  TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used       BOOLEAN     NOT NULL DEFAULT FALSE,
    revoked    BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_code_hash ON refresh_tokens (code_hash);
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);

-- Token signing keys. The private key is PKCS#8 DER; encryption at rest is planned for a later release.
CREATE TABLE signing_keys (
    kid         VARCHAR(64) PRIMARY KEY,
    algorithm   VARCHAR(10) NOT NULL,
    public_key  BYTEA       NOT NULL,
    private_key BYTEA       NOT NULL,
    status      VARCHAR(10) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
