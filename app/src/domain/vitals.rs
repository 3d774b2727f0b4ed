//! Vital signs (バイタルサイン). Each value is a newtype whose only way in is
//! `parse`, which refuses what no living person can have. Decimals are kept
//! as integer tenths so 36.8 stays exactly 36.8 in both databases.

use serde::{Deserialize, Serialize};

use super::ids::{PersonId, RecipientId};
use super::time::OccurredAt;
use super::validation::{text_newtype, Field, FieldError, Problem, ValidationErrors};

/// Reads "36.8", "36", "３６．８" (full-width, as Japanese IMEs type) into tenths.
pub fn parse_tenths(field: Field, raw: &str) -> Result<i64, FieldError> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect();
    let nan = || FieldError::new(field, Problem::NotANumber);
    if s.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 6 {
        return Err(nan());
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 1 {
        return Err(nan());
    }
    let i: i64 = int.parse().map_err(|_| nan())?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| nan())?
    };
    Ok(i * 10 + f)
}

/// Reads a whole number such as "72" (full-width digits too).
pub fn parse_whole(field: Field, raw: &str) -> Result<i64, FieldError> {
    let tenths = parse_tenths(field, raw)?;
    if tenths % 10 != 0 || raw.contains('.') || raw.contains('．') {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    Ok(tenths / 10)
}

fn tenths_str(t: i64) -> String {
    format!("{}.{}", t / 10, t % 10)
}

macro_rules! bounded_whole {
    ($(#[$m:meta])* $name:ident, $field:expr, $min:expr, $max:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(i64);
        impl $name {
            pub const MIN: i64 = $min;
            pub const MAX: i64 = $max;
            pub fn new(v: i64) -> Result<Self, FieldError> {
                if (Self::MIN..=Self::MAX).contains(&v) {
                    Ok(Self(v))
                } else {
                    Err(FieldError::out_of_range($field, Self::MIN, Self::MAX))
                }
            }
            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                Self::new(parse_whole($field, raw)?)
            }
            pub fn value(self) -> i64 {
                self.0
            }
        }
    };
}

macro_rules! bounded_tenths {
    ($(#[$m:meta])* $name:ident, $field:expr, $min:expr, $max:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(i64);
        impl $name {
            /// Bounds in tenths of the unit.
            pub const MIN: i64 = $min;
            pub const MAX: i64 = $max;
            pub fn from_tenths(v: i64) -> Result<Self, FieldError> {
                if (Self::MIN..=Self::MAX).contains(&v) {
                    Ok(Self(v))
                } else {
                    Err(FieldError::out_of_range(
                        $field,
                        tenths_str(Self::MIN),
                        tenths_str(Self::MAX),
                    ))
                }
            }
            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                Self::from_tenths(parse_tenths($field, raw)?)
            }
            pub fn tenths(self) -> i64 {
                self.0
            }
            /// As staff write it: "36.8".
            pub fn display(self) -> String {
                tenths_str(self.0)
            }
        }
    };
}

bounded_tenths!(
    /// 体温 in ℃: 34.0–42.0.
    BodyTemperature, Field::BodyTemperature, 340, 420
);
bounded_whole!(
    /// 上の血圧 (収縮期) in mmHg.
    Systolic, Field::Systolic, 50, 260
);
bounded_whole!(
    /// 下の血圧 (拡張期) in mmHg.
    Diastolic, Field::Diastolic, 20, 160
);
bounded_whole!(
    /// 脈拍 per minute.
    Pulse, Field::Pulse, 20, 250
);
bounded_whole!(
    /// SpO2 (血液の中の酸素) in %.
    Spo2, Field::Spo2, 50, 100
);
bounded_whole!(
    /// 呼吸数 per minute.
    RespiratoryRate, Field::RespiratoryRate, 4, 60
);
bounded_tenths!(
    /// 体重 in kg: 10.0–250.0.
    Weight, Field::Weight, 100, 2500
);
bounded_tenths!(
    /// 身長 in cm: 80.0–230.0.
    Height, Field::Height, 800, 2300
);

/// 血圧: the lower value must be below the upper one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BloodPressure {
    systolic: Systolic,
    diastolic: Diastolic,
}

impl BloodPressure {
    pub fn new(systolic: i64, diastolic: i64) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let s = errs.check(Systolic::new(systolic));
        let d = errs.check(Diastolic::new(diastolic));
        match (s, d) {
            (Some(s), Some(d)) => Self::pair(s, d).map_err(ValidationErrors::from),
            _ => Err(errs),
        }
    }

    pub fn pair(systolic: Systolic, diastolic: Diastolic) -> Result<Self, FieldError> {
        if diastolic.value() >= systolic.value() {
            return Err(FieldError::new(
                Field::Diastolic,
                Problem::DiastolicNotBelowSystolic,
            ));
        }
        Ok(Self {
            systolic,
            diastolic,
        })
    }

    pub fn systolic(self) -> i64 {
        self.systolic.value()
    }

    pub fn diastolic(self) -> i64 {
        self.diastolic.value()
    }
}

