//! The care team's inbox: across all their care recipients, every thread
//! waiting for an answer and every wish or ACP version from 本人 or family
//! they have not yet said 「確認しました」 to — oldest first.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::acp::AcpVersion;
use crate::domain::talk::{About, Comment, Target};
use crate::domain::wishes::Wish;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InboxKind {
    Thread {
        target: Target,
        about: About,
        comments: Vec<Comment>,
    },
    Wish(Box<Wish>),
    Acp {
        version: Box<AcpVersion>,
        /// How many answers changed from the version before.
        changed: usize,
    },
    /// For the care manager: the last 人生会議 talk is more than six months
    /// ago (None: never talked).
    AcpDue {
        last_talk: Option<chrono::NaiveDate>,
    },
    /// A lost-phone link for 本人 or the legal representative that waits
    /// for a second member of the team to check it.
    SignInLink {
        invitation: String,
        person_name: String,
        made_by: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub recipient: RecipientSummary,
    /// Waiting since (milliseconds): the oldest first.
    pub since: i64,
    pub kind: InboxKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxView {
    pub items: Vec<InboxItem>,
}

#[server(endpoint = "inbox")]
pub async fn inbox() -> Result<InboxView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::{InfoClass, RelationKind};
    use crate::domain::policy::may_acknowledge;
    use crate::server::audit::Action;
    use crate::server::db::{self, talk::AckKind};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let me = edge::signed_in(&state.db).await?;
    if !me.role.is_staff() {
        return Err(AppError::refused("inbox-staff-only"));
    }
    let mut items = Vec::new();
    for r in db::people::recipients_of(&state.db, me.person, today).await? {
        let viewer =
            crate::server::access::viewer(&state.db, me.person, me.role, r.id, today).await?;
        if viewer.relation != Some(RelationKind::Team) {
            continue;
        }
        let summary = RecipientSummary::from_recipient(&r, today);
        let now = edge::now();
        for link in crate::server::auth::invitations::waiting_check(&state.db, r.id, now).await? {
            if link.made_by == me.person || link.person == me.person {
                continue;
            }
            items.push(InboxItem {
                recipient: summary.clone(),
                since: link.made_at.millis(),
                kind: InboxKind::SignInLink {
                    invitation: link.id.to_string(),
                    person_name: link.person_name,
                    made_by: link.made_by_name,
                },
            });
        }
        let shown = viewer.shown();
        let mut classes = Vec::new();
        let comments = db::talk::comments(&state.db, r.id, me.person, &shown, None).await?;
        for (target, thread) in super::talk::group(comments) {
            let Some(since) = crate::domain::talk::waiting_since(&thread) else {
                continue;
            };
            let Some(resolved) =
                crate::server::talk_targets::resolve(&state.db, r.id, &target).await?
            else {
                continue;
            };
            classes.push(resolved.class);
            items.push(InboxItem {
                recipient: summary.clone(),
                since,
                kind: InboxKind::Thread {
                    target,
                    about: resolved.about,
                    comments: thread,
                },
            });
        }
        let acks = db::talk::acknowledgements(&state.db, r.id).await?;
        let acked = |kind: AckKind, id: &str| {
            acks.iter()
                .any(|a| a.kind == kind && a.object == id && a.person == me.person)
        };
        if may_acknowledge(viewer, InfoClass::Living) {
            for w in db::wishes::list(&state.db, r.id).await? {
                if !acked(AckKind::Wish, &w.id) {
                    classes.push(InfoClass::Living);
                    items.push(InboxItem {
                        recipient: summary.clone(),
                        since: w.written_at,
                        kind: InboxKind::Wish(Box::new(w)),
                    });
                }
            }
        }
        if may_acknowledge(viewer, InfoClass::Acp) {
            let versions = db::acp::versions(&state.db, r.id).await?;
            if me.role == crate::domain::classes::Role::CareManager {
                let last_talk = versions.first().map(AcpVersion::last_talk);
                if crate::domain::acp::talk_due(versions.first(), today) {
                    // Due since six months after the last talk (or since
                    // the person came into her care, for lack of a talk).
                    let since = last_talk
                        .and_then(|d| {
                            d.checked_add_months(chrono::Months::new(
                                crate::domain::acp::REVISIT_MONTHS,
                            ))
                        })
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|d| d.and_utc().timestamp_millis())
                        .unwrap_or(0);
                    // The reminder tells when the last talk was: a read of
                    // 人生会議.
                    classes.push(InfoClass::Acp);
                    items.push(InboxItem {
                        recipient: summary.clone(),
                        since,
                        kind: InboxKind::AcpDue { last_talk },
                    });
                }
            }
            for (i, v) in versions.iter().enumerate() {
                if v.author_relation == RelationKind::Team || acked(AckKind::Acp, &v.id) {
                    continue;
                }
                let changed = match versions.get(i + 1) {
                    Some(before) => crate::domain::acp::changes(&before.answers, &v.answers).len(),
                    None => 0,
                };
                classes.push(InfoClass::Acp);
                items.push(InboxItem {
                    recipient: summary.clone(),
                    since: v.written_at,
                    kind: InboxKind::Acp {
                        version: Box::new(v.clone()),
                        changed,
                    },
                });
            }
        }
        if !classes.is_empty() {
            classes.sort_by_key(|c| c.code());
            classes.dedup();
            edge::audit(&state.db, &me, Action::Read, r.id, "inbox", None, &classes).await?;
        }
    }
    items.sort_by_key(|i| i.since);
    Ok(InboxView { items })
}
