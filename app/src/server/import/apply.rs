//! Writes a parsed import for one recipient, in one transaction: every item
//! goes in, or — at the first problem — nothing does. What was imported
//! before with the same content is counted as unchanged and not written
//! again.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::careplan_csv::{CsvPlan, CsvSet};
use super::fhir::{FhirAllergy, FhirPlan, FhirSet, FhirVitals};
use super::ImportProblem;
use crate::domain::care_plan::{NewCarePlan, Table1};
use crate::domain::classes::InfoClass;
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::medical::NewMedicalItem;
use crate::domain::people::Recipient;
use crate::domain::time::OccurredAt;
use crate::domain::vitals::NewVitals;
use crate::server::audit::{self, Action, Actor};
use crate::server::db::imports::{self, KeyKind};
use crate::server::db::{self, Db, DbError};
use sqlx::AnyConnection;

/// Who imports, for whom, and what they may write.
#[derive(Debug, Clone)]
pub struct Importer {
    /// For the audit log; None for the command line on the server.
    pub actor: Option<Actor>,
    /// Written as the author of items whose file names nobody we know.
    pub author: PersonId,
    /// The 事業所 imported measurements are recorded under.
    pub provider: ProviderId,
    pub recipient: RecipientId,
    /// The classes this importer may write (an API token's scope).
    pub classes: Vec<InfoClass>,
}

/// How many things of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub care_plans: u32,
    pub vital_signs: u32,
    pub medical_items: u32,
}

/// What an import did, as the CLI prints it and the API answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub created: Counts,
    pub unchanged: Counts,
    pub errors: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// The files are refused; nothing was written.
    #[error("{} problem(s) in the file(s)", .0.len())]
    Refused(Vec<ImportProblem>),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for ImportFailure {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(DbError::Sqlx(e))
    }
}

fn refused(key: &'static str, column: Option<&str>) -> ImportFailure {
    ImportFailure::Refused(vec![ImportProblem::message(None, column, key, vec![])])
}

/// Checks the importer may write `class`.
fn may_write(who: &Importer, class: InfoClass) -> Result<(), ImportFailure> {
    if who.classes.contains(&class) {
        Ok(())
    } else {
        Err(refused(class_refusal_key(class), None))
    }
}

fn class_refusal_key(class: InfoClass) -> &'static str {
    match class {
        InfoClass::Medical => "import-error-class-medical",
        InfoClass::Living => "import-error-class-living",
        InfoClass::Acp => "import-error-class-acp",
        InfoClass::Contact => "import-error-class-contact",
    }
}

/// Something created, for the audit log after the commit.
struct Created {
    kind: &'static str,
    id: String,
    class: InfoClass,
}

