//! Any bytes as the query string of a page, read the way the pages read it
//! (each parameter as text) and parsed by the domain: the day page's
//! `day`, the chart's `span`, きろく's `kind` and `before`, 見た人の記録's
//! `older`, the print-out's `from`/`to` and 人生会議's compared versions.
//! Also the whole input, as one lossy UTF-8 string, given to every one of
//! them. A value or a refusal, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

use app::domain::chart::Span;
use app::domain::compared_versions::ComparedVersions;
use app::domain::page_cursor::Before;
use app::domain::print_period::PrintPeriod;
use app::domain::shown_day;
use app::domain::timeline_kind::Kind;

/// Every parameter a page reads (absent ones are None, as in the router).
#[derive(serde::Deserialize)]
struct Query {
    day: Option<String>,
    span: Option<String>,
    kind: Option<String>,
    before: Option<String>,
    older: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn every_parser(q: &Query, today: chrono::NaiveDate, newest: i64) {
    let _ = shown_day::chosen(q.day.as_deref(), today);
    let _ = Span::from_query(q.span.as_deref());
    let _ = Kind::from_query(q.kind.as_deref());
    let _ = Before::from_query(q.before.as_deref());
    let _ = Before::from_query(q.older.as_deref());
    let _ = PrintPeriod::parse(q.from.as_deref(), q.to.as_deref(), today);
    let _ = ComparedVersions::parse(q.from.as_deref(), q.to.as_deref(), newest);
}

fuzz_target!(|data: &[u8]| {
    let today = app::domain::time::jst_today(chrono::Utc::now());
    // The first bytes also choose the newest ACP version, so its edges
    // (0, negative, i64::MIN) are reached.
    let newest = data
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, i64::from_le_bytes);

    // As a query string (percent-decoded, `+` as a space).
    let qs = serde_qs::Config::new(5, false);
    if let Ok(q) = qs.deserialize_bytes::<Query>(data) {
        every_parser(&q, today, newest);
    }

    // The whole input as every parameter at once.
    let raw = String::from_utf8_lossy(data).into_owned();
    let all = Query {
        day: Some(raw.clone()),
        span: Some(raw.clone()),
        kind: Some(raw.clone()),
        before: Some(raw.clone()),
        older: Some(raw.clone()),
        from: Some(raw.clone()),
        to: Some(raw),
    };
    every_parser(&all, today, newest);
    // An end alone: the print-out counts two weeks back from it.
    let end_only = Query { from: None, ..all };
    every_parser(&end_only, today, newest);
});
