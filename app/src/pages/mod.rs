//! One module per page.

pub mod day;
pub mod home;
pub mod not_found;
pub mod plan;
