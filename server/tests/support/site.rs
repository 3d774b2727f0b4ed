//! The demo household behind the whole router, and the calls a browser
//! makes: open a page, post a form to a server function.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

pub struct Site {
    pub t: super::TestDb,
    pub router: axum::Router,
    pub recipient: String,
}

pub async fn site() -> Site {
    site_on(super::sqlite().await, None).await
}

/// The demo on `t` (SQLite or PostgreSQL), sending e-mail through `mailer`.
pub async fn site_on(
    t: super::TestDb,
    mailer: Option<std::sync::Arc<app::server::notify::Mailer>>,
) -> Site {
    let summary = app::server::demo::load_demo(&t.db, chrono::Utc::now())
        .await
        .unwrap();
    Site {
        router: super::router_with(&t.db, mailer),
        recipient: summary.recipient.to_string(),
        t,
    }
}

/// The demo on SQLite, its e-mail going to an SMTP sink the test reads.
pub async fn site_with_mail() -> (Site, super::smtp_sink::Sink) {
    let sink = super::smtp_sink::start().await;
    let mailer = app::server::notify::Mailer::new(
        &format!("smtp://127.0.0.1:{}", sink.port),
        "寄り添い <yorisoi@localhost>",
        url::Url::parse("http://localhost:3000").unwrap(),
    )
    .unwrap();
    let site = site_on(super::sqlite().await, Some(std::sync::Arc::new(mailer))).await;
    (site, sink)
}

impl Site {
    pub async fn cookie(&self, name: &str) -> String {
        super::cookie_of(&self.t.db, name).await
    }

    pub async fn person(&self, name: &str) -> String {
        sqlx::query_scalar("SELECT id FROM people WHERE display_name = $1")
            .bind(name)
            .fetch_one(self.t.db.pool())
            .await
            .unwrap()
    }

    pub async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }

    pub async fn page(&self, path: &str, cookie: &str) -> String {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = self.send(req).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        body
    }

    /// A page that refuses the reader: its status and what it says.
    pub async fn refused_page(&self, path: &str, cookie: &str) -> (StatusCode, String) {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = self.send(req).await;
        (status, body)
    }

    /// A server function called as a form post (what ActionForm sends).
    pub async fn call(&self, path: &str, cookie: &str, form: &str) -> (StatusCode, String) {
        let req = Request::post(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(form.to_string()))
            .unwrap();
        let (status, _, body) = self.send(req).await;
        (status, body)
    }
}

/// The care plan editor's form as a browser posts it to `/api/plan/save`.
pub fn plan_post(recipient: &str, base: i64, form: &app::domain::plan_form::PlanForm) -> String {
    #[derive(serde::Serialize)]
    struct Post<'a> {
        recipient: &'a str,
        base: i64,
        form: &'a app::domain::plan_form::PlanForm,
    }
    serde_qs::to_string(&Post {
        recipient,
        base,
        form,
    })
    .unwrap()
}
