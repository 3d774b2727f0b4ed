use leptos::prelude::*;

use crate::components::t;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{t("error-page-title")}</h1>
        <p>{t("error-not-found")}</p>
        <p><a href="/">{t("day-back")}</a></p>
    }
}
