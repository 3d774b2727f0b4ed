//! The domain: types shared by the server and the browser. Values are
//! parsed into these newtypes at the edge; past that, they are valid.

pub mod acp;
pub mod care_plan;
pub mod chart;
pub mod classes;
pub mod ids;
pub mod medical;
pub mod people;
pub mod plain;
pub mod plan_changes;
pub mod plan_form;
pub mod policy;
pub mod print_period;
pub mod reading;
pub mod records;
pub mod summary;
pub mod talk;
pub mod time;
pub mod validation;
pub mod visit;
pub mod vitals;
pub mod wishes;
