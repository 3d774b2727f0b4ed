//! What the file downloads (`/admin/audit-log.csv`, `/r/:id/acp/fhir.json`)
//! share: they are plain axum routes, not server functions, so they read
//! the session from the cookie themselves and refuse in plain Japanese.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use app::domain::time::OccurredAt;
use app::i18n::{self, Lang};
use app::server::auth::sessions::{self, Session};
use app::server::state::AppState;

/// A refusal: the status and the message of `key`, as text.
pub fn refuse(status: StatusCode, key: &str) -> Response {
    let mut resp = (status, i18n::text(Lang::Ja, key)).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// The live session of the request, or the refusal to send (401 to sign
/// in first, 500 when the lookup failed — logged without the token).
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    now: OccurredAt,
) -> Result<Session, Response> {
    let found = match sessions::token_in(headers) {
        Some(token) => sessions::resume(&state.db, &token, now).await,
        None => Ok(None),
    };
    match found {
        Ok(Some(me)) => Ok(me),
        Ok(None) => Err(refuse(StatusCode::UNAUTHORIZED, "need-sign-in")),
        Err(e) => {
            tracing::error!(error = %e, "download: session lookup failed");
            Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, "error-server"))
        }
    }
}
