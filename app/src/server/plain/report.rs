//! A plainness report over a corpus of converted notes: what a reviewer
//! checks before trusting the engine with a family's reading.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{is_kanji, Engine};
use crate::domain::plain::segments;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub lines: usize,
    pub sentences: usize,
    /// Glossary words in the plain text without an explanation beside them.
    pub unexplained_terms: usize,
    /// Lines whose numbers did not all reach the plain text (must be 0).
    pub lines_losing_digits: usize,
    pub mean_sentence_chars: f64,
    pub max_sentence_chars: usize,
    pub mean_kanji_per_sentence: f64,
    pub max_kanji_per_sentence: usize,
    /// Sentences that end in です・ます forms, as a share of all sentences.
    pub desu_masu_share: f64,
    /// The school grade whose kanji are read without help.
    pub furigana_grade: u8,
    /// Kanji beyond that grade with no reading over them (must be 0).
    pub kanji_without_reading: usize,
    /// The words those kanji are in, with how often each was seen; add
    /// them to app/data/readings.tsv (or the glossary).
    pub words_without_reading: BTreeMap<String, usize>,
    /// 建石's readability score over the whole plain text (higher is
    /// easier; see `tateishi`).
    pub tateishi_rs: f64,
}

pub(super) fn polite(sentence: &str) -> bool {
    let s = sentence.trim_end_matches(['。', ')', '）']);
    ["です", "ます", "でした", "ました", "ません", "ませんでした"]
        .iter()
        .any(|e| s.ends_with(e))
        || sentence.contains("です(")
}

/// Converts every source line and measures the result.
pub fn build<'a>(sources: impl IntoIterator<Item = &'a str>, engine: &Engine) -> Report {
    let g = engine.glossary();
    let furigana = engine.furigana();
    let mut r = Report {
        furigana_grade: furigana.limit().grade(),
        ..Report::default()
    };
    let (mut chars, mut kanji, mut polite_n) = (0usize, 0usize, 0usize);
    let mut all_text = String::new();
    for source in sources {
        let note = engine.convert(source);
        r.lines += 1;
        if !super::keeps_numbers(&super::normalize(source), &note.text) {
            r.lines_losing_digits += 1;
        }
        for t in super::terms_in(&note.text, g) {
            if !note.terms.iter().any(|n| n.term == t.term) {
                r.unexplained_terms += 1;
            }
        }
        for s in note
            .text
            .split_inclusive('。')
            .filter(|s| !s.trim().is_empty())
        {
            let n = s.chars().count();
            let k = s.chars().filter(|c| is_kanji(*c)).count();
            r.sentences += 1;
            chars += n;
            kanji += k;
            r.max_sentence_chars = r.max_sentence_chars.max(n);
            r.max_kanji_per_sentence = r.max_kanji_per_sentence.max(k);
            if polite(s) {
                polite_n += 1;
            }
        }
        for seg in segments(&note.text, &note.ruby) {
            if seg.reading.is_none() {
                r.kanji_without_reading += seg
                    .base
                    .chars()
                    .filter(|c| furigana.needs_reading(c.encode_utf8(&mut [0; 4])))
                    .count();
            }
        }
        for word in furigana.readings(&note.text).unread {
            *r.words_without_reading.entry(word).or_default() += 1;
        }
        all_text.push_str(&note.text);
    }
    if r.sentences > 0 {
        let n = r.sentences as f64;
        r.mean_sentence_chars = chars as f64 / n;
        r.mean_kanji_per_sentence = kanji as f64 / n;
        r.desu_masu_share = polite_n as f64 / n;
    }
    r.tateishi_rs = tateishi(&all_text);
    r
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Hiragana,
    Kanji,
    Katakana,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => Script::Latin,
        'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => Script::Hiragana,
        'ァ'..='ヺ' | 'ー' | 'ヽ' | 'ヾ' => Script::Katakana,
        c if is_kanji(c) => Script::Kanji,
        _ => Script::Other,
    }
}

