//! Comments, who has read them, and 「確認しました」.

use sqlx::Row;

use super::{bind_shown, corrupt, flag, shown_filter, Db, DbError};
use crate::domain::classes::{InfoClass, RelationKind};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::policy::Shown;
use crate::domain::talk::{Comment, CommentText, Target, TargetKind};
use crate::domain::time::OccurredAt;

pub struct NewComment<'a> {
    pub recipient: RecipientId,
    pub target: &'a Target,
    /// The class and team-only mark of what the comment is about.
    pub class: InfoClass,
    pub team_only: bool,
    pub author: PersonId,
    pub relation: RelationKind,
    pub body: &'a CommentText,
    pub at: OccurredAt,
}

pub async fn insert<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    c: NewComment<'_>,
) -> Result<String, DbError> {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO comments (id, recipient_id, target_kind, target_id, info_class, team_only, \
         author_id, author_relation, body, written_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(c.recipient.to_string())
    .bind(c.target.kind.code())
    .bind(&c.target.id)
    .bind(c.class.code())
    .bind(flag(c.team_only))
    .bind(c.author.to_string())
    .bind(c.relation.code())
    .bind(c.body.as_str())
    .bind(c.at.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

/// A comment with the thread it belongs to.
#[derive(Debug, Clone)]
pub struct ThreadComment {
    pub target: Target,
    pub comment: Comment,
}

/// Every comment `reader` may see on a recipient, thread by thread, each
/// thread oldest first; `unread` marks what came after the reader last
/// opened the thread (their own comments are never unread).
pub async fn comments(
    db: &Db,
    recipient: RecipientId,
    reader: PersonId,
    shown: &Shown,
    only: Option<&Target>,
) -> Result<Vec<ThreadComment>, DbError> {
    let filter = shown_filter("c", shown, 3);
    let next = 3 + shown.classes.len();
    let only_sql = if only.is_some() {
        format!(
            " AND c.target_kind = ${next} AND c.target_id = ${}",
            next + 1
        )
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT c.id, c.target_kind, c.target_id, p.display_name, c.author_id, \
         c.author_relation, c.body, c.written_at, r.read_at \
         FROM comments c JOIN people p ON p.id = c.author_id \
         LEFT JOIN thread_reads r ON r.person_id = $2 AND r.recipient_id = c.recipient_id \
              AND r.target_kind = c.target_kind AND r.target_id = c.target_id \
         WHERE c.recipient_id = $1 AND {filter}{only_sql} \
         ORDER BY c.target_kind, c.target_id, c.written_at, c.id"
    );
    let mut q = sqlx::query(&sql)
        .bind(recipient.to_string())
        .bind(reader.to_string());
    q = bind_shown(q, shown);
    if let Some(t) = only {
        q = q.bind(t.kind.code()).bind(t.id.clone());
    }
    let rows = q.fetch_all(db.pool()).await?;
    let reader = reader.to_string();
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("target_kind")?;
            let relation: String = r.try_get("author_relation")?;
            let author: String = r.try_get("author_id")?;
            let at: i64 = r.try_get("written_at")?;
            let read_at: Option<i64> = r.try_get("read_at")?;
            Ok(ThreadComment {
                target: Target {
                    kind: TargetKind::from_code(&kind).ok_or_else(|| corrupt("target kind"))?,
                    id: r.try_get("target_id")?,
                },
                comment: Comment {
                    id: r.try_get("id")?,
                    author_name: r.try_get("display_name")?,
                    author_relation: RelationKind::from_code(&relation)
                        .ok_or_else(|| corrupt("comment author relation"))?,
                    body: r.try_get("body")?,
                    written_at: at,
                    unread: author != reader && read_at.is_none_or(|read| at > read),
                },
            })
        })
        .collect()
}

/// The reader has seen the recipient's thread up to `at` (a chart's
/// target is the measure alone, so the recipient is part of the key).
pub async fn mark_read(
    db: &Db,
    reader: PersonId,
    recipient: RecipientId,
    target: &Target,
    at: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO thread_reads (person_id, recipient_id, target_kind, target_id, read_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_id, recipient_id, target_kind, target_id) \
         DO UPDATE SET read_at = excluded.read_at",
    )
    .bind(reader.to_string())
    .bind(recipient.to_string())
    .bind(target.kind.code())
    .bind(&target.id)
    .bind(at.millis())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// What can be acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckKind {
    Wish,
    Acp,
}

