//! 人生会議 as FHIR R4 JSON, so it can travel to a hospital: a collection
//! Bundle with the Patient, a QuestionnaireResponse holding every answer
//! and its words, a Consent with scope `adr` (advance directive) stating
//! the treatments wanted and not wanted, and a RelatedPerson for the
//! 代理意思決定者 when one is named. Questions and choices carry Yorisoi's
//! own codes (urn:yorisoi:…) with the Japanese text as display.

use serde_json::{json, Value};

use crate::domain::acp::{AcpAnswers, AcpVersion, Choice, Treatment};
use crate::domain::people::Recipient;
use crate::domain::time::OccurredAt;
use crate::i18n::{self, Lang};

pub const QUESTIONNAIRE: &str = "urn:yorisoi:questionnaire:acp:1";
const CHOICE_SYSTEM: &str = "urn:yorisoi:acp:choice";
const TREATMENT_SYSTEM: &str = "urn:yorisoi:acp:treatment";

fn ja(key: &str) -> String {
    i18n::text(Lang::Ja, key)
}

fn instant(ms: i64) -> String {
    OccurredAt::from_millis(ms).to_jst().to_rfc3339()
}

fn coding(system: &str, code: &str, display_key: &str) -> Value {
    json!({ "system": system, "code": code, "display": ja(display_key) })
}

/// One question with its answers (none when nothing was written).
fn item(link_id: &str, text_key: &str, answers: Vec<Value>) -> Value {
    let mut item = json!({ "linkId": link_id, "text": ja(text_key) });
    if !answers.is_empty() {
        item["answer"] = Value::Array(answers);
    }
    item
}

fn text_answer(s: &str) -> Vec<Value> {
    if s.is_empty() {
        Vec::new()
    } else {
        vec![json!({ "valueString": s })]
    }
}

fn choice_answer(code: &str, key: &str) -> Vec<Value> {
    vec![json!({ "valueCoding": coding(CHOICE_SYSTEM, code, key) })]
}

fn answers_items(a: &AcpAnswers) -> Vec<Value> {
    let mut items = vec![
        item("values", "field-acp-values", text_answer(&a.values)),
        item(
            "care_place",
            "field-acp-care-place",
            choice_answer(a.care_place.code(), a.care_place.label_key()),
        ),
        item(
            "care_place_note",
            "acp-note",
            text_answer(&a.care_place_note),
        ),
        item(
            "end_place",
            "field-acp-end-place",
            choice_answer(a.end_place.code(), a.end_place.label_key()),
        ),
        item("end_place_note", "acp-note", text_answer(&a.end_place_note)),
    ];
    for t in Treatment::ALL {
        let ans = a.treatment(*t);
        let field = crate::domain::acp::treatment_field(*t);
        items.push(item(
            t.code(),
            field.label_key(),
            choice_answer(ans.choice.code(), ans.choice.label_key()),
        ));
        items.push(item(
            &format!("{}_note", t.code()),
            "acp-note",
            text_answer(&ans.note),
        ));
    }
    items.extend([
        item("proxy_name", "acp-proxy-name", text_answer(&a.proxy_name)),
        item(
            "proxy_relation",
            "acp-proxy-relation",
            text_answer(&a.proxy_relation),
        ),
        item(
            "proxy_scope",
            "field-acp-proxy-scope",
            choice_answer(a.proxy_scope.code(), a.proxy_scope.label_key()),
        ),
        item("proxy_note", "acp-note", text_answer(&a.proxy_note)),
        item(
            "discussed_on",
            "field-acp-discussed-on",
            a.discussed_on
                .map(|d| vec![json!({ "valueDate": d.to_string() })])
                .unwrap_or_default(),
        ),
        item(
            "participants",
            "field-acp-participants",
            text_answer(&a.participants),
        ),
        item("notes", "field-acp-notes", text_answer(&a.notes)),
    ]);
    items
}

