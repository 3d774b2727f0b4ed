//! Any bytes as a form post, decoded the way server functions decode it
//! (serde_qs, depth 5, brackets possibly percent-encoded), then checked by
//! the domain: the care plan, the visit record and the ACP forms. A
//! decoding error or a list of problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[derive(serde::Deserialize)]
struct PlanPost {
    form: Option<app::domain::plan_form::PlanForm>,
}

#[derive(serde::Deserialize)]
struct VisitPost {
    form: Option<app::domain::visit::VisitForm>,
}

#[derive(serde::Deserialize)]
struct AcpPost {
    form: Option<app::domain::acp::AcpForm>,
}

fuzz_target!(|data: &[u8]| {
    let qs = serde_qs::Config::new(5, false);
    let now = chrono::Utc::now();
    if let Ok(PlanPost { form: Some(f) }) = qs.deserialize_bytes(data) {
        if !f.is_too_long() {
            let _ = f.parse();
        }
    }
    if let Ok(VisitPost { form: Some(f) }) = qs.deserialize_bytes(data) {
        let by = app::domain::visit::VisitBy {
            recipient: app::domain::ids::RecipientId::new(),
            provider: app::domain::ids::ProviderId::new(),
            author: app::domain::ids::PersonId::new(),
        };
        let _ = f.parse(by, now);
    }
    if let Ok(AcpPost { form: Some(f) }) = qs.deserialize_bytes(data) {
        let _ = f.parse(now.date_naive());
    }
});