/// One measurement session: any subset of the vital signs, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VitalSigns {
    pub temperature: Option<BodyTemperature>,
    pub blood_pressure: Option<BloodPressure>,
    pub pulse: Option<Pulse>,
    pub spo2: Option<Spo2>,
    pub respiratory_rate: Option<RespiratoryRate>,
    pub weight: Option<Weight>,
    pub height: Option<Height>,
}

/// Vital signs as typed into a form: every field is text, empty means "not measured".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VitalSignsInput {
    pub temperature: String,
    pub systolic: String,
    pub diastolic: String,
    pub pulse: String,
    pub spo2: String,
    pub respiratory_rate: String,
    pub weight: String,
    pub height: String,
}

fn opt<T>(
    errs: &mut ValidationErrors,
    raw: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Option<T> {
    if raw.trim().is_empty() {
        None
    } else {
        errs.check(parse(raw))
    }
}

impl VitalSigns {
    /// Parses a whole form and reports every bad field at once.
    pub fn parse(input: &VitalSignsInput) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let temperature = opt(&mut errs, &input.temperature, BodyTemperature::parse);
        let systolic = opt(&mut errs, &input.systolic, Systolic::parse);
        let diastolic = opt(&mut errs, &input.diastolic, Diastolic::parse);
        let blood_pressure = match (
            input.systolic.trim().is_empty(),
            input.diastolic.trim().is_empty(),
        ) {
            (true, true) => None,
            // Half a blood pressure is not a measurement.
            (false, true) => {
                errs.push(FieldError::new(Field::Diastolic, Problem::Required));
                None
            }
            (true, false) => {
                errs.push(FieldError::new(Field::Systolic, Problem::Required));
                None
            }
            (false, false) => match (systolic, diastolic) {
                (Some(s), Some(d)) => errs.check(BloodPressure::pair(s, d)),
                _ => None,
            },
        };
        let vitals = Self {
            temperature,
            blood_pressure,
            pulse: opt(&mut errs, &input.pulse, Pulse::parse),
            spo2: opt(&mut errs, &input.spo2, Spo2::parse),
            respiratory_rate: opt(&mut errs, &input.respiratory_rate, RespiratoryRate::parse),
            weight: opt(&mut errs, &input.weight, Weight::parse),
            height: opt(&mut errs, &input.height, Height::parse),
        };
        errs.into_result()?;
        vitals.ensure_something_measured()?;
        Ok(vitals)
    }

    pub fn ensure_something_measured(&self) -> Result<(), ValidationErrors> {
        if *self == Self::default() {
            return Err(FieldError::new(Field::Vitals, Problem::NothingMeasured).into());
        }
        Ok(())
    }
}

/// A measurement ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewVitals {
    pub recipient: super::ids::RecipientId,
    pub provider: super::ids::ProviderId,
    pub measured_by: super::ids::PersonId,
    pub measured_at: super::time::OccurredAt,
    pub vitals: VitalSigns,
    pub class: super::classes::InfoClass,
    pub team_only: bool,
}

