//! きろく: the timeline of a recipient's records and measurements, newest
//! first, grouped by Japan-time day, one category at a time if asked, a
//! page at a time (keyset: the time and id of the last item shown).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::day::{DayRecord, DayVitals};
use super::recipients::{RecipientLinks, RecipientSummary};
use crate::error::AppError;

/// Items per page.
pub const PAGE: u32 = 20;

/// What the timeline can be narrowed to (the URL's `kind`).
pub use crate::domain::timeline_kind::Kind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TimelineItem {
    Record(DayRecord),
    Vitals(DayVitals),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineDay {
    pub day: NaiveDate,
    pub items: Vec<TimelineItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineView {
    pub recipient: RecipientSummary,
    pub links: RecipientLinks,
    pub kind: Option<Kind>,
    pub days: Vec<TimelineDay>,
    /// The `before` of the next (older) page, when there is one.
    pub next: Option<String>,
}

/// Items in time order (either way) as days in the same order: a day
/// starts where the Japan-time date changes.
#[cfg(feature = "ssr")]
pub(crate) fn by_day(items: Vec<(i64, TimelineItem)>) -> Vec<TimelineDay> {
    let mut days: Vec<TimelineDay> = Vec::new();
    for (at, item) in items {
        let day = crate::domain::time::OccurredAt::from_millis(at).jst_date();
        match days.last_mut() {
            Some(d) if d.day == day => d.items.push(item),
            _ => days.push(TimelineDay {
                day,
                items: vec![item],
            }),
        }
    }
    days
}

/// `kind`: one of `Kind`'s codes, or empty for everything. `before`: the
/// `next` of the previous page, or empty for the newest.
#[server(endpoint = "records")]
pub async fn timeline(
    recipient: String,
    kind: Option<String>,
    before: Option<String>,
) -> Result<TimelineView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::page_cursor::Before;
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let kind = Kind::from_query(kind.as_deref())?;
    let before = Before::from_query(before.as_deref())?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let shown = viewer.shown();
    let limit = PAGE + 1;
    let records = match kind {
        Some(Kind::Vitals) => Vec::new(),
        k => {
            let category = k.and_then(Kind::category);
            db::records::records_before(&state.db, id, &before, category, &shown, limit).await?
        }
    };
    let vitals = match kind {
        None | Some(Kind::Vitals) => {
            db::vitals::vitals_before(&state.db, id, &before, &shown, limit).await?
        }
        _ => Vec::new(),
    };
    // Both lists are newest first; merge them and keep one page.
    enum From {
        Record(usize),
        Vitals(usize),
    }
    let mut merged: Vec<(i64, String, From)> = records
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let r = &l.record;
            (r.occurred_at.millis(), r.id.to_string(), From::Record(i))
        })
        .chain(
            vitals
                .iter()
                .enumerate()
                .map(|(i, v)| (v.measured_at.millis(), v.id.to_string(), From::Vitals(i))),
        )
        .collect();
    merged.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    let more = merged.len() > PAGE as usize;
    merged.truncate(PAGE as usize);
    let next = more
        .then(|| merged.last().map(|(at, id, _)| Before::cursor(*at, id)))
        .flatten();

    let page_records: Vec<_> = merged
        .iter()
        .filter_map(|m| match m.2 {
            From::Record(i) => Some(records[i].clone()),
            From::Vitals(_) => None,
        })
        .collect();
    let oldest = merged.last().map_or(0, |m| m.0);
    let plain = crate::server::plain_store::notes_for(&state.db, &state.plain, &page_records).await;
    let mut plain_of: std::collections::HashMap<String, crate::domain::plain::PlainNote> =
        page_records
            .iter()
            .map(|l| l.record.id.to_string())
            .zip(plain)
            .collect();
    // The person's usual values: the 14 days before the oldest item here.
    let usual = super::day::usual_before(&state.db, id, oldest, &shown).await?;
    let target_history = db::vitals::target_history(&state.db, id).await?;
    let mut classes: Vec<InfoClass> = Vec::new();
    let mut items = Vec::with_capacity(merged.len());
    for (at, item_id, from) in merged {
        let item = match from {
            From::Record(i) => {
                let record = records[i].record.clone();
                classes.push(record.class);
                let plain = plain_of.remove(&item_id).unwrap_or_default();
                TimelineItem::Record(DayRecord {
                    mine: record.author == me.person,
                    record,
                    plain,
                })
            }
            From::Vitals(i) => {
                let reading = vitals[i].clone();
                classes.push(reading.class);
                let targets = target_history.at(reading.measured_at);
                let words =
                    crate::server::plain::vitals::describe(&reading.vitals, &usual, &targets)
                        .into_iter()
                        .map(|w| state.plain.annotate(w))
                        .collect();
                TimelineItem::Vitals(DayVitals { reading, words })
            }
        };
        items.push((at, item));
    }
    let days = by_day(items);
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "timeline",
        kind.map(|k| k.code().to_string()),
        &classes,
    )
    .await?;
    Ok(TimelineView {
        recipient: RecipientSummary::from_recipient(&person, today),
        links: RecipientLinks::for_viewer(&viewer),
        kind,
        days,
        next,
    })
}

