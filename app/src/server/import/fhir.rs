//! FHIR (JP Core R4) JSON import: a Bundle of any type (collection,
//! transaction, batch, searchset, document, …) or a single resource, read
//! into vital signs, allergies and care plans — or into every problem found,
//! and nothing else. Pure: the caller writes the result in one transaction.
//!
//! What is read, and how:
//! - **Observation** (JP_Observation_VitalSigns / _BodyMeasurement): the
//!   LOINC codes in [`Sign`] plus the 85354-9 blood-pressure panel. The
//!   vital-signs panel 85353-1 and BMI 39156-5 are accepted and skipped (the
//!   panel's members are separate Observations; BMI is worked out from 体重
//!   and 身長). Units must be UCUM and exactly the one Yorisoi keeps: a value
//!   in [degF] or lb is refused, never converted. A value more precise than
//!   the domain keeps (36.85 ℃, 72.5 /min) is refused rather than rounded,
//!   because rounding would change a clinical value; 36.80 or 72.0 are the
//!   same value and pass. Observations at the same instant form one
//!   measurement session; standalone 8480-6 / 8462-4 Observations pair up
//!   like a panel's components. Other panel components (mean pressure…) are
//!   ignored.
//! - **AllergyIntolerance**: clinicalStatus inactive/resolved and
//!   verificationStatus refuted/entered-in-error are skipped (they are not
//!   facts the team should act on), not refused.
//! - **CarePlan** with its Conditions (課題) and Goals, in the Bundle or
//!   `contained`. A Goal whose `addresses` names one of the plan's
//!   Conditions is a 長期目標. A 短期目標 is linked to its 長期目標 by the
//!   R4 extension `goal-relationship`: either on the long goal with type
//!   `milestone` and the short goal as target (the R4 code whose meaning is
//!   "the target is a piece of attaining this goal"; Yorisoi exports this),
//!   or on the short goal with type `part-of` and the long goal as target
//!   (the newer extensions-pack code). A relationship wins over `addresses`,
//!   so a short goal may also address the Condition. A CarePlan with status
//!   entered-in-error is skipped. See [`EXT_SERVICE_PERIOD`] and
//!   [`EXT_INSURED`] for Yorisoi's own extensions on `activity.detail`.
//! - Patient: only its `identifier`s are read, for `apply` to check whose
//!   file it is ([`Subject`]). Practitioner, PractitionerRole,
//!   Organization, RelatedPerson, CareTeam and Composition (the head of a
//!   document Bundle) are accepted and ignored; Condition and Goal only as
//!   parts of a CarePlan.
//!
//! Keys: the first `identifier` as `system|value`, else `Type/id`, else
//! `sha256:` over the resource's canonical JSON. A measurement session made
//! of several Observations has their keys, sorted, joined by line breaks.

use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{ImportProblem, Reason};
use crate::domain::care_plan::{
    Frequency, GoalText, LongGoal, Need, NeedText, PlanIntention, PlanPolicy, ServiceContent,
    ServiceKindText, ServiceLine, ShortGoal,
};
use crate::domain::medical::{MedicalDetail, MedicalKind, MedicalTitle};
use crate::domain::time::{jst, OccurredAt, Period};
use crate::domain::validation::{Field, FieldError};
use crate::domain::vitals::{
    BloodPressure, BodyTemperature, Diastolic, Height, Pulse, RespiratoryRate, Spo2, Systolic,
    VitalSigns, Weight,
};

/// Bigger input is refused before parsing.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

pub(crate) const LOINC: &str = "http://loinc.org";
pub(crate) const UCUM: &str = "http://unitsofmeasure.org";
pub(crate) const BP_PANEL: &str = "85354-9";
const VITALS_PANEL: &str = "85353-1";
const BMI: &str = "39156-5";
/// SpO2 by pulse oximetry: read as SpO2, exported next to 2708-6.
pub(crate) const SPO2_PULSE_OXIMETRY: &str = "59408-5";
pub(crate) const GOAL_RELATIONSHIP: &str =
    "http://hl7.org/fhir/StructureDefinition/goal-relationship";
/// On `CarePlan.activity.detail`: `valuePeriod` (dates) = the 期間 of one
/// 援助内容 line. R4's `scheduled[x]` holds only one of Timing, Period or
/// string, and the 頻度 text takes it (`scheduledString`). When absent on
/// import, the line takes its 短期目標's period.
pub(crate) const EXT_SERVICE_PERIOD: &str =
    "https://yorisoi.example/fhir/StructureDefinition/service-period";
/// On `CarePlan.activity.detail`: `valueBoolean` = ※1, the line is covered
/// by 介護保険 (保険給付の対象). Absent on import means not covered.
pub(crate) const EXT_INSURED: &str =
    "https://yorisoi.example/fhir/StructureDefinition/insurance-covered";

/// Resource types a Bundle may carry that Yorisoi does not import.
const IGNORED: &[&str] = &[
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "RelatedPerson",
    "CareTeam",
    "Composition",
];

/// One vital sign as Yorisoi keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Sign {
    Temperature,
    Systolic,
    Diastolic,
    Pulse,
    Spo2,
    RespiratoryRate,
    Weight,
    Height,
}

impl Sign {
    pub(crate) const ALL: [Sign; 8] = [
        Sign::Temperature,
        Sign::Systolic,
        Sign::Diastolic,
        Sign::Pulse,
        Sign::Spo2,
        Sign::RespiratoryRate,
        Sign::Weight,
        Sign::Height,
    ];

    /// The LOINC code written on export (SpO2 also reads 59408-5).
    pub(crate) fn loinc(self) -> &'static str {
        match self {
            Sign::Temperature => "8310-5",
            Sign::Systolic => "8480-6",
            Sign::Diastolic => "8462-4",
            Sign::Pulse => "8867-4",
            Sign::Spo2 => "2708-6",
            Sign::RespiratoryRate => "9279-1",
            Sign::Weight => "29463-7",
            Sign::Height => "8302-2",
        }
    }

    pub(crate) fn loinc_display(self) -> &'static str {
        match self {
            Sign::Temperature => "Body temperature",
            Sign::Systolic => "Systolic blood pressure",
            Sign::Diastolic => "Diastolic blood pressure",
            Sign::Pulse => "Heart rate",
            Sign::Spo2 => "Oxygen saturation in Arterial blood",
            Sign::RespiratoryRate => "Respiratory rate",
            Sign::Weight => "Body weight",
            Sign::Height => "Body height",
        }
    }

    /// The UCUM code of the unit Yorisoi keeps the sign in.
    pub(crate) fn ucum(self) -> &'static str {
        match self {
            Sign::Temperature => "Cel",
            Sign::Systolic | Sign::Diastolic => "mm[Hg]",
            Sign::Pulse | Sign::RespiratoryRate => "/min",
            Sign::Spo2 => "%",
            Sign::Weight => "kg",
            Sign::Height => "cm",
        }
    }

    /// The unit as people write it (`Quantity.unit`).
    pub(crate) fn unit_display(self) -> &'static str {
        match self {
            Sign::Temperature => "℃",
            Sign::Systolic | Sign::Diastolic => "mmHg",
            Sign::Pulse | Sign::RespiratoryRate => "回/分",
            Sign::Spo2 => "%",
            Sign::Weight => "kg",
            Sign::Height => "cm",
        }
    }

    /// The selector the message files use to name the sign.
    fn message_code(self) -> &'static str {
        match self {
            Sign::Temperature => "temperature",
            Sign::Systolic => "systolic",
            Sign::Diastolic => "diastolic",
            Sign::Pulse => "pulse",
            Sign::Spo2 => "spo2",
            Sign::RespiratoryRate => "respiratory-rate",
            Sign::Weight => "weight",
            Sign::Height => "height",
        }
    }

    pub(crate) fn field(self) -> Field {
        match self {
            Sign::Temperature => Field::BodyTemperature,
            Sign::Systolic => Field::Systolic,
            Sign::Diastolic => Field::Diastolic,
            Sign::Pulse => Field::Pulse,
            Sign::Spo2 => Field::Spo2,
            Sign::RespiratoryRate => Field::RespiratoryRate,
            Sign::Weight => Field::Weight,
            Sign::Height => Field::Height,
        }
    }

    /// Kept in tenths (体温, 体重, 身長); the others are whole numbers.
    pub(crate) fn in_tenths(self) -> bool {
        matches!(self, Sign::Temperature | Sign::Weight | Sign::Height)
    }

    /// The domain's own range check.
    fn check(self, v: i64) -> Result<(), FieldError> {
        match self {
            Sign::Temperature => BodyTemperature::from_tenths(v).map(|_| ()),
            Sign::Systolic => Systolic::new(v).map(|_| ()),
            Sign::Diastolic => Diastolic::new(v).map(|_| ()),
            Sign::Pulse => Pulse::new(v).map(|_| ()),
            Sign::Spo2 => Spo2::new(v).map(|_| ()),
            Sign::RespiratoryRate => RespiratoryRate::new(v).map(|_| ()),
            Sign::Weight => Weight::from_tenths(v).map(|_| ()),
            Sign::Height => Height::from_tenths(v).map(|_| ()),
        }
    }
}

/// Every value of a session, as (sign, tenths or whole number).
pub(crate) fn sign_values(v: &VitalSigns) -> Vec<(Sign, i64)> {
    let mut out = Vec::new();
    let mut put = |s: Sign, x: Option<i64>| {
        if let Some(x) = x {
            out.push((s, x));
        }
    };
    put(
        Sign::Temperature,
        v.temperature.map(BodyTemperature::tenths),
    );
    put(
        Sign::Systolic,
        v.blood_pressure.map(BloodPressure::systolic),
    );
    put(
        Sign::Diastolic,
        v.blood_pressure.map(BloodPressure::diastolic),
    );
    put(Sign::Pulse, v.pulse.map(Pulse::value));
    put(Sign::Spo2, v.spo2.map(Spo2::value));
    put(
        Sign::RespiratoryRate,
        v.respiratory_rate.map(RespiratoryRate::value),
    );
    put(Sign::Weight, v.weight.map(Weight::tenths));
    put(Sign::Height, v.height.map(Height::tenths));
    out
}

/// What an Observation's LOINC code makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coded {
    Sign(Sign),
    BpPanel,
    /// Accepted, not imported.
    Skipped,
}

fn coded(code: &str) -> Option<Coded> {
    if code == SPO2_PULSE_OXIMETRY {
        return Some(Coded::Sign(Sign::Spo2));
    }
    if code == BP_PANEL {
        return Some(Coded::BpPanel);
    }
    if code == VITALS_PANEL || code == BMI {
        return Some(Coded::Skipped);
    }
    Sign::ALL
        .into_iter()
        .find(|s| s.loinc() == code)
        .map(Coded::Sign)
}

