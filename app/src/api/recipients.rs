//! Who can be looked at.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::classes::CareLevel;
use crate::domain::ids::RecipientId;
use crate::error::AppError;

/// What a list or a page header shows about a recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecipientSummary {
    pub id: RecipientId,
    pub name: String,
    pub age: i32,
    pub care_level: CareLevel,
}

#[cfg(feature = "ssr")]
impl RecipientSummary {
    pub fn from_recipient(r: &crate::domain::people::Recipient, today: chrono::NaiveDate) -> Self {
        Self {
            id: r.id,
            name: r.name.to_string(),
            age: r.age_on(today),
            care_level: r.care_level,
        }
    }
}

/// Which of a recipient's pages the signed-in person may open (the server
/// checks again on each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecipientLinks {
    pub access_log: bool,
    pub sharing: bool,
    pub team: bool,
    /// 人生会議 (本人, family with consent, the clinical team).
    pub acp: bool,
    /// 訪問の記録 (care workers, nurses and doctors of the team).
    pub visit: bool,
}

#[cfg(feature = "ssr")]
impl RecipientLinks {
    pub fn for_viewer(v: &crate::domain::policy::Viewer) -> Self {
        use crate::domain::classes::{RelationKind, Role};
        Self {
            access_log: v.may_read_access_log(),
            sharing: v.decides_for_recipient(),
            team: v.role == Role::CareManager && v.relation == Some(RelationKind::Team),
            acp: crate::domain::policy::may_see(
                *v,
                crate::domain::policy::Item::of(crate::domain::classes::InfoClass::Acp, false),
            ),
            visit: crate::domain::policy::may_write_record(*v),
        }
    }
}

/// The start page: the signed-in person's role and their people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeView {
    pub role: crate::domain::classes::Role,
    pub recipients: Vec<RecipientSummary>,
}

#[server(endpoint = "recipients")]
pub async fn list_recipients() -> Result<HomeView, AppError> {
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let today = crate::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
        .jst_date();
    // Only the people this person has a live care relationship with.
    let me = crate::api::auth::edge::signed_in(&state.db).await?;
    let mine = db::people::recipients_of(&state.db, me.person, today).await?;
    Ok(HomeView {
        role: me.role,
        recipients: mine
            .iter()
            .map(|r| RecipientSummary::from_recipient(r, today))
            .collect(),
    })
}
