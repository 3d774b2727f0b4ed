//! The newest care plan of a recipient, in plain words.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::care_plan::NewCarePlan;
use crate::domain::plain::PlanInWords;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub recipient: RecipientSummary,
    /// None when the recipient has no plan yet.
    pub plan: Option<PlanSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub version: i64,
    /// The day this version was made (Japan time).
    pub made_on: chrono::NaiveDate,
    pub words: PlanInWords,
    /// The plan as the care manager wrote it, one tap away on the page.
    pub original: NewCarePlan,
    pub author_name: String,
}

#[server(endpoint = "plan")]
pub async fn care_plan(recipient: String) -> Result<PlanView, AppError> {
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::{may_see, Item};
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::{db, plain::plan, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = crate::api::auth::edge::viewer_of(&state.db, id, jst_today(now)).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let stored = db::care_plan::latest_plan(&state.db, id)
        .await?
        .filter(|p| may_see(viewer, Item::of(p.plan.class, false)));
    let author_name = match &stored {
        Some(p) => db::people::get_person(&state.db, p.plan.author)
            .await?
            .name
            .to_string(),
        None => String::new(),
    };
    let classes: Vec<_> = stored.iter().map(|p| p.plan.class).collect();
    crate::api::auth::edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "care_plan",
        stored.as_ref().map(|p| p.id.to_string()),
        &classes,
    )
    .await?;
    Ok(PlanView {
        recipient: RecipientSummary::from_recipient(&person, jst_today(now)),
        plan: stored.map(|p| PlanSummary {
            version: p.version,
            made_on: p.plan.created_at.jst_date(),
            words: plan::describe(&p.plan, &state.plain),
            original: p.plan,
            author_name,
        }),
    })
}
