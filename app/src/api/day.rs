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

/// The person's usual values, judged from the 14 days before `start_ms`
/// (the day page, きろく and the print-out describe measurements alike).
#[cfg(feature = "ssr")]
pub(crate) async fn usual_before(
    db: &crate::server::db::Db,
    recipient: crate::domain::ids::RecipientId,
    start_ms: i64,
    shown: &crate::domain::policy::Shown,
) -> Result<crate::server::plain::vitals::Usual, AppError> {
    const USUAL_DAYS_MS: i64 = 14 * 24 * 60 * 60 * 1000;
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
    let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let chosen =
        shown_day::chosen(day.as_deref(), today).map_err(|e| AppError::Invalid(e.into()))?;
    let day = match chosen {
        Some(day) => day,
        None => db::records::latest_record_at(&state.db, id)
            .await?
            .map(|t| t.jst_date())
            .unwrap_or(today),
    };
    let (start, end) = jst_day_bounds(day);
    let shown = viewer.shown();
    let records = db::records::records_between(&state.db, id, start, end, &shown).await?;
    let plain =
        crate::server::plain_store::notes_for(&state.db, &state.plain, id, (start, end), &records)
            .await?;
    let mut classes: Vec<InfoClass> = records.iter().map(|r| r.class).collect();
    let summary = DaySummary::of(&records);
    // Asked before this read is logged, which would be the newest look.
    const SAME_SITTING_MS: i64 = 30 * 60 * 1000;
    let since_last_look = if day == today {
        match crate::server::audit::last_look(
            &state.db,
            me.person,
            id,
            now.timestamp_millis() - SAME_SITTING_MS,
        )
        .await?
        {
            Some(at) => Some(SinceLastLook {
                at,
                new_records: db::records::count_since(&state.db, id, at.millis(), &shown).await?,
            }),
            None => None,
        }
    } else {
        None
    };
    let records = records
        .into_iter()
        .zip(plain)
        .map(|(record, plain)| DayRecord {
            mine: record.author == me.person,
            record,
            plain,
        })
        .collect();
    let usual = usual_before(&state.db, id, start, &shown).await?;
    let targets = db::vitals::targets_at(&state.db, id, OccurredAt::from_millis(end)).await?;
    let vitals: Vec<DayVitals> = db::vitals::vitals_between(&state.db, id, start, end, &shown)
        .await?
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
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    let unread_comments = db::talk::comments(&state.db, id, me.person, &shown, None)
        .await?
        .iter()
        .filter(|c| c.comment.unread)
        .count();
    let acp_due = viewer.shown().classes.contains(&InfoClass::Acp)
        && (viewer.relation != Some(crate::domain::classes::RelationKind::Team)
            || viewer.role == crate::domain::classes::Role::CareManager)
        && crate::api::acp::due_for_talk(&state.db, id, today).await?;
    let new_plan = match db::care_plan::newest_version(&state.db, id).await? {
        Some((plan, class)) if viewer.shown().classes.contains(&class) => {
            let plan = plan.to_string();
            !crate::server::audit::has_read(&state.db, me.person, id, "care_plan", &plan).await?
        }
        _ => false,
    };
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
