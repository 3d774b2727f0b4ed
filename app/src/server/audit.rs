//! The audit log: who read or wrote whose data, and when. Only ids and an
//! action word go in — never the health data itself.

use super::db::{Db, DbError};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::time::OccurredAt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
        }
    }
}

pub struct Entry<'a> {
    pub at: OccurredAt,
    /// The signed-in person; None for the command line and, until the
    /// access policy requires sign-in, an anonymous reader.
    pub actor: Option<PersonId>,
    pub action: Action,
    pub recipient: Option<RecipientId>,
    pub object_kind: &'a str,
    pub object_id: Option<String>,
}

pub async fn record(db: &Db, e: Entry<'_>) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, action, recipient_id, object_kind, object_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(e.at.millis())
    .bind(e.actor.map(|a| a.to_string()))
    .bind(e.action.code())
    .bind(e.recipient.map(|r| r.to_string()))
    .bind(e.object_kind)
    .bind(e.object_id)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn count_for(db: &Db, recipient: RecipientId, action: Action) -> Result<i64, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE recipient_id = $1 AND action = $2",
    )
    .bind(recipient.to_string())
    .bind(action.code())
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}
