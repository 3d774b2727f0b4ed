//! 見やすさ: how a person likes to read — furigana on or off, text size,
//! high contrast.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    /// 標準 (18 px).
    #[default]
    Standard,
    /// 大 (22 px).
    Large,
    /// 特大 (27 px).
    ExtraLarge,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::ExtraLarge];

    pub fn code(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
            TextSize::ExtraLarge => "xlarge",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            TextSize::Standard => "reading-size-standard",
            TextSize::Large => "reading-size-large",
            TextSize::ExtraLarge => "reading-size-xlarge",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingSettings {
    pub furigana: bool,
    pub size: TextSize,
    pub high_contrast: bool,
}

impl Default for ReadingSettings {
    /// Furigana on, standard size, normal contrast.
    fn default() -> Self {
        Self {
            furigana: true,
            size: TextSize::Standard,
            high_contrast: false,
        }
    }
}

impl ReadingSettings {
    /// Classes of the page marker the style sheet reads
    /// (`html:has(.size-large)` and so on).
    pub fn classes(&self) -> String {
        let mut out = vec![
            "reading-prefs",
            match self.size {
                TextSize::Standard => "size-standard",
                TextSize::Large => "size-large",
                TextSize::ExtraLarge => "size-xlarge",
            },
        ];
        if !self.furigana {
            out.push("furigana-off");
        }
        if self.high_contrast {
            out.push("contrast-high");
        }
        out.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_trip_and_classes_say_what_is_chosen() {
        for s in TextSize::ALL {
            assert_eq!(TextSize::from_code(s.code()), Some(s));
        }
        assert_eq!(TextSize::from_code("huge"), None);
        assert_eq!(
            ReadingSettings::default().classes(),
            "reading-prefs size-standard"
        );
        let mine = ReadingSettings {
            furigana: false,
            size: TextSize::ExtraLarge,
            high_contrast: true,
        };
        assert_eq!(
            mine.classes(),
            "reading-prefs size-xlarge furigana-off contrast-high"
        );
    }
}
