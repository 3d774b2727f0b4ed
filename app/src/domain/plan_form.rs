//! The care manager's plan editor as a form: 第1表's fields, 第2表 as the
//! lines of the paper form (one line per 援助内容; an empty 課題 or 目標
//! continues the one above, as care software and the 標準仕様 CSV write it),
//! 第3表 as lines of the week and of the day. Everything is text as typed
//! until `parse` checks every line at once and builds the plan's parts.

use serde::{Deserialize, Serialize};

use super::care_plan::*;
use super::classes::CareLevel;
use super::time::{parse_date, Period};
use super::validation::{optional_text, Field, FieldError, Problem, ValidationErrors};

/// 週単位以外のサービス.
pub const OTHER_SERVICES_MAX: usize = 2000;
/// 主な日常生活上の活動, one line.
pub const ACTIVITY_MAX: usize = 100;
/// A form with more lines than this is not one a person typed.
pub const MAX_LINES: usize = 200;
/// The problems listed at once: enough to fix a form in one go, few enough
/// to read (and to travel back to a page without JavaScript).
pub const MAX_PROBLEMS: usize = 20;

/// One line of 第2表.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Table2Line {
    pub need: String,
    pub long_goal: String,
    pub long_from: String,
    pub long_to: String,
    pub short_goal: String,
    pub short_from: String,
    pub short_to: String,
    pub content: String,
    /// ※1 保険給付の対象: a checkbox, present when ticked.
    pub insured: Option<String>,
    pub kind: String,
    pub provider: String,
    pub frequency: String,
    pub from: String,
    pub to: String,
    /// 「この行を消す」, present when ticked.
    pub remove: Option<String>,
}

impl Table2Line {
    fn is_blank(&self) -> bool {
        [
            &self.need,
            &self.long_goal,
            &self.long_from,
            &self.long_to,
            &self.short_goal,
            &self.short_from,
            &self.short_to,
            &self.content,
            &self.kind,
            &self.provider,
            &self.frequency,
            &self.from,
            &self.to,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    fn has_service(&self) -> bool {
        [
            &self.content,
            &self.kind,
            &self.provider,
            &self.frequency,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|s| !s.trim().is_empty())
    }
}

/// One line of 第3表's week.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WeekLine {
    /// 0 = 月曜 … 6 = 日曜.
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub content: String,
    pub remove: Option<String>,
}

impl WeekLine {
    /// The day is a choice that always has a value: a line is blank when
    /// nothing else is written.
    fn is_blank(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty() && self.content.trim().is_empty()
    }
}

/// One line of 第3表's day (主な日常生活上の活動).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DayLine {
    pub at: String,
    pub activity: String,
    pub remove: Option<String>,
}

impl DayLine {
    fn is_blank(&self) -> bool {
        self.at.trim().is_empty() && self.activity.trim().is_empty()
    }
}

/// The editor's form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub care_level: String,
    pub certified_from: String,
    pub certified_to: String,
    pub intention: String,
    pub policy: String,
    pub lines: Vec<Table2Line>,
    pub week: Vec<WeekLine>,
    pub day: Vec<DayLine>,
    pub other_services: String,
}

/// What a checked form gives: the plan without who, when and its class.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanParts {
    pub table1: Table1,
    pub needs: Vec<Need>,
    pub weekly: Vec<WeeklySlot>,
    pub daily_activities: Vec<DailyActivity>,
    pub other_services: String,
}

fn period(
    errs: &mut ValidationErrors,
    field: Field,
    from: &str,
    to: &str,
    row: Option<usize>,
) -> Option<Period> {
    let at = |e: FieldError| match row {
        Some(r) => e.at_row(r),
        None => e,
    };
    if from.trim().is_empty() || to.trim().is_empty() {
        errs.push(at(FieldError::new(field, Problem::Required)));
        return None;
    }
    let from = errs.check(parse_date(field, from).map_err(at));
    let to = errs.check(parse_date(field, to).map_err(at));
    errs.check(Period::parse(field, from?, to?).map_err(at))
}

/// Parses `raw` into a text newtype, said of `field` on line `row`.
fn text<T>(
    errs: &mut ValidationErrors,
    parsed: Result<T, FieldError>,
    field: Field,
    row: usize,
) -> Option<T> {
    errs.check(parsed.map_err(|e| e.as_field(field).at_row(row)))
}

