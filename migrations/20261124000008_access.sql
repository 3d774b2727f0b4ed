-- Who looked, who may decide, and the access policy as data.

-- The audit log names the role the person acted in, the classes of
-- information the read or write touched (comma-separated codes, e.g.
-- 'living,medical'), and the session it came from (the session's label:
-- the first 8 hex digits of its token hash, never the token).
ALTER TABLE audit_log ADD COLUMN actor_role TEXT;
ALTER TABLE audit_log ADD COLUMN info_classes TEXT;
ALTER TABLE audit_log ADD COLUMN session_label TEXT;
CREATE INDEX audit_log_at ON audit_log (at);

-- The care manager records a family member as 本人's legal representative
-- (成年後見人 and the like): they decide, in 本人's place, who sees what.
ALTER TABLE care_relationships ADD COLUMN legal_representative BIGINT NOT NULL DEFAULT 0;

-- Administrators of a 事業所: whoever created it in Yorisoi, and those
-- they add.
CREATE TABLE provider_admins (
    provider_id TEXT NOT NULL REFERENCES providers (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (provider_id, person_id)
);

-- The access policy beyond the safe default (domain::policy): a 事業所,
-- or every 事業所 of a service type, lets staff of one role see a whole
-- class (医療 or ACP) of the people they serve. Rows are never deleted;
-- narrowing again sets removed_at, so the policy's history is kept.
CREATE TABLE policy_widenings (
    id TEXT PRIMARY KEY,
    provider_id TEXT REFERENCES providers (id),
    service_type TEXT,
    role TEXT NOT NULL CHECK (role IN ('care_worker', 'dietitian', 'community_center')),
    class TEXT NOT NULL CHECK (class IN ('medical', 'acp')),
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    removed_at BIGINT,
    removed_by TEXT REFERENCES people (id),
    CHECK ((provider_id IS NULL) <> (service_type IS NULL))
);
CREATE INDEX policy_widenings_provider ON policy_widenings (provider_id);
