//! きろく: the timeline pages through three months of the demo household,
//! newest first, without gaps or repeats, one kind at a time, and as the
//! access policy allows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

struct Site {
    _t: support::TestDb,
    router: axum::Router,
    recipient: String,
    daughter: String,
    son: String,
    records: i64,
    vitals: i64,
}

async fn site() -> Site {
    let t = support::sqlite().await;
    let summary = app::server::demo::load_demo(&t.db, chrono::Utc::now())
        .await
        .unwrap();
    Site {
        router: support::router(&t.db),
        recipient: summary.recipient.to_string(),
        daughter: support::cookie_of(&t.db, "佐藤 美咲").await,
        son: support::cookie_of(&t.db, "山本 健太").await,
        records: summary.records as i64,
        vitals: summary.vitals as i64,
        _t: t,
    }
}

impl Site {
    /// A page as the browser of `cookie` gets it: (status, HTML).
    async fn page(&self, path: String, cookie: String) -> (StatusCode, String) {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    async fn call(&self, cookie: &str, form: &str) -> (StatusCode, String) {
        let req = Request::post("/api/records")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// Every item of the timeline, page after page: (time, id, kind).
    async fn walk(&self, cookie: &str, kind: &str) -> Vec<(i64, String, &'static str)> {
        let r = &self.recipient;
        let mut before = String::new();
        let mut out = Vec::new();
        for _ in 0..1000 {
            let (status, body) = self
                .call(
                    cookie,
                    &format!("recipient={r}&kind={kind}&before={before}"),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let page: Value = serde_json::from_str(&body).unwrap();
            let mut n = 0;
            for day in page["days"].as_array().unwrap() {
                for item in day["items"].as_array().unwrap() {
                    n += 1;
                    if let Some(rec) = item.get("Record") {
                        let r = &rec["record"];
                        out.push((
                            r["occurred_at"].as_i64().unwrap(),
                            r["id"].as_str().unwrap().to_string(),
                            "record",
                        ));
                    } else {
                        let v = &item["Vitals"]["reading"];
                        out.push((
                            v["measured_at"].as_i64().unwrap(),
                            v["id"].as_str().unwrap().to_string(),
                            "vitals",
                        ));
                    }
                }
            }
            assert!(n <= 20, "a page holds at most 20 items");
            match page["next"].as_str() {
                Some(next) => {
                    assert_eq!(n, 20, "only a full page has a next one");
                    before = next.to_string();
                }
                None => return out,
            }
        }
        panic!("the timeline never ended");
    }
}

#[tokio::test]
async fn the_whole_timeline_pages_newest_first_without_gaps_or_repeats() {
    let site = site().await;
    let all = site.walk(&site.daughter, "").await;
    let records = all.iter().filter(|i| i.2 == "record").count() as i64;
    let vitals = all.iter().filter(|i| i.2 == "vitals").count() as i64;
    // The daughter may see 生活 and 医療, not team-only notes.
    let team_only: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM care_records WHERE team_only = 1")
            .fetch_one(site._t.db.pool())
            .await
            .unwrap();
    assert_eq!(records, site.records - team_only);
    assert_eq!(vitals, site.vitals);
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    assert_eq!(all, sorted, "newest first across pages");
    let mut ids: Vec<&String> = all.iter().map(|i| &i.1).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no item twice");
}

#[tokio::test]
async fn one_kind_at_a_time_and_only_what_the_policy_allows() {
    let site = site().await;
    let meals = site.walk(&site.daughter, "meal").await;
    assert!(!meals.is_empty() && meals.iter().all(|i| i.2 == "record"));
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM care_records WHERE category = 'meal' AND team_only = 0",
    )
    .fetch_one(site._t.db.pool())
    .await
    .unwrap();
    assert_eq!(meals.len() as i64, stored);
    let vitals = site.walk(&site.daughter, "vitals").await;
    assert_eq!(vitals.len() as i64, site.vitals);
    // The son: no consent for 医療, so no measurements at all.
    assert!(site.walk(&site.son, "vitals").await.is_empty());
    // Bad input is refused, not guessed at.
    let r = &site.recipient;
    for form in [
        format!("recipient={r}&kind=dinner"),
        format!("recipient={r}&before=yesterday"),
        format!("recipient={r}&before=1_'%20OR%201=1"),
    ] {
        let (status, _) = site.call(&site.daughter, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{form}");
    }
}

#[tokio::test]
async fn the_page_reads_without_javascript_and_links_further_back() {
    let site = site().await;
    let r = &site.recipient;
    let req = Request::get(format!("/r/{r}/records?kind=meal"))
        .header(header::COOKIE, &site.daughter)
        .body(Body::empty())
        .unwrap();
    let resp = site.router.clone().oneshot(req).await.unwrap();
    let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
        .await
        .unwrap();
    let html = String::from_utf8_lossy(&body);
    assert!(html.contains("<h1>きろく</h1>"));
    assert!(html.contains("aria-current=\"page\""));
    assert!(html.contains("ごはん"), "meals in plain words");
    assert!(
        html.contains("元の記録"),
        "the staff's wording one tap away"
    );
    let more = html
        .split("rel=\"next\"")
        .next()
        .and_then(|h| h.rsplit("href=\"").next())
        .and_then(|h| h.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    assert!(
        more.starts_with(&format!("/r/{r}/records?kind=meal&before=")),
        "{more}"
    );
}

#[tokio::test]
async fn body_numbers_are_charts_with_a_table_of_the_same_numbers() {
    let site = site().await;
    let r = &site.recipient;
    let get = |path: String, cookie: String| site.page(path, cookie);
    let (status, html) = get(format!("/r/{r}/body?span=week"), site.daughter.clone()).await;
    assert_eq!(status, StatusCode::OK);
    // One chart per measure the demo measures, each an image with words,
    // the reference band, and a table row per measurement.
    let charts = html.matches("class=\"chart-svg\"").count();
    assert!(charts >= 4, "{charts} charts");
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("class=\"band-reference\""));
    let week_ago = chrono::Utc::now().timestamp_millis() - 7 * 24 * 60 * 60 * 1000;
    let bp_readings: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM vital_signs WHERE systolic IS NOT NULL AND measured_at >= $1",
    )
    .bind(week_ago)
    .fetch_one(site._t.db.pool())
    .await
    .unwrap();
    let bp = html
        .split("data-measure=\"BloodPressure\"")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert_eq!(bp.matches("<tr><td>").count() as i64, bp_readings);
    assert!(bp.contains("mmHg"));
    // The son may not see 医療: no chart, no number.
    let (_, html) = get(format!("/r/{r}/body"), site.son.clone()).await;
    assert!(!html.contains("class=\"chart-svg\""));
    assert!(html.contains("この間は、はかっていません。"));
    // A span that does not exist is refused.
    let req = Request::post("/api/body")
        .header(header::COOKIE, &site.daughter)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("recipient={r}&span=year")))
        .unwrap();
    let resp = site.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}

