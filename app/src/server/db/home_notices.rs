//! What ホーム tells a reader besides the day itself — records since their
//! last look, comments they have not read, whether 人生会議 is due, a plan
//! version they have not opened — asked in one statement: ホーム is the
//! page people open most, and on PostgreSQL each statement costs the
//! database more than the little it reads here.

use chrono::NaiveDate;
use sqlx::Row;

use super::{bind_shown, corrupt, shown_filter, Db, DbError};
use crate::domain::acp::AcpAnswers;
use crate::domain::classes::InfoClass;
use crate::domain::ids::{PersonId, RecipientId};
use crate::domain::policy::Shown;
use crate::domain::time::OccurredAt;
use crate::server::audit::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeNotices {
    /// The reader's last look at this recipient's day page before the
    /// moment asked about, and how many records they may see were written
    /// for after it.
    pub last_look: Option<(OccurredAt, i64)>,
    /// Comments the reader may see, written by others, not read yet.
    pub unread_comments: i64,
    /// The newest 人生会議 version's last talk (None: no version yet).
    pub acp_last_talk: Option<NaiveDate>,
    pub newest_plan: Option<NewestPlan>,
    /// When the newest record the reader may see happened: ホーム opens on
    /// that day when none is asked for (a hidden record's day would tell
    /// that there is one).
    pub latest_record: Option<OccurredAt>,
}

/// The newest plan version's class, and whether the reader has opened it
/// (its read is in the audit log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewestPlan {
    pub class: InfoClass,
    pub opened: bool,
}

/// Parameters: $1 recipient, $2 reader, $3 the audit log's read action,
/// $4 the moment before which a look counts as the last one, $5… the
/// classes the reader may see (both filters bind the same ones).
fn sql(shown: &Shown) -> String {
    format!(
        "SELECT l.at AS last_look, \
         (SELECT COUNT(*) FROM care_records r WHERE r.recipient_id = $1 \
          AND r.occurred_at > l.at AND {records}) AS new_records, \
         (SELECT COUNT(*) FROM comments c \
          LEFT JOIN thread_reads t ON t.person_id = $2 AND t.recipient_id = c.recipient_id \
               AND t.target_kind = c.target_kind AND t.target_id = c.target_id \
          WHERE c.recipient_id = $1 AND {comments} AND c.author_id <> $2 \
          AND (t.read_at IS NULL OR c.written_at > t.read_at)) AS unread, \
         a.answers AS acp_answers, a.written_at AS acp_written_at, \
         p.info_class AS plan_class, \
         (SELECT COUNT(*) FROM audit_log o WHERE o.recipient_id = $1 AND o.actor_id = $2 \
          AND o.action = $3 AND o.object_kind = 'care_plan' AND o.object_id = p.id) AS plan_reads, \
         (SELECT MAX(n.occurred_at) FROM care_records n WHERE n.recipient_id = $1 \
          AND {newest}) AS latest_record \
         FROM (SELECT MAX(at) AS at FROM audit_log WHERE recipient_id = $1 AND actor_id = $2 \
               AND action = $3 AND object_kind = 'day_records' AND at < $4) l \
         LEFT JOIN (SELECT answers, written_at FROM acp_versions WHERE recipient_id = $1 \
                    ORDER BY version DESC LIMIT 1) a ON 1 = 1 \
         LEFT JOIN (SELECT id, info_class FROM care_plans WHERE recipient_id = $1 \
                    ORDER BY version DESC LIMIT 1) p ON 1 = 1",
        records = shown_filter("r", shown, 5),
        comments = shown_filter("c", shown, 5),
        newest = shown_filter("n", shown, 5),
    )
}

pub async fn for_reader(
    db: &Db,
    recipient: RecipientId,
    reader: PersonId,
    look_before_ms: i64,
    shown: &Shown,
) -> Result<HomeNotices, DbError> {
    let sql = sql(shown);
    let q = sqlx::query(&sql)
        .bind(recipient.to_string())
        .bind(reader.to_string())
        .bind(Action::Read.code())
        .bind(look_before_ms);
    let row = bind_shown(q, shown).fetch_one(db.pool()).await?;
    let last_look: Option<i64> = row.try_get("last_look")?;
    let new_records: i64 = row.try_get("new_records")?;
    let acp_answers: Option<String> = row.try_get("acp_answers")?;
    let acp_written_at: Option<i64> = row.try_get("acp_written_at")?;
    let acp_last_talk = match (acp_answers, acp_written_at) {
        (Some(answers), Some(at)) => {
            let answers: AcpAnswers =
                serde_json::from_str(&answers).map_err(|_| corrupt("acp answers"))?;
            Some(crate::domain::acp::last_talk_of(&answers, at))
        }
        _ => None,
    };
    let plan_class: Option<String> = row.try_get("plan_class")?;
    let newest_plan = match plan_class {
        Some(class) => Some(NewestPlan {
            class: InfoClass::from_code(&class).ok_or_else(|| corrupt("plan class"))?,
            opened: row.try_get::<i64, _>("plan_reads")? > 0,
        }),
        _ => None,
    };
    let latest_record: Option<i64> = row.try_get("latest_record")?;
    Ok(HomeNotices {
        latest_record: latest_record.map(OccurredAt::from_millis),
        last_look: last_look.map(|at| (OccurredAt::from_millis(at), new_records)),
        unread_comments: row.try_get("unread")?,
        acp_last_talk,
        newest_plan,
    })
}
