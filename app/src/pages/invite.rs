//! `/invite/:token`: an invited person registers a passkey on their own
//! phone. The page greets them by name; the button asks the phone for its
//! screen lock (Face ID, fingerprint or PIN) — no password anywhere.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{invitation, InvitationView};
use crate::components::{t, t_with, ErrorNotice};
use crate::islands::passkey::{words_for, Ceremony, PasskeyButton};

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
    let role = t(view.role.label_key());
    let ceremony = Ceremony::Register { token };
    let words = words_for(&ceremony);
    view! {
        <leptos_meta::Title text=t("invite-title") />
        <h1>{t_with("invite-heading", &[("name", view.name.clone())])}</h1>
        <p class="lead">{t_with("invite-role", &[("role", role)])}</p>
        <p>{t("invite-explain")}</p>
        <PasskeyButton ceremony words />
    }
}
