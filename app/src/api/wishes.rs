//! くらしの希望: 本人 and family write how 本人 likes to live; the team
//! reads it and says 「確認しました」.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::wishes::{Wish, WishTopic};
use crate::error::AppError;

/// Who said 「確認しました」, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AckNote {
    pub name: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WishItem {
    pub wish: Wish,
    pub acks: Vec<AckNote>,
    /// The reader is staff who has not acknowledged it yet.
    pub may_ack: bool,
    /// Comments on it, and how many the reader has not read.
    pub comments: usize,
    pub unread: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicWishes {
    pub topic: WishTopic,
    /// Newest first.
    pub items: Vec<WishItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WishesView {
    pub recipient: RecipientSummary,
    pub topics: Vec<TopicWishes>,
    /// 本人 and family write; the team reads.
    pub may_write: bool,
}

#[server(endpoint = "wishes")]
pub async fn wishes(recipient: String) -> Result<WishesView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::{may_acknowledge, may_see, may_write_wish, Item};
    use crate::server::audit::Action;
    use crate::server::db::{self, talk::AckKind};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
    if !may_see(viewer, Item::of(InfoClass::Living, false)) {
        return Err(AppError::refused("no-access"));
    }
    let person = db::people::get_recipient(&state.db, id).await?;
    let all = db::wishes::list(&state.db, id).await?;
    let acks = db::talk::acknowledgements(&state.db, id).await?;
    let comments = db::talk::comments(&state.db, id, me.person, &viewer.shown(), None).await?;
    let staff_may_ack = may_acknowledge(viewer, InfoClass::Living);
    let topics = WishTopic::ALL
        .into_iter()
        .map(|topic| TopicWishes {
            topic,
            items: all
                .iter()
                .filter(|w| w.topic == topic)
                .map(|w| {
                    let mine: Vec<_> = acks
                        .iter()
                        .filter(|a| a.kind == AckKind::Wish && a.object == w.id)
                        .collect();
                    let thread: Vec<_> = comments
                        .iter()
                        .filter(|c| {
                            c.target.kind == crate::domain::talk::TargetKind::Wish
                                && c.target.id == w.id
                        })
                        .collect();
                    WishItem {
                        wish: w.clone(),
                        may_ack: staff_may_ack && !mine.iter().any(|a| a.person == me.person),
                        acks: mine
                            .iter()
                            .map(|a| AckNote {
                                name: a.name.clone(),
                                at: a.at,
                            })
                            .collect(),
                        comments: thread.len(),
                        unread: thread.iter().filter(|c| c.comment.unread).count(),
                    }
                })
                .collect(),
        })
        .collect();
    edge::audit(
        &state.db,
        &me,
        Action::Read,
        id,
        "wishes",
        None,
        &[InfoClass::Living],
    )
    .await?;
    Ok(WishesView {
        recipient: RecipientSummary::from_recipient(&person, today),
        topics,
        may_write: may_write_wish(viewer),
    })
}

/// Adds an entry in the writer's own words; the care team is told (by
/// e-mail, when the server sends it) that there is something new.
#[server(endpoint = "wishes/add")]
pub async fn add_wish(recipient: String, topic: String, body: String) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::InfoClass;
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::may_write_wish;
    use crate::domain::validation::ValidationErrors;
    use crate::domain::wishes::WishText;
    use crate::server::audit::Action;
    use crate::server::db::{self, wishes::NewWish};
    use crate::server::state::AppState;

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
    let Some(relation) = viewer.relation.filter(|_| may_write_wish(viewer)) else {
        return Err(AppError::refused("wish-not-allowed"));
    };
    let mut errs = ValidationErrors::default();
    let topic = errs.check(WishTopic::parse(&topic));
    let body = errs.check(WishText::parse(&body));
    let (Some(topic), Some(body)) = (topic, body) else {
        return Err(AppError::Invalid(errs));
    };
    let wish = db::wishes::insert(
        state.db.pool(),
        NewWish {
            recipient: id,
            topic,
            body: &body,
            author: me.person,
            relation,
            at: edge::now(),
        },
    )
    .await?;
    edge::audit(
        &state.db,
        &me,
        Action::Create,
        id,
        "wish",
        Some(wish),
        &[InfoClass::Living],
    )
    .await?;
    crate::server::notify::to_team(&state, id, me.person).await;
    Ok(())
}
