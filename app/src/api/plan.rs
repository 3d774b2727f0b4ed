//! The newest care plan of a recipient, in plain words.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::care_plan::NewCarePlan;
use crate::domain::plain::{PlainNote, PlanInWords, RubyText};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub recipient: RecipientSummary,
    /// None when the recipient has no plan yet.
    pub plan: Option<PlanSummary>,
    /// The reader is the care manager who writes the plan.
    pub may_edit: bool,
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
    /// 第3表 with readings, one per `original.weekly` slot and per
    /// `original.daily_activities` entry, in the same order.
    pub week_words: Vec<RubyText>,
    pub daily_words: Vec<RubyText>,
    /// What changed from the version before, if there was one.
    pub changes: Option<ChangesView>,
    /// The ids of each 課題's long-term goals, in the order shown: a goal's
    /// comments are addressed by its id.
    pub goal_ids: Vec<Vec<String>>,
    /// Today in Japan (0 = 月曜): the week view starts there.
    pub today_weekday: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesView {
    pub since_version: i64,
    pub since_made_on: chrono::NaiveDate,
    pub wishes_changed: bool,
    pub policy_changed: bool,
    pub lines: Vec<ChangeLine>,
}

/// One change, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub change: Change,
    pub words: PlainNote,
    /// For a new frequency: how often it was before.
    pub was: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    NeedAdded,
    GoalAdded,
    HelpAdded,
    VisitAdded,
    HelpFrequency,
    NeedRemoved,
    GoalRemoved,
    HelpRemoved,
    VisitRemoved,
}

impl Change {
    /// Which list the page puts it in.
    pub fn group(self) -> ChangeGroup {
        match self {
            Change::NeedAdded | Change::GoalAdded | Change::HelpAdded | Change::VisitAdded => {
                ChangeGroup::Started
            }
            Change::HelpFrequency => ChangeGroup::Often,
            _ => ChangeGroup::Ended,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeGroup {
    Started,
    Often,
    Ended,
}

impl ChangeGroup {
    pub const ALL: [ChangeGroup; 3] =
        [ChangeGroup::Started, ChangeGroup::Often, ChangeGroup::Ended];

    pub fn label_key(self) -> &'static str {
        match self {
            ChangeGroup::Started => "plan-changes-started",
            ChangeGroup::Often => "plan-changes-often",
            ChangeGroup::Ended => "plan-changes-ended",
        }
    }
}

#[server(endpoint = "plan")]
pub async fn care_plan(recipient: String) -> Result<PlanView, AppError> {
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::{may_see, may_write_plan, Item};
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::{db, plain::plan, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer, person) =
        crate::api::auth::edge::viewer_and_recipient(&state.db, id, jst_today(now)).await?;
    let stored = db::care_plan::latest_plan(&state.db, id)
        .await?
        .filter(|p| may_see(viewer, Item::of(p.plan.class, false)));
    let before = match &stored {
        Some(p) => db::care_plan::plan_before(&state.db, id, p.version)
            .await?
            .filter(|b| may_see(viewer, Item::of(b.plan.class, false))),
        None => None,
    };
    let author_name = match &stored {
        Some(p) => db::people::get_person(&state.db, p.plan.author)
            .await?
            .name
            .to_string(),
        None => String::new(),
    };
    let goal_ids = match &stored {
        Some(p) => db::care_plan::long_goal_ids(&state.db, p.id).await?,
        None => Vec::new(),
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
        may_edit: may_write_plan(viewer),
        recipient: RecipientSummary::from_recipient(&person, jst_today(now)),
        plan: stored.map(|p| PlanSummary {
            version: p.version,
            made_on: p.plan.created_at.jst_date(),
            words: plan::describe(&p.plan, &state.plain),
            week_words: p
                .plan
                .weekly
                .iter()
                .map(|w| state.plain.annotate(w.content.clone()))
                .collect(),
            daily_words: p
                .plan
                .daily_activities
                .iter()
                .map(|d| state.plain.annotate(d.activity.clone()))
                .collect(),
            changes: before.map(|b| plan::changes(&b, &p, &state.plain)),
            today_weekday: u8::try_from(
                chrono::Datelike::weekday(&jst_today(now)).num_days_from_monday(),
            )
            .unwrap_or(0),
            original: p.plan,
            author_name,
            goal_ids,
        }),
    })
}
