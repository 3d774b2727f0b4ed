-- Joining Yorisoi: a person is invited with a one-time link and then
-- registers a passkey. Each person who can sign in gets a random user
-- handle (the WebAuthn user id), never derived from their name.

CREATE TABLE user_handles (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    -- A random UUID (v4): the WebAuthn user.id the authenticator keeps.
    handle TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    -- SHA-256 (hex) of the token in the link. The token itself is never
    -- stored, so a copy of the database cannot be used to sign up.
    token_hash TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL REFERENCES people (id),
    -- Who invited; NULL when made by `yorisoi invite` on the server.
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    revoked_at BIGINT,
    CHECK (expires_at > created_at),
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);

CREATE INDEX invitations_person ON invitations (person_id);
