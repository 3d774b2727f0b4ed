//! The server side of Yorisoi: command line, configuration, start-up.
//! Everything the pages and server functions use lives in the `app` crate.

pub mod cli;
pub mod config;
pub mod plain_cmd;
pub mod startup;
pub mod telemetry;
