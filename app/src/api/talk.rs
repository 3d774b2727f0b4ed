//! Conversations: a thread of comments on one thing, the list of a
//! recipient's threads, and 「確認しました」.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::talk::{About, Comment, Target};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub recipient: RecipientSummary,
    pub target: Target,
    pub about: About,
    /// Oldest first; `unread` marks what is new to the reader.
    pub comments: Vec<Comment>,
    pub may_write: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub target: Target,
    pub about: About,
    pub count: usize,
    pub unread: usize,
    pub last: Comment,
    /// The team has not answered since then.
    pub waiting_since: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadsView {
    pub recipient: RecipientSummary,
    /// Newest activity first.
    pub threads: Vec<ThreadSummary>,
}

#[cfg(feature = "ssr")]
pub(crate) mod open {
    //! Opening a thread: the target must be the recipient's, and the
    //! reader must be allowed to see what it is about.
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::{may_see, Item, Viewer};
    use crate::domain::talk::Target;
    use crate::error::AppError;
    use crate::server::auth::sessions::Session;
    use crate::server::state::AppState;
    use crate::server::talk_targets::{resolve, Resolved};

    pub struct Opened {
        pub me: Session,
        pub viewer: Viewer,
        pub id: RecipientId,
        pub target: Target,
        pub resolved: Resolved,
    }

    pub async fn thread(
        state: &AppState,
        recipient: &str,
        kind: &str,
        target: &str,
    ) -> Result<Opened, AppError> {
        let today = crate::domain::time::jst_today(chrono::Utc::now());
        let id = RecipientId::parse(recipient).ok_or(AppError::NotFound)?;
        let target = Target::parse(kind, target).ok_or(AppError::NotFound)?;
        let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
        let resolved = resolve(&state.db, id, &target)
            .await?
            .ok_or(AppError::NotFound)?;
        // Not shown to this reader: the same answer as no such thing.
        if !may_see(viewer, Item::of(resolved.class, resolved.team_only)) {
            return Err(AppError::NotFound);
        }
        Ok(Opened {
            me,
            viewer,
            id,
            target,
            resolved,
        })
    }
}

/// Opens a thread and marks it read up to now.
#[server(endpoint = "talk/thread")]
pub async fn thread(
    recipient: String,
    kind: String,
    target: String,
) -> Result<ThreadView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::policy::{may_comment, Item};
    use crate::server::audit::Action;
    use crate::server::db;
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let o = open::thread(&state, &recipient, &kind, &target).await?;
    let person = db::people::get_recipient(&state.db, o.id).await?;
    let comments: Vec<Comment> = db::talk::comments(
        &state.db,
        o.id,
        o.me.person,
        &o.viewer.shown(),
        Some(&o.target),
    )
    .await?
    .into_iter()
    .map(|c| c.comment)
    .collect();
    db::talk::mark_read(&state.db, o.me.person, o.id, &o.target, edge::now()).await?;
    edge::audit(
        &state.db,
        &o.me,
        Action::Read,
        o.id,
        "comments",
        Some(o.target.id.clone()),
        &[o.resolved.class],
    )
    .await?;
    Ok(ThreadView {
        recipient: RecipientSummary::from_recipient(&person, today),
        may_write: may_comment(o.viewer, Item::of(o.resolved.class, o.resolved.team_only)),
        target: o.target,
        about: o.resolved.about,
        comments,
    })
}

