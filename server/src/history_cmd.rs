//! `yorisoi history --records N`: a long history for the demo recipient, so
//! the きろく page can be measured as it will be after years of use. The
//! demo's three months of records and measurements are copied back in time,
//! block after block, until there are N records. Copies keep the original
//! id with a block suffix (unique, and still sorting within a moment), so
//! running it again only adds what is missing.

use anyhow::Context;
use app::server::db::Db;
use serde::Serialize;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Serialize)]
pub struct Made {
    pub recipient: String,
    pub records: i64,
    pub measurements: i64,
    pub days: i64,
}

pub async fn run(db: &Db, target: i64) -> anyhow::Result<Made> {
    let recipient: String =
        sqlx::query_scalar("SELECT id FROM recipients ORDER BY created_at LIMIT 1")
            .fetch_optional(db.pool())
            .await?
            .context("no recipient: load the demo first (yorisoi demo)")?;
    let originals = |table: &str| {
        format!("SELECT COUNT(*) FROM {table} WHERE recipient_id = $1 AND id NOT LIKE '%-b%'")
    };
    let base: i64 = sqlx::query_scalar(&originals("care_records"))
        .bind(&recipient)
        .fetch_one(db.pool())
        .await?;
    anyhow::ensure!(base > 0, "the recipient has no records to copy");
    let (first, last): (i64, i64) = sqlx::query_as(
        "SELECT MIN(occurred_at), MAX(occurred_at) FROM care_records \
         WHERE recipient_id = $1 AND id NOT LIKE '%-b%'",
    )
    .bind(&recipient)
    .fetch_one(db.pool())
    .await?;
    // Whole days, so each copy keeps the week's rhythm.
    let span_days = ((last - first) / DAY_MS + 7) / 7 * 7;
    let blocks = (target + base - 1) / base - 1;
    for block in 1..=blocks {
        let shift = block * span_days * DAY_MS;
        let suffix = format!("-b{block}");
        let mut tx = db.pool().begin().await?;
        sqlx::query(
            "INSERT INTO care_records (id, recipient_id, provider_id, author_id, occurred_at, \
             category, staple_wari, side_wari, fluid_ml, excretion_kind, excretion_count, \
             excretion_character, bath_kind, note, info_class, team_only, created_at) \
             SELECT id || $2, recipient_id, provider_id, author_id, occurred_at - $3, category, \
             staple_wari, side_wari, fluid_ml, excretion_kind, excretion_count, \
             excretion_character, bath_kind, note, info_class, team_only, created_at - $3 \
             FROM care_records c WHERE recipient_id = $1 AND id NOT LIKE '%-b%' \
             AND NOT EXISTS (SELECT 1 FROM care_records d WHERE d.id = c.id || $2)",
        )
        .bind(&recipient)
        .bind(&suffix)
        .bind(shift)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO vital_signs (id, recipient_id, provider_id, measured_by, measured_at, \
             temperature_tenths, systolic, diastolic, pulse, spo2, respiratory_rate, \
             weight_tenths, height_tenths, info_class, team_only, created_at) \
             SELECT id || $2, recipient_id, provider_id, measured_by, measured_at - $3, \
             temperature_tenths, systolic, diastolic, pulse, spo2, respiratory_rate, \
             weight_tenths, height_tenths, info_class, team_only, created_at - $3 \
             FROM vital_signs v WHERE recipient_id = $1 AND id NOT LIKE '%-b%' \
             AND NOT EXISTS (SELECT 1 FROM vital_signs w WHERE w.id = v.id || $2)",
        )
        .bind(&recipient)
        .bind(&suffix)
        .bind(shift)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    // Fresh planner statistics, as after any bulk load: PostgreSQL's
    // autovacuum would get there in its own time, and until then it planned
    // the timeline as if the recipient had 50 records (107 ms a page
    // instead of 0.2 ms).
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    let count = |table: &'static str| {
        let recipient = recipient.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "SELECT COUNT(*) FROM {table} WHERE recipient_id = $1"
            ))
            .bind(recipient)
            .fetch_one(db.pool())
            .await
        }
    };
    Ok(Made {
        records: count("care_records").await?,
        measurements: count("vital_signs").await?,
        days: (blocks + 1) * span_days,
        recipient,
    })
}
