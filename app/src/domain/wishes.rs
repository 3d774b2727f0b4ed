//! くらしの希望: what 本人 and family write about how 本人 likes to live,
//! in their own words. An entry is never edited: writing again on a topic
//! adds a newer entry, and the older ones stay readable.

use serde::{Deserialize, Serialize};

use super::classes::RelationKind;
use super::validation::{required_text, Field, FieldError, Problem};

/// Characters in one entry.
pub const WISH_MAX: usize = 1000;

/// The topics of the form, in the order it asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WishTopic {
    /// 呼ばれたい名前.
    Name,
    /// 好きなこと・苦手なこと.
    Likes,
    /// 食べ物の好みと苦手.
    Food,
    /// 一日のリズム (起きる・寝る時間, お風呂の好み).
    Rhythm,
    /// 大切にしていること.
    Values,
}

impl WishTopic {
    pub const ALL: [WishTopic; 5] = [
        WishTopic::Name,
        WishTopic::Likes,
        WishTopic::Food,
        WishTopic::Rhythm,
        WishTopic::Values,
    ];

    pub fn code(self) -> &'static str {
        match self {
            WishTopic::Name => "name",
            WishTopic::Likes => "likes",
            WishTopic::Food => "food",
            WishTopic::Rhythm => "rhythm",
            WishTopic::Values => "values",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        WishTopic::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            WishTopic::Name => "wish-topic-name",
            WishTopic::Likes => "wish-topic-likes",
            WishTopic::Food => "wish-topic-food",
            WishTopic::Rhythm => "wish-topic-rhythm",
            WishTopic::Values => "wish-topic-values",
        }
    }

    /// What the form suggests writing (a placeholder-like hint).
    pub fn hint_key(self) -> &'static str {
        match self {
            WishTopic::Name => "wish-hint-name",
            WishTopic::Likes => "wish-hint-likes",
            WishTopic::Food => "wish-hint-food",
            WishTopic::Rhythm => "wish-hint-rhythm",
            WishTopic::Values => "wish-hint-values",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::from_code(raw.trim())
            .ok_or_else(|| FieldError::new(Field::WishTopic, Problem::UnknownChoice))
    }
}

/// The words of one entry: trimmed, not empty, at most `WISH_MAX`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishText(String);

impl WishText {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        required_text(Field::WishText, raw, WISH_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One entry as a page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wish {
    pub id: String,
    pub topic: WishTopic,
    pub body: String,
    pub author_name: String,
    /// 本人 or family: a family member's entry says it was written by family.
    pub author_relation: RelationKind,
    pub written_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_and_unknown_is_refused() {
        for t in WishTopic::ALL {
            assert_eq!(WishTopic::from_code(t.code()), Some(t));
        }
        assert_eq!(
            WishTopic::parse("diet").unwrap_err().field,
            Field::WishTopic
        );
    }

    #[test]
    fn text_is_trimmed_and_limited() {
        assert_eq!(
            WishText::parse("  朝はゆっくり ").unwrap().as_str(),
            "朝はゆっくり"
        );
        assert_eq!(
            WishText::parse(" \n").unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(
            WishText::parse(&"あ".repeat(WISH_MAX + 1))
                .unwrap_err()
                .problem,
            Problem::TooLong { max: WISH_MAX }
        );
        assert!(WishText::parse(&"あ".repeat(WISH_MAX)).is_ok());
    }
}
