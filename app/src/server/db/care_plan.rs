//! ケアプラン versions. A plan is written whole in one transaction: a reader
//! never sees a version with half its goals.

use chrono::NaiveDate;
use sqlx::{AnyConnection, Connection, Row};

use super::{corrupt, flag, Db, DbError};
use crate::domain::care_plan::*;
use crate::domain::classes::{CareLevel, InfoClass};
use crate::domain::ids::{CarePlanId, GoalId, NeedId, PersonId, RecipientId};
use crate::domain::time::{OccurredAt, Period};
use crate::domain::validation::Field;

/// Stores `plan` as the next version for its recipient and returns it.
pub async fn insert_plan(db: &Db, plan: &NewCarePlan) -> Result<CarePlan, DbError> {
    let mut conn = db.pool().acquire().await?;
    insert_plan_in(&mut conn, plan).await
}

/// Same, on a connection that may already be in a transaction (then the
/// plan is written under a savepoint and commits with the caller).
pub async fn insert_plan_in(
    conn: &mut AnyConnection,
    plan: &NewCarePlan,
) -> Result<CarePlan, DbError> {
    let mut tx = conn.begin().await?;
    let version = newest_number(&mut tx, plan.recipient).await? + 1;
    // Two saves racing for the same number: UNIQUE(recipient_id, version)
    // refuses the second, and its transaction rolls back whole.
    let id = write_version(&mut tx, plan, version).await?;
    tx.commit().await?;
    Ok(CarePlan {
        id,
        version,
        plan: plan.clone(),
    })
}

/// Stores `plan` as the version after `base` (0: the first plan), only if
/// `base` is still the newest: `None` when someone saved another version
/// since, and then nothing is written.
pub async fn insert_plan_after(
    db: &Db,
    plan: &NewCarePlan,
    base: i64,
) -> Result<Option<CarePlan>, DbError> {
    let mut tx = db.pool().begin().await?;
    if newest_number(&mut tx, plan.recipient).await? != base {
        return Ok(None);
    }
    let version = base + 1;
    let id = match write_version(&mut tx, plan, version).await {
        Ok(id) => id,
        // The other save took the number between our read and our write.
        Err(DbError::Sqlx(sqlx::Error::Database(e))) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(e),
    };
    tx.commit().await?;
    Ok(Some(CarePlan {
        id,
        version,
        plan: plan.clone(),
    }))
}

async fn newest_number(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    recipient: RecipientId,
) -> Result<i64, DbError> {
    let latest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM care_plans WHERE recipient_id = $1")
            .bind(recipient.to_string())
            .fetch_one(&mut **tx)
            .await?;
    Ok(latest.unwrap_or(0))
}

