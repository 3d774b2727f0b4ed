//! The audit log: who read or wrote whose data, in which role, which
//! classes of information, from which session, and when. Only ids, codes
//! and an action word go in — never the health data itself. Nothing in
//! Yorisoi updates or deletes a row.

use sqlx::Row;

use super::auth::sessions::Session;
use super::db::{corrupt, Db, DbError};
use crate::domain::classes::{InfoClass, Role};
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::policy::Shown;
use crate::domain::time::OccurredAt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    /// Deleted at the end of its retention period (by the server), or
    /// one's own passkey removed or sign-in ended.
    Delete,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Action::Read, Action::Create, Action::Update, Action::Delete]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// A lost-phone link was made; the entry's object is the person it is for.
pub const LOST_PHONE_LINK: &str = "lost_phone_link";
/// A second member of the team checked a lost-phone link; the object is the
/// person it is for.
pub const LOST_PHONE_CHECK: &str = "lost_phone_check";
/// A passkey was registered through a lost-phone link; the actor is the
/// person it was for, the object the person who made the link.
pub const LOST_PHONE_PASSKEY: &str = "lost_phone_passkey";

/// Who did it: a signed-in person, in a role, from a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub person: PersonId,
    pub role: Role,
    /// The session's label (never its token).
    pub session: Option<String>,
}

impl From<&Session> for Actor {
    fn from(s: &Session) -> Self {
        Self {
            person: s.person,
            role: s.role,
            session: Some(s.label.clone()),
        }
    }
}

pub struct Entry<'a> {
    pub at: OccurredAt,
    /// None for the command line on the server.
    pub actor: Option<Actor>,
    pub action: Action,
    pub recipient: Option<RecipientId>,
    pub object_kind: &'a str,
    pub object_id: Option<String>,
    /// The classes of information read or written (empty: none, e.g. a
    /// passkey of one's own).
    pub classes: &'a [InfoClass],
}

/// Writes one entry, and returns once it is committed: a read is not
/// answered before it is in the log. Entries from requests arriving
/// together share one commit (`group`), so on SQLite, where every commit
/// waits for the disk (synchronous=FULL), reading does not queue behind
/// one disk flush per page view.
pub async fn record(db: &Db, e: Entry<'_>) -> Result<(), DbError> {
    let row = AuditRow {
        id: uuid::Uuid::now_v7().to_string(),
        at: e.at.millis(),
        actor: e.actor.as_ref().map(|a| a.person.to_string()),
        action: e.action.code(),
        recipient: e.recipient.map(|r| r.to_string()),
        object_kind: e.object_kind.to_string(),
        object_id: e.object_id,
        role: e.actor.as_ref().map(|a| a.role.code()),
        classes: e
            .classes
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(","),
        session: e.actor.and_then(|a| a.session),
    };
    db.audit_group().write(row).await
}

/// One audit_log row, ready to insert.
pub(crate) struct AuditRow {
    id: String,
    at: i64,
    actor: Option<String>,
    action: &'static str,
    recipient: Option<String>,
    object_kind: String,
    object_id: Option<String>,
    role: Option<&'static str>,
    classes: String,
    session: Option<String>,
}

pub(crate) mod group {
    //! Group commit: one task writes the audit log. It takes every entry
    //! waiting, inserts them in one transaction and tells each writer when
    //! the commit is done (or failed). While it commits, new entries queue
    //! for the next group, so the number of commits follows the disk's
    //! pace, not the number of requests.
    use sqlx::AnyPool;
    use tokio::sync::{mpsc, oneshot};

    use super::AuditRow;
    use crate::server::db::DbError;

    /// At most this many entries in one commit.
    const MAX_GROUP: usize = 256;

    type Job = (AuditRow, oneshot::Sender<Result<(), ()>>);

    #[derive(Debug)]
    pub struct Group {
        jobs: mpsc::UnboundedSender<Job>,
    }

