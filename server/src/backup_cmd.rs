//! `yorisoi backup DIR` and `yorisoi restore FILE` for the embedded SQLite
//! database. A backup is taken while the server runs (`VACUUM INTO` reads
//! one consistent snapshot), checked with `PRAGMA integrity_check` before
//! it counts as a generation, and the oldest generations beyond `keep` go.
//! A restore goes only into a stopped instance (a serving Yorisoi holds a
//! shared lock on `DB.lock`), and the database it replaces is kept beside
//! it, never deleted. PostgreSQL is backed up with pg_dump (README).

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Serialize;
use sqlx::{ConnectOptions, Connection};

use app::server::db::{Backend, DatabaseUrl, Db};

/// Backups this command made: `yorisoi-YYYYMMDDTHHMMSSmmmZ.db`.
const PREFIX: &str = "yorisoi-";
const SUFFIX: &str = ".db";

#[derive(Debug, Serialize)]
pub struct BackupMade {
    pub file: PathBuf,
    pub bytes: u64,
    pub integrity: String,
    /// Every generation now in the folder, oldest first.
    pub generations: Vec<PathBuf>,
    /// Generations removed because there were more than `keep`.
    pub removed: Vec<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct Restored {
    pub database: PathBuf,
    /// Where the database that was there before now is (nothing is deleted).
    pub previous: Option<PathBuf>,
}

fn sqlite_file(url: &DatabaseUrl) -> anyhow::Result<PathBuf> {
    if url.backend() == Backend::Postgres {
        bail!(
            "this database is PostgreSQL: back it up with pg_dump and restore with pg_restore \
             (README, \"Backups\")"
        );
    }
    url.sqlite_path()
        .map(PathBuf::from)
        .context("an in-memory database has nothing to back up")
}

fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Held by `yorisoi serve` while it runs on SQLite: a restore waits for
/// every server on the file to stop. Several servers may hold it at once.
pub fn hold_while_serving(url: &DatabaseUrl) -> anyhow::Result<Option<File>> {
    let Some(path) = url.sqlite_path() else {
        return Ok(None);
    };
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(Path::new(path)))
        .context("opening the database's lock file")?;
    match lock.try_lock_shared() {
        Ok(()) => Ok(Some(lock)),
        Err(std::fs::TryLockError::WouldBlock) => {
            bail!("a restore into {path} is running; start the server when it has finished")
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e).context("locking the database"),
    }
}

/// Checks a database file without changing it: SQLite's own integrity
/// check, and that it is a Yorisoi database (migrations and an audit log).
pub async fn verify(file: &Path) -> anyhow::Result<String> {
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("opening {}", file.display()))?;
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .with_context(|| format!("checking {}", file.display()))?;
    if lines != ["ok"] {
        bail!(
            "{} failed SQLite's integrity check: {}",
            file.display(),
            lines.join("; ")
        );
    }
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("{} is not a Yorisoi database", file.display()))?;
    let _audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("{} has no audit log", file.display()))?;
    conn.close().await.ok();
    Ok(format!("ok ({migrations} migrations)"))
}

/// This command's backups in `dir`, oldest first (the names sort by time).
fn generations(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    found.sort();
    Ok(found)
}

#[cfg(unix)]
fn owner_only(path: &Path, mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("setting the permissions of {}", path.display()))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path, _mode: u32) -> anyhow::Result<()> {
    Ok(())
}

/// Takes a consistent backup of the running database into `dir`, checks
/// it, and keeps the newest `keep` generations.
pub async fn backup(
    db: &Db,
    url: &DatabaseUrl,
    dir: &Path,
    keep: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<BackupMade> {
    sqlite_file(url)?;
    if keep == 0 {
        bail!("--keep must be at least 1");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    owner_only(dir, 0o700)?;
    let name = format!("{PREFIX}{}{SUFFIX}", now.format("%Y%m%dT%H%M%S%3fZ"));
    let file = dir.join(&name);
    if file.exists() {
        bail!("{} already exists", file.display());
    }
    // Written under another name first: a half-written file never looks
    // like a generation.
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let target = partial
        .to_str()
        .context("the backup folder's path is not UTF-8")?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(db.pool())
        .await
        .context("taking the backup (VACUUM INTO)")?;
    let integrity = match verify(&partial).await {
        Ok(i) => i,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    owner_only(&partial, 0o600)?;
    File::open(&partial)
        .and_then(|f| f.sync_all())
        .context("writing the backup to disk")?;
    std::fs::rename(&partial, &file).context("naming the backup")?;
    let bytes = std::fs::metadata(&file)?.len();
    let mut all = generations(dir)?;
    let extra = all.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = all.drain(..extra).collect();
    for old in &removed {
        std::fs::remove_file(old).with_context(|| format!("removing {}", old.display()))?;
    }
    Ok(BackupMade {
        file,
        bytes,
        integrity,
        generations: all,
        removed,
    })
}

/// Puts `file` in place of the database of `url`, which must not be in use.
/// The database it replaces (with its WAL) is renamed, not deleted.
pub async fn restore(
    url: &DatabaseUrl,
    file: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Restored> {
    let database = sqlite_file(url)?;
    verify(file).await?;
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(&database))
        .context("opening the database's lock file")?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "Yorisoi is running on {}: stop every server on it, then restore",
            database.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => return Err(e).context("locking the database"),
    }
    // The new copy goes in under a temporary name, then takes the place
    // of the old one in one rename.
    let incoming = sibling(&database, ".restoring");
    std::fs::copy(file, &incoming).context("copying the backup")?;
    owner_only(&incoming, 0o600)?;
    File::open(&incoming)
        .and_then(|f| f.sync_all())
        .context("writing the restored database to disk")?;
    let previous = if database.exists() {
        let kept = sibling(
            &database,
            &format!(".before-restore-{}", now.format("%Y%m%dT%H%M%SZ")),
        );
        for suffix in ["", "-wal", "-shm"] {
            let from = sibling(&database, suffix);
            if from.exists() {
                std::fs::rename(&from, sibling(&kept, suffix))
                    .with_context(|| format!("keeping {}", from.display()))?;
            }
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&incoming, &database).context("putting the backup in place")?;
    lock.unlock().ok();
    Ok(Restored { database, previous })
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}