/// Writes every table of one version; the caller commits.
async fn write_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    plan: &NewCarePlan,
    version: i64,
) -> Result<CarePlanId, DbError> {
    let id = CarePlanId::new();
    let t1 = &plan.table1;
    sqlx::query(
        "INSERT INTO care_plans (id, recipient_id, version, author_id, created_at, care_level, \
         certified_from, certified_to, intention, policy, other_services, info_class) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.to_string())
    .bind(plan.recipient.to_string())
    .bind(version)
    .bind(plan.author.to_string())
    .bind(plan.created_at.millis())
    .bind(t1.care_level.code())
    .bind(t1.certification.from().to_string())
    .bind(t1.certification.to().to_string())
    .bind(t1.intention.as_str())
    .bind(t1.policy.as_str())
    .bind(plan.other_services.as_str())
    .bind(plan.class.code())
    .execute(&mut **tx)
    .await?;

    for (ni, need) in plan.needs.iter().enumerate() {
        let need_id = NeedId::new();
        sqlx::query(
            "INSERT INTO care_plan_needs (id, plan_id, position, need) VALUES ($1, $2, $3, $4)",
        )
        .bind(need_id.to_string())
        .bind(id.to_string())
        .bind(ni as i64)
        .bind(need.need.as_str())
        .execute(&mut **tx)
        .await?;
        for (li, long) in need.long_goals.iter().enumerate() {
            let long_id = GoalId::new();
            insert_goal(tx, long_id, need_id, None, li, &long.goal, long.period).await?;
            for (si, short) in long.short_goals.iter().enumerate() {
                let short_id = GoalId::new();
                insert_goal(
                    tx,
                    short_id,
                    need_id,
                    Some(long_id),
                    si,
                    &short.goal,
                    short.period,
                )
                .await?;
                for (vi, s) in short.services.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO care_plan_services (id, short_goal_id, position, content, \
                         insured, kind, provider_name, frequency, period_from, period_to) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(GoalId::new().to_string())
                    .bind(short_id.to_string())
                    .bind(vi as i64)
                    .bind(s.content.as_str())
                    .bind(flag(s.insured))
                    .bind(s.kind.as_str())
                    .bind(s.provider_name.as_str())
                    .bind(s.frequency.as_str())
                    .bind(s.period.from().to_string())
                    .bind(s.period.to().to_string())
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
    }
    for slot in &plan.weekly {
        sqlx::query(
            "INSERT INTO care_plan_weekly (id, plan_id, weekday, start_minute, end_minute, content) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(GoalId::new().to_string())
        .bind(id.to_string())
        .bind(i64::from(slot.weekday))
        .bind(i64::from(slot.start.minutes()))
        .bind(i64::from(slot.end.minutes()))
        .bind(slot.content.as_str())
        .execute(&mut **tx)
        .await?;
    }
    for a in &plan.daily_activities {
        sqlx::query(
            "INSERT INTO care_plan_daily_activities (id, plan_id, at_minute, activity) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(GoalId::new().to_string())
        .bind(id.to_string())
        .bind(i64::from(a.at.minutes()))
        .bind(a.activity.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

async fn insert_goal(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: GoalId,
    need: NeedId,
    parent: Option<GoalId>,
    position: usize,
    goal: &GoalText,
    period: Period,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO care_plan_goals (id, need_id, parent_goal_id, position, goal, period_from, \
         period_to) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(need.to_string())
    .bind(parent.map(|p| p.to_string()))
    .bind(position as i64)
    .bind(goal.as_str())
    .bind(period.from().to_string())
    .bind(period.to().to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn date(s: &str) -> Result<NaiveDate, DbError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt("date"))
}

fn period(from: &str, to: &str) -> Result<Period, DbError> {
    Period::parse(Field::GoalPeriod, date(from)?, date(to)?).map_err(|_| corrupt("period"))
}

fn text<T>(r: Result<T, crate::domain::validation::FieldError>) -> Result<T, DbError> {
    r.map_err(|e| corrupt(e.field.label_key()))
}

/// The newest plan version of a recipient, whole.
pub async fn latest_plan(db: &Db, recipient: RecipientId) -> Result<Option<CarePlan>, DbError> {
    plan_before(db, recipient, i64::MAX).await
}

/// The newest version older than `version` (the plan a new one replaced).
pub async fn plan_before(
    db: &Db,
    recipient: RecipientId,
    version: i64,
) -> Result<Option<CarePlan>, DbError> {
    let Some(row) = sqlx::query(
        "SELECT id, version, author_id, created_at, care_level, certified_from, certified_to, \
         intention, policy, other_services, info_class FROM care_plans \
         WHERE recipient_id = $1 AND version < $2 ORDER BY version DESC LIMIT 1",
    )
    .bind(recipient.to_string())
    .bind(version)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let author: String = row.try_get("author_id")?;
    let level: String = row.try_get("care_level")?;
    let class: String = row.try_get("info_class")?;
    let from: String = row.try_get("certified_from")?;
    let to: String = row.try_get("certified_to")?;
    let intention: String = row.try_get("intention")?;
    let policy: String = row.try_get("policy")?;

    let need_rows =
        sqlx::query("SELECT id, need FROM care_plan_needs WHERE plan_id = $1 ORDER BY position")
            .bind(id.as_str())
            .fetch_all(db.pool())
            .await?;
    let mut needs = Vec::new();
    for nr in &need_rows {
        let need_id: String = nr.try_get("id")?;
        let need_text: String = nr.try_get("need")?;
        let goal_rows = sqlx::query(
            "SELECT id, parent_goal_id, goal, period_from, period_to FROM care_plan_goals \
             WHERE need_id = $1 ORDER BY position, id",
        )
        .bind(need_id.as_str())
        .fetch_all(db.pool())
        .await?;
        let mut long_goals = Vec::new();
        for lr in goal_rows.iter().filter(|r| {
            r.try_get::<Option<String>, _>("parent_goal_id")
                .map(|p| p.is_none())
                .unwrap_or(false)
        }) {
            let long_id: String = lr.try_get("id")?;
            let mut short_goals = Vec::new();
            for sr in goal_rows.iter().filter(|r| {
                r.try_get::<Option<String>, _>("parent_goal_id")
                    .map(|p| p.as_deref() == Some(long_id.as_str()))
                    .unwrap_or(false)
            }) {
                let short_id: String = sr.try_get("id")?;
                let svc_rows = sqlx::query(
                    "SELECT content, insured, kind, provider_name, frequency, period_from, \
                     period_to FROM care_plan_services WHERE short_goal_id = $1 ORDER BY position",
                )
                .bind(short_id.as_str())
                .fetch_all(db.pool())
                .await?;
                let mut services = Vec::new();
                for s in &svc_rows {
                    let insured: i64 = s.try_get("insured")?;
                    services.push(ServiceLine {
                        content: text(ServiceContent::parse(&s.try_get::<String, _>("content")?))?,
                        insured: insured != 0,
                        kind: text(ServiceKindText::parse(&s.try_get::<String, _>("kind")?))?,
                        provider_name: s.try_get("provider_name")?,
                        frequency: text(Frequency::parse(&s.try_get::<String, _>("frequency")?))?,
                        period: period(
                            &s.try_get::<String, _>("period_from")?,
                            &s.try_get::<String, _>("period_to")?,
                        )?,
                    });
                }
                short_goals.push(ShortGoal {
                    goal: text(GoalText::parse(&sr.try_get::<String, _>("goal")?))?,
                    period: period(
                        &sr.try_get::<String, _>("period_from")?,
                        &sr.try_get::<String, _>("period_to")?,
                    )?,
                    services,
                });
            }
            long_goals.push(LongGoal {
                goal: text(GoalText::parse(&lr.try_get::<String, _>("goal")?))?,
                period: period(
                    &lr.try_get::<String, _>("period_from")?,
                    &lr.try_get::<String, _>("period_to")?,
                )?,
                short_goals,
            });
        }
        needs.push(Need {
            need: text(NeedText::parse(&need_text))?,
            long_goals,
        });
    }

    let weekly_rows = sqlx::query(
        "SELECT weekday, start_minute, end_minute, content FROM care_plan_weekly \
         WHERE plan_id = $1 ORDER BY weekday, start_minute, id",
    )
    .bind(id.as_str())
    .fetch_all(db.pool())
    .await?;
    let mut weekly = Vec::new();
    for w in &weekly_rows {
        let wd: i64 = w.try_get("weekday")?;
        let start = text(MinuteOfDay::new(
            Field::WeeklySlot,
            w.try_get("start_minute")?,
        ))?;
        let end = text(MinuteOfDay::new(
            Field::WeeklySlot,
            w.try_get("end_minute")?,
        ))?;
        let content: String = w.try_get("content")?;
        let wd = u8::try_from(wd).map_err(|_| corrupt("weekday"))?;
        weekly.push(text(WeeklySlot::new(wd, start, end, &content))?);
    }
    let act_rows = sqlx::query(
        "SELECT at_minute, activity FROM care_plan_daily_activities WHERE plan_id = $1 \
         ORDER BY at_minute, id",
    )
    .bind(id.as_str())
    .fetch_all(db.pool())
    .await?;
    let mut daily_activities = Vec::new();
    for a in &act_rows {
        daily_activities.push(DailyActivity {
            at: text(MinuteOfDay::new(Field::WeeklySlot, a.try_get("at_minute")?))?,
            activity: a.try_get("activity")?,
        });
    }

    Ok(Some(CarePlan {
        id: CarePlanId::parse(&id).ok_or_else(|| corrupt("plan id"))?,
        version: row.try_get("version")?,
        plan: NewCarePlan {
            recipient,
            author: PersonId::parse(&author).ok_or_else(|| corrupt("author"))?,
            created_at: OccurredAt::from_millis(row.try_get("created_at")?),
            table1: Table1 {
                care_level: CareLevel::from_code(&level).ok_or_else(|| corrupt("care level"))?,
                certification: period(&from, &to)?,
                intention: text(PlanIntention::parse(&intention))?,
                policy: text(PlanPolicy::parse(&policy))?,
            },
            needs,
            weekly,
            daily_activities,
            other_services: row.try_get("other_services")?,
            class: InfoClass::from_code(&class).ok_or_else(|| corrupt("info_class"))?,
        },
    }))
}

/// Each 課題's long-term goal ids, 課題 by 課題, in the plan's order.
pub async fn long_goal_ids(db: &Db, plan: CarePlanId) -> Result<Vec<Vec<String>>, DbError> {
    let rows = sqlx::query(
        "SELECT n.id AS need_id, g.id FROM care_plan_needs n \
         JOIN care_plan_goals g ON g.need_id = n.id AND g.parent_goal_id IS NULL \
         WHERE n.plan_id = $1 ORDER BY n.position, g.position, g.id",
    )
    .bind(plan.to_string())
    .fetch_all(db.pool())
    .await?;
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for r in &rows {
        let need: String = r.try_get("need_id")?;
        let goal: String = r.try_get("id")?;
        match out.last_mut() {
            Some((n, goals)) if *n == need => goals.push(goal),
            _ => out.push((need, vec![goal])),
        }
    }
    Ok(out.into_iter().map(|(_, goals)| goals).collect())
}
