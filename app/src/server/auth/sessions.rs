//! Signed-in sessions. The browser keeps a random token in a `__Host-`
//! cookie (HttpOnly, Secure, SameSite=Lax); the database keeps only its
//! SHA-256, so a copy of the database signs nobody in. A new token at
//! every sign-in (no session fixation).
//!
//! Idle timeout: 30 minutes for staff, who share office computers and see
//! many people's records; 7 days for 本人 and family, who use their own
//! phone behind its own screen lock and would otherwise be asked for their
//! passkey at every glance.

use sqlx::Row;

use crate::domain::classes::Role;
use crate::domain::ids::PersonId;
use crate::domain::time::OccurredAt;
use crate::server::db::{Db, DbError};

pub const STAFF_IDLE_MS: i64 = 30 * 60 * 1000;
pub const FAMILY_IDLE_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// `last_seen_at` moves on at most once a minute.
const TOUCH_MS: i64 = 60 * 1000;

/// The cookie's name: `__Host-` makes the browser refuse it unless it is
/// Secure, has Path=/ and no Domain (no sibling site can set it).
pub const COOKIE: &str = "__Host-yorisoi";

/// How long a person may stay idle before signing in again.
pub fn idle_ms(role: Role) -> i64 {
    match role {
        Role::Recipient | Role::Family => FAMILY_IDLE_MS,
        _ => STAFF_IDLE_MS,
    }
}

secret_token!(
    /// The secret in the cookie. Its hash also names a session in the list
    /// a person sees (the first characters), never the token itself.
    SessionToken
);

impl SessionToken {
    /// The Set-Cookie value that hands this token to the browser.
    pub fn cookie(&self, idle_ms: i64) -> String {
        format!(
            "{COOKIE}={}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={}",
            self.0,
            idle_ms / 1000
        )
    }
}

/// 「Android · Chrome」: enough for a person to tell their sessions apart,
/// read from the User-Agent (never stored whole).
pub fn device_label(user_agent: &str) -> String {
    let os = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("CrOS", "Chromebook"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(k, _)| user_agent.contains(k))
    .map_or("?", |(_, v)| v);
    // Order matters: Edge and Chrome also say "Safari".
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(k, _)| user_agent.contains(k))
    .map_or("?", |(_, v)| v);
    format!("{os} · {browser}")
}

/// The Set-Cookie value that makes the browser forget the session.
pub fn cookie_removal() -> String {
    format!("{COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// A live session: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub person: PersonId,
    pub role: Role,
    /// Names the session in the audit log and the list of sessions: the
    /// first 8 hex digits of the token's hash (never the token).
    pub label: String,
    /// Their name and how they like to read, which every page's header
    /// shows: read with the session, not asked again.
    pub name: String,
    pub reading: crate::domain::reading::ReadingSettings,
}

/// The session of the request being answered, looked up once: a page's
/// header and its content both ask who is signed in. Provided fresh for
/// every request (`server::startup`); without it each ask looks up again.
#[derive(Clone, Default)]
pub struct RequestSession(std::sync::Arc<tokio::sync::OnceCell<Option<Session>>>);

impl RequestSession {
    pub async fn get_or_resume<F, Fut, E>(&self, resume: F) -> Result<Option<Session>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Session>, E>>,
    {
        self.0.get_or_try_init(resume).await.cloned()
    }
}

/// One entry of "where am I signed in".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEntry {
    /// The first 8 hex digits of the stored hash, to pick one to end.
    pub label: String,
    pub device: String,
    pub created_at: OccurredAt,
    pub last_seen_at: OccurredAt,
}

/// The session token in a request's cookies, if any.
pub fn token_in(headers: &http::HeaderMap) -> Option<SessionToken> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| SessionToken::parse(v))
}

/// Starts a session for `person` (just signed in) and returns its token.
pub async fn start(
    db: &Db,
    person: PersonId,
    role: Role,
    device: &str,
    now: OccurredAt,
) -> Result<SessionToken, DbError> {
    let mut conn = db.pool().acquire().await?;
    start_in(&mut conn, person, role, device, now).await
}

