//! `yorisoi retention [--apply]`: what is past its retention period, and
//! with `--apply`, deleting it. Without `--apply` nothing changes: an
//! operator sees first what would go. Run it daily (cron or a systemd
//! timer); the periods come from flags or the environment
//! (YORISOI_RECORD_RETENTION_YEARS, YORISOI_AUDIT_RETENTION_YEARS).

use app::domain::ids::RecipientId;
use app::domain::retention::RetentionYears;
use app::domain::time::{jst_day_bounds, jst_today, OccurredAt};
use app::server::audit::{self, Action, Entry};
use app::server::db::{retention, Db};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Report {
    pub record_years: u16,
    pub audit_years: u16,
    /// Recipients whose care ended before this day go whole.
    pub care_ended_before: String,
    /// Audit entries written before this moment (JST midnight) go.
    pub audit_before: String,
    pub recipients: Vec<String>,
    pub audit_entries: i64,
    pub applied: bool,
}

pub async fn run(
    db: &Db,
    records: RetentionYears,
    audit_years: RetentionYears,
    apply: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Report> {
    let today = jst_today(now);
    let care_ended_before = records.first_kept_day(today);
    let (audit_before, _) = jst_day_bounds(audit_years.first_kept_day(today));
    let due = retention::recipients_past(db, care_ended_before).await?;
    let mut gone: Vec<RecipientId> = Vec::new();
    let audit_entries = if apply {
        for recipient in &due {
            if retention::delete_recipient(db, *recipient, care_ended_before).await? {
                // Whose data went, and when: the log outlives the data.
                audit::record(
                    db,
                    Entry {
                        at: OccurredAt::from_millis(now.timestamp_millis()),
                        actor: None,
                        action: Action::Delete,
                        recipient: Some(*recipient),
                        object_kind: "retention",
                        object_id: None,
                        classes: &[],
                    },
                )
                .await?;
                gone.push(*recipient);
            }
        }
        i64::try_from(retention::delete_audit_entries_before(db, audit_before).await?)?
    } else {
        gone = due;
        retention::audit_entries_before(db, audit_before).await?
    };
    Ok(Report {
        record_years: records.years(),
        audit_years: audit_years.years(),
        care_ended_before: care_ended_before.format("%Y-%m-%d").to_string(),
        audit_before: DateTime::from_timestamp_millis(audit_before)
            .map(|t| t.with_timezone(&app::domain::time::jst()).to_rfc3339())
            .unwrap_or_default(),
        recipients: gone.iter().map(ToString::to_string).collect(),
        audit_entries,
        applied: apply,
    })
}
