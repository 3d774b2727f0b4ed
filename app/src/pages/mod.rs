//! One module per page.

pub mod account;
pub mod day;
pub mod home;
pub mod invite;
pub mod not_found;
#[cfg(feature = "hydrate")]
mod passkey_flow;
pub mod plan;
pub mod sign_in;
