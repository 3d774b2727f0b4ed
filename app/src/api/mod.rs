//! Server functions, thin: parse the input, call the domain and storage,
//! write the audit log. One file per area.

pub mod account;
pub mod auth;
pub mod day;
pub mod plan;
pub mod recipients;
