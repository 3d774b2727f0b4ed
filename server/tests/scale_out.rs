//! Scale-out: two `yorisoi serve` processes on different ports
//! share one PostgreSQL database, as behind a reverse proxy. Started at the
//! same moment on an empty database, they migrate it and load the demo
//! once; a person who signs in (a real passkey ceremony) on one is signed
//! in on the other; a comment written through one is read through the
//! other.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::authenticator::SoftPasskey;
use support::wire::{enc, free_port, post, request, start, until_up, PUBLIC_URL};

async fn count(url: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let n = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    n
}

/// The JSON of a server function's answer.
fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_one_postgres_database() {
    let t = support::empty_postgres().await;
    let root = std::env::temp_dir().join(format!(
        "yorisoi-scale-{}",
        app::domain::ids::RecipientId::new()
    ));
    let (a, b) = (free_port(), free_port());
    // Both at once, on a database with no tables yet.
    let _first = start(&t.url, a, &root, true);
    let _second = start(&t.url, b, &root, true);
    until_up(a).await;
    until_up(b).await;
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations"))
        .unwrap()
        .count() as i64;
    assert_eq!(
        count(&t.url, "SELECT COUNT(*) FROM _sqlx_migrations").await,
        migrations,
        "every migration applied once"
    );
    assert_eq!(
        count(&t.url, "SELECT COUNT(*) FROM recipients").await,
        1,
        "the demo loaded once"
    );

    // Invited, she registers her passkey through server A and is signed in
    // there…
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"))
        .args(["--database-url", &t.url, "invite", "--role", "家族"])
        .args(["--name", "新井 さくら", "--public-url", PUBLIC_URL])
        .output()
        .unwrap();
    assert!(out.status.success());
    let link = String::from_utf8_lossy(&out.stdout).to_string();
    let token = link
        .lines()
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let start_reg = post(a, "/api/auth/register/start", "", &format!("token={token}"))
        .await
        .unwrap();
    let reg = json(&start_reg.body);
    let options = json(reg["options"].as_str().unwrap());
    let (mut key, answer) = SoftPasskey::register(&options, PUBLIC_URL);
    let finish = post(
        a,
        "/api/auth/register/finish",
        "",
        &format!(
            "token={token}&ceremony={}&credential={}&device_name={}",
            enc(reg["id"].as_str().unwrap()),
            enc(&answer.to_string()),
            enc("スマホ")
        ),
    )
    .await
    .unwrap();
    let on_a = finish
        .session_cookie()
        .unwrap_or_else(|| panic!("no session: {} {}", finish.status, finish.body));
    // …and through server B.
    let me = post(b, "/api/auth/me", &on_a, "").await.unwrap();
    assert!(
        me.body.contains("新井 さくら"),
        "signed in on B: {}",
        me.body
    );

    // Signing in on B (the whole ceremony there) works on A as well.
    let start_sign = post(b, "/api/auth/sign-in/start", "", "").await.unwrap();
    let sign = json(&start_sign.body);
    let options = json(sign["options"].as_str().unwrap());
    let answer = key.sign_in(&options, PUBLIC_URL);
    let done = post(
        b,
        "/api/auth/sign-in/finish",
        "",
        &format!(
            "ceremony={}&credential={}",
            enc(sign["id"].as_str().unwrap()),
            enc(&answer.to_string())
        ),
    )
    .await
    .unwrap();
    let on_b = done.session_cookie().expect("signed in on B");
    let me = post(a, "/api/auth/me", &on_b, "").await.unwrap();
    assert!(
        me.body.contains("新井 さくら"),
        "signed in on A: {}",
        me.body
    );

    // The demo daughter writes a comment through A; the care manager
    // reads it through B.
    let db = app::server::db::Db::connect(&app::server::db::DatabaseUrl::parse(&t.url).unwrap())
        .await
        .unwrap();
    let daughter = support::cookie_of(&db, "佐藤 美咲").await;
    let cm = support::cookie_of(&db, "田中 里美").await;
    let recipient: String = sqlx::query_scalar("SELECT id FROM recipients")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let words = "母は最近よく眠れているようです(サーバーAから)";
    let sent = post(
        a,
        "/api/talk/post",
        &daughter,
        &format!(
            "recipient={recipient}&kind=chart&target=weight&body={}",
            enc(words)
        ),
    )
    .await
    .unwrap();
    assert_eq!(sent.status, 200, "{}", sent.body);
    let thread = post(
        b,
        "/api/talk/thread",
        &cm,
        &format!("recipient={recipient}&kind=chart&target=weight"),
    )
    .await
    .unwrap();
    assert!(
        thread.body.contains(words),
        "read through B: {}",
        thread.body
    );
    // And a page, not only the API.
    let page = request(
        b,
        "GET",
        &format!("/r/{recipient}/talk/chart/weight"),
        Some(&cm),
        "",
    )
    .await
    .unwrap();
    assert!(page.body.contains(words));
    db.pool().close().await;
    let _ = std::fs::remove_dir_all(&root);
}
