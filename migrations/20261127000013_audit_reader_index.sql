-- ホーム asks the audit log, on every view, when this person last looked
-- (audit::last_look) and whether they opened the newest care plan
-- (audit::has_read). By recipient alone that scans every entry about her —
-- years of everyone's page views; by reader it is a few rows.
CREATE INDEX audit_log_reader ON audit_log (recipient_id, actor_id, object_kind, at);