/// `start`, inside the caller's transaction.
pub async fn start_in(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
    role: Role,
    device: &str,
    now: OccurredAt,
) -> Result<SessionToken, DbError> {
    let token = SessionToken::random();
    let device: String = device.chars().take(60).collect();
    sqlx::query(
        "INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, idle_ms, device) \
         VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(token.hash())
    .bind(person.to_string())
    .bind(now.millis())
    .bind(idle_ms(role))
    .bind(device)
    .execute(conn)
    .await?;
    Ok(token)
}

/// Who the token signs in, if the session is live; each use pushes its
/// idle end further away.
pub async fn resume(
    db: &Db,
    token: &SessionToken,
    now: OccurredAt,
) -> Result<Option<Session>, DbError> {
    let Some(row) = sqlx::query(
        "SELECT s.person_id, s.last_seen_at, s.idle_ms, p.role, p.display_name, p.work_ends_on, \
         r.furigana, r.text_size, r.high_contrast FROM sessions s \
         JOIN people p ON p.id = s.person_id \
         LEFT JOIN reading_settings r ON r.person_id = p.id \
         WHERE s.token_hash = $1 AND s.ended_at IS NULL",
    )
    .bind(token.hash())
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let last: i64 = row.try_get("last_seen_at")?;
    let idle: i64 = row.try_get("idle_ms")?;
    // Work for their 事業所 that ended (from the start of that day in
    // Japan) ends every session of theirs, whenever it was started.
    let work_ends_on: Option<String> = row.try_get("work_ends_on")?;
    let work_ended =
        crate::server::db::membership::has_ended(work_ends_on.as_deref(), now.jst_date())?;
    if work_ended || now.millis() >= last + idle {
        end(db, token, now).await?;
        return Ok(None);
    }
    // Every page asks who is signed in; a write per request would make
    // reading cost a database write. A minute's precision is plenty for an
    // idle timeout of 30 minutes or more.
    if now.millis() - last >= TOUCH_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now.millis())
            .bind(token.hash())
            .execute(db.pool())
            .await?;
    }
    let person: String = row.try_get("person_id")?;
    let role: String = row.try_get("role")?;
    Ok(Some(Session {
        person: PersonId::parse(&person)
            .ok_or_else(|| DbError::Corrupt("sessions.person_id".into()))?,
        role: Role::from_code(&role).ok_or_else(|| DbError::Corrupt("people.role".into()))?,
        label: token.hash().chars().take(8).collect(),
        name: row.try_get("display_name")?,
        reading: crate::server::db::reading::from_columns(
            row.try_get("furigana")?,
            row.try_get("text_size")?,
            row.try_get("high_contrast")?,
        )?,
    }))
}

/// Signs this session out; whose it was, when it had not ended before.
pub async fn end(
    db: &Db,
    token: &SessionToken,
    now: OccurredAt,
) -> Result<Option<PersonId>, DbError> {
    let person: Option<String> = sqlx::query_scalar(
        "UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL \
         RETURNING person_id",
    )
    .bind(now.millis())
    .bind(token.hash())
    .fetch_optional(db.pool())
    .await?;
    person
        .map(|p| PersonId::parse(&p).ok_or_else(|| DbError::Corrupt("sessions.person_id".into())))
        .transpose()
}

/// Signs a person out everywhere, inside the caller's transaction (signing
/// up again with a new link after a lost phone).
pub async fn end_all_in(
    conn: &mut sqlx::AnyConnection,
    person: PersonId,
    now: OccurredAt,
) -> Result<u64, DbError> {
    let done =
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE person_id = $2 AND ended_at IS NULL")
            .bind(now.millis())
            .bind(person.to_string())
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// The person's live sessions, newest first.
pub async fn list(
    db: &Db,
    person: PersonId,
    now: OccurredAt,
) -> Result<Vec<SessionEntry>, DbError> {
    let rows = sqlx::query(
        "SELECT token_hash, device, created_at, last_seen_at FROM sessions \
         WHERE person_id = $1 AND ended_at IS NULL AND last_seen_at + idle_ms > $2 \
         ORDER BY last_seen_at DESC",
    )
    .bind(person.to_string())
    .bind(now.millis())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let hash: String = r.try_get("token_hash")?;
            Ok(SessionEntry {
                label: hash.chars().take(8).collect(),
                device: r.try_get("device")?,
                created_at: OccurredAt::from_millis(r.try_get("created_at")?),
                last_seen_at: OccurredAt::from_millis(r.try_get("last_seen_at")?),
            })
        })
        .collect()
}

/// Ends the person's own session named by `label` (from `list`).
pub async fn end_by_label(
    db: &Db,
    person: PersonId,
    label: &str,
    now: OccurredAt,
) -> Result<bool, DbError> {
    if label.len() != 8 || !label.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let done = sqlx::query(
        "UPDATE sessions SET ended_at = $1 \
         WHERE person_id = $2 AND ended_at IS NULL AND token_hash LIKE $3",
    )
    .bind(now.millis())
    .bind(person.to_string())
    .bind(format!("{label}%"))
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_time_out_sooner_than_families() {
        assert_eq!(idle_ms(Role::CareWorker), 30 * 60 * 1000);
        assert_eq!(idle_ms(Role::CareManager), 30 * 60 * 1000);
        assert!(idle_ms(Role::Family) > idle_ms(Role::Nurse));
        assert_eq!(idle_ms(Role::Recipient), FAMILY_IDLE_MS);
    }

    #[test]
    fn devices_are_named_by_system_and_browser() {
        let android = "Mozilla/5.0 (Linux; Android 14; SC-52D) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Android · Chrome");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(iphone), "iPhone · Safari");
        assert_eq!(device_label(""), "? · ?");
    }

    #[test]
    fn the_cookie_is_host_only_secure_and_hidden_from_scripts() {
        let t = SessionToken::random();
        let c = t.cookie(STAFF_IDLE_MS);
        assert!(c.starts_with("__Host-yorisoi="));
        for part in [
            "Path=/",
            "Secure",
            "HttpOnly",
            "SameSite=Lax",
            "Max-Age=1800",
        ] {
            assert!(c.contains(part), "{c}");
        }
        assert!(!c.contains("Domain"));
        assert_eq!(format!("{t:?}"), "SessionToken(…)");
        assert!(cookie_removal().contains("Max-Age=0"));
    }
}