/// The Bundle for one version. `base`: Yorisoi's public address, for the
/// entries' full URLs.
pub fn bundle(recipient: &Recipient, v: &AcpVersion, base: &str) -> Value {
    let base = base.trim_end_matches('/');
    let patient_id = recipient.id.to_string();
    let patient_ref = format!("Patient/{patient_id}");
    let qr_id = format!("acp-{}", v.id);
    let consent_id = format!("acp-consent-{}", v.id);
    let proxy_id = format!("acp-proxy-{}", v.id);
    let a = &v.answers;

    let patient = json!({
        "resourceType": "Patient",
        "id": patient_id,
        "name": [
            { "use": "official", "text": recipient.name.to_string() },
            {
                "use": "official",
                "text": recipient.name_kana.as_str(),
                "extension": [{
                    "url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation",
                    "valueCode": "SYL"
                }]
            }
        ],
        "birthDate": recipient.birth_date.to_string(),
    });

    let questionnaire_response = json!({
        "resourceType": "QuestionnaireResponse",
        "id": qr_id,
        "questionnaire": QUESTIONNAIRE,
        "status": "completed",
        "subject": { "reference": patient_ref },
        "authored": instant(v.written_at),
        "author": { "display": v.author_name },
        "item": answers_items(a),
    });

    // What is wanted is permitted, what is not wanted is denied; a
    // treatment still undecided is in the answers, not in the consent.
    let provisions: Vec<Value> = Treatment::ALL
        .iter()
        .filter_map(|t| {
            let kind = match a.treatment(*t).choice {
                Choice::Want => "permit",
                Choice::NotWant => "deny",
                Choice::Undecided => return None,
            };
            let field = crate::domain::acp::treatment_field(*t);
            Some(json!({
                "type": kind,
                "code": [{
                    "coding": [coding(TREATMENT_SYSTEM, t.code(), field.label_key())],
                    "text": ja(field.label_key()),
                }],
            }))
        })
        .collect();
    let mut consent = json!({
        "resourceType": "Consent",
        "id": consent_id,
        "status": "active",
        "scope": { "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/consentscope",
            "code": "adr",
            "display": "Advanced Care Directive"
        }]},
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/consentcategorycodes",
            "code": "acd",
            "display": "Advance Directive"
        }]}],
        "patient": { "reference": patient_ref },
        "dateTime": instant(v.written_at),
        "policyRule": { "text": ja("acp-heading") },
        "sourceReference": { "reference": format!("QuestionnaireResponse/{qr_id}") },
    });
    if !provisions.is_empty() {
        consent["provision"] = json!({ "type": "permit", "provision": provisions });
    }

    let mut entries = vec![
        json!({ "fullUrl": format!("{base}/fhir/Patient/{patient_id}"), "resource": patient }),
        json!({ "fullUrl": format!("{base}/fhir/QuestionnaireResponse/{qr_id}"), "resource": questionnaire_response }),
    ];
    if !a.proxy_name.is_empty() {
        let mut proxy = json!({
            "resourceType": "RelatedPerson",
            "id": proxy_id,
            "active": true,
            "patient": { "reference": patient_ref },
            "name": [{ "text": a.proxy_name }],
            "relationship": [{
                "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                    "code": "HPOWATT",
                    "display": "healthcare power of attorney"
                }],
                "text": ja(a.proxy_scope.label_key()),
            }],
        });
        if !a.proxy_relation.is_empty() {
            if let Some(r) = proxy["relationship"].as_array_mut() {
                r.push(json!({ "text": a.proxy_relation }));
            }
        }
        consent["performer"] = json!([
            { "reference": patient_ref },
            { "reference": format!("RelatedPerson/{proxy_id}") }
        ]);
        entries.push(json!({ "fullUrl": format!("{base}/fhir/RelatedPerson/{proxy_id}"), "resource": proxy }));
    } else {
        consent["performer"] = json!([{ "reference": patient_ref }]);
    }
    entries.insert(
        2,
        json!({ "fullUrl": format!("{base}/fhir/Consent/{consent_id}"), "resource": consent }),
    );
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": instant(chrono::Utc::now().timestamp_millis()),
        "entry": entries,
    })
}
