//! The day at a glance (ホーム): how much was eaten and drunk, toilet, bath,
//! medicine and mouth care, counted from the day's records. Sleep and mood
//! are words, not numbers: the page shows the latest plain sentence.

use serde::{Deserialize, Serialize};

use super::records::{BathKind, CareRecord, ExcretionKind, RecordBody, RecordCategory};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DaySummary {
    /// Meals recorded.
    pub meals: u32,
    /// Average 主食 and 副食 over the meals that gave one, in 割 (rounded).
    pub staple_wari: Option<u8>,
    pub side_wari: Option<u8>,
    /// Everything drunk at meals and between them, in ml.
    pub fluid_ml: Option<u32>,
    /// Times to the toilet: urine and stool (a record without a count is one).
    pub urine: u32,
    pub stool: u32,
    pub bath: Option<BathKind>,
    pub medication: u32,
    pub oral_care: u32,
}

impl DaySummary {
    pub fn of(records: &[CareRecord]) -> Self {
        let mut s = DaySummary::default();
        let (mut staple, mut side) = (Vec::new(), Vec::new());
        for r in records {
            match &r.body {
                RecordBody::Meal {
                    staple: st,
                    side: si,
                    fluid,
                } => {
                    // A drink alone is not a meal.
                    if st.is_some() || si.is_some() {
                        s.meals += 1;
                    }
                    staple.extend(st.map(|w| u32::from(w.value())));
                    side.extend(si.map(|w| u32::from(w.value())));
                    if let Some(f) = fluid {
                        *s.fluid_ml.get_or_insert(0) += u32::from(f.value());
                    }
                }
                RecordBody::Excretion { kind, count, .. } => {
                    let n = count.map_or(1, |c| u32::from(c.value()));
                    match kind {
                        ExcretionKind::Urine => s.urine += n,
                        ExcretionKind::Stool => s.stool += n,
                        ExcretionKind::Both => {
                            s.urine += n;
                            s.stool += n;
                        }
                    }
                }
                // The last bath of the day is the one that counts.
                RecordBody::Bathing { kind } => s.bath = Some(*kind),
                RecordBody::Medication => s.medication += 1,
                RecordBody::OralCare => s.oral_care += 1,
                RecordBody::Sleep | RecordBody::Observation => {}
            }
        }
        s.staple_wari = average(&staple);
        s.side_wari = average(&side);
        s
    }

    /// Nothing was counted (sleep and mood may still have words).
    pub fn is_empty(&self) -> bool {
        *self == DaySummary::default()
    }
}

fn average(v: &[u32]) -> Option<u8> {
    let n = u32::try_from(v.len()).ok().filter(|n| *n > 0)?;
    u8::try_from((v.iter().sum::<u32>() + n / 2) / n).ok()
}

/// The newest item whose record is of `category` and has words (items
/// come oldest first; `record` reaches the record inside an item).
pub fn latest<T>(
    items: &[T],
    record: impl Fn(&T) -> &CareRecord,
    category: RecordCategory,
) -> Option<usize> {
    items.iter().rposition(|i| {
        let r = record(i);
        r.body.category() == category && !r.note.trim().is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::{RecipientId, RecordId};
    use crate::domain::records::{ExcretionCount, FluidMl, Wari};
    use crate::domain::time::OccurredAt;
    use crate::domain::validation::Field;

    fn record(body: RecordBody, note: &str) -> CareRecord {
        CareRecord {
            author: crate::domain::ids::PersonId::new(),
            corrected: None,
            id: RecordId::new(),
            recipient: RecipientId::new(),
            provider_name: "ひだまり".into(),
            author_name: "高橋".into(),
            occurred_at: OccurredAt::from_millis(0),
            body,
            note: note.into(),
            class: InfoClass::Living,
            team_only: false,
        }
    }

    fn meal(staple: Option<i64>, side: Option<i64>, fluid: Option<i64>) -> RecordBody {
        RecordBody::Meal {
            staple: staple.map(|w| Wari::new(Field::StapleIntake, w).unwrap()),
            side: side.map(|w| Wari::new(Field::SideIntake, w).unwrap()),
            fluid: fluid.map(|f| FluidMl::new(f).unwrap()),
        }
    }

    #[test]
    fn meals_average_and_drinks_add_up() {
        let day = [
            record(meal(Some(8), Some(6), Some(200)), ""),
            record(meal(Some(5), Some(5), Some(150)), ""),
            // Tea between meals: a drink, not a meal.
            record(meal(None, None, Some(100)), ""),
        ];
        let s = DaySummary::of(&day);
        assert_eq!(s.meals, 2);
        assert_eq!(s.staple_wari, Some(7)); // 6.5 rounds up
        assert_eq!(s.side_wari, Some(6)); // 5.5 rounds up
        assert_eq!(s.fluid_ml, Some(450));
    }

    #[test]
    fn toilet_counts_both_kinds_and_a_record_without_count_is_once() {
        let day = [
            record(
                RecordBody::Excretion {
                    kind: ExcretionKind::Urine,
                    count: Some(ExcretionCount::new(3).unwrap()),
                    character: String::new(),
                },
                "",
            ),
            record(
                RecordBody::Excretion {
                    kind: ExcretionKind::Both,
                    count: None,
                    character: "普通便".into(),
                },
                "",
            ),
        ];
        let s = DaySummary::of(&day);
        assert_eq!((s.urine, s.stool), (4, 1));
        assert!(s.fluid_ml.is_none() && s.meals == 0);
    }

    #[test]
    fn an_empty_day_says_nothing_was_counted() {
        assert!(DaySummary::of(&[]).is_empty());
        let s = DaySummary::of(&[record(RecordBody::Sleep, "よく眠れた")]);
        assert!(s.is_empty());
    }

    #[test]
    fn the_latest_words_skip_empty_notes() {
        let day = [
            record(RecordBody::Observation, "笑顔あり"),
            record(RecordBody::Observation, " "),
            record(RecordBody::Sleep, "良眠"),
        ];
        let latest = |c| latest(&day, |r| r, c);
        assert_eq!(latest(RecordCategory::Observation), Some(0));
        assert_eq!(latest(RecordCategory::Sleep), Some(2));
        assert_eq!(latest(RecordCategory::Bathing), None);
    }
}
