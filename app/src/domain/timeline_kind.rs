//! What きろく (the timeline) can be narrowed to: the page's `?kind=`.

use serde::{Deserialize, Serialize};

use super::records::RecordCategory;
use super::validation::UnknownQuery;

/// One kind of care, or the measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Meal,
    Excretion,
    Bathing,
    Sleep,
    Vitals,
    Observation,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Meal,
        Kind::Excretion,
        Kind::Bathing,
        Kind::Sleep,
        Kind::Vitals,
        Kind::Observation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Meal => "meal",
            Kind::Excretion => "excretion",
            Kind::Bathing => "bathing",
            Kind::Sleep => "sleep",
            Kind::Vitals => "vitals",
            Kind::Observation => "observation",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The page's `?kind=`: missing or empty is everything (None); anything
    /// but one of our codes is refused rather than shown as everything, so a
    /// mistyped link does not look like a filter that found nothing.
    pub fn from_query(raw: Option<&str>) -> Result<Option<Self>, UnknownQuery> {
        match raw.filter(|k| !k.is_empty()) {
            Some(code) => Self::from_code(code).map(Some).ok_or(UnknownQuery),
            None => Ok(None),
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Meal => "records-kind-meal",
            Kind::Excretion => "records-kind-excretion",
            Kind::Bathing => "records-kind-bathing",
            Kind::Sleep => "records-kind-sleep",
            Kind::Vitals => "records-kind-vitals",
            Kind::Observation => "records-kind-observation",
        }
    }

    /// The record category behind a kind (None: measurements).
    pub fn category(self) -> Option<RecordCategory> {
        match self {
            Kind::Meal => Some(RecordCategory::Meal),
            Kind::Excretion => Some(RecordCategory::Excretion),
            Kind::Bathing => Some(RecordCategory::Bathing),
            Kind::Sleep => Some(RecordCategory::Sleep),
            Kind::Observation => Some(RecordCategory::Observation),
            Kind::Vitals => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_kind_is_everything_and_an_unknown_one_is_refused() {
        assert_eq!(Kind::from_query(None), Ok(None));
        assert_eq!(Kind::from_query(Some("")), Ok(None));
        assert_eq!(Kind::from_query(Some("meal")), Ok(Some(Kind::Meal)));
        for hostile in [
            "Meal",
            "meal ",
            "meal&kind=sleep",
            "食事",
            "'; DROP TABLE x",
        ] {
            assert_eq!(
                Kind::from_query(Some(hostile)),
                Err(UnknownQuery),
                "{hostile}"
            );
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever `?kind=` holds: everything, one of our kinds, or a
            /// refusal — never a panic, never a kind for a code not ours.
            #[test]
            fn any_kind_is_ours_or_refused(raw in any::<String>()) {
                match Kind::from_query(Some(&raw)) {
                    Ok(None) => prop_assert!(raw.is_empty()),
                    Ok(Some(k)) => prop_assert_eq!(k.code(), raw.as_str()),
                    Err(UnknownQuery) => prop_assert!(Kind::from_code(&raw).is_none()),
                }
            }

            /// The filter links the page writes read back as their kind.
            #[test]
            fn a_kind_link_reads_back(i in 0..Kind::ALL.len()) {
                let k = Kind::ALL[i];
                prop_assert_eq!(Kind::from_query(Some(k.code())), Ok(Some(k)));
            }
        }
    }
}
