//! A staff member's work for their 事業所 (`people.provider_id`) and its
//! end. See docs/access.md, "Ending a staff member's work".

use chrono::NaiveDate;

use super::{corrupt, Db, DbError};
use crate::domain::classes::EndReason;
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::time::OccurredAt;

/// What asking to end someone's work did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ended(Ended),
    /// Their work already ends on this day or sooner: nothing changed.
    AlreadyEnding(NaiveDate),
    /// A 事業所 they administer would be left without an administrator:
    /// nothing changed.
    LastAdministrator,
}

/// What an end changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ended {
    /// The recipients whose care relationship with them ends that day.
    pub recipients: Vec<RecipientId>,
    /// The day is today: their sessions, passkeys, invitations and the
    /// integration tokens they made ended now.
    pub at_once: bool,
}

/// Ends `person`'s work from the start of `on` (today or later), as
/// administrator `by` asks: their care relationships end that day; when
/// it is today, their sessions, passkeys, unused links and the
/// integration tokens they made end now (on a later day, signing in and
/// every session are refused from that day: `sessions::resume`,
/// `Passkeys::finish_sign_in`, `invitations::check`, `api_tokens::verify`).
/// A day may be moved sooner, never later. Every check is made in the
/// transaction that writes, and a refusal writes nothing.
pub async fn end(
    db: &Db,
    person: PersonId,
    on: NaiveDate,
    by: PersonId,
    today: NaiveDate,
    now: OccurredAt,
) -> Result<Outcome, DbError> {
    let me = person.to_string();
    let day = on.to_string();
    let mut tx = db.pool().begin().await?;
    // Two administrators ending each other's work at once must not both
    // see the other one staying: writing the rows of the 事業所 they
    // administer first makes the second wait for the first (a row lock on
    // PostgreSQL, the write lock on SQLite) and then read what it wrote.
    sqlx::query(
        "UPDATE providers SET name = name \
         WHERE id IN (SELECT provider_id FROM provider_admins WHERE person_id = $1)",
    )
    .bind(&me)
    .execute(&mut *tx)
    .await?;
    let set: Option<Option<String>> =
        sqlx::query_scalar("SELECT work_ends_on FROM people WHERE id = $1")
            .bind(&me)
            .fetch_optional(&mut *tx)
            .await?;
    let set = set.ok_or(DbError::NotFound("person"))?;
    if let Some(set) = set.as_deref().map(parse_day).transpose()? {
        if set <= on {
            return Ok(Outcome::AlreadyEnding(set));
        }
    }
    // A 事業所 they administer where no other administrator stays (one
    // whose work is set to end does not count).
    let orphaned: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM provider_admins a WHERE a.person_id = $1 AND NOT EXISTS (\
         SELECT 1 FROM provider_admins o JOIN people p ON p.id = o.person_id \
         WHERE o.provider_id = a.provider_id AND o.person_id <> $1 AND p.work_ends_on IS NULL)",
    )
    .bind(&me)
    .fetch_one(&mut *tx)
    .await?;
    if orphaned > 0 {
        return Ok(Outcome::LastAdministrator);
    }
    sqlx::query("UPDATE people SET work_ends_on = $1, work_end_by = $2 WHERE id = $3")
        .bind(&day)
        .bind(by.to_string())
        .bind(&me)
        .execute(&mut *tx)
        .await?;
    // Relationships that would still be live on that day; those already
    // ended stay as they were (history).
    let live = "person_id = $2 AND (ended_on IS NULL OR ended_on > $1)";
    let recipients: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT recipient_id FROM care_relationships WHERE {live} ORDER BY recipient_id"
    ))
    .bind(&day)
    .bind(&me)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE care_relationships SET ended_on = $1, end_reason = $3 WHERE {live}"
    ))
    .bind(&day)
    .bind(&me)
    .bind(EndReason::LeftProvider.code())
    .execute(&mut *tx)
    .await?;
    let at_once = on <= today;
    if at_once {
        for sql in [
            "UPDATE sessions SET ended_at = $2 WHERE person_id = $1 AND ended_at IS NULL",
            "UPDATE invitations SET revoked_at = $2 \
             WHERE person_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
            "UPDATE api_tokens SET revoked_at = $2 WHERE created_by = $1 AND revoked_at IS NULL",
        ] {
            sqlx::query(sql)
                .bind(&me)
                .bind(now.millis())
                .execute(&mut *tx)
                .await?;
        }
        for sql in [
            "DELETE FROM passkeys WHERE person_id = $1",
            "DELETE FROM ceremonies WHERE person_id = $1",
        ] {
            sqlx::query(sql).bind(&me).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(Outcome::Ended(Ended {
        recipients: recipients
            .iter()
            .map(|r| RecipientId::parse(r).ok_or_else(|| corrupt("relationship recipient")))
            .collect::<Result<_, _>>()?,
        at_once,
    }))
}

/// Whether work that ends on `ends_on` (as stored) has ended by `today`.
pub(crate) fn has_ended(ends_on: Option<&str>, today: NaiveDate) -> Result<bool, DbError> {
    Ok(ends_on
        .map(parse_day)
        .transpose()?
        .is_some_and(|on| on <= today))
}

/// A stored day (`YYYY-MM-DD`).
pub(crate) fn parse_day(raw: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| corrupt("work end day"))
}

/// The day `person`'s work ends (or ended), if one is set.
pub async fn ends_on(db: &Db, person: PersonId) -> Result<Option<NaiveDate>, DbError> {
    let set: Option<Option<String>> =
        sqlx::query_scalar("SELECT work_ends_on FROM people WHERE id = $1")
            .bind(person.to_string())
            .fetch_optional(db.pool())
            .await?;
    set.flatten().as_deref().map(parse_day).transpose()
}