/// A stored measurement as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VitalsReading {
    pub id: super::ids::VitalsId,
    pub measured_at: super::time::OccurredAt,
    pub measured_by_name: String,
    pub vitals: VitalSigns,
    pub class: super::classes::InfoClass,
    pub team_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(f: impl FnOnce(&mut VitalSignsInput)) -> VitalSignsInput {
        let mut i = VitalSignsInput::default();
        f(&mut i);
        i
    }

    #[test]
    fn typical_morning_vitals_parse() {
        let v = VitalSigns::parse(&input(|i| {
            i.temperature = "36.8".into();
            i.systolic = "142".into();
            i.diastolic = "78".into();
            i.pulse = "72".into();
            i.spo2 = "96".into();
        }))
        .unwrap();
        assert_eq!(v.temperature.unwrap().display(), "36.8");
        assert_eq!(v.blood_pressure.unwrap().systolic(), 142);
        assert_eq!(v.spo2.unwrap().value(), 96);
    }

    #[test]
    fn full_width_digits_from_a_japanese_keyboard_are_read() {
        assert_eq!(BodyTemperature::parse("３６．５").unwrap().tenths(), 365);
        assert_eq!(Pulse::parse("７２").unwrap().value(), 72);
    }

    #[test]
    fn blood_pressure_400_over_20_is_refused_naming_the_upper_value() {
        let errs = BloodPressure::new(400, 20).unwrap_err();
        assert_eq!(errs.fields(), vec![Field::Systolic]);
        assert_eq!(
            errs.messages(crate::i18n::Lang::Ja),
            vec!["上の血圧は50から260までの数にしてください。".to_string()]
        );
        let both = BloodPressure::new(400, 10).unwrap_err();
        assert_eq!(both.fields(), vec![Field::Systolic, Field::Diastolic]);
    }

    #[test]
    fn lower_pressure_above_upper_is_refused() {
        let errs = BloodPressure::new(80, 120).unwrap_err();
        assert_eq!(errs.0[0].problem, Problem::DiastolicNotBelowSystolic);
        let equal = BloodPressure::new(90, 90).unwrap_err();
        assert_eq!(equal.fields(), vec![Field::Diastolic]);
    }

    #[test]
    fn spo2_of_140_percent_is_refused() {
        let e = Spo2::parse("140").unwrap_err();
        assert_eq!(e.field, Field::Spo2);
        assert!(matches!(e.problem, Problem::OutOfRange { .. }));
    }

    #[test]
    fn words_and_extra_decimals_are_not_numbers() {
        assert_eq!(
            BodyTemperature::parse("36.85").unwrap_err().problem,
            Problem::NotANumber
        );
        assert_eq!(
            Pulse::parse("72.5").unwrap_err().problem,
            Problem::NotANumber
        );
        assert_eq!(
            Pulse::parse("多い").unwrap_err().problem,
            Problem::NotANumber
        );
        assert_eq!(Pulse::parse("-5").unwrap_err().problem, Problem::NotANumber);
    }

    #[test]
    fn half_a_blood_pressure_is_refused() {
        let errs = VitalSigns::parse(&input(|i| i.systolic = "130".into())).unwrap_err();
        assert_eq!(errs.fields(), vec![Field::Diastolic]);
    }

    #[test]
    fn an_empty_form_is_refused() {
        let errs = VitalSigns::parse(&VitalSignsInput::default()).unwrap_err();
        assert_eq!(errs.fields(), vec![Field::Vitals]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errs = VitalSigns::parse(&input(|i| {
            i.temperature = "45".into();
            i.spo2 = "140".into();
            i.pulse = "72".into();
        }))
        .unwrap_err();
        assert_eq!(errs.fields(), vec![Field::BodyTemperature, Field::Spo2]);
    }
}

/// Which value a doctor's target is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetKind {
    Systolic,
    Diastolic,
    Pulse,
    Spo2,
}

impl TargetKind {
    pub const ALL: [TargetKind; 4] = [Self::Systolic, Self::Diastolic, Self::Pulse, Self::Spo2];

    pub fn code(self) -> &'static str {
        match self {
            Self::Systolic => "systolic",
            Self::Diastolic => "diastolic",
            Self::Pulse => "pulse",
            Self::Spo2 => "spo2",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Checks one end of a range as a reading of this value would be.
    fn check(self, v: i64) -> Result<i64, FieldError> {
        match self {
            Self::Systolic => Systolic::new(v).map(Systolic::value),
            Self::Diastolic => Diastolic::new(v).map(Diastolic::value),
            Self::Pulse => Pulse::new(v).map(Pulse::value),
            Self::Spo2 => Spo2::new(v).map(Spo2::value),
        }
    }
}

/// A range a doctor set for one person (主治医の指示): a value is within
/// it when `low <= value < high`. Either end may be open, not both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRange {
    low: Option<i64>,
    high: Option<i64>,
}

impl TargetRange {
    pub fn new(kind: TargetKind, low: Option<i64>, high: Option<i64>) -> Result<Self, FieldError> {
        if low.is_none() && high.is_none() {
            return Err(FieldError::new(Field::VitalTarget, Problem::Required));
        }
        let low = low.map(|v| kind.check(v)).transpose()?;
        let high = high.map(|v| kind.check(v)).transpose()?;
        if let (Some(l), Some(h)) = (low, high) {
            if l >= h {
                return Err(FieldError::new(
                    Field::VitalTarget,
                    Problem::LowNotBelowHigh,
                ));
            }
        }
        Ok(Self { low, high })
    }

    pub fn low(self) -> Option<i64> {
        self.low
    }

    pub fn high(self) -> Option<i64> {
        self.high
    }
}

text_newtype!(
    /// The doctor (or clinic) who set a target, as written.
    DoctorName, Field::TargetDoctor, 100, required
);

/// A doctor's target for one value of one person, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVitalTarget {
    pub recipient: RecipientId,
    pub kind: TargetKind,
    pub range: TargetRange,
    pub doctor: DoctorName,
    /// Who typed the doctor's instruction in (a nurse, the care manager).
    pub recorded_by: PersonId,
    pub set_at: OccurredAt,
}

/// The targets in force for a person: the newest one for each value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VitalTargets {
    pub systolic: Option<TargetRange>,
    pub diastolic: Option<TargetRange>,
    pub pulse: Option<TargetRange>,
    pub spo2: Option<TargetRange>,
}

impl VitalTargets {
    pub fn set(&mut self, kind: TargetKind, range: TargetRange) {
        let slot = match kind {
            TargetKind::Systolic => &mut self.systolic,
            TargetKind::Diastolic => &mut self.diastolic,
            TargetKind::Pulse => &mut self.pulse,
            TargetKind::Spo2 => &mut self.spo2,
        };
        *slot = Some(range);
    }
}
