//! 「見た人の記録」: who read or changed a care recipient's information,
//! for 本人 (and family 本人 lets see 医療, or the legal representative).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::classes::{InfoClass, Role};
use crate::error::AppError;

/// Lines per page of the log.
pub const PAGE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessLogView {
    pub recipient: RecipientSummary,
    pub lines: Vec<AccessLine>,
    /// Where the next (older) page starts, when there is one.
    pub older: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessLine {
    /// Milliseconds since 1970 UTC; shown in Japan time.
    pub at: i64,
    pub who: Who,
    pub did: Did,
    pub what: What,
    pub classes: Vec<InfoClass>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Who {
    /// The person reading the log.
    You,
    Person {
        name: String,
        role: Option<Role>,
    },
    /// Somebody working on the server itself (the command line).
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Did {
    Read,
    Wrote,
    Changed,
    /// Past its retention period.
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum What {
    /// The records of one day.
    Day(chrono::NaiveDate),
    CarePlan,
    /// The list of records (きろく).
    Timeline,
    BodyNumbers,
    Medical,
    /// A print-out of a period (first and last day).
    Print(chrono::NaiveDate, chrono::NaiveDate),
    AccessLog,
    Sharing,
    /// What the legal representative lets themselves see.
    OwnSharing,
    Team,
    /// くらしの希望 (reading, writing, 確認しました).
    Wishes,
    /// 人生会議, its history or its FHIR download.
    Acp,
    /// Comments and the inbox.
    Comments,
    /// A new sign-in link (a lost phone) for someone (None: the reader),
    /// made or, by a second member of the team, checked.
    SignInLink {
        whose: Option<String>,
        checked: bool,
    },
    /// A new passkey registered with a link `made_by` made.
    SignInLinkUsed {
        made_by: String,
    },
    Other,
}

#[cfg(feature = "ssr")]
impl What {
    fn of(kind: &str, id: Option<&str>) -> Self {
        match kind {
            "day_records" => id
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map_or(What::Other, What::Day),
            "care_plan" => What::CarePlan,
            "timeline" => What::Timeline,
            "body_numbers" => What::BodyNumbers,
            "medical" => What::Medical,
            "print" => id
                .and_then(|p| p.split_once(".."))
                .and_then(|(from, to)| {
                    let day = |d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                    Some(What::Print(day(from)?, day(to)?))
                })
                .unwrap_or(What::Other),
            "access_log" => What::AccessLog,
            "consent" | "sharing" => What::Sharing,
            "consent_own" => What::OwnSharing,
            "relationship" | "invitation" | "team" | "recipient" => What::Team,
            "wishes" | "wish" => What::Wishes,
            "acp" | "acp_history" | "acp_fhir" => What::Acp,
            "comments" | "comment" | "threads" | "inbox" | "acknowledgement" => What::Comments,
            _ => What::Other,
        }
    }
}

/// Lines about sign-in links name a person (whom the link is for, or who
/// made it): their names are looked up here.
#[cfg(feature = "ssr")]
async fn name_sign_in_links(
    db: &crate::server::db::Db,
    me: &crate::server::auth::sessions::Session,
    kinds: Vec<(String, Option<String>)>,
    mut lines: Vec<AccessLine>,
) -> Result<Vec<AccessLine>, AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::audit::{LOST_PHONE_CHECK, LOST_PHONE_LINK, LOST_PHONE_PASSKEY};
    for (line, (kind, id)) in lines.iter_mut().zip(kinds) {
        let Some(person) = id.as_deref().and_then(PersonId::parse) else {
            continue;
        };
        if ![LOST_PHONE_LINK, LOST_PHONE_CHECK, LOST_PHONE_PASSKEY].contains(&kind.as_str()) {
            continue;
        }
        let name = crate::server::db::people::get_person(db, person)
            .await?
            .name
            .to_string();
        line.what = if kind == LOST_PHONE_PASSKEY {
            What::SignInLinkUsed { made_by: name }
        } else {
            What::SignInLink {
                whose: (person != me.person).then_some(name),
                checked: kind == LOST_PHONE_CHECK,
            }
        };
    }
    Ok(lines)
}

/// The newest lines first; `older` (from the previous page) goes back.
#[server(endpoint = "access-log")]
pub async fn access_log(
    recipient: String,
    older: Option<String>,
) -> Result<AccessLogView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::page_cursor::Before;
    use crate::domain::time::jst_today;
    use crate::server::audit::{self, Action};
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
    if !viewer.may_read_access_log() {
        return Err(AppError::refused("access-log-not-yours"));
    }
    let person = db::people::get_recipient(&state.db, id).await?;
    let before = Before::from_query(older.as_deref())?;
    let mut found = audit::for_recipient(&state.db, id, &before, PAGE + 1, &viewer.shown()).await?;
    let more = found.len() as i64 > PAGE;
    found.truncate(PAGE as usize);
    let older = if more {
        found.last().map(|l| Before::cursor(l.at.millis(), &l.id))
    } else {
        None
    };
    let found_kinds: Vec<(String, Option<String>)> = found
        .iter()
        .map(|l| (l.object_kind.clone(), l.object_id.clone()))
        .collect();
    let lines: Vec<AccessLine> = found
        .into_iter()
        .map(|l| AccessLine {
            at: l.at.millis(),
            who: match (l.actor, l.actor_name) {
                (Some(p), _) if p == me.person => Who::You,
                (Some(_), Some(name)) => Who::Person {
                    name,
                    role: l.actor_role,
                },
                _ => Who::Server,
            },
            did: match l.action {
                Action::Read => Did::Read,
                Action::Create => Did::Wrote,
                Action::Update => Did::Changed,
                Action::Delete => Did::Deleted,
            },
            what: What::of(&l.object_kind, l.object_id.as_deref()),
            classes: l.classes,
        })
        .collect();
    let lines = name_sign_in_links(&state.db, &me, found_kinds, lines).await?;
    // Reading who looked is itself a read of the person's information.
    edge::audit(&state.db, &me, Action::Read, id, "access_log", None, &[]).await?;
    Ok(AccessLogView {
        recipient: RecipientSummary::from_recipient(&person, today),
        lines,
        older,
    })
}
