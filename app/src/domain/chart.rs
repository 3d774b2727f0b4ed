//! からだの数値 as charts: which measures, their general reference band,
//! the person's usual range, and the geometry of a small SVG line chart.
//! Pure: the page draws what this computes.

use serde::{Deserialize, Serialize};

use super::classes::InfoClass;
use super::validation::UnknownQuery;
use super::vitals::VitalSigns;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    BloodPressure,
    Temperature,
    Pulse,
    Spo2,
    Weight,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::BloodPressure,
        Measure::Temperature,
        Measure::Pulse,
        Measure::Spo2,
        Measure::Weight,
    ];

    /// A stable code for URLs (a chart's comments are addressed by it).
    pub fn code(self) -> &'static str {
        match self {
            Measure::BloodPressure => "bp",
            Measure::Temperature => "temperature",
            Measure::Pulse => "pulse",
            Measure::Spo2 => "spo2",
            Measure::Weight => "weight",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Every measure is a vital sign, and vital signs are 医療 however they
    /// were entered; a chart's comments are read by whoever may read it.
    pub fn class(self) -> InfoClass {
        InfoClass::Medical
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Measure::BloodPressure => "field-systolic-diastolic",
            Measure::Temperature => "field-body-temperature",
            Measure::Pulse => "field-pulse",
            Measure::Spo2 => "field-spo2",
            Measure::Weight => "field-weight",
        }
    }

    pub fn unit_key(self) -> &'static str {
        match self {
            Measure::BloodPressure => "unit-mmhg",
            Measure::Temperature => "unit-celsius",
            Measure::Pulse => "unit-per-minute",
            Measure::Spo2 => "unit-percent",
            Measure::Weight => "unit-kg",
        }
    }

    /// The general reference (shared/reference/vitals.md): home blood
    /// pressure under 135 (upper value), no fever under 37.5 ℃, pulse
    /// 60–100, SpO2 96–99 %. Weight has none: its change is what matters.
    pub fn reference(self) -> Option<(f64, f64)> {
        match self {
            Measure::BloodPressure => Some((100.0, 135.0)),
            Measure::Temperature => Some((35.5, 37.5)),
            Measure::Pulse => Some((60.0, 100.0)),
            Measure::Spo2 => Some((96.0, 99.0)),
            Measure::Weight => None,
        }
    }

    /// The value(s) of this measure in a reading: (main, second) — for
    /// blood pressure the upper and the lower value.
    pub fn of(self, v: &VitalSigns) -> Option<(f64, Option<f64>)> {
        match self {
            Measure::BloodPressure => v
                .blood_pressure
                .map(|bp| (bp.systolic() as f64, Some(bp.diastolic() as f64))),
            Measure::Temperature => v.temperature.map(|t| (t.tenths() as f64 / 10.0, None)),
            Measure::Pulse => v.pulse.map(|p| (p.value() as f64, None)),
            Measure::Spo2 => v.spo2.map(|s| (s.value() as f64, None)),
            Measure::Weight => v.weight.map(|w| (w.tenths() as f64 / 10.0, None)),
        }
    }
}

/// How far back a chart looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Span {
    Week,
    #[default]
    Month,
    ThreeMonths,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Week, Span::Month, Span::ThreeMonths];

    pub fn code(self) -> &'static str {
        match self {
            Span::Week => "week",
            Span::Month => "month",
            Span::ThreeMonths => "3months",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The page's `?span=`: missing or empty is the default (a month);
    /// anything but one of our codes is refused, not guessed at.
    pub fn from_query(raw: Option<&str>) -> Result<Self, UnknownQuery> {
        match raw.filter(|s| !s.is_empty()) {
            Some(code) => Self::from_code(code).ok_or(UnknownQuery),
            None => Ok(Self::default()),
        }
    }

    pub fn days(self) -> i64 {
        match self {
            Span::Week => 7,
            Span::Month => 30,
            Span::ThreeMonths => 91,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Span::Week => "body-span-week",
            Span::Month => "body-span-month",
            Span::ThreeMonths => "body-span-3months",
        }
    }
}

/// One point: when (ms), the main value and, for blood pressure, the lower.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub at: i64,
    pub value: f64,
    pub second: Option<f64>,
}

/// One chart per measure from readings in time order; a measure nobody
/// took still gets its (empty) chart, which says so.
pub fn charts(readings: &[super::vitals::VitalsReading]) -> Vec<(Measure, Vec<Point>)> {
    Measure::ALL
        .into_iter()
        .map(|m| {
            let points = readings
                .iter()
                .filter_map(|r| {
                    m.of(&r.vitals).map(|(value, second)| Point {
                        at: r.measured_at.millis(),
                        value,
                        second,
                    })
                })
                .collect();
            (m, points)
        })
        .collect()
}

