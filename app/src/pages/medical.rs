//! `/r/:id/medical`: 医療のこと — the key medical facts in plain words,
//! grouped by kind, each with the professional's wording one tap away.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::medical::{medical, AddMedicalItem, MedicalCard, MedicalView};
use crate::components::furigana::{ruby_view, terms_view};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::medical::{DysphagiaCode, MedicalDetail, MedicalKind, MedicalTitle};
use crate::islands::counted_text::{counter_words, CountedText};

#[component]
pub fn MedicalPage() -> impl IntoView {
    let params = use_params_map();
    let add = ServerAction::<AddMedicalItem>::new();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), medical);
    view! {
        {move || add.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => medical_view(view, add).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn medical_view(view: MedicalView, add: ServerAction<AddMedicalItem>) -> impl IntoView {
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
        <Done of=AddMedicalItem::PATH text=t("medical-saved") />
        <div class="cards">{view.items.into_iter().map(card).collect_view()}</div>
        {view.may_write.then(|| write_form(id, add))}
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

/// For nurses, doctors and the care manager: one item, in their words.
fn write_form(
    id: crate::domain::ids::RecipientId,
    add: ServerAction<AddMedicalItem>,
) -> impl IntoView {
    view! {
        <section class="card medical-write">
            <h2>{t("medical-write")}</h2>
            <ActionForm action=add>
                <input type="hidden" name="recipient" value=id.to_string() />
                <div class="field">
                    <label for="medical-kind">{t("field-medical-kind")}</label>
                    <select id="medical-kind" name="form[kind]" required>
                        {MedicalKind::ALL
                            .iter()
                            .map(|k| view! { <option value=k.code()>{t(k.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="medical-title">{t("field-medical-title")}</label>
                    <input id="medical-title" name="form[title]" type="text" required maxlength=MedicalTitle::MAX />
                </div>
                <div class="field">
                    <label for="medical-detail">{t("field-medical-detail")}</label>
                    <CountedText
                        id="medical-detail".to_string()
                        name="form[detail]".to_string()
                        max=MedicalDetail::MAX
                        value=String::new()
                        rows=4
                        required=false
                        words=counter_words()
                    />
                </div>
                <div class="field">
                    <label for="medical-code">{t("field-dysphagia-code")}</label>
                    <select id="medical-code" name="form[dysphagia_code]">
                        <option value="">{t("medical-no-code")}</option>
                        {DysphagiaCode::ALL
                            .iter()
                            .map(|c| view! { <option value=c.code()>{format!("コード{}", c.code())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t("field-info-class")}</legend>
                    <div class="choices-row">
                        <label class="choice-pill" for="medical-class-medical">
                            <input type="radio" id="medical-class-medical" name="form[class]" value="medical" checked=true />
                            {t("class-medical")}
                        </label>
                        <label class="choice-pill" for="medical-class-living">
                            <input type="radio" id="medical-class-living" name="form[class]" value="living" />
                            {t("class-living")}
                        </label>
                        <label class="choice-pill" for="medical-team-only">
                            <input type="checkbox" id="medical-team-only" name="form[team_only]" value="on" />
                            {t("visit-team-only")}
                        </label>
                    </div>
                </fieldset>
                <button type="submit" class="primary">{t("medical-save")}</button>
            </ActionForm>
        </section>
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
