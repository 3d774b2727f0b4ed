//! くらしの希望 entries (append-only).

use sqlx::Row;

use super::{corrupt, Db, DbError};
use crate::domain::classes::RelationKind;
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::time::OccurredAt;
use crate::domain::wishes::{Wish, WishText, WishTopic};

pub struct NewWish<'a> {
    pub recipient: RecipientId,
    pub topic: WishTopic,
    pub body: &'a WishText,
    pub author: PersonId,
    pub relation: RelationKind,
    pub at: OccurredAt,
}

pub async fn insert<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    w: NewWish<'_>,
) -> Result<String, DbError> {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO wishes (id, recipient_id, topic, body, author_id, author_relation, written_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(w.recipient.to_string())
    .bind(w.topic.code())
    .bind(w.body.as_str())
    .bind(w.author.to_string())
    .bind(w.relation.code())
    .bind(w.at.millis())
    .execute(ex)
    .await?;
    Ok(id)
}

/// Every entry, newest first.
pub async fn list(db: &Db, recipient: RecipientId) -> Result<Vec<Wish>, DbError> {
    let rows = sqlx::query(
        "SELECT w.id, w.topic, w.body, p.display_name, w.author_relation, w.written_at \
         FROM wishes w JOIN people p ON p.id = w.author_id \
         WHERE w.recipient_id = $1 ORDER BY w.written_at DESC, w.id DESC",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let topic: String = r.try_get("topic")?;
            let relation: String = r.try_get("author_relation")?;
            Ok(Wish {
                id: r.try_get("id")?,
                topic: WishTopic::from_code(&topic).ok_or_else(|| corrupt("wish topic"))?,
                body: r.try_get("body")?,
                author_name: r.try_get("display_name")?,
                author_relation: RelationKind::from_code(&relation)
                    .ok_or_else(|| corrupt("wish author relation"))?,
                written_at: r.try_get("written_at")?,
            })
        })
        .collect()
}
