//! Configuration from flags and the environment. clap reports a bad value
//! with the flag's name and what it expected.

use std::net::SocketAddr;
use std::path::PathBuf;

use app::server::db::DatabaseUrl;
use app::server::plain::furigana::GradeLimit;
use clap::Args;

fn parse_database_url(raw: &str) -> Result<DatabaseUrl, String> {
    DatabaseUrl::parse(raw).map_err(|e| e.to_string())
}

/// Settings every subcommand reads.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// sqlite://PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DatabaseUrl::DEFAULT, value_parser = parse_database_url, global = true)]
    pub database_url: DatabaseUrl,
}

fn parse_grade(raw: &str) -> Result<GradeLimit, String> {
    raw.parse::<u8>()
        .ok()
        .and_then(GradeLimit::new)
        .ok_or_else(|| format!("expected a school grade from 0 to 6, got {raw:?}"))
}

/// Settings of the plain-Japanese engine (`serve` and `plain`).
#[derive(Debug, Clone, Args)]
pub struct PlainArgs {
    /// Folder of the furigana dictionary (IPADIC built by
    /// server/scripts/ipadic.sh).
    #[arg(
        long,
        env = "YORISOI_DICTIONARY",
        default_value = "dictionary/ipadic",
        global = true
    )]
    pub dictionary: PathBuf,
    /// Kanji taught up to this 小学校 grade get no furigana (0 to 6).
    #[arg(long, env = "YORISOI_FURIGANA_GRADE", default_value = "3", value_parser = parse_grade, global = true)]
    pub furigana_grade: GradeLimit,
}

/// Settings of `yorisoi serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Folder with the built site (pkg/, CSS, public files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
    /// Load the fictional demo household when the database has no recipients.
    #[arg(long, env = "YORISOI_DEMO_IF_EMPTY", default_value_t = false)]
    pub demo_if_empty: bool,
    /// Where people reach Yorisoi (https, or http on localhost). Passkeys
    /// are bound to its host; invitation links start with it.
    #[arg(long, env = "YORISOI_PUBLIC_URL", default_value = "http://localhost:3000", value_parser = parse_public_url)]
    pub public_url: url::Url,
    /// SMTP server for e-mail notices (`smtp://host:port`, add
    /// `?tls=required` for STARTTLS, or `smtps://user:password@host`).
    /// Unset: no e-mail is sent.
    #[arg(long, env = "YORISOI_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Seconds a client may take to send a request's headers; slower
    /// connections are closed (slowloris).
    #[arg(long, env = "YORISOI_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Reverse proxies in front of this server (comma-separated IP
    /// addresses): the sign-in rate limit then counts the client address
    /// they append to X-Forwarded-For.
    #[arg(long, env = "YORISOI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The sender of e-mail notices.
    #[arg(
        long,
        env = "YORISOI_MAIL_FROM",
        default_value = "寄り添い <yorisoi@localhost>"
    )]
    pub mail_from: String,
}

fn parse_public_url(raw: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(raw).map_err(|e| format!("{raw:?}: {e}"))?;
    let local = matches!(url.host_str(), Some("localhost") | Some("127.0.0.1"));
    if url.scheme() != "https" && !(url.scheme() == "http" && local) {
        return Err(format!(
            "{raw:?}: passkeys need https (http only for localhost)"
        ));
    }
    Ok(url)
}

impl ServeArgs {
    /// The settings of `yorisoi` with no subcommand: each flag's default,
    /// or its environment variable (one list of defaults, clap's).
    pub fn from_env() -> Result<Self, clap::Error> {
        use clap::FromArgMatches;
        let cmd = Self::augment_args(clap::Command::new("serve"));
        Self::from_arg_matches(&cmd.try_get_matches_from(["serve"])?)
    }
}
