//! Security headers for pages. The Content-Security-Policy carries a fresh
//! nonce per response so only Leptos's own hydration script runs.

use http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};
use http::HeaderValue;
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sets the page CSP (with this response's nonce) and forbids caching:
/// pages hold health data.
pub fn set_page_security_headers() {
    let Some(resp) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = use_nonce() {
        if let Ok(v) = HeaderValue::from_str(&page_csp(&nonce.to_string())) {
            resp.insert_header(CONTENT_SECURITY_POLICY, v);
        }
    }
    resp.insert_header(CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
