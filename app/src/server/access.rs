//! Who may see a care recipient's information: the signed-in person's live
//! care relationship with the recipient and the consents 本人 has given,
//! judged by `domain::policy`. No relationship, no access, whatever the
//! role.

use chrono::NaiveDate;
use sqlx::Row;

use super::db::{Db, DbError};
use crate::domain::classes::{InfoClass, RelationKind, Role};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::policy::{Consent, Viewer};
use crate::domain::time::OccurredAt;

/// How `person` (with `role`) stands towards `recipient` on `today`.
pub async fn viewer(
    db: &Db,
    person: PersonId,
    role: Role,
    recipient: RecipientId,
    today: NaiveDate,
) -> Result<Viewer, DbError> {
    let kind: Option<String> = sqlx::query_scalar(
        "SELECT kind FROM care_relationships \
         WHERE recipient_id = $1 AND person_id = $2 AND (ended_on IS NULL OR ended_on > $3)",
    )
    .bind(recipient.to_string())
    .bind(person.to_string())
    .bind(today.to_string())
    .fetch_optional(db.pool())
    .await?;
    let classes: Vec<String> = sqlx::query_scalar(
        "SELECT class FROM consents \
         WHERE recipient_id = $1 AND person_id = $2 AND revoked_at IS NULL",
    )
    .bind(recipient.to_string())
    .bind(person.to_string())
    .fetch_all(db.pool())
    .await?;
    Ok(Viewer {
        role,
        relation: kind.as_deref().and_then(RelationKind::from_code),
        consent: Consent {
            medical: classes.iter().any(|c| c == InfoClass::Medical.code()),
            acp: classes.iter().any(|c| c == InfoClass::Acp.code()),
        },
    })
}

/// The recipients `person` has a live relationship with.
pub async fn recipients_of(
    db: &Db,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<RecipientId>, DbError> {
    let rows = sqlx::query(
        "SELECT recipient_id FROM care_relationships \
         WHERE person_id = $1 AND (ended_on IS NULL OR ended_on > $2)",
    )
    .bind(person.to_string())
    .bind(today.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("recipient_id")?;
            RecipientId::parse(&id).ok_or_else(|| DbError::Corrupt("recipient id".into()))
        })
        .collect()
}

/// 本人 (`by`) lets a family member see `class` (医療 or ACP).
pub async fn grant<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    recipient: RecipientId,
    family: PersonId,
    class: InfoClass,
    by: PersonId,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO consents (id, recipient_id, person_id, class, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(recipient.to_string())
    .bind(family.to_string())
    .bind(class.code())
    .bind(by.to_string())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

/// Takes a consent back at once; the grant stays in the history.
pub async fn revoke(
    db: &Db,
    recipient: RecipientId,
    family: PersonId,
    class: InfoClass,
    by: PersonId,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE consents SET revoked_at = $1, revoked_by = $2 \
         WHERE recipient_id = $3 AND person_id = $4 AND class = $5 AND revoked_at IS NULL",
    )
    .bind(now.millis())
    .bind(by.to_string())
    .bind(recipient.to_string())
    .bind(family.to_string())
    .bind(class.code())
    .execute(db.pool())
    .await?;
    Ok(())
}
