//! 人生会議 (ACP) notes: the newest version, saving a new one on top of
//! it (refused when someone else saved first), and the history with what
//! changed between any two versions.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use super::wishes::AckNote;
use crate::domain::acp::{AcpChange, AcpForm, AcpVersion};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcpVersionItem {
    pub version: AcpVersion,
    pub acks: Vec<AckNote>,
    /// The reader is staff who has not acknowledged it yet.
    pub may_ack: bool,
    pub comments: usize,
    pub unread: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcpView {
    pub recipient: RecipientSummary,
    pub current: Option<AcpVersionItem>,
    /// What the newest version changed from the one before it.
    pub changes: Vec<AcpChange>,
    pub may_write: bool,
    /// The last talk is more than six months ago (or there was none).
    pub talk_again: bool,
    pub last_talk: Option<NaiveDate>,
    /// The form to write the next version, filled with the newest one.
    pub form: AcpForm,
    /// The version the form starts from (0: none yet).
    pub base: i64,
}

#[cfg(feature = "ssr")]
pub(crate) mod open {
    //! The steps every ACP function starts with.
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::{may_see, Item, Viewer};
    use crate::error::AppError;
    use crate::server::auth::sessions::Session;
    use crate::server::state::AppState;

    /// The signed-in person, if they may see this recipient's ACP.
    pub async fn acp_reader(
        state: &AppState,
        recipient: &str,
    ) -> Result<(Session, Viewer, RecipientId), AppError> {
        let today = crate::domain::time::jst_today(chrono::Utc::now());
        let id = RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
        let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
        if !may_see(viewer, Item::of(InfoClass::Acp, false)) {
            return Err(AppError::refused("acp-not-shared"));
        }
        Ok((me, viewer, id))
    }
}

#[server(endpoint = "acp")]
pub async fn acp(recipient: String) -> Result<AcpView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::acp::{changes, talk_due};
    use crate::domain::classes::InfoClass;
    use crate::domain::policy::may_write_acp;
    use crate::server::audit::Action;
    use crate::server::db;
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer, id) = open::acp_reader(&state, &recipient).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let versions = db::acp::versions(&state.db, id).await?;
    let current = match versions.first() {
        Some(v) => Some(item(&state, &me, viewer, id, v).await?),
        None => None,
    };
    let changes = match (versions.get(1), versions.first()) {
        (Some(before), Some(after)) => changes(&before.answers, &after.answers),
        _ => Vec::new(),
    };
    let last = versions.first().map(AcpVersion::last_talk);
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "acp",
        versions.first().map(|v| v.id.clone()),
        &[InfoClass::Acp],
    )
    .await?;
    Ok(AcpView {
        recipient: RecipientSummary::from_recipient(&person, today),
        changes,
        may_write: may_write_acp(viewer),
        talk_again: talk_due(versions.first(), today),
        last_talk: last,
        form: versions
            .first()
            .map(|v| AcpForm::from_answers(&v.answers))
            .unwrap_or_default(),
        base: versions.first().map(|v| v.version).unwrap_or(0),
        current,
    })
}

/// A version with who acknowledged it and its comments, for this reader.
#[cfg(feature = "ssr")]
async fn item(
    state: &crate::server::state::AppState,
    me: &crate::server::auth::sessions::Session,
    viewer: crate::domain::policy::Viewer,
    id: crate::domain::ids::RecipientId,
    v: &AcpVersion,
) -> Result<AcpVersionItem, AppError> {
    use crate::domain::classes::{InfoClass, RelationKind};
    use crate::domain::policy::may_acknowledge;
    use crate::domain::talk::{Target, TargetKind};
    use crate::server::db::{self, talk::AckKind};
    let acks: Vec<_> = db::talk::acknowledgements(&state.db, id)
        .await?
        .into_iter()
        .filter(|a| a.kind == AckKind::Acp && a.object == v.id)
        .collect();
    let target = Target {
        kind: TargetKind::Acp,
        id: v.id.clone(),
    };
    let thread =
        db::talk::comments(&state.db, id, me.person, &viewer.shown(), Some(&target)).await?;
    Ok(AcpVersionItem {
        may_ack: may_acknowledge(viewer, InfoClass::Acp)
            && v.author_relation != RelationKind::Team
            && !acks.iter().any(|a| a.person == me.person),
        acks: acks
            .into_iter()
            .map(|a| AckNote {
                name: a.name,
                at: a.at,
            })
            .collect(),
        comments: thread.len(),
        unread: thread.iter().filter(|c| c.comment.unread).count(),
        version: v.clone(),
    })
}

