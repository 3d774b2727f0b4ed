//! One day of a recipient's records and vital signs.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::{RecipientLinks, RecipientSummary};
use crate::domain::plain::{PlainNote, RubyText};
use crate::domain::records::CareRecord;
use crate::domain::summary::DaySummary;
use crate::domain::vitals::VitalsReading;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayView {
    pub recipient: RecipientSummary,
    pub day: NaiveDate,
    pub prev: NaiveDate,
    /// None when `day` is today: there is no record from the future.
    pub next: Option<NaiveDate>,
    pub records: Vec<DayRecord>,
    pub vitals: Vec<DayVitals>,
    pub links: RecipientLinks,
    /// The day at a glance.
    pub summary: DaySummary,
    /// Today only: records that came since the reader last looked (a look
    /// within the last half hour is the same sitting, not a "last time").
    pub since_last_look: Option<SinceLastLook>,
    /// Comments the reader has not read yet.
    pub unread_comments: usize,
    /// 人生会議 is due for another talk (shown to 本人, family and the
    /// care manager who may see it).
    pub acp_due: bool,
    /// A plan version the reader has not opened yet (a new plan, written
    /// in Yorisoi or imported from the care manager's software).
    pub new_plan: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SinceLastLook {
    pub at: crate::domain::time::OccurredAt,
    pub new_records: i64,
}

/// A measurement with plain sentences judged against the general reference
/// and the person's usual values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayVitals {
    pub reading: VitalsReading,
    pub words: Vec<RubyText>,
}

/// A record with its note in plain Japanese beside the staff's wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayRecord {
    pub record: CareRecord,
    pub plain: PlainNote,
    /// The reader wrote it (and may correct it).
    pub mine: bool,
}

/// How far back the person's usual values are judged from.
#[cfg(feature = "ssr")]
const USUAL_DAYS_MS: i64 = 14 * 24 * 60 * 60 * 1000;

/// The person's usual values, judged from the 14 days before `start_ms`
/// (the day page, きろく and the print-out describe measurements alike).
#[cfg(feature = "ssr")]
pub(crate) async fn usual_before(
    db: &crate::server::db::Db,
    recipient: crate::domain::ids::RecipientId,
    start_ms: i64,
    shown: &crate::domain::policy::Shown,
) -> Result<crate::server::plain::vitals::Usual, AppError> {
    let history = crate::server::db::vitals::vitals_between(
        db,
        recipient,
        start_ms - USUAL_DAYS_MS,
        start_ms,
        shown,
    )
    .await?;
    Ok(crate::server::plain::vitals::Usual::from_history(&history))
}

/// `day` is `YYYY-MM-DD` in Japan time; without it, the newest day that has
/// records. Only what the access policy lets the signed-in person see:
/// team-only (チーム内) items never reach 本人 or family, 医療 only with
/// consent, and nothing without a live care relationship.
#[server(endpoint = "day")]
pub async fn day_records(recipient: String, day: Option<String>) -> Result<DayView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::shown_day;
    use crate::domain::time::{jst_day_bounds, jst_today, OccurredAt};
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let today = jst_today(now);

    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let chosen =
        shown_day::chosen(day.as_deref(), today).map_err(|e| AppError::Invalid(e.into()))?;
    let shown = viewer.shown();
    // Asked before this read is logged, which would be the newest look.
    const SAME_SITTING_MS: i64 = 30 * 60 * 1000;
    let notices = db::home_notices::for_reader(
        &state.db,
        id,
        me.person,
        now.timestamp_millis() - SAME_SITTING_MS,
        &shown,
    )
    .await?;
    let day = chosen
        .or_else(|| notices.latest_record.map(|t| t.jst_date()))
        .unwrap_or(today);
    let (start, end) = jst_day_bounds(day);
    let listed = db::records::listed_between(&state.db, id, start, end, &shown).await?;
    let plain = crate::server::plain_store::notes_for(&state.db, &state.plain, &listed).await;
    let records: Vec<_> = listed.into_iter().map(|l| l.record).collect();
    let mut classes: Vec<InfoClass> = records.iter().map(|r| r.class).collect();
    let summary = DaySummary::of(&records);
    let since_last_look = (day == today)
        .then_some(notices.last_look)
        .flatten()
        .map(|(at, new_records)| SinceLastLook { at, new_records });
    let records = records
        .into_iter()
        .zip(plain)
        .map(|(record, plain)| DayRecord {
            mine: record.author == me.person,
            record,
            plain,
        })
        .collect();
    // The day's measurements and the 14 days before (the usual values) in
    // one read.
    let (before, on_day): (Vec<_>, Vec<_>) =
        db::vitals::vitals_between(&state.db, id, start - USUAL_DAYS_MS, end, &shown)
            .await?
            .into_iter()
            .partition(|r| r.measured_at.millis() < start);
    let usual = crate::server::plain::vitals::Usual::from_history(&before);
    let targets = db::vitals::targets_at(&state.db, id, OccurredAt::from_millis(end)).await?;
    let vitals: Vec<DayVitals> = on_day
        .into_iter()
        .map(|reading| DayVitals {
            words: crate::server::plain::vitals::describe(&reading.vitals, &usual, &targets)
                .into_iter()
                .map(|w| state.plain.annotate(w))
                .collect(),
            reading,
        })
        .collect();
    classes.extend(vitals.iter().map(|v| v.reading.class));
    let unread_comments = usize::try_from(notices.unread_comments).unwrap_or(0);
    let acp_due = viewer.shown().classes.contains(&InfoClass::Acp)
        && (viewer.relation != Some(crate::domain::classes::RelationKind::Team)
            || viewer.role == crate::domain::classes::Role::CareManager)
        && crate::domain::acp::talk_due_after(notices.acp_last_talk, today);
    // The reminder tells when the last talk was: a read of 人生会議.
    if acp_due {
        classes.push(InfoClass::Acp);
    }
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    let new_plan = notices
        .newest_plan
        .is_some_and(|plan| viewer.shown().classes.contains(&plan.class) && !plan.opened);
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "day_records",
        Some(day.to_string()),
        &classes,
    )
    .await?;
    Ok(DayView {
        recipient: RecipientSummary::from_recipient(&person, today),
        day,
        prev: day.pred_opt().unwrap_or(day),
        next: (day < today).then(|| day.succ_opt()).flatten(),
        records,
        vitals,
        links: RecipientLinks::for_viewer(&viewer),
        summary,
        since_last_look,
        unread_comments,
        acp_due,
        new_plan,
    })
}
