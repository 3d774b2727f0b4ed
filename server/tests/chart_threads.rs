//! Comments on the からだの数値 charts: a chart's thread is read only by
//! whoever may read its measure (vital signs are 医療), and it is one
//! person's — another person's chart of the same measure is another
//! thread, with its own read marks and its own people to tell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use support::site::{site, site_on, Site};

const DAUGHTER: &str = "佐藤 美咲";
const SON: &str = "山本 健太";
const CM: &str = "田中 里美";
const NURSE: &str = "中村 由美";
const WORKER: &str = "高橋 誠";
const HANA: &str = "山本 ハナ";
/// A second person the care manager serves, with her own weight chart.
const TOME: &str = "山田 トメ";
/// トメ's son, who wrote on her chart and no longer follows her care.
const ICHIRO: &str = "山田 一郎";

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A page's text whatever its status: a refusal's status is not what these
/// tests are about, only that the words are not there.
async fn body_of(site: &Site, path: &str, cookie: &str) -> String {
    let req = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    site.send(req).await.2
}

async fn post(site: &Site, cookie: &str, recipient: &str, measure: &str, body: &str) -> StatusCode {
    site.call(
        "/api/talk/post",
        cookie,
        &format!(
            "recipient={recipient}&kind=chart&target={measure}&body={}",
            enc(body)
        ),
    )
    .await
    .0
}

