//! `/r/:id?day=YYYY-MM-DD`: one day of a recipient's records.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::day::{day_records, DayRecord, DayView, DayVitals, SinceLastLook};
use crate::components::furigana::ruby_view;
use crate::components::record_card::RecordCard;
use crate::components::vitals_card::VitalsCard;
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::records::{BathKind, RecordCategory};
use crate::domain::summary::{latest, DaySummary};

pub use crate::domain::time::japanese_date;

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
        {view.since_last_look.map(|s| since_view(id, s))}
        {(view.unread_comments > 0).then(|| view! {
            <p class="notice unread-notice" role="status">
                <a href=format!("/r/{id}/talk")>{t_with("day-unread-comments", &[("count", view.unread_comments.to_string())])}</a>
            </p>
        })}
        {view.new_plan.then(|| view! {
            <p class="notice new-plan" role="status">
                {t("day-new-plan")} " " <a href=format!("/r/{id}/plan")>{t("day-new-plan-open")}</a>
            </p>
        })}
        {view.acp_due.then(|| view! {
            <p class="notice acp-reminder" role="status">
                {t("day-acp-due")} " " <a href=format!("/r/{id}/acp")>{t("day-acp-open")}</a>
            </p>
        })}
        {view.links.visit.then(|| view! {
            <p class="visit-link"><a class="button primary" href=format!("/r/{id}/visit")>{t("visit-link")}</a></p>
        })}
        {summary_view(view.next.is_none(), &view.summary, &view.records, view.vitals.last())}
        <nav class="recipient-links" aria-label=t("day-links")>
            <a href=format!("/r/{id}/records")>{t("day-records-link")}</a>
            <a href=format!("/r/{id}/plan")>{t("day-plan")}</a>
            <a href=format!("/r/{id}/body")>{t("day-body")}</a>
            <a href=format!("/r/{id}/medical")>{t("day-medical")}</a>
            <a href=format!("/r/{id}/wishes")>{t("day-wishes")}</a>
            {view.links.acp.then(|| view! { <a href=format!("/r/{id}/acp")>{t("day-acp")}</a> })}
            <a href=format!("/r/{id}/talk")>{t("day-talk")}</a>
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

/// 「前に見たとき(11月24日 18:05)から、新しいきろくが3つあります。」
fn since_view(id: crate::domain::ids::RecipientId, s: SinceLastLook) -> impl IntoView {
    let when = format!(
        "{}月{}日 {}",
        chrono::Datelike::month(&s.at.jst_date()),
        chrono::Datelike::day(&s.at.jst_date()),
        s.at.hhmm()
    );
    let text = if s.new_records == 0 {
        t_with("summary-since-none", &[("when", when)])
    } else {
        t_with(
            "summary-since",
            &[("when", when), ("count", s.new_records.to_string())],
        )
    };
    view! {
        <p class="notice since-last-look" role="status">
            {text} " "
            {(s.new_records > 0).then(|| view! { <a href=format!("/r/{id}/records")>{t("summary-since-link")}</a> })}
        </p>
    }
}

/// The day at a glance: one row per kind of care, in words.
fn summary_view(
    today: bool,
    s: &DaySummary,
    records: &[DayRecord],
    vitals: Option<&DayVitals>,
) -> Option<impl IntoView> {
    let words_of = |c: RecordCategory| {
        latest(records, |r| &r.record, c).map(|i| ruby_view(records[i].plain.segments()))
    };
    let mut rows: Vec<(String, AnyView)> = Vec::new();
    if s.meals > 0 {
        let mut parts = vec![t_with("summary-meals", &[("count", s.meals.to_string())])];
        parts.extend(
            s.staple_wari
                .map(|w| t_with("meal-staple", &[("wari", w.to_string())])),
        );
        parts.extend(
            s.side_wari
                .map(|w| t_with("meal-side", &[("wari", w.to_string())])),
        );
        rows.push((t("category-meal"), parts.join("、").into_any()));
    }
    if let Some(ml) = s.fluid_ml {
        rows.push((
            t("summary-fluid"),
            t_with("summary-fluid-total", &[("ml", ml.to_string())]).into_any(),
        ));
    }
    if s.urine + s.stool > 0 {
        let mut parts = vec![];
        if s.urine > 0 {
            parts.push(format!(
                "{} {}",
                t("excretion-urine"),
                t_with("excretion-count", &[("count", s.urine.to_string())])
            ));
        }
        if s.stool > 0 {
            parts.push(format!(
                "{} {}",
                t("excretion-stool"),
                t_with("excretion-count", &[("count", s.stool.to_string())])
            ));
        }
        rows.push((t("category-excretion"), parts.join("、").into_any()));
    }
    if let Some(kind) = s.bath {
        let key = match kind {
            BathKind::Bath => "bath-bath",
            BathKind::Shower => "bath-shower",
            BathKind::BedBath => "bath-bed-bath",
            BathKind::Partial => "bath-partial",
        };
        rows.push((t("category-bathing"), t(key).into_any()));
    }
    if s.medication > 0 {
        rows.push((
            t("category-medication"),
            t_with("summary-medication", &[("count", s.medication.to_string())]).into_any(),
        ));
    }
    if s.oral_care > 0 {
        rows.push((
            t("category-oral-care"),
            t_with("summary-oral-care", &[("count", s.oral_care.to_string())]).into_any(),
        ));
    }
    if let Some(words) = words_of(RecordCategory::Sleep) {
        rows.push((t("category-sleep"), words.into_any()));
    }
    if let Some(words) = words_of(RecordCategory::Observation) {
        rows.push((t("category-observation"), words.into_any()));
    }
    if let Some(v) = vitals.filter(|v| !v.words.is_empty()) {
        let words = v
            .words
            .iter()
            .map(|w| view! { <span class="summary-vital">{ruby_view(w.segments())}</span> })
            .collect_view();
        rows.push((t("day-vitals"), words.into_any()));
    }
    (!rows.is_empty()).then(|| {
        view! {
            <section class="card day-summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{if today { t("summary-today") } else { t("summary-day") }}</h2>
                <dl class="summary-rows">
                    {rows
                        .into_iter()
                        .map(|(k, v)| view! { <div class="summary-row"><dt>{k}</dt><dd>{v}</dd></div> })
                        .collect_view()}
                </dl>
            </section>
        }
    })
}
