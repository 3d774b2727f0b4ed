-- Each passkey ceremony is bound, when it starts, to what it is for and
-- for whom: an invitation's sign-up (that invitation), adding a device on
-- the account page (that person, in that sign-in), or signing in. Only the
-- same purpose may finish it. Ceremonies live five minutes, so the table
-- is made anew rather than altered (SQLite cannot change a CHECK).
DROP TABLE ceremonies;

CREATE TABLE ceremonies (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'account', 'sign_in')),
    -- Who is registering; NULL for a sign-in (the passkey tells who).
    person_id TEXT REFERENCES people (id),
    -- The invitation an invitation's ceremony was started with.
    invitation_id TEXT REFERENCES invitations (id),
    -- The label of the sign-in an account ceremony was started from.
    session_label TEXT,
    state TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    CHECK ((kind = 'sign_in') = (person_id IS NULL)),
    CHECK ((kind = 'invitation') = (invitation_id IS NOT NULL)),
    CHECK ((kind = 'account') = (session_label IS NOT NULL))
);

CREATE INDEX ceremonies_person ON ceremonies (person_id);
