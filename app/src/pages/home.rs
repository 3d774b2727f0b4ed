//! `/`: choose whose records to read.

use leptos::prelude::*;

use crate::api::recipients::list_recipients;
use crate::components::{t, t_with, ErrorNotice};

#[component]
pub fn HomePage() -> impl IntoView {
    let recipients = Resource::new(|| (), |_| list_recipients());
    view! {
        <h1>{t("home-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match recipients.await {
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t("home-empty")}</p> }.into_any(),
                    Ok(list) => view! {
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
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
