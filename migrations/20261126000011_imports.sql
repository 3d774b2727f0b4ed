-- Getting data in: how care software names a recipient, what was
-- imported from where, the integration API's tokens, and corrections that
-- keep the earlier text.

-- 保険者番号 + 被保険者番号: the key the ケアプラン標準仕様 CSV uses.
CREATE TABLE recipient_insurance (
    recipient_id TEXT PRIMARY KEY REFERENCES recipients (id),
    insurer_number TEXT NOT NULL CHECK (length(insurer_number) = 6),
    insured_number TEXT NOT NULL CHECK (length(insured_number) = 10),
    UNIQUE (insurer_number, insured_number)
);

-- One row per thing imported: importing the same thing again (same key,
-- same digest) changes nothing. `kind` is careplan_csv, fhir_vitals,
-- fhir_allergy or fhir_plan; `object_id` is what the import created.
CREATE TABLE import_keys (
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    kind TEXT NOT NULL,
    source_key TEXT NOT NULL,
    digest TEXT NOT NULL,
    object_id TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (recipient_id, kind, source_key, digest)
);

-- Integration API tokens of a 事業所. Only the SHA-256 of the token is
-- kept; the token itself is shown once. A revoked token stays, so the
-- audit log's entries still name it.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    may_import BIGINT NOT NULL CHECK (may_import IN (0, 1)),
    may_read BIGINT NOT NULL CHECK (may_read IN (0, 1)),
    -- Information class codes, comma-separated ('medical,living').
    classes TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CHECK (may_import = 1 OR may_read = 1)
);

CREATE TABLE api_token_recipients (
    token_id TEXT NOT NULL REFERENCES api_tokens (id),
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    PRIMARY KEY (token_id, recipient_id)
);

-- The earlier versions of a corrected care record (真正性: nothing a
-- record once said is erased). The record row holds the newest version;
-- each correction first copies the version it replaces here.
CREATE TABLE care_record_revisions (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES care_records (id),
    revision BIGINT NOT NULL CHECK (revision >= 1),
    -- The replaced version: its values as JSON, its note exactly as written.
    body TEXT NOT NULL,
    note TEXT NOT NULL,
    written_by TEXT NOT NULL REFERENCES people (id),
    written_at BIGINT NOT NULL,
    replaced_by TEXT NOT NULL REFERENCES people (id),
    replaced_at BIGINT NOT NULL,
    UNIQUE (record_id, revision)
);

-- Who wrote the version the record row now holds, when it is a correction.
ALTER TABLE care_records ADD COLUMN revised_by TEXT REFERENCES people (id);
ALTER TABLE care_records ADD COLUMN revised_at BIGINT;

-- A form the server refused, kept for the person who typed it until the
-- page shows it again (with JavaScript off the browser reloads the page,
-- and nothing typed may be lost). Taken once; never in a URL.
CREATE TABLE form_drafts (
    person_id TEXT NOT NULL REFERENCES people (id),
    form TEXT NOT NULL,
    body TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, form)
);
