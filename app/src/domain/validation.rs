//! Field-level validation errors shared by every domain newtype.
//!
//! Errors carry a field and a problem, never a sentence: the Japanese (or
//! English) text comes from `locales/` so the same error reads the same on
//! the server, in the browser and on the command line.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::i18n::{self, Lang};

/// Declares `Field` with the Fluent key of each label, and `Field::ALL`.
macro_rules! fields {
    ($($variant:ident => $key:literal;)*) => {
        /// Every input field a person can get wrong.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Field { $($variant),* }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            pub fn label_key(self) -> &'static str {
                match self { $(Field::$variant => $key),* }
            }
        }
    };
}

fields! {
    RecordedAt => "field-recorded-at";
    Note => "field-note";
    StapleIntake => "field-staple-intake";
    SideIntake => "field-side-intake";
    FluidIntake => "field-fluid-intake";
    ExcretionCount => "field-excretion-count";
    BodyTemperature => "field-body-temperature";
    Systolic => "field-systolic";
    Diastolic => "field-diastolic";
    Pulse => "field-pulse";
    Spo2 => "field-spo2";
    RespiratoryRate => "field-respiratory-rate";
    Weight => "field-weight";
    Height => "field-height";
    Vitals => "field-vitals";
    Name => "field-name";
    NameKana => "field-name-kana";
    BirthDate => "field-birth-date";
    ProviderName => "field-provider-name";
    MedicalTitle => "field-medical-title";
    MedicalDetail => "field-medical-detail";
    DysphagiaCode => "field-dysphagia-code";
    PlanIntention => "field-plan-intention";
    PlanPolicy => "field-plan-policy";
    CertificationPeriod => "field-certification-period";
    Need => "field-need";
    Goal => "field-goal";
    GoalPeriod => "field-goal-period";
    ServiceContent => "field-service-content";
    ServiceKind => "field-service-kind";
    Frequency => "field-frequency";
    WeeklySlot => "field-weekly-slot";
    VitalTarget => "field-vital-target";
    TargetDoctor => "field-target-doctor";
    DeviceName => "field-device-name";
    EndDate => "field-end-date";
    FamilyRelation => "field-family-relation";
    CareLevel => "field-care-level";
    ServiceType => "field-service-type";
    Role => "field-role";
    PrintFrom => "field-print-from";
    PrintTo => "field-print-to";
    PrintPeriod => "field-print-period";
    WishTopic => "field-wish-topic";
    WishText => "field-wish-text";
    AcpValues => "field-acp-values";
    AcpCarePlace => "field-acp-care-place";
    AcpEndPlace => "field-acp-end-place";
    AcpCpr => "field-acp-cpr";
    AcpVentilator => "field-acp-ventilator";
    AcpTubeFeeding => "field-acp-tube-feeding";
    AcpDrip => "field-acp-drip";
    AcpHospital => "field-acp-hospital";
    AcpProxy => "field-acp-proxy";
    AcpProxyScope => "field-acp-proxy-scope";
    AcpDiscussedOn => "field-acp-discussed-on";
    AcpParticipants => "field-acp-participants";
    AcpNotes => "field-acp-notes";
    CommentText => "field-comment-text";
    Email => "field-email";
    Excretion => "field-excretion";
    ExcretionCharacter => "field-excretion-character";
    Bathing => "field-bathing";
    Visit => "field-visit";
    MedicalKind => "field-medical-kind";
    InfoClass => "field-info-class";
    LongGoal => "field-long-goal";
    LongGoalPeriod => "field-long-goal-period";
    ShortGoal => "field-short-goal";
    ShortGoalPeriod => "field-short-goal-period";
    ServicePeriod => "field-service-period";
    Weekday => "field-weekday";
    SlotStart => "field-slot-start";
    SlotEnd => "field-slot-end";
    DailyActivity => "field-daily-activity";
    OtherServices => "field-other-services";
    WorkEndDate => "field-work-end-date";
}

/// What is wrong with a field's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    /// Outside the range a living person (or the form) can have. Bounds are
    /// shown to the user as written here, in the field's unit.
    OutOfRange {
        min: String,
        max: String,
    },
    DiastolicNotBelowSystolic,
    InFuture,
    PeriodReversed,
    NotANumber,
    NotADate,
    UnknownChoice,
    NothingMeasured,
    /// A form with nothing chosen or written.
    NothingWritten,
    /// Not an e-mail address.
    NotAnEmail,
    /// A range whose lower end is not below its upper end.
    LowNotBelowHigh,
    /// An end date before the start it ends.
    BeforeStart,
    /// A period longer than the form allows.
    PeriodTooLong {
        max_days: u32,
    },
    /// A day outside `from..=to` (both `YYYY-MM-DD`, shown as Japanese
    /// dates).
    DayOutOfRange {
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
    /// The line of a form with repeated lines (a care plan's 第2表), counted
    /// from 1 as the form shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u16>,
}

