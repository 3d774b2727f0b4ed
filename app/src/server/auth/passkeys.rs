//! Passkeys: registering one (after an invitation, or a second device) and
//! signing in with one. Discoverable credentials with user verification
//! required: the person types nothing, their phone's screen lock proves it
//! is them, and the passkey itself says who they are (by a random user
//! handle, never by name).
//!
//! Each ceremony has two halves, possibly on different app servers, so its
//! state lives in the database; finishing takes (deletes) it, so it cannot
//! be replayed, and it is refused after five minutes. A ceremony is bound
//! when it starts to what it is for (an invitation, the account page of one
//! person in one sign-in, or signing in): finishing it for anything else
//! is refused before anything is written.

use sqlx::Row;
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Url, Uuid, Webauthn, WebauthnBuilder,
};
use webauthn_rs_proto::{
    AuthenticatorSelectionCriteria, ResidentKeyRequirement, UserVerificationPolicy,
};

use super::hex;
use crate::domain::ids::{InvitationId, PersonId};
use crate::domain::time::OccurredAt;
use crate::server::db::{self, Db, DbError};

/// How long the browser has between the two halves of a ceremony.
pub const CEREMONY_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    /// Unknown, already finished or too old: start again.
    #[error("the ceremony is unknown, finished or expired")]
    Ceremony,
    /// The browser's answer did not verify (wrong signature, origin,
    /// challenge, or no user verification).
    #[error("the passkey was not accepted: {0}")]
    Rejected(String),
    /// A passkey this server does not know, or of another person.
    #[error("unknown passkey")]
    UnknownPasskey,
    /// The ceremony was started for another purpose or person (another
    /// invitation, another sign-in, registering rather than signing in).
    #[error("the ceremony was started for something else")]
    Elsewhere { signing_in: bool },
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for PasskeyError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e.into())
    }
}

fn rejected(e: impl std::fmt::Display) -> PasskeyError {
    PasskeyError::Rejected(e.to_string())
}

fn corrupt(what: &str) -> PasskeyError {
    PasskeyError::Db(DbError::Corrupt(what.to_string()))
}

/// What the person calls the device the passkey is on (「スマホ」), as
/// typed: required, at most 50 characters.
pub fn device_name(raw: &str) -> Result<String, crate::domain::validation::ValidationErrors> {
    use crate::domain::validation::{required_text, Field};
    Ok(required_text(Field::DeviceName, raw, 50)?.to_string())
}

/// What a passkey is being registered for, fixed when the ceremony starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// Signing up (or a lost phone) with this invitation.
    Invitation(InvitationId),
    /// Adding a device on the account page, signed in with the session of
    /// this label.
    Account { session: String },
}

/// What a ceremony row is bound to; finishing must name the same.
struct Binding {
    kind: &'static str,
    person: Option<PersonId>,
    invitation: Option<InvitationId>,
    session: Option<String>,
}

impl Binding {
    fn registering(person: PersonId, purpose: &Registration) -> Self {
        match purpose {
            Registration::Invitation(id) => Self {
                kind: "invitation",
                person: Some(person),
                invitation: Some(*id),
                session: None,
            },
            Registration::Account { session } => Self {
                kind: "account",
                person: Some(person),
                invitation: None,
                session: Some(session.clone()),
            },
        }
    }

    fn sign_in() -> Self {
        Self {
            kind: "sign_in",
            person: None,
            invitation: None,
            session: None,
        }
    }
}

