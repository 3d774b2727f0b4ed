//! One visit, entered on a phone in one go: 食事, 排泄, 入浴, 服薬, 口腔ケア,
//! vital signs and 様子. Each part that was filled in becomes a care record
//! (or the visit's measurement); parts left empty are simply not recorded.
//! Every field is checked at once, so a person fixes everything in one go.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::classes::InfoClass;
use super::ids::{PersonId, ProviderId, RecipientId};
use super::records::{
    BathKind, ExcretionCount, ExcretionKind, FluidMl, NewCareRecord, RecordBody, RecordNote, Wari,
};
use super::time::OccurredAt;
use super::validation::{Field, FieldError, Problem, ValidationErrors};
use super::vitals::{
    parse_whole, BloodPressure, BodyTemperature, NewVitals, Pulse, Spo2, VitalSigns,
};

/// The form as typed: every value a string, empty meaning "not recorded".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitForm {
    /// `YYYY-MM-DDTHH:MM`, Japan time.
    pub at: String,
    pub staple: String,
    pub side: String,
    pub fluid: String,
    /// "", urine, stool or both.
    pub excretion: String,
    pub excretion_count: String,
    pub excretion_character: String,
    /// "", bath, shower, bed_bath or partial.
    pub bath: String,
    /// A checkbox: present when ticked.
    pub medication: Option<String>,
    pub oral_care: Option<String>,
    pub temperature: String,
    pub systolic: String,
    pub diastolic: String,
    pub pulse: String,
    pub spo2: String,
    pub note: String,
    /// "living" or "medical": the class of the 様子 note.
    pub note_class: String,
    /// チーム内: the 様子 note is for the team only.
    pub team_only: Option<String>,
}

/// Who writes the visit, for whom.
#[derive(Debug, Clone, Copy)]
pub struct VisitBy {
    pub recipient: RecipientId,
    pub provider: ProviderId,
    pub author: PersonId,
}

/// A checked visit, ready to store in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub records: Vec<NewCareRecord>,
    pub vitals: Option<NewVitals>,
}

