//! `/account`: the signed-in person's passkeys (name, when registered,
//! when last used) and where they are signed in. A passkey can be added on
//! this device or removed — never the last one — and a session elsewhere
//! ended.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::day::japanese_date;
use crate::api::account::{account, AccountView, EndSession, RemovePasskey, SaveEmail};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::islands::passkey::{words_for, Ceremony, PasskeyButton};

#[component]
pub fn AccountPage() -> impl IntoView {
    let remove = ServerAction::<RemovePasskey>::new();
    let end = ServerAction::<EndSession>::new();
    let email = ServerAction::<SaveEmail>::new();
    // Removing and ending are plain form posts: the page comes back
    // with the new list.
    let data = Resource::new(|| (), |_| account());
    view! {
        <leptos_meta::Title text=t("account-title") />
        <h1>{t("account-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => {
                        let address = view.email.clone();
                        view! {
                            {account_view(view, remove, end)}
                            {email_form(address, email)}
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || email.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        {move || {
            remove
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <NotSavedNotice error=e /> })
        }}
    }
}

fn account_view(
    view: AccountView,
    remove: ServerAction<RemovePasskey>,
    end: ServerAction<EndSession>,
) -> impl IntoView {
    let links = (!view.links_made.is_empty()).then(|| links_made(view.links_made.clone()));
    view! {
        {links}
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
            <PasskeyButton ceremony=Ceremony::Add words=words_for(&Ceremony::Add) />
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

/// 「お知らせのメール」: only that something is new, never what.
/// Lost-phone links somebody made for this person: first on the page, so a
/// link they did not ask for is seen at the next sign-in.
fn links_made(links: Vec<crate::api::account::LinkMade>) -> impl IntoView {
    view! {
        <section class="card links-made" role="status">
            <h2>{t("account-links")}</h2>
            <ul>
                {links
                    .into_iter()
                    .map(|l| {
                        let made = t_with(
                            "account-link-made",
                            &[("name", l.made_by), ("date", japanese_date(l.made_on))],
                        );
                        let state = if l.used { t("account-link-used") } else { t("account-link-not-used") };
                        view! { <li><span>{made}</span> " " <span class="hint">{state}</span></li> }
                    })
                    .collect_view()}
            </ul>
            <p>{t("account-links-explain")}</p>
        </section>
    }
}

fn email_form(address: String, email: ServerAction<SaveEmail>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("account-email")}</h2>
            <p>{t("account-email-explain")}</p>
            <Done of=SaveEmail::PATH text=t("account-email-saved") />
            <ActionForm action=email>
                <div class="field">
                    <label for="account-email">{t("field-email")}</label>
                    <input id="account-email" name="email" type="email" maxlength="254" autocomplete="email" value=address />
                </div>
                <button type="submit" class="secondary">{t("account-email-save")}</button>
            </ActionForm>
        </section>
    }
}
