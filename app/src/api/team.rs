//! The care manager's page about one recipient's people: who is in the
//! care relationship, when a relationship ends (利用終了, 死亡), who is 本人's
//! legal representative, and invitations for 本人 and family — including a
//! new one when somebody has lost their phone.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::classes::Role;
use crate::domain::ids::PersonId;
use crate::domain::people::Member;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub recipient: RecipientSummary,
    pub today: chrono::NaiveDate,
    pub members: Vec<Member>,
    /// Staff who could join the team (not in it now).
    pub staff: Vec<StaffChoice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffChoice {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub provider: Option<String>,
}

/// A one-time link just made, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteLink {
    pub name: String,
    pub url: String,
    pub qr_svg: String,
    pub expires_at: i64,
    /// The link works only once a second member of the team has checked it.
    pub waits_for_check: bool,
}

/// Why a link is handed out.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handout {
    /// A person's first link.
    Joining,
    /// A lost phone: the person is told, and their passkeys and sessions
    /// end only when the new link is used.
    LostPhone(crate::server::auth::invitations::LostPhone),
}

#[cfg(feature = "ssr")]
impl InviteLink {
    /// A one-time link for `person` (shown as `name`), handed out by `me`
    /// and logged against `recipient` when there is one.
    pub(crate) async fn hand_out(
        state: &crate::server::state::AppState,
        me: &crate::server::auth::sessions::Session,
        person: PersonId,
        name: String,
        recipient: Option<crate::domain::ids::RecipientId>,
        why: Handout,
    ) -> Result<Self, AppError> {
        let now = crate::api::auth::edge::now();
        let lost_phone = match why {
            Handout::Joining => None,
            Handout::LostPhone(l) => Some(l),
        };
        let issued = crate::server::invite_link::issue(
            &state.db,
            person,
            me.into(),
            recipient,
            lost_phone,
            state.passkeys.public_url().as_str(),
            now,
        )
        .await?;
        if lost_phone.is_some() {
            crate::server::notify::link_made(state, person);
        }
        Ok(Self {
            name,
            url: issued.url,
            qr_svg: issued.qr_svg,
            expires_at: issued.expires_at.millis(),
            waits_for_check: lost_phone.is_some_and(|l| l.needs_check),
        })
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod guard {
    use crate::domain::classes::{RelationKind, Role};
    use crate::domain::ids::RecipientId;
    use crate::error::AppError;
    use crate::server::auth::sessions::Session;
    use crate::server::state::AppState;

    /// Records a change to `person`'s relationship with `recipient`.
    pub async fn audit_relationship(
        state: &AppState,
        me: &Session,
        action: crate::server::audit::Action,
        recipient: RecipientId,
        person: crate::domain::ids::PersonId,
    ) -> Result<(), AppError> {
        let id = Some(person.to_string());
        crate::api::auth::edge::audit(&state.db, me, action, recipient, "relationship", id, &[])
            .await
    }

    /// The signed-in care manager of `recipient`, or a refusal.
    pub async fn care_manager_of(
        state: &AppState,
        recipient: &str,
    ) -> Result<(Session, RecipientId), AppError> {
        let id = RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
        let today = crate::domain::time::jst_today(chrono::Utc::now());
        let (me, viewer) = crate::api::auth::edge::viewer_of(&state.db, id, today).await?;
        if viewer.role != Role::CareManager || viewer.relation != Some(RelationKind::Team) {
            return Err(AppError::refused("team-care-manager-only"));
        }
        Ok((me, id))
    }
}

#[server(endpoint = "team")]
pub async fn team(recipient: String) -> Result<TeamView, AppError> {
    use crate::api::auth::edge;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let person = db::people::get_recipient(&state.db, id).await?;
    let members = db::team::members(&state.db, id).await?;
    let staff = db::team::staff(&state.db)
        .await?
        .into_iter()
        .filter(|(p, ..)| !members.iter().any(|m| m.person == *p && m.live_on(today)))
        .map(|(person, name, role, provider)| StaffChoice {
            person,
            name,
            role,
            provider,
        })
        .collect();
    edge::audit(&state.db, &me, Action::Read, id, "team", None, &[]).await?;
    Ok(TeamView {
        recipient: RecipientSummary::from_recipient(&person, today),
        today,
        members,
        staff,
    })
}

/// Ends `person`'s relationship on `on` (`YYYY-MM-DD`) for `reason`
/// (`service_ended`, `died`, `other`). From that day they see nothing.
#[server(endpoint = "team/end")]
pub async fn end_relationship(
    recipient: String,
    person: String,
    on: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::classes::EndReason;
    use crate::domain::time::parse_date;
    use crate::domain::validation::{Field, FieldError, Problem, ValidationErrors};
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    if who == me.person {
        return Err(AppError::refused("team-not-yourself"));
    }
    let member = db::team::members(&state.db, id)
        .await?
        .into_iter()
        .find(|m| m.person == who && m.live_on(today))
        .ok_or(AppError::refused("team-not-a-member"))?;
    let mut errors = ValidationErrors::default();
    let on = errors.check(parse_date(Field::EndDate, &on));
    let reason = errors.check(
        EndReason::from_code(&reason)
            .ok_or_else(|| FieldError::new(Field::EndDate, Problem::UnknownChoice)),
    );
    if on.is_some_and(|on| on < member.started_on) {
        errors.push(FieldError::new(Field::EndDate, Problem::BeforeStart));
    }
    let (Some(on), Some(reason), true) = (on, reason, errors.0.is_empty()) else {
        return Err(errors.into());
    };
    db::team::end_relationship(&state.db, id, who, on, reason, today).await?;
    guard::audit_relationship(&state, &me, Action::Update, id, who).await
}

/// Records (`yes` = "yes") or clears a family member as 本人's legal
/// representative (成年後見人 and the like), who then decides who sees what.
#[server(endpoint = "team/representative")]
pub async fn set_representative(
    recipient: String,
    person: String,
    yes: String,
) -> Result<(), AppError> {
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    let yes = match yes.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    if !db::team::set_representative(&state.db, id, who, yes).await? {
        return Err(AppError::refused("team-not-family"));
    }
    guard::audit_relationship(&state, &me, Action::Update, id, who).await
}

/// Adds a staff member to the recipient's team.
#[server(endpoint = "team/add")]
pub async fn add_to_team(recipient: String, person: String) -> Result<(), AppError> {
    use crate::domain::classes::RelationKind;
    use crate::domain::people::CareRelationship;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    if !db::team::staff(&state.db)
        .await?
        .iter()
        .any(|(p, ..)| *p == who)
    {
        return Err(AppError::refused("team-not-staff"));
    }
    let members = db::team::members(&state.db, id).await?;
    if let Some(m) = members.iter().find(|m| m.person == who) {
        if m.live_on(today) {
            return Ok(());
        }
        // One row per person and recipient: an ended relationship stays
        // history, and coming back is a new start the table cannot hold.
        return Err(AppError::refused("team-ended-before"));
    }
    db::people::insert_relationship(
        state.db.pool(),
        &CareRelationship {
            recipient: id,
            person: who,
            kind: RelationKind::Team,
            family_relation: String::new(),
            started_on: today,
            ended: None,
        },
    )
    .await?;
    guard::audit_relationship(&state, &me, Action::Create, id, who).await
}

/// Invites 本人 (`kind` = "self") or a family member (`kind` = "family",
/// with 続柄 in `relation`) to follow this recipient.
#[server(endpoint = "team/invite")]
pub async fn invite_member(
    recipient: String,
    name: String,
    kind: String,
    relation: String,
) -> Result<InviteLink, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::RelationKind;
    use crate::domain::people::{CareRelationship, Person, PersonName};
    use crate::domain::validation::{required_text, Field, FieldError, Problem, ValidationErrors};
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let mut errors = ValidationErrors::default();
    let name = errors.check(PersonName::parse(&name));
    let kind = errors.check(match kind.as_str() {
        "self" => Ok(RelationKind::SelfPerson),
        "family" => Ok(RelationKind::Family),
        _ => Err(FieldError::new(
            Field::FamilyRelation,
            Problem::UnknownChoice,
        )),
    });
    let relation = match kind {
        Some(RelationKind::Family) => {
            errors.check(required_text(Field::FamilyRelation, &relation, 20).map(|r| r.to_string()))
        }
        _ => Some(String::new()),
    };
    let (Some(name), Some(kind), Some(relation), true) =
        (name, kind, relation, errors.0.is_empty())
    else {
        return Err(errors.into());
    };
    let members = db::team::members(&state.db, id).await?;
    if kind == RelationKind::SelfPerson
        && members
            .iter()
            .any(|m| m.kind == RelationKind::SelfPerson && m.live_on(today))
    {
        return Err(AppError::refused("team-self-exists"));
    }
    let person = Person {
        id: PersonId::new(),
        name: name.clone(),
        role: if kind == RelationKind::SelfPerson {
            Role::Recipient
        } else {
            Role::Family
        },
        provider: None,
    };
    let now = edge::now();
    // The person and their relationship together, or neither.
    let mut tx = state.db.pool().begin().await.map_err(db::DbError::from)?;
    db::people::insert_person(&mut *tx, &person, now).await?;
    db::people::insert_relationship(
        &mut *tx,
        &CareRelationship {
            recipient: id,
            person: person.id,
            kind,
            family_relation: relation,
            started_on: today,
            ended: None,
        },
    )
    .await?;
    tx.commit().await.map_err(db::DbError::from)?;
    InviteLink::hand_out(
        &state,
        &me,
        person.id,
        name.to_string(),
        Some(id),
        Handout::Joining,
    )
    .await
}

/// A new link for 本人 or a family member who lost their phone (the care
/// manager has checked who they are in person). The person is told; their
/// passkeys and sessions end when the link is used. A link for 本人 or the
/// legal representative works only once a second member of the team has
/// checked it (docs/access.md, "Lost phone").
#[server(endpoint = "team/reinvite")]
pub async fn reinvite(recipient: String, person: String) -> Result<InviteLink, AppError> {
    use crate::domain::classes::RelationKind;
    use crate::server::auth::invitations::LostPhone;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = guard::care_manager_of(&state, &recipient).await?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let who = PersonId::parse(&person).ok_or(AppError::BadRequest)?;
    let member = db::team::members(&state.db, id)
        .await?
        .into_iter()
        .find(|m| m.person == who && m.live_on(today) && m.kind != RelationKind::Team)
        .ok_or(AppError::refused("team-not-family"))?;
    let why = LostPhone {
        recipient: Some(id),
        needs_check: member.kind == RelationKind::SelfPerson || member.representative,
    };
    InviteLink::hand_out(
        &state,
        &me,
        who,
        member.name,
        Some(id),
        Handout::LostPhone(why),
    )
    .await
}

/// A second member of `recipient`'s team says they too have checked, in
/// person, who the lost-phone link `invitation` is for; from now on it
/// works. Not the one who made it, nor the person it is for.
#[server(endpoint = "team/lost-phone/check")]
pub async fn check_lost_phone_link(recipient: String, invitation: String) -> Result<(), AppError> {
    use crate::domain::classes::RelationKind;
    use crate::domain::ids::{InvitationId, RecipientId};
    use crate::server::audit::{Action, LOST_PHONE_CHECK};
    use crate::server::auth::invitations;
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer) = crate::api::auth::edge::viewer_of(&state.db, id, today).await?;
    if !me.role.is_staff() || viewer.relation != Some(RelationKind::Team) {
        return Err(AppError::refused("lost-phone-team-only"));
    }
    let link = InvitationId::parse(&invitation).ok_or(AppError::NotFound)?;
    let now = crate::api::auth::edge::now();
    let Some(person) = invitations::check_link(&state.db, link, id, me.person, now).await? else {
        return Err(AppError::refused("lost-phone-not-checkable"));
    };
    crate::api::auth::edge::audit(
        &state.db,
        &me,
        Action::Update,
        id,
        LOST_PHONE_CHECK,
        Some(person.to_string()),
        &[],
    )
    .await
}

