-- Retention (domain::retention). Audit entries written before
-- audit_before may be deleted, and only those: the audit log's triggers
-- (db::Db::make_audit_log_append_only) read this row, and another trigger
-- keeps it at least two years back. 0: nothing may be deleted.
CREATE TABLE retention_floor (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    audit_before BIGINT NOT NULL
);
INSERT INTO retention_floor (id, audit_before) VALUES (1, 0);
