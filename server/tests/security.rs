//! Hostile input, each test failing if its defence is removed:
//! every state-changing endpoint refuses a cross-site post; every server
//! function refuses an oversized body; ids of another person's data are not
//! reachable through the ids of one's own; HTML typed into any free-text
//! field comes back as text on every page that shows it; a client too slow
//! with its headers is cut off; behind a trusted proxy the sign-in limit
//! counts each client, and nobody else's X-Forwarded-For is believed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

use app::domain::classes::*;
use app::domain::ids::*;
use app::domain::people::*;
use app::domain::records::*;
use app::domain::time::OccurredAt;
use app::server::db;
use support::site::{site, Site};

const DAUGHTER: &str = "佐藤 美咲";
const WORKER: &str = "高橋 誠";
const CM: &str = "田中 里美";
const NURSE: &str = "中村 由美";

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Every path that changes something: each server function (they are all
/// POSTs) and the integration API's import.
fn writers() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .collect();
    paths.push("/api/v1/recipients/x/imports".into());
    paths.sort();
    paths
}

async fn status_of(site: &Site, req: Request<Body>) -> StatusCode {
    site.router.clone().oneshot(req).await.unwrap().status()
}

#[tokio::test]
async fn every_state_changing_endpoint_refuses_a_cross_site_post() {
    let site = site().await;
    let daughter = site.cookie(DAUGHTER).await;
    let paths = writers();
    assert!(paths.len() > 40, "{paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let form = format!("recipient={}", site.recipient);
        // A page on another site posting with her cookie: by Origin, and by
        // the browser's own Sec-Fetch-Site mark.
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let req = Request::post(path.as_str())
                .header(name, value)
                .header(header::COOKIE, &daughter)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form.clone()))
                .unwrap();
            let status = status_of(&site, req).await;
            if status != StatusCode::FORBIDDEN {
                failures.push(format!("{path} with {name}: {value} gave {status}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[tokio::test]
async fn every_server_function_refuses_an_oversized_body() {
    let site = site().await;
    let daughter = site.cookie(DAUGHTER).await;
    // Far beyond any form a person fills in (a whole care plan is well
    // under 1 MB).
    let big = format!(
        "recipient={}&body={}",
        site.recipient,
        "あ".repeat(1_200_000)
    );
    let mut failures = Vec::new();
    for path in writers().iter().filter(|p| !p.starts_with("/api/v1/")) {
        let req = Request::post(path.as_str())
            .header(header::COOKIE, &daughter)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(big.clone()))
            .unwrap();
        let status = status_of(&site, req).await;
        if status != StatusCode::PAYLOAD_TOO_LARGE {
            failures.push(format!("{path}: {status}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // And the server still serves.
    let req = Request::get("/healthz").body(Body::empty()).unwrap();
    assert_eq!(status_of(&site, req).await, StatusCode::OK);
}

/// Another recipient, not in anyone's demo team, with a record and a wish.
async fn someone_else(site: &Site) -> (RecipientId, RecordId, String) {
    let db = &site.t.db;
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let other = Recipient {
        id: RecipientId::new(),
        name: PersonName::parse("別人 トメ").unwrap(),
        name_kana: NameKana::parse("ベツジン トメ").unwrap(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1938, 4, 1).unwrap(),
        care_level: CareLevel::Care1,
    };
    db::people::insert_recipient(db.pool(), &other, now)
        .await
        .unwrap();
    let worker = PersonId::parse(&site.person(WORKER).await).unwrap();
    let provider: String = sqlx::query_scalar("SELECT provider_id FROM people WHERE id = $1")
        .bind(worker.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
    let record = NewCareRecord {
        recipient: other.id,
        provider: ProviderId::parse(&provider).unwrap(),
        author: worker,
        occurred_at: OccurredAt::from_millis(now.millis() - 60_000),
        body: RecordBody::Observation,
        note: RecordNote::parse("別人の様子の記録").unwrap(),
        class: InfoClass::Living,
        team_only: false,
    };
    let record_id = db::records::insert_care_record(db.pool(), &record, now)
        .await
        .unwrap();
    let daughter = PersonId::parse(&site.person(DAUGHTER).await).unwrap();
    let text = app::domain::wishes::WishText::parse("別人の希望").unwrap();
    let wish = db::wishes::insert(
        db.pool(),
        db::wishes::NewWish {
            recipient: other.id,
            topic: app::domain::wishes::WishTopic::Likes,
            body: &text,
            author: daughter,
            relation: RelationKind::Family,
            at: now,
        },
    )
    .await
    .unwrap();
    (other.id, record_id, wish)
}

#[tokio::test]
async fn another_persons_ids_are_not_reachable_through_ones_own() {
    let site = site().await;
    let (other, record, wish) = someone_else(&site).await;
    let hana = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let worker = site.cookie(WORKER).await;
    let cm = site.cookie(CM).await;
    let note_before: String = sqlx::query_scalar("SELECT note FROM care_records WHERE id = $1")
        .bind(record.to_string())
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    // ハナ's id with the other person's record, wish or thread; and the
    // other person's id outright.
    let tries: Vec<(&str, &String, String)> = vec![
        (
            "/api/records/one",
            &daughter,
            format!("recipient={hana}&record={record}"),
        ),
        (
            "/api/records/one",
            &daughter,
            format!("recipient={other}&record={record}"),
        ),
        (
            "/api/records/correct",
            &worker,
            format!("recipient={hana}&record={record}&note=x"),
        ),
        (
            "/api/talk/thread",
            &daughter,
            format!("recipient={hana}&kind=record&target={record}"),
        ),
        (
            "/api/talk/post",
            &daughter,
            format!("recipient={hana}&kind=wish&target={wish}&body=x"),
        ),
        (
            "/api/talk/acknowledge",
            &cm,
            format!("recipient={hana}&kind=wish&object={wish}"),
        ),
        ("/api/day", &daughter, format!("recipient={other}")),
        ("/api/plan/editor", &cm, format!("recipient={other}")),
        ("/api/wishes", &cm, format!("recipient={other}")),
    ];
    let mut failures = Vec::new();
    for (path, cookie, form) in &tries {
        let (status, body) = site.call(path, cookie, form).await;
        if !status.is_client_error() || body.contains("別人") {
            failures.push(format!("{path} {form}: {status} {body}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // Nothing of the other person's changed or was added to.
    let note_after: String = sqlx::query_scalar("SELECT note FROM care_records WHERE id = $1")
        .bind(record.to_string())
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert_eq!(note_before, note_after);
    let comments: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE recipient_id = $1")
        .bind(other.to_string())
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert_eq!(comments, 0);
    // The pages say as little.
    for page in [
        format!("/r/{other}"),
        format!("/r/{hana}/records/{record}"),
        format!("/r/{hana}/talk/wish/{wish}"),
    ] {
        let (status, html) = site.refused_page(&page, &daughter).await;
        assert!(status.is_client_error(), "{page}: {status}");
        assert!(!html.contains("別人"), "{page} shows the other person");
    }
}

/// The pages that read the recipient with the reader's standing in one
/// query answer an id nobody holds exactly as they answer someone else's:
/// an id tells a stranger nothing.
#[tokio::test]
async fn an_unknown_recipient_is_refused_like_someone_elses() {
    let site = site().await;
    let (other, _, _) = someone_else(&site).await;
    let nobody = RecipientId::new();
    let daughter = site.cookie(DAUGHTER).await;
    for path in [
        "/api/day",
        "/api/records",
        "/api/print",
        "/api/medical",
        "/api/body",
    ] {
        let theirs = site
            .call(path, &daughter, &format!("recipient={other}"))
            .await;
        let unknown = site
            .call(path, &daughter, &format!("recipient={nobody}"))
            .await;
        assert_eq!(theirs.0, StatusCode::FORBIDDEN, "{path}: {theirs:?}");
        assert_eq!(theirs, unknown, "{path}");
    }
}

/// Ends a text box if it can, then tries a script and an image.
const HOSTILE: &str = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>";

fn shows_as_text(page: &str, html: &str) -> Result<(), String> {
    if html.contains("<script>alert(1)") || html.contains("<img src=x") {
        return Err(format!("{page} runs what was typed"));
    }
    if !html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") {
        return Err(format!("{page} does not show what was typed"));
    }
    Ok(())
}

#[tokio::test]
async fn html_typed_into_staff_fields_is_shown_as_text() {
    let site = site().await;
    let r = &site.recipient;
    let worker = site.cookie(WORKER).await;
    let nurse = site.cookie(NURSE).await;
    let cm = site.cookie(CM).await;
    let daughter = site.cookie(DAUGHTER).await;
    let at = (chrono::Utc::now() - chrono::Duration::minutes(2))
        .with_timezone(&app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let h = enc(HOSTILE);

    // 様子 of a visit, and a 排泄 character line.
    let (status, body) = site
        .call(
            "/api/visit/save",
            &worker,
            &format!(
                "recipient={r}&form[at]={}&form[note]={h}&form[excretion]=urine&form[excretion_character]={}",
                enc(&at),
                enc("<b>x</b>")
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A medical item's name and detail.
    let (status, body) = site
        .call(
            "/api/medical/add",
            &nurse,
            &format!("recipient={r}&form[kind]=allergy&form[title]={h}&form[detail]={h}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Every text field of the care plan.
    let plan = app::server::db::care_plan::latest_plan(&site.t.db, RecipientId::parse(r).unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut form = app::domain::plan_form::PlanForm::from_plan(&plan.plan);
    form.intention = HOSTILE.into();
    form.policy = HOSTILE.into();
    form.other_services = HOSTILE.into();
    let line = &mut form.lines[0];
    for field in [
        &mut line.need,
        &mut line.long_goal,
        &mut line.short_goal,
        &mut line.content,
        &mut line.kind,
        &mut line.provider,
        &mut line.frequency,
    ] {
        *field = HOSTILE.into();
    }
    form.week[0].content = HOSTILE.into();
    form.day[0].activity = HOSTILE.into();
    let body = support::site::plan_post(r, plan.version, &form);
    let (status, answer) = site.call("/api/plan/save", &cm, &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    // 本人 and family type into text boxes too (the ACP form's boxes).
    let (status, answer) = site
        .call(
            "/api/acp/save",
            &daughter,
            &format!("recipient={r}&base=1&form[values]={h}&form[notes]={h}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let record: String = sqlx::query_scalar("SELECT id FROM care_records WHERE note = $1")
        .bind(HOSTILE)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();

    let mut failures = Vec::new();
    for (page, who) in [
        (format!("/r/{r}/acp/edit"), &daughter),
        (format!("/r/{r}/records/{record}"), &worker),
        (format!("/r/{r}"), &daughter),
        (format!("/r/{r}/records"), &daughter),
        (format!("/r/{r}/medical"), &daughter),
        (format!("/r/{r}/plan"), &daughter),
        (format!("/r/{r}/plan/edit"), &cm),
        (format!("/r/{r}/print"), &daughter),
    ] {
        let html = site.page(&page, who).await;
        if let Err(e) = shows_as_text(&page, &html) {
            failures.push(e);
        }
        if html.contains("<b>x</b>") {
            failures.push(format!("{page} renders <b>"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_too_slow_with_its_headers_is_cut_off() {
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = support::sqlite().await;
    let root = std::env::temp_dir().join(format!("yorisoi-slow-{}", RecipientId::new()));
    let port = support::wire::free_port();
    let _server = support::wire::start_with(
        &t.url,
        port,
        &root,
        false,
        &[("YORISOI_HEADER_TIMEOUT_SECS", "1")],
    );
    support::wire::until_up(port).await;
    // Half a request, then nothing more (slowloris).
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(6), slow.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "the server still holds the connection after 6 s"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "cut off after the deadline, not before"
    );
    // Others are served all the while.
    support::wire::until_up(port).await;
    let _ = std::fs::remove_dir_all(&root);
}

/// A sign-in start posted by `client` as a reverse proxy would forward it
/// (the proxy is this test, at 127.0.0.1): its status code.
async fn sign_in_via_proxy(port: u16, client: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let req = format!(
        "POST /api/auth/sign-in/start HTTP/1.1\r\nHost: localhost:{port}\r\n\
         X-Forwarded-For: {client}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    String::from_utf8_lossy(&buf)
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// Behind a trusted reverse proxy the sign-in limit counts each client the
/// proxy names; without that setting the header is anyone's to write and
/// is ignored: everyone behind the proxy is one client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_limit_counts_the_client_a_trusted_proxy_names() {
    let t = support::sqlite().await;
    let root = std::env::temp_dir().join(format!("yorisoi-proxy-{}", RecipientId::new()));
    for trusted in [true, false] {
        let port = support::wire::free_port();
        let settings: &[(&str, &str)] = if trusted {
            &[("YORISOI_TRUSTED_PROXIES", "127.0.0.1")]
        } else {
            &[]
        };
        let mut server = support::wire::start_with(&t.url, port, &root, false, settings);
        support::wire::until_up(port).await;
        for i in 0..30 {
            assert_eq!(
                sign_in_via_proxy(port, "203.0.113.7").await,
                200,
                "request {i}"
            );
        }
        assert_eq!(sign_in_via_proxy(port, "203.0.113.7").await, 429);
        // A forged header a client wrote itself, before the proxy's: the
        // proxy's own (last) entry is what counts.
        let other = sign_in_via_proxy(port, "203.0.113.7, 198.51.100.20").await;
        if trusted {
            assert_eq!(other, 200, "another client behind the proxy was refused");
        } else {
            assert_eq!(other, 429, "a header anyone can write lifted the limit");
        }
        server.kill();
    }
    let _ = std::fs::remove_dir_all(&root);
}
