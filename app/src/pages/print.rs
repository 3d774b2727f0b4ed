//! `/r/:id/print`: a paper for a doctor's visit. Choose a period (two
//! weeks unless chosen), then print: a heading with the person and the
//! period, the charts of the body numbers, and every record and
//! measurement of the period, oldest first, the plain words beside the
//! staff's own. On screen it reads like any page; on paper (A4) the
//! header, the form and the buttons drop away (style/main.css, @media print).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::print::{print_sheet, PrintView};
use crate::api::records::TimelineItem;
use crate::components::furigana::ruby_view;
use crate::components::record_card::summary_lines;
use crate::components::vitals_card::rows;
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::print_period::{PrintPeriod, MAX_DAYS};
use crate::domain::time::{japanese_date, jst_day_bounds};
use crate::islands::print_button::PrintButton;

#[component]
pub fn PrintPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(
        move || {
            let q = query.read();
            (id(), q.get("from"), q.get("to"))
        },
        |(id, from, to)| print_sheet(id, from, to),
    );
    // The form keeps what was typed, even when it was refused.
    let typed = move |key: &str| query.read().get(key).unwrap_or_default();
    view! {
        <h1 class="no-print">{t("print-heading")}</h1>
        <p class="no-print">{t_with("print-intro", &[("max", MAX_DAYS.to_string())])}</p>
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let period = view.period;
                        let from = typed("from");
                        let to = typed("to");
                        view! {
                            {choose(view.recipient.id.to_string(), Some(period), from, to)}
                            {sheet(view)}
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <ErrorNotice error=e />
                            {choose(id(), None, typed("from"), typed("to"))}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The period form: a plain GET form, so it works without JavaScript and
/// the chosen period stays in the address (dates only, no health data).
/// `period`: what was printed (None when the period was refused; the
/// form then shows what was typed).
fn choose(id: String, period: Option<PrintPeriod>, from: String, to: String) -> impl IntoView {
    let or = |typed: String, d: Option<chrono::NaiveDate>| match d {
        Some(d) if typed.is_empty() => d.to_string(),
        _ => typed,
    };
    view! {
        <form class="print-choose no-print" method="get" action=format!("/r/{id}/print")>
            <div class="field">
                <label for="print-from">{t("print-from")}</label>
                <input id="print-from" name="from" type="date" value=or(from, period.map(PrintPeriod::from)) />
            </div>
            <div class="field">
                <label for="print-to">{t("print-to")}</label>
                <input id="print-to" name="to" type="date" value=or(to, period.map(PrintPeriod::to)) />
            </div>
            <button type="submit" class="secondary">{t("print-make")}</button>
        </form>
    }
}

fn sheet(view: PrintView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let period = view.period;
    let (from_ms, to_ms) = period.bounds();
    // The last day's chart ends at its midnight, not at the print time.
    let to_ms = to_ms.min(jst_day_bounds(view.made_on).1);
    let empty = view.days.is_empty();
    let charts: Vec<_> = view
        .charts
        .into_iter()
        .filter(|(_, points)| !points.is_empty())
        .collect();
    view! {
        <leptos_meta::Title text=t_with("print-title", &[("name", name.clone())]) />
        <div class="print-actions no-print">
            <PrintButton>{t("print-button")}</PrintButton>
            <p class="hint">{t("print-how")}</p>
        </div>
        <article class="print-sheet">
            <header class="print-head">
                <h2>
                    {t_with(
                        "print-sheet-heading",
                        &[
                            ("name", name),
                            ("age", view.recipient.age.to_string()),
                            ("level", t(view.recipient.care_level.label_key())),
                        ],
                    )}
                </h2>
                <p class="print-period">
                    {t_with(
                        "print-sheet-period",
                        &[
                            ("from", japanese_date(period.from())),
                            ("to", japanese_date(period.to())),
                            ("days", period.days().to_string()),
                        ],
                    )}
                </p>
                <p class="print-made">
                    {t_with("print-sheet-made", &[("date", japanese_date(view.made_on))])}
                </p>
            </header>
            {(!charts.is_empty()).then(|| view! {
                <section class="print-body">
                    <h3>{t("print-body")}</h3>
                    <div class="print-charts">
                        {charts
                            .into_iter()
                            .map(|(m, points)| super::body::chart(m, points, from_ms, to_ms, true, None))
                            .collect_view()}
                    </div>
                </section>
            })}
            <section class="print-records">
                <h3>{t("print-records")}</h3>
                <Show when=move || empty>
                    <p class="empty">{t("print-empty")}</p>
                </Show>
                {view.days.into_iter().map(|d| view! {
                    <section class="print-day">
                        <h4>{japanese_date(d.day)}</h4>
                        <table class="print-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t("print-col-time")}</th>
                                    <th scope="col">{t("print-col-what")}</th>
                                    <th scope="col">{t("print-col-content")}</th>
                                </tr>
                            </thead>
                            <tbody>{d.items.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </section>
                }).collect_view()}
            </section>
        </article>
        <p class="back no-print"><a href=format!("/r/{id}/records")>{t("print-back")}</a></p>
    }
}

fn row(item: TimelineItem) -> AnyView {
    match item {
        TimelineItem::Record(item) => {
            let record = item.record;
            let category = record.body.category();
            let lines = summary_lines(&record.body).join("、");
            let has_note = !record.note.is_empty();
            let by = t_with(
                "day-written-by",
                &[
                    ("name", record.author_name.clone()),
                    ("provider", record.provider_name.clone()),
                ],
            );
            view! {
                <tr data-category=category.code()>
                    <td class="print-time">{record.occurred_at.hhmm()}</td>
                    <td class="print-kind">{t(category.label_key())}</td>
                    <td>
                        {(!lines.is_empty()).then(|| view! { <p>{lines}</p> })}
                        {has_note.then(|| view! {
                            <p class="plain-text">{ruby_view(item.plain.segments())}</p>
                            <p class="print-original">
                                <span class="print-original-label">{t("day-original")}</span>
                                " " {record.note.clone()} " (" {by} ")"
                            </p>
                        })}
                    </td>
                </tr>
            }
            .into_any()
        }
        TimelineItem::Vitals(item) => {
            let values = rows(&item.reading)
                .into_iter()
                .map(|(label, value)| format!("{label} {value}"))
                .collect::<Vec<_>>()
                .join("、");
            view! {
                <tr data-category="vitals">
                    <td class="print-time">{item.reading.measured_at.hhmm()}</td>
                    <td class="print-kind">{t("day-vitals")}</td>
                    <td>
                        <p class="print-values">{values}</p>
                        {item.words.into_iter().map(|w| view! { <p>{ruby_view(w.segments())}</p> }).collect_view()}
                    </td>
                </tr>
            }
            .into_any()
        }
    }
}
