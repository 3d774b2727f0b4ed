//! The administrator's page: their 事業所, the staff of each (invited with
//! a one-time link and QR code), the access policy of each 事業所 where it
//! widens the default, and the audit log export. An administrator manages
//! people, not care: nothing here shows a care recipient's health data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::team::Handout;
use super::team::InviteLink;
use crate::domain::classes::{InfoClass, Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub providers: Vec<ProviderView>,
    /// The first day an end of work may be set for (today, in Japan).
    pub today: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderView {
    pub id: ProviderId,
    pub name: String,
    pub service_type: ServiceType,
    pub staff: Vec<StaffView>,
    pub widenings: Vec<WideningView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffView {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub joined: bool,
    /// The day their work here ends or ended, if one is set.
    pub ends_on: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WideningView {
    pub id: String,
    pub role: Role,
    pub class: InfoClass,
}

/// Roles an administrator can invite to a 事業所.
pub const STAFF_ROLES: [Role; 7] = [
    Role::CareManager,
    Role::CareWorker,
    Role::Nurse,
    Role::Doctor,
    Role::Dietitian,
    Role::CommunityCenter,
    Role::ProviderAdmin,
];

#[cfg(feature = "ssr")]
mod guard {
    use crate::domain::classes::Role;
    use crate::domain::ids::ProviderId;
    use crate::error::AppError;
    use crate::server::auth::sessions::Session;
    use crate::server::{db, state::AppState};

    /// The signed-in administrator.
    pub async fn admin(state: &AppState) -> Result<Session, AppError> {
        let me = crate::api::auth::edge::signed_in(&state.db).await?;
        if me.role != Role::ProviderAdmin {
            return Err(AppError::refused("admin-only"));
        }
        Ok(me)
    }

    /// The signed-in administrator of `provider`.
    pub async fn admin_of(
        state: &AppState,
        provider: &str,
    ) -> Result<(Session, ProviderId), AppError> {
        let me = admin(state).await?;
        let id = ProviderId::parse(provider).ok_or(AppError::BadRequest)?;
        let mine = db::providers::administered_by(&state.db, me.person).await?;
        if !mine.iter().any(|p| p.id == id) {
            return Err(AppError::refused("admin-not-your-provider"));
        }
        Ok((me, id))
    }

    /// Records an administrator's change (no recipient, no health data).
    pub async fn audit(
        state: &AppState,
        me: &Session,
        object_kind: &'static str,
        object_id: String,
    ) -> Result<(), AppError> {
        use crate::server::audit::{self, Action, Entry};
        audit::record(
            &state.db,
            Entry {
                at: crate::api::auth::edge::now(),
                actor: Some(me.into()),
                action: Action::Create,
                recipient: None,
                object_kind,
                object_id: Some(object_id),
                classes: &[],
            },
        )
        .await?;
        Ok(())
    }
}

#[server(endpoint = "admin")]
pub async fn admin_overview() -> Result<AdminView, AppError> {
    use crate::server::{access, db, state::AppState};
    let state = expect_context::<AppState>();
    let me = guard::admin(&state).await?;
    let mut providers = Vec::new();
    for p in db::providers::administered_by(&state.db, me.person).await? {
        let staff = db::providers::staff_of(&state.db, p.id)
            .await?
            .into_iter()
            .map(|s| StaffView {
                person: s.person,
                name: s.name,
                role: s.role,
                joined: s.joined,
                ends_on: s.ends_on,
            })
            .collect();
        let widenings = access::widenings(&state.db, access::Scope::Provider(p.id))
            .await?
            .into_iter()
            .map(|w| WideningView {
                id: w.id,
                role: w.role,
                class: w.class,
            })
            .collect();
        providers.push(ProviderView {
            id: p.id,
            name: p.name.to_string(),
            service_type: p.service_type,
            staff,
            widenings,
        });
    }
    Ok(AdminView {
        providers,
        today: crate::domain::time::jst_today(chrono::Utc::now()),
    })
}

/// A new 事業所, administered by whoever creates it.
#[server(endpoint = "admin/provider")]
pub async fn create_provider(name: String, service_type: String) -> Result<(), AppError> {
    use crate::domain::people::{Provider, ProviderName};
    use crate::domain::validation::{Field, FieldError, Problem, ValidationErrors};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let me = guard::admin(&state).await?;
    let mut errors = ValidationErrors::default();
    let name = errors.check(ProviderName::parse(&name));
    let service_type = errors.check(
        ServiceType::from_code(&service_type)
            .ok_or_else(|| FieldError::new(Field::ServiceType, Problem::UnknownChoice)),
    );
    let (Some(name), Some(service_type), true) = (name, service_type, errors.0.is_empty()) else {
        return Err(errors.into());
    };
    let provider = Provider {
        id: ProviderId::new(),
        name,
        service_type,
    };
    let now = crate::api::auth::edge::now();
    let mut tx = state.db.pool().begin().await.map_err(db::DbError::from)?;
    db::people::insert_provider(&mut *tx, &provider, now).await?;
    db::providers::add_admin(&mut *tx, provider.id, me.person, now).await?;
    tx.commit().await.map_err(db::DbError::from)?;
    guard::audit(&state, &me, "provider", provider.id.to_string()).await
}

/// Invites a staff member of `provider` in `role`.
#[server(endpoint = "admin/invite")]
pub async fn invite_staff(
    provider: String,
    name: String,
    role: String,
) -> Result<InviteLink, AppError> {
    use crate::domain::people::{Person, PersonName};
    use crate::domain::validation::{Field, FieldError, Problem, ValidationErrors};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let (me, provider) = guard::admin_of(&state, &provider).await?;
    let mut errors = ValidationErrors::default();
    let name = errors.check(PersonName::parse(&name));
    let role = errors.check(
        Role::from_code(&role)
            .filter(|r| STAFF_ROLES.contains(r))
            .ok_or_else(|| FieldError::new(Field::Role, Problem::UnknownChoice)),
    );
    let (Some(name), Some(role), true) = (name, role, errors.0.is_empty()) else {
        return Err(errors.into());
    };
    let person = Person {
        id: PersonId::new(),
        name: name.clone(),
        role,
        provider: Some(provider),
    };
    let now = crate::api::auth::edge::now();
    let mut tx = state.db.pool().begin().await.map_err(db::DbError::from)?;
    db::people::insert_person(&mut *tx, &person, now).await?;
    if role == Role::ProviderAdmin {
        db::providers::add_admin(&mut *tx, provider, person.id, now).await?;
    }
    tx.commit().await.map_err(db::DbError::from)?;
    InviteLink::hand_out(
        &state,
        &me,
        person.id,
        name.to_string(),
        None,
        Handout::Joining,
    )
    .await
}

/// A new link for a staff member who lost their phone. Only for staff whose
/// work goes on: never for oneself or another administrator, who would so
/// become that person (docs/access.md, "Lost phone"). The person is told;
/// their passkeys end when the link is used.
#[server(endpoint = "admin/reinvite")]
pub async fn reinvite_staff(provider: String, person: String) -> Result<InviteLink, AppError> {
    use crate::server::auth::invitations::LostPhone;
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let (me, provider) = guard::admin_of(&state, &provider).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    let staff = db::providers::staff_of(&state.db, provider)
        .await?
        .into_iter()
        .find(|s| s.person == who)
        .ok_or(AppError::refused("admin-not-your-staff"))?;
    if who == me.person || staff.role == Role::ProviderAdmin {
        return Err(AppError::refused("lost-phone-not-an-admin"));
    }
    if staff.ends_on.is_some_and(|on| on <= today) {
        return Err(AppError::refused("lost-phone-work-ended"));
    }
    let why = LostPhone {
        recipient: None,
        needs_check: false,
    };
    InviteLink::hand_out(&state, &me, who, staff.name, None, Handout::LostPhone(why)).await
}

/// Lets staff of `role` at `provider` see every item of `class`.
#[server(endpoint = "admin/policy/widen")]
pub async fn widen_policy(provider: String, role: String, class: String) -> Result<(), AppError> {
    use crate::domain::policy::may_be_widened;
    use crate::server::{access, state::AppState};
    let state = expect_context::<AppState>();
    let (me, provider) = guard::admin_of(&state, &provider).await?;
    let role = Role::from_code(&role)
        .filter(|r| may_be_widened(*r))
        .ok_or(AppError::BadRequest)?;
    let class = InfoClass::from_code(&class)
        .filter(|c| matches!(c, InfoClass::Medical | InfoClass::Acp))
        .ok_or(AppError::BadRequest)?;
    let now = crate::api::auth::edge::now();
    access::widen(
        &state.db,
        access::Scope::Provider(provider),
        role,
        class,
        Some(me.person),
        now,
    )
    .await?;
    guard::audit(&state, &me, "policy", provider.to_string()).await
}

/// Back to the safe default for one widening.
#[server(endpoint = "admin/policy/narrow")]
pub async fn narrow_policy(provider: String, widening: String) -> Result<(), AppError> {
    use crate::server::{access, state::AppState};
    let state = expect_context::<AppState>();
    let (me, provider) = guard::admin_of(&state, &provider).await?;
    let now = crate::api::auth::edge::now();
    let scope = access::Scope::Provider(provider);
    if !access::narrow(&state.db, scope, |w| w.id == widening, Some(me.person), now).await? {
        return Err(AppError::NotFound);
    }
    guard::audit(&state, &me, "policy", provider.to_string()).await
}

/// Ends the work of `person`, a staff member (or administrator) of
/// `provider`, from the start of `on` (`YYYY-MM-DD`, today or later):
/// from that day they cannot sign in, none of their sessions is served
/// and their care relationships have ended; today, their sessions,
/// passkeys and links end at once. A 事業所 is never left without an
/// administrator. See docs/access.md, "Ending a staff member's work".
#[server(endpoint = "admin/staff/end")]
pub async fn end_staff_work(provider: String, person: String, on: String) -> Result<(), AppError> {
    use crate::domain::validation::ValidationErrors;
    use crate::server::audit::{self, Action, Entry};
    use crate::server::db::membership::{self, Outcome};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let (me, provider) = guard::admin_of(&state, &provider).await?;
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let staff = db::providers::staff_of(&state.db, provider)
        .await?
        .into_iter()
        .find(|s| s.person == who)
        .ok_or(AppError::refused("admin-not-your-staff"))?;
    if staff.ends_on.is_some_and(|d| d <= today) {
        return Err(AppError::refused("admin-work-already-ended"));
    }
    let on = crate::domain::work_end::parse_end_day(&on, today).map_err(ValidationErrors::from)?;
    let now = crate::api::auth::edge::now();
    let ended = match membership::end(&state.db, who, on, me.person, today, now).await? {
        Outcome::Ended(ended) => ended,
        Outcome::AlreadyEnding(_) => return Err(AppError::refused("admin-work-already-ending")),
        Outcome::LastAdministrator => return Err(AppError::refused("admin-last-administrator")),
    };
    let entry = |recipient, object_kind| Entry {
        at: now,
        actor: Some((&me).into()),
        action: Action::Update,
        recipient,
        object_kind,
        object_id: Some(who.to_string()),
        classes: &[],
    };
    audit::record(&state.db, entry(None, "staff_work")).await?;
    // Each recipient's team changed: it shows in their own log as well.
    for r in ended.recipients {
        audit::record(&state.db, entry(Some(r), "relationship")).await?;
    }
    Ok(())
}
