//! `yorisoi history`: years of records, so pages and the server can be
//! measured as they will be after years of use.
//!
//! - `--records N`: the demo recipient gets a long history of about N
//!   records (bench/reading.sh).
//! - `--recipients R --years Y`: R recipients with Y years of records each
//!   (bench/load.sh). The demo recipient is copied R − 1 times, with her
//!   whole team and family, consents, medical items, targets and newest care
//!   plan, so every copy is read and written as she is.
//!
//! Records (with their stored plain versions) and measurements are the
//! demo's three months, copied block after block further back in time. A copy's id is a UUID made of the copy's
//! number, the block and the last twelve digits of the original (unique
//! among one recipient's originals), so copies never meet the app's own
//! UUIDv7 ids (those start with the time, 019…), and running the command
//! again only adds the blocks that are missing. Each copied recipient is
//! written in one transaction.

use anyhow::Context;
use app::domain::ids::RecipientId;
use app::server::db::Db;
use serde::Serialize;
use sqlx::AnyConnection;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Ids this command made start with eight zero-padded hex digits of a
/// small copy number; the app's UUIDv7 ids never do.
const MADE_HERE: &str = "0000%";

/// How much history to make.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// About this many records for the demo recipient alone.
    Records(i64),
    /// This many recipients (the demo one included), each with this many
    /// years of records.
    Recipients { recipients: i64, years: i64 },
}

#[derive(Debug, Serialize)]
pub struct Made {
    pub recipient: String,
    pub recipients: i64,
    pub records: i64,
    pub measurements: i64,
    pub days: i64,
}

/// The first `24` characters of a made id: the copy and the block.
fn prefix(copy: i64, block: i64) -> String {
    format!("{copy:08x}-{block:04x}-7000-8000-")
}

/// The block number used for the rows that make up a copied recipient
/// (her relationships, consents…), apart from her records' blocks.
const PEOPLE_BLOCK: i64 = 0xffff;

pub async fn run(db: &Db, shape: Shape) -> anyhow::Result<Made> {
    let hana: String = sqlx::query_scalar("SELECT id FROM recipients ORDER BY created_at LIMIT 1")
        .fetch_optional(db.pool())
        .await?
        .context("no recipient: load the demo first (yorisoi demo)")?;
    let base: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM care_records WHERE recipient_id = $1 AND id NOT LIKE $2",
    )
    .bind(&hana)
    .bind(MADE_HERE)
    .fetch_one(db.pool())
    .await?;
    anyhow::ensure!(base > 0, "the recipient has no records to copy");
    let (first, last): (i64, i64) = sqlx::query_as(
        "SELECT MIN(occurred_at), MAX(occurred_at) FROM care_records \
         WHERE recipient_id = $1 AND id NOT LIKE $2",
    )
    .bind(&hana)
    .bind(MADE_HERE)
    .fetch_one(db.pool())
    .await?;
    // Whole weeks, so each copy keeps the week's rhythm.
    let span_days = ((last - first) / DAY_MS + 7) / 7 * 7;
    // Blocks after the originals' own (block 0).
    let (copies, blocks) = match shape {
        Shape::Records(target) => (1, (target + base - 1) / base - 1),
        Shape::Recipients { recipients, years } => {
            anyhow::ensure!(recipients >= 1, "--recipients must be at least 1");
            anyhow::ensure!(
                recipients < 0x1_0000_0000,
                "--recipients must be below 4294967296"
            );
            let days = years * 36525 / 100;
            (recipients, (days + span_days - 1) / span_days - 1)
        }
    };
    let hana_id = RecipientId::parse(&hana).context("the demo recipient's id is not a UUID")?;
    // The last twelve digits of her id end each copy's id.
    let hana_text = hana_id.to_string();
    let node = hana_text
        .get(24..)
        .context("the demo recipient's id is not a UUID")?;
    let plan = app::server::db::care_plan::latest_plan(db, hana_id).await?;
    // The copies first: until the demo recipient's own blocks are made,
    // her originals are all the rows each copy has to look through.
    for copy in (1..copies).chain([0]) {
        let mut tx = db.pool().begin().await?;
        let recipient = if copy == 0 {
            hana.clone()
        } else {
            let id = format!("{}{}", prefix(copy, 0), node);
            let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recipients WHERE id = $1")
                .bind(&id)
                .fetch_one(&mut *tx)
                .await?;
            if known == 0 {
                copy_person(&mut tx, &hana, &id, copy).await?;
                if let Some(plan) = &plan {
                    let mut p = plan.plan.clone();
                    p.recipient = RecipientId::parse(&id).context("a made id is not a UUID")?;
                    app::server::db::care_plan::insert_plan_in(&mut tx, &p).await?;
                }
            }
            id
        };
        // The demo recipient's block 0 is her own three months.
        let from = if copy == 0 { 1 } else { 0 };
        for block in from..=blocks {
            copy_block(
                &mut tx,
                &hana,
                &recipient,
                copy,
                block,
                block * span_days * DAY_MS,
            )
            .await?;
        }
        tx.commit().await?;
    }
    // Fresh planner statistics, as after any bulk load: PostgreSQL's
    // autovacuum would get there in its own time, and until then it planned
    // the timeline as if the recipient had 50 records (107 ms a page
    // instead of 0.2 ms).
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    // On PostgreSQL also what its autovacuum does after a bulk load (the
    // visibility map and hint bits, read from every new page once):
    // otherwise it starts on the new tables during the measurement, and
    // the measurement is of that. A server in use for years has long
    // been vacuumed. (Outside a transaction, so not prepared.)
    if db.backend() == app::server::db::Backend::Postgres {
        sqlx::raw_sql("VACUUM").execute(db.pool()).await?;
    }
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql).fetch_one(db.pool()).await
    };
    Ok(Made {
        recipients: count("SELECT COUNT(*) FROM recipients").await?,
        records: count("SELECT COUNT(*) FROM care_records").await?,
        measurements: count("SELECT COUNT(*) FROM vital_signs").await?,
        days: (blocks + 1) * span_days,
        recipient: hana,
    })
}

