//! A care plan in plain words: 第1表's 意向 and 援助方針 become short
//! sentences, 第2表 becomes 「こまっていること → めざすこと（いつまでに）→
//! だれが、なにを、どのくらい」. The plan itself is never changed.

use chrono::{Datelike, NaiveDate};

use super::Engine;
use crate::api::plan::{Change, ChangeLine, ChangesView};
use crate::domain::care_plan::{
    CarePlan, LongGoal, NewCarePlan, ServiceLine, ShortGoal, WeeklySlot,
};
use crate::domain::plain::{AimInWords, HelpInWords, NeedInWords, PlainNote, PlanInWords, Voice};
use crate::domain::plan_changes::{Help, PlanChanges};

pub fn describe(plan: &NewCarePlan, engine: &Engine) -> PlanInWords {
    let t1 = &plan.table1;
    PlanInWords {
        voices: lines(t1.intention.as_str())
            .map(|line| {
                let (who, said) = speaker(line);
                Voice {
                    who: who.map(str::to_string),
                    words: sentences(said, engine),
                }
            })
            .collect(),
        policy: lines(t1.policy.as_str())
            .map(|l| sentences(l, engine))
            .collect(),
        needs: plan
            .needs
            .iter()
            .map(|n| NeedInWords {
                trouble: sentences(n.need.as_str(), engine),
                aims: n.long_goals.iter().map(|g| long_aim(g, engine)).collect(),
            })
            .collect(),
    }
}

/// 「前のプランから変わったところ」 between `before` and `now`, in plain
/// words: troubles and aims as sentences, helps and visits as written.
pub fn changes(before: &CarePlan, now: &CarePlan, engine: &Engine) -> ChangesView {
    let c = PlanChanges::between(&before.plan, &now.plan);
    let said = |change: Change, text: &str| ChangeLine {
        change,
        words: sentences(text, engine),
        was: None,
    };
    let help = |change: Change, h: &Help| ChangeLine {
        change,
        words: words(
            &format!("{}: {}({})", h.kind, h.content, h.frequency),
            engine,
        ),
        was: None,
    };
    let visit = |change: Change, s: &WeeklySlot| ChangeLine {
        change,
        words: words(&slot_line(s), engine),
        was: None,
    };
    let mut lines: Vec<ChangeLine> = Vec::new();
    lines.extend(c.needs_added.iter().map(|t| said(Change::NeedAdded, t)));
    lines.extend(c.goals_added.iter().map(|t| said(Change::GoalAdded, t)));
    lines.extend(c.help_added.iter().map(|h| help(Change::HelpAdded, h)));
    lines.extend(c.week_added.iter().map(|s| visit(Change::VisitAdded, s)));
    lines.extend(c.help_more_or_less.iter().map(|(h, was)| ChangeLine {
        was: Some(was.clone()),
        ..help(Change::HelpFrequency, h)
    }));
    lines.extend(c.needs_removed.iter().map(|t| said(Change::NeedRemoved, t)));
    lines.extend(c.goals_removed.iter().map(|t| said(Change::GoalRemoved, t)));
    lines.extend(c.help_removed.iter().map(|h| help(Change::HelpRemoved, h)));
    lines.extend(
        c.week_removed
            .iter()
            .map(|s| visit(Change::VisitRemoved, s)),
    );
    ChangesView {
        since_version: before.version,
        since_made_on: before.plan.created_at.jst_date(),
        wishes_changed: c.wishes_changed,
        policy_changed: c.policy_changed,
        lines,
    }
}

/// 「水曜日 14:00〜14:45 訪問看護(健康管理)」.
fn slot_line(s: &WeeklySlot) -> String {
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let day = DAYS.get(usize::from(s.weekday)).copied().unwrap_or("");
    format!(
        "{day}曜日 {}〜{} {}",
        s.start.hhmm(),
        s.end.hhmm(),
        s.content
    )
}

fn long_aim(g: &LongGoal, engine: &Engine) -> AimInWords {
    AimInWords {
        aim: sentences(g.goal.as_str(), engine),
        by: date(g.period.to()),
        steps: g.short_goals.iter().map(|s| short_aim(s, engine)).collect(),
        help: Vec::new(),
    }
}

