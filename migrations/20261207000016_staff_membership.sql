-- The end of a staff member's (or an administrator's) work for their
-- 事業所 (docs/access.md, "Ending a staff member's work"). From the start
-- of work_ends_on they cannot sign in, no session of theirs is served and
-- their care relationships have ended. NULL: still working there.
-- work_end_by is the administrator who set the day (the audit log has
-- when); kept here too because audit entries may reach their retention.
ALTER TABLE people ADD COLUMN work_ends_on TEXT CHECK (work_ends_on IS NULL OR length(work_ends_on) = 10);
ALTER TABLE people ADD COLUMN work_end_by TEXT REFERENCES people (id);
