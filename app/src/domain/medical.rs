//! Key medical facts (医療の情報) the team shares: allergies, contraindicated
//! drugs, food texture, pressure-ulcer care, the doctor's plan, history.

use serde::{Deserialize, Serialize};

use super::classes::InfoClass;
use super::ids::{MedicalItemId, PersonId, RecipientId};
use super::time::OccurredAt;
use super::validation::{text_newtype, Field, FieldError, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MedicalKind {
    /// アレルギー
    Allergy,
    /// 薬剤禁忌
    DrugContraindication,
    /// 食事形態 (with a 嚥下調整食分類2021 code)
    FoodTexture,
    /// 嚥下の状態
    Swallowing,
    /// 褥瘡の処置
    PressureUlcerCare,
    /// 主治医意見書: 現在あるかまたは今後発生の可能性の高い状態とその対処方針
    DoctorPlan,
    /// 既往歴
    History,
}

impl MedicalKind {
    pub const ALL: &'static [MedicalKind] = &[
        Self::Allergy,
        Self::DrugContraindication,
        Self::FoodTexture,
        Self::Swallowing,
        Self::PressureUlcerCare,
        Self::DoctorPlan,
        Self::History,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Allergy => "allergy",
            Self::DrugContraindication => "drug_contraindication",
            Self::FoodTexture => "food_texture",
            Self::Swallowing => "swallowing",
            Self::PressureUlcerCare => "pressure_ulcer_care",
            Self::DoctorPlan => "doctor_plan",
            Self::History => "history",
        }
    }

    pub fn from_code(c: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == c)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Allergy => "medical-allergy",
            Self::DrugContraindication => "medical-drug-contraindication",
            Self::FoodTexture => "medical-food-texture",
            Self::Swallowing => "medical-swallowing",
            Self::PressureUlcerCare => "medical-pressure-ulcer-care",
            Self::DoctorPlan => "medical-doctor-plan",
            Self::History => "medical-history",
        }
    }
}

/// 日本摂食嚥下リハビリテーション学会 嚥下調整食分類2021 のコード.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DysphagiaCode {
    Code0j,
    Code0t,
    Code1j,
    Code2_1,
    Code2_2,
    Code3,
    Code4,
}

impl DysphagiaCode {
    pub const ALL: &'static [DysphagiaCode] = &[
        Self::Code0j,
        Self::Code0t,
        Self::Code1j,
        Self::Code2_1,
        Self::Code2_2,
        Self::Code3,
        Self::Code4,
    ];

    /// The code as printed in the classification ("2-1", "0j").
    pub fn code(self) -> &'static str {
        match self {
            Self::Code0j => "0j",
            Self::Code0t => "0t",
            Self::Code1j => "1j",
            Self::Code2_1 => "2-1",
            Self::Code2_2 => "2-2",
            Self::Code3 => "3",
            Self::Code4 => "4",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let t = raw.trim().to_ascii_lowercase().replace('－', "-");
        let t = t.strip_prefix("コード").unwrap_or(&t);
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code() == t)
            .ok_or_else(|| FieldError::new(Field::DysphagiaCode, Problem::UnknownChoice))
    }
}

