//! Vital signs in words: the number, a plain label (ふつう / 少し高め / 高め
//! / 少し低め / 低め) and the range it was judged by. Never a diagnosis and
//! never 異常. Judged against the general reference
//! (shared/reference/vitals.md: JSH2019 home values, 日本呼吸器学会, 感染症法
//! criteria) and, when there is enough history, the person's own usual
//! value (the median of the last 14 days).

use crate::domain::vitals::{VitalSigns, VitalsReading};

/// The person's usual values: medians of recent readings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Usual {
    pub temperature_tenths: Option<i64>,
    pub systolic: Option<i64>,
    pub pulse: Option<i64>,
    pub spo2: Option<i64>,
}

/// Fewer readings than this say nothing reliable about "usual".
const MIN_HISTORY: usize = 5;

impl Usual {
    pub fn from_history(history: &[VitalsReading]) -> Self {
        let median = |f: &dyn Fn(&VitalSigns) -> Option<i64>| {
            let mut v: Vec<i64> = history.iter().filter_map(|r| f(&r.vitals)).collect();
            if v.len() < MIN_HISTORY {
                return None;
            }
            v.sort_unstable();
            Some(v[v.len() / 2])
        };
        Self {
            temperature_tenths: median(&|v| v.temperature.map(|t| t.tenths())),
            systolic: median(&|v| v.blood_pressure.map(|b| b.systolic())),
            pulse: median(&|v| v.pulse.map(|p| p.value())),
            spo2: median(&|v| v.spo2.map(|p| p.value())),
        }
    }
}

fn tenths(t: i64) -> String {
    format!("{}.{}", t / 10, t % 10)
}

/// 「いつもより少し高めです。」 when the value is well away from the usual one.
fn against_usual(value: i64, usual: Option<i64>, margin: i64) -> Option<&'static str> {
    let u = usual?;
    if value >= u + 2 * margin {
        Some("いつもより高めです。")
    } else if value >= u + margin {
        Some("いつもより少し高めです。")
    } else if value <= u - 2 * margin {
        Some("いつもより低めです。")
    } else if value <= u - margin {
        Some("いつもより少し低めです。")
    } else {
        Some("いつもと同じくらいです。")
    }
}

