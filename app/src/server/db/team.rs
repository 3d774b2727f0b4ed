//! The people around one recipient: who is in the care relationship, since
//! when, until when, and who may decide for 本人.

use chrono::NaiveDate;
use sqlx::Row;

use super::{corrupt, flag, Db, DbError};
use crate::domain::classes::{EndReason, RelationKind, Role};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::people::Member;

/// Everyone who is or was in a relationship with `recipient`: 本人 first,
/// then family, then the team; by name within each.
pub async fn members(db: &Db, recipient: RecipientId) -> Result<Vec<Member>, DbError> {
    let rows = sqlx::query(
        "SELECT c.person_id, p.display_name, p.role, c.kind, c.family_relation, c.started_on, \
         c.ended_on, c.end_reason, c.legal_representative, v.name AS provider_name, \
         (SELECT COUNT(*) FROM passkeys k WHERE k.person_id = c.person_id) AS passkeys \
         FROM care_relationships c \
         JOIN people p ON p.id = c.person_id \
         LEFT JOIN providers v ON v.id = p.provider_id \
         WHERE c.recipient_id = $1 \
         ORDER BY CASE c.kind WHEN 'self' THEN 0 WHEN 'family' THEN 1 ELSE 2 END, \
                  p.display_name, c.person_id",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let person: String = r.try_get("person_id")?;
            let role: String = r.try_get("role")?;
            let kind: String = r.try_get("kind")?;
            let started: String = r.try_get("started_on")?;
            let ended: Option<String> = r.try_get("ended_on")?;
            let reason: Option<String> = r.try_get("end_reason")?;
            let date = |s: &str| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt("relationship date"))
            };
            let ended = match (ended, reason) {
                (Some(on), Some(why)) => Some((
                    date(&on)?,
                    EndReason::from_code(&why).ok_or_else(|| corrupt("end reason"))?,
                )),
                _ => None,
            };
            let representative: i64 = r.try_get("legal_representative")?;
            let passkeys: i64 = r.try_get("passkeys")?;
            Ok(Member {
                person: PersonId::parse(&person).ok_or_else(|| corrupt("person id"))?,
                name: r.try_get("display_name")?,
                role: Role::from_code(&role).ok_or_else(|| corrupt("role"))?,
                kind: RelationKind::from_code(&kind).ok_or_else(|| corrupt("relation kind"))?,
                family_relation: r.try_get("family_relation")?,
                provider: r.try_get("provider_name")?,
                started_on: date(&started)?,
                ended,
                representative: representative == 1,
                joined: passkeys > 0,
            })
        })
        .collect()
}

/// Sets the day `person`'s relationship with `recipient` ends (access
/// ends at the start of that day). A relationship that has already ended
/// stays as it was: it is history. Returns whether anything changed.
pub async fn end_relationship(
    db: &Db,
    recipient: RecipientId,
    person: PersonId,
    on: NaiveDate,
    reason: EndReason,
    today: NaiveDate,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE care_relationships SET ended_on = $1, end_reason = $2 \
         WHERE recipient_id = $3 AND person_id = $4 AND (ended_on IS NULL OR ended_on > $5)",
    )
    .bind(on.to_string())
    .bind(reason.code())
    .bind(recipient.to_string())
    .bind(person.to_string())
    .bind(today.to_string())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records (or clears) a family member as 本人's legal representative.
pub async fn set_representative(
    db: &Db,
    recipient: RecipientId,
    person: PersonId,
    yes: bool,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE care_relationships SET legal_representative = $1 \
         WHERE recipient_id = $2 AND person_id = $3 AND kind = 'family'",
    )
    .bind(flag(yes))
    .bind(recipient.to_string())
    .bind(person.to_string())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Staff a care manager may add to a team: everyone with a staff role
/// except administrators and those whose work is set to end (or has
/// ended), with their 事業所, by name.
pub async fn staff(db: &Db) -> Result<Vec<(PersonId, String, Role, Option<String>)>, DbError> {
    let rows = sqlx::query(
        "SELECT p.id, p.display_name, p.role, v.name AS provider_name FROM people p \
         LEFT JOIN providers v ON v.id = p.provider_id \
         WHERE p.role IN ('care_manager', 'care_worker', 'nurse', 'doctor', 'dietitian', \
                          'community_center') \
         AND p.work_ends_on IS NULL \
         ORDER BY v.name, p.display_name, p.id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let role: String = r.try_get("role")?;
            Ok((
                PersonId::parse(&id).ok_or_else(|| corrupt("person id"))?,
                r.try_get("display_name")?,
                Role::from_code(&role).ok_or_else(|| corrupt("role"))?,
                r.try_get("provider_name")?,
            ))
        })
        .collect()
}