impl AckKind {
    pub fn code(self) -> &'static str {
        match self {
            AckKind::Wish => "wish",
            AckKind::Acp => "acp",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "wish" => Some(AckKind::Wish),
            "acp" => Some(AckKind::Acp),
            _ => None,
        }
    }
}

/// 「確認しました」; saying it twice keeps the first time. Returns whether
/// this was the first time.
pub async fn acknowledge<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    recipient: RecipientId,
    kind: AckKind,
    object: &str,
    by: PersonId,
    at: OccurredAt,
) -> Result<bool, DbError> {
    let r = sqlx::query(
        "INSERT INTO acknowledgements (id, recipient_id, object_kind, object_id, person_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (object_kind, object_id, person_id) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(recipient.to_string())
    .bind(kind.code())
    .bind(object)
    .bind(by.to_string())
    .bind(at.millis())
    .execute(ex)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Who acknowledged what, for one recipient.
#[derive(Debug, Clone, PartialEq)]
pub struct Ack {
    pub kind: AckKind,
    pub object: String,
    pub person: PersonId,
    pub name: String,
    pub at: i64,
}

pub async fn acknowledgements(db: &Db, recipient: RecipientId) -> Result<Vec<Ack>, DbError> {
    let rows = sqlx::query(
        "SELECT a.object_kind, a.object_id, a.person_id, p.display_name, a.at \
         FROM acknowledgements a JOIN people p ON p.id = a.person_id \
         WHERE a.recipient_id = $1 ORDER BY a.at, a.id",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("object_kind")?;
            let person: String = r.try_get("person_id")?;
            Ok(Ack {
                kind: AckKind::from_code(&kind).ok_or_else(|| corrupt("ack kind"))?,
                object: r.try_get("object_id")?,
                person: PersonId::parse(&person).ok_or_else(|| corrupt("ack person"))?,
                name: r.try_get("display_name")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

/// 本人 and family who wrote in the recipient's thread, or wrote the thing
/// it is about: the people a team answer is for. Whether each may still
/// be told is for the notice to decide.
pub async fn voices_in(
    db: &Db,
    recipient: RecipientId,
    target: &Target,
) -> Result<Vec<PersonId>, DbError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT author_id FROM comments \
         WHERE recipient_id = $1 AND target_kind = $2 AND target_id = $3 \
         AND author_relation <> 'team'",
    )
    .bind(recipient.to_string())
    .bind(target.kind.code())
    .bind(&target.id)
    .fetch_all(db.pool())
    .await?;
    let mut people: Vec<PersonId> = ids.iter().filter_map(|i| PersonId::parse(i)).collect();
    if let Some(author) = author_of(db, recipient, target).await? {
        if !people.contains(&author) {
            people.push(author);
        }
    }
    Ok(people)
}

/// Who wrote a wish or an ACP version when it was 本人 or family (None for
/// other things, and for the team's own writing).
pub async fn author_of(
    db: &Db,
    recipient: RecipientId,
    target: &Target,
) -> Result<Option<PersonId>, DbError> {
    let sql = match target.kind {
        TargetKind::Wish => "SELECT author_id FROM wishes WHERE id = $1 AND recipient_id = $2",
        TargetKind::Acp => {
            "SELECT author_id FROM acp_versions WHERE id = $1 AND recipient_id = $2 \
             AND author_relation <> 'team'"
        }
        _ => return Ok(None),
    };
    let id: Option<String> = sqlx::query_scalar(sql)
        .bind(&target.id)
        .bind(recipient.to_string())
        .fetch_optional(db.pool())
        .await?;
    Ok(id.and_then(|i| PersonId::parse(&i)))
}