/// One measurement session.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirVitals {
    pub key: String,
    pub digest: String,
    pub measured_at: OccurredAt,
    pub vitals: VitalSigns,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FhirAllergy {
    pub key: String,
    pub digest: String,
    pub recorded_at: OccurredAt,
    /// Allergy, or DrugContraindication when the category is medication.
    pub kind: MedicalKind,
    pub title: MedicalTitle,
    pub detail: MedicalDetail,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FhirPlan {
    pub key: String,
    pub digest: String,
    pub created_at: Option<OccurredAt>,
    pub intention: Option<PlanIntention>,
    pub policy: PlanPolicy,
    /// `CarePlan.period` (Yorisoi exports the 認定の有効期間 there).
    pub period: Option<Period>,
    pub needs: Vec<Need>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FhirSet {
    /// In time order.
    pub vitals: Vec<FhirVitals>,
    /// In file order, as the rest.
    pub allergies: Vec<FhirAllergy>,
    pub plans: Vec<FhirPlan>,
    /// Whom each file read is about; `apply` checks it is the recipient.
    pub subjects: Vec<Subject>,
}

/// Whom one file is about: its Patient, if it has one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subject {
    /// The file's name, when the import names its files.
    pub file: Option<String>,
    pub patient: Option<FhirPatient>,
}

/// A file's Patient as far as the check of whose file it is needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FhirPatient {
    /// Its Bundle entry (from 1); None for a lone Patient resource.
    pub row: Option<usize>,
    pub identifiers: Vec<FileIdentifier>,
}

/// One `Patient.identifier` as the file writes it; either part may be
/// missing (or not a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIdentifier {
    pub system: Option<String>,
    pub value: Option<String>,
}

/// A Bundle (any type) or one resource. Any problem => Err with every
/// problem found; nothing is returned then.
pub fn parse(bytes: &[u8], now: DateTime<Utc>) -> Result<FhirSet, Vec<ImportProblem>> {
    let root = read_json(bytes)?;
    let (entries, mut problems) = entries(&root)?;
    problems.extend(one_person(&entries));
    let subject = Subject {
        file: None,
        patient: patient(&entries),
    };
    let mut parser = Parser::new(entries, problems, now);
    let set = parser.run();
    if parser.problems.is_empty() {
        Ok(FhirSet {
            subjects: vec![subject],
            ..set
        })
    } else {
        Err(parser.problems)
    }
}

/// The file's Patient (`one_person` refuses a second one).
fn patient(entries: &[Entry]) -> Option<FhirPatient> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    entries
        .iter()
        .find(|e| e.rtype == "Patient")
        .map(|e| FhirPatient {
            row: e.row,
            identifiers: arr(e.res, "identifier")
                .map(|i| FileIdentifier {
                    system: text(i, "system"),
                    value: text(i, "value"),
                })
                .collect(),
        })
}

fn whole(key: &'static str, args: Vec<(&'static str, String)>) -> Vec<ImportProblem> {
    vec![ImportProblem::message(None, None, key, args)]
}

fn msg(
    row: Option<usize>,
    column: &str,
    key: &'static str,
    args: Vec<(&'static str, String)>,
) -> ImportProblem {
    ImportProblem::message(row, Some(column), key, args)
}

fn read_json(bytes: &[u8]) -> Result<Value, Vec<ImportProblem>> {
    if bytes.len() > MAX_BYTES {
        return Err(whole(
            "import-fhir-too-big",
            vec![("max", (MAX_BYTES / (1024 * 1024)).to_string())],
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        whole(
            "import-fhir-not-utf8",
            vec![("byte", (e.valid_up_to() + 1).to_string())],
        )
    })?;
    // Windows editors may save UTF-8 with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        whole(
            "import-fhir-not-json",
            vec![
                ("line", e.line().to_string()),
                ("column", e.column().to_string()),
            ],
        )
    })
}

/// One resource to read, where it sits in the file.
#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    /// The Bundle entry from 1; None for a lone resource.
    row: Option<usize>,
    full_url: Option<&'a str>,
    rtype: &'a str,
    res: &'a Value,
}

type Entries<'a> = (Vec<Entry<'a>>, Vec<ImportProblem>);

fn entries(root: &Value) -> Result<Entries<'_>, Vec<ImportProblem>> {
    if !root.is_object() {
        return Err(whole("import-fhir-not-object", vec![]));
    }
    let Some(rtype) = root.get("resourceType").and_then(Value::as_str) else {
        return Err(whole("import-fhir-no-resource-type", vec![]));
    };
    if rtype != "Bundle" {
        let one = Entry {
            row: None,
            full_url: None,
            rtype,
            res: root,
        };
        return Ok((vec![one], vec![]));
    }
    let list = match root.get("entry") {
        None | Some(Value::Null) => return Ok((vec![], vec![])),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(vec![msg(
                None,
                "Bundle.entry",
                "import-fhir-bad-shape",
                vec![],
            )])
        }
    };
    let mut out = Vec::with_capacity(list.len());
    let mut problems = Vec::new();
    for (i, e) in list.iter().enumerate() {
        let row = Some(i + 1);
        let Some(res) = e.get("resource").filter(|r| r.is_object()) else {
            problems.push(msg(
                row,
                "Bundle.entry.resource",
                "import-fhir-no-resource",
                vec![],
            ));
            continue;
        };
        let Some(rtype) = res.get("resourceType").and_then(Value::as_str) else {
            problems.push(msg(
                row,
                "Bundle.entry.resource.resourceType",
                "import-fhir-no-resource-type",
                vec![],
            ));
            continue;
        };
        out.push(Entry {
            row,
            full_url: e.get("fullUrl").and_then(Value::as_str),
            rtype,
            res,
        });
    }
    Ok((out, problems))
}

/// Where a resource names the person it is about.
fn person_field(rtype: &str) -> Option<&'static str> {
    match rtype {
        "Observation" | "CarePlan" | "Condition" | "Goal" => Some("subject"),
        "AllergyIntolerance" => Some("patient"),
        _ => None,
    }
}

/// One import is about one person: everything it carries must name the
/// same person, and the Bundle's Patient when it has one. (Which of our
/// recipients that is, the caller says; a file mixing two people would
/// put one person's allergy into another's record.)
fn one_person(entries: &[Entry]) -> Vec<ImportProblem> {
    let mut problems = Vec::new();
    let patients: Vec<&Entry> = entries.iter().filter(|e| e.rtype == "Patient").collect();
    for extra in patients.iter().skip(1) {
        problems.push(msg(extra.row, "Patient", "import-fhir-two-people", vec![]));
    }
    // A reference names the Patient by its fullUrl or as `Patient/{id}`
    // (relative, or at the end of an absolute address).
    let is_patient = |reference: &str| match patients.first() {
        None => false,
        Some(p) => {
            p.full_url == Some(reference)
                || p.res
                    .get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| reference.ends_with(&format!("Patient/{id}")))
        }
    };
    let mut first: Option<&str> = None;
    for e in entries {
        let Some(field) = person_field(e.rtype) else {
            continue;
        };
        let Some(reference) = e
            .res
            .get(field)
            .and_then(|s| s.get("reference"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        // With a Patient, each must name it; without, all the same one.
        let same = match patients.first() {
            Some(_) => is_patient(reference),
            None => first.is_none_or(|f| f == reference),
        };
        if !same {
            let column = format!("{}.{field}", e.rtype);
            problems.push(msg(e.row, &column, "import-fhir-two-people", vec![]));
        } else {
            first = Some(reference);
        }
    }
    problems
}

// ---- small readers that never panic on any JSON ----

fn arr<'v>(v: &'v Value, key: &str) -> std::slice::Iter<'v, Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter())
        .unwrap_or_default()
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn codings(concept: Option<&Value>) -> std::slice::Iter<'_, Value> {
    concept.map(|c| arr(c, "coding")).unwrap_or_default()
}

fn codes(concept: Option<&Value>) -> impl Iterator<Item = &str> {
    codings(concept).filter_map(|c| c.get("code").and_then(Value::as_str))
}

/// A CodeableConcept's words: its text, else its first coding's display.
fn concept_text(concept: Option<&Value>) -> Option<&str> {
    let concept = concept?;
    let text = concept
        .get("text")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty());
    text.or_else(|| {
        codings(Some(concept))
            .next()
            .and_then(|c| c.get("display"))
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
    })
}

fn extension<'v>(v: &'v Value, url: &str) -> Option<&'v Value> {
    arr(v, "extension").find(|x| x.get("url").and_then(Value::as_str) == Some(url))
}

fn shown(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    }
}

/// A dateTime with its time and offset: what a measurement needs.
fn instant(s: &str) -> Result<DateTime<Utc>, &'static str> {
    if let Ok(at) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(at.with_timezone(&Utc));
    }
    let b = s.trim().as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let partial = (b.len() == 4 && digits(0..4))
        || (b.len() == 7 && digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7));
    if partial || NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_ok() {
        Err("import-fhir-date-only")
    } else {
        Err("import-fhir-bad-datetime")
    }
}

fn jst_midnight(d: NaiveDate) -> Option<DateTime<Utc>> {
    d.and_hms_opt(0, 0, 0)
        .and_then(|n| jst().from_local_datetime(&n).single())
        .map(|d| d.with_timezone(&Utc))
}

/// A FHIR date or dateTime; a date alone means 00:00 in Japan.
fn moment(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => jst_midnight(d),
        Err(_) => DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc)),
    }
}

/// A FHIR date, or the day in Japan of a dateTime.
fn day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&jst()).date_naive())
    })
}

/// Object keys sorted, no spaces: the same content gives the same text
/// whatever order the sender wrote it in.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (n, k) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = map.get(k) {
                    canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (n, x) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn digest_of(v: &Value) -> String {
    let mut text = String::new();
    canonical(v, &mut text);
    sha256_hex(text.as_bytes())
}

/// The import identity of a resource.
fn key_of(r: &Value, rtype: &str) -> String {
    if let Some(first) = arr(r, "identifier").next() {
        let value = str_of(first, "value").trim();
        if !value.is_empty() {
            return format!("{}|{value}", str_of(first, "system").trim());
        }
    }
    let id = str_of(r, "id").trim();
    if !id.is_empty() {
        return format!("{rtype}/{id}");
    }
    format!("sha256:{}", digest_of(r))
}

// ---- the parser ----

/// A resource found by following a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Node {
    Entry(usize),
    /// Index in the CarePlan's `contained`.
    Contained(usize),
}

#[derive(Debug, Clone)]
struct Found<'a> {
    node: Node,
    res: &'a Value,
    rtype: &'a str,
    row: Option<usize>,
    /// How problems name it: `Goal` or `CarePlan.contained[2]`.
    path: String,
}

#[derive(Debug, Clone, Copy)]
struct Contained<'a> {
    id: &'a str,
    rtype: &'a str,
    res: &'a Value,
}

/// Where references are followed from: a CarePlan's contained resources
/// are visible only from inside it.
#[derive(Debug, Default)]
struct Scope<'a> {
    row: Option<usize>,
    contained: Vec<Contained<'a>>,
}

/// One Observation, read.
struct Obs {
    row: Option<usize>,
    key: String,
    at: OccurredAt,
    values: Vec<(Sign, i64)>,
    /// Blood pressure from a panel's components (where problems point).
    panel: bool,
}

struct PoolGoal<'a> {
    found: Found<'a>,
    addresses: Vec<Node>,
    part_of: Vec<Node>,
    milestones: Vec<Node>,
}

struct Parser<'a> {
    entries: Vec<Entry<'a>>,
    by_url: HashMap<&'a str, usize>,
    by_type_id: HashMap<String, usize>,
    now: DateTime<Utc>,
    problems: Vec<ImportProblem>,
    /// Conditions and Goals some CarePlan used.
    used: HashSet<usize>,
}

