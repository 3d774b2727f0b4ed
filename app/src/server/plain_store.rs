//! Plain-Japanese conversions cached per record and engine version, so a
//! page reads stored sentences instead of waiting on the engine. A stored
//! conversion is used only when it was made by this engine version from
//! this very note; otherwise the note is converted again and stored.

use super::db::plain_notes::{self, StoredNote};
use super::db::records::Listed;
use super::db::{Db, DbError};
use super::plain::Engine;
use crate::domain::ids::RecordId;
use crate::domain::plain::PlainNote;
use crate::domain::time::OccurredAt;

/// FNV-1a of the note: notices a corrected note without storing it twice.
pub fn note_hash(note: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in note.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The stored plain version of a note written just now (a visit converts
/// its notes as it is saved, so its readers find them ready).
pub fn stored(engine: &Engine, record: RecordId, note: &str) -> StoredNote {
    convert(engine, record, note).1
}

/// Converts one note and gives the row that stores the result.
fn convert(engine: &Engine, record: RecordId, note: &str) -> (PlainNote, StoredNote) {
    let plain = engine.convert(note);
    let row = StoredNote {
        record,
        engine_version: Engine::VERSION.to_string(),
        note_hash: note_hash(note),
        // A PlainNote is strings and numbers; serialising cannot fail.
        body: serde_json::to_string(&plain).unwrap_or_default(),
    };
    (plain, row)
}

/// The plain version of each listed record's note, in their order: the
/// stored conversion when it is this engine's, of this very note;
/// otherwise converted now and stored.
pub async fn notes_for(db: &Db, engine: &Engine, listed: &[Listed]) -> Vec<PlainNote> {
    let mut out = Vec::with_capacity(listed.len());
    for Listed { record, stored } in listed {
        let hit = stored
            .as_ref()
            .filter(|s| s.engine_version == Engine::VERSION)
            .filter(|s| s.note_hash == note_hash(&record.note))
            .and_then(|s| serde_json::from_str::<PlainNote>(&s.body).ok());
        let note = match hit {
            Some(note) => note,
            None => {
                let (plain, row) = convert(engine, record.id, &record.note);
                // The reader still gets the sentences if storing fails.
                if let Err(e) = plain_notes::put(db.pool(), &row).await {
                    tracing::warn!(error = %e, "could not store a plain conversion");
                }
                plain
            }
        };
        out.push(note);
    }
    out
}

/// Converts the notes written since `since` that have no conversion by
/// this engine version yet, recipient by recipient, newest first. Run at
/// start-up so the first readers of each day find their pages ready;
/// older pages are converted when someone first opens them (`notes_for`)
/// and kept. Returns how many notes were converted.
pub async fn warm(db: &Db, engine: &Engine, since: OccurredAt) -> Result<usize, DbError> {
    const BATCH: i64 = 500;
    let mut done = 0;
    for recipient in super::db::people::recipient_ids(db).await? {
        loop {
            let batch =
                plain_notes::missing(db, Engine::VERSION, recipient, since.millis(), BATCH).await?;
            if batch.is_empty() {
                break;
            }
            for (record, note) in batch {
                let (_, row) = convert(engine, record, &note);
                plain_notes::put(db.pool(), &row).await?;
                done += 1;
            }
        }
    }
    Ok(done)
}