/// One plain sentence (or two) per measured value.
pub fn describe(v: &VitalSigns, usual: &Usual) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = v.temperature {
        let t = t.tenths();
        let general = if t >= 380 {
            "高い熱があります(38.0度以上)。"
        } else if t >= 375 {
            "熱があります(37.5度以上)。"
        } else {
            "熱はありません(37.5度より低い)。"
        };
        let mut s = format!("体温は{}度でした。{general}", tenths(t));
        if let Some(u) = against_usual(t, usual.temperature_tenths, 5) {
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(bp) = v.blood_pressure {
        let (up, low) = (bp.systolic(), bp.diastolic());
        let general = if up >= 160 || low >= 100 {
            "高めです"
        } else if up >= 135 || low >= 85 {
            "少し高めです"
        } else if up < 100 {
            "低めです"
        } else {
            "ふつうです"
        };
        let mut s = format!(
            "血圧は、上が{up}、下が{low}でした。{general}(家ではかる血圧の目安: 上が135より低く、下が85より低い)。"
        );
        if let Some(u) = against_usual(up, usual.systolic, 10) {
            s.push_str("上の血圧は");
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(p) = v.pulse {
        let p = p.value();
        let general = if p > 100 {
            "多めです"
        } else if p < 60 {
            "少なめです"
        } else {
            "ふつうです"
        };
        let mut s = format!("脈拍は1分間に{p}回でした。{general}(目安: 60から100回)。");
        if let Some(u) = against_usual(p, usual.pulse, 10) {
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(o) = v.spo2 {
        let o = o.value();
        let general = if o >= 96 {
            "ふつうです"
        } else if o > 90 {
            "少し低めです"
        } else {
            "低めです"
        };
        let mut s = format!("血液の中の酸素(SpO2)は{o}%でした。{general}(目安: 96から99%)。");
        if let Some(u) = against_usual(o, usual.spo2, 2) {
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(r) = v.respiratory_rate {
        let r = r.value();
        let general = if r > 20 {
            "多めです"
        } else if r < 12 {
            "少なめです"
        } else {
            "ふつうです"
        };
        out.push(format!(
            "呼吸は1分間に{r}回でした。{general}(目安: 12から20回)。"
        ));
    }
    if let Some(w) = v.weight {
        out.push(format!("体重は{}kgでした。", w.display()));
    }
    if let Some(h) = v.height {
        out.push(format!("身長は{}cmでした。", h.display()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vitals::{BloodPressure, BodyTemperature, Pulse, Spo2};

    fn vitals(t: i64, up: i64, low: i64, p: i64, o: i64) -> VitalSigns {
        VitalSigns {
            temperature: Some(BodyTemperature::from_tenths(t).unwrap()),
            blood_pressure: Some(BloodPressure::new(up, low).unwrap()),
            pulse: Some(Pulse::new(p).unwrap()),
            spo2: Some(Spo2::new(o).unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn an_ordinary_morning_reads_as_ordinary() {
        let s = describe(&vitals(365, 128, 72, 70, 97), &Usual::default());
        assert_eq!(s[0], "体温は36.5度でした。熱はありません(37.5度より低い)。");
        assert_eq!(
            s[1],
            "血圧は、上が128、下が72でした。ふつうです(家ではかる血圧の目安: 上が135より低く、下が85より低い)。"
        );
        assert_eq!(
            s[2],
            "脈拍は1分間に70回でした。ふつうです(目安: 60から100回)。"
        );
        assert_eq!(
            s[3],
            "血液の中の酸素(SpO2)は97%でした。ふつうです(目安: 96から99%)。"
        );
    }

    #[test]
    fn high_values_say_so_with_their_range_and_never_say_abnormal() {
        let usual = Usual {
            temperature_tenths: Some(365),
            systolic: Some(135),
            pulse: Some(72),
            spo2: Some(97),
        };
        let s = describe(&vitals(378, 152, 88, 72, 93), &usual);
        assert_eq!(
            s[0],
            "体温は37.8度でした。熱があります(37.5度以上)。いつもより高めです。"
        );
        assert!(
            s[1].contains("少し高めです(家ではかる血圧の目安"),
            "{}",
            s[1]
        );
        assert!(
            s[1].ends_with("上の血圧はいつもより少し高めです。"),
            "{}",
            s[1]
        );
        assert!(s[3].contains("少し低めです(目安: 96から99%)"), "{}", s[3]);
        assert!(s.iter().all(|x| !x.contains("異常")));
    }

    #[test]
    fn every_number_is_in_the_words() {
        let v = vitals(369, 142, 78, 88, 95);
        let joined = describe(&v, &Usual::default()).join("");
        for n in ["36.9", "142", "78", "88", "95"] {
            assert!(joined.contains(n), "{n} missing in {joined}");
        }
    }

    fn reading(t: i64, up: i64) -> VitalsReading {
        VitalsReading {
            id: crate::domain::ids::VitalsId::new(),
            measured_at: crate::domain::time::OccurredAt::from_millis(0),
            measured_by_name: String::new(),
            vitals: vitals(t, up, 70, 70, 97),
            class: crate::domain::classes::InfoClass::Medical,
            team_only: false,
        }
    }

    #[test]
    fn usual_needs_enough_history() {
        assert_eq!(Usual::from_history(&[]), Usual::default());
        let four: Vec<_> = (0..4).map(|_| reading(365, 130)).collect();
        assert_eq!(Usual::from_history(&four), Usual::default());
    }

    #[test]
    fn usual_is_the_median_of_recent_readings() {
        let history: Vec<_> = [(360, 120), (365, 150), (362, 128), (370, 131), (399, 200)]
            .iter()
            .map(|&(t, up)| reading(t, up))
            .collect();
        let u = Usual::from_history(&history);
        assert_eq!(u.temperature_tenths, Some(365));
        assert_eq!(u.systolic, Some(131));
    }
}