/// The paper for a doctor's visit: the chosen days, every record and
/// measurement of them with the staff's own words, and clear words for a
/// period that cannot be printed.
#[tokio::test]
async fn a_print_out_covers_the_chosen_days_with_the_staff_words() {
    use app::domain::time::{japanese_date, jst_day_bounds};
    let site = site().await;
    let r = &site.recipient;
    let db = site._t.db.pool();
    let get = |path: String, cookie: String| site.page(path, cookie);
    let to = chrono::NaiveDate::parse_from_str(&support::yesterday(), "%Y-%m-%d").unwrap();
    let from = to - chrono::Duration::days(6);
    let (start, end) = (jst_day_bounds(from).0, jst_day_bounds(to).1);
    let (status, html) = get(
        format!("/r/{r}/print?from={from}&to={to}"),
        site.daughter.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(
        "期間:{}から{}まで(7日間)",
        japanese_date(from),
        japanese_date(to)
    )));
    // Every record and measurement of the seven days, one row each.
    let count_records = |filter: &'static str| async move {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM care_records WHERE occurred_at >= $1 AND occurred_at < $2 \
             AND team_only = 0 {filter}"
        ))
        .bind(start)
        .bind(end)
        .fetch_one(db)
        .await
        .unwrap();
        n
    };
    // 本人 and family never see team-only notes.
    let records = count_records("").await;
    let vitals: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM vital_signs WHERE measured_at >= $1 AND measured_at < $2",
    )
    .bind(start)
    .bind(end)
    .fetch_one(db)
    .await
    .unwrap();
    assert!(
        records > 7 && vitals > 0,
        "{records} records, {vitals} vitals"
    );
    let rows = html.matches("<tr data-category=").count() as i64;
    assert_eq!(rows, records + vitals);
    assert_eq!(
        html.matches("<tr data-category=\"vitals\"").count() as i64,
        vitals
    );
    assert_eq!(html.matches("class=\"print-day\"").count(), 7);
    // The staff's wording, unchanged, for each note of the first day.
    let notes: Vec<String> = sqlx::query_scalar(
        "SELECT note FROM care_records WHERE occurred_at >= $1 AND occurred_at < $2 \
         AND note <> '' AND team_only = 0",
    )
    .bind(start)
    .bind(jst_day_bounds(from).1)
    .fetch_all(db)
    .await
    .unwrap();
    assert!(!notes.is_empty());
    for note in notes {
        let escaped = note
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&escaped), "missing: {note}");
    }
    assert!(html.contains("class=\"chart-svg\""));
    // The read is in the audit log with its period.
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'print' AND object_id = $1",
    )
    .bind(format!("{from}..{to}"))
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(logged, 1);

    // The son may not see 医療: the records, no measurement, no chart.
    let (_, html) = get(
        format!("/r/{r}/print?from={from}&to={to}"),
        site.son.clone(),
    )
    .await;
    assert_eq!(
        html.matches("<tr data-category=").count() as i64,
        count_records("AND info_class <> 'medical'").await,
        "the son sees the records of daily life and no measurement"
    );
    assert!(!html.contains("class=\"chart-svg\""));

    // A period that cannot be printed: the field named, the typed value kept.
    let today = to + chrono::Duration::days(1);
    for (query, says) in [
        (
            "from=2026-13-01".to_string(),
            "始まりの日の書き方がちがいます。",
        ),
        (
            format!("from={to}&to={from}"),
            "印刷する期間は、終わりの日を始まりの日より後にしてください。",
        ),
        (
            format!("from={}&to={to}", to - chrono::Duration::days(62)),
            "印刷する期間は、62日までにしてください。",
        ),
        (
            format!("to={}", today + chrono::Duration::days(1)),
            "終わりの日が、まだ来ていない時間になっています。",
        ),
    ] {
        let (_, html) = get(format!("/r/{r}/print?{query}"), site.daughter.clone()).await;
        assert!(html.contains(says), "{query}: {says}");
        assert!(
            !html.contains("<tr data-category="),
            "{query}: nothing printed"
        );
        assert!(html.contains("name=\"from\""), "{query}: the form is there");
    }
}
