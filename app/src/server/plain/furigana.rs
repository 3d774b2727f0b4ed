//! Furigana: kana readings over the kanji words a reader who finished a
//! given 小学校 grade may not know.
//!
//! Words and readings come from a real morphological analyser (lindera
//! with IPADIC, built offline by `server/scripts/ipadic.sh`). IPADIC lacks
//! or misreads many care words (褥瘡, 臥床, 嚥下 read エンカ), so the
//! glossary's medical readings and `app/data/readings.tsv` are laid over it
//! as a user dictionary. Server-only: the dictionary never reaches the
//! browser.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lindera::dictionary::load_fs_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera_dictionary::builder::DictionaryBuilder;

use super::analysis::{word, Analysis, Word, CARE_WORD, LATTICE};
use super::glossary::Glossary;
use super::is_kanji;
use crate::domain::plain::Ruby;

/// Readings IPADIC lacks or gets wrong that are not jargon (so not in the
/// glossary): `word<TAB>reading in hiragana`, `#` starts a comment. A word
/// written `=word` only corrects the reading when the analyser finds that
/// word on its own; it does not change how text is cut into words.
const EXTRA_READINGS: &str = include_str!("../../../data/readings.tsv");

/// The last 小学校 grade whose kanji need no reading (学年別漢字配当表).
/// 0 puts a reading over every kanji word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeLimit(u8);

impl GradeLimit {
    pub const DEFAULT: GradeLimit = GradeLimit(3);

    pub fn new(grade: u8) -> Option<Self> {
        (grade <= 6).then_some(Self(grade))
    }

    pub fn grade(self) -> u8 {
        self.0
    }

    /// Kanji taught in grades 1..=limit. The kanji crate lists them by
    /// 漢検 level; levels 10 down to 5 are exactly grades 1 to 6.
    pub(crate) fn known_kanji(self) -> HashSet<char> {
        use kanji::Level;
        let levels: &[Level] = &[
            Level::Ten,
            Level::Nine,
            Level::Eight,
            Level::Seven,
            Level::Six,
            Level::Five,
        ];
        let taught = &levels[..usize::from(self.0)];
        kanji::level_table()
            .into_iter()
            .filter(|(_, level)| taught.contains(level))
            .map(|(k, _)| k.get())
            .collect()
    }
}

impl Default for GradeLimit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FuriganaError {
    #[error(
        "the furigana dictionary at {0} could not be loaded ({1}); build it with server/scripts/ipadic.sh"
    )]
    Dictionary(PathBuf, String),
    #[error("the care words could not be added to the furigana dictionary: {0}")]
    UserDictionary(String),
}

/// What the analyser found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readings {
    pub ruby: Vec<Ruby>,
    /// Kanji words beyond the grade limit that the dictionary has no
    /// reading for (the report counts them; `readings.tsv` fixes them).
    pub unread: Vec<String>,
}

/// The kanji a reader knows, as one bit per CJK code point: every
/// character of every plain text is checked, and a bit test is several
/// times cheaper than hashing.
struct KanjiSet {
    bits: Vec<u64>,
}

impl KanjiSet {
    const FIRST: u32 = 0x3400;
    const LAST: u32 = 0x9FFF;

    fn new(kanji: HashSet<char>) -> Self {
        let mut bits = vec![0u64; ((Self::LAST - Self::FIRST) / 64 + 1) as usize];
        for c in kanji {
            if let Some(i) = Self::index(c) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        Self { bits }
    }

    fn index(c: char) -> Option<usize> {
        let u = c as u32;
        (Self::FIRST..=Self::LAST)
            .contains(&u)
            .then(|| (u - Self::FIRST) as usize)
    }

    fn contains(&self, c: char) -> bool {
        Self::index(c)
            .and_then(|i| self.bits.get(i / 64).map(|w| w & (1 << (i % 64)) != 0))
            .unwrap_or(false)
    }
}

pub struct Furigana {
    segmenter: Segmenter,
    /// The grammar of each care word the user dictionary adds, as IPADIC
    /// alone sees its last part (摂取 a サ変 noun, 水分補給 like 補給).
    care_grammar: HashMap<String, Word>,
    /// Whole words whose reading in care records differs from IPADIC's
    /// first choice (便 is べん here, not びん).
    overrides: HashMap<String, String>,
    /// Readings of the user dictionary's all-kanji words and the overrides:
    /// a clause whose hard kanji are all such whole words (「血圧は、」)
    /// needs no analysis — the user dictionary would pick the same word.
    whole_words: HashMap<String, String>,
    known: KanjiSet,
    limit: GradeLimit,
}

impl Furigana {
    pub fn load(dir: &Path, glossary: &Glossary, limit: GradeLimit) -> Result<Self, FuriganaError> {
        let dict = load_fs_dictionary(dir)
            .map_err(|e| FuriganaError::Dictionary(dir.to_path_buf(), e.to_string()))?;
        let csv = user_dictionary_csv(glossary, EXTRA_READINGS);
        let user = DictionaryBuilder::new((*dict.metadata).clone())
            .build_user_dict_from_reader(csv.as_bytes())
            .map_err(|e| FuriganaError::UserDictionary(e.to_string()))?;
        let overrides: HashMap<String, String> = extra_rows(EXTRA_READINGS)
            .filter_map(|(w, r)| Some((w.strip_prefix('=')?.to_string(), r.to_string())))
            .collect();
        let mut whole_words: HashMap<String, String> = csv
            .lines()
            .filter_map(|row| {
                let mut cols = row.split(',');
                let (word, reading) = (cols.next()?, cols.nth(1)?);
                word.chars()
                    .all(is_kanji)
                    .then(|| (word.to_string(), to_hiragana(reading)))
            })
            .collect();
        whole_words.extend(overrides.clone());
        let bare = Segmenter::new(Mode::Normal, dict.clone(), None);
        let care_grammar = csv
            .lines()
            .filter_map(|row| row.split(',').next())
            .filter_map(|surface| {
                let mut parts = bare.segment(Cow::Borrowed(surface)).ok()?;
                let last = parts.last_mut()?;
                Some((surface.to_string(), word(last)))
            })
            .collect();
        Ok(Self {
            care_grammar,
            segmenter: Segmenter::new(Mode::Normal, dict, Some(user)),
            overrides,
            whole_words,
            known: KanjiSet::new(limit.known_kanji()),
            limit,
        })
    }

