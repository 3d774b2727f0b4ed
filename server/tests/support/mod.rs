//! Test databases: a fresh SQLite file or a fresh PostgreSQL database per
//! test, migrated, and removed afterwards. PostgreSQL must be reachable at
//! 127.0.0.1:5432 (or YORISOI_TEST_PG_URL): when it is not, the tests fail.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod browser;
pub mod site;
pub mod smtp_sink;
pub mod wire;

use app::domain::ids::RecipientId;
use app::server::db::{DatabaseUrl, Db};

pub struct TestDb {
    pub db: Db,
    /// For a second process (the `yorisoi` command line) on the same data.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

fn unique() -> String {
    // UUIDv7 text without dashes: unique and a valid identifier tail.
    RecipientId::new().to_string().replace('-', "")
}

pub fn pg_admin_url() -> String {
    std::env::var("YORISOI_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(format!("yorisoi-test-{}", unique()));
    let url = format!("sqlite://{}/test.db", dir.display());
    let db = Db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .expect("open SQLite");
    db.migrate().await.expect("migrate SQLite");
    TestDb {
        db,
        url,
        cleanup: Cleanup::Dir(dir),
    }
}

pub async fn postgres() -> TestDb {
    let t = empty_postgres().await;
    t.db.migrate().await.expect("migrate PostgreSQL");
    t
}

/// A fresh PostgreSQL database with nothing in it (what pg_restore fills).
pub async fn empty_postgres() -> TestDb {
    use sqlx::Executor;
    let admin_url = pg_admin_url();
    let name = format!("yorisoi_test_{}", unique());
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!("PostgreSQL must run at {admin_url} for the data-layer tests: {e}")
        });
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    let url = format!("{base}/{name}");
    let db = Db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .expect("open PostgreSQL");
    TestDb {
        db,
        url,
        cleanup: Cleanup::Postgres { admin_url, name },
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                // Drop runs inside the test's runtime; a thread with its own
                // runtime removes the database, ending the pool's sessions.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async move {
                        use sqlx::Executor;
                        if let Ok(mut admin) =
                            <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await
                        {
                            let _ = admin
                                .execute(
                                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                                )
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Runs one async test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn sqlite() {
                let t = $crate::support::sqlite().await;
                super::$case(t.db.clone()).await;
            }
            #[tokio::test]
            async fn postgres() {
                let t = $crate::support::postgres().await;
                super::$case(t.db.clone()).await;
            }
        }
    )*};
}

/// The plain-Japanese engine on the dictionary built in this checkout
/// (`server/scripts/ipadic.sh`); a missing dictionary fails the test.
pub fn engine() -> std::sync::Arc<app::server::plain::Engine> {
    use app::server::plain::{furigana::GradeLimit, Engine};
    std::sync::Arc::new(
        Engine::load(&Engine::workspace_dictionary(), GradeLimit::DEFAULT)
            .expect("furigana dictionary (run server/scripts/ipadic.sh)"),
    )
}

pub mod authenticator;

/// The app's router over `db`, set up as `yorisoi serve` sets it up (public
/// URL http://localhost:3000 unless YORISOI_PUBLIC_URL says otherwise).
pub fn router(db: &Db) -> axum::Router {
    router_with(db, None)
}

/// The router, sending e-mail notices through `mailer` when given.
pub fn router_with(
    db: &Db,
    mailer: Option<std::sync::Arc<app::server::notify::Mailer>>,
) -> axum::Router {
    use server::config::ServeArgs;
    let args = ServeArgs::from_env().expect("serve settings");
    server::startup::router(app::server::state::AppState {
        leptos_options: server::startup::leptos_options(&args),
        db: db.clone(),
        plain: engine(),
        passkeys: std::sync::Arc::new(
            app::server::auth::passkeys::Passkeys::new(&args.public_url).expect("passkeys"),
        ),
        mailer,
    })
}

/// A session cookie for the person called `name` (as if they had signed
/// in with their passkey).
pub async fn cookie_of(db: &Db, name: &str) -> String {
    use app::server::auth::sessions;
    let (id, role): (String, String) =
        sqlx::query_as("SELECT id, role FROM people WHERE display_name = $1")
            .bind(name)
            .fetch_one(db.pool())
            .await
            .unwrap();
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let token = sessions::start(
        db,
        app::domain::ids::PersonId::parse(&id).unwrap(),
        app::domain::classes::Role::from_code(&role).unwrap(),
        "test",
        now,
    )
    .await
    .unwrap();
    format!("{}={}", sessions::COOKIE, token.as_str())
}

/// Yesterday in Japan (`YYYY-MM-DD`): a whole day of the demo. Early in a
/// Japanese morning today has records but no measurement yet, so tests
/// that look for vital signs open yesterday.
pub fn yesterday() -> String {
    let today = app::domain::time::jst_today(chrono::Utc::now());
    today.pred_opt().unwrap_or(today).to_string()
}

/// Runs each case against the demo behind the router, on SQLite and on
/// PostgreSQL.
#[macro_export]
macro_rules! on_both_sites {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn sqlite() {
                let t = $crate::support::sqlite().await;
                super::$case($crate::support::site::site_on(t, None).await).await;
            }
            #[tokio::test]
            async fn postgres() {
                let t = $crate::support::postgres().await;
                super::$case($crate::support::site::site_on(t, None).await).await;
            }
        }
    )*};
}
