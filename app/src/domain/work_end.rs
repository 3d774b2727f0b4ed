//! The day a staff member's work for their 事業所 ends, as an administrator
//! gives it (docs/access.md, "Ending a staff member's work"). Access ends
//! at the start of that day, as a care relationship's does.

use chrono::{Days, NaiveDate};

use super::time::parse_date;
use super::validation::{Field, FieldError, Problem};

/// How far ahead an end may be set: a date years away is more likely a
/// typo than a plan, and can be set nearer the time.
pub const MAX_DAYS_AHEAD: u64 = 366;

/// Parses the end day: today (ends at once) up to `MAX_DAYS_AHEAD` later.
/// A day in the past is refused, not moved to today: the administrator
/// may believe work done since then is undone, and should see that it is
/// not.
pub fn parse_end_day(raw: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(Field::WorkEndDate, Problem::Required));
    }
    let on = parse_date(Field::WorkEndDate, raw)?;
    let last = today
        .checked_add_days(Days::new(MAX_DAYS_AHEAD))
        .unwrap_or(today);
    if on < today || on > last {
        return Err(FieldError::new(
            Field::WorkEndDate,
            Problem::DayOutOfRange {
                from: today.to_string(),
                to: last.to_string(),
            },
        ));
    }
    Ok(on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn today_and_later_days_are_taken() {
        let today = day("2026-12-07");
        assert_eq!(parse_end_day("2026-12-07", today), Ok(today));
        assert_eq!(parse_end_day(" 2027-03-31 ", today), Ok(day("2027-03-31")));
        assert_eq!(parse_end_day("2027-12-08", today), Ok(day("2027-12-08")));
    }

    #[test]
    fn a_past_far_or_broken_day_is_refused_naming_the_field() {
        let today = day("2026-12-07");
        for raw in ["2026-12-06", "2027-12-09", "2000-01-01"] {
            let e = parse_end_day(raw, today).unwrap_err();
            assert_eq!(e.field, Field::WorkEndDate, "{raw}");
            let said = e.message(Lang::Ja);
            assert!(said.contains("仕事を終える日"), "{said}");
            assert!(said.contains("2026年12月7日"), "{said}");
        }
        let e = parse_end_day(" ", today).unwrap_err();
        assert_eq!(e.problem, Problem::Required);
        for raw in ["2026-13-40", "あした"] {
            let e = parse_end_day(raw, today).unwrap_err();
            assert_eq!(e.problem, Problem::NotADate, "{raw}");
            assert!(e.message(Lang::Ja).contains("仕事を終える日"));
        }
    }
}