impl PlanForm {
    /// Without the empty lines at the end of each list: a refused form
    /// comes back with the lines typed, and the page adds fresh blank ones.
    pub fn without_trailing_blanks(mut self) -> Self {
        while self.lines.last().is_some_and(Table2Line::is_blank) {
            self.lines.pop();
        }
        while self.week.last().is_some_and(WeekLine::is_blank) {
            self.week.pop();
        }
        while self.day.last().is_some_and(DayLine::is_blank) {
            self.day.pop();
        }
        self
    }

    /// More lines than a person types: refused before anything is read.
    pub fn is_too_long(&self) -> bool {
        self.lines.len() + self.week.len() + self.day.len() > MAX_LINES
    }

    /// Checks every field of every line at once. The errors name the field
    /// and, for repeated lines, the line number shown on the form.
    pub fn parse(&self) -> Result<PlanParts, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let care_level = errs.check(
            CareLevel::from_code(self.care_level.trim())
                .ok_or_else(|| FieldError::new(Field::CareLevel, Problem::UnknownChoice)),
        );
        let certification = period(
            &mut errs,
            Field::CertificationPeriod,
            &self.certified_from,
            &self.certified_to,
            None,
        );
        let intention = errs.check(PlanIntention::parse(&self.intention));
        let policy = errs.check(PlanPolicy::parse(&self.policy));
        let needs = self.needs(&mut errs);
        let weekly = self.weekly(&mut errs);
        let daily = self.daily(&mut errs);
        let other_services = errs
            .check(optional_text(
                Field::OtherServices,
                &self.other_services,
                OTHER_SERVICES_MAX,
            ))
            .unwrap_or_default();
        if !errs.is_empty() {
            errs.0.truncate(MAX_PROBLEMS);
            return Err(errs);
        }
        match (care_level, certification, intention, policy) {
            (Some(care_level), Some(certification), Some(intention), Some(policy)) => {
                Ok(PlanParts {
                    table1: Table1 {
                        care_level,
                        certification,
                        intention,
                        policy,
                    },
                    needs,
                    weekly,
                    daily_activities: daily,
                    other_services,
                })
            }
            // Unreachable: each None above left an error.
            _ => Err(errs),
        }
    }

    /// 第2表: lines become 課題 → 長期目標 → 短期目標 → 援助内容. An empty
    /// 課題 or 目標 continues the one above; a removed line's words still
    /// carry on to the lines under it (only its own 援助内容 goes), and a
    /// 課題 or goal left with no kept line goes with them.
    fn needs(&self, errs: &mut ValidationErrors) -> Vec<Need> {
        // A plan without a 課題 is refused, unless a line already was.
        let before = errs.0.len();
        let mut built = Built::default();
        for (i, line) in self.lines.iter().enumerate() {
            let row = i + 1;
            if line.is_blank() {
                continue;
            }
            let starts = |cells: [&String; 3]| cells.iter().any(|c| !c.trim().is_empty());
            let new_need = !line.need.trim().is_empty();
            let new_long = new_need || starts([&line.long_goal, &line.long_from, &line.long_to]);
            let new_short =
                new_long || starts([&line.short_goal, &line.short_from, &line.short_to]);
            if new_short {
                built.close_short();
            }
            if new_long {
                built.close_long();
            }
            if new_need {
                built.close_need();
                built.need =
                    text(errs, NeedText::parse(&line.need), Field::Need, row).map(|t| Need {
                        need: t,
                        long_goals: Vec::new(),
                    });
            } else if built.need.is_none() {
                // The first line must say its 課題; after a refused one the
                // lines below it are not blamed again.
                if !errs.0.iter().any(|e| e.field == Field::Need) {
                    errs.push(FieldError::new(Field::Need, Problem::Required).at_row(row));
                }
                continue;
            }
            if new_long {
                let goal = text(errs, GoalText::parse(&line.long_goal), Field::LongGoal, row);
                let when = period(
                    errs,
                    Field::LongGoalPeriod,
                    &line.long_from,
                    &line.long_to,
                    Some(row),
                );
                built.long = goal.zip(when).map(|(goal, period)| LongGoal {
                    goal,
                    period,
                    short_goals: Vec::new(),
                });
            }
            if new_short {
                let goal = text(
                    errs,
                    GoalText::parse(&line.short_goal),
                    Field::ShortGoal,
                    row,
                );
                let when = period(
                    errs,
                    Field::ShortGoalPeriod,
                    &line.short_from,
                    &line.short_to,
                    Some(row),
                );
                built.short = goal.zip(when).map(|(goal, period)| ShortGoal {
                    goal,
                    period,
                    services: Vec::new(),
                });
            }
            // A removed line's own 援助内容 goes unread: a slip in a line
            // being thrown away must not stop the save.
            if line.remove.is_none() {
                let service = if line.has_service() {
                    service_line(errs, line, row)
                } else {
                    None
                };
                built.keep(service);
            }
        }
        built.close_need();
        if built.needs.is_empty() && errs.0.len() == before {
            errs.push(FieldError::new(Field::Need, Problem::Required));
        }
        built.needs
    }

    fn weekly(&self, errs: &mut ValidationErrors) -> Vec<WeeklySlot> {
        let mut out = Vec::new();
        for (i, w) in self.week.iter().enumerate() {
            let row = i + 1;
            if w.is_blank() || w.remove.is_some() {
                continue;
            }
            let at = |e: FieldError| e.at_row(row);
            let weekday = errs.check(
                w.weekday
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|d| *d <= 6)
                    .ok_or_else(|| at(FieldError::new(Field::Weekday, Problem::UnknownChoice))),
            );
            let time = |field: Field, raw: &str| {
                if raw.trim().is_empty() {
                    Err(at(FieldError::new(field, Problem::Required)))
                } else {
                    MinuteOfDay::parse(field, raw).map_err(at)
                }
            };
            let start = errs.check(time(Field::SlotStart, &w.start));
            let end = errs.check(time(Field::SlotEnd, &w.end));
            let content = errs.check(
                super::validation::required_text(Field::WeeklySlot, &w.content, 100).map_err(at),
            );
            if let (Some(weekday), Some(start), Some(end), Some(content)) =
                (weekday, start, end, content)
            {
                match WeeklySlot::new(weekday, start, end, &content) {
                    Ok(slot) => out.push(slot),
                    Err(e) => {
                        let field = if e.problem == Problem::PeriodReversed {
                            Field::SlotEnd
                        } else {
                            Field::WeeklySlot
                        };
                        errs.push(at(e.as_field(field)));
                    }
                }
            }
        }
        out.sort_by_key(|s| (s.weekday, s.start));
        out
    }

    fn daily(&self, errs: &mut ValidationErrors) -> Vec<DailyActivity> {
        let mut out = Vec::new();
        for (i, d) in self.day.iter().enumerate() {
            let row = i + 1;
            if d.is_blank() || d.remove.is_some() {
                continue;
            }
            let at = errs.check(if d.at.trim().is_empty() {
                Err(FieldError::new(Field::DailyActivity, Problem::Required).at_row(row))
            } else {
                MinuteOfDay::parse(Field::DailyActivity, &d.at).map_err(|e| e.at_row(row))
            });
            let activity = errs.check(
                super::validation::required_text(Field::DailyActivity, &d.activity, ACTIVITY_MAX)
                    .map_err(|e| e.at_row(row)),
            );
            if let (Some(at), Some(activity)) = (at, activity) {
                out.push(DailyActivity { at, activity });
            }
        }
        out.sort_by_key(|d| d.at);
        out
    }

    /// The form filled with a stored plan: the first line of a 課題 or goal
    /// carries its words and period, the lines below it leave them empty.
    pub fn from_plan(plan: &NewCarePlan) -> Self {
        let mut lines = Vec::new();
        for need in &plan.needs {
            let mut first_of_need = true;
            for long in &need.long_goals {
                let mut first_of_long = true;
                for short in &long.short_goals {
                    let mut first_of_short = true;
                    let services: Vec<Option<&ServiceLine>> = if short.services.is_empty() {
                        vec![None]
                    } else {
                        short.services.iter().map(Some).collect()
                    };
                    for s in services {
                        let mut line = Table2Line::default();
                        if first_of_need {
                            line.need = need.need.to_string();
                        }
                        if first_of_long {
                            line.long_goal = long.goal.to_string();
                            line.long_from = long.period.from().to_string();
                            line.long_to = long.period.to().to_string();
                        }
                        if first_of_short {
                            line.short_goal = short.goal.to_string();
                            line.short_from = short.period.from().to_string();
                            line.short_to = short.period.to().to_string();
                        }
                        if let Some(s) = s {
                            line.content = s.content.to_string();
                            line.insured = s.insured.then(|| "on".to_string());
                            line.kind = s.kind.to_string();
                            line.provider = s.provider_name.clone();
                            line.frequency = s.frequency.to_string();
                            line.from = s.period.from().to_string();
                            line.to = s.period.to().to_string();
                        }
                        lines.push(line);
                        first_of_need = false;
                        first_of_long = false;
                        first_of_short = false;
                    }
                }
            }
        }
        let t1 = &plan.table1;
        PlanForm {
            care_level: t1.care_level.code().to_string(),
            certified_from: t1.certification.from().to_string(),
            certified_to: t1.certification.to().to_string(),
            intention: t1.intention.to_string(),
            policy: t1.policy.to_string(),
            lines,
            week: plan
                .weekly
                .iter()
                .map(|w| WeekLine {
                    weekday: w.weekday.to_string(),
                    start: hh_mm(w.start),
                    end: hh_mm(w.end),
                    content: w.content.clone(),
                    remove: None,
                })
                .collect(),
            day: plan
                .daily_activities
                .iter()
                .map(|d| DayLine {
                    at: hh_mm(d.at),
                    activity: d.activity.clone(),
                    remove: None,
                })
                .collect(),
            other_services: plan.other_services.clone(),
        }
    }
}