    impl Group {
        /// Starts the writer on the current Tokio runtime.
        pub fn start(pool: AnyPool) -> Self {
            let (jobs, rx) = mpsc::unbounded_channel();
            tokio::spawn(run(pool, rx));
            Self { jobs }
        }

        pub async fn write(&self, row: AuditRow) -> Result<(), DbError> {
            let (done, answer) = oneshot::channel();
            self.jobs.send((row, done)).map_err(|_| DbError::AuditLog)?;
            match answer.await {
                Ok(Ok(())) => Ok(()),
                _ => Err(DbError::AuditLog),
            }
        }
    }

    async fn run(pool: AnyPool, mut rx: mpsc::UnboundedReceiver<Job>) {
        while let Some(first) = rx.recv().await {
            let mut jobs = vec![first];
            while jobs.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => jobs.push(job),
                    Err(_) => break,
                }
            }
            let result = insert(&pool, &jobs).await.map_err(|e| {
                // Ids and codes only; the caller answers with an error.
                tracing::error!(error = %e, entries = jobs.len(), "audit log not written");
            });
            for (_, done) in jobs {
                // A writer that stopped waiting needs no answer.
                let _ = done.send(result);
            }
        }
    }

    /// The largest group whose statement each connection keeps prepared;
    /// rarer, larger groups are parsed each time.
    const PREPARED_UP_TO: usize = 8;

    /// One multi-row INSERT for the whole group: atomic on its own, and one
    /// statement instead of one per entry plus BEGIN and COMMIT.
    async fn insert(pool: &AnyPool, jobs: &[Job]) -> Result<(), sqlx::Error> {
        let sql = insert_sql(jobs.len());
        let mut q = sqlx::query(&sql).persistent(jobs.len() <= PREPARED_UP_TO);
        for (r, _) in jobs {
            q = q
                .bind(&r.id)
                .bind(r.at)
                .bind(&r.actor)
                .bind(r.action)
                .bind(&r.recipient)
                .bind(&r.object_kind)
                .bind(&r.object_id)
                .bind(r.role)
                .bind(&r.classes)
                .bind(&r.session);
        }
        q.execute(pool).await.map(|_| ())
    }

    fn insert_sql(rows: usize) -> String {
        const COLUMNS: usize = 10;
        let values: Vec<String> = (0..rows)
            .map(|row| {
                let params: Vec<String> = (1..=COLUMNS)
                    .map(|c| format!("${}", row * COLUMNS + c))
                    .collect();
                format!("({})", params.join(", "))
            })
            .collect();
        format!(
            "INSERT INTO audit_log (id, at, actor_id, action, recipient_id, object_kind, \
             object_id, actor_role, info_classes, session_label) VALUES {}",
            values.join(", ")
        )
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn each_row_binds_its_own_ten_parameters() {
            let sql = super::insert_sql(2);
            assert!(sql.ends_with(
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10), \
                 ($11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
            ));
        }
    }
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

/// One line of the log as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub at: OccurredAt,
    pub actor: Option<PersonId>,
    /// None for the command line on the server.
    pub actor_name: Option<String>,
    pub actor_role: Option<Role>,
    pub action: Action,
    pub recipient_name: Option<String>,
    pub object_kind: String,
    pub object_id: Option<String>,
    pub classes: Vec<InfoClass>,
    pub session: Option<String>,
    /// The row's id: with `at`, where the next page starts.
    pub id: String,
}

const LINE_COLUMNS: &str = "a.id, a.at, a.actor_id, p.display_name AS actor_name, a.actor_role, \
     a.action, r.name AS recipient_name, a.object_kind, a.object_id, a.info_classes, \
     a.session_label \
     FROM audit_log a \
     LEFT JOIN people p ON p.id = a.actor_id \
     LEFT JOIN recipients r ON r.id = a.recipient_id";