    pub fn limit(&self) -> GradeLimit {
        self.limit
    }

    /// True when `word` has a kanji beyond the grade limit.
    pub fn needs_reading(&self, word: &str) -> bool {
        word.chars().any(|c| is_kanji(c) && !self.known.contains(c))
    }

    /// Readings for the words of `text` that need one. On an analyser
    /// error the text simply has no readings: it is still shown whole.
    pub fn readings(&self, text: &str) -> Readings {
        let mut out = Readings::default();
        // Only clauses with a kanji beyond the limit go to the analyser:
        // most of a plain text is kana and school kanji. (lindera itself
        // cuts its input at 、 and 。, so the words come out the same.)
        let mut offset = 0;
        for clause in text.split_inclusive(['。', '、']) {
            if self.needs_reading(clause) {
                self.sentence_readings(clause, offset, &mut out);
            }
            offset += clause.len();
        }
        out
    }

    /// Readings for a clause whose hard kanji runs are all whole words
    /// with a known reading; None when any run needs the analyser.
    fn known_words(&self, text: &str, offset: usize) -> Option<Vec<Ruby>> {
        let mut ruby = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_kanji(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, k)) = chars.peek() {
                if !is_kanji(k) {
                    break;
                }
                end = i + k.len_utf8();
                chars.next();
            }
            let run = &text[start..end];
            if self.needs_reading(run) {
                ruby.push(Ruby {
                    start: offset + start,
                    end: offset + end,
                    reading: self.whole_words.get(run)?.clone(),
                });
            }
        }
        Some(ruby)
    }

    fn sentence_readings(&self, text: &str, offset: usize, out: &mut Readings) {
        if let Some(ruby) = self.known_words(text, offset) {
            out.ruby.extend(ruby);
            return;
        }
        let tokens = LATTICE.with(|l| {
            let mut lattice = l.borrow_mut();
            self.segmenter
                .segment_with_lattice(Cow::Borrowed(text), &mut lattice)
        });
        let Ok(tokens) = tokens else {
            tracing::warn!("furigana: the analyser refused a text; shown without readings");
            return;
        };
        for mut token in tokens {
            let (start, end) = (token.byte_start, token.byte_end);
            let Some(surface) = text.get(start..end) else {
                continue;
            };
            if !self.needs_reading(surface) {
                continue;
            }
            let reading = match self.overrides.get(surface) {
                Some(r) => Some(r.clone()),
                None => token
                    .get("reading")
                    .filter(|r| !r.is_empty() && *r != "*")
                    .map(to_hiragana),
            };
            match reading.and_then(|r| align(surface, &r)) {
                Some((from, to, kana)) => out.ruby.push(Ruby {
                    start: offset + start + from,
                    end: offset + start + to,
                    reading: kana,
                }),
                None => out.unread.push(surface.to_string()),
            }
        }
    }

    /// `text` cut into words; parts of speech are read only for the words
    /// asked about (reading them for every word costs more than cutting).
    pub fn analyse<'a>(&'a self, text: &'a str) -> Analysis<'a> {
        let tokens = LATTICE
            .with(|l| {
                let mut lattice = l.borrow_mut();
                self.segmenter
                    .segment_with_lattice(Cow::Borrowed(text), &mut lattice)
            })
            .unwrap_or_default();
        Analysis {
            tokens,
            care_grammar: &self.care_grammar,
        }
    }

    /// The analyser alone, for the benchmark: how many tokens `text` has.
    pub fn token_count(&self, text: &str) -> usize {
        self.segmenter
            .segment(Cow::Borrowed(text))
            .map_or(0, |t| t.len())
    }
}

