//! What the reader may see, as one FHIR R4 Bundle (type collection) that a
//! hospital or another care system can read — and that
//! [`super::import::fhir::parse`] reads back to the same values.
//!
//! Profiles: JP Core where it has one — JP_Patient, JP_Observation_VitalSigns
//! (体温, 血圧, 脈拍, SpO2, 呼吸数), JP_Observation_BodyMeasurement (体重,
//! 身長), JP_AllergyIntolerance, JP_Condition — next to the base R4
//! vital-signs profiles (bodytemp, bp, …). JP Core 1.x has no CarePlan or
//! Goal profile, so those claim the base R4 definitions.
//!
//! Resource ids are Yorisoi's UUIDs and every fullUrl is `urn:uuid:…`.
//! Where one stored row becomes several resources (one Observation per
//! sign; a plan's Conditions and Goals) the id is a UUID derived from the
//! row's id and the part, so exporting twice gives the same ids. `base`
//! (Yorisoi's public address) goes in `meta.source`.
//!
//! The plan: CarePlan.description = 総合的な援助の方針, note = 意向,
//! period = 認定の有効期間, one Condition per 課題 (addresses), one Goal per
//! 長期目標 (addresses its Condition; goal-relationship `milestone` to each
//! of its 短期目標) and per 短期目標, one activity per 援助内容 line, with
//! Yorisoi's extensions for the line's period and ※1 保険給付. Not
//! exported: 要介護度, 第3表 (週間サービス計画) and the author.
//! The Bundle carries no timestamp, so the same data gives the same JSON.

use serde_json::{json, Value};

use super::import::fhir::{
    sha256_hex, sign_values, Sign, BP_PANEL, EXT_INSURED, EXT_SERVICE_PERIOD, GOAL_RELATIONSHIP,
    LOINC, SPO2_PULSE_OXIMETRY, UCUM,
};
use crate::domain::care_plan::{CarePlan, ServiceLine};
use crate::domain::medical::{MedicalItem, MedicalKind};
use crate::domain::people::Recipient;
use crate::domain::time::{OccurredAt, Period};
use crate::domain::vitals::VitalsReading;
use crate::i18n::{self, Lang};

const JP_CORE: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/";
const R4: &str = "http://hl7.org/fhir/StructureDefinition/";
const JP_OBSERVATION_CATEGORY: &str =
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

fn ja(key: &str) -> String {
    i18n::text(Lang::Ja, key)
}

fn instant(at: OccurredAt) -> String {
    at.to_jst().to_rfc3339()
}

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: &str) -> Value {
    json!({ "reference": urn(id) })
}

fn period(p: Period) -> Value {
    json!({ "start": p.from().to_string(), "end": p.to().to_string() })
}

/// A stable UUID for one part of a stored row (UUIDv8 from SHA-256).
fn derived_id(parent: &str, part: &str) -> String {
    let hex = sha256_hex(format!("{parent}/{part}").as_bytes());
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = hex
            .get(i * 2..i * 2 + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or_default();
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).to_string()
}

fn meta(profiles: &[String], source: &str) -> Value {
    let mut m = json!({ "profile": profiles });
    if !source.is_empty() {
        m["source"] = json!(source);
    }
    m
}

fn entry(id: &str, resource: Value) -> Value {
    json!({ "fullUrl": urn(id), "resource": resource })
}

/// The Bundle. The caller has already left out what the reader may not see.
pub fn bundle(
    recipient: &Recipient,
    vitals: &[VitalsReading],
    medical: &[MedicalItem],
    plan: Option<&CarePlan>,
    base: &str,
) -> Value {
    let source = base.trim_end_matches('/');
    let patient_id = recipient.id.to_string();
    let mut entries = vec![entry(&patient_id, patient(recipient, source))];
    for reading in vitals {
        entries.extend(observations(reading, &patient_id, source));
    }
    for item in medical {
        if matches!(
            item.item.kind,
            MedicalKind::Allergy | MedicalKind::DrugContraindication
        ) {
            let id = item.id.to_string();
            entries.push(entry(&id, allergy(item, &id, &patient_id, source)));
        }
    }
    if let Some(plan) = plan {
        entries.extend(care_plan(plan, &patient_id, source));
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "entry": entries,
    })
}

