//! Conversations: `/r/:id/talk` lists a recipient's threads (unread marks
//! first to the eye); `/r/:id/talk/:kind/:target` is one thread with the
//! form to write in it.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::talk::{thread, threads, PostComment, ThreadView, ThreadsView};
use crate::components::voice::{written_by, When};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::ids::RecipientId;
use crate::domain::talk::{About, Comment, COMMENT_MAX};
use crate::domain::time::{japanese_date, OccurredAt};
use crate::islands::counted_text::{counter_words, CountedText};

/// 「11月24日 10:00 の 食事 のきろく」「血圧のグラフ」…
pub fn about_text(about: &About) -> String {
    match about {
        About::Record { at, category } => {
            let at = OccurredAt::from_millis(*at);
            t_with(
                "talk-about-record",
                &[
                    (
                        "when",
                        format!("{} {}", japanese_date(at.jst_date()), at.hhmm()),
                    ),
                    ("category", t(category.label_key())),
                ],
            )
        }
        About::Goal { goal } => t_with("talk-about-goal", &[("goal", goal.clone())]),
        About::Chart { measure } => {
            t_with("talk-about-chart", &[("measure", t(measure.label_key()))])
        }
        About::Acp { version } => t_with("talk-about-acp", &[("n", version.to_string())]),
        About::Wish { topic } => t_with("talk-about-wish", &[("topic", t(topic.label_key()))]),
    }
}

/// Where the thing a thread is about can be seen.
pub fn about_href(recipient: RecipientId, about: &About) -> String {
    match about {
        About::Record { at, .. } => format!(
            "/r/{recipient}?day={}",
            OccurredAt::from_millis(*at).jst_date()
        ),
        About::Goal { .. } => format!("/r/{recipient}/plan"),
        About::Chart { .. } => format!("/r/{recipient}/body"),
        About::Acp { .. } => format!("/r/{recipient}/acp"),
        About::Wish { .. } => format!("/r/{recipient}/wishes"),
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let post = ServerAction::<PostComment>::new();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("kind").unwrap_or_default(),
                p.get("target").unwrap_or_default(),
            )
        },
        |(id, kind, target)| thread(id, kind, target),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => thread_view(view, post).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || post.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
    }
}

fn thread_view(view: ThreadView, post: ServerAction<PostComment>) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let about = about_text(&view.about);
    let empty = view.comments.is_empty();
    view! {
        <leptos_meta::Title text=t_with("talk-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("talk-heading")}</h1>
        <p class="talk-about"><a href=about_href(id, &view.about)>{about}</a></p>
        <Done of=PostComment::PATH text=t("talk-sent") />
        {empty.then(|| view! { <p class="empty">{t("talk-empty")}</p> })}
        <ol class="thread">
            {view.comments.into_iter().map(comment_view).collect_view()}
        </ol>
        {view.may_write.then(|| view! {
            <section class="card">
                <h2>{t("talk-write")}</h2>
                <ActionForm action=post>
                    <input type="hidden" name="recipient" value=id.to_string() />
                    <input type="hidden" name="kind" value=view.target.kind.code() />
                    <input type="hidden" name="target" value=view.target.id.clone() />
                    <div class="field">
                        <label for="comment-body">{t("field-comment-text")}</label>
                        <CountedText
                            id="comment-body".to_string()
                            name="body".to_string()
                            max=COMMENT_MAX
                            value=String::new()
                            rows=4
                            required=true
                            words=counter_words()
                        />
                    </div>
                    <button type="submit" class="primary">{t("talk-send")}</button>
                </ActionForm>
            </section>
        })}
        <p class="back"><a href=format!("/r/{id}/talk")>{t("talk-all")}</a></p>
    }
}

pub fn comment_view(c: Comment) -> impl IntoView {
    view! {
        <li class="comment" class:is-new=c.unread data-relation=c.author_relation.code()>
            <p class="by-line">
                {written_by(&c.author_name, c.author_relation)} " "
                <When at=c.written_at />
                {c.unread.then(|| view! { " " <span class="unread">{t("talk-new")}</span> })}
            </p>
            <p class="user-text">{c.body}</p>
        </li>
    }
}

#[component]
pub fn ThreadsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), threads);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => threads_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn threads_view(view: ThreadsView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let empty = view.threads.is_empty();
    view! {
        <leptos_meta::Title text=t_with("talk-list-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("talk-list-heading")}</h1>
        <p>{t("talk-list-intro")}</p>
        {empty.then(|| view! { <p class="empty">{t("talk-list-empty")}</p> })}
        <ul class="threads">
            {view
                .threads
                .into_iter()
                .map(|th| {
                    let href = format!("/r/{id}/talk/{}/{}", th.target.kind.code(), th.target.id);
                    let unread = th.unread > 0;
                    view! {
                        <li class="card thread-line" class:is-new=unread>
                            <a href=href>{about_text(&th.about)}</a>
                            <p>
                                {t_with("talk-link-count", &[("count", th.count.to_string())])}
                                {(th.unread > 0).then(|| view! { " " <span class="unread">{t_with("talk-unread", &[("count", th.unread.to_string())])}</span> })}
                            </p>
                            <p class="by-line">{written_by(&th.last.author_name, th.last.author_relation)} " " <When at=th.last.written_at /></p>
                            {th.waiting_since.is_some().then(|| view! { <p class="waiting">{t("talk-waiting")}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}
