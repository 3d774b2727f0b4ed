//! The authorization matrix: every server function, called over HTTP as
//! every kind of viewer, is allowed or refused as the access policy says.
//! A server function without a row here fails the test, so none can be
//! added without deciding who may call it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::classes::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    SignedOut,
    /// Family of nobody in the demo.
    Stranger,
    /// ハナ's daughter: family, with consent for 医療.
    Daughter,
    /// ハナ's son: family, without consent for 医療.
    Son,
    CareManager,
    /// A care worker whose relationship with ハナ has ended.
    FormerWorker,
}

const EVERYONE: [Who; 6] = [
    Who::SignedOut,
    Who::Stranger,
    Who::Daughter,
    Who::Son,
    Who::CareManager,
    Who::FormerWorker,
];

/// What a call must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// 200, and the body contains this (e.g. the recipient's name).
    Shows(&'static str),
    /// 200, and the body does not contain this.
    Hides(&'static str),
    /// Refused with this message key.
    Refused(&'static str),
    /// Refused, whatever the reason (a malformed answer, say).
    RefusedAnyway,
}

/// A name that appears in the demo recipient's data.
const HANA: &str = "山本 ハナ";

fn expect(path: &str, who: Who) -> Option<Expect> {
    use Expect::*;
    use Who::*;
    let recipient_data = |shows: &'static str| match who {
        SignedOut => Refused("need-sign-in"),
        Stranger | FormerWorker => Refused("no-access"),
        _ => Shows(shows),
    };
    let signed_in_only = |ok: Expect| match who {
        SignedOut => Refused("need-sign-in"),
        _ => ok,
    };
    Some(match path {
        "/api/recipients" => match who {
            SignedOut => Refused("need-sign-in"),
            Stranger | FormerWorker => Hides(HANA),
            _ => Shows(HANA),
        },
        "/api/day" => match who {
            // 医療 (vital signs) only with consent.
            Son => Hides("\"blood_pressure\":{"),
            Daughter | CareManager => Shows("\"blood_pressure\":{"),
            _ => recipient_data(""),
        },
        "/api/plan" => recipient_data("\"needs\""),
        "/api/account" => signed_in_only(Shows("\"passkeys\"")),
        "/api/account/passkey/start" => signed_in_only(Shows("\"options\"")),
        "/api/account/passkey/finish" => signed_in_only(RefusedAnyway),
        "/api/account/passkey/remove" => signed_in_only(RefusedAnyway),
        "/api/account/session/end" => signed_in_only(Hides("need-sign-in")),
        "/api/auth/me" => match who {
            SignedOut => Shows("null"),
            _ => Shows("\"name\""),
        },
        "/api/auth/sign-out" => Hides("need-sign-in"),
        "/api/auth/invitation" | "/api/auth/register/start" | "/api/auth/register/finish" => {
            Refused("invite-unknown")
        }
        "/api/auth/sign-in/start" => Shows("\"options\""),
        "/api/auth/sign-in/finish" => RefusedAnyway,
        _ => return None,
    })
}

/// The form each server function is called with.
fn form(path: &str, recipient: &str) -> String {
    let bad_token = "0".repeat(64);
    match path {
        "/api/day" | "/api/plan" => format!("recipient={recipient}"),
        "/api/account/passkey/finish" => "ceremony=x&credential=%7B%7D&device_name=x".into(),
        "/api/account/passkey/remove" => "id=none".into(),
        "/api/account/session/end" => "label=00000000".into(),
        "/api/auth/invitation" | "/api/auth/register/start" => format!("token={bad_token}"),
        "/api/auth/register/finish" => {
            format!("token={bad_token}&ceremony=x&credential=%7B%7D&device_name=x")
        }
        "/api/auth/sign-in/finish" => "ceremony=x&credential=%7B%7D".into(),
        _ => String::new(),
    }
}

/// The demo household, a family member of somebody else, 鈴木 花子 whose
/// work for ハナ has ended, the router, and a session for each viewer.
struct World {
    _t: support::TestDb,
    router: axum::Router,
    recipient: String,
    cookies: std::collections::HashMap<Who, String>,
}

async fn world() -> World {
    let t = support::sqlite().await;
    let db = t.db.clone();
    let summary = app::server::demo::load_demo(&db, chrono::Utc::now())
        .await
        .unwrap();
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    server::invite_cmd::run(
        &db,
        Role::Family,
        "他人 家族",
        None,
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap();
    sqlx::query(
        "UPDATE care_relationships SET ended_on = '2000-01-01', end_reason = 'service_ended' \
         WHERE person_id = (SELECT id FROM people WHERE display_name = '鈴木 花子')",
    )
    .execute(db.pool())
    .await
    .unwrap();
    let mut cookies = std::collections::HashMap::new();
    for (who, name) in [
        (Who::Stranger, "他人 家族"),
        (Who::Daughter, "佐藤 美咲"),
        (Who::Son, "山本 健太"),
        (Who::CareManager, "田中 里美"),
        (Who::FormerWorker, "鈴木 花子"),
    ] {
        cookies.insert(who, support::cookie_of(&db, name).await);
    }
    World {
        router: support::router(&db),
        _t: t,
        recipient: summary.recipient.to_string(),
        cookies,
    }
}

#[tokio::test]
async fn every_server_function_as_every_viewer() {
    let World {
        router,
        recipient,
        cookies,
        // Kept to the end of the test: dropping it removes the database.
        _t: _db,
    } = world().await;
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .collect();
    paths.sort_unstable();
    assert!(paths.len() >= 15, "{paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        // Sign-out is called last for each viewer, so it ends no session
        // the other rows still need.
        for who in EVERYONE {
            let Some(want) = expect(path, who) else {
                failures.push(format!("{path}: no row in the authorization matrix"));
                break;
            };
            if *path == "/api/auth/sign-out" && who != Who::SignedOut {
                continue;
            }
            let mut req = Request::post(*path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if let Some(c) = cookies.get(&who) {
                req = req.header(header::COOKIE, c);
            }
            let resp = router
                .clone()
                .oneshot(req.body(Body::from(form(path, &recipient))).unwrap())
                .await
                .unwrap();
            let status = resp.status();
            let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
                .await
                .unwrap();
            let body = String::from_utf8_lossy(&body);
            let ok = match want {
                Expect::Shows(s) => status == StatusCode::OK && body.contains(s),
                Expect::Hides(s) => status == StatusCode::OK && !body.contains(s),
                Expect::Refused(key) => status != StatusCode::OK && body.contains(key),
                Expect::RefusedAnyway => status != StatusCode::OK,
            };
            if !ok {
                let head: String = body.chars().take(160).collect();
                failures.push(format!(
                    "{path} as {who:?}: want {want:?}, got {status} {head}"
                ));
            }
        }
    }
    // And sign-out, for every signed-in viewer.
    for who in EVERYONE.into_iter().filter(|w| *w != Who::SignedOut) {
        let resp = router
            .clone()
            .oneshot(
                Request::post("/api/auth/sign-out")
                    .header(header::COOKIE, &cookies[&who])
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        if resp.status().is_server_error() {
            failures.push(format!("/api/auth/sign-out as {who:?}: {}", resp.status()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every page, opened as every viewer: what they find there. A page
/// without a row fails the test.
#[tokio::test]
async fn every_page_as_every_viewer() {
    use Expect::*;
    use Who::*;
    let World {
        router,
        recipient: r,
        cookies,
        // Kept to the end of the test: dropping it removes the database.
        _t: _db,
    } = world().await;
    let token = "0".repeat(64);
    // (route, the path opened, who, what they find)
    let no_access = "このページを見ることはできません";
    let sign_in_first = "サインインしてください";
    let rows: Vec<(&str, String, Who, Expect)> = vec![
        ("/", "/".into(), SignedOut, Shows(sign_in_first)),
        ("/", "/".into(), Stranger, Hides(HANA)),
        ("/", "/".into(), Daughter, Shows(HANA)),
        (
            "/r/{id}",
            format!("/r/{r}"),
            SignedOut,
            Shows(sign_in_first),
        ),
        ("/r/{id}", format!("/r/{r}"), Stranger, Shows(no_access)),
        ("/r/{id}", format!("/r/{r}"), Daughter, Shows("血圧")),
        ("/r/{id}", format!("/r/{r}"), Son, Hides("血圧")),
        ("/r/{id}", format!("/r/{r}"), CareManager, Shows("血圧")),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            SignedOut,
            Shows(sign_in_first),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            Stranger,
            Shows(no_access),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            Son,
            Shows("こまっていること"),
        ),
        (
            "/invite/{token}",
            format!("/invite/{token}"),
            SignedOut,
            Shows("このリンクは使えません"),
        ),
        (
            "/sign-in",
            "/sign-in".into(),
            SignedOut,
            Shows("パスキーで入る"),
        ),
        (
            "/account",
            "/account".into(),
            SignedOut,
            Shows(sign_in_first),
        ),
        (
            "/account",
            "/account".into(),
            Daughter,
            Shows("登録したパスキー"),
        ),
    ];
    let routes: std::collections::BTreeSet<String> =
        leptos_axum::generate_route_list(app::app::App)
            .iter()
            .map(|l| l.path().to_string())
            .collect();
    let covered: std::collections::BTreeSet<String> =
        rows.iter().map(|(route, ..)| route.to_string()).collect();
    assert_eq!(routes, covered, "every page needs rows in the matrix");

    let mut failures = Vec::new();
    for (route, path, who, want) in &rows {
        let mut req = Request::get(path.as_str());
        if let Some(c) = cookies.get(who) {
            req = req.header(header::COOKIE, c);
        }
        let resp = router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        let ok = match want {
            Shows(s) => body.contains(s),
            Hides(s) => !body.contains(s),
            _ => false,
        };
        if !ok {
            failures.push(format!("{route} ({path}) as {who:?}: want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
