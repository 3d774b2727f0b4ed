//! Signing up from an invitation, signing in and out — all with passkeys.
//! The browser gets WebAuthn options as JSON and sends the authenticator's
//! answer back as JSON; a session cookie is set on success.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the invitation page shows before registering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub name: String,
    pub role: crate::domain::classes::Role,
}

/// The first half of a ceremony: its id and the options for
/// `navigator.credentials` (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ceremony {
    pub id: String,
    pub options: String,
}

/// The signed-in person, as the page header shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub name: String,
    /// How they like to read; every page follows it.
    pub reading: crate::domain::reading::ReadingSettings,
    /// Staff have an inbox of what 本人 and family wrote.
    pub staff: bool,
    /// Somebody made a new sign-in link for them lately (a lost phone):
    /// every page says so until it is a fortnight old.
    pub new_sign_in_link: bool,
}

/// How long every page tells of a new sign-in link made for the reader.
pub const LINK_BANNER_DAYS: i64 = 14;

#[cfg(feature = "ssr")]
pub(crate) mod edge {
    //! Request and response details shared by the functions below.
    use http::header::{HeaderValue, SET_COOKIE, USER_AGENT};
    use leptos::prelude::*;

    use crate::domain::ids::PersonId;
    use crate::domain::time::OccurredAt;
    use crate::error::AppError;
    use crate::server::auth::sessions::{self, SessionToken};

    pub fn now() -> OccurredAt {
        OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
    }

    pub async fn headers() -> Result<http::HeaderMap, AppError> {
        leptos_axum::extract::<http::HeaderMap>()
            .await
            .map_err(|_| AppError::BadRequest)
    }

    pub fn set_cookie(value: &str) -> Result<(), AppError> {
        let value = HeaderValue::from_str(value).map_err(|_| AppError::Server)?;
        expect_context::<leptos_axum::ResponseOptions>().append_header(SET_COOKIE, value);
        Ok(())
    }

    /// The session token in the request's cookie, if any.
    pub fn session_token(headers: &http::HeaderMap) -> Option<SessionToken> {
        sessions::token_in(headers)
    }

    /// The live session of this request, or a refusal asking to sign in.
    pub async fn signed_in(db: &crate::server::db::Db) -> Result<sessions::Session, AppError> {
        current(db).await?.ok_or(AppError::refused("need-sign-in"))
    }

    /// The live session of this request, if any.
    pub async fn current(
        db: &crate::server::db::Db,
    ) -> Result<Option<sessions::Session>, AppError> {
        let resume = || async {
            let headers = headers().await?;
            match session_token(&headers) {
                Some(token) => Ok(sessions::resume(db, &token, now()).await?),
                None => Ok(None),
            }
        };
        match use_context::<sessions::RequestSession>() {
            Some(memo) => memo.get_or_resume(resume).await,
            None => resume().await,
        }
    }

    /// Records that `person` did something to their own sign-in (a new
    /// passkey, a new session): no recipient, no health data.
    pub async fn audit_own(
        db: &crate::server::db::Db,
        person: PersonId,
        object_kind: &'static str,
        at: OccurredAt,
    ) -> Result<(), AppError> {
        use crate::server::audit::Action;
        own_entry(db, person, Action::Create, None, object_kind, None, at).await
    }

    /// Records that a sign-in of `person` ended or one of their passkeys
    /// was removed (`object_id`: which), from the session `from`.
    pub async fn audit_own_removal(
        db: &crate::server::db::Db,
        person: PersonId,
        from: Option<String>,
        object_kind: &'static str,
        object_id: Option<String>,
        at: OccurredAt,
    ) -> Result<(), AppError> {
        use crate::server::audit::Action;
        own_entry(db, person, Action::Delete, from, object_kind, object_id, at).await
    }

    /// An entry about one's own sign-in: no recipient, no classes.
    async fn own_entry(
        db: &crate::server::db::Db,
        person: PersonId,
        action: crate::server::audit::Action,
        from: Option<String>,
        object_kind: &'static str,
        object_id: Option<String>,
        at: OccurredAt,
    ) -> Result<(), AppError> {
        use crate::server::audit::{self, Actor, Entry};
        let role = crate::server::db::people::get_person(db, person)
            .await?
            .role;
        let entry = Entry {
            at,
            actor: Some(Actor {
                person,
                role,
                session: from,
            }),
            action,
            recipient: None,
            object_kind,
            object_id,
            classes: &[],
        };
        Ok(audit::record(db, entry).await?)
    }

