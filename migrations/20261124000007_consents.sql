-- 本人 (or the legal representative the care manager records) lets one
-- family member see a class of information beyond 生活 and 連絡. Rows are
-- never deleted: revoking sets revoked_at, so the history of every grant
-- and revocation is kept.
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    class TEXT NOT NULL CHECK (class IN ('medical', 'acp')),
    granted_by TEXT NOT NULL REFERENCES people (id),
    granted_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT REFERENCES people (id),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

CREATE INDEX consents_recipient_person ON consents (recipient_id, person_id);
