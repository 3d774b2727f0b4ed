-- Targets a doctor set for one person's vital signs (主治医の指示), e.g.
-- 「家庭血圧は上145未満」. The newest row per value is in force; older rows
-- stay as the history of what was asked and when.
CREATE TABLE vital_targets (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    kind TEXT NOT NULL CHECK (kind IN ('systolic', 'diastolic', 'pulse', 'spo2')),
    -- In force when low <= value < high; either end may be open.
    low BIGINT,
    high BIGINT,
    -- The doctor or clinic, as written on the instruction.
    doctor TEXT NOT NULL CHECK (length(doctor) BETWEEN 1 AND 100),
    recorded_by TEXT NOT NULL REFERENCES people (id),
    set_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (low IS NOT NULL OR high IS NOT NULL),
    CHECK (low IS NULL OR high IS NULL OR low < high)
);

CREATE INDEX vital_targets_recipient ON vital_targets (recipient_id, kind, set_at);