    /// The label a session is listed and audited by.
    pub fn label_of(token: &SessionToken) -> String {
        token.hash().chars().take(8).collect()
    }

    /// Records that the signed-in person read or wrote a recipient's
    /// information of `classes`.
    pub async fn audit(
        db: &crate::server::db::Db,
        me: &sessions::Session,
        action: crate::server::audit::Action,
        recipient: crate::domain::ids::RecipientId,
        object_kind: &'static str,
        object_id: Option<String>,
        classes: &[crate::domain::classes::InfoClass],
    ) -> Result<(), AppError> {
        use crate::server::audit::{self, Entry};
        let entry = Entry {
            at: now(),
            actor: Some(me.into()),
            action,
            recipient: Some(recipient),
            object_kind,
            object_id,
            classes,
        };
        Ok(audit::record(db, entry).await?)
    }

    /// Starts a fresh session for `person` and hands its cookie to the
    /// browser: the end of every sign-in.
    pub async fn start_session(
        db: &crate::server::db::Db,
        person: PersonId,
        headers: &http::HeaderMap,
        at: OccurredAt,
    ) -> Result<(), AppError> {
        let role = crate::server::db::people::get_person(db, person)
            .await?
            .role;
        let session = sessions::start(db, person, role, &device(headers), at).await?;
        set_cookie(&session.cookie(sessions::idle_ms(role)))
    }

    /// The signed-in person and how they stand towards `recipient`; a
    /// refusal when nobody is signed in or they have no live relationship.
    pub async fn viewer_of(
        db: &crate::server::db::Db,
        recipient: crate::domain::ids::RecipientId,
        today: chrono::NaiveDate,
    ) -> Result<(sessions::Session, crate::domain::policy::Viewer), AppError> {
        let (me, viewer, _) = viewer_and_recipient(db, recipient, today).await?;
        Ok((me, viewer))
    }

    /// `viewer_of`, and the recipient's own details from the same read.
    /// No such recipient is refused like no relationship: an id tells a
    /// stranger nothing.
    pub async fn viewer_and_recipient(
        db: &crate::server::db::Db,
        recipient: crate::domain::ids::RecipientId,
        today: chrono::NaiveDate,
    ) -> Result<
        (
            sessions::Session,
            crate::domain::policy::Viewer,
            crate::domain::people::Recipient,
        ),
        AppError,
    > {
        let me = signed_in(db).await?;
        let found =
            crate::server::access::viewer_and_recipient(db, me.person, me.role, recipient, today)
                .await?;
        match found {
            Some((viewer, person)) if viewer.relation.is_some() => Ok((me, viewer, person)),
            _ => Err(AppError::refused("no-access")),
        }
    }

    pub fn device(headers: &http::HeaderMap) -> String {
        sessions::device_label(
            headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or(""),
        )
    }
}

#[server(endpoint = "auth/invitation")]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::server::auth::invitations::{self, InviteToken};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let token = InviteToken::parse(&token).ok_or(AppError::refused("invite-unknown"))?;
    let person = invitations::check(&state.db, &token, edge::now()).await?;
    let p = db::people::get_person(&state.db, person).await?;
    Ok(InvitationView {
        name: p.name.to_string(),
        role: p.role,
    })
}

#[server(endpoint = "auth/register/start")]
pub async fn start_registration(token: String) -> Result<Ceremony, AppError> {
    use crate::server::auth::invitations::{self, InviteToken};
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let now = edge::now();
    let token = InviteToken::parse(&token).ok_or(AppError::refused("invite-unknown"))?;
    let (invitation, person) = invitations::find(&state.db, &token, now).await?;
    let purpose = crate::server::auth::passkeys::Registration::Invitation(invitation);
    let (id, options) = state
        .passkeys
        .start_registration(&state.db, person, &purpose, now)
        .await?;
    let options = serde_json::to_string(&options).map_err(|_| AppError::Server)?;
    Ok(Ceremony { id, options })
}

