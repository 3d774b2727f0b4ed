//! `/account`: the signed-in person's passkeys (name, when registered,
//! when last used) and where they are signed in. A passkey can be added on
//! this device or removed — never the last one — and a session elsewhere
//! ended.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::day::japanese_date;
use crate::api::account::{account, AccountView, EndSession, RemovePasskey};
use crate::components::device_name::DeviceNameField;
use crate::components::{t, t_with, ErrorNotice};

#[component]
pub fn AccountPage() -> impl IntoView {
    let remove = ServerAction::<RemovePasskey>::new();
    let end = ServerAction::<EndSession>::new();
    let added = RwSignal::new(0u32);
    let data = Resource::new(
        move || (remove.version().get(), end.version().get(), added.get()),
        |_| account(),
    );
    view! {
        <leptos_meta::Title text=t("account-title") />
        <h1>{t("account-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => account_view(view, remove, end, added).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || {
            remove
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <ErrorNotice error=e /> })
        }}
    }
}

fn account_view(
    view: AccountView,
    remove: ServerAction<RemovePasskey>,
    end: ServerAction<EndSession>,
    added: RwSignal<u32>,
) -> impl IntoView {
    let device = RwSignal::new(t("account-new-device-default"));
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let add = move |_| {
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            problem.set(None);
            leptos::task::spawn_local(async move {
                match super::passkey_flow::add(device.get_untracked()).await {
                    Ok(()) => added.update(|n| *n += 1),
                    Err(message) => problem.set(Some(message)),
                }
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (busy, problem, added);
    };
    view! {
        <section class="card">
            <h2>{t("account-passkeys")}</h2>
            <ul class="passkeys">
                {view
                    .passkeys
                    .into_iter()
                    .map(|k| {
                        let made = t_with("account-passkey-made", &[("date", japanese_date(k.created_on))]);
                        let used = match k.last_used_on {
                            Some(d) => t_with("account-passkey-used", &[("date", japanese_date(d))]),
                            None => t("account-passkey-never-used"),
                        };
                        view! {
                            <li class="passkey">
                                <strong class="passkey-name">{k.name}</strong>
                                <span>{made}</span>
                                <span>{used}</span>
                                <ActionForm action=remove>
                                    <input type="hidden" name="id" value=k.id />
                                    <button type="submit" class="link-button">{t("account-passkey-remove")}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <DeviceNameField device />
            <button type="button" class="primary needs-hydration" on:click=add disabled=busy>
                {t("account-passkey-add")}
            </button>
            <p class="notice needs-js">{t("passkey-needs-js")}</p>
            {move || problem.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        </section>
        <section class="card">
            <h2>{t("account-sessions")}</h2>
            <ul class="sessions">
                {view
                    .sessions
                    .into_iter()
                    .map(|s| {
                        let seen = t_with("account-session-seen", &[("date", japanese_date(s.last_seen_on))]);
                        view! {
                            <li class="session">
                                <strong>{s.device}</strong>
                                <span>{seen}</span>
                                <ActionForm action=end>
                                    <input type="hidden" name="label" value=s.label />
                                    <button type="submit" class="link-button">{t("account-session-end")}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
