//! 人生会議 versions. A version is written once; saving makes the next
//! one, and only on top of the newest (the version check).

use sqlx::Row;

use super::{corrupt, Db, DbError};
use crate::domain::acp::{AcpAnswers, AcpVersion};
use crate::domain::classes::RelationKind;
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::time::OccurredAt;

pub struct NewVersion<'a> {
    pub recipient: RecipientId,
    /// The version the writer started from (0: there was none).
    pub base: i64,
    pub answers: &'a AcpAnswers,
    pub author: PersonId,
    pub relation: RelationKind,
    pub at: OccurredAt,
}

/// What happened to a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The new version's number and id.
    New { version: i64, id: String },
    /// Someone saved a newer version first: nothing was written.
    Stale,
}

/// Saves `base + 1` only while `base` is the newest version. Two writers
/// on the same base: the INSERT's condition and UNIQUE (recipient_id,
/// version) let exactly one in, on SQLite and PostgreSQL alike.
pub async fn save<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    v: NewVersion<'_>,
) -> Result<Saved, DbError> {
    let answers = serde_json::to_string(v.answers).map_err(|_| corrupt("acp answers"))?;
    let id = uuid::Uuid::now_v7().to_string();
    let version = v.base + 1;
    let result = sqlx::query(
        "INSERT INTO acp_versions (id, recipient_id, version, author_id, author_relation, \
         written_at, discussed_on, answers) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
         WHERE (SELECT COALESCE(MAX(version), 0) FROM acp_versions WHERE recipient_id = $9) = $10",
    )
    .bind(&id)
    .bind(v.recipient.to_string())
    .bind(version)
    .bind(v.author.to_string())
    .bind(v.relation.code())
    .bind(v.at.millis())
    .bind(v.answers.discussed_on.map(|d| d.to_string()))
    .bind(answers)
    .bind(v.recipient.to_string())
    .bind(v.base)
    .execute(ex)
    .await;
    match result {
        Ok(r) if r.rows_affected() == 1 => Ok(Saved::New { version, id }),
        Ok(_) => Ok(Saved::Stale),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Saved::Stale),
        Err(e) => Err(e.into()),
    }
}

const SELECT: &str = "SELECT a.id, a.version, p.display_name, a.author_relation, a.written_at, \
     a.answers FROM acp_versions a JOIN people p ON p.id = a.author_id";

/// Every version, newest first.
pub async fn versions(db: &Db, recipient: RecipientId) -> Result<Vec<AcpVersion>, DbError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE a.recipient_id = $1 ORDER BY a.version DESC"
    ))
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The newest version, if any.
pub async fn latest(db: &Db, recipient: RecipientId) -> Result<Option<AcpVersion>, DbError> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE a.recipient_id = $1 ORDER BY a.version DESC LIMIT 1"
    ))
    .bind(recipient.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(from_row).transpose()
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<AcpVersion, DbError> {
    let relation: String = r.try_get("author_relation")?;
    let answers: String = r.try_get("answers")?;
    Ok(AcpVersion {
        id: r.try_get("id")?,
        version: r.try_get("version")?,
        author_name: r.try_get("display_name")?,
        author_relation: RelationKind::from_code(&relation)
            .ok_or_else(|| corrupt("acp author relation"))?,
        written_at: r.try_get("written_at")?,
        answers: serde_json::from_str(&answers).map_err(|_| corrupt("acp answers"))?,
    })
}
