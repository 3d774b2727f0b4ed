//! Forms work the same with JavaScript on or off: every form is a plain
//! HTML form posted to its server function, and the browser is sent back
//! to the page it came from (303). A refusal travels back in the query
//! (`__path`, `__err` — the encoded error: message keys and field names,
//! never what was typed), where the page's `ServerAction` finds it and
//! shows the plain message; success leaves `__done` for a 「保存しました」.
//! leptos_axum alone would send the browser back with the error dropped.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine as _;

/// The markers this module adds; a new answer replaces the old ones.
const MARKERS: [&str; 3] = ["__path", "__err", "__done"];

/// An encoded error is a few hundred bytes; anything larger is not ours.
const MAX_ERROR_BYTES: usize = 16 * 1024;

pub async fn back_to_the_page(req: Request, next: Next) -> Response {
    let form_post = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    if !form_post {
        return next.run(req).await;
    }
    let fn_path = req.uri().path().to_string();
    let Some(page) = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_page)
    else {
        return next.run(req).await;
    };
    let res = next.run(req).await;
    let status = res.status();
    // The server function chose another page to go to next (a new
    // recipient's team page). server_fn itself points back to the form's
    // page, with its own markers, which are rebuilt below.
    let elsewhere = res
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(same_site_page)
        .is_some_and(|to| to.path() != page.path());
    if status.is_redirection() && elsewhere {
        return res;
    }
    let failed = status.is_client_error() || status.is_server_error();
    // Read before the address is built: nothing is held across the wait.
    let error = if failed {
        match to_bytes(res.into_body(), MAX_ERROR_BYTES).await {
            Ok(b) => Some(b),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        None
    };
    let mut back = page;
    match error {
        Some(bytes) => {
            back.query_pairs_mut()
                .append_pair("__path", &fn_path)
                .append_pair("__err", &URL_SAFE.encode(&bytes));
        }
        None => {
            back.query_pairs_mut().append_pair("__done", &fn_path);
        }
    }
    let location = match back.query() {
        Some(q) => format!("{}?{q}", back.path()),
        None => back.path().to_string(),
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, v)
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The page a form was on, without the markers of an earlier answer. Only
/// the path and query are kept, so the answer never leaves Yorisoi.
fn same_site_page(referer: &str) -> Option<url::Url> {
    let base = url::Url::parse("http://yorisoi.invalid").ok()?;
    // Absolute (a Referer) or relative (a Location we set ourselves).
    let given = base.join(referer).ok()?;
    let mut page = url::Url::parse("http://yorisoi.invalid").ok()?;
    // One leading slash only: a Location of `//evil.example` (or `/\`,
    // which browsers read alike) is another site.
    page.set_path(&format!(
        "/{}",
        given.path().trim_start_matches(['/', '\\'])
    ));
    let kept: Vec<(String, String)> = given
        .query_pairs()
        .filter(|(k, _)| !MARKERS.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        page.set_query(None);
    } else {
        page.query_pairs_mut().extend_pairs(kept);
    }
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_keeps_its_own_query_and_drops_old_answers() {
        let p = same_site_page(
            "http://localhost:3000/r/1/sharing?x=1&__err=abc&__path=%2Fapi&__done=y",
        )
        .unwrap();
        assert_eq!(p.path(), "/r/1/sharing");
        assert_eq!(p.query(), Some("x=1"));
    }

    #[test]
    fn a_path_that_would_name_another_site_stays_on_ours() {
        for referer in [
            "http://localhost:3000//evil.example/x",
            "http://localhost:3000/\\evil.example/x",
            "http://localhost:3000///evil.example/x",
        ] {
            let p = same_site_page(referer).unwrap();
            assert_eq!(p.path(), "/evil.example/x", "{referer}");
        }
        // A network-path reference names a host: only its path is kept.
        for referer in ["//evil.example/x", "/\\evil.example/x"] {
            let p = same_site_page(referer).unwrap();
            assert_eq!(p.host_str(), Some("yorisoi.invalid"), "{referer}");
            assert_eq!(p.path(), "/x", "{referer}");
        }
    }

    #[test]
    fn another_site_in_the_referer_becomes_our_own_path() {
        let p = same_site_page("https://evil.example/steal?q=1").unwrap();
        assert_eq!(p.host_str(), Some("yorisoi.invalid"));
        assert_eq!(p.path(), "/steal");
    }
}
