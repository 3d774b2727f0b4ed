//! The plain-Japanese engine: care-staff shorthand becomes short
//! です・ます sentences the person and family can read. Deterministic, on
//! the server, no network. The staff's note is never changed; this derives
//! a second text from it.
//!
//! Pipeline: normalise → split into chunks → a rule turns each chunk into a
//! sentence, or the chunk is kept as written → glossary words left in the
//! text get their explanation. A rule's sentence is used only when every
//! number of the chunk is still in it.

mod analysis;
pub mod furigana;
pub mod glossary;
mod grammar;
pub mod keyed_report;
mod normalize;
pub mod plan;
pub mod report;
mod rules;
mod split;
pub mod vitals;

use std::path::{Path, PathBuf};

use crate::domain::plain::{segments, PlainNote, Ruby, RubyText, TermNote};
use furigana::{Furigana, FuriganaError, GradeLimit};
use glossary::Glossary;
pub use normalize::normalize;

/// The engine with everything it needs loaded: the glossary and the
/// furigana analyser. Built once at start-up and shared.
pub struct Engine {
    glossary: &'static Glossary,
    furigana: Furigana,
}

impl Engine {
    /// Changes whenever a change to the rules, the glossary or the readings
    /// would change a converted note, so stored conversions are redone.
    pub const VERSION: &'static str = concat!(
        env!("CARGO_PKG_VERSION"),
        "+",
        env!("YORISOI_PLAIN_DATA_HASH")
    );

    pub fn load(dictionary: &Path, limit: GradeLimit) -> Result<Self, FuriganaError> {
        let glossary = Glossary::builtin();
        Ok(Self {
            glossary,
            furigana: Furigana::load(dictionary, glossary, limit)?,
        })
    }

    /// The dictionary built inside this checkout, for tests and tools run
    /// from anywhere in the workspace.
    pub fn workspace_dictionary() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../dictionary/ipadic")
    }

    pub fn glossary(&self) -> &Glossary {
        self.glossary
    }

    pub fn furigana(&self) -> &Furigana {
        &self.furigana
    }

    /// One staff note in plain Japanese, with furigana.
    pub fn convert(&self, source: &str) -> PlainNote {
        let mut note = convert_inner(source, self.glossary, Some(&self.furigana));
        note.ruby = self.furigana.readings(&note.text).ruby;
        note
    }

    /// Furigana over text the engine wrote itself (a vital sign in words).
    pub fn annotate(&self, text: String) -> RubyText {
        let ruby = self.furigana.readings(&text).ruby;
        RubyText { text, ruby }
    }
}

/// Converts one note with the built-in glossary, without furigana.
pub fn convert(source: &str) -> PlainNote {
    convert_with(source, Glossary::builtin())
}

/// Without the analyser: the rules and the glossary only.
pub fn convert_with(source: &str, g: &Glossary) -> PlainNote {
    convert_inner(source, g, None)
}

/// With the analyser, a chunk no rule understood can still get a です・ます
/// ending from its last word's part of speech (`grammar`).
fn convert_inner(source: &str, g: &Glossary, analyser: Option<&Furigana>) -> PlainNote {
    let norm = normalize(source);
    let mut out = String::with_capacity(norm.len() * 2);
    let mut label: Option<&str> = None;
    for chunk in chunks(&norm) {
        if let Some(l) = rules::meal_label(chunk) {
            flush_label(&mut out, label.take());
            label = Some(l);
            continue;
        }
        let sentence = rules::sentence(chunk, g)
            .or_else(|| grammar::sentence(chunk, analyser?))
            .filter(|s| keeps_numbers(chunk, s));
        match sentence {
            Some(s) => {
                // 「朝食 SpO2 95% 主食10割摂取」: the meal label waits for the
                // sentence about the meal, not the one about oxygen.
                if about_eating(&s) {
                    if let Some(l) = label.take() {
                        out.push_str(l);
                        out.push_str("は、");
                    }
                }
                out.push_str(&s);
            }
            None => {
                flush_label(&mut out, label.take());
                out.push_str(&split::split_long(chunk));
                if !chunk.ends_with(['。', '!', '?', '！', '？']) {
                    out.push('。');
                }
            }
        }
    }
    flush_label(&mut out, label);
    let terms = terms_in(&out, g);
    let sentences = out.matches('。').count();
    PlainNote {
        text: out,
        ruby: Vec::new(),
        terms,
        sentences,
    }
}

fn about_eating(sentence: &str) -> bool {
    [
        "食べ",
        "飲み",
        "ごはん",
        "おかず",
        "水分",
        "むせ",
        "食事",
        "のこし",
    ]
    .iter()
    .any(|w| sentence.contains(w))
}