impl FieldError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self {
            field,
            problem,
            row: None,
        }
    }

    /// The same problem, said of line `row` of a form with repeated lines.
    pub fn at_row(self, row: usize) -> Self {
        Self {
            row: u16::try_from(row).ok(),
            ..self
        }
    }

    /// The same problem, said of another field (a shared newtype such as
    /// `GoalText` names its own field; a form may know a narrower one).
    pub fn as_field(self, field: Field) -> Self {
        Self { field, ..self }
    }

    pub fn out_of_range(field: Field, min: impl ToString, max: impl ToString) -> Self {
        Self::new(
            field,
            Problem::OutOfRange {
                min: min.to_string(),
                max: max.to_string(),
            },
        )
    }

    /// The message a person reads: it always names the field.
    pub fn message(&self, lang: Lang) -> String {
        let label = i18n::text(lang, self.field.label_key());
        let field = match self.row {
            Some(row) => i18n::text_with(
                lang,
                "field-at-row",
                &[("row", row.to_string()), ("field", label)],
            ),
            None => label,
        };
        let mut args = vec![("field", field)];
        let key = match &self.problem {
            Problem::Required => "error-required",
            Problem::TooLong { max } => {
                args.push(("max", max.to_string()));
                "error-too-long"
            }
            Problem::OutOfRange { min, max } => {
                args.push(("min", min.clone()));
                args.push(("max", max.clone()));
                "error-out-of-range"
            }
            Problem::DiastolicNotBelowSystolic => "error-diastolic-not-below-systolic",
            Problem::InFuture => "error-in-future",
            Problem::PeriodReversed => "error-period-reversed",
            Problem::NotANumber => "error-not-a-number",
            Problem::NotADate => "error-not-a-date",
            Problem::UnknownChoice => "error-unknown-choice",
            Problem::NothingMeasured => "error-nothing-measured",
            Problem::NothingWritten => "error-nothing-written",
            Problem::NotAnEmail => "error-not-an-email",
            Problem::LowNotBelowHigh => "error-low-not-below-high",
            Problem::BeforeStart => "error-before-start",
            Problem::PeriodTooLong { max_days } => {
                args.push(("max", max_days.to_string()));
                "error-period-too-long"
            }
            Problem::DayOutOfRange { from, to } => {
                args.push(("from", shown_day(from)));
                args.push(("to", shown_day(to)));
                "error-day-out-of-range"
            }
        };
        i18n::text_with(lang, key, &args)
    }
}

/// A day as a bound of a message: 「2026年12月7日(月)」 (as written,
/// should it not be a day).
fn shown_day(raw: &str) -> String {
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_or_else(|_| raw.to_string(), crate::domain::time::japanese_date)
}

/// All the problems of one form, so a person can fix them in one go.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, thiserror::Error)]
#[error("{} invalid field(s)", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps the value when it parsed, remembers the error when it did not.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    pub fn fields(&self) -> Vec<Field> {
        self.0.iter().map(|e| e.field).collect()
    }

    pub fn messages(&self, lang: Lang) -> Vec<String> {
        self.0.iter().map(|e| e.message(lang)).collect()
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

/// A query parameter no page of ours writes (an address edited by hand, or
/// cut short when it was copied): refused as a whole. There is no field to
/// name, because nobody typed it into a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a query parameter this site does not write")]
pub struct UnknownQuery;

/// Counts what a person sees as characters (grapheme clusters), not bytes:
/// one kanji is one character, so is a family emoji.
pub fn char_count(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Trimmed text that is not empty and at most `max` characters long.
pub fn required_text(field: Field, raw: &str, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    if char_count(t) > max {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok(t.to_string())
}

/// Trimmed text that may be empty but is at most `max` characters long.
pub fn optional_text(field: Field, raw: &str, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if char_count(t) > max {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok(t.to_string())
}

/// Macro for a text newtype: `TextType::parse(raw)` trims and checks length.
macro_rules! text_newtype {
    ($(#[$m:meta])* $name:ident, $field:expr, $max:expr, required) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $name(String);
        impl $name {
            pub const MAX: usize = $max;
            pub fn parse(raw: &str) -> Result<Self, $crate::domain::validation::FieldError> {
                $crate::domain::validation::required_text($field, raw, $max).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
    ($(#[$m:meta])* $name:ident, $field:expr, $max:expr, optional) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
        pub struct $name(String);
        impl $name {
            pub const MAX: usize = $max;
            pub fn parse(raw: &str) -> Result<Self, $crate::domain::validation::FieldError> {
                $crate::domain::validation::optional_text($field, raw, $max).map(Self)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use text_newtype;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_in_japanese() {
        let e = FieldError::out_of_range(Field::Spo2, 50, 100);
        assert_eq!(
            e.message(Lang::Ja),
            "SpO2(血液の中の酸素)は50から100までの数にしてください。"
        );
        let e = FieldError::new(Field::Diastolic, Problem::DiastolicNotBelowSystolic);
        assert_eq!(
            e.message(Lang::Ja),
            "下の血圧は、上の血圧より小さい数にしてください。"
        );
        let e = FieldError::new(Field::RecordedAt, Problem::InFuture);
        assert!(e.message(Lang::Ja).starts_with("日時が"));
        let e = FieldError::new(Field::Note, Problem::TooLong { max: 2000 });
        assert_eq!(
            e.message(Lang::Ja),
            "きろくの文は2000文字までにしてください。"
        );
        // A form of repeated lines names the line too.
        let e = FieldError::new(Field::ShortGoalPeriod, Problem::PeriodReversed).at_row(4);
        assert_eq!(
            e.message(Lang::Ja),
            "4行目の短期目標の期間は、終わりの日を始まりの日より後にしてください。"
        );
    }

    #[test]
    fn every_field_has_a_japanese_label() {
        for &f in Field::ALL {
            let label = crate::i18n::text(Lang::Ja, f.label_key());
            assert_ne!(label, f.label_key(), "{f:?} has no Japanese label");
        }
    }

    #[test]
    fn required_text_is_trimmed_and_counted_in_characters() {
        assert_eq!(
            required_text(Field::Name, "  山本 ハナ ", 10).unwrap(),
            "山本 ハナ"
        );
        assert_eq!(
            required_text(Field::Name, "　 ", 10).unwrap_err().problem,
            Problem::Required
        );
        // 5 kanji are 15 bytes but 5 characters.
        assert!(required_text(Field::Name, "山本花子様", 5).is_ok());
        assert!(required_text(Field::Name, "山本花子様だ", 5).is_err());
    }
}