/// Saves the next version on top of `base`. When someone saved first the
/// save is refused and nothing is written; the page then shows theirs.
#[server(endpoint = "acp/save")]
pub async fn save_acp(
    recipient: String,
    base: String,
    form: Option<AcpForm>,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::policy::may_write_acp;
    use crate::server::audit::Action;
    use crate::server::db::{self, acp::NewVersion, acp::Saved};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, viewer, id) = open::acp_reader(&state, &recipient).await?;
    let Some(relation) = viewer.relation.filter(|_| may_write_acp(viewer)) else {
        return Err(AppError::refused("acp-not-allowed"));
    };
    let base: i64 = base
        .trim()
        .parse()
        .ok()
        .filter(|b| *b >= 0)
        .ok_or(AppError::BadRequest)?;
    // A form with nothing in it at all is "nothing written", not garbled.
    let answers = form
        .unwrap_or_default()
        .parse(today)
        .map_err(AppError::Invalid)?;
    let saved = db::acp::save(
        state.db.pool(),
        NewVersion {
            recipient: id,
            base,
            answers: &answers,
            author: me.person,
            relation,
            at: edge::now(),
        },
    )
    .await?;
    let Saved::New { id: version, .. } = saved else {
        return Err(AppError::refused("acp-stale"));
    };
    edge::audit(
        &state.db,
        &me,
        Action::Create,
        id,
        "acp",
        Some(version),
        &[InfoClass::Acp],
    )
    .await?;
    if relation != crate::domain::classes::RelationKind::Team {
        crate::server::notify::to_team(&state, id, me.person).await;
    }
    leptos_axum::redirect(&format!("/r/{id}/acp"));
    Ok(())
}

/// One line of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub version: i64,
    pub author_name: String,
    pub author_relation: crate::domain::classes::RelationKind,
    pub written_at: i64,
    pub discussed_on: Option<NaiveDate>,
    pub acks: Vec<AckNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcpHistoryView {
    pub recipient: RecipientSummary,
    /// Newest first.
    pub versions: Vec<HistoryLine>,
    /// The two versions compared (older, newer) and what changed.
    pub compared: Option<(i64, i64, Vec<AcpChange>)>,
}

/// `from`, `to`: version numbers to compare; without them, the newest
/// against the one before it.
#[server(endpoint = "acp/history")]
pub async fn acp_history(
    recipient: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<AcpHistoryView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::acp::changes;
    use crate::domain::classes::InfoClass;
    use crate::domain::compared_versions::ComparedVersions;
    use crate::server::audit::Action;
    use crate::server::db::{self, talk::AckKind};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let (me, _viewer, id) = open::acp_reader(&state, &recipient).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let versions = db::acp::versions(&state.db, id).await?;
    let newest = versions.first().map(|v| v.version).unwrap_or(0);
    let chosen = ComparedVersions::parse(from.as_deref(), to.as_deref(), newest)?;
    let find = |n: i64| versions.iter().find(|v| v.version == n);
    let compared = match (find(chosen.older()), find(chosen.newer())) {
        (Some(a), Some(b)) if a.version != b.version => {
            Some((a.version, b.version, changes(&a.answers, &b.answers)))
        }
        _ => None,
    };
    let acks = db::talk::acknowledgements(&state.db, id).await?;
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "acp_history",
        // The later of the two versions compared (an id, as every entry).
        compared
            .as_ref()
            .and_then(|(_, b, _)| find(*b))
            .map(|v| v.id.clone()),
        &[InfoClass::Acp],
    )
    .await?;
    Ok(AcpHistoryView {
        recipient: RecipientSummary::from_recipient(&person, today),
        versions: versions
            .iter()
            .map(|v| HistoryLine {
                version: v.version,
                author_name: v.author_name.clone(),
                author_relation: v.author_relation,
                written_at: v.written_at,
                discussed_on: v.answers.discussed_on,
                acks: acks
                    .iter()
                    .filter(|a| a.kind == AckKind::Acp && a.object == v.id)
                    .map(|a| AckNote {
                        name: a.name.clone(),
                        at: a.at,
                    })
                    .collect(),
            })
            .collect(),
        compared,
    })
}
