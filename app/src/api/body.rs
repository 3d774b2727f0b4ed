//! からだの数値: one chart per measure over a week, a month or three months,
//! with the general reference and the person's usual range.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::chart::{Measure, Point, Span};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyView {
    pub recipient: RecipientSummary,
    pub span: Span,
    /// The chart's time range, milliseconds.
    pub from: i64,
    pub to: i64,
    /// Every measure, with or without points (an empty one says so).
    pub charts: Vec<(Measure, Vec<Point>)>,
}

#[server(endpoint = "body")]
pub async fn body_numbers(recipient: String, span: Option<String>) -> Result<BodyView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let today = jst_today(now);
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let span = Span::from_query(span.as_deref())?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let to = now.timestamp_millis();
    let from = to - span.days() * 24 * 60 * 60 * 1000;
    let readings = db::vitals::vitals_between(&state.db, id, from, to, &viewer.shown()).await?;
    let charts = crate::domain::chart::charts(&readings);
    let mut classes: Vec<_> = readings.iter().map(|r| r.class).collect();
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "body_numbers",
        Some(span.code().to_string()),
        &classes,
    )
    .await?;
    Ok(BodyView {
        recipient: RecipientSummary::from_recipient(&person, today),
        span,
        from,
        to,
        charts,
    })
}
