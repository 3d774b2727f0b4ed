-- A new sign-in link for someone who lost their phone. The person is told
-- (their account page lists the links made for them), their older passkeys
-- end only when the new link is used, and a link for 本人 or the legal
-- representative works only after a second member of the team has checked
-- who it is for (docs/access.md, "Lost phone").
ALTER TABLE invitations ADD COLUMN lost_phone BIGINT NOT NULL DEFAULT 0 CHECK (lost_phone IN (0, 1));
-- The care recipient whose team made it; NULL for staff (their 事業所).
ALTER TABLE invitations ADD COLUMN recipient_id TEXT REFERENCES recipients (id);
ALTER TABLE invitations ADD COLUMN needs_check BIGINT NOT NULL DEFAULT 0 CHECK (needs_check IN (0, 1));
ALTER TABLE invitations ADD COLUMN checked_by TEXT REFERENCES people (id);
ALTER TABLE invitations ADD COLUMN checked_at BIGINT;

CREATE INDEX invitations_waiting_check ON invitations (recipient_id, needs_check);
