//! Builds the router and serves it until SIGINT/SIGTERM.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use app::app::{shell, App};
use app::server::auth::passkeys::Passkeys;
use app::server::notify::Mailer;
use app::server::{db::Db, plain::Engine, state::AppState};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::Layer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::ServeArgs;
use crate::rate_limit::RateLimit;

pub fn leptos_options(args: &ServeArgs) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("yorisoi")
        .site_root(args.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .build()
}

/// Used for responses that are not pages (server functions, files, errors):
/// nothing inline may run.
const FALLBACK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The largest form or server-function call: a whole care plan is far
/// below it. (The integration API has its own, larger limit.)
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// Sign-in and invitation requests one address may make per minute.
const AUTH_REQUESTS_PER_MINUTE: u32 = 30;

pub fn router(state: AppState) -> Router {
    router_behind(state, &[])
}

/// The router, behind these reverse proxies (`YORISOI_TRUSTED_PROXIES`).
pub fn router_behind(state: AppState, proxies: &[std::net::IpAddr]) -> Router {
    let auth_limit =
        RateLimit::new(AUTH_REQUESTS_PER_MINUTE, Duration::from_secs(60)).behind(proxies);
    let routes = generate_route_list(App);
    let own_origin: Arc<str> = state
        .passkeys
        .public_url()
        .origin()
        .ascii_serialization()
        .into();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .nest_service("/pkg", site_files(&state.leptos_options))
        .route("/admin/audit-log.csv", get(crate::audit_export::audit_csv))
        .route("/r/{id}/acp/fhir.json", get(crate::acp_export::acp_fhir))
        .route("/api/v1/openapi.json", get(crate::integration_api::openapi))
        .route(
            "/api/v1/recipients/{id}/imports",
            axum::routing::post(crate::integration_api::import).layer(
                axum::extract::DefaultBodyLimit::max(crate::integration_api::MAX_BODY_BYTES),
            ),
        )
        .route(
            "/api/v1/recipients/{id}/fhir",
            get(crate::integration_api::export),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || {
                    provide_context(state.clone());
                    provide_context(app::server::auth::sessions::RequestSession::default());
                    leptos::nonce::provide_nonce();
                }
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(crate::form_posts::back_to_the_page))
        .layer(middleware::from_fn(limit_form_bodies))
        .layer(middleware::from_fn(move |req, next| {
            refuse_cross_site_writes(own_origin.clone(), req, next)
        }))
        .layer(middleware::from_fn(move |req, next| {
            auth_limit.clone().middleware(req, next)
        }))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(FALLBACK_CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Brotli or gzip, as the browser asks: pages shrink to a fifth
        // (the site's files come precompressed). Level 1: at the default
        // (gzip 6) compressing was 16 % of the server's CPU on きろく under
        // load (PROFILE=1 bench/reading.sh); level 1 costs a few hundred
        // bytes a page. Pages carry no secret a third party could inject
        // text beside (no CSRF tokens), so compressing them does not open
        // a BREACH-style leak.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(1)),
        )
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// The site's scripts, style sheet and WASM, compressed at build time
/// when `yorisoi precompress` has run (`crate::precompress`). Browsers keep
/// them and ask whether they changed (Last-Modified), instead of
/// downloading them for every page.
fn site_files(
    options: &LeptosOptions,
) -> tower_http::set_header::SetResponseHeader<tower_http::services::ServeDir, HeaderValue> {
    let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))
        .layer(
            tower_http::services::ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
}

/// Server functions accept form posts, which a browser sends cross-site
/// without asking; refuse writes that a browser marks as cross-site, or
/// whose Origin is not Yorisoi's own (older browsers send no
/// Sec-Fetch-Site). The session cookie's SameSite=Lax is the third layer.
/// Refuses (413) a post bigger than a form can be before any handler
/// reads it: the declared length first, then what actually arrives.
async fn limit_form_bodies(req: Request, next: Next) -> Response {
    if req.method() != Method::POST || req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let too_large = || {
        let body = app::i18n::text(app::i18n::Lang::Ja, "error-too-large");
        (StatusCode::PAYLOAD_TOO_LARGE, body).into_response()
    };
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FORM_BYTES) {
        return too_large();
    }
    match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Err(_) => too_large(),
    }
}

async fn refuse_cross_site_writes(own_origin: Arc<str>, req: Request, next: Next) -> Response {
    let write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let headers = req.headers();
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let foreign_origin = headers
        .get(header::ORIGIN)
        .is_some_and(|v| v.as_bytes() != own_origin.as_bytes());
    if write && (cross_site || foreign_origin) {
        return StatusCode::FORBIDDEN.into_response();
    }
    next.run(req).await
}

async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(state.db.pool()).await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

pub async fn serve(db: Db, plain: Arc<Engine>, args: ServeArgs) -> anyhow::Result<()> {
    // The last two weeks' notes without a stored conversion by this engine
    // version are converted in the background, so the pages people open
    // first do not wait for them (older ones are converted when read).
    let (warm_db, warm_engine) = (db.clone(), plain.clone());
    tokio::spawn(async move {
        const WARM_DAYS_MS: i64 = 14 * 24 * 60 * 60 * 1000;
        let since = app::domain::time::OccurredAt::from_millis(
            chrono::Utc::now().timestamp_millis() - WARM_DAYS_MS,
        );
        match app::server::plain_store::warm(&warm_db, &warm_engine, since).await {
            Ok(n) => tracing::info!(notes = n, "plain conversions stored"),
            Err(e) => tracing::warn!(error = %e, "storing plain conversions stopped"),
        }
    });
    // Refused forms kept for their writer hold health data: gone once
    // they are too old to be shown.
    let sweep_db = db.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(10 * 60));
        loop {
            every.tick().await;
            let now =
                app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
            match app::server::db::drafts::sweep(&sweep_db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(drafts = n, "stale form drafts removed"),
                Err(e) => tracing::warn!(error = %e, "removing stale form drafts failed"),
            }
        }
    });
    let pkg = args.site_root.join("pkg");
    match crate::precompress::drop_stale(&pkg) {
        Ok(0) => {}
        Ok(n) => tracing::info!(removed = n, "compressed copies older than their files"),
        Err(e) => tracing::warn!(error = %e, "could not check the compressed copies"),
    }
    let passkeys = Passkeys::new(&args.public_url)
        .with_context(|| format!("passkeys for {}", args.public_url))?;
    let mailer = match &args.smtp_url {
        Some(url) => Some(Arc::new(
            Mailer::new(url, &args.mail_from, args.public_url.clone())
                .context("e-mail notices (YORISOI_SMTP_URL, YORISOI_MAIL_FROM)")?,
        )),
        None => None,
    };
    let state = AppState {
        leptos_options: leptos_options(&args),
        db: db.clone(),
        plain,
        passkeys: Arc::new(passkeys),
        mailer,
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    tracing::info!("Yorisoi listening on http://{}", args.addr);
    crate::connections::serve(
        listener,
        router_behind(state, &args.trusted_proxies),
        Duration::from_secs(args.header_timeout_secs),
        shutdown_signal(),
        Duration::from_secs(10),
    )
    .await;
    // Let in-flight writes finish before the pool closes.
    tokio::time::timeout(Duration::from_secs(10), db.close())
        .await
        .ok();
    tracing::info!("Yorisoi stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
