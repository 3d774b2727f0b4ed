//! The passkey button: registering a passkey from an invitation, signing
//! in, or adding one more device. The three ceremonies run in the browser —
//! ask the server, ask the phone for its screen lock, answer the server —
//! so this is an island; everything around it is rendered on the server.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::words::Words;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Ceremony {
    /// First passkey, from the invitation link's token.
    Register {
        token: String,
    },
    SignIn,
    /// Another device for the person signed in.
    Add,
}

impl Ceremony {
    fn button_key(&self) -> &'static str {
        match self {
            Ceremony::Register { .. } => "invite-register",
            Ceremony::SignIn => "sign-in-button",
            Ceremony::Add => "account-passkey-add",
        }
    }

    fn device_default_key(&self) -> Option<&'static str> {
        match self {
            Ceremony::Register { .. } => Some("invite-device-default"),
            Ceremony::SignIn => None,
            Ceremony::Add => Some("account-new-device-default"),
        }
    }
}

/// Every text the button may show.
pub fn words_for(ceremony: &Ceremony) -> Words {
    let mut keys = vec![
        ceremony.button_key(),
        "field-device-name",
        "invite-device-hint",
        "passkey-needs-js",
        "passkey-busy",
        // passkey_browser::BrowserProblem's messages.
        "passkey-browser-unsupported",
        "passkey-browser-cancelled",
        "passkey-browser-garbled",
    ];
    keys.extend(ceremony.device_default_key());
    Words::for_keys(&keys)
}

#[island]
pub fn PasskeyButton(ceremony: Ceremony, words: Words) -> impl IntoView {
    let device = RwSignal::new(
        ceremony
            .device_default_key()
            .map(|k| words.get(k))
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let asks_device = ceremony.device_default_key().is_some();
    let label = words.get(ceremony.button_key());
    let busy_label = words.get("passkey-busy");
    let field_label = words.get("field-device-name");
    let hint = words.get("invite-device-hint");
    let needs_js = words.get("passkey-needs-js");
    let run = {
        let words = words.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                let ceremony = ceremony.clone();
                let words = words.clone();
                busy.set(true);
                problem.set(None);
                leptos::task::spawn_local(async move {
                    match flow::run(&ceremony, device.get_untracked()).await {
                        Ok(()) => flow::after(&ceremony),
                        Err(p) => {
                            problem.set(Some(p.words(&words)));
                            busy.set(false);
                        }
                    }
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&ceremony, &words);
        }
    };
    view! {
        <Show when=move || asks_device>
            <div class="field">
                <label for="device-name">{field_label.clone()}</label>
                <input
                    id="device-name"
                    type="text"
                    maxlength="50"
                    value=device.get_untracked()
                    prop:value=device
                    on:input=move |ev| device.set(event_target_value(&ev))
                />
                <p class="hint">{hint.clone()}</p>
            </div>
        </Show>
        <button type="button" class="primary needs-hydration" on:click=run disabled=busy>
            {move || if busy.get() { busy_label.clone() } else { label.clone() }}
        </button>
        // Shown until the page comes alive; a page without JavaScript
        // keeps it and hides the button, which could not work there.
        <p class="notice needs-js">{needs_js}</p>
        {move || {
            problem.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })
        }}
    }
}

#[cfg(feature = "hydrate")]
mod flow {
    use super::{Ceremony, Words};
    use crate::api::account::{finish_adding_passkey, start_adding_passkey};
    use crate::api::auth::{
        finish_registration, finish_sign_in, start_registration, start_sign_in,
    };
    use crate::error::AppError;
    use crate::passkey_browser::{self, BrowserProblem};

    pub enum Problem {
        Server(AppError),
        Browser(BrowserProblem),
    }

    impl Problem {
        pub fn words(&self, words: &Words) -> String {
            match self {
                Problem::Server(e) => words.error(e),
                Problem::Browser(p) => words.get(p.message_key()),
            }
        }
    }

    pub async fn run(ceremony: &Ceremony, device: String) -> Result<(), Problem> {
        match ceremony {
            Ceremony::Register { token } => {
                let c = start_registration(token.clone())
                    .await
                    .map_err(Problem::Server)?;
                let answer = passkey_browser::create(&c.options)
                    .await
                    .map_err(Problem::Browser)?;
                finish_registration(token.clone(), c.id, answer, device)
                    .await
                    .map_err(Problem::Server)
            }
            Ceremony::SignIn => {
                let c = start_sign_in().await.map_err(Problem::Server)?;
                let answer = passkey_browser::get(&c.options)
                    .await
                    .map_err(Problem::Browser)?;
                finish_sign_in(c.id, answer).await.map_err(Problem::Server)
            }
            Ceremony::Add => {
                let c = start_adding_passkey().await.map_err(Problem::Server)?;
                let answer = passkey_browser::create(&c.options)
                    .await
                    .map_err(Problem::Browser)?;
                finish_adding_passkey(c.id, answer, device)
                    .await
                    .map_err(Problem::Server)
            }
        }
    }

    /// A full page load, so the server renders every page for the person
    /// now signed in (or the account page with the new passkey listed).
    pub fn after(ceremony: &Ceremony) {
        let location = leptos::prelude::window().location();
        let _ = match ceremony {
            Ceremony::Add => location.reload(),
            _ => location.set_href("/"),
        };
    }
}
