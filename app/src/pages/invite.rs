//! `/invite/:token`: an invited person registers a passkey on their own
//! phone. The page greets them by name; the button asks the phone for its
//! screen lock (Face ID, fingerprint or PIN) — no password anywhere.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{invitation, InvitationView};
use crate::components::device_name::DeviceNameField;
use crate::components::{t, t_with, ErrorNotice};

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, invitation);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <InviteContent view token=token() /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InviteContent(view: InvitationView, token: String) -> impl IntoView {
    let device = RwSignal::new(t("invite-device-default"));
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let register = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let token = token.clone();
            busy.set(true);
            problem.set(None);
            leptos::task::spawn_local(async move {
                match super::passkey_flow::register(token, device.get_untracked()).await {
                    Ok(()) => super::passkey_flow::go_home(),
                    Err(message) => {
                        problem.set(Some(message));
                        busy.set(false);
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&token, busy, problem);
    };
    let role = t(view.role.label_key());
    view! {
        <leptos_meta::Title text=t("invite-title") />
        <h1>{t_with("invite-heading", &[("name", view.name.clone())])}</h1>
        <p class="lead">{t_with("invite-role", &[("role", role)])}</p>
        <p>{t("invite-explain")}</p>
        <DeviceNameField device />
        <button type="button" class="primary needs-hydration" on:click=register disabled=busy>
            {t("invite-register")}
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
