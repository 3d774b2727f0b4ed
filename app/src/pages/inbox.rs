//! `/inbox`: the care team's list of what waits for them — open comments
//! (reply right here) and wishes or ACP changes to acknowledge — oldest
//! first, across all their care recipients.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::talk::{about_href, about_text, comment_view};
use crate::api::inbox::{inbox, InboxItem, InboxKind};
use crate::api::talk::{Acknowledge, PostComment};
use crate::api::team::CheckLostPhoneLink;
use crate::components::voice::{written_by, AckButton, When};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::talk::COMMENT_MAX;
use crate::domain::time::japanese_date;
use crate::islands::counted_text::{counter_words, CountedText};

#[component]
pub fn InboxPage() -> impl IntoView {
    let post = ServerAction::<PostComment>::new();
    let ack = ServerAction::<Acknowledge>::new();
    let check = ServerAction::<CheckLostPhoneLink>::new();
    let data = Resource::new(|| (), |_| inbox());
    view! {
        <leptos_meta::Title text=t("inbox-title") />
        <h1>{t("inbox-title")}</h1>
        <p>{t("inbox-intro")}</p>
        <Done of=PostComment::PATH text=t("talk-sent") />
        <Done of=Acknowledge::PATH text=t("voice-acked") />
        <Done of=CheckLostPhoneLink::PATH text=t("inbox-link-checked") />
        {move || post.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        {move || ack.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        {move || check.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let empty = view.items.is_empty();
                        view! {
                            {empty.then(|| view! { <p class="empty">{t("inbox-empty")}</p> })}
                            <ul class="inbox">
                                {view.items.into_iter().enumerate().map(|(n, item)| item_view(n, item, post, check)).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn item_view(
    n: usize,
    item: InboxItem,
    post: ServerAction<PostComment>,
    check: ServerAction<CheckLostPhoneLink>,
) -> impl IntoView {
    let r = item.recipient;
    let id = r.id;
    let body = match item.kind {
        InboxKind::Thread { target, about, comments } => {
            let input = format!("reply-{n}");
            view! {
                <p class="inbox-kind">{t("inbox-comment")}</p>
                <p><a href=about_href(id, &about)>{about_text(&about)}</a></p>
                <ol class="thread">{comments.into_iter().map(comment_view).collect_view()}</ol>
                <ActionForm action=post>
                    <input type="hidden" name="recipient" value=id.to_string() />
                    <input type="hidden" name="kind" value=target.kind.code() />
                    <input type="hidden" name="target" value=target.id.clone() />
                    <div class="field">
                        <label for=input.clone()>{t("inbox-reply")}</label>
                        <CountedText
                            id=input
                            name="body".to_string()
                            max=COMMENT_MAX
                            value=String::new()
                            rows=3
                            required=true
                            words=counter_words()
                        />
                    </div>
                    <button type="submit" class="primary">{t("talk-send")}</button>
                </ActionForm>
            }
            .into_any()
        }
        InboxKind::Wish(w) => view! {
            <p class="inbox-kind">{t_with("inbox-wish", &[("topic", t(w.topic.label_key()))])}</p>
            <p class="user-text">{w.body}</p>
            <p class="by-line">{written_by(&w.author_name, w.author_relation)} " " <When at=w.written_at /></p>
            <p><a href=format!("/r/{id}/wishes")>{t("inbox-open-wishes")}</a></p>
            <AckButton recipient=id kind="wish" object=w.id />
        }
        .into_any(),
        InboxKind::Acp { version, changed } => view! {
            <p class="inbox-kind">{t_with("inbox-acp", &[("n", version.version.to_string())])}</p>
            <p class="by-line">{written_by(&version.author_name, version.author_relation)} " " <When at=version.written_at /></p>
            {(changed > 0).then(|| view! { <p>{t_with("inbox-acp-changed", &[("count", changed.to_string())])}</p> })}
            <p><a href=format!("/r/{id}/acp/history")>{t("inbox-open-acp")}</a></p>
            <AckButton recipient=id kind="acp" object=version.id />
        }
        .into_any(),
        InboxKind::AcpDue { last_talk } => {
            let text = match last_talk {
                Some(d) => t_with("acp-talk-again", &[("date", japanese_date(d))]),
                None => t("acp-talk-first"),
            };
            view! {
                <p class="inbox-kind">{t("inbox-acp-due")}</p>
                <p>{text}</p>
                <p><a href=format!("/r/{id}/acp")>{t("day-acp-open")}</a></p>
            }
            .into_any()
        }
        InboxKind::SignInLink { invitation, person_name, made_by } => view! {
            <p class="inbox-kind">{t("inbox-link-check")}</p>
            <p>{t_with("inbox-link-check-body", &[("by", made_by), ("name", person_name)])}</p>
            <ActionForm action=check>
                <input type="hidden" name="recipient" value=id.to_string() />
                <input type="hidden" name="invitation" value=invitation />
                <button type="submit" class="primary">{t("inbox-link-check-button")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <li class="card inbox-item">
            <p class="recipient-name">{r.name}</p>
            {body}
        </li>
    }
}
