//! `/sign-in`: one button; the phone's screen lock does the rest. The
//! passkey itself tells the server who this is — nothing to type.

use leptos::prelude::*;

use crate::components::t;

#[component]
pub fn SignInPage() -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sign_in = move |_| {
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            problem.set(None);
            leptos::task::spawn_local(async move {
                match super::passkey_flow::sign_in().await {
                    Ok(()) => super::passkey_flow::go_home(),
                    Err(message) => {
                        problem.set(Some(message));
                        busy.set(false);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (busy, problem);
    };
    view! {
        <leptos_meta::Title text=t("sign-in-title") />
        <h1>{t("sign-in-heading")}</h1>
        <p>{t("sign-in-explain")}</p>
        <button type="button" class="primary needs-hydration" on:click=sign_in disabled=busy>
            {t("sign-in-button")}
        </button>
        // Shown until the page comes alive; a page without JavaScript
        // keeps it and hides the button, which could not work there.
        <p class="notice needs-js">{t("passkey-needs-js")}</p>
        {move || {
            problem
                .get()
                .map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })
        }}
    }
}
