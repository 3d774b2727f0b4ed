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

#[server(endpoint = "recipients")]
pub async fn list_recipients() -> Result<Vec<RecipientSummary>, AppError> {
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let today = crate::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
        .jst_date();
    // Only the people this person has a live care relationship with.
    let me = crate::api::auth::edge::signed_in(&state.db).await?;
    let mine = crate::server::access::recipients_of(&state.db, me.person, today).await?;
    let all = db::people::list_recipients(&state.db).await?;
    Ok(all
        .iter()
        .filter(|r| mine.contains(&r.id))
        .map(|r| RecipientSummary::from_recipient(r, today))
        .collect())
}
