//! The signed-in person's own passkeys and sessions: see them, add a
//! passkey on another device, remove one, end a session elsewhere.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::auth::Ceremony;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasskeyEntry {
    pub id: String,
    pub name: String,
    pub created_on: chrono::NaiveDate,
    pub last_used_on: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionEntry {
    pub label: String,
    pub device: String,
    pub last_seen_on: chrono::NaiveDate,
}

/// A new sign-in link somebody made for this person (a lost phone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkMade {
    pub made_by: String,
    pub made_on: chrono::NaiveDate,
    pub used: bool,
}

/// How long a lost-phone link stays listed on its person's account page.
pub const LINKS_SHOWN_DAYS: i64 = 90;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub name: String,
    /// Where notices go (empty: none).
    pub email: String,
    /// Newest first, from the last `LINKS_SHOWN_DAYS` days.
    pub links_made: Vec<LinkMade>,
    pub passkeys: Vec<PasskeyEntry>,
    pub sessions: Vec<SessionEntry>,
}

#[server(endpoint = "account")]
pub async fn account() -> Result<AccountView, AppError> {
    use super::auth::edge;
    use crate::domain::time::OccurredAt;
    use crate::server::auth::{invitations, passkeys, sessions};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    let person = db::people::get_person(&state.db, me.person).await?;
    let since = OccurredAt::from_millis(edge::now().millis() - LINKS_SHOWN_DAYS * 86_400_000);
    let links_made = invitations::lost_phone_links_for(&state.db, me.person, since)
        .await?
        .into_iter()
        .map(|l| LinkMade {
            made_by: l.made_by_name,
            made_on: l.made_at.jst_date(),
            used: l.used,
        })
        .collect();
    let keys = passkeys::list(&state.db, me.person).await?;
    let live = sessions::list(&state.db, me.person, edge::now()).await?;
    let email = db::people::email_of(&state.db, me.person)
        .await?
        .unwrap_or_default();
    Ok(AccountView {
        name: person.name.to_string(),
        email,
        links_made,
        passkeys: keys
            .into_iter()
            .map(|k| PasskeyEntry {
                id: k.id,
                name: k.name,
                created_on: k.created_at.jst_date(),
                last_used_on: k.last_used_at.map(|t| t.jst_date()),
            })
            .collect(),
        sessions: live
            .into_iter()
            .map(|s| SessionEntry {
                label: s.label,
                device: s.device,
                last_seen_on: s.last_seen_at.jst_date(),
            })
            .collect(),
    })
}

#[server(endpoint = "account/passkey/start")]
pub async fn start_adding_passkey() -> Result<Ceremony, AppError> {
    use super::auth::edge;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    // Bound to this person in this sign-in: only they, here, finish it.
    let purpose = crate::server::auth::passkeys::Registration::Account {
        session: me.label.clone(),
    };
    let (id, options) = state
        .passkeys
        .start_registration(&state.db, me.person, &purpose, edge::now())
        .await?;
    let options = serde_json::to_string(&options).map_err(|_| AppError::Server)?;
    Ok(Ceremony { id, options })
}

#[server(endpoint = "account/passkey/finish")]
pub async fn finish_adding_passkey(
    ceremony: String,
    credential: String,
    device_name: String,
) -> Result<(), AppError> {
    use super::auth::edge;
    use crate::server::auth::passkeys;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let now = edge::now();
    let me = edge::signed_in(&state.db).await?;
    let credential = serde_json::from_str(&credential).map_err(|_| AppError::BadRequest)?;
    let name = passkeys::device_name(&device_name)?;
    // Only a ceremony this person started in this sign-in is finished;
    // any other is refused before anything is written.
    let purpose = passkeys::Registration::Account {
        session: me.label.clone(),
    };
    state
        .passkeys
        .finish_registration(
            &state.db,
            &ceremony,
            me.person,
            &purpose,
            &credential,
            &name,
            now,
        )
        .await?;
    edge::audit_own(&state.db, me.person, "passkey", now).await
}

#[server(endpoint = "account/passkey/remove")]
pub async fn remove_passkey(id: String) -> Result<(), AppError> {
    use super::auth::edge;
    use crate::server::auth::passkeys::{self, Removal};
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    match passkeys::remove(&state.db, me.person, &id).await? {
        Removal::Removed => {
            let from = Some(me.label.clone());
            edge::audit_own_removal(&state.db, me.person, from, "passkey", Some(id), edge::now())
                .await
        }
        Removal::Last => Err(AppError::refused("passkey-last")),
        Removal::NotYours => Err(AppError::NotFound),
    }
}

#[server(endpoint = "account/session/end")]
pub async fn end_session(label: String) -> Result<(), AppError> {
    use super::auth::edge;
    use crate::server::auth::sessions;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    let now = edge::now();
    if sessions::end_by_label(&state.db, me.person, &label, now).await? {
        let from = Some(me.label.clone());
        edge::audit_own_removal(&state.db, me.person, from, "session", Some(label), now).await?;
    }
    Ok(())
}

/// Sets (or, empty, removes) the address e-mail notices go to.
#[server(endpoint = "account/email")]
pub async fn save_email(email: String) -> Result<(), AppError> {
    use super::auth::edge;
    use crate::domain::people::EmailAddress;
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    let email = EmailAddress::parse(&email).map_err(|e| AppError::Invalid(e.into()))?;
    db::people::set_email(&state.db, me.person, email.as_ref().map(|e| e.as_str())).await?;
    edge::audit_own(&state.db, me.person, "email", edge::now()).await
}
