//! The care and medical glossary: the words staff write (褥瘡, 臥床, BT,
//! P-トイレ, J1 …) with their medical reading, an everyday wording that can
//! stand in for them, one plain です・ます sentence, and where the fact comes
//! from.
//!
//! The plain-Japanese engine uses it three ways: it replaces a word with its
//! everyday wording (strategy A), explains a word people misread (B), or
//! opens a short explanation of an important idea on tap (C) — the three
//! strategies of 国立国語研究所「病院の言葉」を分かりやすくする提案. Kanji
//! terms also give the furigana, because the general dictionary misreads
//! many care words (嚥下 is えんげ, not えんか).
//!
//! The rows live in `app/data/glossary.tsv` so reviewers read and edit data,
//! not code. The file is compiled into the binary; the tests below fail on
//! any row the parser would refuse.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The glossary compiled into the binary.
const BUILTIN_TSV: &str = include_str!("../../../data/glossary.tsv");

/// The first line of every glossary file, exactly.
pub const HEADER: &str = "term\treading\tplain\texplanation\tcategory\tstrategy\tsource";

const FIELDS: [&str; 7] = [
    "term",
    "reading",
    "plain",
    "explanation",
    "category",
    "strategy",
    "source",
];

/// One glossary row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word as staff write it: kanji, katakana or an abbreviation.
    pub term: String,
    /// The medical reading in hiragana (for abbreviations, how it is said).
    pub reading: String,
    /// Everyday words that can take the term's place inside a sentence.
    pub plain: String,
    /// One short です・ます sentence, ending with 。.
    pub explanation: String,
    pub category: Category,
    pub strategy: Strategy,
    /// Where the fact comes from (NINJAL, MHLW, JSDR2021, JSH2019, AICHI, OWN …).
    pub source: String,
}

/// What a term is about; the labels are the ones written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// 記録: the fixed phrases of record writing (特変なし, 申し送り).
    Record,
    /// バイタル
    Vitals,
    /// 食事
    Meals,
    /// 排泄
    Excretion,
    /// 入浴 (also washing and dressing)
    Bathing,
    /// 睡眠
    Sleep,
    /// 移動 (also posture)
    Mobility,
    /// 服薬
    Medication,
    /// 医療
    Medical,
    /// 疾患
    Disease,
    /// 職種
    Profession,
    /// 制度: 介護保険 and its services.
    System,
    /// ケアプラン
    CarePlan,
    /// 認知症
    Dementia,
    /// 自立度: the two 日常生活自立度 scales.
    Independence,
    /// 嚥下調整食: 嚥下調整食分類2021 codes, thickness and house names.
    DysphagiaDiet,
    /// 略語: Latin-letter abbreviations and record symbols.
    Abbreviation,
    /// 様子: how the person seemed.
    Observation,
}

impl Category {
    pub const ALL: [Category; 18] = [
        Category::Record,
        Category::Vitals,
        Category::Meals,
        Category::Excretion,
        Category::Bathing,
        Category::Sleep,
        Category::Mobility,
        Category::Medication,
        Category::Medical,
        Category::Disease,
        Category::Profession,
        Category::System,
        Category::CarePlan,
        Category::Dementia,
        Category::Independence,
        Category::DysphagiaDiet,
        Category::Abbreviation,
        Category::Observation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Record => "記録",
            Category::Vitals => "バイタル",
            Category::Meals => "食事",
            Category::Excretion => "排泄",
            Category::Bathing => "入浴",
            Category::Sleep => "睡眠",
            Category::Mobility => "移動",
            Category::Medication => "服薬",
            Category::Medical => "医療",
            Category::Disease => "疾患",
            Category::Profession => "職種",
            Category::System => "制度",
            Category::CarePlan => "ケアプラン",
            Category::Dementia => "認知症",
            Category::Independence => "自立度",
            Category::DysphagiaDiet => "嚥下調整食",
            Category::Abbreviation => "略語",
            Category::Observation => "様子",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.label() == label)
    }
}

/// How the engine treats a term (「病院の言葉」を分かりやすくする提案).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// A: a word people do not know; use the everyday wording instead.
    Replace,
    /// B: a word people know but misread; keep it and make the meaning clear.
    Explain,
    /// C: an important idea worth learning; keep it, explain on tap.
    Introduce,
}

