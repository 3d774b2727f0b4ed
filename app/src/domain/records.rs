//! Daily care records (介護記録) as staff write them. The staff's own wording
//! (`note`) is stored unchanged; structured values sit beside it.

use serde::{Deserialize, Serialize};

use super::classes::InfoClass;
use super::ids::{PersonId, ProviderId, RecipientId, RecordId};
use super::time::OccurredAt;
use super::validation::{text_newtype, Field, FieldError, Problem, ValidationErrors};
use super::vitals::parse_whole;

/// 摂取量 in 割 (tenths of the served amount): 0–10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wari(u8);

impl Wari {
    pub fn new(field: Field, v: i64) -> Result<Self, FieldError> {
        u8::try_from(v)
            .ok()
            .filter(|v| *v <= 10)
            .map(Self)
            .ok_or_else(|| FieldError::out_of_range(field, 0, 10))
    }

    /// Reads "8" or "8割".
    pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
        let t = raw.trim();
        let t = t.strip_suffix('割').unwrap_or(t);
        Self::new(field, parse_whole(field, t)?)
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

/// 水分 in ml for one record: 0–3000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FluidMl(u16);

impl FluidMl {
    pub const MAX: i64 = 3000;

    pub fn new(v: i64) -> Result<Self, FieldError> {
        u16::try_from(v)
            .ok()
            .filter(|v| i64::from(*v) <= Self::MAX)
            .map(Self)
            .ok_or_else(|| FieldError::out_of_range(Field::FluidIntake, 0, Self::MAX))
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let t = raw.trim();
        let t = t
            .strip_suffix("ml")
            .or_else(|| t.strip_suffix("mL"))
            .unwrap_or(t);
        Self::new(parse_whole(Field::FluidIntake, t)?)
    }

    pub fn value(self) -> u16 {
        self.0
    }
}

/// 排泄の回数 in one record: 0–20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcretionCount(u8);

impl ExcretionCount {
    pub fn new(v: i64) -> Result<Self, FieldError> {
        u8::try_from(v)
            .ok()
            .filter(|v| *v <= 20)
            .map(Self)
            .ok_or_else(|| FieldError::out_of_range(Field::ExcretionCount, 0, 20))
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

text_newtype!(
    /// The staff's original wording, kept exactly as written.
    RecordNote,
    Field::Note,
    2000,
    optional
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExcretionKind {
    Urine,
    Stool,
    Both,
}

impl ExcretionKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Urine => "urine",
            Self::Stool => "stool",
            Self::Both => "both",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        match c {
            "urine" => Some(Self::Urine),
            "stool" => Some(Self::Stool),
            "both" => Some(Self::Both),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BathKind {
    /// 入浴
    Bath,
    /// シャワー浴
    Shower,
    /// 清拭 (bed bath)
    BedBath,
    /// 部分浴 (手浴・足浴)
    Partial,
}

impl BathKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Bath => "bath",
            Self::Shower => "shower",
            Self::BedBath => "bed_bath",
            Self::Partial => "partial",
        }
    }
    pub fn from_code(c: &str) -> Option<Self> {
        match c {
            "bath" => Some(Self::Bath),
            "shower" => Some(Self::Shower),
            "bed_bath" => Some(Self::BedBath),
            "partial" => Some(Self::Partial),
            _ => None,
        }
    }
}

/// What kind of care a record is about, with its structured values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordBody {
    /// 食事: 主食/副食 in 割, 水分 in ml.
    Meal {
        staple: Option<Wari>,
        side: Option<Wari>,
        fluid: Option<FluidMl>,
    },
    /// 排泄: 尿/便, 回数, 性状.
    Excretion {
        kind: ExcretionKind,
        count: Option<ExcretionCount>,
        character: String,
    },
    /// 入浴/清拭.
    Bathing { kind: BathKind },
    /// 睡眠.
    Sleep,
    /// 服薬.
    Medication,
    /// 口腔ケア.
    OralCare,
    /// 様子・特記事項: free text only.
    Observation,
}

/// The category of a record, as the reading pages filter by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordCategory {
    Meal,
    Excretion,
    Bathing,
    Sleep,
    Medication,
    OralCare,
    Observation,
}