/// Imports a ケアプラン標準仕様 CSV set for `who.recipient`.
pub async fn csv_set(
    db: &Db,
    who: &Importer,
    set: CsvSet,
    now: DateTime<Utc>,
) -> Result<Summary, ImportFailure> {
    let recipient = db::people::get_recipient(db, who.recipient).await?;
    let insurance = imports::insurance_of(db, who.recipient).await?;
    let ours = |insurer: &str, insured: &str| {
        insurance
            .as_ref()
            .is_some_and(|(a, b)| a == insurer && b == insured)
    };
    let mut problems = Vec::new();
    for s in &set.supplements {
        if !ours(s.key.insurer(), s.key.insured()) {
            problems.push(ImportProblem::message(
                Some(s.line),
                Some("被保険者番号"),
                "import-error-not-this-recipient",
                vec![("number", s.key.insured().to_string())],
            ));
        }
    }
    for p in &set.plans {
        if !ours(p.key.insurer(), p.key.insured()) {
            problems.push(ImportProblem::message(
                None,
                Some("被保険者番号"),
                "import-error-not-this-recipient",
                vec![("number", p.key.insured().to_string())],
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportFailure::Refused(problems));
    }
    if !set.plans.is_empty() {
        may_write(who, InfoClass::Living)?;
    }
    let at = OccurredAt::from_millis(now.timestamp_millis());
    let mut summary = Summary::new("careplan-csv");
    let mut created = Vec::new();
    let mut tx = db.pool().begin().await?;
    for plan in set.plans {
        let key = plan.plan_date.format("%Y%m%d").to_string();
        if imports::seen(
            &mut tx,
            who.recipient,
            KeyKind::CarePlanCsv,
            &key,
            &plan.digest,
        )
        .await?
        {
            summary.unchanged.care_plans += 1;
            continue;
        }
        let author = imports::team_member_named(&mut tx, who.recipient, &plan.author_name)
            .await?
            .map_or(who.author, |(person, _)| person);
        let new = plan_from_csv(db, &recipient, author, at, &plan).await?;
        let stored = db::care_plan::insert_plan_in(&mut tx, &new).await?;
        imports::remember(
            &mut tx,
            who.recipient,
            KeyKind::CarePlanCsv,
            &key,
            &plan.digest,
            &stored.id.to_string(),
            at,
        )
        .await?;
        summary.created.care_plans += 1;
        created.push(Created {
            kind: "care_plan",
            id: stored.id.to_string(),
            class: new.class,
        });
    }
    tx.commit().await?;
    audit_created(db, who, at, &created).await?;
    Ok(summary)
}

/// 第3表 is not in the CSV: an imported version keeps the week, the day
/// and the other services of the version before it.
async fn plan_from_csv(
    db: &Db,
    recipient: &Recipient,
    author: PersonId,
    at: OccurredAt,
    plan: &CsvPlan,
) -> Result<NewCarePlan, ImportFailure> {
    let before = db::care_plan::latest_plan(db, recipient.id).await?;
    let (weekly, daily_activities, other_services, class) = carried_over(before);
    Ok(NewCarePlan {
        recipient: recipient.id,
        author,
        created_at: at,
        table1: plan.table1.clone(),
        needs: plan.needs.clone(),
        weekly,
        daily_activities,
        other_services,
        class,
    })
}

/// What a new version keeps of the one before it (第3表, the services
/// outside the week, the class): neither file format carries them.
fn carried_over(
    before: Option<crate::domain::care_plan::CarePlan>,
) -> (
    Vec<crate::domain::care_plan::WeeklySlot>,
    Vec<crate::domain::care_plan::DailyActivity>,
    String,
    InfoClass,
) {
    match before {
        Some(b) => (
            b.plan.weekly,
            b.plan.daily_activities,
            b.plan.other_services,
            b.plan.class,
        ),
        None => (Vec::new(), Vec::new(), String::new(), InfoClass::Living),
    }
}

/// Imports FHIR resources for `who.recipient` — only when every file is
/// about her (see `whose`).
pub async fn fhir_set(
    db: &Db,
    who: &Importer,
    set: FhirSet,
    now: DateTime<Utc>,
) -> Result<Summary, ImportFailure> {
    super::whose::check(db, who.recipient, &set.subjects).await?;
    if !set.vitals.is_empty() || !set.allergies.is_empty() {
        may_write(who, InfoClass::Medical)?;
    }
    if !set.plans.is_empty() {
        may_write(who, InfoClass::Living)?;
    }
    let recipient = db::people::get_recipient(db, who.recipient).await?;
    let at = OccurredAt::from_millis(now.timestamp_millis());
    let mut summary = Summary::new("fhir");
    let mut created = Vec::new();
    let mut tx = db.pool().begin().await?;
    for v in &set.vitals {
        if let Some(c) = vitals(&mut tx, who, v, at, &mut summary).await? {
            created.push(c);
        }
    }
    for a in &set.allergies {
        if let Some(c) = allergy(&mut tx, who, a, at, &mut summary).await? {
            created.push(c);
        }
    }
    for p in &set.plans {
        if imports::seen(&mut tx, who.recipient, KeyKind::FhirPlan, &p.key, &p.digest).await? {
            summary.unchanged.care_plans += 1;
            continue;
        }
        let new = plan_from_fhir(db, &recipient, who.author, at, p).await?;
        let stored = db::care_plan::insert_plan_in(&mut tx, &new).await?;
        let id = stored.id.to_string();
        imports::remember(
            &mut tx,
            who.recipient,
            KeyKind::FhirPlan,
            &p.key,
            &p.digest,
            &id,
            at,
        )
        .await?;
        summary.created.care_plans += 1;
        created.push(Created {
            kind: "care_plan",
            id,
            class: new.class,
        });
    }
    tx.commit().await?;
    audit_created(db, who, at, &created).await?;
    Ok(summary)
}

/// A measurement imported before with other values is refused: a
/// correction is made in Yorisoi, where the earlier values stay visible.
async fn changed_refusal(
    conn: &mut AnyConnection,
    who: &Importer,
    kind: KeyKind,
    key: &str,
) -> Result<(), ImportFailure> {
    if imports::seen_key(conn, who.recipient, kind, key).await? {
        return Err(ImportFailure::Refused(vec![ImportProblem::message(
            None,
            None,
            "import-error-changed-since",
            vec![("key", key.to_string())],
        )]));
    }
    Ok(())
}

async fn vitals(
    conn: &mut AnyConnection,
    who: &Importer,
    v: &FhirVitals,
    at: OccurredAt,
    summary: &mut Summary,
) -> Result<Option<Created>, ImportFailure> {
    if imports::seen(conn, who.recipient, KeyKind::FhirVitals, &v.key, &v.digest).await? {
        summary.unchanged.vital_signs += 1;
        return Ok(None);
    }
    changed_refusal(conn, who, KeyKind::FhirVitals, &v.key).await?;
    let new = NewVitals {
        recipient: who.recipient,
        provider: who.provider,
        measured_by: who.author,
        measured_at: v.measured_at,
        vitals: v.vitals,
        class: InfoClass::Medical,
        team_only: false,
    };
    let id = db::vitals::insert_vitals(&mut *conn, &new, at)
        .await?
        .to_string();
    imports::remember(
        conn,
        who.recipient,
        KeyKind::FhirVitals,
        &v.key,
        &v.digest,
        &id,
        at,
    )
    .await?;
    summary.created.vital_signs += 1;
    Ok(Some(Created {
        kind: "vital_signs",
        id,
        class: InfoClass::Medical,
    }))
}

async fn allergy(
    conn: &mut AnyConnection,
    who: &Importer,
    a: &FhirAllergy,
    at: OccurredAt,
    summary: &mut Summary,
) -> Result<Option<Created>, ImportFailure> {
    if imports::seen(conn, who.recipient, KeyKind::FhirAllergy, &a.key, &a.digest).await? {
        summary.unchanged.medical_items += 1;
        return Ok(None);
    }
    changed_refusal(conn, who, KeyKind::FhirAllergy, &a.key).await?;
    let new = NewMedicalItem {
        recipient: who.recipient,
        author: who.author,
        recorded_at: a.recorded_at,
        kind: a.kind,
        title: a.title.clone(),
        detail: a.detail.clone(),
        dysphagia_code: None,
        class: InfoClass::Medical,
        team_only: false,
    };
    let id = db::medical::insert_medical_item(&mut *conn, &new, at)
        .await?
        .to_string();
    imports::remember(
        conn,
        who.recipient,
        KeyKind::FhirAllergy,
        &a.key,
        &a.digest,
        &id,
        at,
    )
    .await?;
    summary.created.medical_items += 1;
    Ok(Some(Created {
        kind: "medical_item",
        id,
        class: InfoClass::Medical,
    }))
}

/// A FHIR CarePlan carries no care level and maybe no period: those come
/// from the recipient and the version before, as does 第3表.
async fn plan_from_fhir(
    db: &Db,
    recipient: &Recipient,
    author: PersonId,
    at: OccurredAt,
    p: &FhirPlan,
) -> Result<NewCarePlan, ImportFailure> {
    let before = db::care_plan::latest_plan(db, recipient.id).await?;
    let certification = match (p.period, &before) {
        (Some(period), _) => period,
        (None, Some(b)) => b.plan.table1.certification,
        (None, None) => return Err(refused("import-error-plan-period", Some("CarePlan.period"))),
    };
    let intention = match (&p.intention, &before) {
        (Some(i), _) => i.clone(),
        (None, Some(b)) => b.plan.table1.intention.clone(),
        (None, None) => {
            return Err(refused(
                "import-error-plan-intention",
                Some("CarePlan.note"),
            ))
        }
    };
    let (weekly, daily_activities, other_services, class) = carried_over(before);
    Ok(NewCarePlan {
        recipient: recipient.id,
        author,
        created_at: p.created_at.unwrap_or(at),
        table1: Table1 {
            care_level: recipient.care_level,
            certification,
            intention,
            policy: p.policy.clone(),
        },
        needs: p.needs.clone(),
        weekly,
        daily_activities,
        other_services,
        class,
    })
}

impl Summary {
    fn new(format: &'static str) -> Self {
        Self {
            format,
            created: Counts::default(),
            unchanged: Counts::default(),
            errors: Vec::new(),
        }
    }

    /// The summary of a refused import: nothing created, every problem.
    pub fn refused(format: &'static str, errors: Vec<String>) -> Self {
        Self {
            errors,
            ..Self::new(format)
        }
    }
}

async fn audit_created(
    db: &Db,
    who: &Importer,
    at: OccurredAt,
    created: &[Created],
) -> Result<(), ImportFailure> {
    for c in created {
        audit::record(
            db,
            audit::Entry {
                at,
                actor: who.actor.clone(),
                action: Action::Create,
                recipient: Some(who.recipient),
                object_kind: c.kind,
                object_id: Some(c.id.clone()),
                classes: &[c.class],
            },
        )
        .await?;
    }
    Ok(())
}
