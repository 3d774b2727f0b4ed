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

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlainNote {
    /// Short です・ます sentences.
    pub text: String,
    pub terms: Vec<TermNote>,
    pub sentences: usize,
}
