//! Retention: a person's data goes whole once their care ended
//! more than the configured years ago, audit entries once older than
//! theirs, and nothing before. Run on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::ids::RecipientId;
use app::domain::retention::RetentionYears;
use app::domain::time::{jst_today, OccurredAt};
use app::server::audit::{self, Action, Entry};
use app::server::db::Db;
use app::server::demo;
use chrono::{Duration, Utc};
use server::history_cmd::{self, Shape};
use server::retention_cmd;

const FIVE: RetentionYears = RetentionYears::DEFAULT;

/// Every table that holds a person's data, and how to find her rows.
const HERS: &[(&str, &str)] = &[
    ("recipients", "id = $1"),
    ("care_relationships", "recipient_id = $1"),
    ("consents", "recipient_id = $1"),
    ("care_records", "recipient_id = $1"),
    ("vital_signs", "recipient_id = $1"),
    ("vital_targets", "recipient_id = $1"),
    ("medical_items", "recipient_id = $1"),
    ("wishes", "recipient_id = $1"),
    ("acp_versions", "recipient_id = $1"),
    ("comments", "recipient_id = $1"),
    ("acknowledgements", "recipient_id = $1"),
    ("recipient_insurance", "recipient_id = $1"),
    ("recipient_identifiers", "recipient_id = $1"),
    ("care_plans", "recipient_id = $1"),
    (
        "care_plan_needs",
        "plan_id IN (SELECT id FROM care_plans WHERE recipient_id = $1)",
    ),
    (
        "care_plan_goals",
        "need_id IN (SELECT n.id FROM care_plan_needs n JOIN care_plans p ON n.plan_id = p.id \
         WHERE p.recipient_id = $1)",
    ),
    (
        "care_plan_services",
        "short_goal_id IN (SELECT g.id FROM care_plan_goals g JOIN care_plan_needs n \
         ON g.need_id = n.id JOIN care_plans p ON n.plan_id = p.id WHERE p.recipient_id = $1)",
    ),
    (
        "care_plan_weekly",
        "plan_id IN (SELECT id FROM care_plans WHERE recipient_id = $1)",
    ),
];

