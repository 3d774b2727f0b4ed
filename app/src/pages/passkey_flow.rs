//! The two passkey ceremonies as the pages run them in the browser: ask the
//! server, ask the phone, answer the server. Errors come back as the plain
//! message to show.

use crate::api::auth::{finish_registration, finish_sign_in, start_registration, start_sign_in};
use crate::components::use_lang;
use crate::error::AppError;
use crate::i18n;
use crate::passkey_browser::{self, BrowserProblem};

fn said(e: AppError) -> String {
    e.messages(use_lang()).join(" ")
}

fn browser(p: BrowserProblem) -> String {
    i18n::text(use_lang(), p.message_key())
}

pub async fn register(token: String, device_name: String) -> Result<(), String> {
    let ceremony = start_registration(token.clone()).await.map_err(said)?;
    let answer = passkey_browser::create(&ceremony.options)
        .await
        .map_err(browser)?;
    finish_registration(token, ceremony.id, answer, device_name)
        .await
        .map_err(said)
}

pub async fn sign_in() -> Result<(), String> {
    let ceremony = start_sign_in().await.map_err(said)?;
    let answer = passkey_browser::get(&ceremony.options)
        .await
        .map_err(browser)?;
    finish_sign_in(ceremony.id, answer).await.map_err(said)
}

/// A full page load, so every page is rendered for the signed-in person.
pub fn go_home() {
    let _ = leptos::prelude::window().location().set_href("/");
}

/// Adds a passkey on this device for the person signed in.
pub async fn add(device_name: String) -> Result<(), String> {
    use crate::api::account::{finish_adding_passkey, start_adding_passkey};
    let ceremony = start_adding_passkey().await.map_err(said)?;
    let answer = passkey_browser::create(&ceremony.options)
        .await
        .map_err(browser)?;
    finish_adding_passkey(ceremony.id, answer, device_name)
        .await
        .map_err(said)
}
