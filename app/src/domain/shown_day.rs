//! The day the day page shows: its `?day=` (`YYYY-MM-DD`, Japan time).

use chrono::NaiveDate;

use super::time::parse_date;
use super::validation::{Field, FieldError};

/// `Ok(None)`: no day chosen (the page opens the newest day that has
/// records). A chosen day after today is today: there is no record from
/// the future, and a link kept from yesterday's evening still opens.
pub fn chosen(raw: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
    match raw.filter(|d| !d.is_empty()) {
        Some(raw) => Ok(Some(parse_date(Field::RecordedAt, raw)?.min(today))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::Problem;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-11-25";

    #[test]
    fn a_chosen_day_is_kept_and_none_is_none() {
        assert_eq!(
            chosen(Some("2026-11-24"), day(TODAY)),
            Ok(Some(day("2026-11-24")))
        );
        assert_eq!(chosen(None, day(TODAY)), Ok(None));
        assert_eq!(chosen(Some(""), day(TODAY)), Ok(None));
    }

    #[test]
    fn a_day_in_the_future_is_today() {
        assert_eq!(
            chosen(Some("+262142-12-31"), day(TODAY)),
            Ok(Some(day(TODAY)))
        );
    }

    #[test]
    fn what_is_not_a_day_is_refused_in_words() {
        for hostile in [
            "2026-02-30",
            "２０２６年",
            "99999999999999999999",
            "../",
            "\0",
        ] {
            assert_eq!(
                chosen(Some(hostile), day(TODAY)),
                Err(FieldError::new(Field::RecordedAt, Problem::NotADate)),
                "{hostile}"
            );
        }
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

        proptest! {
            /// Whatever `?day=` holds: a day no later than today, or a
            /// refusal naming the field — never a panic.
            #[test]
            fn any_text_is_a_day_or_refused(raw in any::<String>(), today in any_day()) {
                match chosen(Some(&raw), today) {
                    Ok(Some(d)) => prop_assert!(d <= today),
                    Ok(None) => prop_assert!(raw.is_empty()),
                    Err(e) => prop_assert_eq!(e.field, Field::RecordedAt),
                }
            }

            /// Text that looks like a date, or nearly.
            #[test]
            fn any_date_like_text_is_a_day_or_refused(
                raw in "[+-]?[0-9]{1,12}-[0-9]{1,3}-[0-9]{1,3}",
                today in any_day(),
            ) {
                let _ = chosen(Some(&raw), today);
            }

            /// A day the page links to (the day before, the day after)
            /// reads back as the same day.
            #[test]
            fn a_day_link_reads_back(d in any_day()) {
                prop_assert_eq!(chosen(Some(&d.to_string()), NaiveDate::MAX), Ok(Some(d)));
            }
        }
    }
}