impl RecordCategory {
    pub const ALL: &'static [RecordCategory] = &[
        Self::Meal,
        Self::Excretion,
        Self::Bathing,
        Self::Sleep,
        Self::Medication,
        Self::OralCare,
        Self::Observation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Meal => "meal",
            Self::Excretion => "excretion",
            Self::Bathing => "bathing",
            Self::Sleep => "sleep",
            Self::Medication => "medication",
            Self::OralCare => "oral_care",
            Self::Observation => "observation",
        }
    }

    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == c)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Meal => "category-meal",
            Self::Excretion => "category-excretion",
            Self::Bathing => "category-bathing",
            Self::Sleep => "category-sleep",
            Self::Medication => "category-medication",
            Self::OralCare => "category-oral-care",
            Self::Observation => "category-observation",
        }
    }
}

impl RecordBody {
    pub fn category(&self) -> RecordCategory {
        match self {
            Self::Meal { .. } => RecordCategory::Meal,
            Self::Excretion { .. } => RecordCategory::Excretion,
            Self::Bathing { .. } => RecordCategory::Bathing,
            Self::Sleep => RecordCategory::Sleep,
            Self::Medication => RecordCategory::Medication,
            Self::OralCare => RecordCategory::OralCare,
            Self::Observation => RecordCategory::Observation,
        }
    }
}

/// A care record ready to be stored: every part already parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCareRecord {
    pub recipient: RecipientId,
    pub provider: ProviderId,
    pub author: PersonId,
    pub occurred_at: OccurredAt,
    pub body: RecordBody,
    pub note: RecordNote,
    pub class: InfoClass,
    /// チーム内: 本人 and family never see it.
    pub team_only: bool,
}

impl NewCareRecord {
    /// A record must say something: a 様子 record without words is empty,
    /// and so is a meal with no amount and no note.
    pub fn check_complete(self) -> Result<Self, ValidationErrors> {
        let empty_meal = matches!(
            self.body,
            RecordBody::Meal {
                staple: None,
                side: None,
                fluid: None
            }
        );
        let needs_words = matches!(self.body, RecordBody::Observation) || empty_meal;
        if needs_words && self.note.is_empty() {
            return Err(FieldError::new(Field::Note, Problem::Required).into());
        }
        if let RecordBody::Excretion { character, .. } = &self.body {
            if super::validation::char_count(character) > 40 {
                return Err(FieldError::new(Field::Note, Problem::TooLong { max: 40 }).into());
            }
        }
        Ok(self)
    }
}

/// The newest correction of a record: who, when, and how many earlier
/// versions are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub by_name: String,
    pub at: OccurredAt,
    pub earlier: i64,
}

/// An earlier version of a corrected record, as it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub revision: i64,
    pub note: String,
    pub written_by_name: String,
    pub written_at: OccurredAt,
    pub replaced_by_name: String,
    pub replaced_at: OccurredAt,
}

/// A stored care record as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareRecord {
    pub id: RecordId,
    pub recipient: RecipientId,
    /// Who wrote it first (only they correct it).
    pub author: PersonId,
    /// Set once the record has been corrected.
    pub corrected: Option<Correction>,
    pub provider_name: String,
    pub author_name: String,
    pub occurred_at: OccurredAt,
    pub body: RecordBody,
    pub note: String,
    pub class: InfoClass,
    pub team_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_wari_is_refused_and_names_the_field() {
        let e = Wari::parse(Field::StapleIntake, "12割").unwrap_err();
        assert_eq!(e.field, Field::StapleIntake);
        assert!(matches!(e.problem, Problem::OutOfRange { .. }));
        assert_eq!(Wari::parse(Field::SideIntake, "8割").unwrap().value(), 8);
        assert_eq!(Wari::parse(Field::SideIntake, "10").unwrap().value(), 10);
    }

    #[test]
    fn fluid_over_three_litres_in_one_record_is_refused() {
        assert!(FluidMl::parse("3500").is_err());
        assert_eq!(FluidMl::parse("200ml").unwrap().value(), 200);
    }

    #[test]
    fn a_note_over_its_limit_is_refused() {
        let long = "あ".repeat(RecordNote::MAX + 1);
        let e = RecordNote::parse(&long).unwrap_err();
        assert_eq!(
            e.problem,
            Problem::TooLong {
                max: RecordNote::MAX
            }
        );
        assert!(RecordNote::parse(&"あ".repeat(RecordNote::MAX)).is_ok());
    }

    #[test]
    fn categories_round_trip() {
        for c in RecordCategory::ALL {
            assert_eq!(RecordCategory::from_code(c.code()), Some(*c));
        }
    }
}