/// Registers the passkey, uses the invitation up, ends the person's older
/// passkeys and sessions (an invitation again means a lost phone), and
/// signs them in.
#[server(endpoint = "auth/register/finish")]
pub async fn finish_registration(
    token: String,
    ceremony: String,
    credential: String,
    device_name: String,
) -> Result<(), AppError> {
    use crate::server::auth::invitations::{self, InviteToken};
    use crate::server::auth::{passkeys, sessions, sign_up};
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let now = edge::now();
    let headers = edge::headers().await?;
    let token = InviteToken::parse(&token).ok_or(AppError::refused("invite-unknown"))?;
    // The link's own problem (used, expired…) is said first.
    invitations::check(&state.db, &token, now).await?;
    let credential = serde_json::from_str(&credential).map_err(|_| AppError::BadRequest)?;
    let name = passkeys::device_name(&device_name)?;
    let device = edge::device(&headers);
    let answer = sign_up::Answer {
        ceremony: &ceremony,
        credential: &credential,
        device_name: &name,
        device: &device,
    };
    let done = sign_up::finish(&state.db, &state.passkeys, &token, answer, now).await?;
    let person = done.person;
    if done.passkeys_removed > 0 {
        edge::audit_own_removal(&state.db, person, None, "passkey", None, now).await?;
    }
    if done.sessions_ended > 0 {
        edge::audit_own_removal(&state.db, person, None, "session", None, now).await?;
    }
    edge::audit_own(&state.db, person, "passkey", now).await?;
    if let Some(made_by) = done.lost_phone {
        // Whose link it was, in the log of whom it was for: 本人 and family
        // read it in 見た人の記録.
        let entry = crate::server::audit::Entry {
            at: now,
            actor: Some(crate::server::audit::Actor {
                person,
                role: done.role,
                session: Some(edge::label_of(&done.session)),
            }),
            action: crate::server::audit::Action::Create,
            recipient: made_by.recipient,
            object_kind: crate::server::audit::LOST_PHONE_PASSKEY,
            object_id: Some(made_by.person.to_string()),
            classes: &[],
        };
        crate::server::audit::record(&state.db, entry).await?;
    }
    edge::set_cookie(&done.session.cookie(sessions::idle_ms(done.role)))
}

#[server(endpoint = "auth/sign-in/start")]
pub async fn start_sign_in() -> Result<Ceremony, AppError> {
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let (id, options) = state.passkeys.start_sign_in(&state.db, edge::now()).await?;
    let options = serde_json::to_string(&options).map_err(|_| AppError::Server)?;
    Ok(Ceremony { id, options })
}

#[server(endpoint = "auth/sign-in/finish")]
pub async fn finish_sign_in(ceremony: String, credential: String) -> Result<(), AppError> {
    use crate::server::auth::sessions;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let now = edge::now();
    let headers = edge::headers().await?;
    let credential = serde_json::from_str(&credential).map_err(|_| AppError::BadRequest)?;
    let person = state
        .passkeys
        .finish_sign_in(&state.db, &ceremony, &credential, now)
        .await?;
    // A new session id at every sign-in: an old cookie planted before
    // sign-in is worth nothing.
    if let Some(old) = edge::session_token(&headers) {
        if let Some(whose) = sessions::end(&state.db, &old, now).await? {
            let label = edge::label_of(&old);
            edge::audit_own_removal(
                &state.db,
                whose,
                Some(label.clone()),
                "session",
                Some(label),
                now,
            )
            .await?;
        }
    }
    edge::audit_own(&state.db, person, "session", now).await?;
    edge::start_session(&state.db, person, &headers, now).await
}

/// Who is signed in on this browser, if anyone.
#[server(endpoint = "auth/me")]
pub async fn me() -> Result<Option<SignedIn>, AppError> {
    use crate::domain::time::OccurredAt;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let Some(session) = edge::current(&state.db).await? else {
        return Ok(None);
    };
    let since = OccurredAt::from_millis(edge::now().millis() - LINK_BANNER_DAYS * 86_400_000);
    let links =
        crate::server::auth::invitations::lost_phone_links_for(&state.db, session.person, since)
            .await?;
    Ok(Some(SignedIn {
        new_sign_in_link: !links.is_empty(),
        staff: session.role.is_staff(),
        name: session.name,
        reading: session.reading,
    }))
}

/// Ends this browser's session and goes to the start page (a plain form
/// post works without JavaScript).
#[server(endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth::sessions;
    use crate::server::state::AppState;
    let state = expect_context::<AppState>();
    let headers = edge::headers().await?;
    if let Some(token) = edge::session_token(&headers) {
        let now = edge::now();
        if let Some(whose) = sessions::end(&state.db, &token, now).await? {
            let label = edge::label_of(&token);
            edge::audit_own_removal(
                &state.db,
                whose,
                Some(label.clone()),
                "session",
                Some(label),
                now,
            )
            .await?;
        }
    }
    edge::set_cookie(&sessions::cookie_removal())?;
    leptos_axum::redirect("/");
    Ok(())
}
