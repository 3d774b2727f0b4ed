//! What every request handler and server function can reach.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::db::Db;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}
