//! The period a print-out covers (for a doctor's visit): whole days in
//! Japan time, ending today at the latest, at most two months long so the
//! paper stays something a doctor can read in the consulting room.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::time::{jst_day_bounds, parse_date};
use super::validation::{Field, FieldError, Problem, ValidationErrors};

/// The longest period one print-out covers, in days.
pub const MAX_DAYS: u32 = 62;
/// Without a choice: the last two weeks, today included.
pub const DEFAULT_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintPeriod {
    from: NaiveDate,
    to: NaiveDate,
}

impl PrintPeriod {
    /// `from`/`to` as typed (`YYYY-MM-DD`, empty = the default end).
    /// Every problem is reported at once, each naming its field.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        // None: not given; Some(None): given but refused (error kept).
        let mut day = |field: Field, raw: Option<&str>| {
            let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
            Some(match parse_date(field, raw) {
                Ok(d) if d > today => {
                    errors.push(FieldError::new(field, Problem::InFuture));
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(e);
                    None
                }
            })
        };
        let from_given = day(Field::PrintFrom, from);
        let to_given = day(Field::PrintTo, to);
        let to_day = to_given.unwrap_or(Some(today));
        // Without a start, the two weeks up to the chosen end.
        let from_day =
            from_given.unwrap_or_else(|| to_day.map(|to| to - Duration::days(DEFAULT_DAYS - 1)));
        if let (Some(from), Some(to)) = (from_day, to_day) {
            if to < from {
                errors.push(FieldError::new(Field::PrintPeriod, Problem::PeriodReversed));
            } else if (to - from).num_days() >= i64::from(MAX_DAYS) {
                errors.push(FieldError::new(
                    Field::PrintPeriod,
                    Problem::PeriodTooLong { max_days: MAX_DAYS },
                ));
            }
        }
        errors.into_result()?;
        match (from_day, to_day) {
            (Some(from), Some(to)) => Ok(Self { from, to }),
            // Unreachable: a missing day always left an error above.
            _ => Err(ValidationErrors::default()),
        }
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    pub fn to(self) -> NaiveDate {
        self.to
    }

    /// How many days, both ends counted.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The UTC millisecond range `[start, end)` of the whole period.
    pub fn bounds(self) -> (i64, i64) {
        (jst_day_bounds(self.from).0, jst_day_bounds(self.to).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn problems(r: Result<PrintPeriod, ValidationErrors>) -> Vec<(Field, Problem)> {
        r.unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    const TODAY: &str = "2026-11-25";

    #[test]
    fn without_a_choice_it_is_the_last_two_weeks() {
        let p = PrintPeriod::parse(None, Some(""), day(TODAY)).unwrap();
        assert_eq!((p.from(), p.to()), (day("2026-11-12"), day(TODAY)));
        assert_eq!(p.days(), 14);
    }

    #[test]
    fn an_end_alone_brings_its_two_weeks() {
        let p = PrintPeriod::parse(None, Some("2026-10-31"), day(TODAY)).unwrap();
        assert_eq!((p.from(), p.to()), (day("2026-10-18"), day("2026-10-31")));
    }

    #[test]
    fn a_chosen_period_is_kept() {
        let p = PrintPeriod::parse(Some("2026-10-01"), Some("2026-10-31"), day(TODAY)).unwrap();
        assert_eq!(p.days(), 31);
        let (start, end) = p.bounds();
        assert_eq!(end - start, 31 * 24 * 60 * 60 * 1000);
    }

    #[test]
    fn one_day_is_a_period() {
        let p = PrintPeriod::parse(Some(TODAY), Some(TODAY), day(TODAY)).unwrap();
        assert_eq!(p.days(), 1);
    }

    #[test]
    fn bad_input_names_the_field() {
        assert_eq!(
            problems(PrintPeriod::parse(
                Some("2026-13-01"),
                Some("あした"),
                day(TODAY)
            )),
            vec![
                (Field::PrintFrom, Problem::NotADate),
                (Field::PrintTo, Problem::NotADate)
            ]
        );
        assert_eq!(
            problems(PrintPeriod::parse(
                Some("2026-11-20"),
                Some("2026-11-26"),
                day(TODAY)
            )),
            vec![(Field::PrintTo, Problem::InFuture)]
        );
        assert_eq!(
            problems(PrintPeriod::parse(
                Some("2026-11-20"),
                Some("2026-11-10"),
                day(TODAY)
            )),
            vec![(Field::PrintPeriod, Problem::PeriodReversed)]
        );
    }

    #[test]
    fn two_months_at_most() {
        assert!(PrintPeriod::parse(Some("2026-09-25"), Some(TODAY), day(TODAY)).is_ok());
        assert_eq!(
            problems(PrintPeriod::parse(
                Some("2026-09-24"),
                Some(TODAY),
                day(TODAY)
            )),
            vec![(
                Field::PrintPeriod,
                Problem::PeriodTooLong { max_days: MAX_DAYS }
            )]
        );
    }
}
