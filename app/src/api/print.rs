//! A print-out of a chosen period for a doctor's visit: the charts of the
//! body numbers over the period and every record and measurement, oldest
//! first, each with its plain version and the staff's own words.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use super::records::TimelineDay;
use crate::domain::chart::{Measure, Point};
use crate::domain::print_period::PrintPeriod;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintView {
    pub recipient: RecipientSummary,
    pub period: PrintPeriod,
    /// The day the paper was made (printed in its heading).
    pub made_on: NaiveDate,
    pub charts: Vec<(Measure, Vec<Point>)>,
    /// Oldest first: a doctor reads a period from its start.
    pub days: Vec<TimelineDay>,
}

/// `from`/`to`: `YYYY-MM-DD` (Japan time), both ends included; empty for
/// the last two weeks. Only what the access policy lets the reader see.
#[server(endpoint = "print")]
pub async fn print_sheet(
    recipient: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<PrintView, AppError> {
    use super::day::{DayRecord, DayVitals};
    use super::records::{by_day, TimelineItem};
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::plain::vitals::describe;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let period = PrintPeriod::parse(from.as_deref(), to.as_deref(), today)?;
    let shown = viewer.shown();
    let (start, end) = period.bounds();

    let listed = db::records::listed_between(&state.db, id, start, end, &shown).await?;
    let plain = crate::server::plain_store::notes_for(&state.db, &state.plain, &listed).await;
    let records: Vec<_> = listed.into_iter().map(|l| l.record).collect();
    let readings = db::vitals::vitals_between(&state.db, id, start, end, &shown).await?;
    // Words for each measurement judged as on the day page: against the
    // 14 days before the period and the doctor's targets of the time.
    let usual = super::day::usual_before(&state.db, id, start, &shown).await?;
    let targets = db::vitals::target_history(&state.db, id).await?;

    let mut classes: Vec<InfoClass> = records.iter().map(|r| r.class).collect();
    classes.extend(readings.iter().map(|r| r.class));
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    let charts = crate::domain::chart::charts(&readings);

    let mut items: Vec<(i64, TimelineItem)> = records
        .into_iter()
        .zip(plain)
        .map(|(record, plain)| {
            (
                record.occurred_at.millis(),
                // Paper has no links to correct from.
                TimelineItem::Record(DayRecord {
                    record,
                    plain,
                    mine: false,
                }),
            )
        })
        .chain(readings.into_iter().map(|reading| {
            let words = describe(&reading.vitals, &usual, &targets.at(reading.measured_at))
                .into_iter()
                .map(|w| state.plain.annotate(w))
                .collect();
            (
                reading.measured_at.millis(),
                TimelineItem::Vitals(DayVitals { reading, words }),
            )
        }))
        .collect();
    // Stable: within the same minute a record stays before a measurement.
    items.sort_by_key(|(at, _)| *at);

    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "print",
        Some(format!("{}..{}", period.from(), period.to())),
        &classes,
    )
    .await?;
    Ok(PrintView {
        recipient: RecipientSummary::from_recipient(&person, today),
        period,
        made_on: today,
        charts,
        days: by_day(items),
    })
}
