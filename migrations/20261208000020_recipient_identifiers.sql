-- Identifiers other systems give a recipient (a hospital's 患者番号, a
-- care software's 利用者番号), registered by the 事業所: a FHIR Patient
-- carrying one of them is this recipient. The 被保険者番号 is not kept here
-- but in recipient_insurance. One (system, value) names one person, so it
-- is registered for one recipient only.
CREATE TABLE recipient_identifiers (
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    system TEXT NOT NULL CHECK (length(system) > 0),
    value TEXT NOT NULL CHECK (length(value) > 0),
    -- Who registered it; NULL for the command line on the server.
    registered_by TEXT REFERENCES people (id),
    registered_at BIGINT NOT NULL,
    UNIQUE (system, value)
);

CREATE INDEX recipient_identifiers_recipient ON recipient_identifiers (recipient_id);
