//! 介護記録: write one, read a time range.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::plain_notes::StoredNote;
use super::{corrupt, flag, Db, DbError};
use crate::domain::classes::InfoClass;
use crate::domain::ids::{PersonId, RecipientId, RecordId};
use crate::domain::policy::Shown;
use crate::domain::records::{
    BathKind, CareRecord, Correction, ExcretionCount, ExcretionKind, FluidMl, NewCareRecord,
    RecordBody, RecordCategory, RecordNote, Revision, Wari,
};
use crate::domain::time::OccurredAt;
use crate::domain::validation::Field;

pub async fn insert_care_record<'c>(
    ex: impl Executor<'c, Database = Any>,
    r: &NewCareRecord,
    now: OccurredAt,
) -> Result<RecordId, DbError> {
    let id = RecordId::new();
    let (staple, side, fluid) = match &r.body {
        RecordBody::Meal {
            staple,
            side,
            fluid,
        } => (
            staple.map(|w| i64::from(w.value())),
            side.map(|w| i64::from(w.value())),
            fluid.map(|f| i64::from(f.value())),
        ),
        _ => (None, None, None),
    };
    let (ex_kind, ex_count, ex_char) = match &r.body {
        RecordBody::Excretion {
            kind,
            count,
            character,
        } => (
            Some(kind.code()),
            count.map(|c| i64::from(c.value())),
            Some(character.as_str()),
        ),
        _ => (None, None, None),
    };
    let bath = match &r.body {
        RecordBody::Bathing { kind } => Some(kind.code()),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO care_records (id, recipient_id, provider_id, author_id, occurred_at, category, \
         staple_wari, side_wari, fluid_ml, excretion_kind, excretion_count, excretion_character, \
         bath_kind, note, info_class, team_only, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(id.to_string())
    .bind(r.recipient.to_string())
    .bind(r.provider.to_string())
    .bind(r.author.to_string())
    .bind(r.occurred_at.millis())
    .bind(r.body.category().code())
    .bind(staple)
    .bind(side)
    .bind(fluid)
    .bind(ex_kind)
    .bind(ex_count)
    .bind(ex_char)
    .bind(bath)
    .bind(r.note.as_str())
    .bind(r.class.code())
    .bind(flag(r.team_only))
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

fn body_from_row(row: &AnyRow) -> Result<RecordBody, DbError> {
    let category: String = row.try_get("category")?;
    let category = RecordCategory::from_code(&category).ok_or_else(|| corrupt("category"))?;
    Ok(match category {
        RecordCategory::Meal => {
            let wari = |col: &str, field| -> Result<Option<Wari>, DbError> {
                let v: Option<i64> = row.try_get(col)?;
                v.map(|v| Wari::new(field, v).map_err(|_| corrupt(col)))
                    .transpose()
            };
            let fluid: Option<i64> = row.try_get("fluid_ml")?;
            RecordBody::Meal {
                staple: wari("staple_wari", Field::StapleIntake)?,
                side: wari("side_wari", Field::SideIntake)?,
                fluid: fluid
                    .map(|v| FluidMl::new(v).map_err(|_| corrupt("fluid_ml")))
                    .transpose()?,
            }
        }
        RecordCategory::Excretion => {
            let kind: Option<String> = row.try_get("excretion_kind")?;
            let count: Option<i64> = row.try_get("excretion_count")?;
            let character: Option<String> = row.try_get("excretion_character")?;
            RecordBody::Excretion {
                kind: kind
                    .as_deref()
                    .and_then(ExcretionKind::from_code)
                    .ok_or_else(|| corrupt("excretion_kind"))?,
                count: count
                    .map(|c| ExcretionCount::new(c).map_err(|_| corrupt("excretion_count")))
                    .transpose()?,
                character: character.unwrap_or_default(),
            }
        }
        RecordCategory::Bathing => {
            let kind: Option<String> = row.try_get("bath_kind")?;
            RecordBody::Bathing {
                kind: kind
                    .as_deref()
                    .and_then(BathKind::from_code)
                    .ok_or_else(|| corrupt("bath_kind"))?,
            }
        }
        RecordCategory::Sleep => RecordBody::Sleep,
        RecordCategory::Medication => RecordBody::Medication,
        RecordCategory::OralCare => RecordBody::OralCare,
        RecordCategory::Observation => RecordBody::Observation,
    })
}

/// A record with its author's and 事業所's names; `record_from_row` reads it.
/// Earlier versions are counted only for corrected records (few), so the
/// timeline's query stays one index walk.
const RECORD_COLUMNS: &str = "r.id, r.recipient_id, r.occurred_at, r.category, \
     r.staple_wari, r.side_wari, r.fluid_ml, r.excretion_kind, r.excretion_count, \
     r.excretion_character, r.bath_kind, r.note, r.info_class, r.team_only, \
     r.author_id, r.revised_at, q.display_name AS revised_by_name, \
     CASE WHEN r.revised_at IS NULL THEN 0 ELSE \
     (SELECT COUNT(*) FROM care_record_revisions x WHERE x.record_id = r.id) END AS earlier, \
     p.display_name AS author_name, v.name AS provider_name";

const RECORD_JOINS: &str = "FROM care_records r \
     JOIN people p ON p.id = r.author_id \
     JOIN providers v ON v.id = r.provider_id \
     LEFT JOIN people q ON q.id = r.revised_by";

static RECORD_SELECT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("SELECT {RECORD_COLUMNS} {RECORD_JOINS}"));

/// A page's records come with their stored plain conversions in the same
/// statement: on PostgreSQL each statement costs more than its rows.
static LISTED_SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {RECORD_COLUMNS}, n.engine_version AS plain_version, n.note_hash AS plain_hash, \
         n.body AS plain_body {RECORD_JOINS} LEFT JOIN plain_notes n ON n.record_id = r.id"
    )
});