#[server(endpoint = "talk/post")]
pub async fn post_comment(
    recipient: String,
    kind: String,
    target: String,
    body: String,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::RelationKind;
    use crate::domain::policy::{may_comment, Item};
    use crate::domain::talk::CommentText;
    use crate::server::audit::Action;
    use crate::server::db::{self, talk::NewComment};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let o = open::thread(&state, &recipient, &kind, &target).await?;
    let item = Item::of(o.resolved.class, o.resolved.team_only);
    let Some(relation) = o.viewer.relation.filter(|_| may_comment(o.viewer, item)) else {
        return Err(AppError::refused("talk-not-allowed"));
    };
    let body = CommentText::parse(&body).map_err(|e| AppError::Invalid(e.into()))?;
    let now = edge::now();
    let comment = db::talk::insert(
        state.db.pool(),
        NewComment {
            recipient: o.id,
            target: &o.target,
            class: o.resolved.class,
            team_only: o.resolved.team_only,
            author: o.me.person,
            relation,
            body: &body,
            at: now,
        },
    )
    .await?;
    // One's own comment is read.
    db::talk::mark_read(&state.db, o.me.person, o.id, &o.target, now).await?;
    edge::audit(
        &state.db,
        &o.me,
        Action::Create,
        o.id,
        "comment",
        Some(comment),
        &[o.resolved.class],
    )
    .await?;
    if relation == RelationKind::Team {
        let people = db::talk::voices_in(&state.db, o.id, &o.target).await?;
        crate::server::notify::to_people(&state, o.id, item, people, o.me.person).await;
    } else {
        crate::server::notify::to_team(&state, o.id, o.me.person).await;
    }
    Ok(())
}

/// Every thread the reader may see on a recipient.
#[server(endpoint = "talk/threads")]
pub async fn threads(recipient: String) -> Result<ThreadsView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::server::audit::Action;
    use crate::server::db;
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let all = db::talk::comments(&state.db, id, me.person, &viewer.shown(), None).await?;
    let mut threads = Vec::new();
    let mut classes = Vec::new();
    for (target, comments) in group(all) {
        let Some(resolved) = crate::server::talk_targets::resolve(&state.db, id, &target).await?
        else {
            continue;
        };
        classes.push(resolved.class);
        if let Some(summary) = summarise(target, resolved.about, &comments) {
            threads.push(summary);
        }
    }
    threads.sort_by_key(|t| std::cmp::Reverse(t.last.written_at));
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    edge::audit(&state.db, &me, Action::Read, id, "threads", None, &classes).await?;
    Ok(ThreadsView {
        recipient: RecipientSummary::from_recipient(&person, today),
        threads,
    })
}

/// Comments (ordered by thread, then time) as threads.
#[cfg(feature = "ssr")]
pub(crate) fn group(
    all: Vec<crate::server::db::talk::ThreadComment>,
) -> Vec<(Target, Vec<Comment>)> {
    let mut out: Vec<(Target, Vec<Comment>)> = Vec::new();
    for c in all {
        match out.last_mut() {
            Some((t, list)) if *t == c.target => list.push(c.comment),
            _ => out.push((c.target, vec![c.comment])),
        }
    }
    out
}

#[cfg(feature = "ssr")]
pub(crate) fn summarise(
    target: Target,
    about: About,
    comments: &[Comment],
) -> Option<ThreadSummary> {
    Some(ThreadSummary {
        count: comments.len(),
        unread: comments.iter().filter(|c| c.unread).count(),
        last: comments.last()?.clone(),
        waiting_since: crate::domain::talk::waiting_since(comments),
        target,
        about,
    })
}

/// 「確認しました」 on a wish (`kind` = wish) or an ACP version (acp).
#[server(endpoint = "talk/acknowledge")]
pub async fn acknowledge(recipient: String, kind: String, object: String) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::policy::may_acknowledge;
    use crate::server::audit::Action;
    use crate::server::db::{self, talk::AckKind};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let ack_kind = AckKind::from_code(&kind).ok_or(AppError::BadRequest)?;
    let o = open::thread(&state, &recipient, &kind, &object).await?;
    if !may_acknowledge(o.viewer, o.resolved.class) {
        return Err(AppError::refused("ack-not-allowed"));
    }
    let first = db::talk::acknowledge(
        state.db.pool(),
        o.id,
        ack_kind,
        &o.target.id,
        o.me.person,
        edge::now(),
    )
    .await?;
    if !first {
        return Ok(());
    }
    edge::audit(
        &state.db,
        &o.me,
        Action::Update,
        o.id,
        "acknowledgement",
        Some(o.target.id.clone()),
        &[o.resolved.class],
    )
    .await?;
    if let Some(author) = db::talk::author_of(&state.db, o.id, &o.target).await? {
        let item = crate::domain::policy::Item::of(o.resolved.class, o.resolved.team_only);
        crate::server::notify::to_people(&state, o.id, item, vec![author], o.me.person).await;
    }
    Ok(())
}
