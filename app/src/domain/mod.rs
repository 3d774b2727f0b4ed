//! The domain: types shared by the server and the browser. Values are
//! parsed into these newtypes at the edge; past that, they are valid.

pub mod acp;
pub mod care_plan;
pub mod chart;
pub mod classes;
pub mod compared_versions;
pub mod ids;
pub mod medical;
pub mod page_cursor;
pub mod patient_identifier;
pub mod people;
pub mod plain;
pub mod plan_changes;
pub mod plan_form;
pub mod policy;
pub mod print_period;
pub mod reading;
pub mod records;
pub mod retention;
pub mod shown_day;
pub mod summary;
pub mod talk;
pub mod time;
pub mod timeline_kind;
pub mod validation;
pub mod visit;
pub mod vitals;
pub mod wishes;
pub mod work_end;