fn patient(r: &Recipient, source: &str) -> Value {
    let id = r.id.to_string();
    json!({
        "resourceType": "Patient",
        "id": id,
        "meta": meta(&[format!("{JP_CORE}JP_Patient")], source),
        "identifier": [{ "system": "urn:ietf:rfc:3986", "value": urn(&id) }],
        "name": [
            { "use": "official", "text": r.name.to_string() },
            {
                "use": "official",
                "text": r.name_kana.as_str(),
                "extension": [{
                    "url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation",
                    "valueCode": "SYL"
                }]
            }
        ],
        "birthDate": r.birth_date.to_string(),
    })
}

fn loinc(code: &str, display: &str) -> Value {
    json!({ "system": LOINC, "code": code, "display": display })
}

fn quantity(sign: Sign, v: i64) -> Value {
    let value = if sign.in_tenths() {
        json!(v as f64 / 10.0)
    } else {
        json!(v)
    };
    json!({
        "value": value,
        "unit": sign.unit_display(),
        "system": UCUM,
        "code": sign.ucum(),
    })
}

/// One Observation per sign; 上 and 下 of a blood pressure in one panel.
fn observations(r: &VitalsReading, patient_id: &str, source: &str) -> Vec<Value> {
    let reading = r.id.to_string();
    let at = instant(r.measured_at);
    let values = sign_values(&r.vitals);
    let mut out = Vec::new();
    let mut bp_done = false;
    for &(sign, v) in &values {
        let (id, code, profile, body) = match sign {
            Sign::Systolic | Sign::Diastolic if bp_done => continue,
            Sign::Systolic | Sign::Diastolic => {
                bp_done = true;
                let component = |s: Sign| {
                    values.iter().find(|(x, _)| *x == s).map(|&(s, v)| {
                        json!({
                            "code": {
                                "coding": [loinc(s.loinc(), s.loinc_display())],
                                "text": ja(s.field().label_key()),
                            },
                            "valueQuantity": quantity(s, v),
                        })
                    })
                };
                let components: Vec<Value> = [Sign::Systolic, Sign::Diastolic]
                    .into_iter()
                    .filter_map(component)
                    .collect();
                let code = json!({
                    "coding": [loinc(BP_PANEL, "Blood pressure panel with all children optional")],
                    "text": ja("field-systolic-diastolic"),
                });
                (
                    derived_id(&reading, BP_PANEL),
                    code,
                    "bp",
                    ("component", json!(components)),
                )
            }
            _ => {
                let mut coding = vec![loinc(sign.loinc(), sign.loinc_display())];
                if sign == Sign::Spo2 {
                    coding.push(loinc(
                        SPO2_PULSE_OXIMETRY,
                        "Oxygen saturation in Arterial blood by Pulse oximetry",
                    ));
                }
                let code = json!({ "coding": coding, "text": ja(sign.field().label_key()) });
                let profile = match sign {
                    Sign::Temperature => "bodytemp",
                    Sign::Pulse => "heartrate",
                    Sign::Spo2 => "oxygensat",
                    Sign::RespiratoryRate => "resprate",
                    Sign::Weight => "bodyweight",
                    _ => "bodyheight",
                };
                (
                    derived_id(&reading, sign.loinc()),
                    code,
                    profile,
                    ("valueQuantity", quantity(sign, v)),
                )
            }
        };
        // 体重 and 身長 are 身体計測 in JP Core, the rest バイタルサイン.
        let measurement = matches!(sign, Sign::Weight | Sign::Height);
        let (jp_profile, jp_category) = if measurement {
            ("JP_Observation_BodyMeasurement", "body-measurement")
        } else {
            ("JP_Observation_VitalSigns", "vital-signs")
        };
        let mut o = json!({
            "resourceType": "Observation",
            "id": id,
            "meta": meta(&[format!("{JP_CORE}{jp_profile}"), format!("{R4}{profile}")], source),
            "status": "final",
            "category": [
                { "coding": [{ "system": JP_OBSERVATION_CATEGORY, "code": jp_category }] },
                { "coding": [{
                    "system": OBSERVATION_CATEGORY,
                    "code": "vital-signs",
                    "display": "Vital Signs"
                }] }
            ],
            "code": code,
            "subject": reference(patient_id),
            "effectiveDateTime": at,
        });
        o[body.0] = body.1;
        out.push(entry(&id, o));
    }
    out
}

