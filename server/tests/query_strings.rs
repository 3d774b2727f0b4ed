//! Hostile query strings: every page that reads a parameter from
//! its address, opened by a family member and by a staff member with values
//! nobody's link holds, answers with the page or a refusal in plain
//! Japanese — never a server error, never a Rust error, never the value as
//! markup — and the server stays up. An error written into an address by
//! someone else is said in our own words, not theirs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;

use app::error::AppError;
use app::i18n::{self, Lang};
use support::site::{site, Site};
use support::wire::enc;

const DAUGHTER: &str = "佐藤 美咲";
const CM: &str = "田中 里美";

/// Values no page of ours writes, each given percent-encoded.
fn hostile() -> Vec<String> {
    vec![
        String::new(),
        // 10 000 characters.
        "2026-11-24".repeat(1000),
        "\0".into(),
        "../../../etc/passwd".into(),
        "'; DROP TABLE care_records; --".into(),
        "２０２６年１１月２４日".into(),
        "99999999999999999999".into(),
        // i64::MIN: one less than it overflows.
        i64::MIN.to_string(),
        "2026-02-30".into(),
        // The calendar's first days (`YYYY-MM-DD` parsing accepts a sign):
        // there are no two weeks before them to count back.
        "-262143-01-05".into(),
        "+262142-12-31".into(),
        "<script>alert(1)</script>".into(),
        "1_2_3".into(),
        "1764000000000_0192F0C4-1B2A-7C3D-8E4F-A1B2C3D4E5F6".into(),
    ]
}

/// Query text as it may arrive, not encoded by us: broken escapes, bytes
/// that are not UTF-8 once decoded, a parameter twice, no value at all.
const RAW: [&str; 5] = ["%ZZ", "%FF%FE%00", "a&{p}=b", "&&==", "%E2%80%AE"];

/// Every page that reads its address: the path up to the parameter, and
/// the parameter.
fn readers(r: &str) -> Vec<(String, &'static str)> {
    vec![
        (format!("/r/{r}?"), "day"),
        (format!("/r/{r}/body?"), "span"),
        (format!("/r/{r}/records?"), "kind"),
        (format!("/r/{r}/records?"), "before"),
        (format!("/r/{r}/records?kind=meal&"), "before"),
        (format!("/r/{r}/print?"), "from"),
        (format!("/r/{r}/print?"), "to"),
        (format!("/r/{r}/print?from=2026-11-01&"), "to"),
        (format!("/r/{r}/acp/history?"), "from"),
        (format!("/r/{r}/acp/history?"), "to"),
        (format!("/r/{r}/who-looked?"), "older"),
        (format!("/r/{r}/wishes?"), "__done"),
    ]
}

/// The page's status and text. A panic while the page renders does not
/// come back as an answer: the page never ends (seen with a print-out
/// ending on the calendar's first day), so a page that takes too long is
/// a 500 here.
async fn open(site: &Site, path: &str, cookie: &str) -> (StatusCode, String) {
    let req = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    match tokio::time::timeout(std::time::Duration::from_secs(30), site.send(req)).await {
        Ok((status, _, body)) => (status, body),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "no answer".into()),
    }
}

/// The text of the page's error notice, if it has one.
fn notice(body: &str) -> Option<String> {
    let start = body.find("role=\"alert\"")?;
    let rest = &body[start..];
    let rest = &rest[rest.find('>')? + 1..];
    let end = rest.find("</div>").unwrap_or(rest.len());
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

fn is_kana(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c)
}

/// What is wrong with an answer, if anything: a server error, a Rust
/// error, the value as markup, or a page without its words.
fn fault(status: StatusCode, body: &str) -> Option<String> {
    if status != StatusCode::OK && !status.is_client_error() {
        return Some(format!("status {status}"));
    }
    for rust in [
        "panicked",
        "ServerFnError",
        "Deserialization",
        "called `",
        "RUST_BACKTRACE",
        "src/",
    ] {
        if body.contains(rust) {
            return Some(format!("says {rust:?}"));
        }
    }
    if body.contains("<script>alert(1)") {
        return Some("the value came back as markup".into());
    }
    if !body.contains("</html>") {
        return Some("the page was cut short".into());
    }
    match notice(body) {
        Some(words) if !words.chars().any(is_kana) => Some(format!("notice not in words: {words}")),
        Some(_) => None,
        // The page itself: whose it is (or the print-out's sheet).
        None if body.contains("class=\"recipient-name\"")
            || body.contains("class=\"print-sheet\"") =>
        {
            None
        }
        None => Some("neither the page nor a notice".into()),
    }
}

