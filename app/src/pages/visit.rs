//! `/r/:id/visit`: 訪問の記録 — one screen a care worker or nurse fills in
//! during a visit. Big tap targets; the time is now; everything left empty
//! is simply not recorded. A refused save comes back with every value as
//! typed (the server keeps the draft for the page), JavaScript or not.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::visit::{visit_page, SaveVisit, VisitEntry};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::records::RecordNote;
use crate::domain::visit::VisitForm;
use crate::islands::counted_text::{counter_words, CountedText};

#[component]
pub fn VisitEntryPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveVisit>::new();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        visit_page,
    );
    view! {
        {move || save.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => visit_view(page, save).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A row of big radio buttons named `label`; `""` is 「記録しない」.
fn pills(
    name: &'static str,
    label: String,
    chosen: &str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let none = (String::new(), t("visit-none"));
    view! {
        <p class="field-label" id=format!("visit-{name}-label")>{label}</p>
        <div class="choices-row" role="radiogroup" aria-labelledby=format!("visit-{name}-label")>
            {std::iter::once(none)
                .chain(options)
                .map(|(value, label)| {
                    let id = format!("visit-{name}-{}", if value.is_empty() { "none" } else { &value });
                    let checked = value == chosen;
                    view! {
                        <label class="choice-pill" for=id.clone()>
                            <input type="radio" id=id.clone() name=format!("form[{name}]") value=value checked=checked />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
        </div>
    }
}

fn wari_options() -> Vec<(String, String)> {
    (0..=10)
        .rev()
        .map(|w| (w.to_string(), t_with("visit-wari", &[("n", w.to_string())])))
        .collect()
}

fn coded(options: &[(&str, &str)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(code, key)| ((*code).to_string(), t(key)))
        .collect()
}

/// A number box that brings up the phone's number keys.
fn number(
    id: &'static str,
    name: &'static str,
    label: String,
    unit: &'static str,
    value: String,
    decimal: bool,
) -> impl IntoView {
    view! {
        <div class="field field-number">
            <label for=id>{label}</label>
            <span class="with-unit">
                <input
                    id=id
                    name=format!("form[{name}]")
                    type="text"
                    inputmode=if decimal { "decimal" } else { "numeric" }
                    autocomplete="off"
                    value=value
                />
                <span class="unit">{unit}</span>
            </span>
        </div>
    }
}

fn visit_view(page: VisitEntry, save: ServerAction<SaveVisit>) -> impl IntoView {
    let id = page.recipient.id;
    let name = page.recipient.name.clone();
    let f: VisitForm = page.form;
    view! {
        <leptos_meta::Title text=t_with("visit-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("visit-heading")}</h1>
        <Done of=SaveVisit::PATH text=t("visit-saved") />
        <ActionForm action=save attr:class="visit-form">
            <input type="hidden" name="recipient" value=id.to_string() />
            <div class="field">
                <label for="visit-at">{t("field-recorded-at")}</label>
                <input id="visit-at" name="form[at]" type="datetime-local" value=f.at.clone() required />
            </div>

            <fieldset class="card visit-part" data-part="meal">
                <legend>{t("category-meal")}</legend>
                {pills("staple", t("field-staple-intake"), &f.staple, wari_options())}
                {pills("side", t("field-side-intake"), &f.side, wari_options())}
                {number("visit-fluid", "fluid", t("field-fluid-intake"), "ml", f.fluid.clone(), false)}
            </fieldset>

            <fieldset class="card visit-part" data-part="excretion">
                <legend>{t("category-excretion")}</legend>
                {pills("excretion", t("field-excretion"), &f.excretion, coded(&[
                    ("urine", "visit-excretion-urine"),
                    ("stool", "visit-excretion-stool"),
                    ("both", "visit-excretion-both"),
                ]))}
                {number("visit-excretion-count", "excretion_count", t("field-excretion-count"), "回", f.excretion_count.clone(), false)}
                <div class="field">
                    <label for="visit-excretion-character">{t("field-excretion-character")}</label>
                    <input id="visit-excretion-character" name="form[excretion_character]" type="text" maxlength="40" value=f.excretion_character.clone() />
                </div>
            </fieldset>

            <fieldset class="card visit-part" data-part="bathing">
                <legend>{t("field-bathing")}</legend>
                {pills("bath", t("field-bathing"), &f.bath, coded(&[
                    ("bath", "visit-bath-bath"),
                    ("shower", "visit-bath-shower"),
                    ("bed_bath", "visit-bath-bed-bath"),
                    ("partial", "visit-bath-partial"),
                ]))}
            </fieldset>

            <fieldset class="card visit-part" data-part="care">
                <legend>{t("visit-care")}</legend>
                <div class="choices-row">
                    <label class="choice-pill" for="visit-medication">
                        <input type="checkbox" id="visit-medication" name="form[medication]" value="on" checked=f.medication.is_some() />
                        {t("visit-medication")}
                    </label>
                    <label class="choice-pill" for="visit-oral-care">
                        <input type="checkbox" id="visit-oral-care" name="form[oral_care]" value="on" checked=f.oral_care.is_some() />
                        {t("visit-oral-care")}
                    </label>
                </div>
            </fieldset>

            <fieldset class="card visit-part" data-part="vitals">
                <legend>{t("visit-vitals")}</legend>
                <div class="number-grid">
                    {number("visit-temperature", "temperature", t("field-body-temperature"), "℃", f.temperature.clone(), true)}
                    {number("visit-systolic", "systolic", t("field-systolic"), "mmHg", f.systolic.clone(), false)}
                    {number("visit-diastolic", "diastolic", t("field-diastolic"), "mmHg", f.diastolic.clone(), false)}
                    {number("visit-pulse", "pulse", t("field-pulse"), "回/分", f.pulse.clone(), false)}
                    {number("visit-spo2", "spo2", t("field-spo2"), "%", f.spo2.clone(), false)}
                </div>
            </fieldset>

            <fieldset class="card visit-part" data-part="note">
                <legend>{t("category-observation")}</legend>
                <label for="visit-note">{t("visit-note")}</label>
                <CountedText
                    id="visit-note".to_string()
                    name="form[note]".to_string()
                    max=RecordNote::MAX
                    value=f.note.clone()
                    rows=4
                    required=false
                    words=counter_words()
                />
                <p class="field-label">{t("visit-note-class")}</p>
                <div class="choices-row">
                    <label class="choice-pill" for="visit-note-living">
                        <input type="radio" id="visit-note-living" name="form[note_class]" value="living" checked=f.note_class != "medical" />
                        {t("class-living")}
                    </label>
                    <label class="choice-pill" for="visit-note-medical">
                        <input type="radio" id="visit-note-medical" name="form[note_class]" value="medical" checked=f.note_class == "medical" />
                        {t("class-medical")}
                    </label>
                    <label class="choice-pill" for="visit-team-only">
                        <input type="checkbox" id="visit-team-only" name="form[team_only]" value="on" checked=f.team_only.is_some() />
                        {t("visit-team-only")}
                    </label>
                </div>
            </fieldset>

            <button type="submit" class="primary visit-save">{t("visit-save")}</button>
        </ActionForm>
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}