fn line_from_row(row: &sqlx::any::AnyRow) -> Result<Line, DbError> {
    let actor: Option<String> = row.try_get("actor_id")?;
    let role: Option<String> = row.try_get("actor_role")?;
    let action: String = row.try_get("action")?;
    let classes: Option<String> = row.try_get("info_classes")?;
    Ok(Line {
        at: OccurredAt::from_millis(row.try_get("at")?),
        actor: actor.as_deref().and_then(PersonId::parse),
        actor_name: row.try_get("actor_name")?,
        actor_role: role.as_deref().and_then(Role::from_code),
        action: Action::from_code(&action).ok_or_else(|| corrupt("audit action"))?,
        recipient_name: row.try_get("recipient_name")?,
        object_kind: row.try_get("object_kind")?,
        object_id: row.try_get("object_id")?,
        classes: classes
            .unwrap_or_default()
            .split(',')
            .filter_map(InfoClass::from_code)
            .collect(),
        session: row.try_get("session_label")?,
        id: row.try_get("id")?,
    })
}

/// The newest `limit` lines about one recipient that a reader shown
/// `shown` may see, newest first, after the line `before` (keyset on time
/// and id, so lines of the same millisecond are neither skipped nor
/// repeated). A line about a class the reader may not see, or about a
/// team-only item, is left out: that someone read it tells of it.
pub async fn for_recipient(
    db: &Db,
    recipient: RecipientId,
    before: &super::db::records::Before,
    limit: i64,
    shown: &Shown,
) -> Result<Vec<Line>, DbError> {
    let sql = format!(
        "SELECT {LINE_COLUMNS} WHERE a.recipient_id = $1 \
         AND (a.at < $2 OR (a.at = $2 AND a.id < $3)){} \
         ORDER BY a.at DESC, a.id DESC LIMIT $4",
        hidden_lines(shown)
    );
    let rows = sqlx::query(&sql)
        .bind(recipient.to_string())
        .bind(before.at_ms())
        .bind(before.id().to_string())
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(line_from_row).collect()
}

/// Where-clauses that leave out lines about what `shown` does not show.
/// Only our own class codes and table names go into the text.
fn hidden_lines(shown: &Shown) -> String {
    let mut sql = String::new();
    for class in InfoClass::ALL {
        if !shown.classes.contains(class) {
            sql.push_str(&format!(
                " AND (',' || COALESCE(a.info_classes, '') || ',') NOT LIKE '%,{},%'",
                class.code()
            ));
        }
    }
    if !shown.team_only {
        // Object ids are UUIDs, unique across these tables; a thread's
        // reads name the record they are about.
        for table in TEAM_ONLY_TABLES {
            sql.push_str(&format!(
                " AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = a.object_id \
                 AND t.team_only = 1)"
            ));
        }
    }
    sql
}

/// The tables whose rows a staff member can mark チーム内.
const TEAM_ONLY_TABLES: [&str; 4] = ["care_records", "vital_signs", "medical_items", "comments"];

/// Everything an administrator may export: what was done to the people
/// their 事業所 serve (a team member of one of their 事業所 has or had a
/// relationship with the recipient), and what their staff did, oldest
/// first.
pub async fn for_admin(db: &Db, admin: PersonId) -> Result<Vec<Line>, DbError> {
    let sql = format!(
        "SELECT {LINE_COLUMNS} WHERE \
         a.recipient_id IN (SELECT c.recipient_id FROM care_relationships c \
             JOIN people s ON s.id = c.person_id \
             WHERE c.kind = 'team' AND s.provider_id IN ({ADMIN_PROVIDERS})) \
         OR a.actor_id IN (SELECT s.id FROM people s WHERE s.provider_id IN ({ADMIN_PROVIDERS})) \
         ORDER BY a.at, a.id"
    );
    let rows = sqlx::query(&sql)
        .bind(admin.to_string())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(line_from_row).collect()
}

/// The 事業所 person `$1` administers.
pub(crate) const ADMIN_PROVIDERS: &str =
    "SELECT provider_id FROM provider_admins WHERE person_id = $1";
