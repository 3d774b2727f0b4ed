//! The data layer. One set of SQL serves SQLite (the embedded default) and
//! PostgreSQL (for deployments on several app servers), through sqlx's `Any`
//! driver. Query rules that keep it portable:
//! - placeholders are `$1, $2, …`;
//! - only TEXT and BIGINT columns (see the first migration);
//! - no backend-specific functions; times come from the app, not `now()`.

pub mod acp;
pub mod care_plan;
pub mod drafts;
pub mod home_notices;
pub mod imports;
pub mod medical;
pub mod membership;
pub mod people;
pub mod plain_notes;
pub mod providers;
pub mod reading;
pub mod records;
pub mod retention;
pub mod talk;
pub mod team;
pub mod vitals;
pub mod wishes;

use std::str::FromStr;

use crate::domain::policy::Shown;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres://")]
    UnsupportedUrl,
    #[error("could not create the database folder {0}: {1}")]
    CreateDir(String, std::io::Error),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(&'static str),
    /// The audit log's writer could not commit (the cause is logged there).
    #[error("the audit log could not be written")]
    AuditLog,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database URL we know how to serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: Backend,
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "sqlite://data/yorisoi.db";

    pub fn parse(raw: &str) -> Result<Self, DbError> {
        let raw = raw.trim();
        if raw.starts_with("sqlite:") {
            Ok(Self {
                url: raw.to_string(),
                backend: Backend::Sqlite,
            })
        } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Ok(Self {
                url: raw.to_string(),
                backend: Backend::Postgres,
            })
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite file path (for creating its folder, backups and
    /// restores); None for PostgreSQL or an in-memory database.
    pub fn sqlite_path(&self) -> Option<&str> {
        let rest = self.url.strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then_some(path)
    }

    /// The URL without credentials, safe to log.
    pub fn redacted(&self) -> String {
        match self.url.split_once('@') {
            Some((scheme_user, host)) => {
                let scheme = scheme_user.split("://").next().unwrap_or("db");
                format!("{scheme}://…@{host}")
            }
            None => self.url.clone(),
        }
    }
}

/// A connection that sat unused this long is tested before it is handed
/// out (the database may have restarted meanwhile).
const IDLE_BEFORE_PING: Duration = Duration::from_secs(10);

/// What both backends' pools share. sqlx would test every connection
/// before handing it out: one extra round trip per query, a dozen per page
/// under load, for connections that were in use a moment ago. Only one
/// that sat idle is tested; a broken one is then dropped and another taken.
fn pool_options() -> AnyPoolOptions {
    AnyPoolOptions::new()
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= IDLE_BEFORE_PING {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// The shared connection pool.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The audit log's writer, started on first use (on the runtime that
    /// first writes: tests run one runtime per database).
    audit: std::sync::Arc<std::sync::OnceLock<crate::server::audit::group::Group>>,
}

impl Db {
    /// Connects, creating an SQLite file (and its folder) when missing.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        match url.backend {
            Backend::Sqlite => {
                if let Some(path) = url.sqlite_path() {
                    if let Some(dir) = std::path::Path::new(path).parent() {
                        if !dir.as_os_str().is_empty() {
                            std::fs::create_dir_all(dir)
                                .map_err(|e| DbError::CreateDir(dir.display().to_string(), e))?;
                        }
                    }
                }
                let full = if url.url.contains('?') {
                    url.url.clone()
                } else {
                    format!("{}?mode=rwc", url.url)
                };
                let opts = AnyConnectOptions::from_str(&full)?;
                let pool = pool_options()
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // Health records: FULL so an acknowledged write
                            // survives power loss; WAL so readers never wait
                            // for the writer.
                            conn.execute("PRAGMA busy_timeout = 5000").await?;
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            conn.execute("PRAGMA synchronous = FULL").await?;
                            conn.execute("PRAGMA foreign_keys = ON").await?;
                            Ok(())
                        })
                    })
                    .connect_with(opts)
                    .await?;
                Ok(Self {
                    pool,
                    backend: Backend::Sqlite,
                    audit: Default::default(),
                })
            }
            Backend::Postgres => {
                let opts = AnyConnectOptions::from_str(&url.url)?;
                let pool = pool_options()
                    .max_connections(16)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // Every statement is prepared once per connection
                            // and looks rows up by id and time, so one plan
                            // fits every call; left to choose, PostgreSQL
                            // kept planning many of them on each call (under
                            // the mixed load a fifth of its CPU; bench/load.sh).
                            conn.execute("SET plan_cache_mode = force_generic_plan")
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_with(opts)
                    .await?;
                Ok(Self {
                    pool,
                    backend: Backend::Postgres,
                    audit: Default::default(),
                })
            }
        }
    }

    pub(crate) fn audit_group(&self) -> &crate::server::audit::group::Group {
        self.audit
            .get_or_init(|| crate::server::audit::group::Group::start(self.pool.clone()))
    }

    /// Runs every migration not yet applied. On PostgreSQL sqlx holds an
    /// advisory lock, so app servers starting together migrate once.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = sqlx::migrate!("../migrations");
        self.accept_reworded(&migrator).await?;
        migrator.run(&self.pool).await?;
        self.make_audit_log_append_only().await
    }

    /// A database that applied a migration before its comments were
    /// reworded (`REWORDED`) records the old text's checksum; sqlx would take
    /// the new text for a changed schema and refuse to start. Only that
    /// exact old checksum is replaced, so a real change still stops it.
    async fn accept_reworded(&self, migrator: &sqlx::migrate::Migrator) -> Result<(), DbError> {
        let applied = sqlx::query("SELECT 1 FROM _sqlx_migrations LIMIT 1")
            .fetch_optional(&self.pool)
            .await;
        if applied.is_err() {
            // A new database: nothing applied yet.
            return Ok(());
        }
        for (version, old) in REWORDED {
            let Some(now) = migrator.iter().find(|m| m.version == version) else {
                continue;
            };
            let stored: Option<Vec<u8>> =
                sqlx::query_scalar("SELECT checksum FROM _sqlx_migrations WHERE version = $1")
                    .bind(version)
                    .fetch_optional(&self.pool)
                    .await?;
            let stored: Option<String> =
                stored.map(|c| c.iter().map(|b| format!("{b:02x}")).collect());
            if stored.as_deref() == Some(old) {
                sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2")
                    .bind(now.checksum.to_vec())
                    .bind(version)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Nobody edits or deletes the audit log — not staff through Yorisoi,
    /// and not a bug: the database itself refuses. The one exception is an
    /// entry older than the retention floor (`retention_floor`, moved only
    /// by `db::retention`), and the floor itself can never be set less than
    /// two years back (730 days; two calendar years are never fewer).
    /// Trigger syntax differs between the backends, so this runs after the
    /// shared migrations; it is idempotent, so servers (and the command
    /// line) starting together are fine.
    async fn make_audit_log_append_only(&self) -> Result<(), DbError> {
        let statements: &[&str] = match self.backend {
            Backend::Sqlite => &[
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                // Replaced: before retention it refused every delete.
                "DROP TRIGGER IF EXISTS audit_log_no_delete",
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                 WHEN NOT (OLD.at < COALESCE((SELECT audit_before FROM retention_floor WHERE id = 1), 0)) \
                 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                "CREATE TRIGGER IF NOT EXISTS retention_floor_two_years BEFORE UPDATE ON retention_floor \
                 WHEN NEW.audit_before > (CAST(strftime('%s', 'now') AS INTEGER) - 730 * 86400) * 1000 \
                 BEGIN SELECT RAISE(ABORT, 'audit entries are kept at least two years'); END",
            ],
            Backend::Postgres => &[
                "CREATE OR REPLACE FUNCTION yorisoi_audit_log_append_only() RETURNS trigger \
                 LANGUAGE plpgsql AS $body$ \
                 BEGIN \
                 IF TG_OP = 'DELETE' AND OLD.at < COALESCE((SELECT audit_before FROM retention_floor WHERE id = 1), 0) \
                 THEN RETURN OLD; END IF; \
                 RAISE EXCEPTION 'the audit log is append-only'; END $body$",
                "CREATE OR REPLACE TRIGGER audit_log_append_only \
                 BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION yorisoi_audit_log_append_only()",
                "CREATE OR REPLACE FUNCTION yorisoi_retention_floor_two_years() RETURNS trigger \
                 LANGUAGE plpgsql AS $body$ \
                 BEGIN \
                 IF NEW.audit_before > (EXTRACT(EPOCH FROM now())::BIGINT - 730 * 86400) * 1000 \
                 THEN RAISE EXCEPTION 'audit entries are kept at least two years'; END IF; \
                 RETURN NEW; END $body$",
                "CREATE OR REPLACE TRIGGER retention_floor_two_years \
                 BEFORE UPDATE ON retention_floor \
                 FOR EACH ROW EXECUTE FUNCTION yorisoi_retention_floor_two_years()",
            ],
        };
        if self.backend == Backend::Sqlite {
            return self.write_sqlite_triggers(statements).await;
        }
        let mut tx = self.pool.begin().await?;
        // Two servers replacing the function at once would collide.
        sqlx::query("SELECT pg_advisory_xact_lock(7340211)")
            .execute(&mut *tx)
            .await?;
        for sql in statements {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writing SQLite's schema takes its write lock, and a transaction that
    /// reads first and then writes fails at once (not after the busy
    /// timeout) when another writer got in between — as the command line
    /// did, starting beside a busy server. So the triggers are written only
    /// when they are not there in this form, under BEGIN IMMEDIATE, which
    /// waits for the lock.
    async fn write_sqlite_triggers(&self, statements: &[&str]) -> Result<(), DbError> {
        let current: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND \
             ((name = 'audit_log_no_delete' AND sql LIKE '%retention_floor%') \
              OR name IN ('audit_log_no_update', 'retention_floor_two_years'))",
        )
        .fetch_one(&self.pool)
        .await?;
        if current == 3 {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        conn.execute("BEGIN IMMEDIATE").await?;
        for sql in statements {
            if let Err(e) = sqlx::query(sql).execute(&mut *conn).await {
                let _ = conn.execute("ROLLBACK").await;
                return Err(e.into());
            }
        }
        conn.execute("COMMIT").await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The access policy as a WHERE condition on table alias `t` (columns
/// `info_class` and `team_only`), with placeholders from `$first` on; bind
/// them with `bind_shown`. No class at all: a condition that is never true.
pub(crate) fn shown_filter(t: &str, shown: &Shown, first: usize) -> String {
    if shown.classes.is_empty() {
        return "1 = 0".into();
    }
    let marks: Vec<String> = (0..shown.classes.len())
        .map(|i| format!("${}", first + i))
        .collect();
    let team_only = if shown.team_only {
        String::new()
    } else {
        format!(" AND {t}.team_only = 0")
    };
    format!("{t}.info_class IN ({}){team_only}", marks.join(", "))
}

pub(crate) fn bind_shown<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    shown: &Shown,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for class in &shown.classes {
        q = q.bind(class.code());
    }
    q
}

/// Migrations whose comments changed after they were applied somewhere:
/// (version, SHA-384 of the text as first applied, in hex).
const REWORDED: [(i64, &str); 2] = [
    (
        20261125000010,
        "d8d0f50bacd23db84a8415bc6d33d984402c20ecc78786a84c5cde86f52f98b5bda70e151199a16a7165fba7111e6b3a",
    ),
    (
        20261126000011,
        "c64bebb115da6caa067c0c838ec12821b9f2bfe026710c25b77ef3fc0d844057344409e003921d764953ba4245340aa5",
    ),
];

pub(crate) fn flag(b: bool) -> i64 {
    i64::from(b)
}

pub(crate) fn corrupt(what: &str) -> DbError {
    DbError::Corrupt(what.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend_and_refuse_others() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/yorisoi.db")
                .unwrap()
                .backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/x")
                .unwrap()
                .backend(),
            Backend::Postgres
        );
        assert!(DatabaseUrl::parse("mysql://x").is_err());
    }

    #[test]
    fn the_sqlite_path_is_found_and_passwords_are_not_logged() {
        let u = DatabaseUrl::parse("sqlite://data/yorisoi.db?mode=rwc").unwrap();
        assert_eq!(u.sqlite_path(), Some("data/yorisoi.db"));
        let p = DatabaseUrl::parse("postgres://user:secret@db:5432/y").unwrap();
        assert!(!p.redacted().contains("secret"));
    }
}
