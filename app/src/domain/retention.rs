//! How long records and the audit log are kept.
//!
//! 介護保険の運営基準 ask for care records to be kept two years from the day
//! the service ended (その完結の日); many 保険者 ask for five. So a person's
//! data is kept whole while anyone still cares for them, and for the
//! configured years after the last care relationship ended — never a
//! record at a time while care goes on. Audit entries are kept for their
//! own configured years, counted from when they were written. Neither can
//! be set below two years.

use chrono::{Months, NaiveDate};

/// Years something is kept: two at the least (the law's minimum), a
/// hundred at the most (a typo's guard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RetentionYears(u16);

impl RetentionYears {
    pub const MIN: u16 = 2;
    pub const MAX: u16 = 100;
    pub const DEFAULT: Self = Self(5);

    pub fn new(years: u16) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&years)
            .then_some(Self(years))
    }

    pub fn years(self) -> u16 {
        self.0
    }

    /// The first day still kept on `today`: the same date `years` earlier
    /// (29 February becomes the 28th). Whatever ended or was written before
    /// this day is past its period.
    pub fn first_kept_day(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_months(Months::new(u32::from(self.0) * 12))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Whether care that ended on `ended_on` (the last day of the last
    /// relationship) is past its period on `today`.
    pub fn care_is_past(self, ended_on: NaiveDate, today: NaiveDate) -> bool {
        ended_on < self.first_kept_day(today)
    }
}

impl std::str::FromStr for RetentionYears {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        raw.trim()
            .parse::<u16>()
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| {
                format!(
                    "expected whole years from {} to {}, got {raw:?}",
                    Self::MIN,
                    Self::MAX
                )
            })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn less_than_two_years_or_a_typo_is_refused() {
        for bad in ["0", "1", "-5", "", "five", "101", "2.5", "99999"] {
            assert!(bad.parse::<RetentionYears>().is_err(), "{bad}");
        }
        assert_eq!("2".parse::<RetentionYears>().unwrap().years(), 2);
        assert_eq!(" 5 ".parse::<RetentionYears>().unwrap().years(), 5);
    }

    #[test]
    fn care_ended_exactly_on_the_first_kept_day_is_kept() {
        let five = RetentionYears::DEFAULT;
        let today = day(2026, 11, 25);
        assert_eq!(five.first_kept_day(today), day(2021, 11, 25));
        assert!(!five.care_is_past(day(2021, 11, 25), today));
        assert!(five.care_is_past(day(2021, 11, 24), today));
        // 29 February: the period ends on the 28th, never earlier.
        let two = RetentionYears::new(2).unwrap();
        assert_eq!(two.first_kept_day(day(2026, 2, 28)), day(2024, 2, 28));
        assert_eq!(two.first_kept_day(day(2028, 2, 29)), day(2026, 2, 28));
    }

    proptest! {
        /// Nothing is past its period sooner than the years it is kept
        /// (at least 365 days each), and everything is once they are over.
        #[test]
        fn nothing_goes_before_its_years(
            years in 2u16..=100,
            today in 0i64..60_000,
            back in 0i64..40_000,
        ) {
            let years = RetentionYears::new(years).unwrap();
            let today = day(1970, 1, 1) + chrono::Days::new(today as u64 + 40_000);
            let ended = today - chrono::Days::new(back as u64);
            let past = years.care_is_past(ended, today);
            if past {
                prop_assert!(back >= 365 * i64::from(years.years()));
            }
            // And it does go once the years are surely over.
            if back > 366 * i64::from(years.years()) {
                prop_assert!(past);
            }
        }
    }
}