/// One record with its earlier versions (corrections never erase).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordWithHistory {
    pub recipient: RecipientSummary,
    pub record: DayRecord,
    /// Oldest first.
    pub revisions: Vec<crate::domain::records::Revision>,
    /// The reader wrote it and still writes records for this person.
    pub may_correct: bool,
}

/// The signed-in reader, how they stand, and the record they named — if
/// they may see it (otherwise 404, as if it did not exist).
#[cfg(feature = "ssr")]
async fn record_for_reader(
    db: &crate::server::db::Db,
    recipient: &str,
    record: &str,
    today: chrono::NaiveDate,
) -> Result<
    (
        crate::server::auth::sessions::Session,
        crate::domain::policy::Viewer,
        crate::domain::ids::RecipientId,
        crate::domain::records::CareRecord,
    ),
    AppError,
> {
    use crate::domain::ids::{RecipientId, RecordId};
    let id = RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = crate::api::auth::edge::viewer_of(db, id, today).await?;
    let rid = RecordId::parse(record).ok_or(AppError::NotFound)?;
    let found = crate::server::db::records::record(db, id, rid, &viewer.shown())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((me, viewer, id, found))
}

#[server(endpoint = "records/one")]
pub async fn one_record(recipient: String, record: String) -> Result<RecordWithHistory, AppError> {
    use crate::api::auth::edge;
    use crate::domain::policy::may_write_record;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer, id, found) = record_for_reader(&state.db, &recipient, &record, today).await?;
    let rid = found.id;
    let person = db::people::get_recipient(&state.db, id).await?;
    let revisions = db::records::revisions(&state.db, rid).await?;
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "care_record",
        Some(rid.to_string()),
        &[found.class],
    )
    .await?;
    let mine = found.author == me.person;
    Ok(RecordWithHistory {
        recipient: RecipientSummary::from_recipient(&person, today),
        may_correct: mine && may_write_record(viewer),
        record: DayRecord {
            plain: state.plain.convert(&found.note),
            record: found,
            mine,
        },
        revisions,
    })
}

/// Corrects the wording of one's own record; the earlier wording is kept.
#[server(endpoint = "records/correct")]
pub async fn correct_record(
    recipient: String,
    record: String,
    note: String,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::policy::may_write_record;
    use crate::domain::records::{RecordBody, RecordNote};
    use crate::domain::validation::{Field, FieldError, Problem};
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer, id, found) = record_for_reader(&state.db, &recipient, &record, today).await?;
    let rid = found.id;
    if found.author != me.person || !may_write_record(viewer) {
        return Err(AppError::refused("record-correct-not-yours"));
    }
    let note = RecordNote::parse(&note).map_err(|e| AppError::Invalid(e.into()))?;
    // A 様子 record is its words: it cannot be corrected to nothing.
    if note.is_empty() && matches!(found.body, RecordBody::Observation) {
        return Err(AppError::Invalid(
            FieldError::new(Field::Note, Problem::Required).into(),
        ));
    }
    if note.as_str() == found.note {
        return Ok(());
    }
    db::records::correct_note(&state.db, id, rid, me.person, &note, edge::now()).await?;
    edge::audit(
        &state.db,
        &me,
        Action::Update,
        id,
        "care_record",
        Some(rid.to_string()),
        &[found.class],
    )
    .await?;
    Ok(())
}