/// A care manager registers a new care recipient and becomes the first
/// member of their team. Returns the new recipient's id.
#[server(endpoint = "recipients/create")]
pub async fn create_recipient(
    name: String,
    name_kana: String,
    birth_date: String,
    care_level: String,
) -> Result<String, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::{CareLevel, RelationKind};
    use crate::domain::ids::RecipientId;
    use crate::domain::people::{CareRelationship, NameKana, PersonName, Recipient};
    use crate::domain::time::parse_date;
    use crate::domain::validation::{Field, FieldError, Problem, ValidationErrors};
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let me = edge::signed_in(&state.db).await?;
    if me.role != Role::CareManager {
        return Err(AppError::refused("team-care-manager-only"));
    }
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let mut errors = ValidationErrors::default();
    let name = errors.check(PersonName::parse(&name));
    let kana = errors.check(NameKana::parse(&name_kana));
    let birth = errors.check(parse_date(Field::BirthDate, &birth_date).and_then(|d| {
        if d >= today {
            Err(FieldError::new(Field::BirthDate, Problem::InFuture))
        } else {
            Ok(d)
        }
    }));
    let level = errors.check(
        CareLevel::from_code(&care_level)
            .ok_or_else(|| FieldError::new(Field::CareLevel, Problem::UnknownChoice)),
    );
    let (Some(name), Some(name_kana), Some(birth_date), Some(care_level), true) =
        (name, kana, birth, level, errors.0.is_empty())
    else {
        return Err(errors.into());
    };
    let recipient = Recipient {
        id: RecipientId::new(),
        name,
        name_kana,
        birth_date,
        care_level,
    };
    let now = edge::now();
    let mut tx = state.db.pool().begin().await.map_err(db::DbError::from)?;
    db::people::insert_recipient(&mut *tx, &recipient, now).await?;
    db::people::insert_relationship(
        &mut *tx,
        &CareRelationship {
            recipient: recipient.id,
            person: me.person,
            kind: RelationKind::Team,
            family_relation: String::new(),
            started_on: today,
            ended: None,
        },
    )
    .await?;
    tx.commit().await.map_err(db::DbError::from)?;
    edge::audit(
        &state.db,
        &me,
        Action::Create,
        recipient.id,
        "recipient",
        None,
        &[],
    )
    .await?;
    // On to the new person's team page, to invite them.
    leptos_axum::redirect(&format!("/r/{}/team", recipient.id));
    Ok(recipient.id.to_string())
}