/// 建石由佳・小野芳彦・山田尚勇「日本文の読みやすさの評価式」(情報処理学会
/// 研究報告 HI-18, 1988), the form that needs only character types:
///
/// RS = −0.12·ls − 1.37·la + 7.4·lh − 23.18·lc − 5.4·lk − 4.67·cp + 115.79
///
/// ls: mean sentence length in characters; la, lh, lc, lk: mean length of
/// runs of Latin letters, hiragana, kanji and katakana; cp: 読点 per 句点.
/// Higher is easier. A script absent from the text contributes a run
/// length of 0.
pub fn tateishi(text: &str) -> f64 {
    let sentences = text.matches('。').count().max(1) as f64;
    let commas = text.matches('、').count() as f64;
    let chars = text.chars().filter(|c| !c.is_whitespace()).count() as f64;
    // (characters, runs) per script.
    let mut runs = [(0usize, 0usize); 4];
    let mut prev = Script::Other;
    for c in text.chars() {
        let s = script(c);
        let i = match s {
            Script::Latin => Some(0),
            Script::Hiragana => Some(1),
            Script::Kanji => Some(2),
            Script::Katakana => Some(3),
            Script::Other => None,
        };
        if let Some(i) = i {
            runs[i].0 += 1;
            if s != prev {
                runs[i].1 += 1;
            }
        }
        prev = s;
    }
    let mean = |(n, k): (usize, usize)| if k == 0 { 0.0 } else { n as f64 / k as f64 };
    let (la, lh, lc, lk) = (mean(runs[0]), mean(runs[1]), mean(runs[2]), mean(runs[3]));
    let ls = chars / sentences;
    let cp = commas / sentences;
    -0.12 * ls - 1.37 * la + 7.4 * lh - 23.18 * lc - 5.4 * lk - 4.67 * cp + 115.79
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::plain::test_engine;

    #[test]
    fn a_small_corpus_is_measured() {
        let r = build(
            ["BT36.8 特変なし", "主食8割摂取", "仙骨部発赤あり"],
            test_engine(),
        );
        assert_eq!(r.lines, 3);
        assert_eq!(r.sentences, 4);
        assert_eq!(r.lines_losing_digits, 0);
        assert_eq!(r.unexplained_terms, 0);
        assert!(r.desu_masu_share > 0.99, "{r:?}");
        assert!(r.mean_sentence_chars > 5.0 && r.mean_sentence_chars < 35.0);
        assert_eq!(r.furigana_grade, 3);
        assert_eq!(r.kanji_without_reading, 0, "{r:?}");
    }

    /// The quality bars on lines the rules were not written for
    /// (app/data/plain_corpus.txt).
    #[test]
    fn the_test_corpus_keeps_every_fact_explains_every_term_and_reads_every_kanji() {
        let sources: Vec<&str> = include_str!("../../../data/plain_corpus.txt")
            .lines()
            .collect();
        assert!(sources.len() >= 200, "only {} corpus lines", sources.len());
        let r = build(sources.iter().copied(), test_engine());
        assert_eq!(r.lines_losing_digits, 0, "{r:?}");
        assert_eq!(r.unexplained_terms, 0, "{r:?}");
        assert!(r.mean_sentence_chars <= 35.0, "{r:?}");
        assert!(r.mean_kanji_per_sentence <= 13.0, "{r:?}");
        assert_eq!(r.kanji_without_reading, 0, "{:?}", r.words_without_reading);
    }

    #[test]
    fn tateishi_prefers_short_kana_sentences() {
        let plain = tateishi("ごはんを8割食べました。よく眠れました。");
        let dense = tateishi("主食8割摂取後臥床傾向強く仙骨部発赤認め経過観察継続。");
        assert!(plain > dense + 30.0, "plain {plain}, dense {dense}");
        // 「あいう。」 by hand: ls 4, lh 3, no other runs, no commas.
        let by_hand = -0.12 * 4.0 + 7.4 * 3.0 + 115.79;
        assert!((tateishi("あいう。") - by_hand).abs() < 1e-9);
    }
}
