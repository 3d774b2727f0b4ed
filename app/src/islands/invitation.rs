//! A form that hands out a one-time invitation link (a new member, a staff
//! member, or a new link after a lost phone) and shows the link and its QR
//! code right under it. The link is shown once and never travels in an
//! address, so this needs JavaScript; the form fields themselves are
//! rendered on the server and passed in as children.

use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::words::Words;
use crate::api::admin::{InviteStaff, ReinviteStaff};
use crate::api::team::{InviteLink, InviteMember, Reinvite};
use crate::domain::time::OccurredAt;
use crate::error::AppError;

/// Which server function the form posts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Handing {
    Member,
    MemberAgain,
    Staff,
    StaffAgain,
}

/// Every text the form and its link card may show.
pub fn words() -> Words {
    Words::for_keys(&[
        "invite-link-explain",
        "invite-link-url",
        "invite-link-waits-check",
    ])
    .template("invite-link-heading", &["name"])
    .template("invite-link-qr", &["name"])
    .template("invite-link-until", &["until"])
}

/// One concrete action per server function: `ActionForm` needs the type.
macro_rules! form_for {
    ($fn:ty, $answer:expr, $children:expr) => {{
        let action = ServerAction::<$fn>::new();
        let answer = $answer;
        Effect::new(move |_| {
            if let Some(v) = action.value().get() {
                // The new person appears in the list (rendered by the
                // server, as on a reload) while the link stays on screen.
                #[cfg(feature = "hydrate")]
                if v.is_ok() {
                    leptos::task::spawn_local(async {
                        let _ = super::server_html::refresh("ul.members").await;
                    });
                }
                answer.set(Some(v));
            }
        });
        view! { <ActionForm action>{$children()}</ActionForm> }.into_any()
    }};
}

#[island]
pub fn InvitationForm(handing: Handing, words: Words, children: Children) -> impl IntoView {
    let answer = RwSignal::new(None::<Result<InviteLink, AppError>>);
    let form = match handing {
        Handing::Member => form_for!(InviteMember, answer, children),
        Handing::MemberAgain => form_for!(Reinvite, answer, children),
        Handing::Staff => form_for!(InviteStaff, answer, children),
        Handing::StaffAgain => form_for!(ReinviteStaff, answer, children),
    };
    view! {
        {form}
        {move || {
            answer.get().map(|a| match a {
                Ok(link) => link_card(link, &words).into_any(),
                Err(e) => view! { <p class="notice notice-error" role="alert">{words.error(&e)}</p> }.into_any(),
            })
        }}
    }
}

fn link_card(link: InviteLink, words: &Words) -> impl IntoView {
    let until = OccurredAt::from_millis(link.expires_at);
    let until = format!(
        "{} {}",
        crate::domain::time::japanese_date(until.jst_date()),
        until.hhmm()
    );
    let label = words.fill("invite-link-qr", &[("name", &link.name)]);
    view! {
        <section class="card invite-link" aria-live="polite">
            <h2>{words.fill("invite-link-heading", &[("name", &link.name)])}</h2>
            <p>{words.get("invite-link-explain")}</p>
            {link.waits_for_check.then(|| view! { <p class="notice">{words.get("invite-link-waits-check")}</p> })}
            // Drawn on the server from the link alone: no user text inside.
            <div class="qr" role="img" aria-label=label inner_html=link.qr_svg></div>
            <p class="field">
                <label for="invite-url">{words.get("invite-link-url")}</label>
                <input id="invite-url" class="invite-url" type="text" readonly value=link.url />
            </p>
            <p class="hint">{words.fill("invite-link-until", &[("until", &until)])}</p>
        </section>
    }
}