#[tokio::test]
async fn every_page_answers_hostile_query_strings_in_plain_japanese() {
    let site = site().await;
    let r = site.recipient.clone();
    let bad_request = i18n::text(Lang::Ja, "error-bad-request");
    let not_a_date = i18n::text_with(
        Lang::Ja,
        "error-not-a-date",
        &[("field", i18n::text(Lang::Ja, "field-print-to"))],
    );
    let mut failures = Vec::new();
    let (mut pages, mut refusals, mut dates_refused) = (0, 0, 0);
    for who in [DAUGHTER, CM] {
        let cookie = site.cookie(who).await;
        for (path, param) in readers(&r) {
            let encoded = hostile().into_iter().map(|v| enc(&v));
            let raw = RAW.iter().map(|v| v.replace("{p}", param));
            for value in encoded.chain(raw) {
                let url = format!("{path}{param}={value}");
                let (status, body) = open(&site, &url, &cookie).await;
                if let Some(f) = fault(status, &body) {
                    let shown: String = url.chars().take(120).collect();
                    failures.push(format!("{who} {shown}: {f}"));
                }
                match notice(&body) {
                    Some(n) if n.contains(&bad_request) => refusals += 1,
                    Some(n) if n.contains(&not_a_date) => dates_refused += 1,
                    Some(_) => {}
                    None => pages += 1,
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Both outcomes happened: pages shown, and values refused in words,
    // a date by naming its field.
    assert!(
        pages > 50 && refusals > 50,
        "{pages} pages, {refusals} refusals"
    );
    assert!(dates_refused > 0, "no end date refused");

    // The same pages with the values their own links hold still work.
    let daughter = site.cookie(DAUGHTER).await;
    let day = site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &daughter)
        .await;
    assert!(day.contains("血圧"), "the day's measurements are shown");
    for ok in [
        format!("/r/{r}/body?span=week"),
        format!("/r/{r}/records?kind=meal"),
        format!("/r/{r}/print?to={}", support::yesterday()),
        format!("/r/{r}/acp/history?from=1&to=1"),
    ] {
        let body = site.page(&ok, &daughter).await;
        assert!(notice(&body).is_none(), "{ok}: {:?}", notice(&body));
    }

    // And the server is still up.
    let req = Request::get("/healthz").body(Body::empty()).unwrap();
    let (status, _, _) = site.send(req).await;
    assert_eq!(status, StatusCode::OK);
}

/// The answer the server's form layer writes into a page's address after a
/// refused form (`?__path=…&__err=…`), forged: a link anyone can send.
fn forged(path: &str, r: &str, error: &AppError) -> String {
    let err = URL_SAFE.encode(serde_json::to_vec(error).unwrap());
    format!("/r/{r}/wishes?__path={}&__err={err}", enc(path))
}

#[tokio::test]
async fn an_error_written_into_an_address_is_said_in_our_own_words() {
    let site = site().await;
    let r = site.recipient.clone();
    let daughter = site.cookie(DAUGHTER).await;
    let lie = "至急 0120-000-000 にお電話ください";
    let said = |error: AppError| AppError::Said {
        error: Box::new(error),
        said: vec![lie.to_string()],
    };
    let not_allowed = i18n::text(Lang::Ja, "wish-not-allowed");
    let bad_request = i18n::text(Lang::Ja, "error-bad-request");
    for (error, shown) in [
        // Words of its own: dropped, the error said again.
        (said(AppError::refused("wish-not-allowed")), &not_allowed),
        (
            said(AppError::Server),
            &i18n::text(Lang::Ja, "error-server"),
        ),
        // A message "key" that is none of ours.
        (AppError::refused(lie), &bad_request),
    ] {
        let body = site
            .page(&forged("/api/wishes/add", &r, &error), &daughter)
            .await;
        assert!(!body.contains(lie), "the forged words are shown: {error:?}");
        let n = notice(&body).unwrap_or_default();
        assert!(n.contains(shown.as_str()), "{error:?}: {n}");
    }
    // Not base64, not JSON: a refusal in words, not an error page.
    for junk in ["%%%", "e30", "W1tbW1tbW1s"] {
        let path = format!("/r/{r}/wishes?__path=%2Fapi%2Fwishes%2Fadd&__err={junk}");
        let (status, body) = open(&site, &path, &daughter).await;
        assert_eq!(fault(status, &body), None, "{path}");
    }
}