impl Strategy {
    pub fn code(self) -> &'static str {
        match self {
            Strategy::Replace => "A",
            Strategy::Explain => "B",
            Strategy::Introduce => "C",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "A" => Some(Strategy::Replace),
            "B" => Some(Strategy::Explain),
            "C" => Some(Strategy::Introduce),
            _ => None,
        }
    }
}

/// A glossary file the parser refuses, with the (1-based) line at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("glossary line {line}: {problem}")]
pub struct GlossaryError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the first line must be the header: term, reading, plain, explanation, category, strategy, source (tab-separated)")]
    BadHeader,
    #[error("expected 7 tab-separated fields, found {found}")]
    FieldCount { found: usize },
    #[error("the {field} field is empty")]
    EmptyField { field: &'static str },
    #[error("the {field} field starts or ends with a space")]
    Padded { field: &'static str },
    #[error("the term {term:?} is already on line {first}")]
    DuplicateTerm { term: String, first: usize },
    #[error("the reading {reading:?} must be hiragana and ー only")]
    BadReading { reading: String },
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    #[error("unknown strategy {0:?}: use A, B or C")]
    UnknownStrategy(String),
    #[error("the explanation must end with 。")]
    ExplanationEnd,
}

/// The parsed glossary with an index for longest-match lookup.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    terms: Vec<Term>,
    by_term: HashMap<String, usize>,
    /// First character → indices into `terms`, longest term first, so the
    /// first candidate that fits is the longest match.
    by_first: HashMap<char, Vec<usize>>,
}

impl Glossary {
    /// Reads a glossary file: the header line, then one term per line.
    /// Blank lines and lines starting with `#` are skipped.
    pub fn parse(tsv: &str) -> Result<Self, GlossaryError> {
        // An editor's byte-order mark is invisible; it should not make the
        // header "wrong".
        let tsv = tsv.strip_prefix('\u{FEFF}').unwrap_or(tsv);
        let mut lines = tsv.lines().enumerate().map(|(i, l)| (i + 1, l));
        if lines.next().map(|(_, l)| l) != Some(HEADER) {
            return Err(GlossaryError {
                line: 1,
                problem: Problem::BadHeader,
            });
        }
        let mut terms = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (line, text) in lines {
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            let at = |problem| GlossaryError { line, problem };
            let term = parse_row(text).map_err(at)?;
            if let Some(&first) = first_line.get(&term.term) {
                return Err(at(Problem::DuplicateTerm {
                    term: term.term,
                    first,
                }));
            }
            first_line.insert(term.term.clone(), line);
            terms.push(term);
        }
        Ok(Self::from_terms(terms))
    }

    /// The glossary compiled into the binary, parsed once.
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| match Glossary::parse(BUILTIN_TSV) {
            Ok(g) => g,
            Err(e) => {
                // The unit tests parse this same file, so this is only reached
                // by a build that skipped them; notes then stay as written.
                tracing::error!(error = %e, "built-in glossary is invalid; using an empty one");
                Glossary::default()
            }
        })
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The row for exactly this term.
    pub fn get(&self, term: &str) -> Option<&Term> {
        self.by_term.get(term).and_then(|&i| self.terms.get(i))
    }

    /// The longest glossary term that starts at byte offset `at` of `text`
    /// (already normalised by the caller), if any. `None` when `at` is not
    /// on a character boundary.
    ///
    /// Where the script shows word edges, a term only matches as a whole
    /// word: a Latin abbreviation not inside a longer Latin word (R and SS
    /// are not in RSST; BT is in BT36.8), a katakana word not inside a longer
    /// katakana word (ショート is not in ショートケーキ). Kanji and hiragana
    /// have no such edges, so those terms match anywhere.
    pub fn longest_match_at(&self, text: &str, at: usize) -> Option<&Term> {
        let rest = text.get(at..)?;
        let before = text.get(..at)?.chars().next_back();
        let first = rest.chars().next()?;
        self.by_first
            .get(&first)?
            .iter()
            .filter_map(|&i| self.terms.get(i))
            .find(|t| {
                rest.strip_prefix(t.term.as_str())
                    .is_some_and(|after| fits(before, &t.term, after.chars().next()))
            })
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    fn from_terms(terms: Vec<Term>) -> Self {
        let mut by_term = HashMap::with_capacity(terms.len());
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            by_term.insert(t.term.clone(), i);
            if let Some(c) = t.term.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        let key = |i: usize| {
            terms
                .get(i)
                .map(|t| (std::cmp::Reverse(t.term.len()), &t.term))
        };
        for list in by_first.values_mut() {
            list.sort_by(|&a, &b| key(a).cmp(&key(b)));
        }
        Self {
            terms,
            by_term,
            by_first,
        }
    }
}