/// After an invitation was used again (a lost phone): every passkey of
/// `person` except the one just registered stops working.
pub async fn remove_others(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
    keep: &Passkey,
) -> Result<u64, PasskeyError> {
    let done = sqlx::query("DELETE FROM passkeys WHERE person_id = $1 AND credential_id <> $2")
        .bind(person.to_string())
        .bind(hex(keep.cred_id().as_ref()))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Stores a verified passkey of `person` under `device_name`.
pub async fn store(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
    passkey: &Passkey,
    device_name: &str,
    now: OccurredAt,
) -> Result<(), PasskeyError> {
    let json = serde_json::to_string(passkey).map_err(|_| corrupt("passkey"))?;
    sqlx::query(
        "INSERT INTO passkeys (id, person_id, credential_id, passkey, name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(person.to_string())
    .bind(hex(passkey.cred_id().as_ref()))
    .bind(json)
    .bind(device_name)
    .bind(now.millis())
    .execute(conn)
    .await?;
    Ok(())
}

/// One of a person's passkeys, as their account page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyInfo {
    pub id: String,
    pub name: String,
    pub created_at: OccurredAt,
    pub last_used_at: Option<OccurredAt>,
}

pub async fn list(db: &Db, person: PersonId) -> Result<Vec<PasskeyInfo>, PasskeyError> {
    let rows = sqlx::query(
        "SELECT id, name, created_at, last_used_at FROM passkeys \
         WHERE person_id = $1 ORDER BY created_at, id",
    )
    .bind(person.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let last: Option<i64> = r.try_get("last_used_at")?;
            Ok(PasskeyInfo {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                created_at: OccurredAt::from_millis(r.try_get("created_at")?),
                last_used_at: last.map(OccurredAt::from_millis),
            })
        })
        .collect()
}

/// Why a passkey was not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Removed,
    /// Not this person's (or no such passkey).
    NotYours,
    /// The only one left: removing it would lock the person out.
    Last,
}

/// Removes one of `person`'s own passkeys, never the last one.
pub async fn remove(db: &Db, person: PersonId, id: &str) -> Result<Removal, PasskeyError> {
    let mut tx = db.pool().begin().await?;
    let owned: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE person_id = $1 AND id = $2")
            .bind(person.to_string())
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if owned == 0 {
        return Ok(Removal::NotYours);
    }
    let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE person_id = $1")
        .bind(person.to_string())
        .fetch_one(&mut *tx)
        .await?;
    if all <= 1 {
        return Ok(Removal::Last);
    }
    sqlx::query("DELETE FROM passkeys WHERE person_id = $1 AND id = $2")
        .bind(person.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Removal::Removed)
}

/// The relying party: this Yorisoi, at its public address.
pub struct Passkeys {
    webauthn: Webauthn,
    public_url: Url,
}

impl Passkeys {
    /// `public_url` is where people reach Yorisoi (http only for localhost);
    /// its host is the relying-party id passkeys are bound to.
    pub fn new(public_url: &Url) -> Result<Self, PasskeyError> {
        let rp_id = public_url
            .host_str()
            .ok_or_else(|| rejected("the public URL has no host"))?;
        let webauthn = WebauthnBuilder::new(rp_id, public_url)
            .and_then(|b| b.rp_name("Yorisoi").build())
            .map_err(rejected)?;
        Ok(Self {
            webauthn,
            public_url: public_url.clone(),
        })
    }

    /// Where people reach Yorisoi: the start of every link we hand out.
    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// First half of registering a passkey for `person` (already
    /// identified: by an invitation, or signed in to add a device), bound
    /// to `purpose`.
    pub async fn start_registration(
        &self,
        db: &Db,
        person: PersonId,
        purpose: &Registration,
        now: OccurredAt,
    ) -> Result<(String, CreationChallengeResponse), PasskeyError> {
        let handle = user_handle(db, person, now).await?;
        let name = db::people::get_person(db, person).await?.name.to_string();
        let existing = passkeys_of(db, person).await?;
        let exclude = existing.iter().map(|p| p.cred_id().clone()).collect();
        let (mut ccr, state) = self
            .webauthn
            .start_passkey_registration(handle, &name, &name, Some(exclude))
            .map_err(rejected)?;
        // Discoverable: the phone keeps the credential with the user
        // handle, so signing in needs no name typed.
        ccr.public_key.authenticator_selection = Some(AuthenticatorSelectionCriteria {
            authenticator_attachment: None,
            resident_key: Some(ResidentKeyRequirement::Required),
            require_resident_key: true,
            user_verification: UserVerificationPolicy::Required,
        });
        let binding = Binding::registering(person, purpose);
        let id = put_ceremony(db, &binding, &state, now).await?;
        Ok((id, ccr))
    }

