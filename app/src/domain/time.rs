//! Time as care staff mean it: Japan Standard Time (UTC+9, no daylight
//! saving), stored as UTC milliseconds. "Now" is always a parameter so
//! tests decide what the present is.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::validation::{Field, FieldError, Problem};

pub fn jst() -> FixedOffset {
    // +09:00 is always a valid offset; the UTC fallback is never taken.
    FixedOffset::east_opt(9 * 3600).unwrap_or(Utc.fix())
}

/// The calendar day in Japan at `now`.
pub fn jst_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&jst()).date_naive()
}

/// Clock skew we tolerate between a staff phone and the server.
pub const FUTURE_TOLERANCE_MINUTES: i64 = 10;

/// When something happened (a visit, a measurement). Never in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OccurredAt(i64);

impl OccurredAt {
    pub fn parse(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Self, FieldError> {
        if at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
            return Err(FieldError::new(Field::RecordedAt, Problem::InFuture));
        }
        // Nobody records care from before the long-term-care insurance law.
        let floor = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).single();
        if floor.is_some_and(|f| at < f) {
            return Err(FieldError::out_of_range(
                Field::RecordedAt,
                "2000-01-01",
                "今",
            ));
        }
        Ok(Self(at.timestamp_millis()))
    }

    /// Parses `YYYY-MM-DDTHH:MM` as typed into a form, in JST.
    pub fn parse_local(raw: &str, now: DateTime<Utc>) -> Result<Self, FieldError> {
        let naive = chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M")
            .map_err(|_| FieldError::new(Field::RecordedAt, Problem::NotADate))?;
        let at = jst()
            .from_local_datetime(&naive)
            .single()
            .ok_or_else(|| FieldError::new(Field::RecordedAt, Problem::NotADate))?;
        Self::parse(at.with_timezone(&Utc), now)
    }

    /// From storage, already validated when written.
    pub fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    pub fn to_jst(self) -> DateTime<FixedOffset> {
        Utc.timestamp_millis_opt(self.0)
            .single()
            .unwrap_or_default()
            .with_timezone(&jst())
    }

    pub fn jst_date(self) -> NaiveDate {
        self.to_jst().date_naive()
    }

    /// `HH:MM` in JST, as staff write times.
    pub fn hhmm(self) -> String {
        self.to_jst().format("%H:%M").to_string()
    }
}

/// The UTC millisecond range `[start, end)` of one calendar day in Japan.
pub fn jst_day_bounds(day: NaiveDate) -> (i64, i64) {
    let start = day
        .and_hms_opt(0, 0, 0)
        .and_then(|n| jst().from_local_datetime(&n).single())
        .map(|d| d.timestamp_millis())
        .unwrap_or_default();
    (start, start + Duration::days(1).num_milliseconds())
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(field: Field, raw: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, Problem::NotADate))
}

/// A period with a start and an end on or after it (目標の期間, 認定の有効期間).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    pub fn parse(field: Field, from: NaiveDate, to: NaiveDate) -> Result<Self, FieldError> {
        if to < from {
            return Err(FieldError::new(field, Problem::PeriodReversed));
        }
        Ok(Self { from, to })
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    pub fn to(self) -> NaiveDate {
        self.to
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// 「2026年11月25日(水)」: how a day is written for a reader.
pub fn japanese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize % 7];
    format!("{}年{}月{}日({wd})", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_record_dated_tomorrow_is_refused() {
        let tomorrow = now() + Duration::days(1);
        let err = OccurredAt::parse(tomorrow, now()).err();
        assert_eq!(
            err,
            Some(FieldError::new(Field::RecordedAt, Problem::InFuture))
        );
    }

    #[test]
    fn a_few_minutes_of_clock_skew_is_accepted() {
        assert!(OccurredAt::parse(now() + Duration::minutes(3), now()).is_ok());
    }

    #[test]
    fn local_input_is_read_as_japan_time() {
        let at = OccurredAt::parse_local("2026-11-24 09:30".replace(' ', "T").as_str(), now());
        assert_eq!(at.map(|a| a.hhmm()).ok().as_deref(), Some("09:30"));
    }

    #[test]
    fn a_jst_day_starts_at_15_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let (start, end) = jst_day_bounds(day);
        let s = Utc.timestamp_millis_opt(start).single().unwrap_or_default();
        assert_eq!(s.to_rfc3339(), "2026-11-23T15:00:00+00:00");
        assert_eq!(end - start, 86_400_000);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused() {
        let a = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
        let b = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap_or_default();
        assert!(Period::parse(Field::GoalPeriod, a, b).is_err());
    }
}
