//! The UI text an island shows, looked up on the server and handed to the
//! island as a prop: the browser never loads the Fluent files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Words(BTreeMap<String, String>);

/// Shown when the server could not be reached or gave no words.
const FALLBACK_ERROR: &str = "error-server";

impl Words {
    /// The texts for `keys` in the reader's language. Called by pages on
    /// the server; no island calls it, so the browser build drops it and
    /// the Fluent files with it.
    pub fn for_keys(keys: &[&str]) -> Self {
        let lang = crate::components::use_lang();
        let mut map: BTreeMap<String, String> = keys
            .iter()
            .map(|k| (k.to_string(), crate::i18n::text(lang, k)))
            .collect();
        map.insert(
            FALLBACK_ERROR.to_string(),
            crate::i18n::text(lang, FALLBACK_ERROR),
        );
        Self(map)
    }

    /// Adds a text whose arguments the island fills in (`{name}` marks
    /// where each goes; see [`Words::fill`]).
    pub fn template(mut self, key: &str, args: &[&str]) -> Self {
        let marks: Vec<(&str, String)> = args.iter().map(|a| (*a, format!("{{{a}}}"))).collect();
        let text = crate::i18n::text_with(crate::components::use_lang(), key, &marks);
        self.0.insert(key.to_string(), text);
        self
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter().fold(self.get(key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The text for `key` (the key itself if it was not handed over).
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// What to show for an error from a server function.
    pub fn error(&self, e: &AppError) -> String {
        match e.said() {
            Some(said) if !said.is_empty() => said.join(" "),
            _ => self.get(FALLBACK_ERROR),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_in_the_browser() {
        let w = Words::default().template("invite-link-until", &["until"]);
        let text = w.fill(
            "invite-link-until",
            &[("until", "2026年11月27日(金) 09:00")],
        );
        assert!(text.contains("2026年11月27日(金) 09:00"), "{text}");
        assert!(!text.contains('{'), "{text}");
    }

    #[test]
    fn an_error_without_words_says_the_server_could_not_answer() {
        let w = Words::for_keys(&[]);
        assert_eq!(
            w.error(&AppError::Server),
            crate::i18n::text(crate::i18n::Lang::Ja, "error-server")
        );
        let said = AppError::Said {
            error: Box::new(AppError::NotFound),
            said: vec!["みつかりません。".into()],
        };
        assert_eq!(w.error(&said), "みつかりません。");
    }
}
