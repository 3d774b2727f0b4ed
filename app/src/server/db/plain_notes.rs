//! Stored plain-Japanese conversions of care-record notes (derived data;
//! `server::plain::store` decides when a row is still good).

use sqlx::Row;

use super::{corrupt, Db, DbError};
use crate::domain::ids::{RecipientId, RecordId};

#[derive(Debug, Clone)]
pub struct StoredNote {
    pub record: RecordId,
    pub engine_version: String,
    pub note_hash: String,
    pub body: String,
}

/// Stores (or replaces) the conversion of one record's note.
pub async fn put<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    note: &StoredNote,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO plain_notes (record_id, engine_version, note_hash, body) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (record_id) DO UPDATE SET engine_version = excluded.engine_version, \
         note_hash = excluded.note_hash, body = excluded.body",
    )
    .bind(note.record.to_string())
    .bind(&note.engine_version)
    .bind(&note.note_hash)
    .bind(&note.body)
    .execute(ex)
    .await?;
    Ok(())
}

/// Up to `limit` of one recipient's records since `since_ms` with a note
/// but no conversion by `engine_version`: (id, note). Asked per recipient
/// along their timeline index: an anti-join over every record of a big
/// deployment scans both tables whole (minutes on 16 million records).
pub async fn missing(
    db: &Db,
    engine_version: &str,
    recipient: RecipientId,
    since_ms: i64,
    limit: i64,
) -> Result<Vec<(RecordId, String)>, DbError> {
    let rows = sqlx::query(
        "SELECT r.id, r.note FROM care_records r \
         LEFT JOIN plain_notes n ON n.record_id = r.id AND n.engine_version = $1 \
         WHERE r.recipient_id = $2 AND r.occurred_at >= $3 \
         AND n.record_id IS NULL AND r.note <> '' \
         ORDER BY r.occurred_at DESC, r.id LIMIT $4",
    )
    .bind(engine_version)
    .bind(recipient.to_string())
    .bind(since_ms)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let id = RecordId::parse(&id).ok_or_else(|| corrupt("care_records.id"))?;
            Ok((id, row.try_get("note")?))
        })
        .collect()
}
