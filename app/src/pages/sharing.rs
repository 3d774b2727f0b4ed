//! `/r/:id/sharing`: 本人 (or the legal representative) chooses, for each
//! family member, whether they see 医療 and 人生会議; below, every change
//! ever made.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::sharing::{sharing, FamilyChoice, SetSharing, SharingView, DECIDED};
use crate::components::{t, t_with, ErrorNotice, NotSavedNotice};
use crate::domain::classes::InfoClass;
use crate::domain::ids::RecipientId;
use crate::domain::time::OccurredAt;

#[component]
pub fn SharingPage() -> impl IntoView {
    let params = use_params_map();
    let set = ServerAction::<SetSharing>::new();
    // A plain form post: the page comes back with the new choice and its
    // line in the history, or with the refusal read from the address.
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), sharing);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => sharing_view(view, set).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || set.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
    }
}

fn sharing_view(view: SharingView, set: ServerAction<SetSharing>) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let no_family = view.family.is_empty();
    let no_history = view.history.is_empty();
    view! {
        <leptos_meta::Title text=t_with("sharing-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("sharing-heading")}</h1>
        <p>{t("sharing-intro")}</p>
        <Show when=move || no_family>
            <p class="empty">{t("sharing-no-family")}</p>
        </Show>
        {view
            .family
            .into_iter()
            .map(|f| family_card(id, f, set))
            .collect_view()}
        <section class="card">
            <h2>{t("sharing-history")}</h2>
            <Show when=move || no_history>
                <p class="empty">{t("sharing-history-empty")}</p>
            </Show>
            <ul class="sharing-history">
                {view
                    .history
                    .into_iter()
                    .map(|e| {
                        let at = OccurredAt::from_millis(e.at);
                        let key = if e.granted { "sharing-event-granted" } else { "sharing-event-revoked" };
                        let text = t_with(
                            key,
                            &[
                                ("by", e.by_name),
                                ("family", e.family_name),
                                ("class", t(e.class.label_key())),
                            ],
                        );
                        view! {
                            <li>
                                <time datetime=at.to_jst().to_rfc3339()>
                                    {format!("{} {}", japanese_date(at.jst_date()), at.hhmm())}
                                </time>
                                " "
                                {text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <p class="back"><a href=format!("/r/{}", view.recipient.id)>{t("back-to-day")}</a></p>
    }
}

fn family_card(
    recipient: RecipientId,
    f: FamilyChoice,
    set: ServerAction<SetSharing>,
) -> impl IntoView {
    let person = f.person;
    let who = if f.relation.is_empty() {
        t_with("sharing-family-name", &[("name", f.name.clone())])
    } else {
        t_with(
            "sharing-family-name-relation",
            &[("name", f.name.clone()), ("relation", f.relation.clone())],
        )
    };
    view! {
        <section class="card family-choice">
            <h2>{who}</h2>
            {f.representative.then(|| view! { <p class="badge">{t("sharing-representative")}</p> })}
            {f.is_you.then(|| view! { <p class="hint">{t("sharing-own-note")}</p> })}
            <p>{t("sharing-always")}</p>
            <ul class="choices">
                {DECIDED
                    .iter()
                    .map(|class| {
                        let on = match class {
                            InfoClass::Medical => f.medical,
                            _ => f.acp,
                        };
                        let state = if on { t("sharing-state-on") } else { t("sharing-state-off") };
                        let key = if on { "sharing-turn-off" } else { "sharing-turn-on" };
                        let button = t_with(key, &[("class", t(class.label_key()))]);
                        view! {
                            <li class="choice" data-class=class.code()>
                                <span class="choice-name">{t(class.label_key())}</span>
                                <span class="choice-state">{state}</span>
                                <ActionForm action=set>
                                    <input type="hidden" name="recipient" value=recipient.to_string() />
                                    <input type="hidden" name="person" value=person.to_string() />
                                    <input type="hidden" name="class" value=class.code() />
                                    <input type="hidden" name="allow" value=if on { "no" } else { "yes" } />
                                    <button type="submit" class="secondary">{button}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
