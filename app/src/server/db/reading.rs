//! Each person's 見やすさ (reading settings).

use super::{corrupt, flag, Db, DbError};
use crate::domain::ids::PersonId;
use crate::domain::reading::{ReadingSettings, TextSize};
use crate::domain::time::OccurredAt;

/// The settings stored in `reading_settings` (read joined to another
/// table; all None: the person never chose, so the defaults).
pub(crate) fn from_columns(
    furigana: Option<i64>,
    size: Option<String>,
    contrast: Option<i64>,
) -> Result<ReadingSettings, DbError> {
    Ok(match (furigana, size, contrast) {
        (Some(furigana), Some(size), Some(contrast)) => ReadingSettings {
            furigana: furigana == 1,
            size: TextSize::from_code(&size).ok_or_else(|| corrupt("text size"))?,
            high_contrast: contrast == 1,
        },
        _ => ReadingSettings::default(),
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
