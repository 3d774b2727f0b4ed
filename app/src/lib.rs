//! Yorisoi: care records, care plans and vital signs shown in plain Japanese
//! to the person and their family.
//!
//! Shared by the server (feature `ssr`) and the browser (feature `hydrate`).
//! Server-only code lives in [`server`] and is never compiled to WASM.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
// Leptos view types nest deeply; pages erase them with `into_any()` where
// they grow, and this leaves room for the rest.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod pages;
#[cfg(feature = "hydrate")]
pub mod passkey_browser;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Tells the style sheet (and tests) that JavaScript runs: buttons that
    // need it appear, the 「JavaScriptが必要です」 notes go.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    leptos::mount::hydrate_islands();
}
