//! A plainness report over a corpus of converted notes: what a reviewer
//! checks before trusting the engine with a family's reading.

use serde::Serialize;

use super::glossary::Glossary;
use super::is_kanji;

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
    /// Kanji outside glossary <ruby> readings. Counts every kanji until the
    /// grade-threshold furigana (lindera) exists.
    pub kanji_without_reading: usize,
}

fn polite(sentence: &str) -> bool {
    let s = sentence.trim_end_matches(['。', ')', '）']);
    ["です", "ます", "でした", "ました", "ません", "ませんでした"]
        .iter()
        .any(|e| s.ends_with(e))
        || sentence.contains("です(")
}

/// Converts every source line and measures the result.
pub fn build<'a>(sources: impl IntoIterator<Item = &'a str>, g: &Glossary) -> Report {
    let mut r = Report::default();
    let (mut chars, mut kanji, mut polite_n) = (0usize, 0usize, 0usize);
    for source in sources {
        let note = super::convert_with(source, g);
        let html = super::to_html(&note.text, g);
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
        r.kanji_without_reading += kanji_outside_ruby(&html);
    }
    if r.sentences > 0 {
        let n = r.sentences as f64;
        r.mean_sentence_chars = chars as f64 / n;
        r.mean_kanji_per_sentence = kanji as f64 / n;
        r.desu_masu_share = polite_n as f64 / n;
    }
    r
}

fn kanji_outside_ruby(html: &str) -> usize {
    let mut count = 0;
    let mut rest = html;
    while let Some(start) = rest.find("<ruby>") {
        count += rest[..start].chars().filter(|c| is_kanji(*c)).count();
        rest = rest[start..]
            .find("</ruby>")
            .map_or("", |end| &rest[start + end + "</ruby>".len()..]);
    }
    count + rest.chars().filter(|c| is_kanji(*c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_corpus_is_measured() {
        let g = Glossary::builtin();
        let r = build(["BT36.8 特変なし", "主食8割摂取", "仙骨部発赤あり"], g);
        assert_eq!(r.lines, 3);
        assert_eq!(r.sentences, 4);
        assert_eq!(r.lines_losing_digits, 0);
        assert_eq!(r.unexplained_terms, 0);
        assert!(r.desu_masu_share > 0.99, "{r:?}");
        assert!(r.mean_sentence_chars > 5.0 && r.mean_sentence_chars < 35.0);
    }

    /// The quality bars that hold today on lines the rules were not written
    /// for (app/data/plain_corpus.txt). です・ます share and readings are
    /// reported, not yet asserted: see the issue notes.
    #[test]
    fn the_test_corpus_keeps_every_fact_and_explains_every_term() {
        let g = Glossary::builtin();
        let sources: Vec<&str> = include_str!("../../../data/plain_corpus.txt")
            .lines()
            .collect();
        assert!(sources.len() >= 200, "only {} corpus lines", sources.len());
        let r = build(sources.iter().copied(), g);
        assert_eq!(r.lines_losing_digits, 0, "{r:?}");
        assert_eq!(r.unexplained_terms, 0, "{r:?}");
        assert!(r.mean_sentence_chars <= 35.0, "{r:?}");
    }

    #[test]
    fn kanji_inside_ruby_has_a_reading() {
        assert_eq!(
            kanji_outside_ruby("<ruby>体温<rt>たいおん</rt></ruby>は高め"),
            1
        );
    }
}