/// 第2表 being built: the open 課題 and goals, and whether a kept line
/// belongs to each (one made only of removed lines is dropped).
#[derive(Default)]
struct Built {
    needs: Vec<Need>,
    need: Option<Need>,
    long: Option<LongGoal>,
    short: Option<ShortGoal>,
    kept: [bool; 3],
}

impl Built {
    fn keep(&mut self, service: Option<ServiceLine>) {
        self.kept = [true; 3];
        if let (Some(s), Some(service)) = (self.short.as_mut(), service) {
            s.services.push(service);
        }
    }

    fn close_short(&mut self) {
        if let (Some(l), Some(s)) = (self.long.as_mut(), self.short.take()) {
            if self.kept[2] {
                l.short_goals.push(s);
            }
        }
        self.kept[2] = false;
    }

    fn close_long(&mut self) {
        self.close_short();
        if let (Some(n), Some(l)) = (self.need.as_mut(), self.long.take()) {
            if self.kept[1] {
                n.long_goals.push(l);
            }
        }
        self.kept[1] = false;
    }

    fn close_need(&mut self) {
        self.close_long();
        if let Some(n) = self.need.take() {
            if self.kept[0] {
                self.needs.push(n);
            }
        }
        self.kept[0] = false;
    }
}

/// "09:00": what an `<input type="time">` holds.
fn hh_mm(m: MinuteOfDay) -> String {
    format!("{:02}:{:02}", m.minutes() / 60, m.minutes() % 60)
}

