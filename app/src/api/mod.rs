//! Server functions, thin: parse the input, call the domain and storage,
//! write the audit log. One file per area.

pub mod access_log;
pub mod account;
pub mod acp;
pub mod admin;
pub mod auth;
pub mod body;
pub mod day;
pub mod inbox;
pub mod medical;
pub mod plan;
pub mod plan_edit;
pub mod print;
pub mod reading;
pub mod recipients;
pub mod records;
pub mod sharing;
pub mod talk;
pub mod team;
pub mod visit;
pub mod wishes;
