//! Deleting what is past its retention period (domain::retention), and
//! nothing else. A person's data goes whole, in one transaction, once the
//! last care relationship ended more than the period ago; audit entries
//! go once older than their own period. The database itself refuses to
//! delete a younger audit entry (see `Db::make_audit_log_append_only`).

use chrono::NaiveDate;

use super::{Db, DbError};
use crate::domain::ids::RecipientId;

/// Recipients whose care ended before `first_kept_day`: every relationship
/// has ended, the last one before that day. Someone nobody was ever
/// related to is kept: there is no day their care ended.
pub async fn recipients_past(
    db: &Db,
    first_kept_day: NaiveDate,
) -> Result<Vec<RecipientId>, DbError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT recipient_id FROM care_relationships GROUP BY recipient_id \
         HAVING SUM(CASE WHEN ended_on IS NULL THEN 1 ELSE 0 END) = 0 \
         AND MAX(ended_on) < $1 ORDER BY recipient_id",
    )
    .bind(first_kept_day.format("%Y-%m-%d").to_string())
    .fetch_all(db.pool())
    .await?;
    ids.iter()
        .map(|id| RecipientId::parse(id).ok_or_else(|| super::corrupt("recipient id")))
        .collect()
}

/// Every row about `recipient`, children before parents so no foreign key
/// is left dangling. The audit log keeps its entries about her: they hold
/// no health data, and they have their own period.
const DELETE_RECIPIENT: &[&str] = &[
    "DELETE FROM thread_reads WHERE recipient_id = $1",
    "DELETE FROM comments WHERE recipient_id = $1",
    "DELETE FROM acknowledgements WHERE recipient_id = $1",
    "DELETE FROM wishes WHERE recipient_id = $1",
    "DELETE FROM acp_versions WHERE recipient_id = $1",
    "DELETE FROM care_record_revisions WHERE record_id IN \
     (SELECT id FROM care_records WHERE recipient_id = $1)",
    "DELETE FROM plain_notes WHERE record_id IN \
     (SELECT id FROM care_records WHERE recipient_id = $1)",
    "DELETE FROM care_records WHERE recipient_id = $1",
    "DELETE FROM vital_signs WHERE recipient_id = $1",
    "DELETE FROM vital_targets WHERE recipient_id = $1",
    "DELETE FROM medical_items WHERE recipient_id = $1",
    "DELETE FROM consents WHERE recipient_id = $1",
    "DELETE FROM care_plan_services WHERE short_goal_id IN \
     (SELECT g.id FROM care_plan_goals g JOIN care_plan_needs n ON g.need_id = n.id \
      JOIN care_plans p ON n.plan_id = p.id WHERE p.recipient_id = $1)",
    // 短期目標 point at their 長期目標: they go first.
    "DELETE FROM care_plan_goals WHERE parent_goal_id IS NOT NULL AND need_id IN \
     (SELECT n.id FROM care_plan_needs n JOIN care_plans p ON n.plan_id = p.id \
      WHERE p.recipient_id = $1)",
    "DELETE FROM care_plan_goals WHERE need_id IN \
     (SELECT n.id FROM care_plan_needs n JOIN care_plans p ON n.plan_id = p.id \
      WHERE p.recipient_id = $1)",
    "DELETE FROM care_plan_needs WHERE plan_id IN \
     (SELECT id FROM care_plans WHERE recipient_id = $1)",
    "DELETE FROM care_plan_weekly WHERE plan_id IN \
     (SELECT id FROM care_plans WHERE recipient_id = $1)",
    "DELETE FROM care_plan_daily_activities WHERE plan_id IN \
     (SELECT id FROM care_plans WHERE recipient_id = $1)",
    "DELETE FROM care_plans WHERE recipient_id = $1",
    "DELETE FROM import_keys WHERE recipient_id = $1",
    "DELETE FROM api_token_recipients WHERE recipient_id = $1",
    "DELETE FROM recipient_insurance WHERE recipient_id = $1",
    "DELETE FROM recipient_identifiers WHERE recipient_id = $1",
    "DELETE FROM care_relationships WHERE recipient_id = $1",
    "DELETE FROM recipients WHERE id = $1",
];

/// Deletes everything about `recipient` — only if her care is still past
/// `first_kept_day` when the transaction runs (someone may have been
/// related to her again since the list was made). Returns whether she was
/// deleted.
pub async fn delete_recipient(
    db: &Db,
    recipient: RecipientId,
    first_kept_day: NaiveDate,
) -> Result<bool, DbError> {
    let mut tx = db.pool().begin().await?;
    let id = recipient.to_string();
    let (active, last): (i64, Option<String>) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN ended_on IS NULL THEN 1 ELSE 0 END), 0), MAX(ended_on) \
         FROM care_relationships WHERE recipient_id = $1",
    )
    .bind(&id)
    .fetch_one(&mut *tx)
    .await?;
    let first_kept = first_kept_day.format("%Y-%m-%d").to_string();
    if active > 0 || last.is_none_or(|day| day >= first_kept) {
        return Ok(false);
    }
    for sql in DELETE_RECIPIENT {
        sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// How many audit entries were written before `before` (ms since 1970).
pub async fn audit_entries_before(db: &Db, before: i64) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE at < $1")
            .bind(before)
            .fetch_one(db.pool())
            .await?,
    )
}

/// Moves the retention floor to `before` and deletes the audit entries
/// written before it. The database refuses a floor less than two years
/// back, and a delete of anything younger than the floor.
pub async fn delete_audit_entries_before(db: &Db, before: i64) -> Result<u64, DbError> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("UPDATE retention_floor SET audit_before = $1 WHERE id = 1")
        .bind(before)
        .execute(&mut *tx)
        .await?;
    let gone = sqlx::query("DELETE FROM audit_log WHERE at < $1")
        .bind(before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(gone)
}
