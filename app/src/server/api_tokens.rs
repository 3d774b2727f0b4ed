//! Integration API tokens: one 事業所's care software reaching Yorisoi
//! without a person signing in. A token names its recipients, its classes
//! and whether it imports, reads or both. Only its SHA-256 is stored; the
//! token itself is shown once when it is made.

use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::db::{corrupt, flag, Db, DbError};
use crate::domain::classes::InfoClass;
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::time::OccurredAt;

/// Every token starts with this, so a leaked one is easy to recognise.
const PREFIX: &str = "yrs_";

/// What a token may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub recipients: Vec<RecipientId>,
    pub classes: Vec<InfoClass>,
    pub may_import: bool,
    pub may_read: bool,
}

/// A live token as a request presents it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: String,
    pub provider: ProviderId,
    pub label: String,
    pub created_by: PersonId,
    pub scope: Scope,
}

impl Token {
    pub fn covers(&self, recipient: RecipientId) -> bool {
        self.scope.recipients.contains(&recipient)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("a token must import, read or both")]
    NoPermission,
    #[error("a token must name at least one information class")]
    NoClass,
    #[error("the 事業所 does not serve recipient {0}")]
    NotServed(RecipientId),
    #[error("the person is not an administrator of this 事業所")]
    NotAdmin,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for TokenError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(DbError::Sqlx(e))
    }
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Does `provider` serve `recipient` now: is one of its staff in a live
/// care relationship with them?
async fn serves(db: &Db, provider: ProviderId, recipient: RecipientId) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM care_relationships c JOIN people p ON p.id = c.person_id \
         WHERE c.recipient_id = $1 AND c.kind = 'team' AND c.ended_on IS NULL \
         AND p.provider_id = $2",
    )
    .bind(recipient.to_string())
    .bind(provider.to_string())
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// Makes a token for `provider` and returns (its id, the token). Only the
/// provider's administrators make tokens, for recipients it serves.
pub async fn create(
    db: &Db,
    provider: ProviderId,
    admin: PersonId,
    label: &str,
    scope: &Scope,
    now: OccurredAt,
) -> Result<(String, String), TokenError> {
    if !scope.may_import && !scope.may_read {
        return Err(TokenError::NoPermission);
    }
    if scope.classes.is_empty() {
        return Err(TokenError::NoClass);
    }
    let admins = super::db::providers::administered_by(db, admin).await?;
    if !admins.iter().any(|p| p.id == provider) {
        return Err(TokenError::NotAdmin);
    }
    for r in &scope.recipients {
        if !serves(db, provider, *r).await? {
            return Err(TokenError::NotServed(*r));
        }
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!(
        "{PREFIX}{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let id = uuid::Uuid::now_v7().to_string();
    let classes: Vec<&str> = scope.classes.iter().map(|c| c.code()).collect();
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "INSERT INTO api_tokens (id, provider_id, label, token_hash, may_import, may_read, \
         classes, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(provider.to_string())
    .bind(label)
    .bind(hash(&token))
    .bind(flag(scope.may_import))
    .bind(flag(scope.may_read))
    .bind(classes.join(","))
    .bind(admin.to_string())
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    for r in &scope.recipients {
        sqlx::query("INSERT INTO api_token_recipients (token_id, recipient_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(r.to_string())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((id, token))
}

/// The live token a request presents on `today`, if any. A revoked or
/// unknown token is None, and so is one whose maker's work has ended (its
/// requests act in their name); a recipient the 事業所 no longer serves
/// drops out of its scope.
pub async fn verify(
    db: &Db,
    presented: &str,
    today: chrono::NaiveDate,
) -> Result<Option<Token>, DbError> {
    if !presented.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some(row) = sqlx::query(
        "SELECT t.id, t.provider_id, t.label, t.may_import, t.may_read, t.classes, t.created_by \
         FROM api_tokens t JOIN people p ON p.id = t.created_by \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL \
         AND (p.work_ends_on IS NULL OR p.work_ends_on > $2)",
    )
    .bind(hash(presented))
    .bind(today.to_string())
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let provider: String = row.try_get("provider_id")?;
    let provider = ProviderId::parse(&provider).ok_or_else(|| corrupt("token provider"))?;
    let created_by: String = row.try_get("created_by")?;
    let classes: String = row.try_get("classes")?;
    let classes = classes
        .split(',')
        .map(|c| InfoClass::from_code(c).ok_or_else(|| corrupt("token class")))
        .collect::<Result<Vec<_>, _>>()?;
    let listed: Vec<String> =
        sqlx::query_scalar("SELECT recipient_id FROM api_token_recipients WHERE token_id = $1")
            .bind(&id)
            .fetch_all(db.pool())
            .await?;
    let mut recipients = Vec::with_capacity(listed.len());
    for r in listed {
        let r = RecipientId::parse(&r).ok_or_else(|| corrupt("token recipient"))?;
        if serves(db, provider, r).await? {
            recipients.push(r);
        }
    }
    let may_import: i64 = row.try_get("may_import")?;
    let may_read: i64 = row.try_get("may_read")?;
    Ok(Some(Token {
        id,
        provider,
        label: row.try_get("label")?,
        created_by: PersonId::parse(&created_by).ok_or_else(|| corrupt("token creator"))?,
        scope: Scope {
            recipients,
            classes,
            may_import: may_import == 1,
            may_read: may_read == 1,
        },
    }))
}

/// Revokes a token of `provider`; true when it was live.
pub async fn revoke(
    db: &Db,
    provider: ProviderId,
    id: &str,
    now: OccurredAt,
) -> Result<bool, DbError> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 \
         WHERE id = $2 AND provider_id = $3 AND revoked_at IS NULL",
    )
    .bind(now.millis())
    .bind(id)
    .bind(provider.to_string())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_as_a_hash_that_does_not_contain_them() {
        let t = "yrs_00112233";
        let h = hash(t);
        assert_eq!(h.len(), 64);
        assert!(!h.contains("00112233"));
        assert_eq!(h, hash(t));
        assert_ne!(h, hash("yrs_00112234"));
    }
}
