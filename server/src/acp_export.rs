//! `GET /r/:id/acp/fhir.json`: the newest 人生会議 version as a FHIR R4
//! Bundle (app::server::fhir_acp), downloaded to take to a hospital. Same
//! rules as the ACP page: signed in, a live relationship, ACP shown to this
//! reader; the download is in the audit log.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use app::domain::classes::InfoClass;
use app::domain::ids::RecipientId;
use app::domain::policy::{may_see, Item};
use app::domain::time::{jst_today, OccurredAt};
use app::server::audit::{self, Action, Actor, Entry};
use app::server::state::AppState;
use app::server::{access, db, fhir_acp};

use crate::downloads::{refuse, signed_in};

pub async fn acp_fhir(
    State(state): State<AppState>,
    Path(recipient): Path<String>,
    headers: HeaderMap,
) -> Response {
    match export(&state, &recipient, &headers).await {
        Ok(resp) | Err(resp) => resp,
    }
}

async fn export(
    state: &AppState,
    recipient: &str,
    headers: &HeaderMap,
) -> Result<Response, Response> {
    let server_error = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "ACP export failed");
        refuse(StatusCode::INTERNAL_SERVER_ERROR, "error-server")
    };
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let today = jst_today(chrono::Utc::now());
    let me = signed_in(state, headers, now).await?;
    let id = RecipientId::parse(recipient)
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "error-not-found"))?;
    let viewer = access::viewer(&state.db, me.person, me.role, id, today)
        .await
        .map_err(|e| server_error(&e))?;
    if viewer.relation.is_none() {
        return Err(refuse(StatusCode::FORBIDDEN, "no-access"));
    }
    if !may_see(viewer, Item::of(InfoClass::Acp, false)) {
        return Err(refuse(StatusCode::FORBIDDEN, "acp-not-shared"));
    }
    let person = db::people::get_recipient(&state.db, id)
        .await
        .map_err(|e| server_error(&e))?;
    let version = db::acp::latest(&state.db, id)
        .await
        .map_err(|e| server_error(&e))?
        .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "acp-empty"))?;
    audit::record(
        &state.db,
        Entry {
            at: now,
            actor: Some(Actor::from(&me)),
            action: Action::Read,
            recipient: Some(id),
            object_kind: "acp_fhir",
            object_id: Some(version.id.clone()),
            classes: &[InfoClass::Acp],
        },
    )
    .await
    .map_err(|e| server_error(&e))?;
    let base = state.passkeys.public_url().to_string();
    let body = fhir_acp::bundle(&person, &version, &base).to_string();
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/fhir+json; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"acp.fhir.json\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}
