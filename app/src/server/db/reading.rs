//! Each person's 見やすさ (reading settings).

use sqlx::Row;

use super::{corrupt, flag, Db, DbError};
use crate::domain::ids::PersonId;
use crate::domain::reading::{ReadingSettings, TextSize};
use crate::domain::time::OccurredAt;

/// The person's settings, or the defaults when they never chose.
pub async fn get(db: &Db, person: PersonId) -> Result<ReadingSettings, DbError> {
    let row = sqlx::query(
        "SELECT furigana, text_size, high_contrast FROM reading_settings WHERE person_id = $1",
    )
    .bind(person.to_string())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(ReadingSettings::default());
    };
    let furigana: i64 = row.try_get("furigana")?;
    let size: String = row.try_get("text_size")?;
    let contrast: i64 = row.try_get("high_contrast")?;
    Ok(ReadingSettings {
        furigana: furigana == 1,
        size: TextSize::from_code(&size).ok_or_else(|| corrupt("text size"))?,
        high_contrast: contrast == 1,
    })
}

pub async fn put(
    db: &Db,
    person: PersonId,
    s: ReadingSettings,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO reading_settings (person_id, furigana, text_size, high_contrast, updated_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_id) DO UPDATE SET furigana = $2, text_size = $3, \
         high_contrast = $4, updated_at = $5",
    )
    .bind(person.to_string())
    .bind(flag(s.furigana))
    .bind(s.size.code())
    .bind(flag(s.high_contrast))
    .bind(now.millis())
    .execute(db.pool())
    .await?;
    Ok(())
}