fn allergy(item: &MedicalItem, id: &str, patient_id: &str, source: &str) -> Value {
    let i = &item.item;
    let mut a = json!({
        "resourceType": "AllergyIntolerance",
        "id": id,
        "meta": meta(&[format!("{JP_CORE}JP_AllergyIntolerance")], source),
        "clinicalStatus": { "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
            "code": "active"
        }]},
        "code": { "text": i.title.as_str() },
        "patient": reference(patient_id),
        "recordedDate": instant(i.recorded_at),
    });
    // A contraindicated drug is recorded as a medication intolerance.
    if i.kind == MedicalKind::DrugContraindication {
        a["category"] = json!(["medication"]);
    }
    if !i.detail.is_empty() {
        a["note"] = json!([{ "text": i.detail.as_str() }]);
    }
    a
}

fn goal(id: &str, text: &str, p: Period, patient_id: &str, source: &str) -> Value {
    json!({
        "resourceType": "Goal",
        "id": id,
        "meta": meta(&[format!("{R4}Goal")], source),
        "lifecycleStatus": "active",
        "description": { "text": text },
        "subject": reference(patient_id),
        "startDate": p.from().to_string(),
        "target": [{ "dueDate": p.to().to_string() }],
    })
}

fn milestone(short_id: &str) -> Value {
    json!({
        "url": GOAL_RELATIONSHIP,
        "extension": [
            { "url": "type", "valueCodeableConcept": { "coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/goal-relationship-type",
                "code": "milestone",
                "display": "Milestone"
            }]}},
            { "url": "target", "valueReference": reference(short_id) }
        ]
    })
}

fn activity(line: &ServiceLine, short_id: &str) -> Value {
    let mut detail = json!({
        "extension": [
            { "url": EXT_SERVICE_PERIOD, "valuePeriod": period(line.period) },
            { "url": EXT_INSURED, "valueBoolean": line.insured }
        ],
        "code": { "text": line.kind.as_str() },
        "goal": [reference(short_id)],
        "status": "in-progress",
        "scheduledString": line.frequency.as_str(),
        "description": line.content.as_str(),
    });
    if !line.provider_name.trim().is_empty() {
        detail["performer"] = json!([{ "display": line.provider_name }]);
    }
    json!({ "detail": detail })
}

