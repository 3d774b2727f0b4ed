//! The calls a browser makes for passkeys, as form posts with the
//! answers of a software passkey: start a ceremony, sign up with a link.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;

use super::authenticator::SoftPasskey;
use super::site::Site;

/// The origin the demo's passkeys are registered for.
pub const ORIGIN: &str = "http://localhost:3000";

pub struct Reply {
    pub status: StatusCode,
    /// The session cookie the answer set (`__Host-yorisoi=…`), if any.
    pub cookie: Option<String>,
    pub body: String,
}

/// A server function called as the browser calls it: a form post.
pub async fn post(site: &Site, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Reply {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(
            header::USER_AGENT,
            "Mozilla/5.0 (Linux; Android 14) Chrome/156.0 Mobile Safari/537.36",
        );
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (status, headers, body) = site.send(req.body(Body::from(body)).unwrap()).await;
    let cookie = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|c| c.starts_with("__Host-yorisoi=") && *c != "__Host-yorisoi=")
        .map(str::to_string);
    Reply {
        status,
        cookie,
        body,
    }
}

pub fn refused(r: &Reply, key: &str) {
    assert!(
        r.status.is_client_error() && r.body.contains(key),
        "want {key}, got {} {}",
        r.status,
        r.body
    );
}

/// A ceremony's first half: its id and the options for the authenticator.
pub async fn start(
    site: &Site,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (String, Value) {
    let r = post(site, path, cookie, form).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    let options = serde_json::from_str(v["options"].as_str().unwrap()).unwrap();
    (v["id"].as_str().unwrap().to_string(), options)
}

/// Signs up with the link's token from start to end: the new passkey and
/// its session cookie.
pub async fn sign_up(site: &Site, token: &str) -> (SoftPasskey, String) {
    let (id, options) = start(site, "/api/auth/register/start", None, &[("token", token)]).await;
    let (key, answer) = SoftPasskey::register(&options, ORIGIN);
    let r = post(
        site,
        "/api/auth/register/finish",
        None,
        &[
            ("token", token),
            ("ceremony", &id),
            ("credential", &answer.to_string()),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (key, r.cookie.expect("a session cookie after signing up"))
}

/// Who a session cookie signs in, by the account page's name.
pub async fn name_signed_in(site: &Site, cookie: &str) -> Option<String> {
    let r = post(site, "/api/auth/me", Some(cookie), &[]).await;
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["name"].as_str().map(str::to_string)
}

/// Adds a passkey on the account page, signed in with `cookie`.
pub async fn add_passkey(site: &Site, cookie: &str) -> SoftPasskey {
    let (id, options) = start(site, "/api/account/passkey/start", Some(cookie), &[]).await;
    let (key, answer) = SoftPasskey::register(&options, ORIGIN);
    let r = post(
        site,
        "/api/account/passkey/finish",
        Some(cookie),
        &[
            ("ceremony", &id),
            ("credential", &answer.to_string()),
            ("device_name", "タブレット"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    key
}
