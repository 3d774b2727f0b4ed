//! What every request handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::auth::passkeys::Passkeys;
use super::db::Db;
use super::plain::Engine;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// The plain-Japanese engine with its furigana dictionary, loaded once.
    pub plain: Arc<Engine>,
    /// The passkey relying party (this Yorisoi at its public address).
    pub passkeys: Arc<Passkeys>,
    /// Where e-mail notices go out (None: the server sends no e-mail).
    pub mailer: Option<Arc<super::notify::Mailer>>,
}

// leptos_axum's file handler reads the site settings out of the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
