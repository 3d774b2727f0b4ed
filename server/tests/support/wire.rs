//! The real `yorisoi serve` as a child process, and plain HTTP/1.1 to it
//! over TCP (for tests where the server must be a process of its own:
//! killed, or two of them on one database).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The address browsers use in these tests: both servers of a pair share
/// it, as they would behind one reverse proxy.
pub const PUBLIC_URL: &str = "http://localhost:3000";

/// A running server, killed (SIGKILL) when dropped — also when a check
/// fails, so no server outlives its test.
pub struct Server(std::process::Child);

impl Server {
    pub fn kill(&mut self) {
        // On Unix, Child::kill sends SIGKILL: no shutdown code runs.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// `yorisoi serve` on `url`, listening on `port`; `demo` loads the demo
/// household when the database has none.
pub fn start(url: &str, port: u16, site_root: &std::path::Path, demo: bool) -> Server {
    start_with(url, port, site_root, demo, &[])
}

/// The same, with more settings in its environment.
pub fn start_with(
    url: &str,
    port: u16,
    site_root: &std::path::Path,
    demo: bool,
    settings: &[(&str, &str)],
) -> Server {
    std::fs::create_dir_all(site_root.join("pkg")).unwrap_or_else(|e| panic!("{e}"));
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"))
        .arg("--database-url")
        .arg(url)
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", site_root)
        .env("YORISOI_PUBLIC_URL", PUBLIC_URL)
        .env("YORISOI_DEMO_IF_EMPTY", if demo { "true" } else { "false" })
        .env(
            "YORISOI_DICTIONARY",
            app::server::plain::Engine::workspace_dictionary(),
        )
        .env("RUST_LOG", "error")
        .envs(settings.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting yorisoi: {e}"));
    Server(child)
}

pub struct Reply {
    pub status: u16,
    /// Header lines as sent, `name: value`.
    pub headers: Vec<String>,
    pub body: String,
}

impl Reply {
    /// The session cookie a sign-in set (`__Host-yorisoi=…`).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .iter()
            .filter_map(|h| h.split_once(": "))
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, v)| v.split(';').next())
            .find(|c| c.starts_with("__Host-yorisoi="))
            .map(str::to_string)
    }
}

/// One request over a fresh connection; None when nobody answered.
pub async fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> Option<Reply> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost:{port}\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n\
         User-Agent: Mozilla/5.0 (Linux; Android 14) Chrome/156.0 Mobile Safari/537.36\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf))
        .await
        .ok()?
        .ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    Some(Reply {
        status,
        headers: lines.map(str::to_string).collect(),
        body: body.to_string(),
    })
}

/// A form post to a server function (`cookie` may be empty).
pub async fn post(port: u16, path: &str, cookie: &str, body: &str) -> Option<Reply> {
    let cookie = (!cookie.is_empty()).then_some(cookie);
    request(port, "POST", path, cookie, body).await
}

/// Waits until `/healthz` answers 200.
pub async fn until_up(port: u16) {
    for _ in 0..300 {
        if let Some(r) = request(port, "GET", "/healthz", None, "").await {
            if r.status == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up on port {port}");
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
