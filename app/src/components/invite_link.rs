//! A one-time invitation link just made: the link to copy, its QR code to
//! scan with the invitee's own phone, and until when it works. Shown once;
//! the link is not stored anywhere it could be read again.

use leptos::prelude::*;

use super::{t, t_with};
use crate::api::team::InviteLink;
use crate::domain::time::OccurredAt;

#[component]
pub fn InviteLinkCard(link: InviteLink) -> impl IntoView {
    let until = OccurredAt::from_millis(link.expires_at);
    let until = format!(
        "{} {}",
        crate::pages::day::japanese_date(until.jst_date()),
        until.hhmm()
    );
    let label = t_with("invite-link-qr", &[("name", link.name.clone())]);
    view! {
        <section class="card invite-link" aria-live="polite">
            <h2>{t_with("invite-link-heading", &[("name", link.name)])}</h2>
            <p>{t("invite-link-explain")}</p>
            // Drawn on the server from the link alone: no user text inside.
            <div class="qr" role="img" aria-label=label inner_html=link.qr_svg></div>
            <p class="field">
                <label for="invite-url">{t("invite-link-url")}</label>
                <input id="invite-url" class="invite-url" type="text" readonly value=link.url />
            </p>
            <p class="hint">{t_with("invite-link-until", &[("until", until)])}</p>
        </section>
    }
}
