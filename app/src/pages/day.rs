//! `/r/:id?day=YYYY-MM-DD`: one day of a recipient's records.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::day::{day_records, DayView};
use crate::components::record_card::RecordCard;
use crate::components::vitals_card::VitalsCard;
use crate::components::{t, t_with, ErrorNotice};

/// 2026年11月24日(火), as Japanese people write a date.
pub fn japanese_date(d: chrono::NaiveDate) -> String {
    const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize % 7];
    format!("{}年{}月{}日({wd})", d.year(), d.month(), d.day())
}

#[component]
pub fn DayPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("day"),
            )
        },
        |(id, day)| day_records(id, day),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <DayContent view /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DayContent(view: DayView) -> impl IntoView {
    let id = view.recipient.id;
    let date = japanese_date(view.day);
    let prev_href = format!("/r/{id}?day={}", view.prev);
    let next_href = view.next.map(|n| format!("/r/{id}?day={n}"));
    let empty = view.records.is_empty() && view.vitals.is_empty();
    let has_vitals = !view.vitals.is_empty();
    let has_records = !view.records.is_empty();
    view! {
        <leptos_meta::Title text=t_with("day-title", &[("name", view.recipient.name.clone()), ("date", date.clone())]) />
        <p class="recipient-name">{view.recipient.name.clone()}</p>
        <h1>{t_with("day-heading", &[("date", date)])}</h1>
        <nav class="recipient-links" aria-label=t("day-links")>
            <a href=format!("/r/{id}/records")>{t("day-records-link")}</a>
            <a href=format!("/r/{id}/plan")>{t("day-plan")}</a>
            <a href=format!("/r/{id}/body")>{t("day-body")}</a>
            <a href=format!("/r/{id}/medical")>{t("day-medical")}</a>
            {view.links.access_log.then(|| view! { <a href=format!("/r/{id}/who-looked")>{t("day-who-looked")}</a> })}
            {view.links.sharing.then(|| view! { <a href=format!("/r/{id}/sharing")>{t("day-sharing")}</a> })}
            {view.links.team.then(|| view! { <a href=format!("/r/{id}/team")>{t("day-team")}</a> })}
        </nav>
        <nav class="day-nav">
            <a href=prev_href rel="prev">{t("day-prev")}</a>
            {next_href.map(|h| view! { <a href=h rel="next">{t("day-next")}</a> })}
        </nav>
        <Show when=move || empty>
            <p class="empty">{t("day-empty")}</p>
        </Show>
        <Show when=move || has_vitals>
            <h2>{t("day-vitals")}</h2>
        </Show>
        <section class="cards">
            {view.vitals.into_iter().map(|item| view! { <VitalsCard item /> }).collect_view()}
        </section>
        <Show when=move || has_records>
            <h2>{t("day-records")}</h2>
        </Show>
        <section class="cards">
            {view.records.into_iter().map(|item| view! { <RecordCard item /> }).collect_view()}
        </section>
        <p class="back"><a href="/">{t("day-back")}</a></p>
    }
}