async fn rows(db: &Db, table: &str, filter: &str, recipient: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {filter}"))
        .bind(recipient)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn all_rows(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn end_care(db: &Db, recipient: &str, on: chrono::NaiveDate) {
    sqlx::query(
        "UPDATE care_relationships SET ended_on = $1, end_reason = 'service_ended' \
         WHERE recipient_id = $2",
    )
    .bind(on.format("%Y-%m-%d").to_string())
    .bind(recipient)
    .execute(db.pool())
    .await
    .unwrap();
}

async fn care_data_goes_whole_and_only_after_its_years(db: Db) {
    let now = Utc::now();
    let today = jst_today(now);
    let demo = demo::load_if_empty(&db, now).await.unwrap().unwrap();
    let hana = demo.recipient.to_string();
    // Two more people like her: one whose care ended exactly five years
    // ago today (kept: today is the last day of her period), one still in
    // care.
    history_cmd::run(
        &db,
        Shape::Recipients {
            recipients: 3,
            years: 1,
        },
    )
    .await
    .unwrap();
    let others: Vec<String> =
        sqlx::query_scalar("SELECT id FROM recipients WHERE id <> $1 ORDER BY id")
            .bind(&hana)
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(others.len(), 2);
    // A hospital's number for her and for one who stays.
    for (who, value) in [(&hana, "P-1"), (&others[1], "P-2")] {
        let id = app::domain::patient_identifier::PatientIdentifier::parse(
            "urn:oid:1.2.392.100495.20.3.51.11312345678",
            value,
        )
        .unwrap();
        let r = RecipientId::parse(who).unwrap();
        app::server::db::imports::register_identifier(
            &db,
            r,
            &id,
            None,
            OccurredAt::from_millis(now.timestamp_millis()),
        )
        .await
        .unwrap();
    }
    let first_kept = FIVE.first_kept_day(today);
    end_care(&db, &hana, first_kept.pred_opt().unwrap()).await;
    end_care(&db, &others[0], first_kept).await;
    let logged = rows(&db, "audit_log", "recipient_id = $1", &hana).await;
    let before: Vec<(i64, i64)> = {
        let mut v = Vec::new();
        for (table, filter) in HERS {
            v.push((
                rows(&db, table, filter, &hana).await,
                all_rows(&db, table).await,
            ));
        }
        v
    };
    for ((table, _), (hers, _)) in HERS.iter().zip(&before) {
        assert!(
            *hers > 0,
            "the demo has no {table} for her: the test proves nothing there"
        );
    }

    // Looking first changes nothing.
    let look = retention_cmd::run(&db, FIVE, FIVE, false, now)
        .await
        .unwrap();
    assert_eq!(look.recipients, vec![hana.clone()]);
    assert!(!look.applied);
    for ((table, filter), (hers, _)) in HERS.iter().zip(&before) {
        assert_eq!(rows(&db, table, filter, &hana).await, *hers, "{table}");
    }

    let done = retention_cmd::run(&db, FIVE, FIVE, true, now)
        .await
        .unwrap();
    assert_eq!(done.recipients, vec![hana.clone()]);
    for ((table, filter), (hers, all)) in HERS.iter().zip(&before) {
        assert_eq!(rows(&db, table, filter, &hana).await, 0, "{table} kept");
        assert_eq!(
            all_rows(&db, table).await,
            all - hers,
            "{table}: someone else's rows went too"
        );
    }
    for other in &others {
        assert!(rows(&db, "care_records", "recipient_id = $1", other).await > 0);
    }
    // The log says whose data went, and keeps what it said before.
    assert_eq!(
        audit::count_for(&db, RecipientId::parse(&hana).unwrap(), Action::Delete)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        rows(&db, "audit_log", "recipient_id = $1", &hana).await,
        logged + 1
    );
    // A second run finds nothing more.
    let again = retention_cmd::run(&db, FIVE, FIVE, true, now)
        .await
        .unwrap();
    assert!(again.recipients.is_empty());
}

async fn write_entry(db: &Db, at: chrono::DateTime<Utc>) {
    audit::record(
        db,
        Entry {
            at: OccurredAt::from_millis(at.timestamp_millis()),
            actor: None,
            action: Action::Read,
            recipient: None,
            object_kind: "retention_test",
            object_id: Some(at.timestamp_millis().to_string()),
            classes: &[],
        },
    )
    .await
    .unwrap();
}

async fn entries(db: &Db) -> Vec<i64> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT object_id FROM audit_log WHERE object_kind = 'retention_test' ORDER BY at",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    ids.iter().map(|i| i.parse().unwrap()).collect()
}

async fn audit_entries_go_only_after_their_years(db: Db) {
    let now = Utc::now();
    let six_years = now - Duration::days(6 * 366);
    let almost_five = now - Duration::days(5 * 365 - 2);
    let yesterday = now - Duration::days(1);
    for at in [six_years, almost_five, yesterday] {
        write_entry(&db, at).await;
    }
    let look = retention_cmd::run(&db, FIVE, FIVE, false, now)
        .await
        .unwrap();
    assert_eq!(look.audit_entries, 1);
    assert_eq!(entries(&db).await.len(), 3, "looking deleted something");

    let done = retention_cmd::run(&db, FIVE, FIVE, true, now)
        .await
        .unwrap();
    assert_eq!(done.audit_entries, 1);
    assert_eq!(
        entries(&db).await,
        vec![almost_five.timestamp_millis(), yesterday.timestamp_millis()]
    );

    // What is younger than the floor, the database itself keeps.
    let delete = sqlx::query("DELETE FROM audit_log WHERE object_kind = 'retention_test'")
        .execute(db.pool())
        .await;
    assert!(delete.is_err(), "a young audit entry was deleted");
    let update = sqlx::query("UPDATE audit_log SET action = 'create'")
        .execute(db.pool())
        .await;
    assert!(update.is_err(), "an audit entry was changed");
    // And the floor cannot be moved less than two years back.
    for back in [Duration::zero(), Duration::days(700)] {
        let moved = sqlx::query("UPDATE retention_floor SET audit_before = $1")
            .bind((now - back).timestamp_millis())
            .execute(db.pool())
            .await;
        assert!(moved.is_err(), "the floor moved to {back} ago");
    }
    assert_eq!(entries(&db).await.len(), 2);
    // Two years is allowed, and then only what is older goes.
    let two = RetentionYears::new(2).unwrap();
    let done = retention_cmd::run(&db, FIVE, two, true, now).await.unwrap();
    assert_eq!(done.audit_entries, 1);
    assert_eq!(entries(&db).await, vec![yesterday.timestamp_millis()]);
}

on_both_databases!(
    care_data_goes_whole_and_only_after_its_years,
    audit_entries_go_only_after_their_years,
);

/// The periods come from the environment (or flags), and less than two
/// years is refused with the setting named.
#[tokio::test]
async fn the_periods_are_configured_and_at_least_two_years() {
    let t = support::sqlite().await;
    let run = |envs: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"));
        cmd.arg("--database-url").arg(&t.url).arg("retention");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let out = run(&[
        ("YORISOI_RECORD_RETENTION_YEARS", "7"),
        ("YORISOI_AUDIT_RETENTION_YEARS", "10"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["record_years"], 7);
    assert_eq!(report["audit_years"], 10);
    assert_eq!(report["applied"], false);
    let out = run(&[("YORISOI_RECORD_RETENTION_YEARS", "1")]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("record-years") && said.contains("from 2 to 100"),
        "{said}"
    );
}

/// The command line starts beside a running server: its start-up (the
/// migrations and the audit log's triggers) must not be refused because
/// the server is writing (the retention triggers once made it take the
/// write lock on every start, and lose the race).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_beside_a_busy_writer_is_not_refused() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let t = support::sqlite().await;
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (t.db.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                sqlx::query("INSERT INTO app_markers (name, set_at) VALUES ($1, $2)")
                    .bind(format!("busy-{n}"))
                    .bind(0_i64)
                    .execute(db.pool())
                    .await
                    .unwrap();
            }
            n
        })
    };
    let url = app::server::db::DatabaseUrl::parse(&t.url).unwrap();
    for i in 0..20 {
        let db = Db::connect(&url).await.unwrap();
        if let Err(e) = db.migrate().await {
            panic!("start {i} refused: {e}");
        }
        db.close().await;
    }
    stop.store(true, Ordering::Relaxed);
    assert!(writer.await.unwrap() > 20, "the writer was not busy");
}
