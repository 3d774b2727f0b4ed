//! Backups: a backup taken while visits are being written holds
//! every acknowledged write from before it, passes SQLite's integrity
//! check, and restores exactly — every care record, ACP version and audit
//! entry; generations are kept and the oldest go; a restore refuses a
//! running server and a damaged file; and a PostgreSQL pg_dump/pg_restore
//! round trip gives back the same rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use sqlx::{ConnectOptions, Connection};

use app::server::db::DatabaseUrl;
use server::backup_cmd;
use support::site::{site, Site};

const WORKER: &str = "高橋 誠";

/// Every row of the tables a restore must give back, each row as JSON.
const KEPT: [&str; 3] = ["care_records", "acp_versions", "audit_log"];

async fn read_only(file: &Path) -> sqlx::SqliteConnection {
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .unwrap()
}

/// The rows of `table` in the SQLite file, by id, as JSON arrays.
async fn rows(file: &Path, table: &str) -> Vec<String> {
    let mut conn = read_only(file).await;
    let columns: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let out = sqlx::query_scalar(&format!(
        "SELECT json_array({}) FROM {table} ORDER BY id",
        columns.join(", ")
    ))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    out
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "yorisoi-backups-{}",
        app::domain::ids::RecipientId::new()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn db_file(site: &Site) -> PathBuf {
    PathBuf::from(
        DatabaseUrl::parse(&site.t.url)
            .unwrap()
            .sqlite_path()
            .unwrap(),
    )
}

fn url(site: &Site) -> DatabaseUrl {
    DatabaseUrl::parse(&site.t.url).unwrap()
}

/// A visit note by the demo's care worker, through the HTTP API.
async fn visit(site: &Site, cookie: &str, note: &str) -> bool {
    let at = (Utc::now() - Duration::minutes(1))
        .with_timezone(&app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let form = format!(
        "recipient={}&form[at]={}&form[note]={}",
        site.recipient,
        enc(&at),
        enc(note)
    );
    let (status, _) = site.call("/api/visit/save", cookie, &form).await;
    status == StatusCode::OK
}

async fn notes(file: &Path) -> Vec<String> {
    let mut conn = read_only(file).await;
    let out = sqlx::query_scalar("SELECT note FROM care_records")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    out
}

#[tokio::test]
async fn a_backup_taken_while_writing_restores_every_record_acp_version_and_audit_entry() {
    let site = Arc::new(site().await);
    let worker = site.cookie(WORKER).await;
    let backups = scratch();

    // Visits keep coming while the backup is taken; each acknowledged one
    // is remembered with whether the backup had started.
    let started = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let finished = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let acked: Arc<Mutex<Vec<(String, bool, bool)>>> = Arc::default();
    let writer = {
        let (site, worker, acked) = (site.clone(), worker.clone(), acked.clone());
        let (started, finished) = (started.clone(), finished.clone());
        tokio::spawn(async move {
            // Until three visits after the backup has finished.
            let mut after_it = 0;
            for n in 0.. {
                let note = format!("バックアップ中の訪問 {n}");
                // Started after the backup ended: it cannot be in it.
                let after = finished.load(std::sync::atomic::Ordering::SeqCst);
                if visit(&site, &worker, &note).await {
                    // Acknowledged before the backup began: it must be.
                    let before = !started.load(std::sync::atomic::Ordering::SeqCst);
                    acked.lock().unwrap().push((note, before, after));
                }
                if after {
                    after_it += 1;
                    if after_it == 3 {
                        break;
                    }
                }
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    started.store(true, std::sync::atomic::Ordering::SeqCst);
    let made = backup_cmd::backup(&site.t.db, &url(&site), &backups, 7, Utc::now())
        .await
        .unwrap();
    finished.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.await.unwrap();
    assert!(made.integrity.starts_with("ok"), "{}", made.integrity);
    assert_eq!(made.generations, vec![made.file.clone()]);

    // Every visit acknowledged before the backup began is in it; none
    // sent after it ended is.
    let in_backup = notes(&made.file).await;
    let acked = acked.lock().unwrap().clone();
    assert!(acked.iter().any(|(_, before, _)| *before), "writes before");
    assert!(acked.iter().any(|(_, _, after)| *after), "writes after");
    for (note, before, after) in &acked {
        if *before {
            assert!(
                in_backup.contains(note),
                "{note} acknowledged, not in the backup"
            );
        }
        if *after {
            assert!(
                !in_backup.contains(note),
                "{note} was sent after the backup"
            );
        }
    }
    let mut backed_up = Vec::new();
    for t in KEPT {
        backed_up.push(rows(&made.file, t).await);
    }
    assert!(backed_up.iter().all(|r| !r.is_empty()));

    // Life goes on after the backup…
    let later = "バックアップの後の訪問";
    assert!(visit(&site, &worker, later).await);
    // …then the server stops and the backup is restored.
    site.t.db.pool().close().await;
    let restored = backup_cmd::restore(&url(&site), &made.file, Utc::now())
        .await
        .unwrap();
    let db = db_file(&site);
    for (t, expected) in KEPT.iter().zip(&backed_up) {
        assert_eq!(&rows(&db, t).await, expected, "{t} restored exactly");
    }
    assert!(!notes(&db).await.contains(&later.to_string()));
    // The database it replaced is kept, with the later visit in it.
    let previous = restored.previous.expect("the replaced database is kept");
    assert!(notes(&previous).await.contains(&later.to_string()));
    std::fs::remove_dir_all(&backups).unwrap();
}

#[tokio::test]
async fn the_newest_generations_are_kept_and_the_oldest_go() {
    let site = site().await;
    let backups = scratch();
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap();
    let mut made = Vec::new();
    for day in 0..5 {
        let m = backup_cmd::backup(
            &site.t.db,
            &url(&site),
            &backups,
            3,
            start + Duration::days(day),
        )
        .await
        .unwrap();
        made.push(m);
    }
    let last = made.last().unwrap();
    let files: Vec<&PathBuf> = made.iter().map(|m| &m.file).collect();
    assert_eq!(
        last.generations,
        files[2..].iter().copied().cloned().collect::<Vec<_>>()
    );
    assert_eq!(made[4].removed, vec![files[1].clone()]);
    assert!(!files[0].exists() && !files[1].exists());
    let on_disk = std::fs::read_dir(&backups).unwrap().count();
    assert_eq!(on_disk, 3, "no partial files are left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(files[4]).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner reads a backup");
    }
    std::fs::remove_dir_all(&backups).unwrap();
}

#[tokio::test]
async fn a_restore_refuses_a_running_server_and_a_damaged_file() {
    let site = site().await;
    let backups = scratch();
    let made = backup_cmd::backup(&site.t.db, &url(&site), &backups, 7, Utc::now())
        .await
        .unwrap();
    let db = db_file(&site);
    let before = std::fs::read(&db).unwrap();

    // A server holds the database: no restore.
    let serving = backup_cmd::hold_while_serving(&url(&site)).unwrap();
    let err = backup_cmd::restore(&url(&site), &made.file, Utc::now())
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("stop every server"), "{err:#}");
    drop(serving);

    // A damaged backup: refused, and the database is untouched.
    let damaged = backups.join("damaged.db");
    let bytes = std::fs::read(&made.file).unwrap();
    let mut broken = bytes.clone();
    for b in broken.iter_mut().skip(bytes.len() / 2).take(8192) {
        *b = 0xA5;
    }
    std::fs::write(&damaged, &broken).unwrap();
    let err = backup_cmd::restore(&url(&site), &damaged, Utc::now()).await;
    assert!(err.is_err(), "a damaged file is not restored");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    assert!(backup_cmd::restore(&url(&site), &damaged, Utc::now())
        .await
        .is_err());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
    std::fs::remove_dir_all(&backups).unwrap();
}

#[tokio::test]
async fn the_command_line_backs_up_and_restores() {
    let site = site().await;
    let backups = scratch();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"))
            .arg("--database-url")
            .arg(&site.t.url)
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        (
            out.status.success(),
            stdout,
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let dir = backups.to_str().unwrap();
    let (ok, out, err) = run(&["backup", dir, "--keep", "2"]);
    assert!(ok, "{out} {err}");
    let made: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(made["integrity"].as_str().unwrap().starts_with("ok"));
    let file = made["file"].as_str().unwrap().to_string();
    assert!(Path::new(&file).exists());
    site.t.db.pool().close().await;
    let (ok, out, err) = run(&["restore", &file]);
    assert!(ok, "{out} {err}");
    assert!(out.contains("before-restore"), "{out}");
    std::fs::remove_dir_all(&backups).unwrap();
}

/// The rows of `table` in a PostgreSQL database, by id, as JSON.
async fn pg_rows(url: &str, table: &str) -> Vec<String> {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let out = sqlx::query_scalar(&format!(
        "SELECT row_to_json(t)::text FROM {table} t ORDER BY id"
    ))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    out
}

#[tokio::test]
async fn a_postgres_dump_restores_every_row() {
    let t = support::postgres().await;
    let site = support::site::site_on(t, None).await;
    let worker = site.cookie(WORKER).await;
    assert!(visit(&site, &worker, "PostgreSQLのバックアップ前の訪問").await);
    let dump = scratch().join("yorisoi.dump");
    let out = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(&dump)
        .arg(&site.t.url)
        .output()
        .expect("pg_dump (postgresql-client) must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Into a new, empty database, as after losing the first.
    let target = support::empty_postgres().await;
    let out = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(&target.url)
        .arg(&dump)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for table in KEPT {
        let (a, b) = (
            pg_rows(&site.t.url, table).await,
            pg_rows(&target.url, table).await,
        );
        assert!(!a.is_empty(), "{table}");
        assert_eq!(a, b, "{table} restored exactly");
    }
    // The audit log is still append-only in the restored database.
    let mut conn = sqlx::PgConnection::connect(&target.url).await.unwrap();
    let tamper = sqlx::query("DELETE FROM audit_log")
        .execute(&mut conn)
        .await;
    assert!(
        tamper.is_err(),
        "the append-only trigger came back with the dump"
    );
    std::fs::remove_dir_all(dump.parent().unwrap()).unwrap();
}
