//! What a comment is about: the thing must belong to the recipient in the
//! address, and its class and team-only mark decide who sees the thread.

use sqlx::Row;

use crate::domain::chart::Measure;
use crate::domain::classes::InfoClass;
use crate::domain::ids::RecipientId;
use crate::domain::records::RecordCategory;
use crate::domain::talk::{About, Target, TargetKind};
use crate::domain::wishes::WishTopic;
use crate::server::db::{corrupt, Db, DbError};

/// The thing behind a target, or None when it is not this recipient's.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub class: InfoClass,
    pub team_only: bool,
    pub about: About,
}

pub async fn resolve(
    db: &Db,
    recipient: RecipientId,
    target: &Target,
) -> Result<Option<Resolved>, DbError> {
    let rid = recipient.to_string();
    let row = |sql: &'static str| {
        sqlx::query(sql)
            .bind(target.id.clone())
            .bind(rid.clone())
            .fetch_optional(db.pool())
    };
    Ok(match target.kind {
        TargetKind::Record => {
            let Some(r) = row(
                "SELECT occurred_at, category, info_class, team_only FROM care_records \
                 WHERE id = $1 AND recipient_id = $2",
            )
            .await?
            else {
                return Ok(None);
            };
            let category: String = r.try_get("category")?;
            let class: String = r.try_get("info_class")?;
            let team_only: i64 = r.try_get("team_only")?;
            Some(Resolved {
                class: InfoClass::from_code(&class).ok_or_else(|| corrupt("record class"))?,
                team_only: team_only != 0,
                about: About::Record {
                    at: r.try_get("occurred_at")?,
                    category: RecordCategory::from_code(&category)
                        .ok_or_else(|| corrupt("record category"))?,
                },
            })
        }
        TargetKind::Goal => {
            let Some(r) = row("SELECT g.goal, p.info_class FROM care_plan_goals g \
                 JOIN care_plan_needs n ON n.id = g.need_id \
                 JOIN care_plans p ON p.id = n.plan_id \
                 WHERE g.id = $1 AND p.recipient_id = $2")
            .await?
            else {
                return Ok(None);
            };
            let class: String = r.try_get("info_class")?;
            Some(Resolved {
                class: InfoClass::from_code(&class).ok_or_else(|| corrupt("plan class"))?,
                team_only: false,
                about: About::Goal {
                    goal: r.try_get("goal")?,
                },
            })
        }
        TargetKind::Chart => Measure::from_code(&target.id).map(|measure| Resolved {
            class: measure.class(),
            team_only: false,
            about: About::Chart { measure },
        }),
        TargetKind::Acp => {
            let Some(r) =
                row("SELECT version FROM acp_versions WHERE id = $1 AND recipient_id = $2").await?
            else {
                return Ok(None);
            };
            Some(Resolved {
                class: InfoClass::Acp,
                team_only: false,
                about: About::Acp {
                    version: r.try_get("version")?,
                },
            })
        }
        TargetKind::Wish => {
            let Some(r) =
                row("SELECT topic FROM wishes WHERE id = $1 AND recipient_id = $2").await?
            else {
                return Ok(None);
            };
            let topic: String = r.try_get("topic")?;
            Some(Resolved {
                class: InfoClass::Living,
                team_only: false,
                about: About::Wish {
                    topic: WishTopic::from_code(&topic).ok_or_else(|| corrupt("wish topic"))?,
                },
            })
        }
    })
}
