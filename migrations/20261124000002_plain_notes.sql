-- Plain-Japanese conversions of care-record notes, stored so that pages
-- never wait on the engine. Derived data: the staff's note in care_records
-- is the record; a row here is redone when the engine version or the note
-- changes, and deleting the table loses nothing.
CREATE TABLE plain_notes (
    record_id TEXT PRIMARY KEY REFERENCES care_records (id) ON DELETE CASCADE,
    engine_version TEXT NOT NULL,
    -- FNV-1a of the note the row was made from.
    note_hash TEXT NOT NULL,
    -- The PlainNote as JSON.
    body TEXT NOT NULL
);

CREATE INDEX plain_notes_engine_version ON plain_notes (engine_version);
