//! `/r/:id/records`: きろく — every record and measurement, newest first,
//! grouped by day; one kind at a time (食事・排泄・入浴・睡眠・からだの数値・
//! 様子); 「もっと見る」 goes further back (a plain link: it works without
//! JavaScript).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::day::japanese_date;
use crate::api::records::{timeline, Kind, TimelineItem, TimelineView};
use crate::components::record_card::RecordCard;
use crate::components::vitals_card::VitalsCard;
use crate::components::{t, t_with, ErrorNotice};
use crate::islands::more_on_scroll::MoreOnScroll;

#[component]
pub fn RecordsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("kind"),
                q.get("before"),
            )
        },
        |(id, kind, before)| timeline(id, kind, before),
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => timeline_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn timeline_view(view: TimelineView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let kind = view.kind;
    let href = move |k: Option<Kind>| match k {
        Some(k) => format!("/r/{id}/records?kind={}", k.code()),
        None => format!("/r/{id}/records"),
    };
    let filter_link = move |k: Option<Kind>, label: String| {
        let current = (k == kind).then_some("page");
        view! { <a href=href(k) aria-current=current>{label}</a> }
    };
    let empty = view.days.is_empty();
    let more = view.next.map(|n| {
        let kind_part = kind
            .map(|k| format!("kind={}&", k.code()))
            .unwrap_or_default();
        format!("/r/{id}/records?{kind_part}before={n}")
    });
    view! {
        <leptos_meta::Title text=t_with("records-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("records-heading")}</h1>
        <nav class="kind-filter" aria-label=t("records-filter")>
            {filter_link(None, t("records-kind-all"))}
            {Kind::ALL.into_iter().map(|k| filter_link(Some(k), t(k.label_key()))).collect_view()}
        </nav>
        <Show when=move || empty>
            <p class="empty">{t("records-empty")}</p>
        </Show>
        {view
            .days
            .into_iter()
            .map(|d| {
                view! {
                    <section class="timeline-day">
                        <h2>{japanese_date(d.day)}</h2>
                        <div class="cards">
                            {d
                                .items
                                .into_iter()
                                .map(|item| match item {
                                    TimelineItem::Record(item) => view! { <RecordCard item /> },
                                    TimelineItem::Vitals(item) => view! { <VitalsCard item /> },
                                })
                                .collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()}
        {more.map(|h| view! {
            <MoreOnScroll>
                <a class="button secondary" href=h rel="next">{t("records-more")}</a>
            </MoreOnScroll>
        })}
        <p class="print-link"><a href=format!("/r/{id}/print")>{t("print-link")}</a></p>
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}