fn flush_label(out: &mut String, label: Option<&str>) {
    if let Some(l) = label {
        out.push_str(l);
        out.push_str("のきろくです。");
    }
}

/// Splits on spaces and 。, but never inside 「…」 or (…): a quote of the
/// person's own words stays whole.
fn chunks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '「' | '(' | '（' | '『' => depth += 1,
            '」' | ')' | '）' | '』' => depth = (depth - 1).max(0),
            ' ' | '。' if depth == 0 => {
                let end = if c == '。' { i + c.len_utf8() } else { i };
                if !s[start..end].trim().is_empty() {
                    out.push(&s[start..end]);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(&s[start..]);
    }
    out
}

/// Every run of digits in `source` appears in `plain`, in order.
pub fn keeps_numbers(source: &str, plain: &str) -> bool {
    let mut rest = plain;
    for run in digit_runs(source) {
        match rest.find(run) {
            Some(pos) => rest = &rest[pos + run.len()..],
            None => return false,
        }
    }
    true
}

pub fn digit_runs(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
}

/// Glossary words still in the text, each once, in order of appearance.
/// (The glossary itself matches Latin and katakana words only whole.)
pub(crate) fn terms_in(text: &str, g: &Glossary) -> Vec<TermNote> {
    let mut found: Vec<TermNote> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match g.longest_match_at(text, i) {
            Some(t) => {
                if !found.iter().any(|f| f.term == t.term) {
                    found.push(TermNote {
                        term: t.term.clone(),
                        reading: t.reading.clone(),
                        plain: t.plain.clone(),
                        explanation: t.explanation.clone(),
                    });
                }
                i += t.term.len();
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// Text with its readings as HTML `<ruby>`. Everything is escaped, so the
/// result is safe to insert as HTML.
pub fn to_html(text: &str, ruby: &[Ruby]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for seg in segments(text, ruby) {
        match seg.reading {
            Some(reading) => {
                out.push_str("<ruby>");
                escape_into(&mut out, seg.base);
                out.push_str("<rt>");
                escape_into(&mut out, reading);
                out.push_str("</rt></ruby>");
            }
            None => escape_into(&mut out, seg.base),
        }
    }
    out
}

/// The engine on the dictionary built in this checkout, loaded once for
/// all tests. A missing dictionary fails the tests: run
/// `server/scripts/ipadic.sh` (`make test` does).
#[cfg(test)]
pub(crate) fn test_engine() -> &'static Engine {
    use std::sync::OnceLock;
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Engine::load(&Engine::workspace_dictionary(), GradeLimit::DEFAULT)
            .expect("furigana dictionary (run server/scripts/ipadic.sh)")
    })
}

pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