text_newtype!(
    /// Short heading: the allergen, the drug, the diagnosis.
    MedicalTitle, Field::MedicalTitle, 200, required
);
text_newtype!(
    /// The professional's wording, kept unchanged.
    MedicalDetail, Field::MedicalDetail, 2000, optional
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMedicalItem {
    pub recipient: RecipientId,
    pub author: PersonId,
    pub recorded_at: OccurredAt,
    pub kind: MedicalKind,
    pub title: MedicalTitle,
    pub detail: MedicalDetail,
    /// Only for 食事形態.
    pub dysphagia_code: Option<DysphagiaCode>,
    pub class: InfoClass,
    pub team_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedicalItem {
    pub id: MedicalItemId,
    pub item: NewMedicalItem,
}

/// The entry form as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MedicalForm {
    pub kind: String,
    pub title: String,
    pub detail: String,
    /// Only for 食事形態; "" for none.
    pub dysphagia_code: String,
    /// "medical" (the default) or "living".
    pub class: String,
    pub team_only: Option<String>,
}

impl MedicalForm {
    /// Checks every field at once.
    pub fn parse(
        &self,
        recipient: RecipientId,
        author: PersonId,
        at: OccurredAt,
    ) -> Result<NewMedicalItem, super::validation::ValidationErrors> {
        let mut errs = super::validation::ValidationErrors::default();
        let kind = errs.check(
            MedicalKind::from_code(self.kind.trim())
                .ok_or_else(|| FieldError::new(Field::MedicalKind, Problem::UnknownChoice)),
        );
        let title = errs.check(MedicalTitle::parse(&self.title));
        let detail = errs.check(MedicalDetail::parse(&self.detail));
        let code = match self.dysphagia_code.trim() {
            "" => Some(None),
            raw => errs.check(DysphagiaCode::parse(raw)).map(Some),
        };
        let class = match self.class.as_str() {
            "" | "medical" => Some(InfoClass::Medical),
            "living" => Some(InfoClass::Living),
            _ => errs.check(Err(FieldError::new(
                Field::InfoClass,
                Problem::UnknownChoice,
            ))),
        };
        let (Some(kind), Some(title), Some(detail), Some(code), Some(class)) =
            (kind, title, detail, code, class)
        else {
            return Err(errs);
        };
        // A 嚥下調整食 code describes a food texture and nothing else.
        if code.is_some() && kind != MedicalKind::FoodTexture {
            return Err(FieldError::new(Field::DysphagiaCode, Problem::UnknownChoice).into());
        }
        Ok(NewMedicalItem {
            recipient,
            author,
            recorded_at: at,
            kind,
            title,
            detail,
            dysphagia_code: code,
            class,
            team_only: self.team_only.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_form_names_every_wrong_field() {
        let at = OccurredAt::from_millis(1_764_000_000_000);
        let form = MedicalForm {
            kind: "allergy".into(),
            title: "卵".into(),
            detail: "摂取で蕁麻疹".into(),
            ..MedicalForm::default()
        };
        let item = form.parse(RecipientId::new(), PersonId::new(), at).unwrap();
        assert_eq!(item.class, InfoClass::Medical);
        assert_eq!(item.title.as_str(), "卵");
        let bad = MedicalForm {
            kind: "magic".into(),
            title: " ".into(),
            dysphagia_code: "9".into(),
            ..MedicalForm::default()
        };
        let e = bad
            .parse(RecipientId::new(), PersonId::new(), at)
            .unwrap_err();
        assert_eq!(
            e.fields(),
            [
                Field::MedicalKind,
                Field::MedicalTitle,
                Field::DysphagiaCode
            ]
        );
        let code_on_allergy = MedicalForm {
            dysphagia_code: "2-1".into(),
            ..form
        };
        assert!(code_on_allergy
            .parse(RecipientId::new(), PersonId::new(), at)
            .is_err());
    }

    #[test]
    fn dysphagia_codes_are_read_as_printed() {
        assert_eq!(DysphagiaCode::parse("2-1").unwrap(), DysphagiaCode::Code2_1);
        assert_eq!(
            DysphagiaCode::parse("コード3").unwrap(),
            DysphagiaCode::Code3
        );
        assert_eq!(DysphagiaCode::parse("0J").unwrap(), DysphagiaCode::Code0j);
        assert_eq!(
            DysphagiaCode::parse("5").unwrap_err().field,
            Field::DysphagiaCode
        );
    }

    #[test]
    fn an_allergy_without_a_name_is_refused() {
        assert_eq!(
            MedicalTitle::parse("   ").unwrap_err().problem,
            Problem::Required
        );
    }
}
