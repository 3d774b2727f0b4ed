//! Refused forms kept for their writer until the page shows them again.

use super::{Db, DbError};
use crate::domain::ids::PersonId;
use crate::domain::time::OccurredAt;

/// A draft older than this is not shown (the person has moved on).
const KEEP_MS: i64 = 60 * 60 * 1000;

pub async fn put(
    db: &Db,
    person: PersonId,
    form: &str,
    body: &str,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO form_drafts (person_id, form, body, saved_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id, form) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
    )
    .bind(person.to_string())
    .bind(form)
    .bind(body)
    .bind(now.millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Takes the draft of `form` (it is deleted), if a fresh one is there.
pub async fn take(
    db: &Db,
    person: PersonId,
    form: &str,
    now: OccurredAt,
) -> Result<Option<String>, DbError> {
    let mut tx = db.pool().begin().await?;
    let found: Option<(String, i64)> =
        sqlx::query_as("SELECT body, saved_at FROM form_drafts WHERE person_id = $1 AND form = $2")
            .bind(person.to_string())
            .bind(form)
            .fetch_optional(&mut *tx)
            .await?;
    if found.is_some() {
        sqlx::query("DELETE FROM form_drafts WHERE person_id = $1 AND form = $2")
            .bind(person.to_string())
            .bind(form)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(found
        .filter(|(_, at)| now.millis() - at <= KEEP_MS)
        .map(|(body, _)| body))
}

/// Removes every draft too old to be shown: a refused form holds what was
/// typed (health data) and nobody will see it again. The server runs this
/// every few minutes.
pub async fn sweep(db: &Db, now: OccurredAt) -> Result<u64, DbError> {
    let done = sqlx::query("DELETE FROM form_drafts WHERE saved_at < $1")
        .bind(now.millis() - KEEP_MS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
