//! One-time invitation links. The token in the link is 32 random bytes;
//! only its SHA-256 is stored, so neither a database copy nor a log line can
//! be turned back into a working link. A link works once, for 72 hours, and
//! a new invitation for the same person revokes the older ones (that is how
//! a lost phone is recovered: the care manager checks who it is in person
//! and invites them again). Such a lost-phone link is marked, so the person
//! can see who made it; one for 本人 or the legal representative works only
//! once a second member of the team has checked it.

use sqlx::Row;

use crate::domain::ids::{InvitationId, PersonId, RecipientId};
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
    /// A lost-phone link for 本人 or the legal representative that no
    /// second member of the team has checked yet.
    #[error("the link waits for a second check")]
    AwaitingCheck,
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
    insert(db, person, created_by, None, now).await
}

/// Why a lost-phone link was made, and whether it waits for a second check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LostPhone {
    /// The care recipient whose team made it (None: staff, by their
    /// 事業所's administrator).
    pub recipient: Option<RecipientId>,
    pub needs_check: bool,
}

/// A new link for `person`, who lost their phone, made by `created_by`.
/// Their passkeys keep working until the link is used.
pub async fn create_lost_phone(
    db: &Db,
    person: PersonId,
    created_by: PersonId,
    why: LostPhone,
    now: OccurredAt,
) -> Result<(InvitationId, InviteToken), DbError> {
    insert(db, person, Some(created_by), Some(why), now).await
}

