-- Signed-in sessions, in the database so any app server can serve any
-- request. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    -- Ends after this long without a request (shorter for staff).
    idle_ms BIGINT NOT NULL CHECK (idle_ms > 0),
    -- What the person sees in their list of sessions: 「Android の Chrome」.
    device TEXT NOT NULL,
    ended_at BIGINT
);

CREATE INDEX sessions_person ON sessions (person_id);
