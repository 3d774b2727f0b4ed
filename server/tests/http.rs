//! The server as a browser meets it: pages rendered on the server, health
//! check, security headers. Requests go straight into the router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

/// The demo household behind a router, and the session cookie of ハナ's
/// daughter (佐藤 美咲), who may see her mother's 生活 and 医療 records.
struct Site {
    t: support::TestDb,
    router: axum::Router,
    summary: app::server::demo::DemoSummary,
    daughter: String,
}

async fn app() -> Site {
    let t = support::sqlite().await;
    let summary = app::server::demo::load_demo(&t.db, chrono::Utc::now())
        .await
        .unwrap();
    let daughter = support::cookie_of(&t.db, "佐藤 美咲").await;
    Site {
        router: support::router(&t.db),
        t,
        summary,
        daughter,
    }
}

async fn get_as(
    router: &axum::Router,
    path: &str,
    cookie: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let resp = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
        .await
        .unwrap();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

impl Site {
    /// A page as the daughter's browser gets it.
    async fn get(&self, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
        get_as(&self.router, path, Some(&self.daughter)).await
    }
}

async fn get(router: &axum::Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    get_as(router, path, None).await
}

#[tokio::test]
async fn the_header_says_who_is_signed_in_without_javascript() {
    let site = app().await;
    let (_, _, html) = site.get(&format!("/r/{}", site.summary.recipient)).await;
    assert!(
        html.contains("class=\"account-name\">佐藤 美咲さん</a>"),
        "the server renders the header's name"
    );
    let (_, _, html) = get(&site.router, "/sign-in").await;
    assert!(html.contains("class=\"account\">サインイン</a>"));
    let (status, _, html) = get(&site.router, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("site-header"), "a lost page keeps the header");
}

#[tokio::test]
async fn healthz_answers_ok() {
    let site = app().await;
    let (status, _, body) = get(&site.router, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn the_front_page_lists_the_demo_recipient_in_japanese() {
    let site = app().await;
    let summary = &site.summary;
    // The care manager chooses among the people she looks after.
    let manager = support::cookie_of(&site.t.db, "田中 里美").await;
    let (status, headers, body) = get_as(&site.router, "/", Some(&manager)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="ja""#));
    assert!(body.contains("だれのきろくを見ますか"));
    assert!(body.contains("山本 ハナ"));
    assert!(body.contains(&format!("/r/{}", summary.recipient)));
    // Pages hold health data: never cached, never framed, scripts by nonce.
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
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
    let site = app().await;
    let (status, _, body) = site.get(&format!("/r/{}", site.summary.recipient)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("のきろく"), "no heading");
    assert!(body.contains("ごはん(主食)"), "no meal summary");
    assert!(body.contains("元の記録"), "no original wording");
    assert!(body.contains("主食"), "no staff wording");
}

#[tokio::test]
async fn each_page_view_is_in_the_audit_log() {
    let site = app().await;
    let summary = &site.summary;
    use app::server::audit::{count_for, Action};
    let before = count_for(&site.t.db, summary.recipient, Action::Read)
        .await
        .unwrap();
    site.get(&format!("/r/{}", summary.recipient)).await;
    let after = count_for(&site.t.db, summary.recipient, Action::Read)
        .await
        .unwrap();
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn a_bad_recipient_id_or_date_gets_a_japanese_message() {
    let site = app().await;
    let (_, _, body) = site.get("/r/not-an-id").await;
    assert!(body.contains("さがしているページは見つかりませんでした。"));
    let (_, _, body) = site
        .get(&format!("/r/{}?day=2026-13-45", site.summary.recipient))
        .await;
    assert!(body.contains("日時の書き方がちがいます。"), "{body}");
}

#[tokio::test]
async fn an_unknown_path_is_404_in_japanese() {
    let site = app().await;
    let (status, _, body) = get(&site.router, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("さがしているページは見つかりませんでした。"));
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let site = app().await;
    let resp = site
        .router
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
async fn posts_from_another_origin_are_refused_even_with_a_session() {
    let site = app().await;
    let post = |origin: &str| {
        Request::post("/api/recipients")
            .header(header::ORIGIN, origin)
            .header(header::COOKIE, &site.daughter)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap()
    };
    let resp = site
        .router
        .clone()
        .oneshot(post("https://evil.example"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = site.router.clone().oneshot(post("null")).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // Yorisoi's own origin (its public URL).
    let own = std::env::var("YORISOI_PUBLIC_URL").unwrap_or("http://localhost:3000".into());
    let resp = site
        .router
        .clone()
        .oneshot(post(own.trim_end_matches('/')))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn sign_in_requests_are_rate_limited_per_address() {
    let site = app().await;
    let router = &site.router;
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
    let (status, _, _) = get(router, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
}

/// Signed out, nobody's records are shown; the page asks to sign in.
#[tokio::test]
async fn signed_out_nothing_is_shown() {
    let site = app().await;
    let (status, _, body) = get(&site.router, "/").await;
    assert!(body.contains("サインインしてください"), "{body}");
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("山本 ハナ"));
    let (status, _, body) = get(&site.router, &format!("/r/{}", site.summary.recipient)).await;
    assert!(body.contains("サインインしてください"));
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("ごはん(主食)"));
    let (_, _, body) = get(&site.router, &format!("/r/{}/plan", site.summary.recipient)).await;
    assert!(!body.contains("こまっていること"));
}

/// A family member of someone else (no relationship with ハナ) gets a
/// plain 「見ることができません」 and no data, on every page of hers.
#[tokio::test]
async fn a_stranger_family_member_sees_nothing_of_hers() {
    let site = app().await;
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    server::invite_cmd::run(
        &site.t.db,
        app::domain::classes::Role::Family,
        "他人 家族",
        None,
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap();
    let stranger = support::cookie_of(&site.t.db, "他人 家族").await;
    let (_, _, body) = get_as(&site.router, "/", Some(&stranger)).await;
    assert!(
        !body.contains("山本 ハナ"),
        "the list names only their own people"
    );
    for path in [
        format!("/r/{}", site.summary.recipient),
        format!("/r/{}/plan", site.summary.recipient),
    ] {
        let (status, _, body) = get_as(&site.router, &path, Some(&stranger)).await;
        assert!(
            body.contains("このページを見ることはできません。"),
            "{path}: {body}"
        );
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{path}: the status says no too"
        );
        assert!(!body.contains("ごはん"), "{path}");
        assert!(!body.contains("こまっていること"), "{path}");
    }
}

/// 医療 reaches family only with ハナ's consent: her daughter has it, her
/// son has not; taking it back works at once.
#[tokio::test]
async fn medical_records_need_consent_and_revoking_is_immediate() {
    let site = app().await;
    let page = format!("/r/{}?day={}", site.summary.recipient, support::yesterday());
    let (_, _, daughter) = site.get(&page).await;
    assert!(
        daughter.contains("血圧"),
        "the daughter sees the vital signs"
    );
    let son = support::cookie_of(&site.t.db, "山本 健太").await;
    let (_, _, body) = get_as(&site.router, &page, Some(&son)).await;
    assert!(body.contains("ごはん(主食)"), "the son sees 生活");
    assert!(!body.contains("血圧"), "but not 医療");

    let id = |name: &'static str| {
        let db = site.t.db.clone();
        async move {
            let id: String = sqlx::query_scalar("SELECT id FROM people WHERE display_name = $1")
                .bind(name)
                .fetch_one(db.pool())
                .await
                .unwrap();
            app::domain::ids::PersonId::parse(&id).unwrap()
        }
    };
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    app::server::access::revoke(
        &site.t.db,
        site.summary.recipient,
        id("佐藤 美咲").await,
        app::domain::classes::InfoClass::Medical,
        id("山本 ハナ").await,
        now,
    )
    .await
    .unwrap();
    let (_, _, body) = site.get(&page).await;
    assert!(!body.contains("血圧"), "revoked: no vital signs any more");
    let history: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE revoked_at IS NOT NULL")
            .fetch_one(site.t.db.pool())
            .await
            .unwrap();
    assert_eq!(history, 1, "the grant stays in the history");
}

#[tokio::test]
async fn reading_settings_are_remembered_for_the_person_on_every_device() {
    let site = app().await;
    let page = format!("/r/{}", site.summary.recipient);
    let (_, _, html) = site.get(&page).await;
    assert!(html.contains("class=\"reading-prefs size-standard\""));
    let save = |form: &'static str| {
        Request::post("/api/reading")
            .header(header::COOKIE, &site.daughter)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap()
    };
    let resp = site
        .router
        .clone()
        .oneshot(save("size=xlarge&contrast=on"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let (_, _, html) = site.get(&page).await;
    assert!(html.contains("class=\"reading-prefs size-xlarge furigana-off contrast-high\""));
    // Her tablet (another session) reads the same way.
    let tablet = support::cookie_of(&site.t.db, "佐藤 美咲").await;
    let (_, _, html) = get_as(&site.router, &page, Some(&tablet)).await;
    assert!(html.contains("size-xlarge furigana-off contrast-high"));
    // Her brother's pages are his own.
    let son = support::cookie_of(&site.t.db, "山本 健太").await;
    let (_, _, html) = get_as(&site.router, &page, Some(&son)).await;
    assert!(html.contains("class=\"reading-prefs size-standard\""));
    // A size that does not exist changes nothing.
    let resp = site
        .router
        .clone()
        .oneshot(save("size=huge&furigana=on"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let (_, _, html) = site.get(&page).await;
    assert!(html.contains("size-xlarge"));
}

/// A form posted without JavaScript comes back to its own page: with the
/// refusal in plain Japanese, or with 「保存しました」; a later success
/// leaves no old refusal behind, and the answer never points off-site.
#[tokio::test]
async fn a_plain_form_comes_back_to_its_page_with_the_answer_in_japanese() {
    let site = app().await;
    let post = |form: &'static str, referer: &str| {
        Request::post("/api/reading")
            .header(header::COOKIE, &site.daughter)
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, referer)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap()
    };
    let resp = site
        .router
        .clone()
        .oneshot(post("size=huge", "http://localhost:3000/reading"))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        back.starts_with("/reading?__path=%2Fapi%2Freading&__err="),
        "{back}"
    );
    let (status, _, html) = site.get(&back).await;
    assert_eq!(status, StatusCode::OK);
    let refusal = app::i18n::text(app::i18n::Lang::Ja, "error-bad-request");
    assert!(html.contains(&refusal), "the refusal is shown in words");
    assert!(
        !html.contains("BadRequest"),
        "no internal names on the page"
    );

    // Fixed and sent again from the page that showed the refusal.
    let resp = site
        .router
        .clone()
        .oneshot(post("size=large", &format!("http://localhost:3000{back}")))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(back, "/reading?__done=%2Fapi%2Freading");
    let (_, _, html) = site.get(&back).await;
    assert!(html.contains(&app::i18n::text(app::i18n::Lang::Ja, "reading-saved")));
    assert!(!html.contains(&refusal));
    assert!(html.contains("size-large"));

    // A Referer naming another site: only its path is used, on our site;
    // and a path a browser would read as another site (`//host`, `/\\host`)
    // keeps exactly one leading slash.
    for (referer, back_to) in [
        ("https://evil.example/reading", "/reading?"),
        (
            "http://localhost:3000//evil.example/reading",
            "/evil.example/reading?",
        ),
        (
            "http://localhost:3000/%5Cevil.example/reading",
            "/%5Cevil.example/reading?",
        ),
        ("http://localhost:3000///evil.example", "/evil.example?"),
    ] {
        let resp = site
            .router
            .clone()
            .oneshot(post("size=large", referer))
            .await
            .unwrap();
        let back = resp.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string();
        assert!(back.starts_with(back_to), "{referer} → {back}");
    }
}

/// Islands get their words from the server: a refusal sent to JavaScript
/// carries its plain Japanese as well as its key and HTTP status.
#[tokio::test]
async fn a_refusal_for_javascript_carries_its_words() {
    let site = app().await;
    let resp = site
        .router
        .clone()
        .oneshot(
            Request::post("/api/auth/invitation")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("token=nope"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(resp.status().is_client_error(), "{}", resp.status());
    let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
        .await
        .unwrap();
    let error: app::error::AppError = serde_json::from_slice(&body).unwrap();
    let said = error.said().expect("words from the server").join("");
    assert!(
        said.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{said}"
    );
}

/// The site's files go out compressed once at build time: brotli to a
/// browser that takes it, gzip to one that takes only that, the file
/// itself otherwise; a browser may keep them and ask again (no-cache with
/// Last-Modified), while pages are never kept (no-store).
#[tokio::test]
async fn site_files_are_sent_precompressed_and_may_be_kept() {
    use server::config::ServeArgs;
    let t = support::sqlite().await;
    let root = std::env::temp_dir().join(format!(
        "yorisoi-site-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap()
    ));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    let script = "console.log('よりそい');\n".repeat(500);
    std::fs::write(root.join("pkg/app.js"), &script).unwrap();
    let made = server::precompress::write(&root.join("pkg")).unwrap();
    assert_eq!(made.len(), 1);
    let mut args = ServeArgs::from_env().unwrap();
    args.site_root = root.clone();
    let router = server::startup::router(app::server::state::AppState {
        leptos_options: server::startup::leptos_options(&args),
        db: t.db.clone(),
        plain: support::engine(),
        passkeys: std::sync::Arc::new(
            app::server::auth::passkeys::Passkeys::new(&args.public_url).unwrap(),
        ),
        mailer: None,
    });
    let fetch = |accept: &'static str| {
        let router = router.clone();
        async move {
            let resp = router
                .oneshot(
                    Request::get("/pkg/app.js")
                        .header(header::ACCEPT_ENCODING, accept)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
                .await
                .unwrap();
            (status, headers, body)
        }
    };
    let (status, headers, body) = fetch("gzip, deflate, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    assert!(headers.contains_key(header::LAST_MODIFIED));
    assert_eq!(body, std::fs::read(root.join("pkg/app.js.br")).unwrap());
    let (_, headers, body) = fetch("gzip").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(body, std::fs::read(root.join("pkg/app.js.gz")).unwrap());
    let (_, headers, body) = fetch("identity").await;
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(body, script.as_bytes());
    // Pages are not kept by the browser.
    let (_, headers, _) = get(&router, "/sign-in").await;
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    std::fs::remove_dir_all(&root).unwrap();
}
