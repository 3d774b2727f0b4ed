//! Side doors: pages that tell of things the reader may not see without
//! showing them — 見た人の記録 (lines about a class or a team-only item)
//! and ホーム's choice of day — and the 人生会議 reminders, which read
//! 人生会議 and so are in the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::StatusCode;

use support::site::{site, site_on, Site};

const DAUGHTER: &str = "佐藤 美咲";
const SON: &str = "山本 健太";
const CM: &str = "田中 里美";
const NURSE: &str = "中村 由美";
const HANA: &str = "山本 ハナ";

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A visit the nurse writes now: one 医療 note, team-only when asked.
async fn nurse_writes(site: &Site, note: &str, team_only: bool) {
    let nurse = site.cookie(NURSE).await;
    let at = (chrono::Utc::now() - chrono::Duration::minutes(1))
        .with_timezone(&app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M");
    let team = if team_only { "&form[team_only]=on" } else { "" };
    let (status, body) = site
        .call(
            "/api/visit/save",
            &nurse,
            &format!(
                "recipient={}&form[at]={at}&form[note]={}&form[note_class]=medical{team}",
                site.recipient,
                enc(note)
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// The lines of 見た人の記録 the reader gets, as (who, did, what).
async fn log_lines(site: &Site, cookie: &str) -> Vec<(String, String, String)> {
    let (status, body) = site
        .call(
            "/api/access-log",
            cookie,
            &format!("recipient={}", site.recipient),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    view["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let who = l["who"]["Person"]["name"]
                .as_str()
                .map_or_else(|| l["who"].to_string(), str::to_string);
            let what = l["what"]
                .as_str()
                .map_or_else(|| l["what"].to_string(), str::to_string);
            (who, l["did"].as_str().unwrap_or("").to_string(), what)
        })
        .collect()
}

#[tokio::test]
async fn the_access_log_leaves_out_lines_about_what_the_reader_may_not_see() {
    access_log(site().await).await;
}

#[tokio::test]
async fn the_access_log_leaves_them_out_on_postgres() {
    access_log(site_on(support::postgres().await, None).await).await;
}

async fn access_log(site: Site) {
    let r = site.recipient.clone();
    // ハナ takes back what she let her daughter see of 人生会議.
    let hana_id = site.person(HANA).await;
    sqlx::query(
        "UPDATE consents SET revoked_at = 1, revoked_by = $1 \
         WHERE class = 'acp' AND person_id = (SELECT id FROM people WHERE display_name = $2)",
    )
    .bind(&hana_id)
    .bind(DAUGHTER)
    .execute(site.t.db.pool())
    .await
    .unwrap();
    let cm = site.cookie(CM).await;
    // The care manager reads 人生会議 and the care plan; the nurse writes one
    // note for the team only and one for everyone who may see 医療.
    site.page(&format!("/r/{r}/acp"), &cm).await;
    // (ホーム would remind her of 人生会議: the plan is a read without it.)
    site.page(&format!("/r/{r}/plan"), &cm).await;
    nurse_writes(&site, "主治医へ報告する内容あり", true).await;

    let daughter = site.cookie(DAUGHTER).await;
    let hers = log_lines(&site, &daughter).await;
    assert!(
        hers.iter().any(|(who, did, _)| who == CM && did == "Read"),
        "the daughter still sees that the care manager read: {hers:?}"
    );
    assert!(
        !hers.iter().any(|(_, _, what)| what == "Acp"),
        "a line about 人生会議, which she may no longer see: {hers:?}"
    );
    assert!(
        !hers.iter().any(|(who, _, _)| who == NURSE),
        "a line about the team-only note: {hers:?}"
    );

    let hana = site.cookie(HANA).await;
    let own = log_lines(&site, &hana).await;
    assert!(
        own.iter()
            .any(|(who, did, what)| who == CM && did == "Read" && what == "Acp"),
        "ハナ sees that her care manager read her 人生会議: {own:?}"
    );
    assert!(
        !own.iter().any(|(who, _, _)| who == NURSE),
        "ハナ sees a line about the team-only note: {own:?}"
    );

    // A note she may see is in her log.
    nurse_writes(&site, "血圧は落ち着いています", false).await;
    let own = log_lines(&site, &hana).await;
    assert!(
        own.iter()
            .any(|(who, did, _)| who == NURSE && did == "Wrote"),
        "the nurse's shared note is in her log: {own:?}"
    );
}

/// The day ホーム opens on, as its server function answers.
async fn home_day(site: &Site, cookie: &str) -> String {
    let (status, body) = site
        .call("/api/day", cookie, &format!("recipient={}", site.recipient))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    view["day"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn home_opens_on_the_newest_day_the_reader_may_see() {
    let site = site().await;
    // Every demo record moves ten days back; then the nurse writes a note
    // for the team today.
    sqlx::query("UPDATE care_records SET occurred_at = occurred_at - $1")
        .bind(10_i64 * 24 * 60 * 60 * 1000)
        .execute(site.t.db.pool())
        .await
        .unwrap();
    let db = site.t.db.clone();
    let visible = |sql: &'static str| {
        let db = db.clone();
        async move {
            let ms: i64 = sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap();
            app::domain::time::OccurredAt::from_millis(ms)
                .jst_date()
                .to_string()
        }
    };
    let living_day = visible(
        "SELECT MAX(occurred_at) FROM care_records WHERE info_class IN ('living', 'contact') \
         AND team_only = 0",
    )
    .await;
    let own_day = visible("SELECT MAX(occurred_at) FROM care_records WHERE team_only = 0").await;
    nurse_writes(&site, "主治医へ報告する内容あり", true).await;
    let today = app::domain::time::jst_today(chrono::Utc::now()).to_string();

    assert_eq!(home_day(&site, &site.cookie(CM).await).await, today);
    assert_eq!(
        home_day(&site, &site.cookie(HANA).await).await,
        own_day,
        "ハナ's ホーム tells that the team wrote something today"
    );
    assert_eq!(
        home_day(&site, &site.cookie(SON).await).await,
        living_day,
        "the son's ホーム opens on a day with nothing he may see"
    );

    // A 医療 note today: ハナ and her daughter open on today, the son not.
    nurse_writes(&site, "血圧は落ち着いています", false).await;
    assert_eq!(home_day(&site, &site.cookie(HANA).await).await, today);
    assert_eq!(home_day(&site, &site.cookie(DAUGHTER).await).await, today);
    assert_eq!(home_day(&site, &site.cookie(SON).await).await, living_day);
}

/// How many times the reader's reads of ハナ named 人生会議.
async fn acp_reads(site: &Site, reader: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_kind = $1 AND action = 'read' \
         AND info_classes LIKE '%acp%' \
         AND actor_id = (SELECT id FROM people WHERE display_name = $2)",
    )
    .bind(kind)
    .bind(reader)
    .fetch_one(site.t.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_reminder_to_talk_about_acp_again_is_a_read_of_acp() {
    let site = site().await;
    let cm = site.cookie(CM).await;
    // The demo's last talk was long ago: both the inbox and ホーム remind.
    let inbox = site.page("/inbox", &cm).await;
    assert!(inbox.contains("人生会議の話し合い"), "{inbox}");
    assert!(acp_reads(&site, CM, "inbox").await >= 1, "the inbox's read");
    let daughter = site.cookie(DAUGHTER).await;
    let home = site
        .page(&format!("/r/{}", site.recipient), &daughter)
        .await;
    assert!(home.contains("人生会議"), "{home}");
    assert!(
        acp_reads(&site, DAUGHTER, "day_records").await >= 1,
        "ホーム's reminder read 人生会議"
    );
}
