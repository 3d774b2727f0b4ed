-- Passkeys, the only way to sign in, and the registration and sign-in
-- ceremonies in progress.

CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    -- The credential id (its bytes as hex).
    credential_id TEXT NOT NULL UNIQUE,
    -- The public key and signature counter (webauthn-rs Passkey, JSON).
    passkey TEXT NOT NULL,
    -- What the person calls the device: 「スマホ」「タブレット」.
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);

CREATE INDEX passkeys_person ON passkeys (person_id);

-- Server-side state of a ceremony: taken (deleted) when it is finished, so
-- it cannot be replayed, and refused after expires_at.
CREATE TABLE ceremonies (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('register', 'sign_in')),
    -- Who is registering; NULL for a sign-in (the passkey tells who).
    person_id TEXT REFERENCES people (id),
    state TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
