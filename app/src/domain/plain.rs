//! A staff note in plain Japanese, as the browser receives it. The engine
//! that makes it is server-only (`server::plain`).

use serde::{Deserialize, Serialize};

/// A word from the glossary that stays in the plain text, with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermNote {
    pub term: String,
    pub reading: String,
    pub plain: String,
    pub explanation: String,
}

/// A furigana reading (hiragana) over `text[start..end]`, in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ruby {
    pub start: usize,
    pub end: usize,
    pub reading: String,
}

/// One piece of text to show: a word with its reading, or text between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub base: &'a str,
    pub reading: Option<&'a str>,
}

/// Cuts `text` into plain runs and words with readings, in order. A reading
/// whose range is out of order or off a character boundary is dropped
/// rather than trusted: the text itself is always shown whole.
pub fn segments<'a>(text: &'a str, ruby: &'a [Ruby]) -> Vec<Segment<'a>> {
    let mut out = Vec::with_capacity(ruby.len() * 2 + 1);
    let mut at = 0;
    for r in ruby {
        let (Some(before), Some(base)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        if base.is_empty() {
            continue;
        }
        if !before.is_empty() {
            out.push(Segment {
                base: before,
                reading: None,
            });
        }
        out.push(Segment {
            base,
            reading: Some(&r.reading),
        });
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Segment {
            base: rest,
            reading: None,
        });
    }
    out
}

/// Text with furigana: a sentence about a vital sign, a plan goal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RubyText {
    pub text: String,
    pub ruby: Vec<Ruby>,
}

impl RubyText {
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments(&self.text, &self.ruby)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlainNote {
    /// Short です・ます sentences.
    pub text: String,
    /// Readings over the kanji words of `text` beyond the reader's grade.
    pub ruby: Vec<Ruby>,
    pub terms: Vec<TermNote>,
    pub sentences: usize,
}

impl PlainNote {
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments(&self.text, &self.ruby)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: usize, end: usize, reading: &str) -> Ruby {
        Ruby {
            start,
            end,
            reading: reading.into(),
        }
    }

    #[test]
    fn segments_cover_the_whole_text_once() {
        let text = "血圧は152でした。";
        let ruby = [r(0, 6, "けつあつ")];
        let segs = segments(text, &ruby);
        assert_eq!(segs[0].base, "血圧");
        assert_eq!(segs[0].reading, Some("けつあつ"));
        assert_eq!(segs[1].base, "は152でした。");
        let joined: String = segs.iter().map(|s| s.base).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_bad_range_loses_the_reading_not_the_text() {
        let text = "血圧と脈";
        // Off a character boundary, overlapping, past the end.
        let ruby = [
            r(1, 6, "x"),
            r(0, 6, "けつあつ"),
            r(3, 9, "y"),
            r(9, 99, "z"),
        ];
        let segs = segments(text, &ruby);
        let joined: String = segs.iter().map(|s| s.base).collect();
        assert_eq!(joined, text);
        assert_eq!(segs.iter().filter(|s| s.reading.is_some()).count(), 1);
    }
}

/// A care plan (第1表・第2表) in plain words, as the person and family read
/// it: 「こまっていること → めざすこと（いつまでに）→ だれが、なにを、どのくらい」.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanInWords {
    /// 第1表 意向: what the person and each family member said, one voice
    /// per line of the plan.
    pub voices: Vec<Voice>,
    /// 第1表 総合的な援助の方針, one short sentence each.
    pub policy: Vec<PlainNote>,
    pub needs: Vec<NeedInWords>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    /// 本人, 長女 … as written before the colon; None when not said.
    pub who: Option<String>,
    pub words: PlainNote,
}

/// 第2表, one 課題 with where it should lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedInWords {
    /// こまっていること (生活全般の解決すべき課題).
    pub trouble: PlainNote,
    pub aims: Vec<AimInWords>,
}

/// めざすこと: a long-term goal, or a short-term step towards it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AimInWords {
    pub aim: PlainNote,
    /// いつまでに, e.g. 2027年2月28日.
    pub by: String,
    pub steps: Vec<AimInWords>,
    /// だれが、なにを、どのくらい.
    pub help: Vec<HelpInWords>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpInWords {
    /// The 事業所 or family member, then the kind of service in plain words.
    pub who: String,
    pub kind: PlainNote,
    pub what: PlainNote,
    pub how_often: PlainNote,
}
