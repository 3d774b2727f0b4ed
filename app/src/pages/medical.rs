//! `/r/:id/medical`: 医療のこと — the key medical facts in plain words,
//! grouped by kind, each with the professional's wording one tap away.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::medical::{medical, MedicalCard, MedicalView};
use crate::components::furigana::{ruby_view, terms_view};
use crate::components::{t, t_with, ErrorNotice};

#[component]
pub fn MedicalPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), medical);
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => medical_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn medical_view(view: MedicalView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let empty = view.items.is_empty();
    view! {
        <leptos_meta::Title text=t_with("medical-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("medical-heading")}</h1>
        <Show when=move || empty>
            <p class="empty">{t("medical-empty")}</p>
        </Show>
        <div class="cards">{view.items.into_iter().map(card).collect_view()}</div>
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

fn card(c: MedicalCard) -> impl IntoView {
    let mut terms = c.title.terms.clone();
    for term in &c.detail.terms {
        if !terms.iter().any(|t| t.term == term.term) {
            terms.push(term.clone());
        }
    }
    let has_detail = !c.original_detail.is_empty();
    let written_by = t_with(
        "medical-written-by",
        &[
            ("name", c.author_name.clone()),
            ("date", japanese_date(c.recorded_on)),
        ],
    );
    view! {
        <article class="card medical" data-kind=c.kind.code()>
            <header class="card-head">
                <span class="badge">{t(c.kind.label_key())}</span>
            </header>
            <h2 class="medical-title">{ruby_view(c.title.segments())}</h2>
            {c.dysphagia_code.map(|code| view! {
                <p class="medical-code">{t_with("medical-dysphagia-code", &[("code", code)])}</p>
            })}
            {has_detail.then(|| view! { <p class="plain-text">{ruby_view(c.detail.segments())}</p> })}
            {terms_view(terms)}
            <details class="original">
                <summary>{t("day-original")}</summary>
                <p class="original-text" lang="ja">{c.original_title}</p>
                {has_detail.then(|| view! { <p class="original-text" lang="ja">{c.original_detail.clone()}</p> })}
                <p class="original-meta">{written_by}</p>
            </details>
        </article>
    }
}
