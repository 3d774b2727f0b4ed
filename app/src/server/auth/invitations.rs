//! One-time invitation links. The token in the link is 32 random bytes;
//! only its SHA-256 is stored, so neither a database copy nor a log line can
//! be turned back into a working link. A link works once, for 72 hours, and
//! a new invitation for the same person revokes the older ones (that is how
//! a lost phone is recovered: the care manager checks who it is in person
//! and invites them again).

use sqlx::Row;

use crate::domain::ids::{InvitationId, PersonId};
use crate::domain::time::OccurredAt;
use crate::server::db::{Db, DbError};

/// How long a link works.
pub const VALID_MS: i64 = 72 * 60 * 60 * 1000;

secret_token!(
    /// The secret part of an invitation link, as it appears in the URL.
    InviteToken
);

/// Why a link does not work; each has its own plain message on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InviteProblem {
    #[error("no such invitation")]
    Unknown,
    #[error("the invitation has expired")]
    Expired,
    #[error("the invitation was already used")]
    Used,
    #[error("a newer invitation replaced this one")]
    Revoked,
    /// The person's work for their 事業所 has ended.
    #[error("the person's work has ended")]
    WorkEnded,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error(transparent)]
    Invalid(#[from] InviteProblem),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for InviteError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e.into())
    }
}

/// Invites `person` (already stored), revoking their unused older links.
pub async fn create(
    db: &Db,
    person: PersonId,
    created_by: Option<PersonId>,
    now: OccurredAt,
) -> Result<(InvitationId, InviteToken), DbError> {
    let id = InvitationId::new();
    let token = InviteToken::random();
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "UPDATE invitations SET revoked_at = $1 \
         WHERE person_id = $2 AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now.millis())
    .bind(person.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO invitations (id, token_hash, person_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.to_string())
    .bind(token.hash())
    .bind(person.to_string())
    .bind(created_by.map(|p| p.to_string()))
    .bind(now.millis())
    .bind(now.millis() + VALID_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((id, token))
}

/// Whom a link invites, if it still works (it is not used up here).
pub async fn check(db: &Db, token: &InviteToken, now: OccurredAt) -> Result<PersonId, InviteError> {
    Ok(find(db, token, now).await?.1)
}

/// The invitation a link is and whom it invites, if it still works.
pub async fn find(
    db: &Db,
    token: &InviteToken,
    now: OccurredAt,
) -> Result<(InvitationId, PersonId), InviteError> {
    let row = sqlx::query(
        "SELECT i.id, i.person_id, i.expires_at, i.used_at, i.revoked_at, p.work_ends_on \
         FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.token_hash = $1",
    )
    .bind(token.hash())
    .fetch_optional(db.pool())
    .await?
    .ok_or(InviteProblem::Unknown)?;
    let used: Option<i64> = row.try_get("used_at")?;
    let revoked: Option<i64> = row.try_get("revoked_at")?;
    let expires: i64 = row.try_get("expires_at")?;
    if used.is_some() {
        return Err(InviteProblem::Used.into());
    }
    if revoked.is_some() {
        return Err(InviteProblem::Revoked.into());
    }
    if expires <= now.millis() {
        return Err(InviteProblem::Expired.into());
    }
    let work_ends_on: Option<String> = row.try_get("work_ends_on")?;
    if crate::server::db::membership::has_ended(work_ends_on.as_deref(), now.jst_date())? {
        return Err(InviteProblem::WorkEnded.into());
    }
    let id: String = row.try_get("id")?;
    let person: String = row.try_get("person_id")?;
    let corrupt = |what: &str| InviteError::from(DbError::Corrupt(what.into()));
    Ok((
        InvitationId::parse(&id).ok_or_else(|| corrupt("invitations.id"))?,
        PersonId::parse(&person).ok_or_else(|| corrupt("invitations.person_id"))?,
    ))
}

/// Uses the invitation up inside the caller's transaction, if it still
/// works at this moment (another tab may have used it since it was
/// checked, or the person's work ended).
pub async fn redeem_in(
    conn: &mut sqlx::AnyConnection,
    id: InvitationId,
    now: OccurredAt,
) -> Result<(), InviteError> {
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $1 WHERE id = $2 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 \
         AND person_id IN (SELECT p.id FROM people p \
             WHERE p.work_ends_on IS NULL OR p.work_ends_on > $3)",
    )
    .bind(now.millis())
    .bind(id.to_string())
    .bind(now.jst_date().to_string())
    .execute(conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(InviteProblem::Used.into());
    }
    Ok(())
}

/// Uses a link up: only one of two people (or two tabs) racing with the
/// same link gets through.
pub async fn redeem(
    db: &Db,
    token: &InviteToken,
    now: OccurredAt,
) -> Result<PersonId, InviteError> {
    let person = check(db, token, now).await?;
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1",
    )
    .bind(now.millis())
    .bind(token.hash())
    .execute(db.pool())
    .await?;
    if done.rows_affected() != 1 {
        return Err(InviteProblem::Used.into());
    }
    Ok(person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_hex_and_never_printed() {
        let a = InviteToken::random();
        let b = InviteToken::random();
        assert_ne!(a, b);
        assert_eq!(InviteToken::parse(a.as_str()), Some(a.clone()));
        assert_eq!(format!("{a:?}"), "InviteToken(…)");
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.as_str());
        for bad in ["", "abc", &"g".repeat(64), &"A".repeat(64), &"0".repeat(65)] {
            assert_eq!(InviteToken::parse(bad), None, "{bad}");
        }
    }
}