fn escape_into(out: &mut String, s: &str) {
    crate::components::escape_html_into(out, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_stay_whole() {
        assert_eq!(
            chunks("本人「足が 痛い」と訴えあり CMへ連絡"),
            vec!["本人「足が 痛い」と訴えあり", "CMへ連絡"]
        );
    }

    #[test]
    fn numbers_must_survive() {
        assert!(keeps_numbers("BP152/88", "上が152、下が88"));
        assert!(!keeps_numbers("BP152/88", "上が152"));
        assert!(!keeps_numbers("88/152", "152 88"));
    }

    fn html(source: &str) -> String {
        let note = test_engine().convert(source);
        to_html(&note.text, &note.ruby)
    }

    #[test]
    fn furigana_uses_the_medical_readings() {
        // IPADIC alone reads 嚥下 エンカ, and lacks 褥瘡 and 臥床.
        let e = test_engine();
        let t = e.annotate("臥床の時間です。".into());
        assert_eq!(
            to_html(&t.text, &t.ruby),
            "<ruby>臥床<rt>がしょう</rt></ruby>の時間です。"
        );
        let h = html("褥瘡処置実施");
        assert!(h.contains("<ruby>褥瘡<rt>じょくそう</rt></ruby>"), "{h}");
        // A care record's 便 is べん (stool), not びん (a flight).
        let t = e.annotate("便が出ました。".into());
        assert_eq!(
            to_html(&t.text, &t.ruby),
            "<ruby>便<rt>べん</rt></ruby>が出ました。"
        );
        let h = e.annotate("嚥下の力を見ます。".into());
        assert_eq!(
            to_html(&h.text, &h.ruby),
            "<ruby>嚥下<rt>えんげ</rt></ruby>の力を見ます。"
        );
    }

    #[test]
    fn furigana_only_over_kanji_beyond_grade_three() {
        let e = test_engine();
        let t = e.annotate("上の血圧は152でした。いつもより少し高めです。".into());
        let h = to_html(&t.text, &t.ruby);
        // 血圧: 圧 is a grade-5 kanji. 上, 少, 高 are grades 1–2.
        assert!(h.contains("<ruby>血圧<rt>けつあつ</rt></ruby>"), "{h}");
        assert!(
            !h.contains("<rt>うえ") && !h.contains("<rt>すこ") && !h.contains("<rt>たか"),
            "{h}"
        );
        // Okurigana stay outside the ruby: 眠 (grade 4) in 眠れました.
        let t = e.annotate("よく眠れました。".into());
        assert_eq!(
            to_html(&t.text, &t.ruby),
            "よく<ruby>眠<rt>ねむ</rt></ruby>れました。"
        );
    }

    #[test]
    fn html_escapes_staff_text() {
        let h = html("<script>alert(1)</script> 主食8割摂取");
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    /// Golden lines: source → expected plain text, reviewed one by one for
    /// meaning. Kept in a data file so reviewers read pairs, not code.
    #[test]
    fn golden_lines() {
        let data = include_str!("../../../data/plain_golden.tsv");
        let mut failures = Vec::new();
        let mut n = 0;
        for (lineno, line) in data.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (src, want) = line.split_once('\t').unwrap();
            n += 1;
            let got = test_engine().convert(src).text;
            if got != want {
                failures.push(format!(
                    "line {}: {src}\n  want {want}\n  got  {got}",
                    lineno + 1
                ));
            }
        }
        assert!(n >= 60, "only {n} golden lines");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Property: random mixes of the characters staff notes are made of
    /// never panic and never lose a digit.
    #[test]
    fn random_notes_never_panic_or_lose_digits() {
        use rand::{rngs::StdRng, Rng, SeedableRng};
        const PARTS: &[&str] = &[
            "BT",
            "BP",
            "P",
            "R",
            "SpO2",
            "HR",
            "主食",
            "副食",
            "水分",
            "割",
            "ml",
            "摂取",
            "時",
            "分",
            "臥床",
            "あり",
            "なし",
            "(+)",
            "(-)",
            "「",
            "」",
            "(",
            ")",
            "/",
            ".",
            "%",
            " ",
            "　",
            "。",
            "、",
            "・",
            "Ns",
            "CM",
            "へ",
            "報告済",
            "連絡",
            "褥瘡",
            "発赤",
            "特変なし",
            "１",
            "２",
            "８",
            "．",
            "／",
            "ｍｌ",
            "🙂",
            "\t",
            "\u{7}",
            "ｶﾞ",
            "Ⅱa",
            "0",
            "1",
            "2",
            "3",
            "5",
            "7",
            "9",
            "36.8",
            "152/88",
            // Pieces the grammar step reads (あり and なし are above).
            "交換",
            "せず",
            "多い",
            "予定",
        ];
        let mut rng = StdRng::seed_from_u64(20261124);
        for _ in 0..3000 {
            let n = rng.gen_range(0..14);
            let src: String = (0..n)
                .map(|_| PARTS[rng.gen_range(0..PARTS.len())])
                .collect();
            // The whole engine: rules, grammar step and furigana.
            let p = test_engine().convert(&src);
            assert!(
                keeps_numbers(&normalize(&src), &p.text),
                "{src:?} → {:?}",
                p.text
            );
            // Every reading sits on whole characters, in order, inside the text.
            let mut at = 0;
            for r in &p.ruby {
                assert!(r.start >= at && r.start < r.end, "{src:?}: {:?}", p.ruby);
                assert!(p.text.get(r.start..r.end).is_some(), "{src:?}: {r:?}");
                at = r.end;
            }
        }
    }

    #[test]
    fn huge_and_empty_lines_come_back_whole() {
        let e = test_engine();
        assert_eq!(e.convert("").text, "");
        let long = "主食8割摂取 ".repeat(10_000);
        let p = e.convert(&long);
        assert_eq!(p.sentences, 10_000);
        // 100 KB with no space or 。 for the analyser to cut at.
        let block = "褥瘡処置後臥床傾向強く経過観察継続".repeat(2_000);
        let p = e.convert(&block);
        assert!(p.text.starts_with(&block), "the source comes back whole");
        assert!(!p.ruby.is_empty());
    }

    #[test]
    fn no_digit_is_ever_dropped() {
        let lines = [
            "BT36.8 BP142/78 P72 SpO2 96% 特変なし",
            "ＢＰ１５２／８８",
            "主食8割摂取 副食7割 水分200ml",
            "21時臥床 夜間良眠",
            "仙骨部発赤あり(2×2cm) Ns報告済",
            "体位変換2時間毎",
            "12:30 昼食 主食10割",
            "",
            "🙂👵 1 2 3",
        ];
        for l in lines {
            let p = convert(l);
            assert!(keeps_numbers(&normalize(l), &p.text), "{l} → {}", p.text);
        }
    }
}