fn parse_row(text: &str) -> Result<Term, Problem> {
    let fields: Vec<&str> = text.split('\t').collect();
    let &[term, reading, plain, explanation, category, strategy, source] = fields.as_slice() else {
        return Err(Problem::FieldCount {
            found: fields.len(),
        });
    };
    for (field, value) in FIELDS.into_iter().zip(&fields) {
        if value.trim().is_empty() {
            return Err(Problem::EmptyField { field });
        }
        if value.trim() != *value {
            return Err(Problem::Padded { field });
        }
    }
    if !reading.chars().all(|c| is_hiragana(c) || c == 'ー') {
        return Err(Problem::BadReading {
            reading: reading.to_string(),
        });
    }
    let category = Category::from_label(category)
        .ok_or_else(|| Problem::UnknownCategory(category.to_string()))?;
    let strategy = Strategy::from_code(strategy)
        .ok_or_else(|| Problem::UnknownStrategy(strategy.to_string()))?;
    if !explanation.ends_with('。') {
        return Err(Problem::ExplanationEnd);
    }
    Ok(Term {
        term: term.to_string(),
        reading: reading.to_string(),
        plain: plain.to_string(),
        explanation: explanation.to_string(),
        category,
        strategy,
        source: source.to_string(),
    })
}

/// Whether `term` may match with `before` and `after` as its neighbours.
fn fits(before: Option<char>, term: &str, after: Option<char>) -> bool {
    let (Some(first), Some(last)) = (term.chars().next(), term.chars().next_back()) else {
        return false;
    };
    !joins_word(first, before) && !joins_word(last, after)
}

/// True when `neighbour` continues the word that `edge` (a term's first or
/// last character) belongs to. Digits may follow a Latin term: 「BT36.8」.
fn joins_word(edge: char, neighbour: Option<char>) -> bool {
    neighbour.is_some_and(|n| {
        (edge.is_ascii_alphanumeric() && n.is_ascii_alphabetic())
            || (is_katakana(edge) && is_katakana(n))
    })
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ')
}