fn filled(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

impl VisitForm {
    /// Checks every field; the errors name each field that is wrong.
    pub fn parse(&self, by: VisitBy, now: DateTime<Utc>) -> Result<Visit, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let at = errs.check(OccurredAt::parse_local(&self.at, now));
        let meal = self.meal(&mut errs);
        let excretion = self.excretion(&mut errs);
        let bath = match filled(&self.bath) {
            None => None,
            Some(code) => errs
                .check(
                    BathKind::from_code(code)
                        .ok_or_else(|| FieldError::new(Field::Bathing, Problem::UnknownChoice)),
                )
                .map(|kind| RecordBody::Bathing { kind }),
        };
        let vitals = self.vitals(&mut errs);
        let note = errs.check(RecordNote::parse(&self.note));
        let note_class = match self.note_class.as_str() {
            "" | "living" => Some(InfoClass::Living),
            "medical" => Some(InfoClass::Medical),
            _ => errs.check(Err(FieldError::new(Field::Note, Problem::UnknownChoice))),
        };
        let (Some(at), Some(note), Some(note_class)) = (at, note, note_class) else {
            return Err(errs);
        };
        errs.clone().into_result()?;

        let record = |body: RecordBody, note: RecordNote, class, team_only| NewCareRecord {
            recipient: by.recipient,
            provider: by.provider,
            author: by.author,
            occurred_at: at,
            body,
            note,
            class,
            team_only,
        };
        let mut records = Vec::new();
        let blank = RecordNote::default();
        for body in [meal, excretion, bath].into_iter().flatten() {
            records.push(record(body, blank.clone(), InfoClass::Living, false));
        }
        if self.medication.is_some() {
            records.push(record(
                RecordBody::Medication,
                blank.clone(),
                InfoClass::Living,
                false,
            ));
        }
        if self.oral_care.is_some() {
            records.push(record(
                RecordBody::OralCare,
                blank.clone(),
                InfoClass::Living,
                false,
            ));
        }
        if !note.is_empty() {
            records.push(record(
                RecordBody::Observation,
                note,
                note_class,
                self.team_only.is_some(),
            ));
        }
        let vitals = vitals.map(|vitals| NewVitals {
            recipient: by.recipient,
            provider: by.provider,
            measured_by: by.author,
            measured_at: at,
            vitals,
            class: InfoClass::Medical,
            team_only: false,
        });
        if records.is_empty() && vitals.is_none() {
            return Err(FieldError::new(Field::Visit, Problem::NothingWritten).into());
        }
        Ok(Visit { records, vitals })
    }

    fn meal(&self, errs: &mut ValidationErrors) -> Option<RecordBody> {
        let staple =
            filled(&self.staple).and_then(|s| errs.check(Wari::parse(Field::StapleIntake, s)));
        let side = filled(&self.side).and_then(|s| errs.check(Wari::parse(Field::SideIntake, s)));
        let fluid = filled(&self.fluid).and_then(|s| errs.check(FluidMl::parse(s)));
        (staple.is_some() || side.is_some() || fluid.is_some()).then_some(RecordBody::Meal {
            staple,
            side,
            fluid,
        })
    }

    fn excretion(&self, errs: &mut ValidationErrors) -> Option<RecordBody> {
        let count = filled(&self.excretion_count).and_then(|c| {
            errs.check(parse_whole(Field::ExcretionCount, c).and_then(ExcretionCount::new))
        });
        let character = self.excretion_character.trim().to_string();
        if super::validation::char_count(&character) > 40 {
            errs.push(FieldError::new(
                Field::ExcretionCharacter,
                Problem::TooLong { max: 40 },
            ));
        }
        let Some(code) = filled(&self.excretion) else {
            // A count or a character without saying what: ask which.
            if count.is_some() || !character.is_empty() {
                errs.push(FieldError::new(Field::Excretion, Problem::Required));
            }
            return None;
        };
        let kind = errs.check(
            ExcretionKind::from_code(code)
                .ok_or_else(|| FieldError::new(Field::Excretion, Problem::UnknownChoice)),
        )?;
        Some(RecordBody::Excretion {
            kind,
            count,
            character,
        })
    }

    fn vitals(&self, errs: &mut ValidationErrors) -> Option<VitalSigns> {
        let temperature =
            filled(&self.temperature).and_then(|t| errs.check(BodyTemperature::parse(t)));
        let pulse = filled(&self.pulse).and_then(|t| errs.check(Pulse::parse(t)));
        let spo2 = filled(&self.spo2).and_then(|t| errs.check(Spo2::parse(t)));
        let blood_pressure = match (filled(&self.systolic), filled(&self.diastolic)) {
            (None, None) => None,
            (Some(_), None) => {
                errs.push(FieldError::new(Field::Diastolic, Problem::Required));
                None
            }
            (None, Some(_)) => {
                errs.push(FieldError::new(Field::Systolic, Problem::Required));
                None
            }
            (Some(s), Some(d)) => {
                let s = errs.check(super::vitals::Systolic::parse(s));
                let d = errs.check(super::vitals::Diastolic::parse(d));
                match (s, d) {
                    (Some(s), Some(d)) => errs.check(BloodPressure::pair(s, d)),
                    _ => None,
                }
            }
        };
        let v = VitalSigns {
            temperature,
            blood_pressure,
            pulse,
            spo2,
            ..VitalSigns::default()
        };
        (v != VitalSigns::default()).then_some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap()
    }

    fn by() -> VisitBy {
        VisitBy {
            recipient: RecipientId::new(),
            provider: ProviderId::new(),
            author: PersonId::new(),
        }
    }

    fn form() -> VisitForm {
        VisitForm {
            at: "2026-11-25T10:30".into(),
            ..VisitForm::default()
        }
    }

    #[test]
    fn a_whole_visit_becomes_one_record_per_part_and_one_measurement() {
        let f = VisitForm {
            staple: "8".into(),
            side: "7割".into(),
            fluid: "200".into(),
            excretion: "urine".into(),
            excretion_count: "2".into(),
            bath: "bed_bath".into(),
            medication: Some("on".into()),
            oral_care: Some("on".into()),
            temperature: "36.8".into(),
            systolic: "128".into(),
            diastolic: "76".into(),
            note: "笑顔で過ごされた".into(),
            ..form()
        };
        let v = f.parse(by(), now()).unwrap();
        let cats: Vec<_> = v.records.iter().map(|r| r.body.category().code()).collect();
        assert_eq!(
            cats,
            [
                "meal",
                "excretion",
                "bathing",
                "medication",
                "oral_care",
                "observation"
            ]
        );
        let vit = v.vitals.unwrap().vitals;
        assert_eq!(vit.temperature.unwrap().display(), "36.8");
        assert_eq!(vit.blood_pressure.unwrap().systolic(), 128);
        assert!(v.records.iter().all(|r| r.occurred_at.hhmm() == "10:30"));
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let f = VisitForm {
            staple: "12".into(),
            temperature: "45".into(),
            systolic: "80".into(),
            diastolic: "90".into(),
            ..form()
        };
        let e = f.parse(by(), now()).unwrap_err();
        assert_eq!(
            e.fields(),
            [
                Field::StapleIntake,
                Field::BodyTemperature,
                Field::Diastolic
            ]
        );
    }

    #[test]
    fn an_empty_visit_is_refused_and_a_future_one_too() {
        let e = form().parse(by(), now()).unwrap_err();
        assert_eq!(e.fields(), [Field::Visit]);
        let f = VisitForm {
            at: "2026-11-26T10:30".into(),
            note: "様子".into(),
            ..VisitForm::default()
        };
        assert_eq!(
            f.parse(by(), now()).unwrap_err().fields(),
            [Field::RecordedAt]
        );
    }

    #[test]
    fn half_a_blood_pressure_asks_for_the_other_half() {
        let f = VisitForm {
            systolic: "120".into(),
            ..form()
        };
        assert_eq!(
            f.parse(by(), now()).unwrap_err().fields(),
            [Field::Diastolic]
        );
    }

    #[test]
    fn the_note_keeps_its_class_and_team_mark() {
        let f = VisitForm {
            note: "血圧高め、様子を見る".into(),
            note_class: "medical".into(),
            team_only: Some("on".into()),
            ..form()
        };
        let v = f.parse(by(), now()).unwrap();
        assert_eq!(v.records[0].class, InfoClass::Medical);
        assert!(v.records[0].team_only);
        assert_eq!(v.records[0].note.as_str(), "血圧高め、様子を見る");
    }
}
