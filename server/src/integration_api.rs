//! The integration API for care software (documented in
//! `server/openapi.json`, served at `/api/v1/openapi.json`):
//! - `POST /api/v1/recipients/{id}/imports`: a ケアプラン標準仕様 CSV set
//!   (multipart, one part per file) or one CSV / FHIR JSON file as the body;
//! - `GET /api/v1/recipients/{id}/fhir`: the recipient's data as a FHIR
//!   Bundle, limited to the token's classes.
//!
//! Callers present a 事業所's token (`Authorization: Bearer yrs_…`); every
//! call, allowed or not, is in the audit log once the token is known.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use app::domain::classes::{InfoClass, Role};
use app::domain::ids::RecipientId;
use app::domain::policy::Shown;
use app::domain::time::OccurredAt;
use app::i18n::{self, Lang};
use app::server::api_tokens::{self, Token};
use app::server::audit::{self, Action, Actor, Entry};
use app::server::db;
use app::server::import::apply::{ImportFailure, Importer, Summary};
use app::server::import::{self, ImportProblem, MAX_FILE_BYTES};
use app::server::state::AppState;

/// The OpenAPI description, the same file the tests check the server with.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// A CSV set is three files; room for a few more, never for 50 MB.
pub const MAX_BODY_BYTES: usize = 4 * MAX_FILE_BYTES;

pub async fn openapi() -> Response {
    json_response(StatusCode::OK, OPENAPI.to_string())
}

/// An error answer: `{"error": "…"}` in Japanese.
fn error(status: StatusCode, key: &str) -> Response {
    let body = serde_json::json!({ "error": i18n::text(Lang::Ja, key) });
    json_response(status, body.to_string())
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn server_error(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "integration API failed");
    error(StatusCode::INTERNAL_SERVER_ERROR, "error-server")
}

/// The live token of the request, or the answer to send (401).
async fn token_of(state: &AppState, headers: &HeaderMap) -> Result<Token, Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(presented) = presented else {
        return Err(error(StatusCode::UNAUTHORIZED, "api-error-no-token"));
    };
    let today = app::domain::time::jst_today(chrono::Utc::now());
    match api_tokens::verify(&state.db, presented, today).await {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(error(StatusCode::UNAUTHORIZED, "api-error-bad-token")),
        Err(e) => Err(server_error(&e)),
    }
}

/// Audit actor for a token: its 事業所's administrator who made it, with
/// the token named where a session would be.
fn actor(token: &Token) -> Actor {
    Actor {
        person: token.created_by,
        role: Role::ProviderAdmin,
        session: Some(format!("api-token:{}", token.id)),
    }
}

async fn log(
    state: &AppState,
    token: &Token,
    action: Action,
    recipient: Option<RecipientId>,
    kind: &'static str,
    classes: &[InfoClass],
) -> Result<(), Response> {
    let at = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    audit::record(
        &state.db,
        Entry {
            at,
            actor: Some(actor(token)),
            action,
            recipient,
            object_kind: kind,
            object_id: Some(token.id.clone()),
            classes,
        },
    )
    .await
    .map_err(|e| server_error(&e))
}

/// The recipient in the path when the token covers it (else 404, as if
/// absent: a token learns nothing about recipients outside its scope).
async fn recipient_of(
    state: &AppState,
    token: &Token,
    raw: &str,
    kind: &'static str,
) -> Result<RecipientId, Response> {
    let id = RecipientId::parse(raw).filter(|id| token.covers(*id));
    match id {
        Some(id) => Ok(id),
        None => {
            log(state, token, Action::Read, None, kind, &[]).await?;
            Err(error(StatusCode::NOT_FOUND, "api-error-no-recipient"))
        }
    }
}

pub async fn import(
    State(state): State<AppState>,
    Path(recipient): Path<String>,
    request: Request,
) -> Response {
    match import_inner(&state, &recipient, request).await {
        Ok(r) | Err(r) => r,
    }
}

