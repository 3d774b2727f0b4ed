//! `/sign-in`: one button; the phone's screen lock does the rest. The
//! passkey itself tells the server who this is — nothing to type.

use leptos::prelude::*;

use crate::components::t;
use crate::islands::passkey::{words_for, Ceremony, PasskeyButton};

#[component]
pub fn SignInPage() -> impl IntoView {
    let words = words_for(&Ceremony::SignIn);
    view! {
        <leptos_meta::Title text=t("sign-in-title") />
        <h1>{t("sign-in-heading")}</h1>
        <p>{t("sign-in-explain")}</p>
        <PasskeyButton ceremony=Ceremony::SignIn words />
    }
}
