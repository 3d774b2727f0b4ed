//! `/r/:id/body`: からだの数値 — a small line chart per measure, drawn on
//! the server as SVG (no chart script): the general reference as a band,
//! the person's usual range (the middle half of the values) as a second
//! band, and a table of the same numbers for screen readers and for anyone
//! who prefers numbers.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::day::japanese_date;
use crate::api::body::{body_numbers, BodyView};
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::chart::{usual_range, Frame, Measure, Point, Span, HEIGHT, LEFT, WIDTH};
use crate::domain::time::OccurredAt;

#[component]
pub fn BodyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("span"),
            )
        },
        |(id, span)| body_numbers(id, span),
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => body_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn body_view(view: BodyView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let span = view.span;
    let (from, to) = (view.from, view.to);
    view! {
        <leptos_meta::Title text=t_with("body-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("body-heading")}</h1>
        <nav class="kind-filter" aria-label=t("body-span")>
            {Span::ALL
                .into_iter()
                .map(|s| {
                    let current = (s == span).then_some("page");
                    view! {
                        <a href=format!("/r/{id}/body?span={}", s.code()) aria-current=current>
                            {t(s.label_key())}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <div class="cards">
            {view.charts.into_iter().map(|(m, points)| {
                let talk = format!("/r/{id}/talk/chart/{}", m.code());
                chart(m, points, from, to, false, Some(talk))
            }).collect_view()}
        </div>
        <p class="print-link"><a href=format!("/r/{id}/print")>{t("print-link")}</a></p>
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

fn value_text(m: Measure, p: &Point) -> String {
    let unit = t(m.unit_key());
    match (m, p.second) {
        (Measure::BloodPressure, Some(low)) => format!("{}/{} {unit}", p.value, low),
        (Measure::Temperature, _) | (Measure::Weight, _) => format!("{:.1} {unit}", p.value),
        _ => format!(
            "{}{}{unit}",
            p.value,
            if m == Measure::Spo2 { "" } else { " " }
        ),
    }
}

/// `nested`: under a section heading (the print-out), so the chart's own
/// heading is an h4 instead of an h2. `talk`: the address of the chart's
/// comments (none on paper).
pub(crate) fn chart(
    m: Measure,
    points: Vec<Point>,
    from: i64,
    to: i64,
    nested: bool,
    talk: Option<String>,
) -> impl IntoView {
    let title = t(m.label_key());
    let reference = m.reference();
    let usual = usual_range(&points);
    let frame = Frame::fit(from, to, &points, reference);
    let band = |(lo, hi): (f64, f64), class: &'static str| {
        let (y1, y2) = (frame.y(hi), frame.y(lo));
        view! {
            <rect class=class x=LEFT y=format!("{y1:.1}") width=WIDTH - LEFT - 4.0 height=format!("{:.1}", y2 - y1) />
        }
    };
    let main_line = frame.line(&points, |p| Some(p.value));
    let second_line = frame.line(&points, |p| p.second);
    let dots: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (frame.x(p.at), frame.y(p.value)))
        .collect();
    let axis = [frame.high, (frame.high + frame.low) / 2.0, frame.low];
    let summary = match points.last() {
        Some(last) => t_with(
            "body-summary",
            &[
                ("count", points.len().to_string()),
                ("last", value_text(m, last)),
            ],
        ),
        None => t("body-none"),
    };
    let legend = match (reference, usual) {
        (Some(_), Some(_)) => t("body-legend-both"),
        (Some(_), None) => t("body-legend-reference"),
        (None, Some(_)) => t("body-legend-usual"),
        (None, None) => String::new(),
    };
    let empty = points.is_empty();
    view! {
        <section class="card chart" data-measure=format!("{m:?}")>
            {if nested {
                view! { <h4>{title.clone()}</h4> }.into_any()
            } else {
                view! { <h2>{title.clone()}</h2> }.into_any()
            }}
            <p>{summary.clone()}</p>
            {(!empty).then(|| view! {
                <svg
                    class="chart-svg"
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    role="img"
                    aria-label=format!("{title}: {summary}")
                >
                    {reference.map(|r| band(r, "band-reference"))}
                    {usual.map(|u| band(u, "band-usual"))}
                    {axis
                        .into_iter()
                        .map(|v| view! {
                            <text class="axis" x="2" y=format!("{:.1}", frame.y(v) + 4.0)>{format!("{v:.0}")}</text>
                        })
                        .collect_view()}
                    <polyline class="line-main" points=main_line fill="none" />
                    {(!second_line.is_empty()).then(|| view! { <polyline class="line-second" points=second_line.clone() fill="none" /> })}
                    {dots
                        .into_iter()
                        .map(|(x, y)| view! { <circle class="dot" cx=format!("{x:.1}") cy=format!("{y:.1}") r="2.5" /> })
                        .collect_view()}
                </svg>
                <p class="hint">{legend.clone()}</p>
                <details class="chart-table">
                    <summary>{t("body-table")}</summary>
                    <table>
                        <caption>{title.clone()}</caption>
                        <thead>
                            <tr><th scope="col">{t("body-table-when")}</th><th scope="col">{t("body-table-value")}</th></tr>
                        </thead>
                        <tbody>
                            {points
                                .iter()
                                .rev()
                                .map(|p| {
                                    let at = OccurredAt::from_millis(p.at);
                                    view! {
                                        <tr>
                                            <td>{format!("{} {}", japanese_date(at.jst_date()), at.hhmm())}</td>
                                            <td>{value_text(m, p)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </details>
            })}
            {talk.map(|href| view! { <a class="talk-link" href=href>{t("talk-on-chart")}</a> })}
        </section>
    }
}
