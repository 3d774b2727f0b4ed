//! The server as a browser meets it: pages rendered on the server, health
//! check, security headers. Requests go straight into the router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::server::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use server::config::ServeArgs;
use tower::ServiceExt;

async fn app() -> (
    support::TestDb,
    axum::Router,
    app::server::demo::DemoSummary,
) {
    let t = support::sqlite().await;
    let summary = app::server::demo::load_demo(&t.db, chrono::Utc::now())
        .await
        .unwrap();
    let args = ServeArgs::from_env().unwrap();
    let state = AppState {
        leptos_options: server::startup::leptos_options(&args),
        db: t.db.clone(),
        plain: support::engine(),
        passkeys: std::sync::Arc::new(
            app::server::auth::passkeys::Passkeys::new(&args.public_url).unwrap(),
        ),
    };
    (t, server::startup::router(state), summary)
}

async fn get(router: &axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = router
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn healthz_answers_ok() {
    let (_t, router, _) = app().await;
    let (status, _, body) = get(&router, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn the_front_page_lists_the_demo_recipient_in_japanese() {
    let (_t, router, summary) = app().await;
    let (status, headers, body) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="ja""#));
    assert!(body.contains("だれのきろくを見ますか"));
    assert!(body.contains("山本 ハナ"));
    assert!(body.contains(&format!("/r/{}", summary.recipient)));
    // Pages hold health data: never cached, never framed, scripts by nonce.
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the CSP");
    assert!(
        body.contains(&format!(r#"nonce="{nonce}""#)),
        "the hydration script carries the CSP nonce"
    );
}

#[tokio::test]
async fn a_recipient_page_is_server_rendered_with_a_meal_record() {
    let (_t, router, summary) = app().await;
    let (status, _, body) = get(&router, &format!("/r/{}", summary.recipient)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("のきろく"), "no heading");
    assert!(body.contains("ごはん(主食)"), "no meal summary");
    assert!(body.contains("元の記録"), "no original wording");
    assert!(body.contains("主食"), "no staff wording");
}

#[tokio::test]
async fn each_page_view_is_in_the_audit_log() {
    let (t, router, summary) = app().await;
    use app::server::audit::{count_for, Action};
    let before = count_for(&t.db, summary.recipient, Action::Read)
        .await
        .unwrap();
    get(&router, &format!("/r/{}", summary.recipient)).await;
    let after = count_for(&t.db, summary.recipient, Action::Read)
        .await
        .unwrap();
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn a_bad_recipient_id_or_date_gets_a_japanese_message() {
    let (_t, router, summary) = app().await;
    let (_, _, body) = get(&router, "/r/not-an-id").await;
    assert!(body.contains("さがしているページは見つかりませんでした。"));
    let (_, _, body) = get(&router, &format!("/r/{}?day=2026-13-45", summary.recipient)).await;
    assert!(body.contains("日時の書き方がちがいます。"), "{body}");
}

#[tokio::test]
async fn an_unknown_path_is_404_in_japanese() {
    let (_t, router, _) = app().await;
    let (status, _, body) = get(&router, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("さがしているページは見つかりませんでした。"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let (_t, router, _) = app().await;
    let resp = router
        .oneshot(
            Request::post("/api/day")
                .header("sec-fetch-site", "cross-site")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("recipient=x"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn sign_in_requests_are_rate_limited_per_address() {
    let (_t, router, _) = app().await;
    let post = || {
        Request::post("/api/auth/sign-in/start")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap()
    };
    for i in 0..30 {
        let resp = router.clone().oneshot(post()).await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "request {i}");
    }
    let resp = router.clone().oneshot(post()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().contains_key(header::RETRY_AFTER));
    let body = axum::body::to_bytes(resp.into_body(), 1 << 16)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&body).contains("1分ほど待って"));
    // Reading pages is not limited.
    let (status, _, _) = get(&router, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
}
