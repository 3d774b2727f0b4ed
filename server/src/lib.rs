//! The server side of Yorisoi: command line, configuration, start-up.
//! Everything the pages and server functions use lives in the `app` crate.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod acp_export;
pub mod audit_export;
pub mod backup_cmd;
pub mod cli;
pub mod config;
pub mod connections;
pub mod downloads;
pub mod form_posts;
pub mod history_cmd;
pub mod identifier_cmd;
pub mod import_cmd;
pub mod integration_api;
pub mod invite_cmd;
pub mod plain_cmd;
pub mod policy_cmd;
pub mod precompress;
pub mod rate_limit;
pub mod retention_cmd;
pub mod startup;
pub mod telemetry;
pub mod token_cmd;
