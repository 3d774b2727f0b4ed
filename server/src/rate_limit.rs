//! A per-address limit on the sign-in and invitation endpoints: nobody can
//! hammer the passkey ceremonies or try invitation links in bulk. Each app
//! server counts on its own (behind a load balancer the limit is per
//! server), which is enough to stop a script, not a crowd. Behind a
//! reverse proxy (`YORISOI_TRUSTED_PROXIES`) the client is the address the
//! proxy appended to `X-Forwarded-For`, not the proxy itself.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
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
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    trusted: Arc<[IpAddr]>,
}

impl RateLimit {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            hits: Arc::new(Mutex::new(HashMap::new())),
            trusted: Arc::from([]),
        }
    }

    /// Believes `X-Forwarded-For` from these proxies (and no one else: a
    /// client could write the header itself).
    pub fn behind(mut self, proxies: &[IpAddr]) -> Self {
        self.trusted = Arc::from(proxies);
        self
    }

    /// Who is asking: the peer, or — when the peer is a trusted proxy — the
    /// address that proxy appended last to `X-Forwarded-For`.
    fn client(&self, peer: Option<IpAddr>, forwarded: Option<&str>) -> String {
        let Some(peer) = peer else {
            return "unknown".to_string();
        };
        if !self.trusted.contains(&peer) {
            return peer.to_string();
        }
        forwarded
            .and_then(|f| f.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok())
            .unwrap_or(peer)
            .to_string()
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
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let who = self.client(peer, forwarded);
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
    fn behind_a_trusted_proxy_each_client_counts_on_its_own() {
        let proxy: IpAddr = "10.0.0.9".parse().unwrap();
        let limit = RateLimit::new(2, Duration::from_secs(60)).behind(&[proxy]);
        let t = Instant::now();
        let from = |xff: &str| limit.client(Some(proxy), Some(xff));
        // The address the proxy appended (the last), not one a client wrote.
        assert_eq!(from("203.0.113.7"), "203.0.113.7");
        assert_eq!(from("1.2.3.4, 203.0.113.8"), "203.0.113.8");
        assert!((0..2).all(|_| limit.allow(&from("203.0.113.7"), t)));
        assert!(!limit.allow(&from("203.0.113.7"), t));
        assert!(limit.allow(&from("203.0.113.8"), t), "another client");
        // Anyone else's header is ignored: the peer counts.
        let stranger: IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(
            limit.client(Some(stranger), Some("203.0.113.9")),
            "198.51.100.1"
        );
        // No proxies configured: the header means nothing.
        let plain = RateLimit::new(2, Duration::from_secs(60));
        assert_eq!(plain.client(Some(proxy), Some("203.0.113.7")), "10.0.0.9");
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