/// The CarePlan first, then its Conditions and Goals.
fn care_plan(plan: &CarePlan, patient_id: &str, source: &str) -> Vec<Value> {
    let plan_id = plan.id.to_string();
    let p = &plan.plan;
    let mut parts = Vec::new();
    let mut addresses = Vec::new();
    let mut goal_refs = Vec::new();
    let mut activities = Vec::new();
    for (n, need) in p.needs.iter().enumerate() {
        let condition_id = derived_id(&plan_id, &format!("need/{n}"));
        addresses.push(reference(&condition_id));
        parts.push(entry(
            &condition_id,
            json!({
                "resourceType": "Condition",
                "id": condition_id,
                "meta": meta(&[format!("{JP_CORE}JP_Condition")], source),
                "clinicalStatus": { "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active"
                }]},
                "category": [{ "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                    "code": "problem-list-item",
                    "display": "Problem List Item"
                }]}],
                "code": { "text": need.need.as_str() },
                "subject": reference(patient_id),
            }),
        ));
        for (l, long) in need.long_goals.iter().enumerate() {
            let long_id = derived_id(&plan_id, &format!("need/{n}/long/{l}"));
            let mut long_goal = goal(
                &long_id,
                long.goal.as_str(),
                long.period,
                patient_id,
                source,
            );
            long_goal["addresses"] = json!([reference(&condition_id)]);
            goal_refs.push(reference(&long_id));
            let mut shorts = Vec::new();
            let mut links = Vec::new();
            for (s, short) in long.short_goals.iter().enumerate() {
                let short_id = derived_id(&plan_id, &format!("need/{n}/long/{l}/short/{s}"));
                links.push(milestone(&short_id));
                goal_refs.push(reference(&short_id));
                activities.extend(short.services.iter().map(|line| activity(line, &short_id)));
                shorts.push(entry(
                    &short_id,
                    goal(
                        &short_id,
                        short.goal.as_str(),
                        short.period,
                        patient_id,
                        source,
                    ),
                ));
            }
            if !links.is_empty() {
                long_goal["extension"] = json!(links);
            }
            parts.push(entry(&long_id, long_goal));
            parts.extend(shorts);
        }
    }
    let mut care_plan = json!({
        "resourceType": "CarePlan",
        "id": plan_id,
        "meta": meta(&[format!("{R4}CarePlan")], source),
        "status": "active",
        "intent": "plan",
        "title": ja("import-fhir-plan-title"),
        "description": p.table1.policy.as_str(),
        "subject": reference(patient_id),
        "period": period(p.table1.certification),
        "created": instant(p.created_at),
        "note": [{ "text": p.table1.intention.as_str() }],
    });
    // FHIR JSON has no empty arrays.
    for (name, list) in [
        ("addresses", addresses),
        ("goal", goal_refs),
        ("activity", activities),
    ] {
        if !list.is_empty() {
            care_plan[name] = Value::Array(list);
        }
    }
    let mut out = vec![entry(&plan_id, care_plan)];
    out.extend(parts);
    out
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::domain::care_plan::{
        Frequency, GoalText, LongGoal, Need, NeedText, NewCarePlan, PlanIntention, PlanPolicy,
        ServiceContent, ServiceKindText, ShortGoal, Table1,
    };
    use crate::domain::classes::{CareLevel, InfoClass};
    use crate::domain::ids::{CarePlanId, MedicalItemId, PersonId, RecipientId, VitalsId};
    use crate::domain::medical::{MedicalDetail, MedicalTitle, NewMedicalItem};
    use crate::domain::people::{NameKana, PersonName};
    use crate::domain::validation::Field;
    use crate::domain::vitals::{
        BloodPressure, BodyTemperature, Height, Pulse, RespiratoryRate, Spo2, VitalSigns, Weight,
    };
    use crate::server::import::fhir::parse;

    const BASE: &str = "https://yorisoi.example.jp/";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap()
    }

    fn recipient() -> Recipient {
        Recipient {
            id: RecipientId::parse("0190a000-0000-7000-8000-000000000001").unwrap(),
            name: PersonName::parse("山本 ハナ").unwrap(),
            name_kana: NameKana::parse("ヤマモト ハナ").unwrap(),
            birth_date: NaiveDate::from_ymd_opt(1942, 5, 3).unwrap(),
            care_level: CareLevel::Care2,
        }
    }

    fn at(s: &str) -> OccurredAt {
        let t = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        OccurredAt::parse(t, now()).unwrap()
    }

    fn reading(id: &str, when: &str, vitals: VitalSigns) -> VitalsReading {
        VitalsReading {
            id: VitalsId::parse(id).unwrap(),
            measured_at: at(when),
            measured_by_name: "佐藤".into(),
            vitals,
            class: InfoClass::Medical,
            team_only: false,
        }
    }

    fn medical(id: &str, kind: MedicalKind, title: &str, detail: &str) -> MedicalItem {
        MedicalItem {
            id: MedicalItemId::parse(id).unwrap(),
            item: NewMedicalItem {
                recipient: recipient().id,
                author: PersonId::parse("0190a000-0000-7000-8000-0000000000aa").unwrap(),
                recorded_at: at("2026-04-10T14:05:30.250+09:00"),
                kind,
                title: MedicalTitle::parse(title).unwrap(),
                detail: MedicalDetail::parse(detail).unwrap(),
                dysphagia_code: None,
                class: InfoClass::Medical,
                team_only: false,
            },
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn span(a: &str, b: &str) -> Period {
        Period::parse(Field::GoalPeriod, day(a), day(b)).unwrap()
    }

    fn line(content: &str, kind: &str, provider: &str, insured: bool, p: Period) -> ServiceLine {
        ServiceLine {
            content: ServiceContent::parse(content).unwrap(),
            insured,
            kind: ServiceKindText::parse(kind).unwrap(),
            provider_name: provider.into(),
            frequency: Frequency::parse("週2回(火・木)").unwrap(),
            period: p,
        }
    }

    fn plan() -> CarePlan {
        let short = span("2026-09-01", "2026-11-30");
        let long = span("2026-09-01", "2027-02-28");
        let goal = |s: &str| GoalText::parse(s).unwrap();
        let needs = vec![
            Need {
                need: NeedText::parse("足の力が弱り、転ぶ心配がある。").unwrap(),
                long_goals: vec![LongGoal {
                    goal: goal("家の中を自分で歩ける。"),
                    period: long,
                    short_goals: vec![
                        ShortGoal {
                            goal: goal("トイレまで安全に歩ける。"),
                            period: short,
                            services: vec![
                                line("歩行訓練", "通所介護", "デイサービスさくら", true, short),
                                line(
                                    "夜の見守り",
                                    "家族",
                                    "",
                                    false,
                                    span("2026-10-01", "2026-11-30"),
                                ),
                            ],
                        },
                        ShortGoal {
                            goal: goal("入浴を安全に続けられる。"),
                            period: short,
                            services: vec![],
                        },
                    ],
                }],
            },
            Need {
                need: NeedText::parse("むせることがある。").unwrap(),
                long_goals: vec![],
            },
            Need {
                need: NeedText::parse("食事をおいしく食べたい。").unwrap(),
                long_goals: vec![
                    LongGoal {
                        goal: goal("むせずに食べられる。"),
                        period: long,
                        short_goals: vec![ShortGoal {
                            goal: goal("とろみをつけて飲める。"),
                            period: short,
                            services: vec![line(
                                "嚥下の観察",
                                "訪問看護",
                                "訪問看護ステーションみなと",
                                true,
                                short,
                            )],
                        }],
                    },
                    LongGoal {
                        goal: goal("体重を保てる。"),
                        period: long,
                        short_goals: vec![],
                    },
                ],
            },
        ];
        CarePlan {
            id: CarePlanId::parse("0190a000-0000-7000-8000-0000000000cc").unwrap(),
            version: 2,
            plan: NewCarePlan {
                recipient: recipient().id,
                author: PersonId::parse("0190a000-0000-7000-8000-0000000000aa").unwrap(),
                created_at: at("2026-09-01T10:00:00+09:00"),
                table1: Table1 {
                    care_level: CareLevel::Care2,
                    certification: Period::parse(
                        Field::CertificationPeriod,
                        day("2026-07-01"),
                        day("2027-06-30"),
                    )
                    .unwrap(),
                    intention: PlanIntention::parse(
                        "本人: 家で暮らしたい。\n長女: 見守ってほしい。",
                    )
                    .unwrap(),
                    policy: PlanPolicy::parse("転倒を防ぎ、できることを大切にします。").unwrap(),
                },
                needs,
                weekly: vec![],
                daily_activities: vec![],
                other_services: String::new(),
                class: InfoClass::Living,
            },
        }
    }

    fn vitals_full() -> VitalSigns {
        VitalSigns {
            temperature: Some(BodyTemperature::from_tenths(368).unwrap()),
            blood_pressure: Some(BloodPressure::new(142, 78).unwrap()),
            pulse: Some(Pulse::new(72).unwrap()),
            spo2: Some(Spo2::new(96).unwrap()),
            respiratory_rate: Some(RespiratoryRate::new(18).unwrap()),
            weight: Some(Weight::from_tenths(452).unwrap()),
            height: Some(Height::from_tenths(1485).unwrap()),
        }
    }

    #[test]
    fn an_export_reads_back_to_the_same_values() {
        let readings = vec![
            reading(
                "0190a000-0000-7000-8000-000000000101",
                "2026-11-03T09:30:00+09:00",
                vitals_full(),
            ),
            reading(
                "0190a000-0000-7000-8000-000000000102",
                "2026-11-04T18:05:12.345+09:00",
                VitalSigns {
                    temperature: Some(BodyTemperature::from_tenths(370).unwrap()),
                    ..VitalSigns::default()
                },
            ),
        ];
        let medical = vec![
            medical(
                "0190a000-0000-7000-8000-000000000201",
                MedicalKind::Allergy,
                "卵",
                "じんましんが出る。\n卵焼きも避ける。",
            ),
            medical(
                "0190a000-0000-7000-8000-000000000202",
                MedicalKind::DrugContraindication,
                "ペニシリン系抗菌薬",
                "",
            ),
            medical(
                "0190a000-0000-7000-8000-000000000203",
                MedicalKind::FoodTexture,
                "きざみ食",
                "",
            ),
        ];
        let plan = plan();
        let b = bundle(&recipient(), &readings, &medical, Some(&plan), BASE);
        let bytes = serde_json::to_vec(&b).unwrap();
        let set = parse(&bytes, now()).unwrap_or_else(|p| panic!("{p:?}"));

        assert_eq!(set.vitals.len(), 2);
        for (got, want) in set.vitals.iter().zip(&readings) {
            assert_eq!(got.vitals, want.vitals);
            assert_eq!(got.measured_at, want.measured_at);
        }
        assert_eq!(set.allergies.len(), 2, "food texture is not an allergy");
        for (got, want) in set.allergies.iter().zip(&medical) {
            assert_eq!(got.kind, want.item.kind);
            assert_eq!(got.title, want.item.title);
            assert_eq!(got.detail, want.item.detail);
            assert_eq!(got.recorded_at, want.item.recorded_at);
            assert_eq!(got.key, format!("AllergyIntolerance/{}", want.id));
        }
        let p = &set.plans[0];
        assert_eq!(p.key, format!("CarePlan/{}", plan.id));
        assert_eq!(p.needs, plan.plan.needs);
        assert_eq!(p.policy, plan.plan.table1.policy);
        assert_eq!(p.intention.as_ref(), Some(&plan.plan.table1.intention));
        assert_eq!(p.period, Some(plan.plan.table1.certification));
        assert_eq!(p.created_at, Some(plan.plan.created_at));

        // The same data exports to the same JSON, so re-import matches.
        let again = bundle(&recipient(), &readings, &medical, Some(&plan), BASE);
        assert_eq!(again, b);
        let set2 = parse(&serde_json::to_vec(&again).unwrap(), now()).unwrap();
        assert_eq!(set2, set);
    }

    #[test]
    fn the_export_follows_jp_core_and_r4() {
        let readings = vec![reading(
            "0190a000-0000-7000-8000-000000000101",
            "2026-11-03T09:30:00+09:00",
            vitals_full(),
        )];
        let b = bundle(&recipient(), &readings, &[], Some(&plan()), BASE);
        assert_eq!(b["type"], "collection");
        let entries = b["entry"].as_array().unwrap();
        let resources: Vec<&Value> = entries.iter().map(|e| &e["resource"]).collect();
        for e in entries {
            let url = e["fullUrl"].as_str().unwrap();
            let id = url.strip_prefix("urn:uuid:").unwrap();
            assert!(uuid::Uuid::parse_str(id).is_ok(), "{url}");
            assert_eq!(e["resource"]["id"], id);
            assert_eq!(
                e["resource"]["meta"]["source"],
                "https://yorisoi.example.jp"
            );
        }
        let patient = resources[0];
        assert_eq!(
            patient["meta"]["profile"][0],
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"
        );
        let observations: Vec<&&Value> = resources
            .iter()
            .filter(|r| r["resourceType"] == "Observation")
            .collect();
        // 8 values, 上 and 下 in one panel.
        assert_eq!(observations.len(), 7);
        let panel = observations
            .iter()
            .find(|o| o["code"]["coding"][0]["code"] == BP_PANEL)
            .unwrap();
        assert_eq!(panel["component"].as_array().unwrap().len(), 2);
        assert_eq!(
            panel["meta"]["profile"][1],
            "http://hl7.org/fhir/StructureDefinition/bp"
        );
        let weight = observations
            .iter()
            .find(|o| o["code"]["coding"][0]["code"] == "29463-7")
            .unwrap();
        assert_eq!(weight["valueQuantity"]["value"], 45.2);
        assert_eq!(weight["valueQuantity"]["code"], "kg");
        assert_eq!(
            weight["meta"]["profile"][0],
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_BodyMeasurement"
        );
        let count = |t: &str| resources.iter().filter(|r| r["resourceType"] == t).count();
        assert_eq!(
            (count("CarePlan"), count("Condition"), count("Goal")),
            (1, 3, 6)
        );
        // No empty arrays anywhere (FHIR JSON forbids them).
        fn no_empty_arrays(v: &Value) -> bool {
            match v {
                Value::Array(a) => !a.is_empty() && a.iter().all(no_empty_arrays),
                Value::Object(m) => m.values().all(no_empty_arrays),
                _ => true,
            }
        }
        assert!(no_empty_arrays(&b));
    }

    fn arb_vitals() -> impl Strategy<Value = VitalSigns> {
        (
            prop::option::of(340i64..=420),
            prop::option::of((51i64..=260, 20i64..=160)),
            prop::option::of(20i64..=250),
            prop::option::of(50i64..=100),
            prop::option::of(4i64..=60),
            prop::option::of(100i64..=2500),
            prop::option::of(800i64..=2300),
        )
            .prop_map(|(t, bp, p, s, r, w, h)| VitalSigns {
                temperature: t.and_then(|v| BodyTemperature::from_tenths(v).ok()),
                blood_pressure: bp.and_then(|(s, d)| BloodPressure::new(s, d).ok()),
                pulse: p.and_then(|v| Pulse::new(v).ok()),
                spo2: s.and_then(|v| Spo2::new(v).ok()),
                respiratory_rate: r.and_then(|v| RespiratoryRate::new(v).ok()),
                weight: w.and_then(|v| Weight::from_tenths(v).ok()),
                height: h.and_then(|v| Height::from_tenths(v).ok()),
            })
            .prop_filter("something measured", |v| *v != VitalSigns::default())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn generated_vitals_come_back_equal(
            vitals in arb_vitals(),
            ms in 946_684_800_000i64..1_790_000_000_000,
        ) {
            let r = VitalsReading {
                id: VitalsId::parse("0190a000-0000-7000-8000-000000000101").unwrap(),
                measured_at: OccurredAt::from_millis(ms),
                measured_by_name: String::new(),
                vitals,
                class: InfoClass::Medical,
                team_only: false,
            };
            let b = bundle(&recipient(), std::slice::from_ref(&r), &[], None, BASE);
            let set = parse(&serde_json::to_vec(&b).unwrap(), now());
            prop_assert!(set.is_ok(), "{:?}", set);
            let set = set.unwrap();
            prop_assert_eq!(set.vitals.len(), 1);
            prop_assert_eq!(set.vitals[0].vitals, vitals);
            prop_assert_eq!(set.vitals[0].measured_at, r.measured_at);
        }
    }
}