/// The glossary's kanji words and the extra readings as lindera's simple
/// user-dictionary CSV: `surface,part of speech,reading in katakana`.
fn user_dictionary_csv(glossary: &Glossary, extra: &str) -> String {
    let mut csv = String::new();
    let glossary_rows = glossary
        .terms()
        .iter()
        .map(|t| (t.term.as_str(), t.reading.as_str()));
    let words = extra_rows(extra).filter(|(w, _)| !w.starts_with('='));
    for (word, reading) in glossary_rows.chain(words) {
        let (word, reading) = (word.trim(), reading.trim());
        // A reading must be all kana to be shown over a word; a CSV
        // separator inside either would shift the columns.
        let clean = |s: &str| !s.is_empty() && !s.contains([',', '"', '\n']);
        if word.chars().any(is_kanji) && clean(word) && clean(reading) && is_kana(reading) {
            let _ = writeln!(csv, "{word},{CARE_WORD},{}", to_katakana(reading));
        }
    }
    csv
}

fn extra_rows(tsv: &str) -> impl Iterator<Item = (&str, &str)> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, r)| (w.trim(), r.trim()))
}

fn is_kana(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ'))
}

fn to_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn to_katakana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Puts the reading over the kanji part only: 「食べ」 read たべ gets た
/// over 食. Kana the surface and the reading share at either end are left
/// out; returns byte offsets into `surface` and the reading between.
/// `None` when the reading cannot be lined up (it would mislead).
fn align(surface: &str, reading: &str) -> Option<(usize, usize, String)> {
    let s: Vec<(usize, char)> = surface.char_indices().collect();
    let r: Vec<char> = reading.chars().collect();
    let same = |a: char, b: char| to_hiragana_char(a) == b;
    let mut head = 0;
    while head < s.len() && head < r.len() && !is_kanji(s[head].1) && same(s[head].1, r[head]) {
        head += 1;
    }
    let mut tail = 0;
    while tail < s.len() - head
        && tail < r.len() - head
        && !is_kanji(s[s.len() - 1 - tail].1)
        && same(s[s.len() - 1 - tail].1, r[r.len() - 1 - tail])
    {
        tail += 1;
    }
    let kana: String = r[head..r.len() - tail].iter().collect();
    if kana.is_empty() {
        return None;
    }
    let from = s[head].0;
    let to = s.get(s.len() - tail).map_or(surface.len(), |&(i, _)| i);
    Some((from, to, kana))
}

fn to_hiragana_char(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_sits_over_the_kanji_only() {
        assert_eq!(align("食べ", "たべ"), Some((0, 3, "た".into())));
        assert_eq!(align("見守り", "みまもり"), Some((0, 6, "みまも".into())));
        assert_eq!(align("お風呂", "おふろ"), Some((3, 9, "ふろ".into())));
        assert_eq!(
            align("褥瘡", "じょくそう"),
            Some((0, 6, "じょくそう".into()))
        );
        // Katakana in the surface is compared as hiragana.
        assert_eq!(
            align("ベッド上", "べっどじょう"),
            Some((9, 12, "じょう".into()))
        );
        assert_eq!(align("あ", "あ"), None);
    }

    #[test]
    fn grade_limits_follow_the_school_table() {
        let g3 = GradeLimit::DEFAULT.known_kanji();
        // 食 (grade 2) and 血 (grade 3) are known; 圧 (grade 5) and 褥 (not
        // taught at school) are not.
        assert!(g3.contains(&'食') && g3.contains(&'血'));
        assert!(!g3.contains(&'圧') && !g3.contains(&'褥'));
        assert_eq!(GradeLimit(6).known_kanji().len(), 1026);
        assert!(GradeLimit(0).known_kanji().is_empty());
        let set = KanjiSet::new(g3);
        assert!(set.contains('食') && set.contains('血'));
        assert!(!set.contains('圧') && !set.contains('褥') && !set.contains('a'));
        assert_eq!(GradeLimit::new(7), None);
    }

    #[test]
    fn user_dictionary_rows_are_clean_kana_readings() {
        let g = Glossary::builtin();
        let csv = user_dictionary_csv(g, "臥床\tがしょう\n# comment\nbad,word\tx\n=便\tべん\n");
        assert!(csv.contains("褥瘡,カスタム名詞,ジョクソウ\n"), "{csv}");
        assert!(csv.contains("臥床,カスタム名詞,ガショウ\n"));
        assert!(!csv.contains("bad"));
        // An override changes a reading, never how words are cut.
        assert!(!csv.lines().any(|l| l.starts_with("便,")));
        // Abbreviations (no kanji) are left to the glossary's own ruby.
        assert!(!csv.lines().any(|l| l.starts_with("BP,")));
    }
}