/// Katakana letters and ー; not the middle dot ・, which separates words.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Glossary {
        Glossary::parse(BUILTIN_TSV).unwrap()
    }

    fn matched<'a>(g: &'a Glossary, text: &str, at: usize) -> Option<&'a str> {
        g.longest_match_at(text, at).map(|t| t.term.as_str())
    }

    #[test]
    fn the_built_in_file_parses_and_is_the_one_in_use() {
        let g = builtin();
        assert!(g.len() >= 300, "only {} terms", g.len());
        // builtin() did not fall back to an empty glossary.
        assert_eq!(Glossary::builtin().len(), g.len());
        assert!(!Glossary::builtin().is_empty());
    }

    #[test]
    fn the_words_staff_write_are_all_there() {
        let g = builtin();
        // Words from the demo household's notes, abbreviations, care-plan
        // words, the two 自立度 scales, 嚥下調整食分類2021 and DESIGN-R depth.
        let must = "褥瘡 嚥下 誤嚥 誤嚥性肺炎 臥床 離床 傾眠 覚醒 良眠 発赤 仙骨部 清拭 端座位 \
            体位変換 移乗 むせ込み 残薬 義歯 摂取 全量摂取 水分補給 浮腫 微熱 倦怠感 見守り \
            一部介助 全介助 特変なし 著変なし (+) (-) リハパン P-トイレ Pトイレ \
            BT KT BP P R HR RR SpO2 BW Wt Ht BS Bs W/C ADL IADL QOL Ns Dr CM HH PT OT ST DS SS \
            Fx DM HT CKD CHF COPD CVA AD PEG IVH O2 Ba Cr \
            長期目標 短期目標 サービス担当者会議 モニタリング アセスメント 区分支給限度基準額 \
            福祉用具貸与 住宅改修 総合的な援助の方針 主治医意見書 要介護 要支援 \
            J1 J2 A1 A2 B1 B2 C1 C2 Ⅰ Ⅱa Ⅱb Ⅲa Ⅲb Ⅳ M \
            コード0j コード0t コード1j コード2-1 コード2-2 コード3 コード4 d1 d2 D3";
        let missing: Vec<_> = must
            .split_whitespace()
            .filter(|t| g.get(t).is_none())
            .collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
    }

    #[test]
    fn readings_the_general_dictionary_gets_wrong_are_right() {
        let g = builtin();
        for (term, reading) in [
            ("嚥下", "えんげ"),
            ("褥瘡", "じょくそう"),
            ("臥床", "がしょう"),
            ("発赤", "ほっせき"),
            ("清拭", "せいしき"),
            ("端座位", "たんざい"),
            ("傾眠", "けいみん"),
            ("誤嚥", "ごえん"),
        ] {
            assert_eq!(
                g.get(term).map(|t| t.reading.as_str()),
                Some(reading),
                "{term}"
            );
        }
    }

    #[test]
    fn the_longest_term_wins() {
        let g = builtin();
        assert_eq!(matched(&g, "誤嚥性肺炎の予防", 0), Some("誤嚥性肺炎"));
        assert_eq!(matched(&g, "誤嚥に注意", 0), Some("誤嚥"));
        assert_eq!(matched(&g, "P-トイレにて排尿あり", 0), Some("P-トイレ"));
        assert_eq!(matched(&g, "Pトイレ使用", 0), Some("Pトイレ"));
        assert_eq!(matched(&g, "P72", 0), Some("P"));
        assert_eq!(matched(&g, "SpO296%", 0), Some("SpO2"));
        assert_eq!(matched(&g, "全量摂取", 0), Some("全量摂取"));
        assert_eq!(matched(&g, "コード2-1", 0), Some("コード2-1"));
    }

    #[test]
    fn latin_abbreviations_match_only_as_whole_words() {
        let g = builtin();
        assert_eq!(matched(&g, "BT36.8", 0), Some("BT"));
        assert_eq!(matched(&g, "RSST 3回", 0), Some("RSST"));
        // Not R at the start of RSST, nor SS or ST inside it.
        let mid = "RSST 3回";
        assert_eq!(matched(&g, mid, 1), None);
        assert_eq!(matched(&g, mid, 2), None);
        assert_eq!(matched(&g, "MWST 4点", 2), None);
        assert_eq!(matched(&g, "HbA1c", 2), None);
        assert_eq!(matched(&g, "Rt下肢", 0), Some("Rt"));
        assert_eq!(matched(&g, "Ns・CMへ報告済", 5), Some("CM"));
    }

    #[test]
    fn katakana_words_match_only_as_whole_words() {
        let g = builtin();
        assert_eq!(matched(&g, "ショート利用", 0), Some("ショート"));
        assert_eq!(matched(&g, "ショートステイ利用", 0), Some("ショートステイ"));
        assert_eq!(matched(&g, "おやつにショートケーキ", 12), None);
        assert_eq!(matched(&g, "オペラを聴く", 0), None);
        assert_eq!(
            matched(&g, "ケアマネージャーへ", 0),
            Some("ケアマネージャー")
        );
    }

    #[test]
    fn offsets_off_a_character_boundary_or_past_the_end_match_nothing() {
        let g = builtin();
        let text = "褥瘡あり";
        assert_eq!(matched(&g, text, 0), Some("褥瘡"));
        assert_eq!(matched(&g, text, 1), None);
        assert_eq!(matched(&g, text, text.len()), None);
        assert_eq!(matched(&g, text, text.len() + 5), None);
        assert_eq!(matched(&g, "", 0), None);
    }

    #[test]
    fn every_term_is_found_by_its_own_text() {
        let g = builtin();
        for t in g.terms() {
            assert_eq!(matched(&g, &t.term, 0), Some(t.term.as_str()));
            assert_eq!(g.get(&t.term), Some(t));
        }
    }

    #[test]
    fn explanations_are_one_short_polite_sentence() {
        // Mimetic words the plain-Japanese rules ask us to avoid.
        let mimetic = [
            "うとうと",
            "ごくん",
            "ぐっすり",
            "しっかり",
            "はっきり",
            "じっと",
            "そわそわ",
            "ぞくぞく",
            "ばらばら",
            "かさかさ",
            "ぜいぜい",
            "ふらふら",
            "きちんと",
        ];
        for t in builtin().terms() {
            let e = &t.explanation;
            assert!(
                e.chars().count() <= 60,
                "{}: {} characters",
                t.term,
                e.chars().count()
            );
            assert!(e.ends_with("す。"), "{}: not です・ます: {e}", t.term);
            assert_eq!(e.matches('。').count(), 1, "{}: one sentence: {e}", t.term);
            for m in mimetic {
                assert!(!e.contains(m) && !t.plain.contains(m), "{}: {m}", t.term);
            }
        }
    }

    #[test]
    fn a_replacement_differs_from_the_word_it_replaces() {
        for t in builtin().terms() {
            if t.strategy == Strategy::Replace {
                assert_ne!(t.plain, t.term, "{}", t.term);
            }
        }
    }

    #[test]
    fn every_category_is_used_and_labels_round_trip() {
        let g = builtin();
        for c in Category::ALL {
            assert_eq!(Category::from_label(c.label()), Some(c));
            assert!(g.terms().iter().any(|t| t.category == c), "{}", c.label());
        }
        for s in [Strategy::Replace, Strategy::Explain, Strategy::Introduce] {
            assert_eq!(Strategy::from_code(s.code()), Some(s));
        }
        assert_eq!(Category::from_label("その他"), None);
    }

    #[test]
    fn ng_alone_is_not_a_term() {
        // In records 「入浴NG」 means "not allowed", not a feeding tube.
        assert!(builtin().get("NG").is_none());
    }

    fn parse_err(tsv: &str) -> GlossaryError {
        Glossary::parse(tsv).unwrap_err()
    }

    const ROW: &str = "褥瘡\tじょくそう\t床ずれ\t皮ふが傷むことです。\t医療\tA\tOWN";

    #[test]
    fn comments_blank_lines_and_crlf_are_accepted() {
        let tsv = format!("{HEADER}\r\n# 医療\r\n\r\n{ROW}\r\n");
        let g = Glossary::parse(&tsv).unwrap();
        assert_eq!(g.len(), 1);
        let t = g.get("褥瘡").unwrap();
        assert_eq!(t.plain, "床ずれ");
        assert_eq!(t.category, Category::Medical);
        assert_eq!(t.strategy, Strategy::Replace);
        assert!(Glossary::parse(HEADER).unwrap().is_empty());
    }

    #[test]
    fn parse_errors_name_the_line_and_the_problem() {
        let e = parse_err("term\treading\n");
        assert_eq!(e.line, 1);
        assert_eq!(e.problem, Problem::BadHeader);
        assert_eq!(parse_err("").problem, Problem::BadHeader);

        let e = parse_err(&format!(
            "{HEADER}\n{ROW}\n# note\n臥床\tがしょう\tベッドで横になること\n"
        ));
        assert_eq!(e.line, 4);
        assert_eq!(e.problem, Problem::FieldCount { found: 3 });
        assert!(e.to_string().contains("line 4"), "{e}");

        let e = parse_err(&format!("{HEADER}\n{ROW}\n\n{ROW}\n"));
        assert_eq!(e.line, 4);
        assert_eq!(
            e.problem,
            Problem::DuplicateTerm {
                term: "褥瘡".into(),
                first: 2
            }
        );

        let row = |fields: [&str; 7]| format!("{HEADER}\n{}\n", fields.join("\t"));
        let ok = [
            "嚥下",
            "えんげ",
            "飲み込み",
            "飲み込むことです。",
            "食事",
            "A",
            "OWN",
        ];
        let with = |i: usize, v: &'static str| {
            let mut f = ok;
            f[i] = v;
            parse_err(&row(f)).problem
        };
        assert!(Glossary::parse(&row(ok)).is_ok());
        assert_eq!(with(2, ""), Problem::EmptyField { field: "plain" });
        assert_eq!(with(2, " 飲み込み"), Problem::Padded { field: "plain" });
        assert_eq!(
            with(1, "エンゲ"),
            Problem::BadReading {
                reading: "エンゲ".into()
            }
        );
        assert_eq!(
            with(1, "えん げ"),
            Problem::BadReading {
                reading: "えん げ".into()
            }
        );
        assert_eq!(with(4, "その他"), Problem::UnknownCategory("その他".into()));
        assert_eq!(with(5, "D"), Problem::UnknownStrategy("D".into()));
        assert_eq!(with(3, "飲み込むこと"), Problem::ExplanationEnd);
        assert_eq!(
            parse_err(&row(ok).replace('A', "A\tx")).problem,
            Problem::FieldCount { found: 8 }
        );
    }
}
