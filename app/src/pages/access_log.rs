//! `/r/:id/who-looked`: who read or changed the person's information, and
//! when — newest first, grouped by day, in plain words.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::day::japanese_date;
use crate::api::access_log::{access_log, AccessLine, AccessLogView, Did, What, Who};
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::time::OccurredAt;

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("older"),
            )
        },
        |(id, older)| access_log(id, older),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => access_log_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn access_log_view(view: AccessLogView) -> impl IntoView {
    let name = view.recipient.name.clone();
    let id = view.recipient.id;
    let empty = view.lines.is_empty();
    // Consecutive lines of one Japan-time day under one heading.
    let mut days: Vec<(chrono::NaiveDate, Vec<AccessLine>)> = Vec::new();
    for line in view.lines {
        let day = OccurredAt::from_millis(line.at).jst_date();
        match days.last_mut() {
            Some((d, lines)) if *d == day => lines.push(line),
            _ => days.push((day, vec![line])),
        }
    }
    view! {
        <leptos_meta::Title text=t_with("access-log-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("access-log-heading")}</h1>
        <p>{t("access-log-intro")}</p>
        <Show when=move || empty>
            <p class="empty">{t("access-log-empty")}</p>
        </Show>
        {days
            .into_iter()
            .map(|(day, lines)| {
                view! {
                    <section class="card access-day">
                        <h2>{japanese_date(day)}</h2>
                        <ul class="access-lines">
                            {lines.into_iter().map(line_view).collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
        {view
            .older
            .map(|o| {
                view! {
                    <p class="more">
                        <a href=format!("/r/{id}/who-looked?older={o}")>{t("access-log-older")}</a>
                    </p>
                }
            })}
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

fn line_view(line: AccessLine) -> impl IntoView {
    let at = OccurredAt::from_millis(line.at);
    let who = match line.who {
        Who::You => t("access-log-you"),
        Who::Person { name, role } => match role {
            Some(role) => t_with(
                "access-log-person",
                &[("name", name), ("role", t(role.label_key()))],
            ),
            None => t_with("access-log-person-no-role", &[("name", name)]),
        },
        Who::Server => t("access-log-server"),
    };
    let link_sentence = match &line.what {
        What::SignInLink { whose, checked } => {
            let whose = match whose {
                Some(name) => t_with("access-log-whose", &[("name", name.clone())]),
                None => t("access-log-whose-you"),
            };
            let key = if *checked {
                "access-log-link-checked"
            } else {
                "access-log-link-made"
            };
            Some(t_with(key, &[("who", who.clone()), ("whose", whose)]))
        }
        What::SignInLinkUsed { made_by } => Some(t_with(
            "access-log-link-used",
            &[("who", who.clone()), ("name", made_by.clone())],
        )),
        _ => None,
    };
    let what = match line.what {
        What::Day(d) => t_with("access-log-what-day", &[("date", japanese_date(d))]),
        What::CarePlan => t("access-log-what-plan"),
        What::Timeline => t("access-log-what-timeline"),
        What::BodyNumbers => t("access-log-what-body"),
        What::Medical => t("access-log-what-medical"),
        What::Print(from, to) => t_with(
            "access-log-what-print",
            &[("from", japanese_date(from)), ("to", japanese_date(to))],
        ),
        What::AccessLog => t("access-log-what-log"),
        What::Sharing => t("access-log-what-sharing"),
        What::OwnSharing => t("access-log-what-own-sharing"),
        What::Team => t("access-log-what-team"),
        What::Wishes => t("access-log-what-wishes"),
        What::Acp => t("access-log-what-acp"),
        What::Comments => t("access-log-what-comments"),
        What::SignInLink { .. } | What::SignInLinkUsed { .. } | What::Other => {
            t("access-log-what-other")
        }
    };
    let key = match line.did {
        Did::Read => "access-log-read",
        Did::Wrote => "access-log-wrote",
        Did::Changed => "access-log-changed",
        Did::Deleted => "access-log-deleted",
    };
    let sentence = link_sentence.unwrap_or_else(|| t_with(key, &[("who", who), ("what", what)]));
    let classes = (!line.classes.is_empty()).then(|| {
        let names: Vec<String> = line.classes.iter().map(|c| t(c.label_key())).collect();
        t_with("access-log-classes", &[("classes", names.join("・"))])
    });
    view! {
        <li class="access-line">
            <time datetime=at.to_jst().to_rfc3339()>{at.hhmm()}</time>
            <span>{sentence}</span>
            {classes.map(|c| view! { <span class="access-classes">{c}</span> })}
        </li>
    }
}
