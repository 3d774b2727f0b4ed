//! A per-address limit on the sign-in and invitation endpoints: nobody can
//! hammer the passkey ceremonies or try invitation links in bulk. Each app
//! server counts on its own (behind a load balancer the limit is per
//! server), which is enough to stop a script, not a crowd.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Requests to limit: the ceremonies and invitation checks under
/// /api/auth/, not asking who is signed in (every page does) or signing out.
fn limited(path: &str) -> bool {
    path.starts_with("/api/auth/") && !matches!(path, "/api/auth/me" | "/api/auth/sign-out")
}

#[derive(Clone)]
pub struct RateLimit {
    max: u32,
    window: Duration,
    hits: Arc<Mutex<HashMap<String, (Instant, u32)>>>,
}

impl RateLimit {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            hits: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Counts one request from `who`; false once the window is full.
    fn allow(&self, who: &str, now: Instant) -> bool {
        let Ok(mut hits) = self.hits.lock() else {
            // A poisoned lock means a panic elsewhere; do not lock people out.
            return true;
        };
        // Forget windows that have passed, so the map stays small.
        hits.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        let entry = hits.entry(who.to_string()).or_insert((now, 0));
        entry.1 += 1;
        entry.1 <= self.max
    }

    pub async fn middleware(self, req: Request, next: Next) -> Response {
        if !limited(req.uri().path()) {
            return next.run(req).await;
        }
        let who = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
        if self.allow(&who, Instant::now()) {
            return next.run(req).await;
        }
        tracing::warn!(
            path = req.uri().path(),
            "too many sign-in requests from one address"
        );
        let body = app::i18n::text(app::i18n::Lang::Ja, "error-too-many");
        let mut resp = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
        resp.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(self.window.as_secs()),
        );
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_ceremonies_and_invitations_are_limited() {
        assert!(limited("/api/auth/sign-in/start"));
        assert!(limited("/api/auth/invitation"));
        assert!(!limited("/api/auth/me"));
        assert!(!limited("/api/day"));
    }

    #[test]
    fn a_full_window_refuses_until_it_passes() {
        let limit = RateLimit::new(3, Duration::from_secs(60));
        let t = Instant::now();
        assert!((0..3).all(|_| limit.allow("10.0.0.1", t)));
        assert!(!limit.allow("10.0.0.1", t));
        // Another address has its own window.
        assert!(limit.allow("10.0.0.2", t));
        assert!(limit.allow("10.0.0.1", t + Duration::from_secs(61)));
    }
}
