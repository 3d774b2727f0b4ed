//! Who may see a care recipient's information: the signed-in person's live
//! care relationship with the recipient and the consents 本人 has given,
//! judged by `domain::policy`. No relationship, no access, whatever the
//! role.

use chrono::NaiveDate;
use sqlx::Row;

use super::db::{corrupt, Db, DbError};
use crate::domain::classes::{InfoClass, RelationKind, Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::people::Recipient;
use crate::domain::policy::{Consent, Viewer, Widened};
use crate::domain::time::OccurredAt;

/// The recipient, the reader's live relationship with them, its consents
/// and the 事業所's widenings in one query: every page and server function
/// asks this first (most pages show the recipient too, and on PostgreSQL a
/// statement costs more than its rows). Built once.
static VIEWER_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let consented = |class: InfoClass| {
        format!(
            "(SELECT COUNT(*) FROM consents c WHERE c.recipient_id = r.recipient_id \
             AND c.person_id = r.person_id AND c.revoked_at IS NULL AND c.class = '{}')",
            class.code()
        )
    };
    let widened = |class: InfoClass| {
        format!(
            "(SELECT COUNT(*) FROM people p JOIN providers v ON v.id = p.provider_id \
             JOIN policy_widenings w ON w.role = p.role AND w.removed_at IS NULL \
             AND (w.provider_id = v.id OR w.service_type = v.service_type) \
             WHERE p.id = r.person_id AND w.class = '{}')",
            class.code()
        )
    };
    format!(
        "SELECT x.id, x.name, x.name_kana, x.birth_date, x.care_level, \
         r.kind, r.legal_representative, {} AS consent_medical, {} AS consent_acp, \
         {} AS widened_medical, {} AS widened_acp \
         FROM recipients x LEFT JOIN care_relationships r ON r.recipient_id = x.id \
         AND r.person_id = $2 AND (r.ended_on IS NULL OR r.ended_on > $3) \
         WHERE x.id = $1",
        consented(InfoClass::Medical),
        consented(InfoClass::Acp),
        widened(InfoClass::Medical),
        widened(InfoClass::Acp),
    )
});

/// How `person` (with `role`) stands towards `recipient` on `today`:
/// their live relationship, the consents 本人 has given them, and — for
/// staff — what their 事業所's policy widens. No such recipient: no
/// relationship.
pub async fn viewer(
    db: &Db,
    person: PersonId,
    role: Role,
    recipient: RecipientId,
    today: NaiveDate,
) -> Result<Viewer, DbError> {
    let found = viewer_and_recipient(db, person, role, recipient, today).await?;
    Ok(found.map_or_else(
        || Viewer::new(role, None, Consent::default()),
        |(viewer, _)| viewer,
    ))
}

/// `viewer`, and the recipient themselves (None when there is no such
/// recipient).
pub async fn viewer_and_recipient(
    db: &Db,
    person: PersonId,
    role: Role,
    recipient: RecipientId,
    today: NaiveDate,
) -> Result<Option<(Viewer, Recipient)>, DbError> {
    let row = sqlx::query(&VIEWER_SQL)
        .bind(recipient.to_string())
        .bind(person.to_string())
        .bind(today.to_string())
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        Ok((
            viewer_from_row(&row, role)?,
            super::db::people::recipient_from_row(&row)?,
        ))
    })
    .transpose()
}

/// A row of `VIEWER_SQL`; no relationship (a NULL kind) sees nothing.
fn viewer_from_row(row: &sqlx::any::AnyRow, role: Role) -> Result<Viewer, DbError> {
    let Some(kind) = row.try_get::<Option<String>, _>("kind")? else {
        return Ok(Viewer::new(role, None, Consent::default()));
    };
    let representative: i64 = row.try_get("legal_representative")?;
    let has = |column: &str| -> Result<bool, DbError> { Ok(row.try_get::<i64, _>(column)? > 0) };
    let relation = RelationKind::from_code(&kind).ok_or_else(|| corrupt("relation kind"))?;
    Ok(Viewer {
        role,
        relation: Some(relation),
        consent: Consent {
            medical: has("consent_medical")?,
            acp: has("consent_acp")?,
        },
        widened: Widened {
            medical: has("widened_medical")?,
            acp: has("widened_acp")?,
        },
        representative: relation == RelationKind::Family && representative == 1,
    })
}

/// 本人 (`by`) lets a family member see `class` (医療 or ACP).
pub async fn grant<'c>(
    ex: impl sqlx::Executor<'c, Database = sqlx::Any>,
    recipient: RecipientId,
    family: PersonId,
    class: InfoClass,
    by: PersonId,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO consents (id, recipient_id, person_id, class, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(recipient.to_string())
    .bind(family.to_string())
    .bind(class.code())
    .bind(by.to_string())
    .bind(now.millis())
    .execute(ex)
    .await?;
    Ok(())
}

/// Takes a consent back at once; the grant stays in the history.
pub async fn revoke(
    db: &Db,
    recipient: RecipientId,
    family: PersonId,
    class: InfoClass,
    by: PersonId,
    now: OccurredAt,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE consents SET revoked_at = $1, revoked_by = $2 \
         WHERE recipient_id = $3 AND person_id = $4 AND class = $5 AND revoked_at IS NULL",
    )
    .bind(now.millis())
    .bind(by.to_string())
    .bind(recipient.to_string())
    .bind(family.to_string())
    .bind(class.code())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Which classes each family member may see now: (person, medical, acp).
