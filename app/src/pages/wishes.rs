//! `/r/:id/wishes`: くらしの希望 — 本人 and family write, in their own
//! words, how 本人 likes to live; the team reads it and says 「確認しました」.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::talk::Acknowledge;
use crate::api::wishes::{wishes, AddWish, TopicWishes, WishesView};
use crate::components::voice::{written_by, AckButton, AckLines, TalkLink, When};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::ids::RecipientId;
use crate::domain::talk::{Target, TargetKind};
use crate::domain::wishes::{WishTopic, WISH_MAX};
use crate::islands::counted_text::{counter_words, CountedText};

#[component]
pub fn WishesPage() -> impl IntoView {
    let params = use_params_map();
    let add = ServerAction::<AddWish>::new();
    let ack = ServerAction::<Acknowledge>::new();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), wishes);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => wishes_view(view, add).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || add.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        {move || ack.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
    }
}

fn wishes_view(view: WishesView, add: ServerAction<AddWish>) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    view! {
        <leptos_meta::Title text=t_with("wishes-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("wishes-heading")}</h1>
        <p>{t("wishes-intro")}</p>
        <Done of=AddWish::PATH text=t("wishes-saved") />
        <Done of=Acknowledge::PATH text=t("voice-acked") />
        {view.may_write.then(|| write_form(id, add))}
        {view.topics.into_iter().map(|topic| topic_view(id, topic)).collect_view()}
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

fn topic_view(id: RecipientId, topic: TopicWishes) -> impl IntoView {
    let empty = topic.items.is_empty();
    view! {
        <section class="card wish-topic" data-topic=topic.topic.code()>
            <h2>{t(topic.topic.label_key())}</h2>
            {empty.then(|| view! {
                <p class="empty">{t("wishes-empty")}</p>
                <p class="hint">{t(topic.topic.hint_key())}</p>
            })}
            <ul class="wishes">
                {topic
                    .items
                    .into_iter()
                    .map(|item| {
                        let w = item.wish;
                        let target = Target { kind: TargetKind::Wish, id: w.id.clone() };
                        view! {
                            <li class="wish" data-relation=w.author_relation.code()>
                                <p class="user-text">{w.body}</p>
                                <p class="by-line">
                                    {written_by(&w.author_name, w.author_relation)} " "
                                    <When at=w.written_at />
                                </p>
                                <AckLines acks=item.acks />
                                {item.may_ack.then(|| view! { <AckButton recipient=id kind="wish" object=w.id.clone() /> })}
                                <TalkLink recipient=id target count=item.comments unread=item.unread />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn write_form(id: RecipientId, add: ServerAction<AddWish>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("wishes-write")}</h2>
            <ActionForm action=add>
                <input type="hidden" name="recipient" value=id.to_string() />
                <div class="field">
                    <label for="wish-topic">{t("field-wish-topic")}</label>
                    <select id="wish-topic" name="topic" required>
                        {WishTopic::ALL
                            .into_iter()
                            .map(|topic| view! { <option value=topic.code()>{t(topic.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="wish-body">{t("field-wish-text")}</label>
                    <p class="hint">{t("wishes-hint")}</p>
                    <CountedText
                        id="wish-body".to_string()
                        name="body".to_string()
                        max=WISH_MAX
                        value=String::new()
                        rows=5
                        required=true
                        words=counter_words()
                    />
                </div>
                <button type="submit" class="primary">{t("wishes-save")}</button>
            </ActionForm>
        </section>
    }
}
