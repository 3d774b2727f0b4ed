//! Any bytes as a FHIR JSON file: a set or problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = chrono::Utc::now();
    let _ = app::server::import::fhir::parse(data, now);
});
