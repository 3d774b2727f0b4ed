//! Vital signs in words: the number, a plain label (ふつう / 少し高め / 高め
//! / 少し低め / 低め) and the range it was judged by. Never a diagnosis and
//! never 異常. Judged against the general reference
//! (shared/reference/vitals.md: JSH2019 home values, 日本呼吸器学会, 感染症法
//! criteria) and, when there is enough history, the person's own usual
//! value (the median of the last 14 days).

use crate::domain::vitals::{TargetRange, VitalSigns, VitalTargets, VitalsReading};

/// How the doctor's range is named in the sentence.
const DOCTOR: &str = "主治医が決めた目安";

/// Where a value stands against a doctor's range.
fn against_target(value: i64, r: TargetRange) -> &'static str {
    if r.high().is_some_and(|h| value >= h) {
        "高め"
    } else if r.low().is_some_and(|l| value < l) {
        "低め"
    } else {
        "中"
    }
}

/// 「上が145より低く」「92%以上」: one range in words, `what` before the
/// numbers and `unit` after them.
fn range_words(r: TargetRange, what: &str, unit: &str, lower_word: &str) -> String {
    match (r.low(), r.high()) {
        (Some(l), Some(h)) => format!("{what}{l}{unit}以上、{h}{unit}より{lower_word}"),
        (Some(l), None) => format!("{what}{l}{unit}以上"),
        (None, Some(h)) => format!("{what}{h}{unit}より{lower_word}"),
        (None, None) => String::new(),
    }
}

fn target_label(verdicts: &[&str]) -> &'static str {
    if verdicts.contains(&"高め") {
        "目安より高めです"
    } else if verdicts.contains(&"低め") {
        "目安より低めです"
    } else {
        "目安の中です"
    }
}

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

/// One plain sentence (or two) per measured value. A doctor's target for
/// the person replaces the general reference for that value.
pub fn describe(v: &VitalSigns, usual: &Usual, targets: &VitalTargets) -> Vec<String> {
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
        let mut s = format!("血圧は、上が{up}、下が{low}でした。");
        if targets.systolic.is_some() || targets.diastolic.is_some() {
            let mut verdicts = Vec::new();
            let mut ranges = Vec::new();
            if let Some(r) = targets.systolic {
                verdicts.push(against_target(up, r));
                ranges.push(range_words(r, "上が", "", "低い"));
            }
            if let Some(r) = targets.diastolic {
                verdicts.push(against_target(low, r));
                ranges.push(range_words(r, "下が", "", "低い"));
            }
            let label = target_label(&verdicts);
            s.push_str(&format!("{label}({DOCTOR}: {})。", ranges.join("、")));
        } else {
            let general = if up >= 160 || low >= 100 {
                "高めです"
            } else if up >= 135 || low >= 85 {
                "少し高めです"
            } else if up < 100 {
                "低めです"
            } else {
                "ふつうです"
            };
            s.push_str(&format!(
                "{general}(家ではかる血圧の目安: 上が135より低く、下が85より低い)。"
            ));
        }
        if let Some(u) = against_usual(up, usual.systolic, 10) {
            s.push_str("上の血圧は");
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(p) = v.pulse {
        let p = p.value();
        let mut s = format!("脈拍は1分間に{p}回でした。");
        match targets.pulse {
            Some(r) => {
                let label = match against_target(p, r) {
                    "高め" => "目安より多めです",
                    "低め" => "目安より少なめです",
                    _ => "目安の中です",
                };
                let range = range_words(r, "", "回", "少ない");
                s.push_str(&format!("{label}({DOCTOR}: {range})。"));
            }
            None => {
                let general = if p > 100 {
                    "多めです"
                } else if p < 60 {
                    "少なめです"
                } else {
                    "ふつうです"
                };
                s.push_str(&format!("{general}(目安: 60から100回)。"));
            }
        }
        if let Some(u) = against_usual(p, usual.pulse, 10) {
            s.push_str(u);
        }
        out.push(s);
    }
    if let Some(o) = v.spo2 {
        let o = o.value();
        let mut s = format!("血液の中の酸素(SpO2)は{o}%でした。");
        match targets.spo2 {
            Some(r) => {
                let label = target_label(&[against_target(o, r)]);
                let range = range_words(r, "", "%", "低い");
                s.push_str(&format!("{label}({DOCTOR}: {range})。"));
            }
            None => {
                let general = if o >= 96 {
                    "ふつうです"
                } else if o > 90 {
                    "少し低めです"
                } else {
                    "低めです"
                };
                s.push_str(&format!("{general}(目安: 96から99%)。"));
            }
        }
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
    fn a_doctors_target_replaces_the_general_reference() {
        use crate::domain::vitals::{TargetKind, TargetRange};
        let mut targets = VitalTargets::default();
        targets.set(
            TargetKind::Systolic,
            TargetRange::new(TargetKind::Systolic, None, Some(145)).unwrap(),
        );
        targets.set(
            TargetKind::Spo2,
            TargetRange::new(TargetKind::Spo2, Some(92), None).unwrap(),
        );
        // 140 is "少し高め" by the general home reference, within her doctor's.
        let s = describe(&vitals(365, 140, 80, 70, 93), &Usual::default(), &targets);
        assert_eq!(
            s[1],
            "血圧は、上が140、下が80でした。目安の中です(主治医が決めた目安: 上が145より低い)。"
        );
        // 93% is "少し低め" generally, fine by the doctor's 92% floor.
        assert_eq!(
            s[3],
            "血液の中の酸素(SpO2)は93%でした。目安の中です(主治医が決めた目安: 92%以上)。"
        );
        let s = describe(&vitals(365, 150, 80, 70, 91), &Usual::default(), &targets);
        assert!(
            s[1].contains("目安より高めです(主治医が決めた目安"),
            "{}",
            s[1]
        );
        assert!(s[3].contains("目安より低めです"), "{}", s[3]);
        // Values without a target keep the general reference.
        assert!(s[2].contains("(目安: 60から100回)"), "{}", s[2]);
        assert!(!s.iter().any(|x| x.contains("異常")));
    }

    #[test]
    fn a_target_range_is_checked_like_a_reading() {
        use crate::domain::validation::{Field, Problem};
        use crate::domain::vitals::{TargetKind, TargetRange};
        let e = TargetRange::new(TargetKind::Pulse, Some(90), Some(50)).unwrap_err();
        assert_eq!(
            (e.field, e.problem),
            (Field::VitalTarget, Problem::LowNotBelowHigh)
        );
        let e = TargetRange::new(TargetKind::Pulse, None, None).unwrap_err();
        assert_eq!(
            (e.field, e.problem),
            (Field::VitalTarget, Problem::Required)
        );
        let e = TargetRange::new(TargetKind::Systolic, None, Some(400)).unwrap_err();
        assert_eq!(e.field, Field::Systolic);
    }

    #[test]
    fn an_ordinary_morning_reads_as_ordinary() {
        let s = describe(
            &vitals(365, 128, 72, 70, 97),
            &Usual::default(),
            &VitalTargets::default(),
        );
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
        let s = describe(
            &vitals(378, 152, 88, 72, 93),
            &usual,
            &VitalTargets::default(),
        );
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
        let joined = describe(&v, &Usual::default(), &VitalTargets::default()).join("");
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
