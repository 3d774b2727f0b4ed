//! Server-only code: storage, the audit log, the demo household. Compiled
//! only with the `ssr` feature, so none of it reaches the browser.

pub mod access;
pub mod api_tokens;
pub mod audit;
pub mod auth;
pub mod db;
pub mod demo;
pub mod fhir_acp;
pub mod fhir_export;
pub mod headers;
pub mod import;
pub mod invite_link;
pub mod notify;
pub mod plain;
pub mod plain_store;
pub mod state;
pub mod talk_targets;
