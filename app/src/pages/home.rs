//! `/`: choose whose records to read. 本人, and a family member with one
//! relative, go straight to that person's day (ホーム).

use leptos::prelude::*;

use crate::api::recipients::{list_recipients, RecipientSummary};
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::classes::Role;

#[component]
pub fn HomePage() -> impl IntoView {
    let recipients = Resource::new(|| (), |_| list_recipients());
    view! {
        <h1>{t("home-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match recipients.await {
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    Ok(home) if !home.role.is_staff() && home.recipients.len() == 1 => {
                        let id = home.recipients[0].id;
                        view! { <leptos_router::components::Redirect path=format!("/r/{id}") /> }.into_any()
                    }
                    Ok(home) => view! {
                        {staff_links(home.role)}
                        {home.recipients.is_empty().then(|| view! { <p class="empty">{t("home-empty")}</p> })}
                        {people(home.recipients)}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a care manager or an administrator starts from.
fn staff_links(role: Role) -> impl IntoView {
    view! {
        {(role == Role::CareManager).then(|| view! {
            <p class="staff-link"><a href="/recipients/new">{t("home-new-recipient")}</a></p>
        })}
        {(role == Role::ProviderAdmin).then(|| view! {
            <p class="staff-link"><a href="/admin">{t("home-admin")}</a></p>
        })}
    }
}

fn people(list: Vec<RecipientSummary>) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
                            <p>{t("home-choose")}</p>
                            <ul class="people">
                                {list.into_iter().map(|r| view! {
                                    <li>
                                        <a class="person-link" href=format!("/r/{}", r.id)>
                                            <span class="person-name">{r.name.clone()}</span>
                                            <span class="person-meta">
                                                {t_with("home-age", &[("age", r.age.to_string())])}
                                                " ・ "
                                                {t(r.care_level.label_key())}
                                            </span>
                                        </a>
                                    </li>
                                }).collect_view()}
                            </ul>
        }
    })
}