async fn import_inner(
    state: &AppState,
    recipient: &str,
    request: Request,
) -> Result<Response, Response> {
    let token = token_of(state, request.headers()).await?;
    let id = recipient_of(state, &token, recipient, "api_import").await?;
    if !token.scope.may_import {
        log(
            state,
            &token,
            Action::Create,
            Some(id),
            "api_import_refused",
            &[],
        )
        .await?;
        return Err(error(StatusCode::FORBIDDEN, "api-error-no-import"));
    }
    let files = match read_files(request).await {
        Ok(files) => files,
        Err(problem) => {
            let summary = Summary::refused("unknown", vec![problem.describe(Lang::Ja)]);
            log(
                state,
                &token,
                Action::Create,
                Some(id),
                "api_import_refused",
                &[],
            )
            .await?;
            return Err(summary_response(StatusCode::PAYLOAD_TOO_LARGE, &summary));
        }
    };
    let format = import::Format::detect(&files)
        .map(|f| f.code())
        .unwrap_or("unknown");
    let who = Importer {
        actor: Some(actor(&token)),
        author: token.created_by,
        provider: token.provider,
        recipient: id,
        classes: token.scope.classes.clone(),
    };
    match import::import_files(&state.db, &who, &files, chrono::Utc::now()).await {
        Ok(summary) => {
            // What was created is logged item by item; this line records
            // the call itself.
            log(state, &token, Action::Create, Some(id), "api_import", &[]).await?;
            if summary.created.care_plans > 0 {
                app::server::notify::to_household(state, id).await;
            }
            Ok(summary_response(StatusCode::OK, &summary))
        }
        Err(ImportFailure::Refused(problems)) => {
            log(
                state,
                &token,
                Action::Create,
                Some(id),
                "api_import_refused",
                &[],
            )
            .await?;
            let errors = problems.iter().map(|p| p.describe(Lang::Ja)).collect();
            Err(summary_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                &Summary::refused(format, errors),
            ))
        }
        Err(ImportFailure::Db(e)) => Err(server_error(&e)),
    }
}

fn summary_response(status: StatusCode, summary: &Summary) -> Response {
    match serde_json::to_string(summary) {
        Ok(body) => json_response(status, body),
        Err(e) => server_error(&e),
    }
}

/// The files of the request: each part of a multipart body, or the body
/// itself as one file. Anything over the limits is refused whole.
async fn read_files(request: Request) -> Result<Vec<(String, Vec<u8>)>, ImportProblem> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_FILE_BYTES)
            .await
            .map_err(|_| import::too_big("body"))?;
        return Ok(vec![("body".to_string(), bytes.to_vec())]);
    }
    // The route's DefaultBodyLimit (MAX_BODY_BYTES) bounds the whole body.
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|_| import::too_big("body"))?;
    let mut files = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => return Err(import::too_big("body")),
        };
        let name = field
            .file_name()
            .or(field.name())
            .unwrap_or("file")
            .to_string();
        let bytes = field.bytes().await.map_err(|_| import::too_big(&name))?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(import::too_big(&name));
        }
        files.push((name, bytes.to_vec()));
    }
    Ok(files)
}

pub async fn export(
    State(state): State<AppState>,
    Path(recipient): Path<String>,
    headers: HeaderMap,
) -> Response {
    match export_inner(&state, &recipient, &headers).await {
        Ok(r) | Err(r) => r,
    }
}

async fn export_inner(
    state: &AppState,
    recipient: &str,
    headers: &HeaderMap,
) -> Result<Response, Response> {
    let token = token_of(state, headers).await?;
    let id = recipient_of(state, &token, recipient, "api_fhir").await?;
    if !token.scope.may_read {
        log(
            state,
            &token,
            Action::Read,
            Some(id),
            "api_fhir_refused",
            &[],
        )
        .await?;
        return Err(error(StatusCode::FORBIDDEN, "api-error-no-read"));
    }
    // Care software is the team's own tool: チーム内 items are included,
    // but only of the token's classes.
    let shown = Shown {
        classes: token.scope.classes.clone(),
        team_only: true,
    };
    let person = db::people::get_recipient(&state.db, id)
        .await
        .map_err(|e| server_error(&e))?;
    let vitals = db::vitals::vitals_between(&state.db, id, 0, i64::MAX, &shown)
        .await
        .map_err(|e| server_error(&e))?;
    let medical = db::medical::visible_items(&state.db, id, &shown, &[])
        .await
        .map_err(|e| server_error(&e))?;
    let medical: Vec<_> = medical.into_iter().map(|(m, _)| m).collect();
    let plan = db::care_plan::latest_plan(&state.db, id)
        .await
        .map_err(|e| server_error(&e))?
        .filter(|p| shown.classes.contains(&p.plan.class));
    log(
        state,
        &token,
        Action::Read,
        Some(id),
        "api_fhir",
        &token.scope.classes,
    )
    .await?;
    let base = state.passkeys.public_url().to_string();
    let bundle = app::server::fhir_export::bundle(&person, &vitals, &medical, plan.as_ref(), &base);
    let mut resp = Json(bundle).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/fhir+json; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}