/// The middle half of the values (25th to 75th percentile): the person's
/// usual range over the chart's span; None with fewer than 5 points.
pub fn usual_range(points: &[Point]) -> Option<(f64, f64)> {
    if points.len() < 5 {
        return None;
    }
    let mut v: Vec<f64> = points.iter().map(|p| p.value).collect();
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Some((at(0.25), at(0.75)))
}

/// Chart size in SVG units; it scales to the screen width.
pub const WIDTH: f64 = 340.0;
pub const HEIGHT: f64 = 150.0;
/// Room for the value labels on the left.
pub const LEFT: f64 = 36.0;

/// Maps times and values into the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub from: i64,
    pub to: i64,
    pub low: f64,
    pub high: f64,
}

impl Frame {
    /// A frame holding every point and the reference band, with a little
    /// room above and below.
    pub fn fit(from: i64, to: i64, points: &[Point], reference: Option<(f64, f64)>) -> Self {
        let values = points
            .iter()
            .flat_map(|p| std::iter::once(p.value).chain(p.second))
            .chain(reference.into_iter().flat_map(|(a, b)| [a, b]));
        let (mut low, mut high) =
            values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
        if low > high {
            (low, high) = (0.0, 1.0);
        }
        let pad = ((high - low) * 0.1).max(0.5);
        Self {
            from,
            to: to.max(from + 1),
            low: low - pad,
            high: high + pad,
        }
    }

    pub fn x(&self, at: i64) -> f64 {
        LEFT + (at - self.from) as f64 / (self.to - self.from) as f64 * (WIDTH - LEFT - 4.0)
    }

    pub fn y(&self, v: f64) -> f64 {
        let top = 6.0;
        let bottom = HEIGHT - 6.0;
        bottom - (v - self.low) / (self.high - self.low) * (bottom - top)
    }

    /// SVG `points` of a line through the values `pick` chooses.
    pub fn line(&self, points: &[Point], pick: impl Fn(&Point) -> Option<f64>) -> String {
        points
            .iter()
            .filter_map(|p| pick(p).map(|v| format!("{:.1},{:.1}", self.x(p.at), self.y(v))))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(at: i64, value: f64) -> Point {
        Point {
            at,
            value,
            second: None,
        }
    }

    #[test]
    fn the_frame_holds_every_point_and_the_band() {
        let pts = [p(0, 36.4), p(50, 37.9), p(100, 36.8)];
        let f = Frame::fit(0, 100, &pts, Measure::Temperature.reference());
        for v in [35.5, 37.5, 36.4, 37.9] {
            let y = f.y(v);
            assert!((0.0..=HEIGHT).contains(&y), "{v} → {y}");
        }
        assert!(f.y(37.9) < f.y(36.4), "higher values are higher up");
        assert_eq!(f.x(0), LEFT);
        assert!(f.x(100) <= WIDTH);
        assert_eq!(f.line(&pts, |q| Some(q.value)).split(' ').count(), 3);
    }

    #[test]
    fn usual_range_is_the_middle_half_once_there_are_enough_points() {
        assert_eq!(usual_range(&[p(0, 1.0); 4]), None);
        let pts: Vec<Point> = (1..=9).map(|i| p(i, i as f64)).collect();
        assert_eq!(usual_range(&pts), Some((3.0, 7.0)));
    }

    #[test]
    fn spans_round_trip() {
        for s in Span::ALL {
            assert_eq!(Span::from_code(s.code()), Some(s));
        }
        assert_eq!(Span::from_code("year"), None);
    }

    #[test]
    fn a_span_in_the_address_is_one_of_ours_or_refused() {
        assert_eq!(Span::from_query(None), Ok(Span::Month));
        assert_eq!(Span::from_query(Some("")), Ok(Span::Month));
        assert_eq!(Span::from_query(Some("week")), Ok(Span::Week));
        for hostile in ["WEEK", " week", "week\0", "../3months", "３months"] {
            assert_eq!(
                Span::from_query(Some(hostile)),
                Err(UnknownQuery),
                "{hostile}"
            );
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever `?span=` holds: a span or a refusal, and a span
            /// only for one of our own codes.
            #[test]
            fn any_span_is_ours_or_refused(raw in any::<String>()) {
                match Span::from_query(Some(&raw)) {
                    Ok(s) => prop_assert!(raw.is_empty() || s.code() == raw),
                    Err(UnknownQuery) => prop_assert!(!Span::ALL.iter().any(|s| s.code() == raw)),
                }
            }

            /// A span written into a link reads back as the same span.
            #[test]
            fn a_span_link_reads_back(i in 0..Span::ALL.len()) {
                let s = Span::ALL[i];
                prop_assert_eq!(Span::from_query(Some(s.code())), Ok(s));
            }
        }
    }
}
