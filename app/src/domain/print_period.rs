//! The period a print-out covers (for a doctor's visit): whole days in
//! Japan time, ending today at the latest, at most two months long so the
//! paper stays something a doctor can read in the consulting room.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::time::{jst_day_bounds, parse_date};
use super::validation::{Field, FieldError, Problem, ValidationErrors};

/// The longest period one print-out covers, in days.
pub const MAX_DAYS: u32 = 62;
/// Without a choice: the last two weeks, today included.
pub const DEFAULT_DAYS: u64 = 14;

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
        // Without a start, the two weeks up to the chosen end. Counted back
        // with care: an end near the calendar's first day (year -262143,
        // which `YYYY-MM-DD` parsing accepts) has no two weeks before it,
        // and plain `-` would panic there.
        let from_day = from_given.unwrap_or_else(|| {
            let to = to_day?;
            let from = to.checked_sub_days(Days::new(DEFAULT_DAYS - 1));
            if from.is_none() {
                errors.push(FieldError::new(Field::PrintTo, Problem::NotADate));
            }
            from
        });
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

    #[test]
    fn an_end_on_the_calendars_first_days_is_refused_not_a_panic() {
        let first = NaiveDate::MIN.to_string();
        assert_eq!(
            problems(PrintPeriod::parse(None, Some(&first), day(TODAY))),
            vec![(Field::PrintTo, Problem::NotADate)]
        );
        // With a start of its own, the same end is a one-day period.
        let p = PrintPeriod::parse(Some(&first), Some(&first), day(TODAY)).unwrap();
        assert_eq!(p.days(), 1);
    }

    mod properties {
        use super::*;
        use chrono::Datelike;
        use proptest::prelude::*;

        /// Any day the calendar holds.
        fn any_day() -> impl Strategy<Value = NaiveDate> {
            (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
                .prop_filter_map("a day", NaiveDate::from_num_days_from_ce_opt)
        }

        /// What a query string may hold: anything, a day of the calendar
        /// as a link writes it, or nothing.
        fn raw() -> impl Strategy<Value = Option<String>> {
            prop_oneof![
                Just(None),
                any::<String>().prop_map(Some),
                any_day().prop_map(|d| Some(d.to_string())),
                "[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}".prop_map(Some),
            ]
        }

        proptest! {
            /// Whatever `?from=` and `?to=` hold: a period of at most
            /// `MAX_DAYS` days ending no later than today, or problems that
            /// each name one of the print form's fields — never a panic.
            #[test]
            fn any_query_is_a_period_or_named_problems(
                from in raw(),
                to in raw(),
                today in any_day(),
            ) {
                match PrintPeriod::parse(from.as_deref(), to.as_deref(), today) {
                    Ok(p) => {
                        prop_assert!(p.from() <= p.to() && p.to() <= today);
                        prop_assert!((1..=i64::from(MAX_DAYS)).contains(&p.days()));
                    }
                    Err(e) => {
                        prop_assert!(!e.is_empty());
                        for f in e.fields() {
                            prop_assert!(matches!(f, Field::PrintFrom | Field::PrintTo | Field::PrintPeriod));
                        }
                    }
                }
            }

            /// The period the form writes back into the address reads as
            /// the same period.
            #[test]
            fn a_printed_period_reads_back(
                today in any_day(),
                back in 0u64..400,
                long in 0u64..u64::from(MAX_DAYS),
            ) {
                let to = today.checked_sub_days(Days::new(back));
                let from = to.and_then(|t| t.checked_sub_days(Days::new(long)));
                if let (Some(from), Some(to)) = (from, to) {
                    let p = PrintPeriod::parse(Some(&from.to_string()), Some(&to.to_string()), today);
                    prop_assert_eq!(p.map(|p| (p.from(), p.to())), Ok((from, to)));
                }
            }
        }
    }
}
