//! What imports need from storage: the insurance numbers that name a
//! recipient in care software's files, and the keys of what was imported.

use sqlx::{Any, AnyConnection, Executor, Row};

use super::{Db, DbError};
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::time::OccurredAt;

/// Links 保険者番号 + 被保険者番号 to a recipient (replacing earlier numbers).
pub async fn set_insurance<'c>(
    ex: impl Executor<'c, Database = Any>,
    recipient: RecipientId,
    insurer: &str,
    insured: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO recipient_insurance (recipient_id, insurer_number, insured_number) \
         VALUES ($1, $2, $3) ON CONFLICT (recipient_id) DO UPDATE \
         SET insurer_number = excluded.insurer_number, insured_number = excluded.insured_number",
    )
    .bind(recipient.to_string())
    .bind(insurer)
    .bind(insured)
    .execute(ex)
    .await?;
    Ok(())
}

/// The recipient these numbers name, if any.
pub async fn recipient_by_insurance(
    conn: &mut AnyConnection,
    insurer: &str,
    insured: &str,
) -> Result<Option<RecipientId>, DbError> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT recipient_id FROM recipient_insurance \
         WHERE insurer_number = $1 AND insured_number = $2",
    )
    .bind(insurer)
    .bind(insured)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.as_deref().and_then(RecipientId::parse))
}

/// 保険者番号 and 被保険者番号 of a recipient, if recorded.
pub async fn insurance_of(
    db: &Db,
    recipient: RecipientId,
) -> Result<Option<(String, String)>, DbError> {
    let row = sqlx::query(
        "SELECT insurer_number, insured_number FROM recipient_insurance WHERE recipient_id = $1",
    )
    .bind(recipient.to_string())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((r.try_get("insurer_number")?, r.try_get("insured_number")?)))
        .transpose()
}

/// What kind of thing an import key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    CarePlanCsv,
    FhirVitals,
    FhirAllergy,
    FhirPlan,
}

impl KeyKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::CarePlanCsv => "careplan_csv",
            Self::FhirVitals => "fhir_vitals",
            Self::FhirAllergy => "fhir_allergy",
            Self::FhirPlan => "fhir_plan",
        }
    }
}

/// Has this thing, with this very content, been imported before?
pub async fn seen(
    conn: &mut AnyConnection,
    recipient: RecipientId,
    kind: KeyKind,
    key: &str,
    digest: &str,
) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM import_keys \
         WHERE recipient_id = $1 AND kind = $2 AND source_key = $3 AND digest = $4",
    )
    .bind(recipient.to_string())
    .bind(kind.code())
    .bind(key)
    .bind(digest)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Has this thing been imported before with any content?
pub async fn seen_key(
    conn: &mut AnyConnection,
    recipient: RecipientId,
    kind: KeyKind,
    key: &str,
) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM import_keys \
         WHERE recipient_id = $1 AND kind = $2 AND source_key = $3",
    )
    .bind(recipient.to_string())
    .bind(kind.code())
    .bind(key)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

pub async fn remember(
    conn: &mut AnyConnection,
    recipient: RecipientId,
    kind: KeyKind,
    key: &str,
    digest: &str,
    object_id: &str,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO import_keys (recipient_id, kind, source_key, digest, object_id, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(recipient.to_string())
    .bind(kind.code())
    .bind(key)
    .bind(digest)
    .bind(object_id)
    .bind(now.millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The live team member of `recipient` whose name is `name` (spaces, full-
/// or half-width, ignored), with their 事業所: who a file says wrote a plan.
pub async fn team_member_named(
    conn: &mut AnyConnection,
    recipient: RecipientId,
    name: &str,
) -> Result<Option<(PersonId, ProviderId)>, DbError> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let wanted = squash(name);
    if wanted.is_empty() {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT p.id, p.display_name, p.provider_id FROM care_relationships c \
         JOIN people p ON p.id = c.person_id \
         WHERE c.recipient_id = $1 AND c.kind = 'team' AND c.ended_on IS NULL \
         AND p.provider_id IS NOT NULL ORDER BY p.id",
    )
    .bind(recipient.to_string())
    .fetch_all(&mut *conn)
    .await?;
    for r in rows {
        let display: String = r.try_get("display_name")?;
        if squash(&display) == wanted {
            return Ok(member_ids(&r));
        }
    }
    Ok(None)
}

/// The recipient's care manager (the first, if several) with their 事業所:
/// who stands behind an import from the command line.
pub async fn care_manager_of(
    db: &Db,
    recipient: RecipientId,
) -> Result<Option<(PersonId, ProviderId)>, DbError> {
    let row = sqlx::query(
        "SELECT p.id, p.provider_id FROM care_relationships c \
         JOIN people p ON p.id = c.person_id \
         WHERE c.recipient_id = $1 AND c.kind = 'team' AND c.ended_on IS NULL \
         AND p.role = 'care_manager' AND p.provider_id IS NOT NULL \
         ORDER BY c.started_on, p.id LIMIT 1",
    )
    .bind(recipient.to_string())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.as_ref().and_then(member_ids))
}

fn member_ids(r: &sqlx::any::AnyRow) -> Option<(PersonId, ProviderId)> {
    let person: String = r.try_get("id").ok()?;
    let provider: Option<String> = r.try_get("provider_id").ok()?;
    Some((
        PersonId::parse(&person)?,
        ProviderId::parse(provider.as_deref()?)?,
    ))
}