fn short_aim(g: &ShortGoal, engine: &Engine) -> AimInWords {
    AimInWords {
        aim: sentences(g.goal.as_str(), engine),
        by: date(g.period.to()),
        steps: Vec::new(),
        help: g.services.iter().map(|s| help(s, engine)).collect(),
    }
}

fn help(s: &ServiceLine, engine: &Engine) -> HelpInWords {
    HelpInWords {
        who: s.provider_name.clone(),
        kind: words(s.kind.as_str(), engine),
        what: words(s.content.as_str(), engine),
        how_often: words(s.frequency.as_str(), engine),
    }
}

fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// 「本人:…」「長女：…」 → (Some("本人"), "…"). Only a short label before the
/// first colon counts as a speaker.
fn speaker(line: &str) -> (Option<&str>, &str) {
    match line.split_once([':', '：']) {
        Some((who, said)) if !who.is_empty() && who.chars().count() <= 6 => {
            (Some(who.trim()), said.trim())
        }
        _ => (None, line),
    }
}

/// A word or phrase (a service name, how often): glossary words explained
/// and read, nothing turned into a sentence.
fn words(text: &str, engine: &Engine) -> PlainNote {
    note(text.to_string(), engine)
}

/// `text` with its readings and the glossary words in it explained.
fn note(text: String, engine: &Engine) -> PlainNote {
    PlainNote {
        terms: super::terms_in(&text, engine.glossary()),
        ruby: engine.furigana().readings(&text).ruby,
        sentences: text.matches('。').count(),
        text,
    }
}

/// Sentences written in plain form end in です・ます; each sentence of the
/// plan keeps its wording otherwise, with glossary words explained.
fn sentences(text: &str, engine: &Engine) -> PlainNote {
    let mut out = String::with_capacity(text.len() + 16);
    for s in text.split_inclusive('。') {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        let body = s.strip_suffix('。').unwrap_or(s);
        out.push_str(&super::split::split_long(&polite(body)));
        out.push('。');
    }
    note(out, engine)
}

/// Plain-form endings the plans use, in their polite form. Anything else
/// is left as written (it may already be polite, or be a noun phrase).
const POLITE_ENDINGS: &[(&str, &str)] = &[
    ("できる", "できます"),
    ("たい", "たいです"),
    // 「ないです」 keeps the meaning of any negative (食べられない too).
    ("ない", "ないです"),
    ("ている", "ています"),
    ("てほしい", "てほしいです"),
    ("が楽しみ", "が楽しみです"),
    ("が心配", "が心配です"),
    ("手伝う", "手伝います"),
    ("保つ", "保ちます"),
    ("続ける", "続けます"),
];

fn polite(sentence: &str) -> String {
    for (plain, polite) in POLITE_ENDINGS {
        if let Some(stem) = sentence.strip_suffix(plain) {
            return format!("{stem}{polite}");
        }
    }
    sentence.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::plain::test_engine;

    #[test]
    fn plain_endings_become_polite() {
        assert_eq!(
            polite("トイレには自分で行きたい"),
            "トイレには自分で行きたいです"
        );
        assert_eq!(
            polite("歩行器でトイレまで移動できる"),
            "歩行器でトイレまで移動できます"
        );
        assert_eq!(polite("床ずれを起こさない"), "床ずれを起こさないです");
        assert_eq!(
            polite("毎日電話で様子を確認している"),
            "毎日電話で様子を確認しています"
        );
        assert_eq!(polite("連携して支援します"), "連携して支援します");
    }

    #[test]
    fn voices_keep_who_said_what() {
        assert_eq!(
            speaker("本人:この家で暮らしたい。"),
            (Some("本人"), "この家で暮らしたい。")
        );
        assert_eq!(speaker("長女：心配です。"), (Some("長女"), "心配です。"));
        assert_eq!(
            speaker("緊急連絡先のことは、あとで:決める"),
            (None, "緊急連絡先のことは、あとで:決める")
        );
    }

    #[test]
    fn sentences_keep_every_number_and_explain_terms() {
        let e = test_engine();
        let n = sentences("1日に1,000ml以上の水分がとれる。転倒が不安。", e);
        assert!(n.text.contains("1,000ml"), "{}", n.text);
        assert_eq!(n.sentences, 2);
        assert!(n.terms.iter().any(|t| t.term == "転倒"), "{:?}", n.terms);
    }
}
