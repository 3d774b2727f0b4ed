//! バイタルサイン: write one measurement, read a time range.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{corrupt, flag, Db, DbError};
use crate::domain::classes::InfoClass;
use crate::domain::ids::{RecipientId, VitalTargetId, VitalsId};
use crate::domain::policy::Shown;
use crate::domain::time::OccurredAt;
use crate::domain::vitals::{
    BloodPressure, BodyTemperature, Height, NewVitalTarget, NewVitals, Pulse, RespiratoryRate,
    Spo2, TargetKind, TargetRange, VitalSigns, VitalTargets, VitalsReading, Weight,
};

pub async fn insert_vitals<'c>(
    ex: impl Executor<'c, Database = Any>,
    v: &NewVitals,
    now: OccurredAt,
) -> Result<VitalsId, DbError> {
    v.vitals
        .ensure_something_measured()
        .map_err(|_| corrupt("empty vital signs"))?;
    let id = VitalsId::new();
    let s = &v.vitals;
    sqlx::query(
        "INSERT INTO vital_signs (id, recipient_id, provider_id, measured_by, measured_at, \
         temperature_tenths, systolic, diastolic, pulse, spo2, respiratory_rate, weight_tenths, \
         height_tenths, info_class, team_only, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(id.to_string())
    .bind(v.recipient.to_string())
    .bind(v.provider.to_string())
    .bind(v.measured_by.to_string())
    .bind(v.measured_at.millis())
    .bind(s.temperature.map(|t| t.tenths()))
    .bind(s.blood_pressure.map(|b| b.systolic()))
    .bind(s.blood_pressure.map(|b| b.diastolic()))
    .bind(s.pulse.map(|p| p.value()))
    .bind(s.spo2.map(|p| p.value()))
    .bind(s.respiratory_rate.map(|p| p.value()))
    .bind(s.weight.map(|w| w.tenths()))
    .bind(s.height.map(|h| h.tenths()))
    .bind(v.class.code())
    .bind(flag(v.team_only))
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

fn opt<T, E>(
    row: &AnyRow,
    col: &'static str,
    make: impl Fn(i64) -> Result<T, E>,
) -> Result<Option<T>, DbError> {
    let v: Option<i64> = row.try_get(col)?;
    v.map(|v| make(v).map_err(|_| corrupt(col))).transpose()
}

/// A measurement with who measured it; `reading_from_row` reads it.
const VITALS_SELECT: &str = "SELECT s.id, s.measured_at, s.temperature_tenths, s.systolic, \
     s.diastolic, s.pulse, s.spo2, s.respiratory_rate, s.weight_tenths, s.height_tenths, \
     s.info_class, s.team_only, p.display_name AS measured_by_name \
     FROM vital_signs s JOIN people p ON p.id = s.measured_by";

fn reading_from_row(row: &AnyRow) -> Result<VitalsReading, DbError> {
    let id: String = row.try_get("id")?;
    let class: String = row.try_get("info_class")?;
    let team_only: i64 = row.try_get("team_only")?;
    let sys: Option<i64> = row.try_get("systolic")?;
    let dia: Option<i64> = row.try_get("diastolic")?;
    let blood_pressure = match (sys, dia) {
        (Some(s), Some(d)) => {
            Some(BloodPressure::new(s, d).map_err(|_| corrupt("blood pressure"))?)
        }
        (None, None) => None,
        _ => return Err(corrupt("half a blood pressure")),
    };
    Ok(VitalsReading {
        id: VitalsId::parse(&id).ok_or_else(|| corrupt("vitals id"))?,
        measured_at: OccurredAt::from_millis(row.try_get("measured_at")?),
        measured_by_name: row.try_get("measured_by_name")?,
        vitals: VitalSigns {
            temperature: opt(row, "temperature_tenths", BodyTemperature::from_tenths)?,
            blood_pressure,
            pulse: opt(row, "pulse", Pulse::new)?,
            spo2: opt(row, "spo2", Spo2::new)?,
            respiratory_rate: opt(row, "respiratory_rate", RespiratoryRate::new)?,
            weight: opt(row, "weight_tenths", Weight::from_tenths)?,
            height: opt(row, "height_tenths", Height::from_tenths)?,
        },
        class: InfoClass::from_code(&class).ok_or_else(|| corrupt("info_class"))?,
        team_only: team_only != 0,
    })
}

/// Measurements of one recipient with `start <= measured_at < end`, oldest first.
pub async fn vitals_between(
    db: &Db,
    recipient: RecipientId,
    start_ms: i64,
    end_ms: i64,
    shown: &Shown,
) -> Result<Vec<VitalsReading>, DbError> {
    let sql = format!(
        "{VITALS_SELECT} WHERE s.recipient_id = $1 AND s.measured_at >= $2 AND s.measured_at < $3 \
         AND {} ORDER BY s.measured_at, s.id",
        super::shown_filter("s", shown, 4)
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
    rows.iter().map(reading_from_row).collect()
}

/// One page of measurements for the timeline, newest first (see
/// `records::records_before`).
pub async fn vitals_before(
    db: &Db,
    recipient: RecipientId,
    before: &super::records::Before,
    shown: &Shown,
    limit: u32,
) -> Result<Vec<VitalsReading>, DbError> {
    let sql = format!(
        "{VITALS_SELECT} WHERE s.recipient_id = $1 \
         AND (s.measured_at < $2 OR (s.measured_at = $2 AND s.id < $3)) \
         AND {} ORDER BY s.measured_at DESC, s.id DESC LIMIT {limit}",
        super::shown_filter("s", shown, 4)
    );
    let rows = super::bind_shown(
        sqlx::query(&sql)
            .bind(recipient.to_string())
            .bind(before.at_ms())
            .bind(before.id().to_string()),
        shown,
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(reading_from_row).collect()
}

/// Stores a doctor's target; it is in force from `set_at` until a newer
/// one for the same value.
pub async fn insert_target<'c>(
    ex: impl Executor<'c, Database = Any>,
    t: &NewVitalTarget,
    now: OccurredAt,
) -> Result<VitalTargetId, DbError> {
    let id = VitalTargetId::new();
    sqlx::query(
        "INSERT INTO vital_targets (id, recipient_id, kind, low, high, doctor, recorded_by, \
         set_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.to_string())
    .bind(t.recipient.to_string())
    .bind(t.kind.code())
    .bind(t.range.low())
    .bind(t.range.high())
    .bind(t.doctor.as_str())
    .bind(t.recorded_by.to_string())
    .bind(t.set_at.millis())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

/// Every doctor's target ever set for a recipient, oldest first: the
/// targets in force at any moment, from one query (a timeline page asks
/// for many moments).
#[derive(Debug, Clone, Default)]
pub struct TargetHistory(Vec<(i64, TargetKind, TargetRange)>);

impl TargetHistory {
    /// The targets in force at `at`: a newer target for the same value
    /// replaces the older.
    pub fn at(&self, at: OccurredAt) -> VitalTargets {
        let mut targets = VitalTargets::default();
        for (set_at, kind, range) in &self.0 {
            if *set_at <= at.millis() {
                targets.set(*kind, *range);
            }
        }
        targets
    }
}

pub async fn target_history(db: &Db, recipient: RecipientId) -> Result<TargetHistory, DbError> {
    let rows = sqlx::query(
        "SELECT set_at, kind, low, high FROM vital_targets \
         WHERE recipient_id = $1 ORDER BY set_at, id",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let kind: String = row.try_get("kind")?;
        let kind = TargetKind::from_code(&kind).ok_or_else(|| corrupt("vital_targets.kind"))?;
        let range = TargetRange::new(kind, row.try_get("low")?, row.try_get("high")?)
            .map_err(|_| corrupt("vital_targets range"))?;
        out.push((row.try_get("set_at")?, kind, range));
    }
    Ok(TargetHistory(out))
}

/// The targets in force at `at`.
pub async fn targets_at(
    db: &Db,
    recipient: RecipientId,
    at: OccurredAt,
) -> Result<VitalTargets, DbError> {
    Ok(target_history(db, recipient).await?.at(at))
}