fn service_line(errs: &mut ValidationErrors, line: &Table2Line, row: usize) -> Option<ServiceLine> {
    let content = text(
        errs,
        ServiceContent::parse(&line.content),
        Field::ServiceContent,
        row,
    );
    let kind = text(
        errs,
        ServiceKindText::parse(&line.kind),
        Field::ServiceKind,
        row,
    );
    let provider = errs
        .check(optional_text(Field::ProviderName, &line.provider, 100).map_err(|e| e.at_row(row)));
    let frequency = text(
        errs,
        Frequency::parse(&line.frequency),
        Field::Frequency,
        row,
    );
    let when = period(errs, Field::ServicePeriod, &line.from, &line.to, Some(row));
    Some(ServiceLine {
        content: content?,
        insured: line.insured.is_some(),
        kind: kind?,
        provider_name: provider?,
        frequency: frequency?,
        period: when?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(need: &str, long: &str, short: &str, content: &str) -> Table2Line {
        let dated = |t: &str, d: &str| {
            if t.is_empty() {
                String::new()
            } else {
                d.to_string()
            }
        };
        Table2Line {
            need: need.into(),
            long_goal: long.into(),
            long_from: dated(long, "2026-04-01"),
            long_to: dated(long, "2027-03-31"),
            short_goal: short.into(),
            short_from: dated(short, "2026-04-01"),
            short_to: dated(short, "2026-09-30"),
            content: content.into(),
            insured: Some("on".into()),
            kind: "訪問介護".into(),
            provider: "さくら訪問介護".into(),
            frequency: "週2回".into(),
            from: "2026-04-01".into(),
            to: "2026-09-30".into(),
            remove: None,
        }
    }

    /// The plan `p` as the editor stores it (someone's, by someone).
    fn stored(p: &PlanParts) -> NewCarePlan {
        NewCarePlan {
            recipient: crate::domain::ids::RecipientId::new(),
            author: crate::domain::ids::PersonId::new(),
            created_at: crate::domain::time::OccurredAt::from_millis(0),
            table1: p.table1.clone(),
            needs: p.needs.clone(),
            weekly: p.weekly.clone(),
            daily_activities: p.daily_activities.clone(),
            other_services: p.other_services.clone(),
            class: crate::domain::classes::InfoClass::Living,
        }
    }

    fn form() -> PlanForm {
        PlanForm {
            care_level: "care_2".into(),
            certified_from: "2026-04-01".into(),
            certified_to: "2027-03-31".into(),
            intention: "家で暮らしつづけたい".into(),
            policy: "転ばないように支えます".into(),
            lines: vec![
                line(
                    "一人で入浴できない",
                    "安全に入浴できる",
                    "週2回入浴する",
                    "入浴介助",
                ),
                line("", "", "", "洗髪"),
                line("", "", "浴槽をまたげる", "手すりの設置"),
                line("食事がすすまない", "体重を保つ", "三食たべる", "配食"),
            ],
            week: vec![WeekLine {
                weekday: "1".into(),
                start: "10:00".into(),
                end: "11:00".into(),
                content: "訪問介護".into(),
                remove: None,
            }],
            day: vec![DayLine {
                at: "07:00".into(),
                activity: "起床".into(),
                remove: None,
            }],
            other_services: String::new(),
        }
    }

    #[test]
    fn lines_continue_the_need_and_goals_above() {
        let p = form().parse().unwrap();
        assert_eq!(p.needs.len(), 2);
        let bath = &p.needs[0];
        assert_eq!(bath.long_goals.len(), 1);
        let shorts = &bath.long_goals[0].short_goals;
        assert_eq!(shorts.len(), 2);
        assert_eq!(shorts[0].services.len(), 2);
        assert_eq!(shorts[0].services[1].content.as_str(), "洗髪");
        assert_eq!(shorts[1].goal.as_str(), "浴槽をまたげる");
        assert_eq!(p.needs[1].need.as_str(), "食事がすすまない");
        assert_eq!(p.weekly[0].start.hhmm(), "10:00");
        assert_eq!(p.daily_activities[0].activity, "起床");
    }

    #[test]
    fn a_stored_plan_comes_back_as_the_same_form_and_plan() {
        let p = form().parse().unwrap();
        let plan = stored(&p);
        let again = PlanForm::from_plan(&plan);
        assert_eq!(
            again.lines[1].need, "",
            "a continuing line leaves the need empty"
        );
        assert_eq!(again.parse().unwrap(), p);
    }

    #[test]
    fn every_bad_field_is_named_with_its_line() {
        let mut f = form();
        f.care_level = "care_9".into();
        f.lines[1].content = String::new();
        f.lines[2].short_from = "2026-02-30".into();
        f.lines[3].long_to = "2025-01-01".into();
        f.week[0].end = "09:00".into();
        let errs = f.parse().unwrap_err();
        let got: Vec<(Field, Option<u16>)> = errs.0.iter().map(|e| (e.field, e.row)).collect();
        assert_eq!(
            got,
            vec![
                (Field::CareLevel, None),
                (Field::ServiceContent, Some(2)),
                (Field::ShortGoalPeriod, Some(3)),
                (Field::LongGoalPeriod, Some(4)),
                (Field::SlotEnd, Some(1)),
            ]
        );
        assert_eq!(errs.0[3].problem, Problem::PeriodReversed);
    }

    #[test]
    fn the_first_line_must_say_its_need_and_goals() {
        let mut f = form();
        f.lines[0].need = String::new();
        let errs = f.parse().unwrap_err();
        assert_eq!(errs.0[0].field, Field::Need);
        assert_eq!(errs.0[0].row, Some(1));
        let mut f = form();
        f.lines[3].short_goal = String::new();
        f.lines[3].short_from = String::new();
        f.lines[3].short_to = String::new();
        // A new 課題 needs its own goals: nothing is carried across 課題.
        let errs = f.parse().unwrap_err();
        assert_eq!(
            errs.fields(),
            vec![Field::ShortGoal, Field::ShortGoalPeriod]
        );
    }

    #[test]
    fn removed_and_blank_lines_go_and_the_lines_below_keep_their_goal() {
        let mut f = form();
        f.lines[0].remove = Some("on".into());
        f.lines.insert(2, Table2Line::default());
        let p = f.parse().unwrap();
        let shorts = &p.needs[0].long_goals[0].short_goals;
        assert_eq!(shorts[0].services.len(), 1);
        assert_eq!(shorts[0].services[0].content.as_str(), "洗髪");
        assert_eq!(shorts[0].goal.as_str(), "週2回入浴する");
        // A removed line's help is not checked: its slip does not matter.
        let mut f = form();
        f.lines[1].remove = Some("on".into());
        f.lines[1].frequency = String::new();
        assert_eq!(
            f.parse().unwrap().needs[0].long_goals[0].short_goals[0]
                .services
                .len(),
            1
        );
        // Removing every line of a 課題 removes the 課題.
        let mut f = form();
        f.lines[3].remove = Some("on".into());
        assert_eq!(f.parse().unwrap().needs.len(), 1);
    }

    #[test]
    fn a_plan_needs_a_need_and_the_first_table() {
        let errs = PlanForm::default().parse().unwrap_err();
        assert_eq!(
            errs.fields(),
            vec![
                Field::CareLevel,
                Field::CertificationPeriod,
                Field::PlanIntention,
                Field::PlanPolicy,
                Field::Need
            ]
        );
    }

    #[test]
    fn a_goal_without_services_is_kept() {
        let mut f = form();
        let l = &mut f.lines[3];
        for s in [
            &mut l.content,
            &mut l.kind,
            &mut l.provider,
            &mut l.frequency,
            &mut l.from,
            &mut l.to,
        ] {
            s.clear();
        }
        let p = f.parse().unwrap();
        assert!(p.needs[1].long_goals[0].short_goals[0].services.is_empty());
    }

    #[test]
    fn a_refused_form_comes_back_without_its_empty_lines() {
        let mut f = form();
        f.lines.push(Table2Line::default());
        f.week.push(WeekLine {
            weekday: "0".into(),
            ..WeekLine::default()
        });
        f.day.push(DayLine::default());
        assert_eq!(f.without_trailing_blanks(), form());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text a browser may send: anything, often short, sometimes a
        /// date or a time.
        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![
                any::<String>(),
                Just(String::new()),
                "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
                "[0-2]?[0-9]:[0-6][0-9]",
            ]
        }

        fn line() -> impl Strategy<Value = Table2Line> {
            (prop::collection::vec(cell(), 13), any::<(bool, bool)>()).prop_map(|(c, (i, r))| {
                Table2Line {
                    need: c[0].clone(),
                    long_goal: c[1].clone(),
                    long_from: c[2].clone(),
                    long_to: c[3].clone(),
                    short_goal: c[4].clone(),
                    short_from: c[5].clone(),
                    short_to: c[6].clone(),
                    content: c[7].clone(),
                    insured: i.then(|| "on".into()),
                    kind: c[8].clone(),
                    provider: c[9].clone(),
                    frequency: c[10].clone(),
                    from: c[11].clone(),
                    to: c[12].clone(),
                    remove: r.then(|| "on".into()),
                }
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Whatever arrives, the form gives a plan or a short list of
            /// problems, each naming a field — never a panic.
            #[test]
            fn any_form_gives_a_plan_or_named_problems(
                lines in prop::collection::vec(line(), 0..8),
                head in prop::collection::vec(cell(), 6),
                week in prop::collection::vec((cell(), cell(), cell(), cell()), 0..4),
            ) {
                let f = PlanForm {
                    care_level: head[0].clone(),
                    certified_from: head[1].clone(),
                    certified_to: head[2].clone(),
                    intention: head[3].clone(),
                    policy: head[4].clone(),
                    other_services: head[5].clone(),
                    lines,
                    week: week
                        .into_iter()
                        .map(|(weekday, start, end, content)| WeekLine { weekday, start, end, content, remove: None })
                        .collect(),
                    day: Vec::new(),
                };
                match f.parse() {
                    Ok(p) => {
                        prop_assert!(!p.needs.is_empty());
                        // What was kept reads back as the same plan.
                        let plan = stored(&p);
                        prop_assert_eq!(PlanForm::from_plan(&plan).parse().unwrap(), p);
                    }
                    Err(errs) => {
                        prop_assert!(!errs.0.is_empty() && errs.0.len() <= MAX_PROBLEMS);
                    }
                }
            }
        }
    }

    #[test]
    fn too_many_lines_are_too_long() {
        let mut f = form();
        assert!(!f.is_too_long());
        f.lines = vec![Table2Line::default(); MAX_LINES + 1];
        assert!(f.is_too_long());
    }
}
