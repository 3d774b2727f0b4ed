//! 事業所, people, 利用者 and the care relationships between them.

use chrono::NaiveDate;
use sqlx::{Any, Executor, Row};

use super::{corrupt, Db, DbError};
use crate::domain::classes::{CareLevel, Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId, RecipientId, RelationshipId};
use crate::domain::people::{CareRelationship, NameKana, Person, PersonName, Provider, Recipient};
use crate::domain::time::OccurredAt;

pub async fn insert_provider<'c>(
    ex: impl Executor<'c, Database = Any>,
    p: &Provider,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO providers (id, name, service_type, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(p.id.to_string())
    .bind(p.name.as_str())
    .bind(p.service_type.code())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn insert_person<'c>(
    ex: impl Executor<'c, Database = Any>,
    p: &Person,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO people (id, display_name, role, provider_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(p.id.to_string())
    .bind(p.name.as_str())
    .bind(p.role.code())
    .bind(p.provider.map(|id| id.to_string()))
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn insert_recipient<'c>(
    ex: impl Executor<'c, Database = Any>,
    r: &Recipient,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO recipients (id, name, name_kana, birth_date, care_level, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(r.id.to_string())
    .bind(r.name.as_str())
    .bind(r.name_kana.as_str())
    .bind(r.birth_date.to_string())
    .bind(r.care_level.code())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

pub async fn insert_relationship<'c>(
    ex: impl Executor<'c, Database = Any>,
    rel: &CareRelationship,
) -> Result<RelationshipId, DbError> {
    let id = RelationshipId::new();
    sqlx::query(
        "INSERT INTO care_relationships \
         (id, recipient_id, person_id, kind, family_relation, started_on, ended_on, end_reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id.to_string())
    .bind(rel.recipient.to_string())
    .bind(rel.person.to_string())
    .bind(rel.kind.code())
    .bind(rel.family_relation.as_str())
    .bind(rel.started_on.to_string())
    .bind(rel.ended.map(|(d, _)| d.to_string()))
    .bind(rel.ended.map(|(_, r)| r.code().to_string()))
    .execute(ex)
    .await?;
    Ok(id)
}

pub(crate) fn recipient_from_row(row: &sqlx::any::AnyRow) -> Result<Recipient, DbError> {
    let id: String = row.try_get("id")?;
    let name: String = row.try_get("name")?;
    let kana: String = row.try_get("name_kana")?;
    let birth: String = row.try_get("birth_date")?;
    let level: String = row.try_get("care_level")?;
    Ok(Recipient {
        id: RecipientId::parse(&id).ok_or_else(|| corrupt("recipient id"))?,
        name: PersonName::parse(&name).map_err(|_| corrupt("recipient name"))?,
        name_kana: NameKana::parse(&kana).map_err(|_| corrupt("recipient kana"))?,
        birth_date: NaiveDate::parse_from_str(&birth, "%Y-%m-%d")
            .map_err(|_| corrupt("birth date"))?,
        care_level: CareLevel::from_code(&level).ok_or_else(|| corrupt("care level"))?,
    })
}

/// The recipients `person` has a live care relationship with on `today`,
/// by kana order.
pub async fn recipients_of(
    db: &Db,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<Recipient>, DbError> {
    let rows = sqlx::query(
        "SELECT r.id, r.name, r.name_kana, r.birth_date, r.care_level FROM recipients r \
         JOIN care_relationships c ON c.recipient_id = r.id \
         WHERE c.person_id = $1 AND (c.ended_on IS NULL OR c.ended_on > $2) \
         ORDER BY r.name_kana, r.id",
    )
    .bind(person.to_string())
    .bind(today.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(recipient_from_row).collect()
}

pub async fn get_recipient(db: &Db, id: RecipientId) -> Result<Recipient, DbError> {
    let row = sqlx::query(
        "SELECT id, name, name_kana, birth_date, care_level FROM recipients WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(db.pool())
    .await?
    .ok_or(DbError::NotFound("recipient"))?;
    recipient_from_row(&row)
}

/// Every recipient's id (start-up work that goes recipient by recipient).
pub async fn recipient_ids(db: &Db) -> Result<Vec<RecipientId>, DbError> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM recipients ORDER BY id")
        .fetch_all(db.pool())
        .await?;
    ids.iter()
        .map(|id| RecipientId::parse(id).ok_or_else(|| corrupt("recipients.id")))
        .collect()
}

pub async fn count_recipients(db: &Db) -> Result<i64, DbError> {
    count_recipients_in(db.pool()).await
}

pub async fn count_recipients_in<'c>(
    ex: impl Executor<'c, Database = Any>,
) -> Result<i64, DbError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recipients")
        .fetch_one(ex)
        .await?;
    Ok(n)
}

pub async fn get_person(db: &Db, id: PersonId) -> Result<Person, DbError> {
    let row = sqlx::query("SELECT id, display_name, role, provider_id FROM people WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?
        .ok_or(DbError::NotFound("person"))?;
    let id: String = row.try_get("id")?;
    let name: String = row.try_get("display_name")?;
    let role: String = row.try_get("role")?;
    let provider: Option<String> = row.try_get("provider_id")?;
    Ok(Person {
        id: PersonId::parse(&id).ok_or_else(|| corrupt("person id"))?,
        name: PersonName::parse(&name).map_err(|_| corrupt("person name"))?,
        role: Role::from_code(&role).ok_or_else(|| corrupt("role"))?,
        provider: provider.as_deref().and_then(ProviderId::parse),
    })
}

pub async fn get_provider(db: &Db, id: ProviderId) -> Result<Provider, DbError> {
    let row = sqlx::query("SELECT id, name, service_type FROM providers WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?
        .ok_or(DbError::NotFound("provider"))?;
    let name: String = row.try_get("name")?;
    let st: String = row.try_get("service_type")?;
    Ok(Provider {
        id,
        name: crate::domain::people::ProviderName::parse(&name)
            .map_err(|_| corrupt("provider name"))?,
        service_type: ServiceType::from_code(&st).ok_or_else(|| corrupt("service type"))?,
    })
}

/// People linked to a recipient through a relationship that has not ended.
pub async fn active_relationships(
    db: &Db,
    recipient: RecipientId,
    today: NaiveDate,
) -> Result<Vec<(PersonId, String)>, DbError> {
    let rows = sqlx::query(
        "SELECT person_id, kind FROM care_relationships \
         WHERE recipient_id = $1 AND (ended_on IS NULL OR ended_on > $2) ORDER BY person_id",
    )
    .bind(recipient.to_string())
    .bind(today.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let p: String = r.try_get("person_id")?;
            let k: String = r.try_get("kind")?;
            Ok((PersonId::parse(&p).ok_or_else(|| corrupt("person id"))?, k))
        })
        .collect()
}

/// The e-mail addresses of `people` that have one (for notices only; a
/// notice goes to a handful of people, one query each).
pub async fn emails_of(db: &Db, people: &[PersonId]) -> Result<Vec<String>, DbError> {
    let mut out = Vec::new();
    for p in people {
        out.extend(email_of(db, *p).await?);
    }
    Ok(out)
}

/// The address notices go to (None: no notices).
pub async fn email_of(db: &Db, person: PersonId) -> Result<Option<String>, DbError> {
    let email: Option<Option<String>> =
        sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(person.to_string())
            .fetch_optional(db.pool())
            .await?;
    Ok(email.flatten())
}

pub async fn set_email(db: &Db, person: PersonId, email: Option<&str>) -> Result<(), DbError> {
    sqlx::query("UPDATE people SET email = $1 WHERE id = $2")
        .bind(email)
        .bind(person.to_string())
        .execute(db.pool())
        .await?;
    Ok(())
}