    /// Second half, inside the caller's transaction: takes the ceremony
    /// if it was started for `person` and `purpose` (refused before
    /// anything is written otherwise) and verifies the browser's answer.
    /// Nothing is stored: the caller stores the passkey with its other
    /// writes.
    pub async fn verify_registration(
        &self,
        conn: &mut sqlx::AnyConnection,
        ceremony: &str,
        person: PersonId,
        purpose: &Registration,
        credential: &RegisterPublicKeyCredential,
        now: OccurredAt,
    ) -> Result<Passkey, PasskeyError> {
        let binding = Binding::registering(person, purpose);
        let state: PasskeyRegistration = take_ceremony(conn, ceremony, &binding, now).await?;
        self.webauthn
            .finish_passkey_registration(credential, &state)
            .map_err(rejected)
    }

    /// Second half of adding a device: verifies and stores the passkey
    /// under `device_name`, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn finish_registration(
        &self,
        db: &Db,
        ceremony: &str,
        person: PersonId,
        purpose: &Registration,
        credential: &RegisterPublicKeyCredential,
        device_name: &str,
        now: OccurredAt,
    ) -> Result<(), PasskeyError> {
        let mut tx = db.pool().begin().await?;
        let passkey = self
            .verify_registration(&mut tx, ceremony, person, purpose, credential, now)
            .await?;
        store(&mut tx, person, &passkey, device_name, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// First half of signing in: a challenge for any passkey of this site.
    pub async fn start_sign_in(
        &self,
        db: &Db,
        now: OccurredAt,
    ) -> Result<(String, RequestChallengeResponse), PasskeyError> {
        let (mut rcr, state) = self
            .webauthn
            .start_discoverable_authentication()
            .map_err(rejected)?;
        // A sign-in button, not the autofill prompt.
        rcr.mediation = None;
        let id = put_ceremony(db, &Binding::sign_in(), &state, now).await?;
        Ok((id, rcr))
    }

    /// Second half: who signed in. The passkey must be stored and belong
    /// to the person its user handle names.
    pub async fn finish_sign_in(
        &self,
        db: &Db,
        ceremony: &str,
        credential: &PublicKeyCredential,
        now: OccurredAt,
    ) -> Result<PersonId, PasskeyError> {
        // Taken at once, whatever follows: one answer per challenge.
        let mut conn = db.pool().acquire().await?;
        let state: DiscoverableAuthentication =
            take_ceremony(&mut conn, ceremony, &Binding::sign_in(), now).await?;
        drop(conn);
        let (handle, _) = self
            .webauthn
            .identify_discoverable_authentication(credential)
            .map_err(rejected)?;
        // Nobody whose work for their 事業所 has ended signs in (their
        // passkeys are removed when it ends at once; on a later day they
        // are refused from that day).
        let row = sqlx::query(
            "SELECT k.id, k.person_id, k.passkey FROM passkeys k \
             JOIN user_handles h ON h.person_id = k.person_id \
             JOIN people p ON p.id = k.person_id \
             WHERE k.credential_id = $1 AND h.handle = $2 \
             AND (p.work_ends_on IS NULL OR p.work_ends_on > $3)",
        )
        .bind(hex(credential.raw_id.as_ref()))
        .bind(handle.to_string())
        .bind(now.jst_date().to_string())
        .fetch_optional(db.pool())
        .await?
        .ok_or(PasskeyError::UnknownPasskey)?;
        let key_id: String = row.try_get("id")?;
        let person: String = row.try_get("person_id")?;
        let stored: String = row.try_get("passkey")?;
        let mut passkey: Passkey =
            serde_json::from_str(&stored).map_err(|_| corrupt("stored passkey"))?;
        let result = self
            .webauthn
            .finish_discoverable_authentication(
                credential,
                state,
                &[DiscoverableKey::from(&passkey)],
            )
            .map_err(rejected)?;
        // The counter moves on; a copied authenticator would fall behind.
        passkey.update_credential(&result);
        let json = serde_json::to_string(&passkey).map_err(|_| corrupt("passkey"))?;
        sqlx::query("UPDATE passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3")
            .bind(json)
            .bind(now.millis())
            .bind(key_id)
            .execute(db.pool())
            .await?;
        PersonId::parse(&person).ok_or_else(|| corrupt("passkeys.person_id"))
    }
}

/// The person's random user handle, made on first use.
async fn user_handle(db: &Db, person: PersonId, now: OccurredAt) -> Result<Uuid, PasskeyError> {
    sqlx::query(
        "INSERT INTO user_handles (person_id, handle, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO NOTHING",
    )
    .bind(person.to_string())
    .bind(Uuid::new_v4().to_string())
    .bind(now.millis())
    .execute(db.pool())
    .await?;
    let handle: String = sqlx::query_scalar("SELECT handle FROM user_handles WHERE person_id = $1")
        .bind(person.to_string())
        .fetch_one(db.pool())
        .await?;
    Uuid::parse_str(&handle).map_err(|_| corrupt("user_handles.handle"))
}

async fn passkeys_of(db: &Db, person: PersonId) -> Result<Vec<Passkey>, PasskeyError> {
    let rows: Vec<String> = sqlx::query_scalar("SELECT passkey FROM passkeys WHERE person_id = $1")
        .bind(person.to_string())
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|j| serde_json::from_str(j).map_err(|_| corrupt("stored passkey")))
        .collect()
}

