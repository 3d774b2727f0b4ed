//! 事業所 as their administrators manage them: who administers which, and
//! who works there.

use sqlx::{Any, Executor, Row};

use super::{corrupt, Db, DbError};
use crate::domain::classes::{Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId};
use crate::domain::people::{Provider, ProviderName};
use crate::domain::time::OccurredAt;

pub async fn add_admin<'c>(
    ex: impl Executor<'c, Database = Any>,
    provider: ProviderId,
    person: PersonId,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO provider_admins (provider_id, person_id, added_at) VALUES ($1, $2, $3)",
    )
    .bind(provider.to_string())
    .bind(person.to_string())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

/// The 事業所 `person` administers, by name.
pub async fn administered_by(db: &Db, person: PersonId) -> Result<Vec<Provider>, DbError> {
    let rows = sqlx::query(
        "SELECT v.id, v.name, v.service_type FROM providers v \
         JOIN provider_admins a ON a.provider_id = v.id \
         WHERE a.person_id = $1 ORDER BY v.name, v.id",
    )
    .bind(person.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let name: String = r.try_get("name")?;
            let st: String = r.try_get("service_type")?;
            Ok(Provider {
                id: ProviderId::parse(&id).ok_or_else(|| corrupt("provider id"))?,
                name: ProviderName::parse(&name).map_err(|_| corrupt("provider name"))?,
                service_type: ServiceType::from_code(&st).ok_or_else(|| corrupt("service type"))?,
            })
        })
        .collect()
}

/// One person working at a 事業所.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    /// Has registered a passkey.
    pub joined: bool,
    /// The day their work here ends or ended, if one is set.
    pub ends_on: Option<chrono::NaiveDate>,
}

pub async fn staff_of(db: &Db, provider: ProviderId) -> Result<Vec<Staff>, DbError> {
    let rows = sqlx::query(
        "SELECT p.id, p.display_name, p.role, p.work_ends_on, \
         (SELECT COUNT(*) FROM passkeys k WHERE k.person_id = p.id) AS passkeys \
         FROM people p WHERE p.provider_id = $1 ORDER BY p.display_name, p.id",
    )
    .bind(provider.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let role: String = r.try_get("role")?;
            let passkeys: i64 = r.try_get("passkeys")?;
            let ends_on: Option<String> = r.try_get("work_ends_on")?;
            Ok(Staff {
                person: PersonId::parse(&id).ok_or_else(|| corrupt("person id"))?,
                name: r.try_get("display_name")?,
                role: Role::from_code(&role).ok_or_else(|| corrupt("role"))?,
                joined: passkeys > 0,
                ends_on: ends_on
                    .map(|d| super::membership::parse_day(&d))
                    .transpose()?,
            })
        })
        .collect()
}