async fn insert(
    db: &Db,
    person: PersonId,
    created_by: Option<PersonId>,
    lost_phone: Option<LostPhone>,
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
        "INSERT INTO invitations (id, token_hash, person_id, created_by, created_at, expires_at, \
         lost_phone, recipient_id, needs_check) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.to_string())
    .bind(token.hash())
    .bind(person.to_string())
    .bind(created_by.map(|p| p.to_string()))
    .bind(now.millis())
    .bind(now.millis() + VALID_MS)
    .bind(crate::server::db::flag(lost_phone.is_some()))
    .bind(lost_phone.and_then(|l| l.recipient).map(|r| r.to_string()))
    .bind(crate::server::db::flag(
        lost_phone.is_some_and(|l| l.needs_check),
    ))
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
        "SELECT i.id, i.person_id, i.expires_at, i.used_at, i.revoked_at, i.needs_check, \
         i.checked_at, p.work_ends_on FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.token_hash = $1",
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
    let needs_check: i64 = row.try_get("needs_check")?;
    let checked_at: Option<i64> = row.try_get("checked_at")?;
    if needs_check != 0 && checked_at.is_none() {
        return Err(InviteProblem::AwaitingCheck.into());
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
         AND (needs_check = 0 OR checked_at IS NOT NULL) \
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
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 \
         AND (needs_check = 0 OR checked_at IS NOT NULL)",
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

/// Who made a lost-phone link, and for which recipient's team; None for an
/// ordinary invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeBy {
    pub person: PersonId,
    pub recipient: Option<RecipientId>,
}

/// Who made invitation `id`, when it is a lost-phone link.
pub async fn lost_phone_made_by(
    conn: &mut sqlx::AnyConnection,
    id: InvitationId,
) -> Result<Option<MadeBy>, DbError> {
    let row = sqlx::query(
        "SELECT created_by, recipient_id FROM invitations WHERE id = $1 AND lost_phone = 1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let by: Option<String> = row.try_get("created_by")?;
    let recipient: Option<String> = row.try_get("recipient_id")?;
    let corrupt = |what: &str| DbError::Corrupt(what.into());
    Ok(Some(MadeBy {
        person: by
            .as_deref()
            .and_then(PersonId::parse)
            .ok_or_else(|| corrupt("invitations.created_by"))?,
        recipient: match recipient {
            Some(r) => {
                Some(RecipientId::parse(&r).ok_or_else(|| corrupt("invitations.recipient_id"))?)
            }
            None => None,
        },
    }))
}

/// A lost-phone link, as its person sees it on their account page, or as
/// the team sees one waiting for a second check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostPhoneLink {
    pub id: InvitationId,
    pub person: PersonId,
    pub person_name: String,
    pub made_by: PersonId,
    pub made_by_name: String,
    pub made_at: OccurredAt,
    pub used: bool,
}

const LINK_COLUMNS: &str =
    "SELECT i.id, i.person_id, p.display_name AS person_name, i.created_by, \
     m.display_name AS made_by_name, i.created_at, i.used_at FROM invitations i \
     JOIN people p ON p.id = i.person_id JOIN people m ON m.id = i.created_by";

fn link_from_row(row: &sqlx::any::AnyRow) -> Result<LostPhoneLink, DbError> {
    let corrupt = |what: &str| DbError::Corrupt(what.into());
    let id: String = row.try_get("id")?;
    let person: String = row.try_get("person_id")?;
    let by: String = row.try_get("created_by")?;
    let used: Option<i64> = row.try_get("used_at")?;
    Ok(LostPhoneLink {
        id: InvitationId::parse(&id).ok_or_else(|| corrupt("invitations.id"))?,
        person: PersonId::parse(&person).ok_or_else(|| corrupt("invitations.person_id"))?,
        person_name: row.try_get("person_name")?,
        made_by: PersonId::parse(&by).ok_or_else(|| corrupt("invitations.created_by"))?,
        made_by_name: row.try_get("made_by_name")?,
        made_at: OccurredAt::from_millis(row.try_get("created_at")?),
        used: used.is_some(),
    })
}

/// The lost-phone links made for `person` since `since`, newest first.
pub async fn lost_phone_links_for(
    db: &Db,
    person: PersonId,
    since: OccurredAt,
) -> Result<Vec<LostPhoneLink>, DbError> {
    let sql = format!(
        "{LINK_COLUMNS} WHERE i.person_id = $1 AND i.lost_phone = 1 AND i.created_at >= $2 \
         ORDER BY i.created_at DESC"
    );
    let rows = sqlx::query(&sql)
        .bind(person.to_string())
        .bind(since.millis())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(link_from_row).collect()
}

/// Links for people of `recipient` that still work once a second member of
/// the team has checked them, oldest first.
pub async fn waiting_check(
    db: &Db,
    recipient: RecipientId,
    now: OccurredAt,
) -> Result<Vec<LostPhoneLink>, DbError> {
    let sql = format!(
        "{LINK_COLUMNS} WHERE i.recipient_id = $1 AND i.needs_check = 1 \
         AND i.checked_at IS NULL AND i.used_at IS NULL AND i.revoked_at IS NULL \
         AND i.expires_at > $2 ORDER BY i.created_at"
    );
    let rows = sqlx::query(&sql)
        .bind(recipient.to_string())
        .bind(now.millis())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(link_from_row).collect()
}

/// `by` checks link `id` of `recipient`'s team: only a link that waits for
/// it, made by somebody else and not for `by`. Whom it is for, when done.
pub async fn check_link(
    db: &Db,
    id: InvitationId,
    recipient: RecipientId,
    by: PersonId,
    now: OccurredAt,
) -> Result<Option<PersonId>, DbError> {
    let row = sqlx::query(
        "UPDATE invitations SET checked_by = $1, checked_at = $2 \
         WHERE id = $3 AND recipient_id = $4 AND needs_check = 1 AND checked_at IS NULL \
         AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
         AND created_by <> $1 AND person_id <> $1 RETURNING person_id",
    )
    .bind(by.to_string())
    .bind(now.millis())
    .bind(id.to_string())
    .bind(recipient.to_string())
    .fetch_optional(db.pool())
    .await?;
    match row {
        Some(row) => {
            let person: String = row.try_get("person_id")?;
            Ok(Some(PersonId::parse(&person).ok_or_else(|| {
                DbError::Corrupt("invitations.person_id".into())
            })?))
        }
        None => Ok(None),
    }
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
