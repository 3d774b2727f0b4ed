//! Words and their parts of speech, as lindera with IPADIC sees a text.
//! `Furigana` owns the analyser (it needs it for readings too); the grammar
//! step asks it for an `Analysis` of a chunk and reads only the few words it
//! needs — reading a word's details costs more than cutting the text.

use std::cell::RefCell;
use std::collections::HashMap;

use lindera::token::Token;
use lindera_dictionary::viterbi::Lattice;

thread_local! {
    /// lindera's working memory, kept between texts instead of allocated
    /// for each one.
    pub(super) static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
}

/// The part of speech the user dictionary gives the care words it adds.
pub(super) const CARE_WORD: &str = "カスタム名詞";

/// A word as IPADIC sees it: 名詞/サ変接続, 動詞/自立 with its form …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub surface: String,
    /// 名詞, 動詞, 形容詞, 助詞 …
    pub pos: String,
    /// サ変接続, 自立, 接尾 …
    pub pos_detail: String,
    /// 基本形, 連用形 … (IPADIC's 活用形).
    pub form: String,
}

pub(super) fn word(t: &mut Token<'_>) -> Word {
    Word {
        surface: t.surface.to_string(),
        pos: t.get("part_of_speech").unwrap_or("").to_string(),
        pos_detail: t
            .get("part_of_speech_subcategory_1")
            .unwrap_or("")
            .to_string(),
        form: t.get("conjugation_type").unwrap_or("").to_string(),
    }
}

/// A text cut into words.
pub struct Analysis<'a> {
    pub(super) tokens: Vec<Token<'a>>,
    /// The grammar of each care word, as IPADIC alone sees its last part.
    pub(super) care_grammar: &'a HashMap<String, Word>,
}

impl Analysis<'_> {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Byte range of word `i` in the analysed text.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.tokens.get(i).map(|t| (t.byte_start, t.byte_end))
    }

    /// Word `i` with its part of speech; a care word from the glossary
    /// has the grammar of its last part (水分補給 like 補給).
    pub fn word(&mut self, i: usize) -> Option<Word> {
        let mut w = word(self.tokens.get_mut(i)?);
        if w.pos == CARE_WORD {
            if let Some(g) = self.care_grammar.get(&w.surface) {
                w.pos.clone_from(&g.pos);
                w.pos_detail.clone_from(&g.pos_detail);
                w.form.clone_from(&g.form);
            }
        }
        Some(w)
    }
}
