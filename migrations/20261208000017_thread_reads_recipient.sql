-- A thread is a recipient's: a chart's comments are addressed by the
-- measure alone ('weight'), so read marks must name whose chart it is.
-- Marks on record, goal, wish and ACP threads keep their recipient (those
-- ids are unique); marks on chart threads cannot be told apart and are
-- dropped (those threads show as unread once more).
CREATE TABLE thread_reads_by_recipient (
    person_id TEXT NOT NULL REFERENCES people (id),
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, recipient_id, target_kind, target_id)
);
INSERT INTO thread_reads_by_recipient (person_id, recipient_id, target_kind, target_id, read_at)
SELECT r.person_id, c.recipient_id, r.target_kind, r.target_id, r.read_at
FROM thread_reads r
JOIN (SELECT DISTINCT recipient_id, target_kind, target_id FROM comments
      WHERE target_kind <> 'chart') c
  ON c.target_kind = r.target_kind AND c.target_id = r.target_id;
DROP TABLE thread_reads;
ALTER TABLE thread_reads_by_recipient RENAME TO thread_reads;

-- A chart's comments take the class of its measure: vital signs are 医療.
UPDATE comments SET info_class = 'medical' WHERE target_kind = 'chart';

CREATE INDEX comments_recipient_thread ON comments (recipient_id, target_kind, target_id);
