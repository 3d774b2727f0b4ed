//! 「前のプランから変わったところ」: what a new care plan version changed,
//! item by item, as a family member would look for it — a trouble or an aim
//! that is new or gone, a help that started, stopped or comes more or less
//! often, a visit added to or taken from the week. Staff wording is kept;
//! the page puts it into plain words.

use serde::{Deserialize, Serialize};

use super::care_plan::{NewCarePlan, ServiceLine, WeeklySlot};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanChanges {
    /// 第1表: the wishes (意向) or the team's policy (援助方針) were rewritten.
    pub wishes_changed: bool,
    pub policy_changed: bool,
    /// 第2表: troubles (課題) and aims (目標), by their wording.
    pub needs_added: Vec<String>,
    pub needs_removed: Vec<String>,
    pub goals_added: Vec<String>,
    pub goals_removed: Vec<String>,
    /// Helps (援助内容), by 種別 and 内容.
    pub help_added: Vec<Help>,
    pub help_removed: Vec<Help>,
    /// The same help, with a new 頻度: (help as now, how often before).
    pub help_more_or_less: Vec<(Help, String)>,
    /// 第3表.
    pub week_added: Vec<WeeklySlot>,
    pub week_removed: Vec<WeeklySlot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Help {
    pub kind: String,
    pub content: String,
    pub frequency: String,
}

impl Help {
    fn of(s: &ServiceLine) -> Self {
        Help {
            kind: s.kind.as_str().to_string(),
            content: s.content.as_str().to_string(),
            frequency: s.frequency.as_str().to_string(),
        }
    }

    fn same_help(&self, other: &Help) -> bool {
        self.kind == other.kind && self.content == other.content
    }
}

impl PlanChanges {
    pub fn between(before: &NewCarePlan, now: &NewCarePlan) -> Self {
        let needs = |p: &NewCarePlan| -> Vec<String> {
            p.needs
                .iter()
                .map(|n| n.need.as_str().to_string())
                .collect()
        };
        let goals = |p: &NewCarePlan| -> Vec<String> {
            p.needs
                .iter()
                .flat_map(|n| &n.long_goals)
                .flat_map(|l| {
                    std::iter::once(l.goal.as_str().to_string())
                        .chain(l.short_goals.iter().map(|s| s.goal.as_str().to_string()))
                })
                .collect()
        };
        let helps = |p: &NewCarePlan| -> Vec<Help> {
            let all = p
                .needs
                .iter()
                .flat_map(|n| &n.long_goals)
                .flat_map(|l| &l.short_goals)
                .flat_map(|s| &s.services)
                .map(Help::of);
            // One help serving two aims is one help to a family.
            let mut unique: Vec<Help> = Vec::new();
            for h in all {
                if !unique.contains(&h) {
                    unique.push(h);
                }
            }
            unique
        };
        let (old_help, new_help) = (helps(before), helps(now));
        let mut c = PlanChanges {
            wishes_changed: before.table1.intention != now.table1.intention,
            policy_changed: before.table1.policy != now.table1.policy,
            needs_added: only_in(&needs(now), &needs(before)),
            needs_removed: only_in(&needs(before), &needs(now)),
            goals_added: only_in(&goals(now), &goals(before)),
            goals_removed: only_in(&goals(before), &goals(now)),
            week_added: only_in(&now.weekly, &before.weekly),
            week_removed: only_in(&before.weekly, &now.weekly),
            ..PlanChanges::default()
        };
        for h in &new_help {
            match old_help.iter().find(|o| o.same_help(h)) {
                None => c.help_added.push(h.clone()),
                Some(o) if o.frequency != h.frequency => {
                    c.help_more_or_less.push((h.clone(), o.frequency.clone()))
                }
                Some(_) => {}
            }
        }
        c.help_removed = old_help
            .iter()
            .filter(|o| !new_help.iter().any(|h| h.same_help(o)))
            .cloned()
            .collect();
        c.week_added.sort_by_key(|s| (s.weekday, s.start));
        c.week_removed.sort_by_key(|s| (s.weekday, s.start));
        c
    }

    pub fn is_empty(&self) -> bool {
        *self == PlanChanges::default()
    }
}

/// Items of `a` that `b` does not have, in `a`'s order.
fn only_in<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::care_plan::*;
    use crate::domain::classes::{CareLevel, InfoClass};
    use crate::domain::ids::{PersonId, RecipientId};
    use crate::domain::time::{OccurredAt, Period};
    use crate::domain::validation::Field;
    use chrono::NaiveDate;

    fn period() -> Period {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        Period::parse(Field::GoalPeriod, d(1), d(6)).unwrap()
    }

    fn line(kind: &str, content: &str, freq: &str) -> ServiceLine {
        ServiceLine {
            content: ServiceContent::parse(content).unwrap(),
            insured: true,
            kind: ServiceKindText::parse(kind).unwrap(),
            provider_name: "ひだまり".into(),
            frequency: Frequency::parse(freq).unwrap(),
            period: period(),
        }
    }

    fn slot(day: u8, h: i64, what: &str) -> WeeklySlot {
        let m = |h: i64| MinuteOfDay::new(Field::WeeklySlot, h * 60).unwrap();
        WeeklySlot::new(day, m(h), m(h + 1), what).unwrap()
    }

    fn plan(
        short: &[(&str, Vec<ServiceLine>)],
        weekly: Vec<WeeklySlot>,
        wish: &str,
    ) -> NewCarePlan {
        NewCarePlan {
            recipient: RecipientId::new(),
            author: PersonId::new(),
            created_at: OccurredAt::from_millis(0),
            table1: Table1 {
                care_level: CareLevel::ALL[0],
                certification: period(),
                intention: PlanIntention::parse(wish).unwrap(),
                policy: PlanPolicy::parse("安全に暮らせるよう支援します。").unwrap(),
            },
            needs: vec![Need {
                need: NeedText::parse("転倒が不安。").unwrap(),
                long_goals: vec![LongGoal {
                    goal: GoalText::parse("安全に移動できる。").unwrap(),
                    period: period(),
                    short_goals: short
                        .iter()
                        .map(|(g, s)| ShortGoal {
                            goal: GoalText::parse(g).unwrap(),
                            period: period(),
                            services: s.clone(),
                        })
                        .collect(),
                }],
            }],
            weekly,
            daily_activities: vec![],
            other_services: String::new(),
            class: InfoClass::Living,
        }
    }

    #[test]
    fn a_new_aim_a_new_help_a_changed_frequency_and_a_new_visit_are_each_named() {
        let before = plan(
            &[(
                "トイレまで歩ける。",
                vec![line("通所介護", "機能訓練", "週1回")],
            )],
            vec![slot(1, 10, "通所介護")],
            "家で暮らしたい。",
        );
        let now = plan(
            &[
                (
                    "トイレまで歩ける。",
                    vec![line("通所介護", "機能訓練", "週2回")],
                ),
                (
                    "むせずに食べられる。",
                    vec![line("訪問看護", "嚥下の観察", "週1回")],
                ),
            ],
            vec![slot(1, 10, "通所介護"), slot(3, 10, "通所介護")],
            "家で暮らしたい。",
        );
        let c = PlanChanges::between(&before, &now);
        assert!(!c.wishes_changed && !c.policy_changed);
        assert_eq!(c.goals_added, vec!["むせずに食べられる。".to_string()]);
        assert!(c.goals_removed.is_empty() && c.needs_added.is_empty());
        assert_eq!(c.help_added.len(), 1);
        assert_eq!(c.help_added[0].kind, "訪問看護");
        assert_eq!(c.help_more_or_less.len(), 1);
        assert_eq!(c.help_more_or_less[0].0.frequency, "週2回");
        assert_eq!(c.help_more_or_less[0].1, "週1回");
        assert_eq!(c.week_added, vec![slot(3, 10, "通所介護")]);
        assert!(c.week_removed.is_empty() && c.help_removed.is_empty());
    }

    #[test]
    fn a_help_that_stopped_and_rewritten_wishes_show_too() {
        let before = plan(
            &[(
                "トイレまで歩ける。",
                vec![line("訪問介護", "見守り", "毎日")],
            )],
            vec![slot(0, 9, "訪問介護")],
            "家で暮らしたい。",
        );
        let now = plan(
            &[("トイレまで歩ける。", vec![])],
            vec![],
            "家で長く暮らしたい。",
        );
        let c = PlanChanges::between(&before, &now);
        assert!(c.wishes_changed);
        assert_eq!(c.help_removed.len(), 1);
        assert_eq!(c.week_removed.len(), 1);
    }

    #[test]
    fn the_same_plan_again_changes_nothing() {
        let p = plan(
            &[("歩ける。", vec![line("通所介護", "訓練", "週2回")])],
            vec![],
            "家で。",
        );
        assert!(PlanChanges::between(&p, &p.clone()).is_empty());
    }
}