pub async fn live_consents(
    db: &Db,
    recipient: RecipientId,
) -> Result<Vec<(PersonId, InfoClass)>, DbError> {
    let rows = sqlx::query(
        "SELECT person_id, class FROM consents WHERE recipient_id = $1 AND revoked_at IS NULL",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let p: String = r.try_get("person_id")?;
            let c: String = r.try_get("class")?;
            Ok((
                PersonId::parse(&p).ok_or_else(|| corrupt("consent person"))?,
                InfoClass::from_code(&c).ok_or_else(|| corrupt("consent class"))?,
            ))
        })
        .collect()
}

/// One grant or revocation, for the history 本人 and family can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentEvent {
    pub at: OccurredAt,
    pub family_name: String,
    pub class: InfoClass,
    pub granted: bool,
    pub by_name: String,
}

/// Every grant and revocation for `recipient`, newest first.
pub async fn consent_history(
    db: &Db,
    recipient: RecipientId,
) -> Result<Vec<ConsentEvent>, DbError> {
    let rows = sqlx::query(
        "SELECT p.display_name AS family_name, c.class, c.granted_at, g.display_name AS granted_by, \
         c.revoked_at, r.display_name AS revoked_by \
         FROM consents c \
         JOIN people p ON p.id = c.person_id \
         JOIN people g ON g.id = c.granted_by \
         LEFT JOIN people r ON r.id = c.revoked_by \
         WHERE c.recipient_id = $1",
    )
    .bind(recipient.to_string())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let family_name: String = r.try_get("family_name")?;
        let class: String = r.try_get("class")?;
        let class = InfoClass::from_code(&class).ok_or_else(|| corrupt("consent class"))?;
        out.push(ConsentEvent {
            at: OccurredAt::from_millis(r.try_get("granted_at")?),
            family_name: family_name.clone(),
            class,
            granted: true,
            by_name: r.try_get("granted_by")?,
        });
        let revoked_at: Option<i64> = r.try_get("revoked_at")?;
        let revoked_by: Option<String> = r.try_get("revoked_by")?;
        if let (Some(at), Some(by_name)) = (revoked_at, revoked_by) {
            out.push(ConsentEvent {
                at: OccurredAt::from_millis(at),
                family_name,
                class,
                granted: false,
                by_name,
            });
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at.millis()));
    Ok(out)
}

/// A widening of the default policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widening {
    pub id: String,
    pub role: Role,
    pub class: InfoClass,
}

/// Where a widening applies: one 事業所 (its administrator's choice at
/// `/admin`), or every 事業所 of a service type (`yorisoi policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Provider(ProviderId),
    ServiceType(ServiceType),
}

impl Scope {
    /// The column that names the scope, and its value.
    fn column(self) -> (&'static str, String) {
        match self {
            Scope::Provider(p) => ("provider_id", p.to_string()),
            Scope::ServiceType(s) => ("service_type", s.code().to_string()),
        }
    }
}

/// The widenings in force in `scope`.
pub async fn widenings(db: &Db, scope: Scope) -> Result<Vec<Widening>, DbError> {
    let (column, value) = scope.column();
    let sql = format!(
        "SELECT id, role, class FROM policy_widenings \
         WHERE {column} = $1 AND removed_at IS NULL ORDER BY role, class"
    );
    let rows = sqlx::query(&sql).bind(value).fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            let class: String = r.try_get("class")?;
            Ok(Widening {
                id: r.try_get("id")?,
                role: Role::from_code(&role).ok_or_else(|| corrupt("widening role"))?,
                class: InfoClass::from_code(&class).ok_or_else(|| corrupt("widening class"))?,
            })
        })
        .collect()
}

/// Lets staff of `role` in `scope` see all of `class`; nothing happens when
/// that is already so. `by` is None for the command line.
pub async fn widen(
    db: &Db,
    scope: Scope,
    role: Role,
    class: InfoClass,
    by: Option<PersonId>,
    now: OccurredAt,
) -> Result<(), DbError> {
    let existing = widenings(db, scope).await?;
    if existing.iter().any(|w| w.role == role && w.class == class) {
        return Ok(());
    }
    let (column, value) = scope.column();
    let sql = format!(
        "INSERT INTO policy_widenings (id, {column}, role, class, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)"
    );
    sqlx::query(&sql)
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(value)
        .bind(role.code())
        .bind(class.code())
        .bind(by.map(|p| p.to_string()))
        .bind(now.millis())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Back to the default for the widenings in `scope` that `which` picks.
pub async fn narrow(
    db: &Db,
    scope: Scope,
    which: impl Fn(&Widening) -> bool,
    by: Option<PersonId>,
    now: OccurredAt,
) -> Result<bool, DbError> {
    let mut any = false;
    for w in widenings(db, scope).await?.iter().filter(|w| which(w)) {
        let done = sqlx::query(
            "UPDATE policy_widenings SET removed_at = $1, removed_by = $2 \
             WHERE id = $3 AND removed_at IS NULL",
        )
        .bind(now.millis())
        .bind(by.map(|p| p.to_string()))
        .bind(&w.id)
        .execute(db.pool())
        .await?;
        any |= done.rows_affected() == 1;
    }
    Ok(any)
}