#[tokio::test]
async fn the_nurses_comment_on_the_blood_pressure_chart_is_read_only_by_who_may_read_it() {
    let site = site().await;
    let r = &site.recipient;
    let nurse = site.cookie(NURSE).await;
    let words = "朝の血圧が続けて高めです。主治医に伝えます。";
    assert_eq!(post(&site, &nurse, r, "bp", words).await, StatusCode::OK);
    let class: String =
        sqlx::query_scalar("SELECT info_class FROM comments WHERE target_kind = 'chart'")
            .fetch_all(site.t.db.pool())
            .await
            .unwrap()
            .into_iter()
            .find(|c| c == "medical")
            .unwrap_or_default();
    assert_eq!(class, "medical", "stored as the measure's class");

    // ハナ and the daughter she lets see 医療 read it, in the thread and
    // in the list of threads.
    for who in [HANA, DAUGHTER, CM] {
        let cookie = site.cookie(who).await;
        let thread = body_of(&site, &format!("/r/{r}/talk/chart/bp"), &cookie).await;
        assert!(thread.contains(words), "{who} reads the thread");
        // As the list of threads gets it (the page adds furigana marks).
        let (status, list) = site
            .call("/api/talk/threads", &cookie, &format!("recipient={r}"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(list.contains(words), "{who} sees it among the threads");
    }
    // The son (no 医療) and a care worker (the default policy keeps 医療
    // from care workers) do not, in neither place.
    for who in [SON, WORKER] {
        let cookie = site.cookie(who).await;
        let thread = body_of(&site, &format!("/r/{r}/talk/chart/bp"), &cookie).await;
        assert!(!thread.contains(words), "{who} reads the nurse's comment");
        let list = body_of(&site, &format!("/r/{r}/talk"), &cookie).await;
        assert!(!list.contains(words), "{who} sees it listed: {list}");
        let inbox = body_of(&site, "/inbox", &cookie).await;
        assert!(!inbox.contains(words), "{who} has it in the inbox");
    }

    // The son cannot write on the chart either; nothing is stored.
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    let son = site.cookie(SON).await;
    assert_ne!(
        post(&site, &son, r, "bp", "血圧はどうですか").await,
        StatusCode::OK
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert_eq!(before, after, "the refused comment is not stored");
}

/// トメ, served by the same care manager, and her son 一郎 (医療 shared
/// with him) whose relationship has ended after he wrote on her chart.
/// Returns トメ's recipient id.
async fn second_household(site: &Site) -> String {
    let pool = site.t.db.pool();
    let tome = app::domain::ids::PersonId::new().to_string();
    let tome_person = app::domain::ids::PersonId::new().to_string();
    let ichiro = app::domain::ids::PersonId::new().to_string();
    let cm = site.person(CM).await;
    let today = chrono::Utc::now().date_naive();
    let started = (today - chrono::Days::new(300)).to_string();
    sqlx::query(
        "INSERT INTO recipients (id, name, name_kana, birth_date, care_level, created_at) \
         VALUES ($1, $2, 'やまだ とめ', '1938-04-02', 'care_2', 0)",
    )
    .bind(&tome)
    .bind(TOME)
    .execute(pool)
    .await
    .unwrap();
    for (id, name, role, email) in [
        (&tome_person, TOME, "recipient", "tome@example.jp"),
        (&ichiro, ICHIRO, "family", "ichiro@example.jp"),
    ] {
        sqlx::query(
            "INSERT INTO people (id, display_name, role, provider_id, created_at, email) \
             VALUES ($1, $2, $3, NULL, 0, $4)",
        )
        .bind(id)
        .bind(name)
        .bind(role)
        .bind(email)
        .execute(pool)
        .await
        .unwrap();
    }
    for (person, kind, relation) in [
        (&tome_person, "self", ""),
        (&ichiro, "family", "長男"),
        (&cm, "team", ""),
    ] {
        sqlx::query(
            "INSERT INTO care_relationships (id, recipient_id, person_id, kind, family_relation, \
             started_on) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(app::domain::ids::PersonId::new().to_string())
        .bind(&tome)
        .bind(person)
        .bind(kind)
        .bind(relation)
        .bind(&started)
        .execute(pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO consents (id, recipient_id, person_id, class, granted_by, granted_at) \
         VALUES ($1, $2, $3, 'medical', $4, 0)",
    )
    .bind(app::domain::ids::PersonId::new().to_string())
    .bind(&tome)
    .bind(&ichiro)
    .bind(&tome_person)
    .execute(pool)
    .await
    .unwrap();
    tome
}

/// The number of unread comments the reader has on a recipient's weight
/// chart, as the list of threads gives it.
async fn unread_on_weight(site: &Site, cookie: &str, recipient: &str) -> u64 {
    let (status, body) = site
        .call(
            "/api/talk/threads",
            cookie,
            &format!("recipient={recipient}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    view["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"]["id"] == "weight")
        .map(|t| t["unread"].as_u64().unwrap())
        .unwrap_or(0)
}

#[tokio::test]
async fn reading_one_persons_weight_chart_leaves_anothers_unread() {
    read_marks(site().await).await;
}

#[tokio::test]
async fn read_marks_are_per_person_on_postgres() {
    read_marks(site_on(support::postgres().await, None).await).await;
}

async fn read_marks(site: Site) {
    let hana = site.recipient.clone();
    let tome = second_household(&site).await;
    let cm = site.cookie(CM).await;
    let tome_cookie = site.cookie(TOME).await;
    let daughter = site.cookie(DAUGHTER).await;

    // The care manager has read ハナ's weight thread (the daughter's
    // demo question); then トメ and the daughter both write.
    body_of(&site, &format!("/r/{hana}/talk/chart/weight"), &cm).await;
    assert_eq!(unread_on_weight(&site, &cm, &hana).await, 0);
    let tome_words = "今朝の体重は41キロでした";
    assert_eq!(
        post(&site, &tome_cookie, &tome, "weight", tome_words).await,
        StatusCode::OK
    );
    assert_eq!(
        post(&site, &daughter, &hana, "weight", "先週より少し増えました").await,
        StatusCode::OK
    );
    assert_eq!(unread_on_weight(&site, &cm, &tome).await, 1);
    assert_eq!(unread_on_weight(&site, &cm, &hana).await, 1);

    // Reading トメ's chart thread marks hers only.
    let thread = body_of(&site, &format!("/r/{tome}/talk/chart/weight"), &cm).await;
    assert!(thread.contains(tome_words));
    assert_eq!(unread_on_weight(&site, &cm, &tome).await, 0);
    assert_eq!(
        unread_on_weight(&site, &cm, &hana).await,
        1,
        "ハナ's new comment is still new to her care manager"
    );
    // Each thread holds its own person's comments only.
    let hanas = body_of(&site, &format!("/r/{hana}/talk/chart/weight"), &cm).await;
    assert!(!hanas.contains(tome_words), "トメ's words in ハナ's thread");
}

#[tokio::test]
async fn an_answer_on_one_persons_chart_tells_only_that_persons_household() {
    let (site, sink) = support::site::site_with_mail().await;
    let hana = site.recipient.clone();
    let tome = second_household(&site).await;
    let cm = site.cookie(CM).await;
    let db = &site.t.db;
    let daughter_id = app::domain::ids::PersonId::parse(&site.person(DAUGHTER).await).unwrap();
    app::server::db::people::set_email(db, daughter_id, Some("misaki@example.jp"))
        .await
        .unwrap();

    // トメ and 一郎 write on トメ's weight chart (the care manager has no
    // address: nobody is told of those); then 一郎's relationship ends.
    let tome_cookie = site.cookie(TOME).await;
    let ichiro = site.cookie(ICHIRO).await;
    assert_eq!(
        post(&site, &tome_cookie, &tome, "weight", "体重が減りました").await,
        StatusCode::OK
    );
    assert_eq!(
        post(&site, &ichiro, &tome, "weight", "食事は食べられていますか").await,
        StatusCode::OK
    );
    let ended = chrono::Utc::now().date_naive().to_string();
    sqlx::query(
        "UPDATE care_relationships SET ended_on = $1, end_reason = 'other' \
         WHERE person_id = (SELECT id FROM people WHERE display_name = $2)",
    )
    .bind(&ended)
    .bind(ICHIRO)
    .execute(db.pool())
    .await
    .unwrap();

    // The care manager answers on ハナ's weight chart: only the daughter,
    // who asked there, is told.
    assert_eq!(
        post(&site, &cm, &hana, "weight", "食事の量は足りています").await,
        StatusCode::OK
    );
    let mail = sink.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let mail_after = sink.messages();
    assert_eq!(mail_after.len(), 1, "only one notice: {mail:?}");
    assert!(mail_after[0].contains("misaki@example.jp"));

    // She answers on トメ's chart: トメ is told, 一郎 (ended) is not.
    assert_eq!(
        post(&site, &cm, &tome, "weight", "少しずつ戻っています").await,
        StatusCode::OK
    );
    sink.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let mail = sink.messages();
    assert_eq!(mail.len(), 2, "one more notice");
    assert!(mail[1].contains("tome@example.jp"));
    assert!(
        !mail.iter().any(|m| m.contains("ichiro@example.jp")),
        "a notice went to someone whose relationship has ended"
    );
}
