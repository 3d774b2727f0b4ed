//! One module per page.

pub mod access_log;
pub mod account;
pub mod acp;
pub mod admin;
pub mod body;
pub mod day;
pub mod home;
pub mod inbox;
pub mod invite;
pub mod medical;
pub mod new_recipient;
pub mod not_found;
pub mod plan;
pub mod plan_edit;
pub mod print;
pub mod reading;
pub mod record;
pub mod records;
pub mod sharing;
pub mod sign_in;
pub mod talk;
pub mod team;
pub mod visit;
pub mod wishes;
