//! What imports need from storage: the insurance numbers and registered
//! identifiers that name a recipient in other systems' files, and the keys
//! of what was imported.

use sqlx::{Any, AnyConnection, Executor, Row};

use super::{Db, DbError};
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::patient_identifier::PatientIdentifier;
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

/// The recipients with this 被保険者番号: one per 保険者 at most (the number
/// is unique only within its 保険者).
pub async fn recipients_by_insured(db: &Db, insured: &str) -> Result<Vec<RecipientId>, DbError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT recipient_id FROM recipient_insurance WHERE insured_number = $1 \
         ORDER BY recipient_id",
    )
    .bind(insured)
    .fetch_all(db.pool())
    .await?;
    Ok(ids.iter().filter_map(|id| RecipientId::parse(id)).collect())
}

/// The recipient `id` was registered for, if any.
pub async fn recipient_by_identifier(
    db: &Db,
    id: &PatientIdentifier,
) -> Result<Option<RecipientId>, DbError> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT recipient_id FROM recipient_identifiers WHERE system = $1 AND value = $2",
    )
    .bind(id.system())
    .bind(id.value())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.as_deref().and_then(RecipientId::parse))
}

/// What registering an identifier did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    Added,
    /// Registered for her before; nothing changed.
    AlreadyHers,
    /// Registered for another recipient; nothing changed.
    Anothers,
}

/// Registers `id` for `recipient`, unless some recipient has it already.
/// `by` is None for the command line on the server.
pub async fn register_identifier(
    db: &Db,
    recipient: RecipientId,
    id: &PatientIdentifier,
    by: Option<PersonId>,
    now: OccurredAt,
) -> Result<Registration, DbError> {
    // ON CONFLICT: two registrations at once cannot both take the number.
    let added = sqlx::query(
        "INSERT INTO recipient_identifiers \
         (recipient_id, system, value, registered_by, registered_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (system, value) DO NOTHING",
    )
    .bind(recipient.to_string())
    .bind(id.system())
    .bind(id.value())
    .bind(by.map(|p| p.to_string()))
    .bind(now.millis())
    .execute(db.pool())
    .await?
    .rows_affected();
    if added > 0 {
        return Ok(Registration::Added);
    }
    match recipient_by_identifier(db, id).await? {
        Some(r) if r == recipient => Ok(Registration::AlreadyHers),
        _ => Ok(Registration::Anothers),
    }
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
