//! 医療の情報 items.

use sqlx::{Any, Executor, Row};

use super::{corrupt, flag, Db, DbError};
use crate::domain::classes::InfoClass;
use crate::domain::ids::{MedicalItemId, PersonId, RecipientId};
use crate::domain::medical::*;
use crate::domain::policy::Shown;
use crate::domain::time::OccurredAt;

pub async fn insert_medical_item<'c>(
    ex: impl Executor<'c, Database = Any>,
    m: &NewMedicalItem,
    now: OccurredAt,
) -> Result<MedicalItemId, DbError> {
    let id = MedicalItemId::new();
    sqlx::query(
        "INSERT INTO medical_items (id, recipient_id, author_id, recorded_at, kind, title, detail, \
         dysphagia_code, info_class, team_only, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id.to_string())
    .bind(m.recipient.to_string())
    .bind(m.author.to_string())
    .bind(m.recorded_at.millis())
    .bind(m.kind.code())
    .bind(m.title.as_str())
    .bind(m.detail.as_str())
    .bind(m.dysphagia_code.map(|c| c.code()))
    .bind(m.class.code())
    .bind(flag(m.team_only))
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

pub async fn medical_items(db: &Db, recipient: RecipientId) -> Result<Vec<MedicalItem>, DbError> {
    let rows = sqlx::query(
        "SELECT id, author_id, recorded_at, kind, title, detail, dysphagia_code, info_class, \
         team_only FROM medical_items WHERE recipient_id = $1 ORDER BY kind, recorded_at, id",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| item_from_row(recipient, r)).collect()
}

fn item_from_row(recipient: RecipientId, r: &sqlx::any::AnyRow) -> Result<MedicalItem, DbError> {
    let id: String = r.try_get("id")?;
    let author: String = r.try_get("author_id")?;
    let kind: String = r.try_get("kind")?;
    let title: String = r.try_get("title")?;
    let detail: String = r.try_get("detail")?;
    let code: Option<String> = r.try_get("dysphagia_code")?;
    let class: String = r.try_get("info_class")?;
    let team_only: i64 = r.try_get("team_only")?;
    Ok(MedicalItem {
        id: MedicalItemId::parse(&id).ok_or_else(|| corrupt("medical id"))?,
        item: NewMedicalItem {
            recipient,
            author: PersonId::parse(&author).ok_or_else(|| corrupt("author"))?,
            recorded_at: OccurredAt::from_millis(r.try_get("recorded_at")?),
            kind: MedicalKind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
            title: MedicalTitle::parse(&title).map_err(|_| corrupt("title"))?,
            detail: MedicalDetail::parse(&detail).map_err(|_| corrupt("detail"))?,
            dysphagia_code: code
                .map(|c| DysphagiaCode::parse(&c).map_err(|_| corrupt("code")))
                .transpose()?,
            class: InfoClass::from_code(&class).ok_or_else(|| corrupt("info_class"))?,
            team_only: team_only != 0,
        },
    })
}

/// The medical items a viewer may see, filtered in the query: items of a
/// class `shown` allows, plus 医療 items of the `kinds` daily care needs
/// (for staff who see only those), never チーム内 ones unless `shown` says.
pub async fn visible_items(
    db: &Db,
    recipient: RecipientId,
    shown: &Shown,
    kinds: &[MedicalKind],
) -> Result<Vec<(MedicalItem, String)>, DbError> {
    let mut next = 2;
    let mut marks = |n: usize| {
        let m: Vec<String> = (next..next + n).map(|i| format!("${i}")).collect();
        next += n;
        m.join(", ")
    };
    let by_class = if shown.classes.is_empty() {
        "1 = 0".to_string()
    } else {
        format!("m.info_class IN ({})", marks(shown.classes.len()))
    };
    let by_kind = if kinds.is_empty() {
        "1 = 0".to_string()
    } else {
        format!(
            "(m.info_class = 'medical' AND m.kind IN ({}))",
            marks(kinds.len())
        )
    };
    let team_only = if shown.team_only {
        ""
    } else {
        " AND m.team_only = 0"
    };
    let sql = format!(
        "SELECT m.id, m.author_id, m.recorded_at, m.kind, m.title, m.detail, m.dysphagia_code, \
         m.info_class, m.team_only, p.display_name AS author_name \
         FROM medical_items m JOIN people p ON p.id = m.author_id \
         WHERE m.recipient_id = $1 AND ({by_class} OR {by_kind}){team_only} \
         ORDER BY m.kind, m.recorded_at, m.id"
    );
    let mut q = sqlx::query(&sql).bind(recipient.to_string());
    for c in &shown.classes {
        q = q.bind(c.code());
    }
    for k in kinds {
        q = q.bind(k.code());
    }
    let rows = q.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            let author_name: String = r.try_get("author_name")?;
            Ok((item_from_row(recipient, r)?, author_name))
        })
        .collect()
}
