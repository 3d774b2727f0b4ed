//! 「家族に見せること」: 本人 (or the legal representative the care manager
//! recorded) decides, per family member, whether they see 医療 and 人生会議
//! (ACP). Family always sees 生活 and 連絡. A change works at once, and
//! every grant and revocation stays in the history.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::classes::InfoClass;
use crate::domain::ids::PersonId;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharingView {
    pub recipient: RecipientSummary,
    pub family: Vec<FamilyChoice>,
    pub history: Vec<SharingEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyChoice {
    pub person: PersonId,
    pub name: String,
    /// 続柄 (長女…), as the care manager wrote it.
    pub relation: String,
    pub medical: bool,
    pub acp: bool,
    pub representative: bool,
    /// The reader themselves (a legal representative deciding for
    /// themselves).
    pub is_you: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharingEvent {
    pub at: i64,
    pub family_name: String,
    pub class: InfoClass,
    pub granted: bool,
    pub by_name: String,
}

/// The classes 本人 decides about (生活 and 連絡 are always shared).
pub const DECIDED: [InfoClass; 2] = [InfoClass::Medical, InfoClass::Acp];

#[cfg(feature = "ssr")]
async fn deciding(
    state: &crate::server::state::AppState,
    recipient: &str,
) -> Result<
    (
        crate::server::auth::sessions::Session,
        crate::domain::ids::RecipientId,
    ),
    AppError,
> {
    let id = crate::domain::ids::RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer) = crate::api::auth::edge::viewer_of(&state.db, id, today).await?;
    if !viewer.decides_for_recipient() {
        return Err(AppError::refused("sharing-not-yours"));
    }
    Ok((me, id))
}

#[server(endpoint = "sharing")]
pub async fn sharing(recipient: String) -> Result<SharingView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::RelationKind;
    use crate::server::audit::Action;
    use crate::server::{access, db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = deciding(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let person = db::people::get_recipient(&state.db, id).await?;
    let consents = access::live_consents(&state.db, id).await?;
    let has = |p: PersonId, c: InfoClass| consents.contains(&(p, c));
    let family = db::team::members(&state.db, id)
        .await?
        .into_iter()
        .filter(|m| m.kind == RelationKind::Family && m.live_on(today))
        .map(|m| FamilyChoice {
            medical: has(m.person, InfoClass::Medical),
            acp: has(m.person, InfoClass::Acp),
            person: m.person,
            name: m.name,
            relation: m.family_relation,
            representative: m.representative,
            is_you: m.person == me.person,
        })
        .collect();
    let history = access::consent_history(&state.db, id)
        .await?
        .into_iter()
        .map(|e| SharingEvent {
            at: e.at.millis(),
            family_name: e.family_name,
            class: e.class,
            granted: e.granted,
            by_name: e.by_name,
        })
        .collect();
    edge::audit(&state.db, &me, Action::Read, id, "sharing", None, &[]).await?;
    Ok(SharingView {
        recipient: crate::api::recipients::RecipientSummary::from_recipient(&person, today),
        family,
        history,
    })
}

/// `allow` is "yes" or "no" (a form's hidden field).
#[server(endpoint = "sharing/set")]
pub async fn set_sharing(
    recipient: String,
    person: String,
    class: String,
    allow: String,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::RelationKind;
    use crate::server::audit::Action;
    use crate::server::{access, db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = deciding(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let class = InfoClass::from_code(&class)
        .filter(|c| DECIDED.contains(c))
        .ok_or(AppError::BadRequest)?;
    let allow = match allow.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    let family = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    let member = db::team::members(&state.db, id)
        .await?
        .into_iter()
        .find(|m| m.person == family && m.kind == RelationKind::Family && m.live_on(today))
        .ok_or(AppError::refused("sharing-not-family"))?;
    let now = edge::now();
    let live = access::live_consents(&state.db, id)
        .await?
        .contains(&(member.person, class));
    match (allow, live) {
        (true, false) => {
            access::grant(state.db.pool(), id, member.person, class, me.person, now).await?
        }
        (false, true) => {
            access::revoke(&state.db, id, member.person, class, me.person, now).await?
        }
        // Already as asked: nothing to record.
        _ => return Ok(()),
    }
    // A legal representative may change what they see themselves: they
    // decide in 本人's place, and one who could never read 医療 could not
    // act for a person who cannot decide. It is logged as their own and
    // the care manager is told (docs/access.md, "Who may see and do what").
    let own = member.person == me.person;
    edge::audit(
        &state.db,
        &me,
        Action::Update,
        id,
        if own { "consent_own" } else { "consent" },
        Some(member.person.to_string()),
        &[class],
    )
    .await?;
    if own {
        crate::server::notify::to_team(&state, id, me.person).await;
    }
    Ok(())
}
