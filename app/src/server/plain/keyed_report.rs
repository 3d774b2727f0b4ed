//! The plainness report over a keyed corpus (`tests/corpus/plain/*.tsv`):
//! each record line comes with its key — its jargon words, its numbers, its
//! negations and whether it says what was done or what is to be (a plan, an
//! instruction, a goal, a standing need, something ongoing) — written apart
//! from the rules. The report says how much of that the plain text keeps,
//! and how much of the staff's shorthand is left in it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::{polite, tateishi};
use super::{digit_runs, is_kanji, normalize, Engine};

/// One line of the corpus with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedLine<'a> {
    pub id: &'a str,
    pub style: &'a str,
    pub source: &'a str,
    pub jargon: Vec<&'a str>,
    pub numbers: Vec<&'a str>,
    /// How many negated facts the line states.
    pub negations: usize,
    pub modality: &'a str,
}

/// Reads the corpus (a header line, then `id style source jargon numbers
/// negations modality`, tab-separated, lists split by `|`).
pub fn parse<'a>(tsv: &'a str) -> Result<Vec<KeyedLine<'a>>, String> {
    let list = |f: &'a str| -> Vec<&'a str> { f.split('|').filter(|s| !s.is_empty()).collect() };
    tsv.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            let [id, style, source, jargon, numbers, negations, modality] = f[..] else {
                return Err(format!("line {}: {} fields, want 7", n + 1, f.len()));
            };
            Ok(KeyedLine {
                id,
                style,
                source,
                jargon: list(jargon),
                numbers: list(numbers),
                negations: list(negations).len(),
                modality,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeyedReport {
    pub lines: usize,
    pub sentences: usize,
    /// Staff shorthand left in the plain text (`SHORTHAND`), per 100
    /// sentences, and which marks.
    pub shorthand_per_100_sentences: f64,
    pub shorthand: BTreeMap<String, usize>,
    /// Sentences ending in です・ます, the person's own quoted words aside.
    pub desu_masu_share: f64,
    /// The key's jargon words: gone from the plain text (replaced), still
    /// there with an explanation, or still there unexplained.
    pub jargon: usize,
    pub jargon_replaced: usize,
    pub jargon_explained: usize,
    pub jargon_neither: usize,
    pub jargon_left_unexplained: BTreeMap<String, usize>,
    /// The key's numbers whose digits are not all in the plain text.
    pub numbers: usize,
    pub numbers_lost: usize,
    /// Lines whose plain text says fewer negations than the key counts.
    pub lines_losing_a_negation: usize,
    /// Lines that say what is to be (plan, instruction, goal, need,
    /// ongoing) whose plain text has a sentence in the past tense.
    pub lines_changing_modality: usize,
    pub mean_sentence_chars: f64,
    pub mean_kanji_per_sentence: f64,
    pub tateishi_rs_source: f64,
    pub tateishi_rs_plain: f64,
    /// Words left in the plain text, neither replaced nor explained, that
    /// carry a kanji beyond grade 6 or are Latin abbreviations
    /// (`hard_words`): where the glossary should grow next.
    pub hard_words_left: usize,
    pub hard_words: BTreeMap<String, usize>,
    /// The ids of the lines behind the meaning counts, for a reviewer.
    pub lines_to_review: Vec<String>,
}

/// The shorthand of care records a plain sentence should no longer carry.
/// Each mark is found only where it stands as shorthand: `あり` not
/// followed by kana (「あります」 is fine), Latin ones as whole words.
const SHORTHAND: [&str; 26] = [
    "あり",
    "なし",
    "(+)",
    "(−)",
    "(-)",
    "にて",
    "施行",
    "実施",
    "済",
    "特変",
    "様子観察",
    "経過観察",
    "との発言",
    "との訴え",
    "不可",
    "困難",
    "傾向",
    "毎に",
    "Dr",
    "Ns",
    "CM",
    "PT",
    "OT",
    "ST",
    "Pt",
    "ADL",
];

fn is_kana(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー')
}

/// Text outside 「」: the person's own words are theirs to keep.
fn outside_quotes(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The shorthand marks in `text` (quotes removed first), with counts.
fn shorthand_in(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for mark in SHORTHAND {
        let latin = mark.chars().all(|c| c.is_ascii_alphabetic());
        for (at, _) in text.match_indices(mark) {
            let before = text[..at].chars().next_back();
            let after = text[at + mark.len()..].chars().next();
            let stands_alone = if latin {
                !before.is_some_and(|c| c.is_ascii_alphabetic())
                    && !after.is_some_and(|c| c.is_ascii_alphabetic())
            } else if mark == "あり" || mark == "なし" {
                // 「あります」「ありがとう」「はなし」 are words, not marks.
                !after.is_some_and(is_kana) && (mark != "なし" || before != Some('は'))
            } else {
                true
            };
            if stands_alone {
                found.push(mark);
            }
        }
    }
    found
}

/// Units written in Latin letters, which are not abbreviations to explain.
const UNITS: [&str; 8] = ["ml", "mL", "kg", "cm", "mm", "mmHg", "mg", "g"];

/// Words in `text` (quotes aside) that an elderly reader may not know and
/// that no note explains: a run of kanji with one beyond grade 6 (常用
/// kanji taught after 小学校), or a Latin abbreviation of two letters or
/// more that is not a unit.
pub fn hard_words(text: &str, explained: &[crate::domain::plain::TermNote]) -> Vec<String> {
    use std::sync::LazyLock;
    static SCHOOL: LazyLock<std::collections::HashSet<char>> = LazyLock::new(|| {
        super::furigana::GradeLimit::new(6)
            .map(|g| g.known_kanji())
            .unwrap_or_default()
    });
    let text = outside_quotes(text);
    let mut words = Vec::new();
    let mut run = String::new();
    let mut latin = false;
    let mut flush = |run: &mut String, latin: bool| {
        let hard = if latin {
            run.chars().count() >= 2 && !UNITS.contains(&run.as_str())
        } else {
            run.chars().any(|c| !SCHOOL.contains(&c))
        };
        let known = explained
            .iter()
            .any(|t| t.term.contains(run.as_str()) || run.contains(&t.term));
        if !run.is_empty() && hard && !known {
            words.push(std::mem::take(run));
        }
        run.clear();
    };
    for c in text.chars() {
        let (is_latin, is_k) = (c.is_ascii_alphabetic(), is_kanji(c));
        if (is_latin || is_k) && (run.is_empty() || is_latin == latin) {
            latin = is_latin;
            run.push(c);
        } else {
            flush(&mut run, latin);
            if is_latin || is_k {
                latin = is_latin;
                run.push(c);
            }
        }
    }
    flush(&mut run, latin);
    words
}

/// Negations a plain sentence can say them with.
const NEGATIONS: [&str; 10] = [
    "ない",
    "ません",
    "なかった",
    "なし",
    "ず",
    "拒否",
    "不可",
    "未",
    "いいえ",
    "ことわ",
];

fn negations_in(text: &str) -> usize {
    NEGATIONS.iter().map(|n| text.matches(n).count()).sum()
}

fn says_what_is_to_be(modality: &str) -> bool {
    matches!(
        modality,
        "plan" | "instruction" | "goal" | "need" | "ongoing"
    )
}

fn past(sentence: &str) -> bool {
    let s = sentence.trim_end_matches(['。', ')', '）']);
    ["ました", "でした", "ませんでした"]
        .iter()
        .any(|e| s.ends_with(e))
}

/// Converts every line and measures what the plain text kept.
pub fn build(lines: &[KeyedLine<'_>], engine: &Engine) -> KeyedReport {
    let mut r = KeyedReport::default();
    let (mut chars, mut kanji, mut polite_n, mut marks) = (0usize, 0usize, 0usize, 0usize);
    let (mut all_source, mut all_plain) = (String::new(), String::new());
    for line in lines {
        let note = engine.convert(line.source);
        let plain = normalize(&note.text);
        r.lines += 1;
        for mark in shorthand_in(&outside_quotes(&plain)) {
            marks += 1;
            *r.shorthand.entry(mark.to_string()).or_default() += 1;
        }
        let mut flagged = false;
        for word in &line.jargon {
            r.jargon += 1;
            let word_n = normalize(word);
            if !plain.contains(&word_n) {
                r.jargon_replaced += 1;
            } else if note
                .terms
                .iter()
                .any(|t| t.term.contains(&word_n) || word_n.contains(&t.term))
            {
                r.jargon_explained += 1;
            } else {
                r.jargon_neither += 1;
                *r.jargon_left_unexplained.entry(word_n).or_default() += 1;
            }
        }
        for number in &line.numbers {
            r.numbers += 1;
            let number_n = normalize(number);
            if digit_runs(&number_n).any(|run| !plain.contains(run)) {
                r.numbers_lost += 1;
                flagged = true;
            }
        }
        if line.negations > 0 && negations_in(&outside_quotes(&plain)) < line.negations {
            r.lines_losing_a_negation += 1;
            flagged = true;
        }
        let sentences: Vec<&str> = note
            .text
            .split_inclusive('。')
            .filter(|s| !s.trim().is_empty())
            .collect();
        if says_what_is_to_be(line.modality) && sentences.iter().any(|s| past(s)) {
            r.lines_changing_modality += 1;
            flagged = true;
        }
        for s in &sentences {
            r.sentences += 1;
            chars += s.chars().count();
            kanji += s.chars().filter(|c| is_kanji(*c)).count();
            let own = outside_quotes(s);
            if own.trim().is_empty() || polite(&own) {
                polite_n += 1;
            }
        }
        for word in hard_words(&note.text, &note.terms) {
            r.hard_words_left += 1;
            *r.hard_words.entry(word).or_default() += 1;
        }
        if flagged {
            r.lines_to_review.push(line.id.to_string());
        }
        all_source.push_str(line.source);
        if !line.source.ends_with('。') {
            all_source.push('。');
        }
        all_plain.push_str(&note.text);
    }
    if r.sentences > 0 {
        let n = r.sentences as f64;
        r.shorthand_per_100_sentences = marks as f64 * 100.0 / n;
        r.mean_sentence_chars = chars as f64 / n;
        r.mean_kanji_per_sentence = kanji as f64 / n;
        r.desu_masu_share = polite_n as f64 / n;
    }
    r.tateishi_rs_source = tateishi(&all_source);
    r.tateishi_rs_plain = tateishi(&all_plain);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::plain::test_engine;

    const SAMPLE: &str = "id\tstyle\tsource\tjargon\tnumbers\tnegations\tmodality\n\
        x1\thoumon_kaigo\t排便なし。\t排便\t\t便が出ない\tdone\n\
        x2\thoumon_kango\tBT36.8℃ 特変なし\tBT|特変\t36.8℃\t変わりなし\tdone\n";

    #[test]
    fn the_corpus_is_read_with_its_key_and_a_bad_line_is_named() {
        let lines = parse(SAMPLE).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].jargon, vec!["BT", "特変"]);
        assert_eq!(lines[1].numbers, vec!["36.8℃"]);
        assert_eq!(lines[0].negations, 1);
        let bad = parse("header\nx\ty\tz\n").unwrap_err();
        assert!(bad.contains("line 2"), "{bad}");
    }

    #[test]
    fn shorthand_is_told_from_plain_words() {
        assert_eq!(shorthand_in("発赤あり。"), vec!["あり"]);
        assert!(shorthand_in("赤いところがあります。おはなしをしました。").is_empty());
        assert_eq!(shorthand_in("Drに相談"), vec!["Dr"]);
        assert!(shorthand_in("Drive").is_empty());
        assert!(shorthand_in(&outside_quotes("「特変なし」と言いました。")).is_empty());
    }

    #[test]
    fn hard_words_are_found_unless_explained() {
        assert_eq!(hard_words("褥瘡の処置をしました。", &[]), vec!["褥瘡"]);
        assert_eq!(hard_words("SpO2は96%でした。", &[]), vec!["SpO"]);
        assert!(hard_words("水を800mlのみました。学校。", &[]).is_empty());
        assert!(hard_words("「褥瘡」と言いました。", &[]).is_empty());
        let note = crate::domain::plain::TermNote {
            term: "褥瘡".into(),
            reading: "じょくそう".into(),
            plain: "とこずれ".into(),
            explanation: String::new(),
        };
        assert!(hard_words("褥瘡の処置をしました。", &[note]).is_empty());
    }

    #[test]
    fn a_plan_said_in_the_past_and_a_lost_number_are_counted() {
        let tsv = "h\n\
            p1\tcareplan\t歩行時は杖を使用する\t\t\t\tinstruction\n\
            n1\thoumon_kango\tBT36.8℃\tBT\t36.8℃\t\tdone\n";
        let r = build(&parse(tsv).unwrap(), test_engine());
        assert_eq!(r.lines, 2);
        assert_eq!(r.numbers, 1);
        assert_eq!(r.numbers_lost, 0, "{r:?}");
        // Whatever the engine says today, the count follows the sentence.
        let plain = test_engine().convert("歩行時は杖を使用する").text;
        let said_past = plain.split_inclusive('。').any(past);
        assert_eq!(r.lines_changing_modality, usize::from(said_past), "{plain}");
    }
}
