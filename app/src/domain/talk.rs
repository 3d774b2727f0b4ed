//! Conversations (コメント): 本人, family and staff write about one thing —
//! a record, a care plan goal, a chart, an ACP version, a wish — and every
//! comment on that thing is one thread. A thread is open while its newest
//! comment is from 本人 or family: the care team owes an answer.

use serde::{Deserialize, Serialize};

use super::classes::RelationKind;
use super::validation::{required_text, Field, FieldError};

/// Characters in one comment.
pub const COMMENT_MAX: usize = 1000;

/// What kinds of thing a comment can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetKind {
    Record,
    Goal,
    Chart,
    Acp,
    Wish,
}

impl TargetKind {
    pub const ALL: [TargetKind; 5] = [
        TargetKind::Record,
        TargetKind::Goal,
        TargetKind::Chart,
        TargetKind::Acp,
        TargetKind::Wish,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TargetKind::Record => "record",
            TargetKind::Goal => "goal",
            TargetKind::Chart => "chart",
            TargetKind::Acp => "acp",
            TargetKind::Wish => "wish",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        TargetKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The thing a thread is about: its kind and id (a chart's id is its
/// measure's code, e.g. `bp`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    pub kind: TargetKind,
    pub id: String,
}

impl Target {
    /// From a URL's two parts; ids are checked against the database later.
    pub fn parse(kind: &str, id: &str) -> Option<Self> {
        let kind = TargetKind::from_code(kind)?;
        let id = id.trim();
        let plausible = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        plausible.then(|| Self {
            kind,
            id: id.to_string(),
        })
    }
}

/// What a thread is about, as its heading names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum About {
    /// A record: when, and its kind of care.
    Record {
        at: i64,
        category: super::records::RecordCategory,
    },
    Goal {
        goal: String,
    },
    Chart {
        measure: super::chart::Measure,
    },
    Acp {
        version: i64,
    },
    Wish {
        topic: super::wishes::WishTopic,
    },
}

/// The words of one comment: trimmed, not empty, at most `COMMENT_MAX`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentText(String);

impl CommentText {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        required_text(Field::CommentText, raw, COMMENT_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One comment as a thread shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub id: String,
    pub author_name: String,
    pub author_relation: RelationKind,
    pub body: String,
    pub written_at: i64,
    /// Newer than the reader's last visit, and not their own.
    pub unread: bool,
}

/// Open: the newest comment is from 本人 or family, so the team owes an
/// answer. Returns the time the oldest unanswered comment was written.
pub fn waiting_since(thread: &[Comment]) -> Option<i64> {
    let answered = thread
        .iter()
        .rposition(|c| c.author_relation == RelationKind::Team);
    let waiting = match answered {
        Some(i) => &thread[i + 1..],
        None => thread,
    };
    waiting.first().map(|c| c.written_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(relation: RelationKind, at: i64) -> Comment {
        Comment {
            id: at.to_string(),
            author_name: String::new(),
            author_relation: relation,
            body: String::new(),
            written_at: at,
            unread: false,
        }
    }

    #[test]
    fn a_thread_waits_from_its_first_unanswered_comment() {
        use RelationKind::*;
        assert_eq!(waiting_since(&[]), None);
        assert_eq!(waiting_since(&[c(Family, 1), c(SelfPerson, 2)]), Some(1));
        assert_eq!(waiting_since(&[c(Family, 1), c(Team, 2)]), None);
        assert_eq!(
            waiting_since(&[c(Family, 1), c(Team, 2), c(Family, 3)]),
            Some(3)
        );
        assert_eq!(waiting_since(&[c(Team, 1)]), None);
    }

    #[test]
    fn targets_from_a_url() {
        assert_eq!(
            Target::parse("chart", "bp"),
            Some(Target {
                kind: TargetKind::Chart,
                id: "bp".into()
            })
        );
        assert_eq!(Target::parse("plan", "x"), None);
        assert_eq!(Target::parse("record", "../etc"), None);
        assert_eq!(Target::parse("record", ""), None);
    }
}
