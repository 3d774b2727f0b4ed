//! ケアプランを書く: the care manager's editor — the form filled with the
//! newest version (or a refused save as typed) and the save that makes the
//! next version, only on top of the one the form started from.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::plan_form::PlanForm;
use crate::error::AppError;

/// The care manager's editor: the form filled with the newest version (or
/// with what a refused save left), and the version it starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEditorView {
    pub recipient: RecipientSummary,
    pub form: PlanForm,
    /// The version the form starts from (0: no plan yet).
    pub base: i64,
    /// The form is a refused save coming back as typed.
    pub from_draft: bool,
}

/// What a refused save leaves for its writer (see `db::drafts`).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PlanDraft {
    base: i64,
    form: PlanForm,
}

#[cfg(feature = "ssr")]
fn draft_name(recipient: crate::domain::ids::RecipientId) -> String {
    format!("plan:{recipient}")
}

#[cfg(feature = "ssr")]
async fn keep_draft(
    db: &crate::server::db::Db,
    me: &crate::server::auth::sessions::Session,
    recipient: crate::domain::ids::RecipientId,
    draft: PlanDraft,
) -> Result<(), AppError> {
    let body = serde_json::to_string(&draft).map_err(|_| AppError::Server)?;
    let now = crate::api::auth::edge::now();
    crate::server::db::drafts::put(db, me.person, &draft_name(recipient), &body, now).await?;
    Ok(())
}

/// The signed-in care manager who may write `recipient`'s plan.
#[cfg(feature = "ssr")]
async fn plan_writer(
    db: &crate::server::db::Db,
    recipient: &str,
) -> Result<
    (
        crate::server::auth::sessions::Session,
        crate::domain::ids::RecipientId,
    ),
    AppError,
> {
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let id = crate::domain::ids::RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = crate::api::auth::edge::viewer_of(db, id, today).await?;
    if !crate::domain::policy::may_write_plan(viewer) {
        return Err(AppError::refused("plan-edit-not-allowed"));
    }
    Ok((me, id))
}

#[server(endpoint = "plan/editor")]
pub async fn plan_editor(recipient: String) -> Result<PlanEditorView, AppError> {
    use crate::api::auth::edge;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, id) = plan_writer(&state.db, &recipient).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let latest = db::care_plan::latest_plan(&state.db, id).await?;
    let draft = db::drafts::take(&state.db, me.person, &draft_name(id), edge::now())
        .await?
        .and_then(|d| serde_json::from_str::<PlanDraft>(&d).ok());
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "care_plan",
        latest.as_ref().map(|p| p.id.to_string()),
        &latest.iter().map(|p| p.plan.class).collect::<Vec<_>>(),
    )
    .await?;
    let base = latest.as_ref().map(|p| p.version).unwrap_or(0);
    Ok(match draft {
        Some(d) => PlanEditorView {
            recipient: RecipientSummary::from_recipient(&person, today),
            form: d.form.without_trailing_blanks(),
            base: d.base,
            from_draft: true,
        },
        None => PlanEditorView {
            form: match &latest {
                Some(p) => PlanForm::from_plan(&p.plan),
                None => PlanForm {
                    care_level: person.care_level.code().to_string(),
                    ..PlanForm::default()
                },
            },
            recipient: RecipientSummary::from_recipient(&person, today),
            base,
            from_draft: false,
        },
    })
}

/// Saves the form as the version after `base`. A refused form, or one
/// someone else's newer save overtook, is kept for the editor to show.
#[server(endpoint = "plan/save")]
pub async fn save_plan(
    recipient: String,
    base: String,
    form: Option<PlanForm>,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::care_plan::NewCarePlan;
    use crate::domain::classes::InfoClass;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let (me, id) = plan_writer(&state.db, &recipient).await?;
    let base: i64 = base
        .trim()
        .parse()
        .ok()
        .filter(|b| *b >= 0)
        .ok_or(AppError::BadRequest)?;
    let form = form.unwrap_or_default();
    if form.is_too_long() {
        return Err(AppError::BadRequest);
    }
    let parts = match form.parse() {
        Ok(p) => p,
        Err(errs) => {
            keep_draft(&state.db, &me, id, PlanDraft { base, form }).await?;
            return Err(AppError::Invalid(errs));
        }
    };
    let before = db::care_plan::latest_plan(&state.db, id).await?;
    let class = before.map(|b| b.plan.class);
    let plan = NewCarePlan {
        recipient: id,
        author: me.person,
        created_at: edge::now(),
        table1: parts.table1,
        needs: parts.needs,
        weekly: parts.weekly,
        daily_activities: parts.daily_activities,
        other_services: parts.other_services,
        // The class the plan was shared under stays; a first plan is 生活.
        class: class.unwrap_or(InfoClass::Living),
    };
    let saved = db::care_plan::insert_plan_after(&state.db, &plan, base).await?;
    let Some(saved) = saved else {
        // Saving again after a look at the newer version goes on top of it.
        let newest = db::care_plan::latest_plan(&state.db, id).await?;
        let base = newest.map(|p| p.version).unwrap_or(0);
        keep_draft(&state.db, &me, id, PlanDraft { base, form }).await?;
        return Err(AppError::refused("plan-edit-stale"));
    };
    edge::audit(
        &state.db,
        &me,
        Action::Create,
        id,
        "care_plan",
        Some(saved.id.to_string()),
        &[saved.plan.class],
    )
    .await?;
    crate::server::notify::to_household(&state, id).await;
    leptos_axum::redirect(&format!("/r/{id}/plan"));
    Ok(())
}
