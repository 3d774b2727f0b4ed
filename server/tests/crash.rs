//! Crash safety: the real `yorisoi serve` on SQLite takes visit
//! records, comments and ACP versions from three writers at once, and is
//! killed with SIGKILL at random moments, then started again. After every
//! kill the database passes `PRAGMA integrity_check` and holds every write
//! the server acknowledged (HTTP 200) before it died.
//!
//! `make test` runs a few kills; `make crash [CRASH_CYCLES=50]` runs many
//! (the count comes from YORISOI_CRASH_CYCLES).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use sqlx::{ConnectOptions, Connection};
use support::wire::{enc, free_port, start, until_up};

/// The status of a form post; None when the server is down.
async fn post(port: u16, path: &str, cookie: &str, body: &str) -> Option<u16> {
    support::wire::post(port, path, cookie, body)
        .await
        .map(|r| r.status)
}

const WORKER: &str = "高橋 誠";
const DAUGHTER: &str = "佐藤 美咲";

/// Writes the server answered 200 to, by kind.
#[derive(Default)]
struct Acked {
    records: Vec<String>,
    comments: Vec<String>,
    acp: Vec<String>,
}

/// Opens the database the way the server does (it may need its WAL
/// recovered), checks it, and finds every acknowledged write.
async fn check(file: &std::path::Path, acked: &Acked, cycle: usize) {
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .connect()
        .await
        .unwrap();
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"], "after kill {cycle}");
    let notes: Vec<String> = sqlx::query_scalar("SELECT note FROM care_records")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM comments")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let answers: Vec<String> = sqlx::query_scalar("SELECT answers FROM acp_versions")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    for n in &acked.records {
        assert!(
            notes.contains(n),
            "acknowledged record {n} lost at kill {cycle}"
        );
    }
    for b in &acked.comments {
        assert!(
            bodies.contains(b),
            "acknowledged comment {b} lost at kill {cycle}"
        );
    }
    for a in &acked.acp {
        assert!(
            answers.iter().any(|x| x.contains(a.as_str())),
            "acknowledged ACP version {a} lost at kill {cycle}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_and_the_database_stays_whole() {
    let cycles: usize = std::env::var("YORISOI_CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(5);
    // The demo, sessions for two writers, then the database is the server's.
    let site = support::site::site().await;
    let worker = site.cookie(WORKER).await;
    let daughter = site.cookie(DAUGHTER).await;
    let wish: String = sqlx::query_scalar("SELECT id FROM wishes WHERE topic = 'food'")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    let recipient = site.recipient.clone();
    site.t.db.pool().close().await;
    let url = site.t.url.clone();
    let file = std::path::PathBuf::from(
        app::server::db::DatabaseUrl::parse(&url)
            .unwrap()
            .sqlite_path()
            .unwrap(),
    );
    let site_root = file.parent().unwrap().join("site");
    let port = free_port();

    let stop = Arc::new(AtomicBool::new(false));
    let acked: Arc<Mutex<Acked>> = Arc::default();
    let pause = || tokio::time::sleep(Duration::from_millis(20));
    let at = (chrono::Utc::now() - chrono::Duration::minutes(1))
        .with_timezone(&app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let records = {
        let (stop, acked, r, cookie) = (stop.clone(), acked.clone(), recipient.clone(), worker);
        let at = at.clone();
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let note = format!("crash-rec-{n}");
                let body = format!("recipient={r}&form[at]={}&form[note]={note}", enc(&at));
                match post(port, "/api/visit/save", &cookie, &body).await {
                    Some(200) => acked.lock().unwrap().records.push(note),
                    _ => pause().await,
                }
            }
        })
    };
    let comments = {
        let (stop, acked, r, cookie) = (
            stop.clone(),
            acked.clone(),
            recipient.clone(),
            daughter.clone(),
        );
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let text = format!("crash-com-{n}");
                let body = format!("recipient={r}&kind=wish&target={wish}&body={text}");
                match post(port, "/api/talk/post", &cookie, &body).await {
                    Some(200) => acked.lock().unwrap().comments.push(text),
                    _ => pause().await,
                }
            }
        })
    };
    let acp = {
        let (stop, acked, r, cookie) = (stop.clone(), acked.clone(), recipient.clone(), daughter);
        tokio::spawn(async move {
            let mut n = 0;
            let mut base: Option<i64> = None;
            while !stop.load(Ordering::SeqCst) {
                // The version to write on top of: asked again after a
                // refusal or a crash (an unanswered save may have landed).
                let Some(b) = base else {
                    let form = format!("recipient={r}");
                    base = match support::wire::post(port, "/api/acp", &cookie, &form).await {
                        Some(reply) if reply.status == 200 => reply
                            .body
                            .split("\"base\":")
                            .nth(1)
                            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                            .and_then(|d| d.parse().ok()),
                        _ => None,
                    };
                    if base.is_none() {
                        pause().await;
                    }
                    continue;
                };
                n += 1;
                let text = format!("crash-acp-{n}");
                let body = format!("recipient={r}&base={b}&form[values]={text}");
                match post(port, "/api/acp/save", &cookie, &body).await {
                    Some(200) => {
                        acked.lock().unwrap().acp.push(text);
                        base = Some(b + 1);
                    }
                    _ => {
                        base = None;
                        pause().await;
                    }
                }
            }
        })
    };

    let mut rng = rand::thread_rng();
    for cycle in 1..=cycles {
        let mut server = start(&url, port, &site_root, false);
        until_up(port).await;
        tokio::time::sleep(Duration::from_millis(rng.gen_range(100..700))).await;
        server.kill();
        let seen = {
            let a = acked.lock().unwrap();
            Acked {
                records: a.records.clone(),
                comments: a.comments.clone(),
                acp: a.acp.clone(),
            }
        };
        check(&file, &seen, cycle).await;
    }
    stop.store(true, Ordering::SeqCst);
    for w in [records, comments, acp] {
        w.await.unwrap();
    }
    let a = acked.lock().unwrap();
    // The kills came while all three kinds were being written.
    assert!(
        !a.records.is_empty() && !a.comments.is_empty() && !a.acp.is_empty(),
        "records {}, comments {}, ACP versions {}",
        a.records.len(),
        a.comments.len(),
        a.acp.len()
    );
    eprintln!(
        "{cycles} kills: {} records, {} comments, {} ACP versions acknowledged, none lost",
        a.records.len(),
        a.comments.len(),
        a.acp.len()
    );
}