/// A record as a page lists it, with its stored plain conversion (if any;
/// `plain_store` judges whether it is still good).
#[derive(Debug, Clone)]
pub struct Listed {
    pub record: CareRecord,
    pub stored: Option<StoredNote>,
}

fn listed_from_row(row: &AnyRow) -> Result<Listed, DbError> {
    let record = record_from_row(row)?;
    let version: Option<String> = row.try_get("plain_version")?;
    let stored = match version {
        Some(engine_version) => Some(StoredNote {
            record: record.id,
            engine_version,
            note_hash: row.try_get("plain_hash")?,
            body: row.try_get("plain_body")?,
        }),
        None => None,
    };
    Ok(Listed { record, stored })
}

fn record_from_row(row: &AnyRow) -> Result<CareRecord, DbError> {
    let id: String = row.try_get("id")?;
    let recipient: String = row.try_get("recipient_id")?;
    let class: String = row.try_get("info_class")?;
    let team_only: i64 = row.try_get("team_only")?;
    let author: String = row.try_get("author_id")?;
    let revised_at: Option<i64> = row.try_get("revised_at")?;
    let corrected = match revised_at {
        Some(at) => Some(Correction {
            by_name: row
                .try_get::<Option<String>, _>("revised_by_name")?
                .unwrap_or_default(),
            at: OccurredAt::from_millis(at),
            earlier: row.try_get("earlier")?,
        }),
        None => None,
    };
    Ok(CareRecord {
        id: RecordId::parse(&id).ok_or_else(|| corrupt("record id"))?,
        recipient: RecipientId::parse(&recipient).ok_or_else(|| corrupt("recipient id"))?,
        author: PersonId::parse(&author).ok_or_else(|| corrupt("record author"))?,
        corrected,
        provider_name: row.try_get("provider_name")?,
        author_name: row.try_get("author_name")?,
        occurred_at: OccurredAt::from_millis(row.try_get("occurred_at")?),
        body: body_from_row(row)?,
        note: row.try_get("note")?,
        class: InfoClass::from_code(&class).ok_or_else(|| corrupt("info_class"))?,
        team_only: team_only != 0,
    })
}

