//! Signing up with an invitation link: the passkey's ceremony must have
//! been started with this very invitation, and every check and write is
//! one transaction, so a refusal leaves no passkey and the link unused.

use webauthn_rs::prelude::RegisterPublicKeyCredential;

use super::invitations::{self, InviteError, InviteToken};
use super::passkeys::{self, PasskeyError, Passkeys, Registration};
use super::sessions::{self, SessionToken};
use crate::domain::classes::Role;
use crate::domain::ids::PersonId;
use crate::domain::time::OccurredAt;
use crate::server::db::{self, Db, DbError};

#[derive(Debug, thiserror::Error)]
pub enum SignUpError {
    #[error(transparent)]
    Invite(#[from] InviteError),
    #[error(transparent)]
    Passkey(#[from] PasskeyError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for SignUpError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e.into())
    }
}

/// What signing up did.
#[derive(Debug)]
pub struct SignedUp {
    pub person: PersonId,
    pub role: Role,
    /// The new session's token, for the cookie.
    pub session: SessionToken,
    /// Older passkeys and sessions that stopped working (a lost phone).
    pub passkeys_removed: u64,
    pub sessions_ended: u64,
    /// Who made the link, when it was one for a lost phone.
    pub lost_phone: Option<invitations::MadeBy>,
}

/// The answer the browser sent to finish signing up.
pub struct Answer<'a> {
    pub ceremony: &'a str,
    pub credential: &'a RegisterPublicKeyCredential,
    pub device_name: &'a str,
    /// How the new session is listed (「Android · Chrome」).
    pub device: &'a str,
}

/// Verifies the passkey, uses the invitation up, stores the passkey, ends
/// the person's older passkeys and sessions (an invitation again means a
/// lost phone) and starts a session: all or nothing.
pub async fn finish(
    db: &Db,
    relying_party: &Passkeys,
    token: &InviteToken,
    answer: Answer<'_>,
    now: OccurredAt,
) -> Result<SignedUp, SignUpError> {
    let (invitation, person) = invitations::find(db, token, now).await?;
    let role = db::people::get_person(db, person).await?.role;
    let mut tx = db.pool().begin().await?;
    let passkey = relying_party
        .verify_registration(
            &mut tx,
            answer.ceremony,
            person,
            &Registration::Invitation(invitation),
            answer.credential,
            now,
        )
        .await?;
    invitations::redeem_in(&mut tx, invitation, now).await?;
    let lost_phone = invitations::lost_phone_made_by(&mut tx, invitation).await?;
    passkeys::store(&mut tx, person, &passkey, answer.device_name, now).await?;
    let passkeys_removed = passkeys::remove_others(&mut tx, person, &passkey).await?;
    let sessions_ended = sessions::end_all_in(&mut tx, person, now).await?;
    let session = sessions::start_in(&mut tx, person, role, answer.device, now).await?;
    tx.commit().await?;
    Ok(SignedUp {
        person,
        role,
        session,
        passkeys_removed,
        sessions_ended,
        lost_phone,
    })
}
