//! UI text from the Fluent files in `locales/`, compiled in so the server,
//! the browser and the CLI read the same words. Japanese is the product;
//! English exists for every key so staff from abroad can follow.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "ja",
        // The default wraps arguments in invisible isolation marks, which
        // break copy-paste and exact-text checks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// Parsed once: every piece of UI text looks its language up.
    pub fn id(self) -> &'static LanguageIdentifier {
        static JA: LazyLock<LanguageIdentifier> =
            LazyLock::new(|| "ja".parse().unwrap_or_default());
        static EN: LazyLock<LanguageIdentifier> =
            LazyLock::new(|| "en".parse().unwrap_or_default());
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// The text for `key`; a missing key shows the key itself, never a panic.
pub fn text(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(lang.id(), key)
        .unwrap_or_else(|| key.to_string())
}

/// Whether `key` is one of our messages (an error read back from an
/// address may only name one of those).
pub fn has(key: &str) -> bool {
    LOCALES.try_lookup(Lang::Ja.id(), key).is_some()
}

/// The text for `key` with named arguments filled in.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_string()), FluentValue::from(v.clone())))
        .collect();
    LOCALES
        .try_lookup_with_args(lang.id(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let mut out = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((k, _)) = line.split_once(" =") {
                    if !k.starts_with(['#', ' ', '-', '.']) && !k.is_empty() {
                        out.insert(k.trim().to_string());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn english_has_every_japanese_key_and_no_other() {
        let ja = keys("../locales/ja");
        let en = keys("../locales/en");
        assert!(ja.len() > 50, "only {} keys", ja.len());
        let missing: Vec<_> = ja.difference(&en).collect();
        let extra: Vec<_> = en.difference(&ja).collect();
        assert!(missing.is_empty(), "missing in en: {missing:?}");
        assert!(extra.is_empty(), "only in en: {extra:?}");
    }

    #[test]
    fn every_field_and_vocabulary_label_exists_in_japanese() {
        use crate::domain::classes::*;
        use crate::domain::records::RecordCategory;
        let ja = keys("../locales/ja");
        let mut wanted: Vec<&str> = vec![];
        wanted.extend(Role::ALL.iter().map(|r| r.label_key()));
        wanted.extend(InfoClass::ALL.iter().map(|r| r.label_key()));
        wanted.extend(ServiceType::ALL.iter().map(|r| r.label_key()));
        wanted.extend(CareLevel::ALL.iter().map(|r| r.label_key()));
        wanted.extend(RecordCategory::ALL.iter().map(|r| r.label_key()));
        wanted.extend(
            crate::domain::medical::MedicalKind::ALL
                .iter()
                .map(|r| r.label_key()),
        );
        for k in wanted {
            assert!(ja.contains(k), "no Japanese text for {k}");
        }
    }

    #[test]
    fn arguments_are_filled_without_invisible_marks() {
        let s = text_with(
            Lang::Ja,
            "error-required",
            &[("field", "上の血圧".to_string())],
        );
        assert!(s.starts_with("上の血圧"), "{s}");
        assert!(!s.contains('\u{2068}'));
    }
}