impl<'a> Parser<'a> {
    fn new(entries: Vec<Entry<'a>>, problems: Vec<ImportProblem>, now: DateTime<Utc>) -> Self {
        let mut by_url = HashMap::new();
        let mut by_type_id = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(url) = e.full_url.filter(|u| !u.is_empty()) {
                by_url.entry(url).or_insert(i);
            }
            let id = str_of(e.res, "id");
            if !id.is_empty() {
                by_type_id.entry(format!("{}/{id}", e.rtype)).or_insert(i);
            }
        }
        Self {
            entries,
            by_url,
            by_type_id,
            now,
            problems,
            used: HashSet::new(),
        }
    }

    fn push(&mut self, p: ImportProblem) {
        self.problems.push(p);
    }

    /// Keeps a domain value, or records its error at `column`.
    fn check<T>(
        &mut self,
        row: Option<usize>,
        column: &str,
        r: Result<T, FieldError>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(ImportProblem::new(row, Some(column), Reason::Field(e)));
                None
            }
        }
    }

    fn run(&mut self) -> FhirSet {
        let mut observations = Vec::new();
        let mut allergies = Vec::new();
        let mut plans = Vec::new();
        for i in 0..self.entries.len() {
            let Some(e) = self.entries.get(i).copied() else {
                continue;
            };
            match e.rtype {
                "Observation" => observations.extend(self.observation(e)),
                "AllergyIntolerance" => allergies.extend(self.allergy(e).map(|a| (e.row, a))),
                "CarePlan" => plans.extend(self.care_plan(e).map(|p| (e.row, p))),
                "Condition" | "Goal" => {}
                t if IGNORED.contains(&t) => {}
                t => self.push(msg(
                    e.row,
                    "resourceType",
                    "import-fhir-unsupported-type",
                    vec![("type", t.to_string())],
                )),
            }
        }
        for i in 0..self.entries.len() {
            let Some(e) = self.entries.get(i).copied() else {
                continue;
            };
            if matches!(e.rtype, "Condition" | "Goal") && !self.used.contains(&i) {
                self.push(msg(
                    e.row,
                    e.rtype,
                    "import-fhir-unused-part",
                    vec![("type", e.rtype.to_string())],
                ));
            }
        }
        self.unique(observations.iter().map(|o| (o.row, o.key.as_str())));
        self.unique(allergies.iter().map(|(row, a)| (*row, a.key.as_str())));
        self.unique(plans.iter().map(|(row, p)| (*row, p.key.as_str())));
        let vitals = self.sessions(observations);
        FhirSet {
            vitals,
            allergies: allergies.into_iter().map(|(_, a)| a).collect(),
            plans: plans.into_iter().map(|(_, p)| p).collect(),
            subjects: Vec::new(),
        }
    }

    /// The same resource twice in one file would make "import again
    /// changes nothing" ambiguous.
    fn unique<'k>(&mut self, keys: impl Iterator<Item = (Option<usize>, &'k str)>) {
        let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
        let mut found = Vec::new();
        for (row, key) in keys {
            match seen.get(key) {
                Some(first) => found.push(msg(
                    row,
                    "identifier",
                    "import-fhir-duplicate",
                    vec![("first", first.map(|r| r.to_string()).unwrap_or_default())],
                )),
                None => {
                    seen.insert(key, row);
                }
            }
        }
        self.problems.extend(found);
    }

    fn resolve(&self, scope: &Scope<'a>, reference: &'a Value) -> Option<Found<'a>> {
        let r = reference.get("reference").and_then(Value::as_str)?.trim();
        if let Some(id) = r.strip_prefix('#') {
            let (k, c) = scope
                .contained
                .iter()
                .enumerate()
                .find(|(_, c)| c.id == id)?;
            return Some(Found {
                node: Node::Contained(k),
                res: c.res,
                rtype: c.rtype,
                row: scope.row,
                path: format!("CarePlan.contained[{k}]"),
            });
        }
        let i = match self.by_url.get(r) {
            Some(i) => *i,
            None => {
                // `Condition/1`, or a server URL ending in it.
                let r = r.split("/_history/").next().unwrap_or(r);
                let mut parts = r.rsplit('/');
                let id = parts.next()?;
                let rtype = parts.next()?;
                *self.by_type_id.get(&format!("{rtype}/{id}"))?
            }
        };
        let e = self.entries.get(i)?;
        Some(Found {
            node: Node::Entry(i),
            res: e.res,
            rtype: e.rtype,
            row: e.row,
            path: e.rtype.to_string(),
        })
    }

    /// Follows a reference that must lead to `expected`, or says why not.
    fn follow(
        &mut self,
        scope: &Scope<'a>,
        reference: &'a Value,
        column: &str,
        expected: &str,
    ) -> Option<Found<'a>> {
        let shown_ref = reference
            .get("reference")
            .or_else(|| reference.get("display"))
            .map(shown)
            .unwrap_or_default();
        match self.resolve(scope, reference) {
            None => {
                self.push(msg(
                    scope.row,
                    column,
                    "import-fhir-unresolved-reference",
                    vec![("reference", shown_ref)],
                ));
                None
            }
            Some(f) if f.rtype != expected => {
                self.push(msg(
                    scope.row,
                    column,
                    "import-fhir-wrong-reference-type",
                    vec![
                        ("reference", shown_ref),
                        ("found", f.rtype.to_string()),
                        ("expected", expected.to_string()),
                    ],
                ));
                None
            }
            Some(f) => Some(f),
        }
    }

    fn mark_used(&mut self, node: Node) {
        if let Node::Entry(i) = node {
            self.used.insert(i);
        }
    }

    // ---- Observation ----

    fn observation(&mut self, e: Entry<'a>) -> Option<Obs> {
        let (r, row) = (e.res, e.row);
        let before = self.problems.len();
        let kind = self.loinc(row, r.get("code"), "Observation.code.coding")?;
        if kind == Coded::Skipped {
            return None;
        }
        match r.get("status").and_then(Value::as_str) {
            Some("final" | "amended" | "corrected") => {}
            None => self.push(msg(
                row,
                "Observation.status",
                "import-fhir-no-status",
                vec![],
            )),
            Some(other) => self.push(msg(
                row,
                "Observation.status",
                "import-fhir-bad-status",
                vec![("status", other.to_string())],
            )),
        }
        let at = self.effective(row, r);
        let values = match kind {
            Coded::Sign(s) => self
                .quantity(row, r.get("valueQuantity"), "Observation.valueQuantity", s)
                .map(|v| vec![(s, v)]),
            Coded::BpPanel => self.bp_components(row, r),
            Coded::Skipped => None,
        };
        let (at, values) = (at?, values?);
        if self.problems.len() > before {
            return None;
        }
        Some(Obs {
            row,
            key: key_of(r, "Observation"),
            at,
            values,
            panel: kind == Coded::BpPanel,
        })
    }

    fn loinc(&mut self, row: Option<usize>, code: Option<&Value>, column: &str) -> Option<Coded> {
        let loinc: Vec<&str> = codings(code)
            .filter(|c| c.get("system").and_then(Value::as_str) == Some(LOINC))
            .filter_map(|c| c.get("code").and_then(Value::as_str))
            .collect();
        if loinc.is_empty() {
            self.push(msg(row, column, "import-fhir-no-loinc", vec![]));
            return None;
        }
        let known: Vec<Coded> = loinc.iter().filter_map(|c| coded(c)).collect();
        let Some(first) = known.first().copied() else {
            self.push(msg(
                row,
                column,
                "import-fhir-unknown-loinc",
                vec![("code", loinc.join("、"))],
            ));
            return None;
        };
        if known.iter().any(|k| *k != first) {
            self.push(msg(
                row,
                column,
                "import-fhir-ambiguous-loinc",
                vec![("codes", loinc.join("、"))],
            ));
            return None;
        }
        Some(first)
    }

    fn effective(&mut self, row: Option<usize>, r: &Value) -> Option<OccurredAt> {
        let (raw, column) = if let Some(v) = r.get("effectiveDateTime") {
            (v, "Observation.effectiveDateTime")
        } else if let Some(v) = r.get("effectiveInstant") {
            (v, "Observation.effectiveInstant")
        } else if let Some(v) = r.get("effectivePeriod").and_then(|p| p.get("start")) {
            (v, "Observation.effectivePeriod.start")
        } else {
            self.push(msg(
                row,
                "Observation.effectiveDateTime",
                "import-fhir-no-effective",
                vec![],
            ));
            return None;
        };
        let parsed = match raw.as_str() {
            Some(s) => instant(s),
            None => Err("import-fhir-bad-datetime"),
        };
        match parsed {
            Ok(at) => self.check(row, column, OccurredAt::parse(at, self.now)),
            Err(key) => {
                self.push(msg(row, column, key, vec![("value", shown(raw))]));
                None
            }
        }
    }

    /// A Quantity in the sign's UCUM unit, as the domain keeps it.
    fn quantity(
        &mut self,
        row: Option<usize>,
        q: Option<&Value>,
        path: &str,
        sign: Sign,
    ) -> Option<i64> {
        let Some(q) = q.filter(|q| q.is_object()) else {
            self.push(msg(row, path, "import-fhir-no-value", vec![]));
            return None;
        };
        if let Some(c) = q.get("comparator") {
            self.push(msg(
                row,
                &format!("{path}.comparator"),
                "import-fhir-comparator",
                vec![("comparator", shown(c))],
            ));
            return None;
        }
        if q.get("system").and_then(Value::as_str) != Some(UCUM) {
            self.push(msg(
                row,
                &format!("{path}.system"),
                "import-fhir-wrong-system",
                vec![],
            ));
            return None;
        }
        if q.get("code").and_then(Value::as_str) != Some(sign.ucum()) {
            self.push(msg(
                row,
                &format!("{path}.code"),
                "import-fhir-wrong-unit",
                vec![
                    ("sign", sign.message_code().to_string()),
                    ("unit", sign.ucum().to_string()),
                ],
            ));
            return None;
        }
        let column = format!("{path}.value");
        let x = match q.get("value") {
            None | Some(Value::Null) => {
                self.push(msg(row, &column, "import-fhir-no-value", vec![]));
                return None;
            }
            Some(v) => match v.as_f64() {
                Some(x) => x,
                None => {
                    self.push(msg(row, &column, "import-fhir-not-a-number", vec![]));
                    return None;
                }
            },
        };
        let scaled = if sign.in_tenths() { x * 10.0 } else { x };
        let n = scaled.round();
        if (scaled - n).abs() > 1e-6 {
            let key = if sign.in_tenths() {
                "import-fhir-too-precise"
            } else {
                "import-fhir-not-whole"
            };
            let value = q.get("value").map(shown).unwrap_or_default();
            self.push(msg(
                row,
                &column,
                key,
                vec![("sign", sign.message_code().to_string()), ("value", value)],
            ));
            return None;
        }
        // Far beyond any range: clamped so the domain's check reports it.
        let n = n.clamp(-1e12, 1e12) as i64;
        self.check(row, &column, sign.check(n)).map(|()| n)
    }

    fn bp_components(&mut self, row: Option<usize>, r: &Value) -> Option<Vec<(Sign, i64)>> {
        // Some(None): the component is there but its value was refused.
        let mut systolic: Option<Option<i64>> = None;
        let mut diastolic: Option<Option<i64>> = None;
        let mut ok = true;
        for (j, c) in arr(r, "component").enumerate() {
            let which = codings(c.get("code"))
                .filter(|x| x.get("system").and_then(Value::as_str) == Some(LOINC))
                .filter_map(|x| x.get("code").and_then(Value::as_str))
                .find_map(|code| match code {
                    "8480-6" => Some(Sign::Systolic),
                    "8462-4" => Some(Sign::Diastolic),
                    _ => None,
                });
            let Some(sign) = which else {
                continue;
            };
            let seen = if sign == Sign::Systolic {
                systolic.is_some()
            } else {
                diastolic.is_some()
            };
            if seen {
                self.push(msg(
                    row,
                    &format!("Observation.component[{j}].code"),
                    "import-fhir-same-sign-twice",
                    vec![("sign", sign.message_code().to_string())],
                ));
                ok = false;
                continue;
            }
            let v = self.quantity(
                row,
                c.get("valueQuantity"),
                &format!("Observation.component[{j}].valueQuantity"),
                sign,
            );
            if sign == Sign::Systolic {
                systolic = Some(v);
            } else {
                diastolic = Some(v);
            }
        }
        for (slot, sign) in [(systolic, Sign::Systolic), (diastolic, Sign::Diastolic)] {
            if slot.is_none() {
                self.push(msg(
                    row,
                    "Observation.component",
                    "import-fhir-half-bp",
                    vec![("sign", sign.message_code().to_string())],
                ));
                ok = false;
            }
        }
        match (systolic.flatten(), diastolic.flatten()) {
            (Some(s), Some(d)) if ok => Some(vec![(Sign::Systolic, s), (Sign::Diastolic, d)]),
            _ => None,
        }
    }

    /// Observations at the same instant are one measurement session.
    fn sessions(&mut self, observations: Vec<Obs>) -> Vec<FhirVitals> {
        let mut by_at: BTreeMap<OccurredAt, Vec<Obs>> = BTreeMap::new();
        for o in observations {
            by_at.entry(o.at).or_default().push(o);
        }
        let mut out = Vec::with_capacity(by_at.len());
        for (at, group) in by_at {
            let mut values: HashMap<Sign, (i64, Option<usize>, &'static str)> = HashMap::new();
            let mut ok = true;
            for o in &group {
                let column = if o.panel {
                    "Observation.component"
                } else {
                    "Observation.valueQuantity"
                };
                for &(sign, v) in &o.values {
                    match values.entry(sign) {
                        Slot::Vacant(slot) => {
                            slot.insert((v, o.row, column));
                        }
                        Slot::Occupied(_) => {
                            self.push(msg(
                                o.row,
                                "Observation.code",
                                "import-fhir-same-sign-twice",
                                vec![("sign", sign.message_code().to_string())],
                            ));
                            ok = false;
                        }
                    }
                }
            }
            let get = |s: Sign| values.get(&s).map(|(v, _, _)| *v);
            let blood_pressure = match (
                values.get(&Sign::Systolic).copied(),
                values.get(&Sign::Diastolic).copied(),
            ) {
                (None, None) => None,
                (Some((s, _, _)), Some((d, row, column))) => {
                    let pair = Systolic::new(s)
                        .and_then(|s| Diastolic::new(d).and_then(|d| BloodPressure::pair(s, d)));
                    let bp = self.check(row, column, pair);
                    ok &= bp.is_some();
                    bp
                }
                (Some((_, row, _)), None) | (None, Some((_, row, _))) => {
                    let missing = if get(Sign::Systolic).is_some() {
                        Sign::Diastolic
                    } else {
                        Sign::Systolic
                    };
                    self.push(msg(
                        row,
                        "Observation.code",
                        "import-fhir-half-bp",
                        vec![("sign", missing.message_code().to_string())],
                    ));
                    ok = false;
                    None
                }
            };
            if !ok {
                continue;
            }
            // Every value passed its range check when it was read.
            let vitals = VitalSigns {
                temperature: get(Sign::Temperature)
                    .and_then(|v| BodyTemperature::from_tenths(v).ok()),
                blood_pressure,
                pulse: get(Sign::Pulse).and_then(|v| Pulse::new(v).ok()),
                spo2: get(Sign::Spo2).and_then(|v| Spo2::new(v).ok()),
                respiratory_rate: get(Sign::RespiratoryRate)
                    .and_then(|v| RespiratoryRate::new(v).ok()),
                weight: get(Sign::Weight).and_then(|v| Weight::from_tenths(v).ok()),
                height: get(Sign::Height).and_then(|v| Height::from_tenths(v).ok()),
            };
            let mut keys: Vec<&str> = group.iter().map(|o| o.key.as_str()).collect();
            keys.sort_unstable();
            let mut content = json!({ "type": "vitals", "measured_at": at.millis() });
            for (sign, v) in sign_values(&vitals) {
                content[sign.message_code()] = json!(v);
            }
            out.push(FhirVitals {
                key: keys.join("\n"),
                digest: digest_of(&content),
                measured_at: at,
                vitals,
            });
        }
        out
    }

    // ---- AllergyIntolerance ----

    fn allergy(&mut self, e: Entry<'a>) -> Option<FhirAllergy> {
        let (r, row) = (e.res, e.row);
        let inactive = codes(r.get("clinicalStatus")).any(|c| matches!(c, "inactive" | "resolved"));
        let refuted =
            codes(r.get("verificationStatus")).any(|c| matches!(c, "refuted" | "entered-in-error"));
        if inactive || refuted {
            return None;
        }
        let title = MedicalTitle::parse(concept_text(r.get("code")).unwrap_or(""));
        let title = self.check(row, "AllergyIntolerance.code.text", title);
        let medication = arr(r, "category").any(|c| c.as_str() == Some("medication"));
        let kind = if medication {
            MedicalKind::DrugContraindication
        } else {
            MedicalKind::Allergy
        };
        let mut lines = Vec::new();
        for reaction in arr(r, "reaction") {
            let words: Vec<&str> = arr(reaction, "manifestation")
                .filter_map(|m| concept_text(Some(m)))
                .map(str::trim)
                .collect();
            if !words.is_empty() {
                lines.push(words.join("、"));
            }
        }
        for note in arr(r, "note") {
            let text = str_of(note, "text").trim();
            if !text.is_empty() {
                lines.push(text.to_string());
            }
        }
        let detail = self.check(
            row,
            "AllergyIntolerance.note.text",
            MedicalDetail::parse(&lines.join("\n")),
        );
        let recorded_at = self.recorded(row, r);
        let (title, detail, recorded_at) = (title?, detail?, recorded_at?);
        let digest = digest_of(&json!({
            "type": "allergy",
            "recorded_at": recorded_at.millis(),
            "kind": kind.code(),
            "title": title.as_str(),
            "detail": detail.as_str(),
        }));
        Some(FhirAllergy {
            key: key_of(r, "AllergyIntolerance"),
            digest,
            recorded_at,
            kind,
            title,
            detail,
        })
    }

    fn recorded(&mut self, row: Option<usize>, r: &Value) -> Option<OccurredAt> {
        let found = [
            ("recordedDate", "AllergyIntolerance.recordedDate"),
            ("onsetDateTime", "AllergyIntolerance.onsetDateTime"),
        ]
        .into_iter()
        .find_map(|(key, column)| r.get(key).map(|v| (v, column)));
        let Some((raw, column)) = found else {
            self.push(msg(
                row,
                "AllergyIntolerance.recordedDate",
                "import-fhir-no-recorded-date",
                vec![],
            ));
            return None;
        };
        self.moment_at(row, raw, column)
    }

    /// A date or dateTime that must not be in the future.
    fn moment_at(&mut self, row: Option<usize>, raw: &Value, column: &str) -> Option<OccurredAt> {
        match raw.as_str().and_then(moment) {
            Some(at) => self.check(row, column, OccurredAt::parse(at, self.now)),
            None => {
                self.push(msg(
                    row,
                    column,
                    "import-fhir-bad-date",
                    vec![("value", shown(raw))],
                ));
                None
            }
        }
    }

    fn date_at(
        &mut self,
        row: Option<usize>,
        raw: Option<&Value>,
        column: &str,
        missing: &'static str,
    ) -> Option<NaiveDate> {
        let raw = match raw {
            None | Some(Value::Null) => {
                self.push(msg(row, column, missing, vec![]));
                return None;
            }
            Some(v) => v,
        };
        let d = raw.as_str().and_then(day);
        if d.is_none() {
            self.push(msg(
                row,
                column,
                "import-fhir-bad-date",
                vec![("value", shown(raw))],
            ));
        }
        d
    }

    /// A FHIR Period with both ends. `field` names a reversed period; None
    /// says it in words of its own (no app field fits a service's period).
    fn period(
        &mut self,
        row: Option<usize>,
        v: &Value,
        path: &str,
        field: Option<Field>,
    ) -> Option<Period> {
        let (start, end) = (v.get("start"), v.get("end"));
        if start.is_none() || end.is_none() || !v.is_object() {
            self.push(msg(row, path, "import-fhir-period-incomplete", vec![]));
            return None;
        }
        let from = self.date_at(
            row,
            start,
            &format!("{path}.start"),
            "import-fhir-period-incomplete",
        );
        let to = self.date_at(
            row,
            end,
            &format!("{path}.end"),
            "import-fhir-period-incomplete",
        );
        let (from, to) = (from?, to?);
        match field {
            Some(field) => self.check(row, path, Period::parse(field, from, to)),
            None => match Period::parse(Field::GoalPeriod, from, to) {
                Ok(p) => Some(p),
                Err(_) => {
                    self.push(msg(row, path, "import-fhir-period-reversed", vec![]));
                    None
                }
            },
        }
    }

    // ---- CarePlan ----

    fn care_plan(&mut self, e: Entry<'a>) -> Option<FhirPlan> {
        let (r, row) = (e.res, e.row);
        if str_of(r, "status") == "entered-in-error" {
            return None;
        }
        let before = self.problems.len();
        let scope = Scope {
            row,
            contained: arr(r, "contained")
                .filter_map(|c| {
                    Some(Contained {
                        id: c.get("id").and_then(Value::as_str)?,
                        rtype: c.get("resourceType").and_then(Value::as_str)?,
                        res: c,
                    })
                })
                .collect(),
        };
        let policy = self.check(
            row,
            "CarePlan.description",
            PlanPolicy::parse(str_of(r, "description")),
        );
        let intention = arr(r, "note")
            .next()
            .map(|n| str_of(n, "text"))
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.check(row, "CarePlan.note.text", PlanIntention::parse(t)));
        let period = r
            .get("period")
            .map(|p| self.period(row, p, "CarePlan.period", Some(Field::CertificationPeriod)));
        let created_at = r
            .get("created")
            .map(|c| self.moment_at(row, c, "CarePlan.created"));
        let conditions = self.conditions(&scope, r);
        let needs = self.goal_tree(&scope, r, &conditions);
        if self.problems.len() > before {
            return None;
        }
        let (Some(policy), Some(needs)) = (policy, needs) else {
            return None;
        };
        let intention = intention.flatten();
        let period = period.flatten();
        let created_at = created_at.flatten();
        let digest = digest_of(&json!({
            "type": "care_plan",
            "created_at": created_at.map(OccurredAt::millis),
            "intention": intention.as_ref().map(PlanIntention::as_str),
            "policy": policy.as_str(),
            "period": period.map(|p| [p.from().to_string(), p.to().to_string()]),
            "needs": serde_json::to_value(&needs).unwrap_or(Value::Null),
        }));
        Some(FhirPlan {
            key: key_of(r, "CarePlan"),
            digest,
            created_at,
            intention,
            policy,
            period,
            needs,
        })
    }

    /// `CarePlan.addresses`: one 課題 per Condition, in order.
    fn conditions(&mut self, scope: &Scope<'a>, r: &'a Value) -> Vec<(Node, Option<NeedText>)> {
        let mut out: Vec<(Node, Option<NeedText>)> = Vec::new();
        for a in arr(r, "addresses") {
            let Some(f) = self.follow(scope, a, "CarePlan.addresses", "Condition") else {
                continue;
            };
            self.mark_used(f.node);
            if out.iter().any(|(n, _)| *n == f.node) {
                continue;
            }
            let need = NeedText::parse(concept_text(f.res.get("code")).unwrap_or(""));
            let need = self.check(f.row, &format!("{}.code.text", f.path), need);
            out.push((f.node, need));
        }
        out
    }

    /// Every Goal the plan may use: those it lists, then its contained
    /// ones, then the Bundle's.
    fn goal_pool(&mut self, scope: &Scope<'a>, r: &'a Value) -> (Vec<PoolGoal<'a>>, Vec<Node>) {
        let mut found: Vec<Found<'a>> = Vec::new();
        let mut listed = Vec::new();
        for g in arr(r, "goal") {
            if let Some(f) = self.follow(scope, g, "CarePlan.goal", "Goal") {
                // Used even when it fits nowhere: that problem is told once.
                self.mark_used(f.node);
                listed.push(f.node);
                if !found.iter().any(|x| x.node == f.node) {
                    found.push(f);
                }
            }
        }
        for (k, c) in scope.contained.iter().enumerate() {
            let node = Node::Contained(k);
            if c.rtype == "Goal" && !found.iter().any(|x| x.node == node) {
                found.push(Found {
                    node,
                    res: c.res,
                    rtype: c.rtype,
                    row: scope.row,
                    path: format!("CarePlan.contained[{k}]"),
                });
            }
        }
        for (i, e) in self.entries.iter().enumerate() {
            let node = Node::Entry(i);
            if e.rtype == "Goal" && !found.iter().any(|x| x.node == node) {
                found.push(Found {
                    node,
                    res: e.res,
                    rtype: e.rtype,
                    row: e.row,
                    path: e.rtype.to_string(),
                });
            }
        }
        let empty = Scope::default();
        let pool = found
            .into_iter()
            .map(|f| {
                // Inside a contained Goal, `#id` means the plan's contained.
                let from = if matches!(f.node, Node::Contained(_)) {
                    scope
                } else {
                    &empty
                };
                let addresses = arr(f.res, "addresses")
                    .filter_map(|a| self.resolve(from, a))
                    .map(|x| x.node)
                    .collect();
                let mut part_of = Vec::new();
                let mut milestones = Vec::new();
                for x in arr(f.res, "extension") {
                    if str_of(x, "url") != GOAL_RELATIONSHIP {
                        continue;
                    }
                    let sub = |name: &str| arr(x, "extension").find(|s| str_of(s, "url") == name);
                    let kinds: Vec<&str> =
                        codes(sub("type").and_then(|t| t.get("valueCodeableConcept"))).collect();
                    let target = sub("target")
                        .and_then(|t| t.get("valueReference"))
                        .and_then(|t| self.resolve(from, t))
                        .filter(|t| t.rtype == "Goal");
                    let Some(target) = target else {
                        continue;
                    };
                    if kinds.contains(&"milestone") {
                        milestones.push(target.node);
                    } else if kinds.contains(&"part-of") {
                        part_of.push(target.node);
                    }
                }
                PoolGoal {
                    found: f,
                    addresses,
                    part_of,
                    milestones,
                }
            })
            .collect();
        (pool, listed)
    }

    /// 課題 → 長期目標 → 短期目標 → 援助内容. None when something was refused.
    fn goal_tree(
        &mut self,
        scope: &Scope<'a>,
        r: &'a Value,
        conditions: &[(Node, Option<NeedText>)],
    ) -> Option<Vec<Need>> {
        let before = self.problems.len();
        let (pool, listed) = self.goal_pool(scope, r);

        // Who is whose short goal, in the order the links are written.
        let mut parent: HashMap<Node, Node> = HashMap::new();
        let mut children: HashMap<Node, Vec<Node>> = HashMap::new();
        let mut conflicts: Vec<Node> = Vec::new();
        let links = pool
            .iter()
            .flat_map(|g| g.milestones.iter().map(move |t| (*t, g.found.node)))
            .chain(
                pool.iter()
                    .flat_map(|g| g.part_of.iter().map(move |p| (g.found.node, *p))),
            );
        for (child, up) in links {
            if child == up {
                continue;
            }
            match parent.get(&child) {
                Some(p) if *p != up => conflicts.push(child),
                Some(_) => {}
                None => {
                    parent.insert(child, up);
                    children.entry(up).or_default().push(child);
                }
            }
        }

        // 長期目標: no parent, and addresses one of the plan's 課題.
        let mut long_of_need: Vec<Vec<Node>> = vec![Vec::new(); conditions.len()];
        let mut long: HashSet<Node> = HashSet::new();
        for g in &pool {
            if parent.contains_key(&g.found.node) {
                continue;
            }
            let need = g
                .addresses
                .iter()
                .find_map(|a| conditions.iter().position(|(c, _)| c == a));
            if let Some(n) = need {
                if let Some(slot) = long_of_need.get_mut(n) {
                    slot.push(g.found.node);
                    long.insert(g.found.node);
                }
            }
        }
        let short: HashSet<Node> = parent
            .iter()
            .filter(|(_, p)| long.contains(p))
            .map(|(c, _)| *c)
            .collect();

        let by_node: HashMap<Node, &Found<'a>> =
            pool.iter().map(|g| (g.found.node, &g.found)).collect();
        for node in &conflicts {
            if short.contains(node) {
                if let Some(f) = by_node.get(node) {
                    let (row, column) = (f.row, format!("{}.extension", f.path));
                    self.push(msg(row, &column, "import-fhir-goal-two-parents", vec![]));
                }
            }
        }
        for node in &listed {
            if !long.contains(node) && !short.contains(node) {
                if let Some(f) = by_node.get(node) {
                    let (row, column) = (f.row, f.path.clone());
                    self.push(msg(row, &column, "import-fhir-goal-unplaced", vec![]));
                }
            }
        }

        // The words and periods of every placed goal.
        let mut goals: HashMap<Node, (GoalText, Period)> = HashMap::new();
        for g in &pool {
            let node = g.found.node;
            if !long.contains(&node) && !short.contains(&node) {
                continue;
            }
            self.mark_used(node);
            if let Some(v) = self.goal_values(&g.found) {
                goals.insert(node, v);
            }
        }

        let services = self.activities(scope, r, &short, &goals);
        if self.problems.len() > before {
            return None;
        }
        let mut services = services?;

        let mut needs = Vec::with_capacity(conditions.len());
        for ((_, need), longs) in conditions.iter().zip(long_of_need) {
            let mut long_goals = Vec::with_capacity(longs.len());
            for l in longs {
                let (goal, period) = goals.get(&l)?.clone();
                let mut short_goals = Vec::new();
                for s in children.get(&l).map(Vec::as_slice).unwrap_or_default() {
                    if parent.get(s) != Some(&l) {
                        continue;
                    }
                    let (goal, period) = goals.get(s)?.clone();
                    short_goals.push(ShortGoal {
                        goal,
                        period,
                        services: services.remove(s).unwrap_or_default(),
                    });
                }
                long_goals.push(LongGoal {
                    goal,
                    period,
                    short_goals,
                });
            }
            needs.push(Need {
                need: need.clone()?,
                long_goals,
            });
        }
        Some(needs)
    }

    fn goal_values(&mut self, f: &Found<'a>) -> Option<(GoalText, Period)> {
        let text = GoalText::parse(concept_text(f.res.get("description")).unwrap_or(""));
        let text = self.check(f.row, &format!("{}.description.text", f.path), text);
        let start = self.date_at(
            f.row,
            f.res.get("startDate"),
            &format!("{}.startDate", f.path),
            "import-fhir-no-start-date",
        );
        let due_column = format!("{}.target.dueDate", f.path);
        let due = arr(f.res, "target").find_map(|t| t.get("dueDate"));
        let due = self.date_at(f.row, due, &due_column, "import-fhir-no-due-date");
        let (text, start, due) = (text?, start?, due?);
        let period = self.check(
            f.row,
            &due_column,
            Period::parse(Field::GoalPeriod, start, due),
        )?;
        Some((text, period))
    }

    /// `CarePlan.activity[].detail` → 援助内容 lines under their 短期目標.
    fn activities(
        &mut self,
        scope: &Scope<'a>,
        r: &'a Value,
        short: &HashSet<Node>,
        goals: &HashMap<Node, (GoalText, Period)>,
    ) -> Option<HashMap<Node, Vec<ServiceLine>>> {
        let row = scope.row;
        let mut out: HashMap<Node, Vec<ServiceLine>> = HashMap::new();
        let mut ok = true;
        for (k, act) in arr(r, "activity").enumerate() {
            let p = format!("CarePlan.activity[{k}].detail");
            let Some(d) = act.get("detail").filter(|d| d.is_object()) else {
                self.push(msg(row, &p, "import-fhir-activity-no-detail", vec![]));
                ok = false;
                continue;
            };
            if str_of(d, "status") == "entered-in-error" {
                continue;
            }
            let goal_column = format!("{p}.goal");
            let mut targets = Vec::new();
            for g in arr(d, "goal") {
                let Some(f) = self.follow(scope, g, &goal_column, "Goal") else {
                    ok = false;
                    continue;
                };
                if short.contains(&f.node) {
                    targets.push(f.node);
                } else {
                    self.push(msg(
                        row,
                        &goal_column,
                        "import-fhir-activity-goal-not-short",
                        vec![],
                    ));
                    ok = false;
                }
            }
            if arr(d, "goal").next().is_none() {
                self.push(msg(
                    row,
                    &goal_column,
                    "import-fhir-activity-no-goal",
                    vec![],
                ));
                ok = false;
            }
            let content = self.check(
                row,
                &format!("{p}.description"),
                ServiceContent::parse(str_of(d, "description")),
            );
            let kind = self.check(
                row,
                &format!("{p}.code.text"),
                ServiceKindText::parse(concept_text(d.get("code")).unwrap_or("")),
            );
            let provider_name = arr(d, "performer")
                .next()
                .map(|x| str_of(x, "display").trim().to_string())
                .unwrap_or_default();
            let frequency = d
                .get("scheduledString")
                .and_then(Value::as_str)
                .or_else(|| {
                    d.get("scheduledTiming")
                        .and_then(|t| concept_text(t.get("code")))
                })
                .unwrap_or("");
            let frequency = self.check(
                row,
                &format!("{p}.scheduledString"),
                Frequency::parse(frequency),
            );
            let period_column = format!("{p}.extension(service-period)");
            let period = match extension(d, EXT_SERVICE_PERIOD) {
                None => Some(None),
                Some(x) => {
                    let v = x.get("valuePeriod").unwrap_or(&Value::Null);
                    self.period(row, v, &period_column, None).map(Some)
                }
            };
            let insured = match extension(d, EXT_INSURED) {
                None => Some(false),
                Some(x) => {
                    let b = x.get("valueBoolean").and_then(Value::as_bool);
                    if b.is_none() {
                        let column = format!("{p}.extension(insurance-covered)");
                        self.push(msg(row, &column, "import-fhir-bad-shape", vec![]));
                    }
                    b
                }
            };
            let (Some(content), Some(kind), Some(frequency), Some(period), Some(insured)) =
                (content, kind, frequency, period, insured)
            else {
                ok = false;
                continue;
            };
            for t in targets {
                let Some(period) = period.or_else(|| goals.get(&t).map(|(_, p)| *p)) else {
                    continue;
                };
                out.entry(t).or_default().push(ServiceLine {
                    content: content.clone(),
                    insured,
                    kind: kind.clone(),
                    provider_name: provider_name.clone(),
                    frequency: frequency.clone(),
                    period,
                });
            }
        }
        ok.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::Problem;
    use crate::i18n::Lang;
    use proptest::prelude::*;

    const AT: &str = "2026-11-03T09:30:00+09:00";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap()
    }

    fn observation(id: &str, code: &str, value: Value, unit: &str) -> Value {
        json!({
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "code": { "coding": [{ "system": LOINC, "code": code }] },
            "effectiveDateTime": AT,
            "valueQuantity": { "value": value, "system": UCUM, "code": unit },
        })
    }

    fn bp_panel(id: &str, systolic: i64, diastolic: i64) -> Value {
        let component = |code: &str, v: i64| {
            json!({
                "code": { "coding": [{ "system": LOINC, "code": code }] },
                "valueQuantity": { "value": v, "system": UCUM, "code": "mm[Hg]" },
            })
        };
        json!({
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "code": { "coding": [{ "system": LOINC, "code": BP_PANEL }] },
            "effectiveDateTime": AT,
            "component": [component("8480-6", systolic), component("8462-4", diastolic)],
        })
    }

    fn bundle(resources: Vec<Value>) -> Value {
        let entry: Vec<Value> = resources
            .into_iter()
            .map(|r| {
                let url = format!("urn:uuid:{}", str_of(&r, "id"));
                json!({ "fullUrl": url, "resource": r })
            })
            .collect();
        json!({ "resourceType": "Bundle", "type": "collection", "entry": entry })
    }

    fn run(v: &Value) -> Result<FhirSet, Vec<ImportProblem>> {
        parse(&serde_json::to_vec(v).unwrap(), now())
    }

    fn refused(v: &Value) -> Vec<ImportProblem> {
        run(v).expect_err("should be refused")
    }

    fn key_of_problem(p: &ImportProblem) -> &'static str {
        match &p.reason {
            Reason::Message { key, .. } => key,
            Reason::Field(_) => "field",
        }
    }

    fn one(v: &Value) -> VitalSigns {
        let set = run(v).unwrap();
        assert_eq!(set.vitals.len(), 1, "{set:?}");
        set.vitals[0].vitals
    }

    #[test]
    fn every_loinc_code_is_read_in_its_unit() {
        let t = one(&observation("t", "8310-5", json!(36.8), "Cel"));
        assert_eq!(t.temperature.unwrap().tenths(), 368);
        assert_eq!(
            one(&observation("p", "8867-4", json!(72), "/min"))
                .pulse
                .unwrap()
                .value(),
            72
        );
        for code in ["2708-6", "59408-5"] {
            let v = one(&observation("s", code, json!(97), "%"));
            assert_eq!(v.spo2.unwrap().value(), 97, "{code}");
        }
        let r = one(&observation("r", "9279-1", json!(18), "/min"));
        assert_eq!(r.respiratory_rate.unwrap().value(), 18);
        let w = one(&observation("w", "29463-7", json!(45.2), "kg"));
        assert_eq!(w.weight.unwrap().tenths(), 452);
        let h = one(&observation("h", "8302-2", json!(148.5), "cm"));
        assert_eq!(h.height.unwrap().tenths(), 1485);
        // Standalone 上 and 下 at one time pair up like a panel.
        let pair = run(&bundle(vec![
            observation("sys", "8480-6", json!(130), "mm[Hg]"),
            observation("dia", "8462-4", json!(70), "mm[Hg]"),
        ]))
        .unwrap();
        let bp = pair.vitals[0].vitals.blood_pressure.unwrap();
        assert_eq!((bp.systolic(), bp.diastolic()), (130, 70));
    }

    #[test]
    fn a_blood_pressure_panel_gives_both_values() {
        let v = one(&bp_panel("bp", 142, 78));
        let bp = v.blood_pressure.unwrap();
        assert_eq!((bp.systolic(), bp.diastolic()), (142, 78));

        let mut half = bp_panel("bp", 142, 78);
        half["component"].as_array_mut().unwrap().pop();
        let p = refused(&half);
        assert_eq!(key_of_problem(&p[0]), "import-fhir-half-bp");
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("下の血圧(LOINC 8462-4)がありません"));

        let p = refused(&bp_panel("bp", 80, 120));
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(
                Field::Diastolic,
                Problem::DiastolicNotBelowSystolic
            ))
        );
    }

    #[test]
    fn a_wrong_unit_is_refused_naming_the_element_and_the_unit() {
        let p = refused(&observation("t", "8310-5", json!(98.6), "[degF]"));
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].column.as_deref(),
            Some("Observation.valueQuantity.code")
        );
        let ja = p[0].describe(Lang::Ja);
        assert!(
            ja.contains("単位が違います。体温は Cel(℃)で送ってください。"),
            "{ja}"
        );
        assert!(p[0].describe(Lang::En).contains("temperature in Cel"));

        let p = refused(&observation("w", "29463-7", json!(99.2), "lb"));
        assert!(p[0].describe(Lang::Ja).contains("体重は kg"));

        let mut other_system = observation("p", "8867-4", json!(72), "/min");
        other_system["valueQuantity"]["system"] = json!("http://example.org/units");
        let p = refused(&other_system);
        assert_eq!(
            p[0].column.as_deref(),
            Some("Observation.valueQuantity.system")
        );
    }

    #[test]
    fn one_file_is_about_one_person() {
        let about = |mut o: Value, who: &str| {
            o["subject"] = json!({ "reference": who });
            o
        };
        let patient = json!({ "resourceType": "Patient", "id": "hana" });
        let t = |id: &str| match id {
            "a" => observation(id, "8310-5", json!(36.5), "Cel"),
            _ => observation(id, "8867-4", json!(72), "/min"),
        };
        // Everything about the Bundle's Patient (by fullUrl or Patient/id).
        let ok = run(&bundle(vec![
            patient.clone(),
            about(t("a"), "urn:uuid:hana"),
            about(t("b"), "https://ehr.example/fhir/Patient/hana"),
        ]));
        assert!(ok.is_ok(), "{ok:?}");
        // Someone else's temperature in the same file: refused, named.
        let p = refused(&bundle(vec![
            patient.clone(),
            about(t("a"), "urn:uuid:hana"),
            about(t("b"), "Patient/taro"),
        ]));
        assert_eq!(p.len(), 1);
        assert_eq!(key_of_problem(&p[0]), "import-fhir-two-people");
        assert_eq!(p[0].row, Some(3));
        assert_eq!(p[0].column.as_deref(), Some("Observation.subject"));
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("ほかの人の情報がまじっています"));
        // Without a Patient: two different subjects, or two Patients.
        let p = refused(&bundle(vec![
            about(t("a"), "Patient/1"),
            about(t("b"), "Patient/2"),
        ]));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-two-people");
        let mut allergy_for_other = json!({ "resourceType": "Patient", "id": "taro" });
        let p = refused(&bundle(vec![patient, allergy_for_other.take()]));
        assert_eq!(p[0].column.as_deref(), Some("Patient"));
    }

    #[test]
    fn an_unknown_loinc_code_is_refused_with_the_code() {
        let p = refused(&observation("x", "1234-5", json!(1), "1"));
        assert_eq!(p.len(), 1);
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("LOINCコード 1234-5 は取りこめません"));

        let mut jlac = observation("x", "8310-5", json!(36.5), "Cel");
        jlac["code"]["coding"][0]["system"] = json!("urn:oid:1.2.392.200119.4.504");
        assert_eq!(key_of_problem(&refused(&jlac)[0]), "import-fhir-no-loinc");

        // The vital-signs panel and BMI are accepted and not imported.
        let set = run(&bundle(vec![
            observation("panel", VITALS_PANEL, json!(0), "1"),
            observation("bmi", BMI, json!(21.3), "kg/m2"),
        ]))
        .unwrap();
        assert!(set.vitals.is_empty());
    }

    #[test]
    fn a_preliminary_value_is_refused() {
        let mut o = observation("t", "8310-5", json!(36.5), "Cel");
        o["status"] = json!("preliminary");
        let p = refused(&o);
        assert_eq!(p[0].column.as_deref(), Some("Observation.status"));
        assert!(p[0].describe(Lang::Ja).contains("「preliminary」"));
        for ok in ["amended", "corrected"] {
            o["status"] = json!(ok);
            assert!(run(&o).is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_measurement_needs_its_time_not_only_a_date() {
        let mut o = observation("t", "8310-5", json!(36.5), "Cel");
        o["effectiveDateTime"] = json!("2026-11-03");
        let p = refused(&o);
        assert_eq!(key_of_problem(&p[0]), "import-fhir-date-only");
        assert_eq!(
            p[0].column.as_deref(),
            Some("Observation.effectiveDateTime")
        );

        o["effectiveDateTime"] = json!("2026-11-03T09:30:00");
        assert_eq!(key_of_problem(&refused(&o)[0]), "import-fhir-bad-datetime");

        o.as_object_mut().unwrap().remove("effectiveDateTime");
        assert_eq!(key_of_problem(&refused(&o)[0]), "import-fhir-no-effective");

        o["effectivePeriod"] = json!({ "start": "2026-11-03T09:00:00Z" });
        let set = run(&o).unwrap();
        assert_eq!(set.vitals[0].measured_at.hhmm(), "18:00");
    }

    #[test]
    fn a_future_or_ancient_time_is_the_domains_error() {
        let mut o = observation("t", "8310-5", json!(36.5), "Cel");
        o["effectiveDateTime"] = json!("2026-11-25T09:00:00+09:00");
        let p = refused(&o);
        assert_eq!(
            p[0].reason,
            Reason::Field(FieldError::new(Field::RecordedAt, Problem::InFuture))
        );
        o["effectiveDateTime"] = json!("1999-12-31T09:00:00+09:00");
        let p = refused(&o);
        assert!(matches!(
            &p[0].reason,
            Reason::Field(FieldError {
                problem: Problem::OutOfRange { .. },
                ..
            })
        ));
    }

    #[test]
    fn values_finer_than_the_domain_keeps_are_refused_not_rounded() {
        let p = refused(&observation("t", "8310-5", json!(36.85), "Cel"));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-too-precise");
        assert!(p[0].describe(Lang::Ja).contains("36.85"));
        let p = refused(&observation("p", "8867-4", json!(72.5), "/min"));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-not-whole");
        // The same value written with more digits is the same value.
        assert_eq!(
            one(&observation("p", "8867-4", json!(72.0), "/min"))
                .pulse
                .unwrap()
                .value(),
            72
        );
        let p = refused(&observation("s", "2708-6", json!(140), "%"));
        assert_eq!(
            p[0].column.as_deref(),
            Some("Observation.valueQuantity.value")
        );
        assert!(matches!(p[0].reason, Reason::Field(_)));
        let p = refused(&observation("s", "2708-6", json!("97"), "%"));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-not-a-number");
        let mut lt = observation("s", "2708-6", json!(90), "%");
        lt["valueQuantity"]["comparator"] = json!("<");
        assert_eq!(key_of_problem(&refused(&lt)[0]), "import-fhir-comparator");
    }

    #[test]
    fn one_instant_is_one_session_and_the_same_sign_twice_is_refused() {
        let mut utc = observation("p", "8867-4", json!(70), "/min");
        utc["effectiveDateTime"] = json!("2026-11-03T00:30:00Z");
        let set = run(&bundle(vec![
            observation("t", "8310-5", json!(36.5), "Cel"),
            bp_panel("bp", 120, 70),
            utc,
        ]))
        .unwrap();
        assert_eq!(set.vitals.len(), 1);
        let s = &set.vitals[0];
        assert_eq!(s.key, "Observation/bp\nObservation/p\nObservation/t");
        assert_eq!(s.vitals.pulse.unwrap().value(), 70);
        assert!(s.vitals.temperature.is_some() && s.vitals.blood_pressure.is_some());

        let p = refused(&bundle(vec![
            observation("t1", "8310-5", json!(36.5), "Cel"),
            observation("t2", "8310-5", json!(36.7), "Cel"),
        ]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].row, Some(2));
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("同じ時刻の体温が2つあります"));

        let p = refused(&bundle(vec![
            bp_panel("bp", 120, 70),
            observation("sys", "8480-6", json!(130), "mm[Hg]"),
        ]));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-same-sign-twice");
    }

    #[test]
    fn the_same_resource_twice_is_refused() {
        let mut a = observation("t", "8310-5", json!(36.5), "Cel");
        let mut b = observation("t", "8310-5", json!(36.5), "Cel");
        b["effectiveDateTime"] = json!("2026-11-04T09:30:00+09:00");
        a["identifier"] = json!([{ "system": "urn:x", "value": "1" }]);
        b["identifier"] = json!([{ "system": "urn:x", "value": "1" }]);
        let p = refused(&bundle(vec![a, b]));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-duplicate");
        assert_eq!(p[0].row, Some(2));
    }

    #[test]
    fn other_resource_types_are_refused_by_name_and_people_are_ignored() {
        let set = run(&bundle(vec![
            json!({ "resourceType": "Patient", "id": "p" }),
            json!({ "resourceType": "Practitioner", "id": "d" }),
            json!({ "resourceType": "Organization", "id": "o" }),
            json!({ "resourceType": "RelatedPerson", "id": "r" }),
            json!({ "resourceType": "CareTeam", "id": "c" }),
        ]))
        .unwrap();
        let patient = FhirPatient {
            row: Some(1),
            identifiers: vec![],
        };
        let subjects = vec![Subject {
            file: None,
            patient: Some(patient),
        }];
        assert_eq!(
            set,
            FhirSet {
                subjects,
                ..FhirSet::default()
            }
        );

        let p = refused(&bundle(vec![
            json!({ "resourceType": "Patient", "id": "p" }),
            json!({ "resourceType": "MedicationRequest", "id": "m" }),
        ]));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].row, Some(2));
        assert!(p[0]
            .describe(Lang::Ja)
            .contains("MedicationRequest は取りこめません"));

        let p = refused(&bundle(vec![json!({
            "resourceType": "Goal", "id": "g", "description": { "text": "x" }
        })]));
        assert_eq!(key_of_problem(&p[0]), "import-fhir-unused-part");
    }

    #[test]
    fn what_is_not_fhir_json_gets_one_clear_problem() {
        let cases: [(&[u8], &str); 6] = [
            (b"<Bundle/>", "import-fhir-not-json"),
            (b"{\"resourceType\": \"Bundle\",", "import-fhir-not-json"),
            (b"[1, 2]", "import-fhir-not-object"),
            (b"{\"entry\": []}", "import-fhir-no-resource-type"),
            (b"{\"resourceType\": \"\xff\"}", "import-fhir-not-utf8"),
            (b"", "import-fhir-not-json"),
        ];
        for (bytes, key) in cases {
            let p = parse(bytes, now()).unwrap_err();
            assert_eq!(p.len(), 1);
            assert_eq!(key_of_problem(&p[0]), key, "{bytes:?}");
            assert_eq!((p[0].row, p[0].column.as_deref()), (None, None));
        }
        let big = vec![b' '; MAX_BYTES + 1];
        let p = parse(&big, now()).unwrap_err();
        assert_eq!(key_of_problem(&p[0]), "import-fhir-too-big");
        assert!(p[0].describe(Lang::Ja).contains("5MB"));
        // A byte-order mark from a Windows editor is fine.
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend(serde_json::to_vec(&bundle(vec![])).unwrap());
        assert!(parse(&bom, now()).is_ok());
    }

    fn allergy() -> Value {
        json!({
            "resourceType": "AllergyIntolerance",
            "id": "a1",
            "clinicalStatus": { "coding": [{ "code": "active" }] },
            "category": ["food"],
            "code": { "coding": [{ "system": "urn:x", "code": "1", "display": "卵" }] },
            "recordedDate": "2025-06-01",
            "reaction": [{ "manifestation": [{ "text": "じんましん" }, { "coding": [{ "display": "口のかゆみ" }] }] }],
            "note": [{ "text": "卵焼き・茶わん蒸しも避ける。" }],
        })
    }

    #[test]
    fn an_allergy_is_read_with_its_reaction_and_notes() {
        let set = run(&allergy()).unwrap();
        let a = &set.allergies[0];
        assert_eq!(a.key, "AllergyIntolerance/a1");
        assert_eq!(a.kind, MedicalKind::Allergy);
        assert_eq!(a.title.as_str(), "卵");
        assert_eq!(
            a.detail.as_str(),
            "じんましん、口のかゆみ\n卵焼き・茶わん蒸しも避ける。"
        );
        // A date alone is midnight in Japan.
        assert_eq!(
            a.recorded_at.to_jst().to_rfc3339(),
            "2025-06-01T00:00:00+09:00"
        );

        let mut drug = allergy();
        drug["category"] = json!(["medication"]);
        drug["code"] = json!({ "text": "ペニシリン系抗菌薬" });
        drug.as_object_mut().unwrap().remove("recordedDate");
        drug["onsetDateTime"] = json!("2019-04-02T10:00:00+09:00");
        let a = run(&drug).unwrap().allergies.remove(0);
        assert_eq!(a.kind, MedicalKind::DrugContraindication);
        assert_eq!(a.title.as_str(), "ペニシリン系抗菌薬");
        assert_eq!(a.recorded_at.jst_date().to_string(), "2019-04-02");
    }

    #[test]
    fn allergies_no_longer_true_are_skipped_and_undated_ones_refused() {
        for (element, code) in [
            ("clinicalStatus", "inactive"),
            ("clinicalStatus", "resolved"),
            ("verificationStatus", "refuted"),
            ("verificationStatus", "entered-in-error"),
        ] {
            let mut a = allergy();
            a[element] = json!({ "coding": [{ "code": code }] });
            assert!(run(&a).unwrap().allergies.is_empty(), "{code}");
        }
        let mut a = allergy();
        a.as_object_mut().unwrap().remove("recordedDate");
        let p = refused(&a);
        assert_eq!(key_of_problem(&p[0]), "import-fhir-no-recorded-date");
        let mut a = allergy();
        a["code"] = json!({});
        let p = refused(&a);
        assert_eq!(p[0].column.as_deref(), Some("AllergyIntolerance.code.text"));
        assert!(matches!(p[0].reason, Reason::Field(_)));
    }

    fn plan_resources() -> Vec<Value> {
        vec![
            json!({
                "resourceType": "CarePlan",
                "id": "plan",
                "status": "active",
                "intent": "plan",
                "description": "自宅での暮らしを続けられるよう支援します。",
                "note": [{ "text": "家で暮らしたい。" }],
                "period": { "start": "2026-09-01", "end": "2027-08-31" },
                "created": "2026-10-01T10:00:00+09:00",
                "addresses": [{ "reference": "Condition/need" }],
                "goal": [{ "reference": "Goal/long" }, { "reference": "Goal/short" }],
                "activity": [
                    { "detail": {
                        "extension": [
                            { "url": EXT_SERVICE_PERIOD, "valuePeriod": { "start": "2026-10-01", "end": "2026-11-30" } },
                            { "url": EXT_INSURED, "valueBoolean": true }
                        ],
                        "code": { "text": "通所介護" },
                        "goal": [{ "reference": "Goal/short" }],
                        "scheduledString": "週2回",
                        "performer": [{ "display": "デイサービスさくら" }],
                        "description": "歩行訓練"
                    }},
                    { "detail": {
                        "code": { "text": "家族" },
                        "goal": [{ "reference": "Goal/short" }],
                        "scheduledString": "毎日",
                        "description": "夜の見守り"
                    }}
                ]
            }),
            json!({ "resourceType": "Condition", "id": "need", "code": { "text": "転ぶ心配がある。" } }),
            json!({
                "resourceType": "Goal", "id": "long",
                "description": { "text": "家の中を歩ける。" },
                "startDate": "2026-10-01", "target": [{ "dueDate": "2027-03-31" }],
                "addresses": [{ "reference": "Condition/need" }]
            }),
            json!({
                "resourceType": "Goal", "id": "short",
                "extension": [{ "url": GOAL_RELATIONSHIP, "extension": [
                    { "url": "type", "valueCodeableConcept": { "coding": [{ "code": "part-of" }] } },
                    { "url": "target", "valueReference": { "reference": "Goal/long" } }
                ]}],
                "description": { "text": "トイレまで歩ける。" },
                "startDate": "2026-10-01", "target": [{ "dueDate": "2026-12-31" }]
            }),
        ]
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_care_plan_becomes_needs_goals_and_services() {
        let set = run(&bundle(plan_resources())).unwrap();
        assert_eq!(set.plans.len(), 1);
        let p = &set.plans[0];
        assert_eq!(p.key, "CarePlan/plan");
        assert_eq!(
            p.policy.as_str(),
            "自宅での暮らしを続けられるよう支援します。"
        );
        assert_eq!(p.intention.as_ref().unwrap().as_str(), "家で暮らしたい。");
        assert_eq!(p.period.unwrap().to(), date("2027-08-31"));
        assert_eq!(p.created_at.unwrap().hhmm(), "10:00");
        assert_eq!(p.needs.len(), 1);
        let need = &p.needs[0];
        assert_eq!(need.need.as_str(), "転ぶ心配がある。");
        let long = &need.long_goals[0];
        assert_eq!(long.goal.as_str(), "家の中を歩ける。");
        assert_eq!(long.period.to(), date("2027-03-31"));
        let short = &long.short_goals[0];
        assert_eq!(short.goal.as_str(), "トイレまで歩ける。");
        assert_eq!(short.services.len(), 2);
        let day = &short.services[0];
        assert_eq!(
            (
                day.content.as_str(),
                day.kind.as_str(),
                day.provider_name.as_str()
            ),
            ("歩行訓練", "通所介護", "デイサービスさくら")
        );
        assert!(day.insured);
        assert_eq!(day.period.to(), date("2026-11-30"));
        // Without the extensions: not insured, the short goal's period.
        let family = &short.services[1];
        assert!(!family.insured);
        assert_eq!(family.period, short.period);
        assert_eq!(family.frequency.as_str(), "毎日");
    }

    #[test]
    fn a_care_plan_may_carry_its_parts_contained() {
        let mut res = plan_resources();
        let mut plan = res.remove(0);
        let mut parts = res;
        // The long goal names its short goal as a milestone instead.
        parts[2].as_object_mut().unwrap().remove("extension");
        parts[1]["extension"] = json!([{ "url": GOAL_RELATIONSHIP, "extension": [
            { "url": "type", "valueCodeableConcept": { "coding": [{ "code": "milestone" }] } },
            { "url": "target", "valueReference": { "reference": "#short" } }
        ]}]);
        parts[1]["addresses"] = json!([{ "reference": "#need" }]);
        plan["contained"] = json!(parts);
        let text = serde_json::to_string(&plan)
            .unwrap()
            .replace("Condition/need", "#need")
            .replace("Goal/long", "#long")
            .replace("Goal/short", "#short");
        let contained = parse(text.as_bytes(), now()).unwrap();
        let in_bundle = run(&bundle(plan_resources())).unwrap();
        assert_eq!(contained.plans[0].needs, in_bundle.plans[0].needs);
        assert_eq!(contained.plans[0].digest, in_bundle.plans[0].digest);
    }

    #[test]
    fn a_goal_without_its_due_date_is_refused_where_it_is() {
        let mut res = plan_resources();
        res[2]["target"] = json!([{ "measure": { "text": "歩く" } }]);
        let p = refused(&bundle(res));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].row, Some(3));
        assert_eq!(p[0].column.as_deref(), Some("Goal.target.dueDate"));
        assert!(p[0].describe(Lang::Ja).contains("target.dueDate"));
    }

    #[test]
    fn plan_parts_that_do_not_fit_are_named() {
        let mut res = plan_resources();
        res[3].as_object_mut().unwrap().remove("extension");
        let p = refused(&bundle(res));
        let keys: Vec<&str> = p.iter().map(key_of_problem).collect();
        assert!(keys.contains(&"import-fhir-goal-unplaced"), "{keys:?}");
        assert!(
            keys.contains(&"import-fhir-activity-goal-not-short"),
            "{keys:?}"
        );

        let mut res = plan_resources();
        res[0]["addresses"] = json!([{ "reference": "Condition/nowhere" }]);
        let p = refused(&bundle(res));
        assert!(p[0].describe(Lang::Ja).contains("Condition/nowhere"));

        let mut res = plan_resources();
        res[0].as_object_mut().unwrap().remove("description");
        let p = refused(&bundle(res));
        assert_eq!(p[0].column.as_deref(), Some("CarePlan.description"));
    }

    #[test]
    fn the_same_content_gives_the_same_key_and_digest() {
        let text = serde_json::to_string(&bundle(plan_resources())).unwrap();
        let a = parse(text.as_bytes(), now()).unwrap();
        let b = parse(text.as_bytes(), now()).unwrap();
        assert_eq!(a, b);
        let digest = &a.plans[0].digest;
        assert_eq!(digest.len(), 64);

        let mut changed = plan_resources();
        changed[1]["code"]["text"] = json!("転ぶ心配が大きい。");
        let c = run(&bundle(changed)).unwrap();
        assert_eq!(c.plans[0].key, a.plans[0].key);
        assert_ne!(&c.plans[0].digest, digest);

        // No id and no identifier: the key is the content's hash, whatever
        // order the sender wrote the keys in.
        let one = br#"{"resourceType":"Observation","status":"final","effectiveDateTime":"2026-11-03T09:30:00+09:00","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueQuantity":{"value":70,"system":"http://unitsofmeasure.org","code":"/min"}}"#;
        let two = br#"{"valueQuantity":{"code":"/min","system":"http://unitsofmeasure.org","value":70},"code":{"coding":[{"code":"8867-4","system":"http://loinc.org"}]},"effectiveDateTime":"2026-11-03T09:30:00+09:00","status":"final","resourceType":"Observation"}"#;
        let x = parse(one, now()).unwrap();
        let y = parse(two, now()).unwrap();
        assert!(x.vitals[0].key.starts_with("sha256:"));
        assert_eq!(x, y);

        let mut with_identifier = observation("t", "8310-5", json!(36.5), "Cel");
        with_identifier["identifier"] = json!([{ "system": "urn:oid:1.2.3", "value": "A-1" }]);
        assert_eq!(
            run(&with_identifier).unwrap().vitals[0].key,
            "urn:oid:1.2.3|A-1"
        );
    }

    #[test]
    fn the_fixture_for_hana_parses() {
        let bytes = include_bytes!("../../../../tests/fixtures/fhir/bundle.json");
        let set = parse(bytes, now()).unwrap();
        assert_eq!(set.vitals.len(), 2);
        let first = &set.vitals[0];
        assert_eq!(
            first.measured_at.to_jst().to_rfc3339(),
            "2026-11-03T09:20:00+09:00"
        );
        assert_eq!(first.vitals.temperature.unwrap().display(), "36.6");
        assert_eq!(first.vitals.blood_pressure.unwrap().systolic(), 138);
        assert_eq!(first.vitals.weight.unwrap().display(), "45.2");
        assert!(set.vitals[1].vitals.weight.is_none());
        assert_eq!(set.allergies.len(), 1);
        assert_eq!(set.allergies[0].kind, MedicalKind::DrugContraindication);
        assert_eq!(set.plans.len(), 1);
        let long = &set.plans[0].needs[0].long_goals[0];
        assert_eq!(long.short_goals[0].services.len(), 2);
        let patient = set.subjects[0].patient.as_ref().unwrap();
        assert_eq!(patient.row, Some(1));
        assert_eq!(patient.identifiers[0].value.as_deref(), Some("0000012345"));
    }

    #[test]
    fn the_patient_is_read_with_its_identifiers_as_written() {
        let patient = json!({
            "resourceType": "Patient",
            "id": "hana",
            "identifier": [
                { "system": "urn:oid:1.2.3", "value": "A-1" },
                { "value": "0000012345" },
                { "system": 7, "value": ["x"] }
            ]
        });
        let set = run(&bundle(vec![
            observation("t", "8310-5", json!(36.5), "Cel"),
            patient.clone(),
        ]))
        .unwrap();
        let found = set.subjects[0].patient.as_ref().unwrap();
        assert_eq!(found.row, Some(2));
        let id = |s: Option<&str>, v: Option<&str>| FileIdentifier {
            system: s.map(str::to_string),
            value: v.map(str::to_string),
        };
        assert_eq!(
            found.identifiers,
            vec![
                id(Some("urn:oid:1.2.3"), Some("A-1")),
                id(None, Some("0000012345")),
                id(None, None)
            ]
        );
        // A lone Patient has no entry; a file without one names nobody.
        assert_eq!(
            run(&patient).unwrap().subjects[0]
                .patient
                .as_ref()
                .unwrap()
                .row,
            None
        );
        let set = run(&bundle(vec![observation(
            "t",
            "8310-5",
            json!(36.5),
            "Cel",
        )]))
        .unwrap();
        assert_eq!(set.subjects, vec![Subject::default()]);
    }

    /// Every message key this module uses exists in both languages.
    #[test]
    fn every_message_key_has_words() {
        let source = include_str!("fhir.rs");
        let ja = include_str!("../../../../locales/ja/import-fhir.ftl");
        let en = include_str!("../../../../locales/en/import-fhir.ftl");
        let mut keys: Vec<&str> = source
            .match_indices("\"import-fhir-")
            .filter_map(|(i, _)| {
                let rest = source.get(i + 1..)?;
                let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))?;
                rest.get(..end)
            })
            .filter(|k| !k.ends_with('-'))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        assert!(keys.len() > 30, "{keys:?}");
        // A message with an argument it is not given does not resolve.
        let args: Vec<(&str, String)> = [
            "max",
            "byte",
            "line",
            "column",
            "type",
            "status",
            "code",
            "codes",
            "comparator",
            "sign",
            "unit",
            "value",
            "first",
            "reference",
            "found",
            "expected",
        ]
        .into_iter()
        .map(|a| (a, "x".to_string()))
        .collect();
        for key in keys {
            let line = format!("\n{key} =");
            assert!(ja.contains(&line), "{key} missing in ja");
            assert!(en.contains(&line), "{key} missing in en");
            for lang in [Lang::Ja, Lang::En] {
                let text = crate::i18n::text_with(lang, key, &args);
                assert!(!text.contains("import-fhir-"), "{key}: {text}");
            }
        }
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            "[ -~ぁ-ん℃]{0,12}".prop_map(Value::from),
            prop_oneof![
                Just("final"),
                Just("8310-5"),
                Just("85354-9"),
                Just("8480-6"),
                Just(LOINC),
                Just(UCUM),
                Just("Cel"),
                Just("mm[Hg]"),
                Just(AT),
                Just("2026-11-03"),
                Just("#x"),
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec(
                    (
                        prop_oneof![
                            Just("system".to_string()),
                            Just("code".to_string()),
                            Just("value".to_string()),
                            Just("coding".to_string()),
                            Just("reference".to_string()),
                            "[a-z]{1,6}",
                        ],
                        inner
                    ),
                    0..4
                )
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    const PLACES: [&str; 8] = [
        "status",
        "code",
        "valueQuantity",
        "effectiveDateTime",
        "effectivePeriod",
        "component",
        "identifier",
        "id",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn parse_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = parse(&bytes, now());
        }

        #[test]
        fn parse_never_panics_on_any_json_in_an_observation(
            place in 0..PLACES.len(),
            inner in 0..3usize,
            v in json_value(),
        ) {
            let mut o = if inner == 0 { bp_panel("bp", 120, 70) } else { observation("t", "8310-5", json!(36.5), "Cel") };
            match inner {
                1 => o["valueQuantity"]["value"] = v.clone(),
                2 => o["code"]["coding"][0]["code"] = v.clone(),
                _ => {}
            }
            o[PLACES[place]] = v;
            let _ = run(&o);
            let _ = run(&bundle(vec![o, json!({ "resourceType": "CarePlan", "addresses": [{ "reference": "#x" }] })]));
        }
    }
}