async fn put_ceremony(
    db: &Db,
    binding: &Binding,
    state: &impl serde::Serialize,
    now: OccurredAt,
) -> Result<String, PasskeyError> {
    let id = Uuid::new_v4().to_string();
    let state = serde_json::to_string(state).map_err(|_| corrupt("ceremony state"))?;
    // Old ceremonies nobody finished are cleared as new ones start.
    sqlx::query("DELETE FROM ceremonies WHERE expires_at <= $1")
        .bind(now.millis())
        .execute(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO ceremonies (id, kind, person_id, invitation_id, session_label, state, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(binding.kind)
    .bind(binding.person.map(|p| p.to_string()))
    .bind(binding.invitation.map(|i| i.to_string()))
    .bind(binding.session.clone())
    .bind(state)
    .bind(now.millis() + CEREMONY_MS)
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// Removes the ceremony and gives back its state, once: a second finish
/// with the same id finds nothing. Only a ceremony bound to exactly
/// `binding` is taken; one started for anything else is left as it was.
async fn take_ceremony<T: serde::de::DeserializeOwned>(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    binding: &Binding,
    now: OccurredAt,
) -> Result<T, PasskeyError> {
    let row = sqlx::query(
        "DELETE FROM ceremonies WHERE id = $1 AND kind = $2 \
         AND COALESCE(person_id, '') = $3 AND COALESCE(invitation_id, '') = $4 \
         AND COALESCE(session_label, '') = $5 \
         RETURNING state, expires_at",
    )
    .bind(id)
    .bind(binding.kind)
    .bind(binding.person.map(|p| p.to_string()).unwrap_or_default())
    .bind(
        binding
            .invitation
            .map(|i| i.to_string())
            .unwrap_or_default(),
    )
    .bind(binding.session.clone().unwrap_or_default())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        let other: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ceremonies WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        return Err(if other > 0 {
            PasskeyError::Elsewhere {
                signing_in: binding.kind == "sign_in",
            }
        } else {
            PasskeyError::Ceremony
        });
    };
    let expires: i64 = row.try_get("expires_at")?;
    if expires <= now.millis() {
        return Err(PasskeyError::Ceremony);
    }
    let state: String = row.try_get("state")?;
    serde_json::from_str(&state).map_err(|_| corrupt("ceremony state"))
}