/// A new recipient like `hana`: everyone related to her is related to the
/// copy in the same way, with the same consents, medical items and targets.
async fn copy_person(
    tx: &mut AnyConnection,
    hana: &str,
    id: &str,
    copy: i64,
) -> anyhow::Result<()> {
    let p = prefix(copy, PEOPLE_BLOCK);
    sqlx::query(
        "INSERT INTO recipients (id, name, name_kana, birth_date, care_level, created_at) \
         SELECT $2, name, name_kana, birth_date, care_level, created_at \
         FROM recipients WHERE id = $1",
    )
    .bind(hana)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let tables = [
        (
            "care_relationships",
            "person_id, kind, family_relation, started_on, ended_on, end_reason, \
             legal_representative",
        ),
        (
            "consents",
            "person_id, class, granted_by, granted_at, revoked_at, revoked_by",
        ),
        (
            "medical_items",
            "author_id, recorded_at, kind, title, detail, dysphagia_code, info_class, \
             team_only, created_at",
        ),
        (
            "vital_targets",
            "kind, low, high, doctor, recorded_by, set_at, created_at",
        ),
    ];
    for (table, columns) in tables {
        sqlx::query(&format!(
            "INSERT INTO {table} (id, recipient_id, {columns}) \
             SELECT $3 || substr(id, 25, 12), $2, {columns} FROM {table} WHERE recipient_id = $1"
        ))
        .bind(hana)
        .bind(id)
        .bind(&p)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// What a block copies: each table, the columns copied as they are, and
/// the times that move back by the block's shift.
const SHIFTED: [(&str, &str, &str); 2] = [
    (
        "care_records",
        "provider_id, author_id, category, staple_wari, side_wari, fluid_ml, excretion_kind, \
         excretion_count, excretion_character, bath_kind, note, info_class, team_only",
        "occurred_at, created_at",
    ),
    (
        "vital_signs",
        "provider_id, measured_by, temperature_tenths, systolic, diastolic, pulse, spo2, \
         respiratory_rate, weight_tenths, height_tenths, info_class, team_only",
        "measured_at, created_at",
    ),
];

/// The demo recipient's original records and measurements, `shift`
/// milliseconds earlier, for `recipient` — unless that block is there.
async fn copy_block(
    tx: &mut AnyConnection,
    hana: &str,
    recipient: &str,
    copy: i64,
    block: i64,
    shift: i64,
) -> anyhow::Result<()> {
    let p = prefix(copy, block);
    // Made ids sort by copy and block: a range finds the block.
    let there: Option<String> =
        sqlx::query_scalar("SELECT MIN(id) FROM care_records WHERE id >= $1 AND id < $2")
            .bind(&p)
            .bind(format!("{p}~"))
            .fetch_one(&mut *tx)
            .await?;
    if there.is_some() {
        return Ok(());
    }
    for (table, kept, moved) in SHIFTED {
        let back: Vec<String> = moved.split(", ").map(|c| format!("{c} - $4")).collect();
        sqlx::query(&format!(
            "INSERT INTO {table} (id, recipient_id, {kept}, {moved}) \
             SELECT $3 || substr(id, 25, 12), $2, {kept}, {} \
             FROM {table} WHERE recipient_id = $1 AND id NOT LIKE $5",
            back.join(", ")
        ))
        .bind(hana)
        .bind(recipient)
        .bind(&p)
        .bind(shift)
        .bind(MADE_HERE)
        .execute(&mut *tx)
        .await?;
    }
    // Their plain versions too, as the server keeps them for every note (a
    // copy's note is the original's, word for word).
    sqlx::query(
        "INSERT INTO plain_notes (record_id, engine_version, note_hash, body) \
         SELECT $3 || substr(n.record_id, 25, 12), n.engine_version, n.note_hash, n.body \
         FROM plain_notes n JOIN care_records r ON r.id = n.record_id \
         WHERE r.recipient_id = $1 AND r.id NOT LIKE $2",
    )
    .bind(hana)
    .bind(MADE_HERE)
    .bind(&p)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