/// Records of one recipient with `start <= occurred_at < end`, oldest first
/// (a day reads from morning to night), each with its stored plain
/// conversion.
pub async fn listed_between(
    db: &Db,
    recipient: RecipientId,
    start_ms: i64,
    end_ms: i64,
    shown: &Shown,
) -> Result<Vec<Listed>, DbError> {
    let sql = format!(
        "{} WHERE r.recipient_id = $1 AND r.occurred_at >= $2 AND r.occurred_at < $3 \
         AND {} ORDER BY r.occurred_at, r.id",
        *LISTED_SELECT,
        super::shown_filter("r", shown, 4)
    );
    let rows = super::bind_shown(
        sqlx::query(&sql)
            .bind(recipient.to_string())
            .bind(start_ms)
            .bind(end_ms),
        shown,
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(listed_from_row).collect()
}

/// The keyset cursor of a page (parsed in the domain: it comes from a URL).
pub use crate::domain::page_cursor::Before;

/// One page of the timeline, newest first: at most `limit` records of
/// `category` (all when None) older than `before`, as the viewer may see,
/// each with its stored plain conversion.
pub async fn records_before(
    db: &Db,
    recipient: RecipientId,
    before: &Before,
    category: Option<RecordCategory>,
    shown: &Shown,
    limit: u32,
) -> Result<Vec<Listed>, DbError> {
    let sql = format!(
        "{} WHERE r.recipient_id = $1 \
         AND (r.occurred_at < $2 OR (r.occurred_at = $2 AND r.id < $3)) \
         AND ($4 = '' OR r.category = $4) \
         AND {} ORDER BY r.occurred_at DESC, r.id DESC LIMIT {limit}",
        *LISTED_SELECT,
        super::shown_filter("r", shown, 5)
    );
    let rows = super::bind_shown(
        sqlx::query(&sql)
            .bind(recipient.to_string())
            .bind(before.at_ms())
            .bind(before.id().to_string())
            .bind(category.map_or("", |c| c.code())),
        shown,
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(listed_from_row).collect()
}

pub async fn count_records(db: &Db, recipient: RecipientId) -> Result<i64, DbError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM care_records WHERE recipient_id = $1")
        .bind(recipient.to_string())
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}

/// Stores a whole visit in one transaction: every record and the
/// measurement, or — if any write fails — none. Returns what was written
/// (kind, id, class) for the audit log.
/// `plain` gives each note's stored plain version (derived data, kept with
/// the record so that no reader converts it).
pub async fn insert_visit(
    db: &Db,
    visit: &crate::domain::visit::Visit,
    now: OccurredAt,
    plain: impl Fn(RecordId, &str) -> super::plain_notes::StoredNote,
) -> Result<Vec<(&'static str, String, InfoClass)>, DbError> {
    let mut tx = db.pool().begin().await?;
    let mut written = Vec::with_capacity(visit.records.len() + 1);
    for r in &visit.records {
        let id = insert_care_record(&mut *tx, r, now).await?;
        super::plain_notes::put(&mut *tx, &plain(id, r.note.as_str())).await?;
        written.push(("care_record", id.to_string(), r.class));
    }
    if let Some(v) = &visit.vitals {
        let id = super::vitals::insert_vitals(&mut *tx, v, now).await?;
        written.push(("vital_signs", id.to_string(), v.class));
    }
    tx.commit().await?;
    Ok(written)
}

/// One record of the recipient, if the viewer may see it.
pub async fn record(
    db: &Db,
    recipient: RecipientId,
    id: RecordId,
    shown: &Shown,
) -> Result<Option<CareRecord>, DbError> {
    let sql = format!(
        "{} WHERE r.recipient_id = $1 AND r.id = $2 AND {}",
        *RECORD_SELECT,
        super::shown_filter("r", shown, 3)
    );
    let row = super::bind_shown(
        sqlx::query(&sql)
            .bind(recipient.to_string())
            .bind(id.to_string()),
        shown,
    )
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(record_from_row).transpose()
}

/// The earlier versions of a record, oldest first.
pub async fn revisions(db: &Db, id: RecordId) -> Result<Vec<Revision>, DbError> {
    let rows = sqlx::query(
        "SELECT x.revision, x.note, x.written_at, x.replaced_at, \
         w.display_name AS written_by_name, b.display_name AS replaced_by_name \
         FROM care_record_revisions x \
         JOIN people w ON w.id = x.written_by \
         JOIN people b ON b.id = x.replaced_by \
         WHERE x.record_id = $1 ORDER BY x.revision",
    )
    .bind(id.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Revision {
                revision: r.try_get("revision")?,
                note: r.try_get("note")?,
                written_by_name: r.try_get("written_by_name")?,
                written_at: OccurredAt::from_millis(r.try_get("written_at")?),
                replaced_by_name: r.try_get("replaced_by_name")?,
                replaced_at: OccurredAt::from_millis(r.try_get("replaced_at")?),
            })
        })
        .collect()
}

/// Corrects a record's wording. The version it replaces is first copied to
/// `care_record_revisions` with who wrote it and when, in the same
/// transaction: nothing the record once said is lost.
pub async fn correct_note(
    db: &Db,
    recipient: RecipientId,
    id: RecordId,
    by: PersonId,
    note: &RecordNote,
    now: OccurredAt,
) -> Result<(), DbError> {
    let mut tx = db.pool().begin().await?;
    let row = sqlx::query(
        "SELECT note, category, author_id, created_at, revised_by, revised_at \
         FROM care_records WHERE id = $1 AND recipient_id = $2",
    )
    .bind(id.to_string())
    .bind(recipient.to_string())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DbError::NotFound("care record"))?;
    let old_note: String = row.try_get("note")?;
    let category: String = row.try_get("category")?;
    let author: String = row.try_get("author_id")?;
    let created_at: i64 = row.try_get("created_at")?;
    let revised_by: Option<String> = row.try_get("revised_by")?;
    let revised_at: Option<i64> = row.try_get("revised_at")?;
    let earlier: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM care_record_revisions WHERE record_id = $1")
            .bind(id.to_string())
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO care_record_revisions (id, record_id, revision, body, note, written_by, \
         written_at, replaced_by, replaced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(id.to_string())
    .bind(earlier + 1)
    .bind(format!("{{\"category\":\"{category}\"}}"))
    .bind(&old_note)
    .bind(revised_by.unwrap_or(author))
    .bind(revised_at.unwrap_or(created_at))
    .bind(by.to_string())
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE care_records SET note = $1, revised_by = $2, revised_at = $3 WHERE id = $4",
    )
    .bind(note.as_str())
    .bind(by.to_string())
    .bind(now.millis())
    .bind(id.to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
