//! Getting data in: the ケアプラン標準仕様 CSV set and the FHIR
//! Bundle in tests/fixtures go in through the command line and the
//! integration API and show up, in plain Japanese, on the family's pages;
//! every bad input is refused whole with a Japanese message, and the
//! server keeps serving.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;

use app::domain::classes::InfoClass;
use app::domain::ids::{PersonId, ProviderId, RecipientId};
use app::domain::time::OccurredAt;
use app::server::api_tokens::{self, Scope};
use support::site::{plan_post, site, site_on, Site};

const DAUGHTER: &str = "佐藤 美咲";

fn fixture(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
}

fn csv_set() -> Vec<std::path::PathBuf> {
    ["利用者補足情報.csv", "第1表.csv", "第2表.csv"]
        .iter()
        .map(|f| fixture(&format!("careplan/{f}")))
        .collect()
}

fn bundle() -> Vec<u8> {
    std::fs::read(fixture("fhir/bundle.json")).unwrap()
}

/// Runs `yorisoi import` on the site's database: (exit ok, printed JSON).
fn cli_import(site: &Site, files: &[std::path::PathBuf]) -> (bool, Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"))
        .arg("--database-url")
        .arg(&site.t.url)
        .arg("import")
        .args(files)
        .arg("--recipient")
        .arg(&site.recipient)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout} / {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), json)
}

async fn count(site: &Site, table: &str) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {table} WHERE recipient_id = $1"
    ))
    .bind(&site.recipient)
    .fetch_one(site.t.db.pool())
    .await
    .unwrap()
}

/// What an import could have touched, to prove a refusal wrote nothing.
async fn footprint(site: &Site) -> [i64; 4] {
    [
        count(site, "care_plans").await,
        count(site, "vital_signs").await,
        count(site, "medical_items").await,
        count(site, "import_keys").await,
    ]
}

/// The administrator of the care manager's 事業所 and that 事業所.
async fn cm_office(site: &Site) -> (PersonId, ProviderId) {
    let (admin, provider): (String, String) = sqlx::query_as(
        "SELECT a.person_id, a.provider_id FROM provider_admins a \
         JOIN people p ON p.provider_id = a.provider_id WHERE p.role = 'care_manager' LIMIT 1",
    )
    .fetch_one(site.t.db.pool())
    .await
    .unwrap();
    (
        PersonId::parse(&admin).unwrap(),
        ProviderId::parse(&provider).unwrap(),
    )
}

/// A token of the care manager's 事業所 for ハナ.
async fn token(
    site: &Site,
    classes: &[InfoClass],
    may_import: bool,
    may_read: bool,
) -> (String, String) {
    let (admin, provider) = cm_office(site).await;
    let scope = Scope {
        recipients: vec![RecipientId::parse(&site.recipient).unwrap()],
        classes: classes.to_vec(),
        may_import,
        may_read,
    };
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    api_tokens::create(&site.t.db, provider, admin, "テスト連携", &scope, now)
        .await
        .unwrap()
}

async fn all_classes_token(site: &Site) -> String {
    token(site, InfoClass::ALL, true, true).await.1
}

/// POST one file as the body.
async fn post_file(
    site: &Site,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let req = Request::post(format!("/api/v1/recipients/{}/imports", site.recipient))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    let (status, _, body) = site.send(req).await;
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

/// POST several files as multipart/form-data (how a CSV set travels).
async fn post_files(site: &Site, token: &str, files: &[(String, Vec<u8>)]) -> (StatusCode, Value) {
    let boundary = "yorisoi-test-boundary";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    post_file(
        site,
        token,
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    )
    .await
}

fn csv_files() -> Vec<(String, Vec<u8>)> {
    csv_set()
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn created(summary: &Value, what: &str) -> i64 {
    summary["created"][what].as_i64().unwrap()
}

fn unchanged(summary: &Value, what: &str) -> i64 {
    summary["unchanged"][what].as_i64().unwrap()
}

fn errors(summary: &Value) -> String {
    summary["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn still_serving(site: &Site) {
    let req = Request::get("/healthz").body(Body::empty()).unwrap();
    assert_eq!(site.send(req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_csv_set_goes_in_through_the_command_line_once_and_the_family_reads_it() {
    let site = site().await;
    let before = count(&site, "care_plans").await;
    let (ok, summary) = cli_import(&site, &csv_set());
    assert!(ok, "{summary}");
    assert_eq!(summary["format"], "careplan-csv");
    assert_eq!(created(&summary, "care_plans"), 1, "{summary}");
    assert_eq!(count(&site, "care_plans").await, before + 1);

    // The same plan version again changes nothing.
    let (ok, again) = cli_import(&site, &csv_set());
    assert!(ok, "{again}");
    assert_eq!(created(&again, "care_plans"), 0);
    assert_eq!(unchanged(&again, "care_plans"), 1);
    assert_eq!(count(&site, "care_plans").await, before + 1);

    // The daughter finds the imported plan, its words one tap away.
    let daughter = site.cookie(DAUGHTER).await;
    let plan = site
        .page(&format!("/r/{}/plan", site.recipient), &daughter)
        .await;
    assert!(
        plan.contains(fixture_need()),
        "the imported 課題 is on the plan page"
    );
}

/// A 課題 from tests/fixtures/careplan/第2表.csv, as the plan page shows
/// the staff's wording.
fn fixture_need() -> &'static str {
    FIXTURE_NEED
}

const FIXTURE_NEED: &str =
    "足腰が弱くなり転倒が不安だが、家の中を安全に移動し、トイレには自分で行きたい。";

#[tokio::test]
async fn the_fhir_bundle_goes_in_through_the_api_and_shows_on_the_family_pages() {
    let site = site().await;
    let daughter = site.cookie(DAUGHTER).await;
    let day = format!("/r/{}", site.recipient);
    let plan_page = format!("/r/{}/plan", site.recipient);
    let new_plan = "ケアプランが新しくなりました";
    // She has read the demo's plan: nothing new on her ホーム.
    site.page(&plan_page, &daughter).await;
    assert!(!site.page(&day, &daughter).await.contains(new_plan));

    let token = all_classes_token(&site).await;
    let (status, summary) = post_file(&site, &token, "application/fhir+json", bundle()).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["format"], "fhir");
    assert!(created(&summary, "vital_signs") >= 2, "{summary}");
    assert_eq!(created(&summary, "medical_items"), 1, "{summary}");
    assert_eq!(created(&summary, "care_plans"), 1, "{summary}");

    let (status, again) = post_file(&site, &token, "application/fhir+json", bundle()).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(created(&again, "vital_signs"), 0);
    assert_eq!(
        unchanged(&again, "vital_signs"),
        created(&summary, "vital_signs")
    );
    assert_eq!(unchanged(&again, "medical_items"), 1);

    let medical = site
        .page(&format!("/r/{}/medical", site.recipient), &daughter)
        .await;
    assert!(
        medical.contains(FIXTURE_ALLERGY),
        "the imported allergy is on 医療のこと"
    );
    // Her ホーム tells her of the new plan until she has opened it.
    assert!(site.page(&day, &daughter).await.contains(new_plan));
    let plan = site.page(&plan_page, &daughter).await;
    assert!(
        plan.contains("転ばずに、家の中を自分で歩いて移動できる。"),
        "the imported goal"
    );
    assert!(!site.page(&day, &daughter).await.contains(new_plan));
}

const FIXTURE_ALLERGY: &str = "ペニシリン系抗菌薬";

#[tokio::test]
async fn the_csv_set_goes_in_through_the_api_as_one_multipart_request() {
    let site = site_on(support::postgres().await, None).await;
    let token = all_classes_token(&site).await;
    let (status, summary) = post_files(&site, &token, &csv_files()).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(created(&summary, "care_plans"), 1, "{summary}");
    let (_, again) = post_files(&site, &token, &csv_files()).await;
    assert_eq!(unchanged(&again, "care_plans"), 1, "{again}");
}

/// Files as an import takes them: (name, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// (path template, method, status) of a documented answer.
type Operation = (&'static str, &'static str, u16);

fn sjis_decode(bytes: &[u8]) -> String {
    encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned()
}

fn sjis_encode(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

/// The fixture CSV set with `change` applied to the text of file `which`.
fn csv_changed(which: &str, change: impl Fn(&str) -> String) -> Vec<(String, Vec<u8>)> {
    csv_files()
        .into_iter()
        .map(|(name, bytes)| {
            if name == which {
                let text = change(&sjis_decode(&bytes));
                (name, sjis_encode(&text))
            } else {
                (name, bytes)
            }
        })
        .collect()
}

/// Every line's cells changed by `f` (the first line is data: no header).
fn each_line(text: &str, f: impl Fn(Vec<&str>) -> Vec<String>) -> String {
    text.split("\r\n")
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                f(l.split(',').collect()).join(",")
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Each bad input: refused whole (422 or 413), a Japanese message with
/// what is wrong, nothing written, and the server still serving.
#[tokio::test]
async fn bad_files_are_refused_whole_with_a_japanese_message() {
    let site = site().await;
    let token = all_classes_token(&site).await;
    let untouched = footprint(&site).await;
    let table2 = "第2表.csv";
    let bundle_text = String::from_utf8(bundle()).unwrap();

    let utf8: Vec<(String, Vec<u8>)> = csv_files()
        .into_iter()
        .map(|(n, b)| (n, sjis_decode(&b).into_bytes()))
        .collect();
    let mut truncated = csv_files();
    {
        // Cut inside a two-byte character: its first byte stays.
        let bytes = &mut truncated[2].1;
        let at = bytes.iter().rposition(|b| *b >= 0x81).unwrap();
        let lead = (0..=at)
            .rev()
            .find(|i| (0x81..=0x9f).contains(&bytes[*i]) || (0xe0..=0xfc).contains(&bytes[*i]))
            .unwrap();
        bytes.truncate(lead + 1);
    }
    let csv_cases: Vec<(&str, Files, &str)> = vec![
        ("UTF-8 sent as Shift_JIS", utf8, "UTF-8"),
        (
            "a missing column",
            csv_changed(table2, |t| {
                each_line(t, |c| {
                    c[..c.len() - 1].iter().map(|s| s.to_string()).collect()
                })
            }),
            "列",
        ),
        (
            "an extra column",
            csv_changed(table2, |t| {
                each_line(t, |c| {
                    c.iter()
                        .map(|s| s.to_string())
                        .chain(["x".to_string()])
                        .collect()
                })
            }),
            "列",
        ),
        (
            "a 被保険者番号 of nobody",
            // In every file of the set, so it is still one plan.
            csv_files()
                .into_iter()
                .map(|(n, b)| {
                    let text = sjis_decode(&b).replace("0000012345", "0000099999");
                    (n, sjis_encode(&text))
                })
                .collect(),
            "0000099999",
        ),
        (
            "a date written in 和暦",
            csv_changed(table2, |t| {
                each_line(t, |mut c| {
                    c[4] = "令和7年2月30日";
                    c.iter().map(|s| s.to_string()).collect()
                })
            }),
            "20250228",
        ),
        (
            "a day that does not exist",
            csv_changed(table2, |t| {
                each_line(t, |mut c| {
                    c[4] = "20250230";
                    c.iter().map(|s| s.to_string()).collect()
                })
            }),
            "ありえない日付",
        ),
        (
            "half-width katakana",
            csv_changed(table2, |t| {
                each_line(t, |mut c| {
                    c[13] = "ﾃﾞｲｻｰﾋﾞｽ";
                    c.iter().map(|s| s.to_string()).collect()
                })
            }),
            "半角カタカナ",
        ),
        ("a truncated file", truncated, "Shift_JIS"),
    ];
    for (case, files, says) in csv_cases {
        let (status, summary) = post_files(&site, &token, &files).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}: {summary}"
        );
        let said = errors(&summary);
        assert!(said.contains(says), "{case}: {said}");
        assert!(
            said.contains("行目") || said.contains("ファイル"),
            "{case} says where: {said}"
        );
        assert_eq!(footprint(&site).await, untouched, "{case}: nothing written");
        still_serving(&site).await;
    }

    let fhir_cases: Vec<(&str, String, &str)> = vec![
        (
            "a temperature in Fahrenheit",
            bundle_text.replacen("\"Cel\"", "\"[degF]\"", 2),
            "単位",
        ),
        (
            "an unknown LOINC code",
            bundle_text.replacen("8867-4", "1234-5", 1),
            "1234-5",
        ),
        (
            "a truncated Bundle",
            bundle_text[..bundle_text.len() / 2].to_string(),
            "JSON",
        ),
    ];
    for (case, body, says) in fhir_cases {
        let (status, summary) =
            post_file(&site, &token, "application/fhir+json", body.into_bytes()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}: {summary}"
        );
        let said = errors(&summary);
        assert!(said.contains(says), "{case}: {said}");
        assert_eq!(footprint(&site).await, untouched, "{case}: nothing written");
        still_serving(&site).await;
    }

    // 50 MB: refused before it is read whole, through the API and the CLI.
    let huge = vec![b'1'; 50 * 1024 * 1024];
    let (status, summary) = post_file(&site, &token, "text/csv", huge.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{summary}");
    assert!(errors(&summary).contains("大きすぎ"), "{summary}");
    let dir = std::env::temp_dir().join(format!("yorisoi-huge-{}", site.recipient));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("第2表.csv");
    std::fs::write(&file, &huge).unwrap();
    let (ok, summary) = cli_import(&site, &[file]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!ok, "the command fails");
    assert!(errors(&summary).contains("大きすぎ"), "{summary}");
    assert_eq!(footprint(&site).await, untouched);
    still_serving(&site).await;
}

#[tokio::test]
async fn a_refused_cli_import_exits_non_zero_and_lists_row_and_column() {
    let site = site().await;
    let dir = std::env::temp_dir().join(format!("yorisoi-bad-{}", site.recipient));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (name, bytes) in csv_changed("第2表.csv", |t| {
        each_line(t, |mut c| {
            c[4] = "20250230";
            c.iter().map(|s| s.to_string()).collect()
        })
    }) {
        let p = dir.join(&name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p);
    }
    let (ok, summary) = cli_import(&site, &paths);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!ok);
    assert_eq!(created(&summary, "care_plans"), 0);
    let said = errors(&summary);
    assert!(
        said.contains("第2表.csv: 1行目の「"),
        "file, row and column: {said}"
    );
}

/// How many audit entries name the token `id`.
async fn api_calls(site: &Site, id: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE session_label = $1")
        .bind(format!("api-token:{id}"))
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

/// GET the recipient's FHIR Bundle with `token`.
async fn fhir_get(site: &Site, token: String) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut req = Request::get(format!("/api/v1/recipients/{}/fhir", site.recipient));
    if !token.is_empty() {
        req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    site.send(req.body(Body::empty()).unwrap()).await
}

/// The integration API's tokens: who may do what, and every call logged.
#[tokio::test]
async fn tokens_are_checked_scoped_revocable_and_every_call_is_logged() {
    let site = site().await;
    // No token, a made-up one.
    let (status, _, body) = fhir_get(&site, String::new()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, body) = fhir_get(&site, format!("yrs_{}", "0".repeat(64))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("連携キー"), "{body}");

    // Import-only: reading is refused; living-only: vital signs refused.
    let (id, import_only) = token(&site, &[InfoClass::Living], true, false).await;
    let (status, _, _) = fhir_get(&site, import_only.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, summary) = post_file(&site, &import_only, "application/fhir+json", bundle()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(errors(&summary).contains("医療の情報"), "{summary}");
    assert_eq!(
        api_calls(&site, &id).await,
        2,
        "both calls are in the audit log"
    );

    // A read token sees only its classes.
    let (_, living_reader) = token(&site, &[InfoClass::Living], false, true).await;
    let (status, _, body) = fhir_get(&site, living_reader).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let bundle: Value = serde_json::from_str(&body).unwrap();
    let kinds: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"CarePlan"), "{kinds:?}");
    assert!(
        !kinds.contains(&"Observation"),
        "no 医療 for a living-only token: {kinds:?}"
    );

    // A recipient outside the token: as if absent.
    let (_, reader) = token(&site, InfoClass::ALL, false, true).await;
    let req = Request::get(format!("/api/v1/recipients/{}/fhir", RecipientId::new()))
        .header(header::AUTHORIZATION, format!("Bearer {reader}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(site.send(req).await.0, StatusCode::NOT_FOUND);

    // Revoked: refused from then on. Only the hash is stored.
    let (id, live) = token(&site, InfoClass::ALL, false, true).await;
    assert_eq!(fhir_get(&site, live.clone()).await.0, StatusCode::OK);
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM api_tokens WHERE id = $1")
        .bind(&id)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert!(
        !stored.contains(&live[4..]),
        "the token itself is not stored"
    );
    let (_, provider) = cm_office(&site).await;
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    assert!(api_tokens::revoke(&site.t.db, provider, &id, now)
        .await
        .unwrap());
    assert_eq!(fhir_get(&site, live).await.0, StatusCode::UNAUTHORIZED);
}

/// Follows `$ref`s within the OpenAPI document.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.trim_start_matches("#/");
            let target = path.split('/').fold(doc, |node, key| &node[key]);
            resolve(doc, target)
        }
        None => v,
    }
}

/// Checks `value` against the parts of JSON Schema the document uses.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    let ty = schema.get("type").and_then(Value::as_str);
    let ok = match ty {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        _ => true,
    };
    if !ok {
        return Err(format!("{at}: expected {ty:?}, got {value}"));
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            return Err(format!("{at}: {value} not in {options:?}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_i64),
        value.as_i64(),
    ) {
        if n < min {
            return Err(format!("{at}: {n} < {min}"));
        }
    }
    for key in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = key.as_str().unwrap_or_default();
        if value.get(key).is_none() {
            return Err(format!("{at}: missing {key}"));
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (key, sub) in props {
            if let Some(v) = value.get(key) {
                conforms(doc, sub, v, &format!("{at}.{key}"))?;
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            conforms(doc, items, v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// server/openapi.json is what the running server does: every documented
/// answer of every operation is produced here and its body checked against
/// the documented schema, and nothing undocumented is answered.
#[tokio::test]
async fn the_openapi_document_matches_the_running_server() {
    let site = site().await;
    let req = Request::get("/api/v1/openapi.json")
        .body(Body::empty())
        .unwrap();
    let (status, _, served) = site.send(req).await;
    assert_eq!(status, StatusCode::OK);
    let doc: Value = serde_json::from_str(&served).unwrap();
    let on_disk: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(doc, on_disk, "the server serves the file in the repository");

    let all = all_classes_token(&site).await;
    let (_, read_only) = token(&site, InfoClass::ALL, false, true).await;
    let (_, import_only) = token(&site, InfoClass::ALL, true, false).await;
    let r = site.recipient.clone();
    let nobody = RecipientId::new().to_string();
    let imports = |recipient: &str| format!("/api/v1/recipients/{recipient}/imports");
    let fhir = |recipient: &str| format!("/api/v1/recipients/{recipient}/fhir");
    let get = |path: String, token: &str| {
        let mut b = Request::get(path);
        if !token.is_empty() {
            b = b.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        b.body(Body::empty()).unwrap()
    };
    let post = |path: String, token: &str, ct: &str, body: Vec<u8>| {
        let mut b = Request::post(path).header(header::CONTENT_TYPE, ct);
        if !token.is_empty() {
            b = b.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        b.body(Body::from(body)).unwrap()
    };
    let utf8 = sjis_decode(&csv_files()[2].1).into_bytes();
    let json = "application/fhir+json";
    // (path template, method, status) → the request that must give it.
    let cases: Vec<(Operation, Request<Body>)> = vec![
        (
            ("/api/v1/openapi.json", "get", 200),
            get("/api/v1/openapi.json".into(), ""),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 200),
            post(imports(&r), &all, json, bundle()),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 401),
            post(imports(&r), "", json, bundle()),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 403),
            post(imports(&r), &read_only, json, bundle()),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 404),
            post(imports(&nobody), &all, json, bundle()),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 413),
            post(imports(&r), &all, "text/csv", vec![b'1'; 6 * 1024 * 1024]),
        ),
        (
            ("/api/v1/recipients/{id}/imports", "post", 422),
            post(imports(&r), &all, "text/csv", utf8),
        ),
        (
            ("/api/v1/recipients/{id}/fhir", "get", 200),
            get(fhir(&r), &all),
        ),
        (
            ("/api/v1/recipients/{id}/fhir", "get", 401),
            get(fhir(&r), ""),
        ),
        (
            ("/api/v1/recipients/{id}/fhir", "get", 403),
            get(fhir(&r), &import_only),
        ),
        (
            ("/api/v1/recipients/{id}/fhir", "get", 404),
            get(fhir(&nobody), &all),
        ),
    ];
    let mut documented = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for status in op["responses"].as_object().unwrap().keys() {
                documented.push((path.clone(), method.clone(), status.parse::<u16>().unwrap()));
            }
        }
    }
    let mut tried: Vec<_> = cases
        .iter()
        .map(|((p, m, s), _)| (p.to_string(), m.to_string(), *s))
        .collect();
    documented.sort();
    tried.sort();
    assert_eq!(
        documented, tried,
        "every documented answer is tried, and only those"
    );
    for ((path, method, status), req) in cases {
        let (got, headers, body) = site.send(req).await;
        assert_eq!(got.as_u16(), status, "{method} {path}: {body}");
        let response = resolve(
            &doc,
            &doc["paths"][path][method]["responses"][status.to_string()],
        );
        let content = response["content"].as_object().unwrap();
        let ct = headers[header::CONTENT_TYPE].to_str().unwrap();
        let (media, spec) = content
            .iter()
            .find(|(m, _)| ct.starts_with(m.as_str()))
            .unwrap_or_else(|| panic!("{method} {path} {status}: {ct} is not documented"));
        let value: Value = serde_json::from_str(&body).unwrap();
        conforms(
            &doc,
            &spec["schema"],
            &value,
            &format!("{method} {path} {status} {media}"),
        )
        .unwrap();
    }
}

/// 介護職員 in ハナ's team (demo).
const WORKER: &str = "高橋 誠";
const CARE_MANAGER: &str = "田中 里美";

fn visit_at(minutes_ago: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes_ago))
        .with_timezone(&app::domain::time::jst())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn a_whole_visit_is_saved_at_once_and_the_family_reads_it_in_plain_words() {
    let site = site().await;
    let worker = site.cookie(WORKER).await;
    let records = count(&site, "care_records").await;
    let vitals = count(&site, "vital_signs").await;
    let form = format!(
        "recipient={}&form[at]={}&form[staple]=8&form[side]=6&form[fluid]=200\
         &form[excretion]=urine&form[excretion_count]=1&form[medication]=on\
         &form[temperature]=36.7&form[systolic]=124&form[diastolic]=72\
         &form[note]={}&form[note_class]=living",
        site.recipient,
        urlencode(&visit_at(1)),
        urlencode("お昼はちらし寿司を喜んで召し上がった。"),
    );
    let (status, body) = site.call("/api/visit/save", &worker, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // 食事, 排泄, 服薬, 様子 and one measurement.
    assert_eq!(count(&site, "care_records").await, records + 4);
    assert_eq!(count(&site, "vital_signs").await, vitals + 1);

    let daughter = site.cookie(DAUGHTER).await;
    let day = site
        .page(&format!("/r/{}", site.recipient), &daughter)
        .await;
    assert!(day.contains("ちらし"), "the note is on today's page");

    // A team-only note: the care manager sees it, the daughter does not.
    let secret = "家族関係について地域包括と相談中";
    let form = format!(
        "recipient={}&form[at]={}&form[note]={}&form[team_only]=on",
        site.recipient,
        urlencode(&visit_at(0)),
        urlencode(secret),
    );
    let (status, body) = site.call("/api/visit/save", &worker, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cm = site.cookie(CARE_MANAGER).await;
    let records_page = format!("/r/{}/records", site.recipient);
    assert!(site.page(&records_page, &cm).await.contains(secret));
    assert!(!site.page(&records_page, &daughter).await.contains(secret));
}

#[tokio::test]
async fn a_refused_visit_writes_nothing_and_comes_back_as_typed() {
    let site = site().await;
    let worker = site.cookie(WORKER).await;
    let records = count(&site, "care_records").await;
    let note = "右足のむくみあり、夕方に再確認する。";
    let form = format!(
        "recipient={}&form[at]={}&form[staple]=12&form[fluid]=150&form[note]={}",
        site.recipient,
        urlencode(&visit_at(1)),
        urlencode(note),
    );
    let (status, body) = site.call("/api/visit/save", &worker, &form).await;
    assert!(status.is_client_error(), "{status} {body}");
    assert!(
        body.contains("主食を食べた量"),
        "the field is named: {body}"
    );
    assert_eq!(
        count(&site, "care_records").await,
        records,
        "nothing written"
    );

    // The form comes back with everything typed, once.
    let page = site
        .page(&format!("/r/{}/visit", site.recipient), &worker)
        .await;
    assert!(page.contains(note), "the note is still there");
    assert!(page.contains("value=\"150\""), "the fluid is still there");
    let again = site
        .page(&format!("/r/{}/visit", site.recipient), &worker)
        .await;
    assert!(!again.contains(note), "a draft is shown once");

    // A draft nobody comes back for is removed once too old to be shown.
    let (status, _) = site.call("/api/visit/save", &worker, &form).await;
    assert!(status.is_client_error());
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let sweep = |at| app::server::db::drafts::sweep(&site.t.db, at);
    assert_eq!(sweep(now).await.unwrap(), 0, "a fresh draft stays");
    let later = OccurredAt::from_millis(now.millis() + 2 * 60 * 60 * 1000);
    assert_eq!(sweep(later).await.unwrap(), 1, "an hour-old draft goes");
}

/// ハナ's visiting nurse (demo).
const NURSE: &str = "中村 由美";

#[tokio::test]
async fn a_nurse_writes_a_medical_item_and_the_family_reads_it_as_written() {
    let site = site().await;
    let nurse = site.cookie(NURSE).await;
    let items = count(&site, "medical_items").await;
    // A 嚥下調整食 code on an allergy, and no name: both named, nothing written.
    let bad = format!(
        "recipient={}&form[kind]=allergy&form[title]=&form[dysphagia_code]=2-1",
        site.recipient
    );
    let (status, body) = site.call("/api/medical/add", &nurse, &bad).await;
    assert!(status.is_client_error(), "{status} {body}");
    assert!(body.contains("医療の項目の名前"), "{body}");
    assert_eq!(count(&site, "medical_items").await, items);

    let title = "造影剤(ヨード)";
    let form = format!(
        "recipient={}&form[kind]=drug_contraindication&form[title]={}&form[detail]={}",
        site.recipient,
        urlencode(title),
        urlencode("2019年に造影CTで呼吸苦あり。使用しない。"),
    );
    let (status, body) = site.call("/api/medical/add", &nurse, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let daughter = site.cookie(DAUGHTER).await;
    let page = site
        .page(&format!("/r/{}/medical", site.recipient), &daughter)
        .await;
    assert!(page.contains(title), "the item, in the nurse's words");
    // The daughter reads; she does not write medical items.
    assert!(!page.contains("医療の情報を書く"));
    let (status, _) = site.call("/api/medical/add", &daughter, &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_correction_keeps_the_earlier_wording_with_who_and_when() {
    let site = site().await;
    let worker = site.cookie(WORKER).await;
    let first = format!("血圧が高めでした(訂正前 {})", site.recipient);
    let form = format!(
        "recipient={}&form[at]={}&form[note]={}",
        site.recipient,
        urlencode(&visit_at(2)),
        urlencode(&first),
    );
    let (status, body) = site.call("/api/visit/save", &worker, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let record: String = sqlx::query_scalar("SELECT id FROM care_records WHERE note = $1")
        .bind(&first)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();

    // Someone else may not rewrite it; an empty 様子 is refused.
    let nurse = site.cookie(NURSE).await;
    let second = "血圧は普段どおりでした(測り直し)";
    let correct = |note: &str| {
        format!(
            "recipient={}&record={record}&note={}",
            site.recipient,
            urlencode(note)
        )
    };
    let (status, _) = site
        .call("/api/records/correct", &nurse, &correct(second))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = site
        .call("/api/records/correct", &worker, &correct(" "))
        .await;
    assert!(status.is_client_error());

    let (status, body) = site
        .call("/api/records/correct", &worker, &correct(second))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let kept: (String, String) = sqlx::query_as(
        "SELECT x.note, p.display_name FROM care_record_revisions x \
         JOIN people p ON p.id = x.written_by WHERE x.record_id = $1",
    )
    .bind(&record)
    .fetch_one(site.t.db.pool())
    .await
    .unwrap();
    assert_eq!(kept, (first.clone(), WORKER.to_string()));

    // The daughter reads the new wording, is told it was rewritten, and
    // finds the earlier wording one tap away.
    let daughter = site.cookie(DAUGHTER).await;
    let page = site
        .page(
            &format!("/r/{}/records/{record}", site.recipient),
            &daughter,
        )
        .await;
    assert!(page.contains("高橋 誠さんが"), "who rewrote it");
    assert!(page.contains(&first), "the earlier wording is kept");
    assert!(
        !page.contains("書きなおしを保存する"),
        "she does not rewrite it"
    );
    let list = site
        .page(&format!("/r/{}/records", site.recipient), &daughter)
        .await;
    assert!(list.contains("前の文を見る"));
}

async fn newest_plan(site: &Site) -> app::domain::care_plan::CarePlan {
    let id = RecipientId::parse(&site.recipient).unwrap();
    app::server::db::care_plan::latest_plan(&site.t.db, id)
        .await
        .unwrap()
        .unwrap()
}

/// A 第2表 line that starts a new 課題 with its goals and one service.
fn new_need_line(need: &str, service: &str) -> app::domain::plan_form::Table2Line {
    app::domain::plan_form::Table2Line {
        need: need.into(),
        long_goal: "庭の手入れを続けられる".into(),
        long_from: "2026-12-01".into(),
        long_to: "2027-11-30".into(),
        short_goal: "週1回は庭に出る".into(),
        short_from: "2026-12-01".into(),
        short_to: "2027-05-31".into(),
        content: service.into(),
        insured: Some("on".into()),
        kind: "訪問介護".into(),
        provider: "さくら訪問介護".into(),
        frequency: "週1回".into(),
        from: "2026-12-01".into(),
        to: "2027-05-31".into(),
        remove: None,
    }
}

#[tokio::test]
async fn the_care_manager_writes_the_next_plan_version_and_the_family_is_told() {
    let (site, sink) = support::site::site_with_mail().await;
    let daughter_id = PersonId::parse(&site.person(DAUGHTER).await).unwrap();
    app::server::db::people::set_email(&site.t.db, daughter_id, Some("misaki@example.jp"))
        .await
        .unwrap();
    let cm = site.cookie(CARE_MANAGER).await;
    let daughter = site.cookie(DAUGHTER).await;
    let before = newest_plan(&site).await;
    let first_need = before.plan.needs[0].need.to_string();
    let day = format!("/r/{}", site.recipient);
    let new_plan = "ケアプランが新しくなりました";
    // She has read the demo's plan: nothing new on her ホーム.
    site.page(&format!("/r/{}/plan", site.recipient), &daughter)
        .await;
    assert!(!site.page(&day, &daughter).await.contains(new_plan));

    // The editor opens with the newest version in the paper form's lines.
    let editor = site
        .page(&format!("/r/{}/plan/edit", site.recipient), &cm)
        .await;
    assert!(
        editor.contains(&first_need),
        "the plan's 課題 is in the form"
    );
    assert!(editor.contains("第3表 週間サービス計画表"));

    // The care manager adds a 課題 with its goals and help, and a visit on
    // Saturday morning; the rest stays as it was.
    let need = "庭に出る機会が減っている";
    let service = "庭までの移動の見守り";
    let mut form = app::domain::plan_form::PlanForm::from_plan(&before.plan);
    form.lines.push(new_need_line(need, service));
    form.week.push(app::domain::plan_form::WeekLine {
        weekday: "5".into(),
        start: "10:00".into(),
        end: "11:00".into(),
        content: "訪問介護(庭の見守り)".into(),
        remove: None,
    });
    let (status, body) = site
        .call(
            "/api/plan/save",
            &cm,
            &plan_post(&site.recipient, before.version, &form),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = newest_plan(&site).await;
    assert_eq!(after.version, before.version + 1, "a new version");
    assert_eq!(after.plan.needs.len(), before.plan.needs.len() + 1);
    assert_eq!(
        after.plan.needs[..before.plan.needs.len()],
        before.plan.needs[..]
    );
    assert_eq!(after.plan.weekly.len(), before.plan.weekly.len() + 1);

    // The daughter is told, ホーム says the plan is new, and she reads the
    // new 課題 and what changed.
    assert!(site.page(&day, &daughter).await.contains(new_plan));
    let mail = sink.wait_for(1).await;
    assert!(mail.iter().any(|m| m.contains("misaki@example.jp")));
    assert!(
        mail.iter().all(|m| !m.contains(need)),
        "no plan text in mail"
    );
    let plan_page = site
        .page(&format!("/r/{}/plan", site.recipient), &daughter)
        .await;
    assert!(plan_page.contains(need), "the new 課題 is on her plan page");
    assert!(
        plan_page.contains("あたらしく始まること"),
        "what changed is listed"
    );
    assert!(
        !plan_page.contains("/plan/edit"),
        "she does not edit the plan"
    );
    assert!(
        !site.page(&day, &daughter).await.contains(new_plan),
        "read: the notice goes"
    );

    // The earlier version is kept as it was.
    let versions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM care_plans WHERE recipient_id = $1")
            .bind(&site.recipient)
            .fetch_one(site.t.db.pool())
            .await
            .unwrap();
    assert_eq!(versions, after.version);
}

#[tokio::test]
async fn a_refused_or_late_plan_writes_nothing_and_comes_back_as_typed() {
    let site = site().await;
    let cm = site.cookie(CARE_MANAGER).await;
    let before = newest_plan(&site).await;
    let plans = count(&site, "care_plans").await;
    let goals = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM care_plan_goals")
            .fetch_one(site.t.db.pool())
            .await
            .unwrap()
    };
    let goals_before = goals().await;
    let editor = format!("/r/{}/plan/edit", site.recipient);

    // A reversed period, a service without its kind, an impossible date:
    // each named with its line; nothing written.
    let need = "夜間のトイレ移動が不安定";
    let mut form = app::domain::plan_form::PlanForm::from_plan(&before.plan);
    let mut line = new_need_line(need, "夜間の見守り");
    line.long_to = "2026-01-01".into();
    line.kind = String::new();
    line.short_to = "2027-02-30".into();
    form.lines.push(line);
    let row = form.lines.len();
    let (status, body) = site
        .call(
            "/api/plan/save",
            &cm,
            &plan_post(&site.recipient, before.version, &form),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for said in [
        format!("{row}行目の長期目標の期間は、終わりの日を始まりの日より後にしてください"),
        format!("{row}行目の短期目標の期間の書き方がちがいます"),
        format!("{row}行目のサービスの種類を入れてください"),
    ] {
        assert!(body.contains(&said), "{said} in {body}");
    }
    assert_eq!(count(&site, "care_plans").await, plans, "nothing written");
    assert_eq!(goals().await, goals_before);
    let back = site.page(&editor, &cm).await;
    assert!(back.contains(need), "the typed 課題 comes back");
    assert!(
        back.contains("2027-02-30"),
        "the typed date comes back as typed"
    );
    assert!(
        !site.page(&editor, &cm).await.contains(need),
        "a draft is shown once"
    );

    // Someone saved a newer version meanwhile: refused, nothing written,
    // and what was typed stays, now on top of the newer version.
    let mut late = app::domain::plan_form::PlanForm::from_plan(&before.plan);
    late.lines.push(new_need_line(need, "夜間の見守り"));
    let (status, _) = site
        .call(
            "/api/plan/save",
            &cm,
            &plan_post(&site.recipient, before.version - 1, &late),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&site, "care_plans").await, plans, "nothing written");
    let back = site.page(&editor, &cm).await;
    assert!(back.contains(need), "what was typed is kept");
    assert!(
        back.contains(&format!("name=\"base\" value=\"{}\"", before.version)),
        "and now goes on top of the newest version"
    );

    // Nobody but the care manager saves a plan.
    let nurse = site.cookie(NURSE).await;
    let (status, body) = site
        .call(
            "/api/plan/save",
            &nurse,
            &plan_post(&site.recipient, before.version, &late),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(count(&site, "care_plans").await, plans);
}

// ---- Whose file it is: a FHIR Bundle's Patient must be the recipient ----

/// The JP Core NamingSystem of the 被保険者番号 (its OID form).
const JP_INSURED: &str = "urn:oid:1.2.392.100495.20.3.63";
/// A hospital's 患者番号 system (JP Core: the root plus its 医療機関コード).
const HOSPITAL: &str = "urn:oid:1.2.392.100495.20.3.51.11312345678";

/// The fixture with its Patient's identifiers replaced (None: the
/// Patient's `identifier` left out).
fn bundle_for(identifiers: Option<Value>) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&bundle()).unwrap();
    let patient = &mut v["entry"][0]["resource"];
    assert_eq!(patient["resourceType"], "Patient");
    match identifiers {
        Some(ids) => patient["identifier"] = ids,
        None => {
            patient.as_object_mut().unwrap().remove("identifier");
        }
    }
    serde_json::to_vec(&v).unwrap()
}

fn identifier(system: &str, value: &str) -> Value {
    serde_json::json!([{ "system": system, "value": value }])
}

/// The fixture without its Patient (every resource still names the same
/// `urn:uuid:…`, so the file is about one person — but not whom).
fn bundle_without_patient() -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&bundle()).unwrap();
    v["entry"].as_array_mut().unwrap().remove(0);
    serde_json::to_vec(&v).unwrap()
}

/// Runs the `yorisoi` command line on the site's database: (exit ok,
/// stdout, stderr).
fn yorisoi(site: &Site, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yorisoi"))
        .arg("--database-url")
        .arg(&site.t.url)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn register(site: &Site, recipient: &str, system: &str, value: &str) -> (bool, String, String) {
    yorisoi(site, &["identifier", "register", recipient, system, value])
}

/// The bytes as one file through `yorisoi import` for ハナ.
fn cli_import_bytes(site: &Site, bytes: &[u8]) -> (bool, Value) {
    let dir = std::env::temp_dir().join(format!("yorisoi-whose-{}", RecipientId::new()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bundle.json");
    std::fs::write(&file, bytes).unwrap();
    let out = cli_import(site, &[file]);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Another recipient, 田中 一郎, with his own 被保険者番号.
async fn another_recipient(site: &Site) -> RecipientId {
    use app::domain::classes::CareLevel;
    use app::domain::people::{NameKana, PersonName, Recipient};
    let r = Recipient {
        id: RecipientId::new(),
        name: PersonName::parse("田中 一郎").unwrap(),
        name_kana: NameKana::parse("タナカ イチロウ").unwrap(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1940, 1, 15).unwrap(),
        care_level: CareLevel::Care1,
    };
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    app::server::db::people::insert_recipient(site.t.db.pool(), &r, now)
        .await
        .unwrap();
    app::server::db::imports::set_insurance(site.t.db.pool(), r.id, "131999", "0000077777")
        .await
        .unwrap();
    r.id
}

async fn both_sites() -> [Site; 2] {
    [site().await, site_on(support::postgres().await, None).await]
}

/// A refusal through the API and the command line: each says `says`, and
/// nothing is written.
async fn refused_everywhere(site: &Site, bytes: Vec<u8>, says: &[&str], case: &str) {
    let untouched = footprint(site).await;
    let token = all_classes_token(site).await;
    let (status, summary) = post_file(site, &token, "application/fhir+json", bytes.clone()).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{case}: {summary}"
    );
    let said = errors(&summary);
    for s in says {
        assert!(said.contains(s), "{case}: {said:?} should say {s:?}");
    }
    assert_eq!(footprint(site).await, untouched, "{case}: nothing written");
    let (ok, summary) = cli_import_bytes(site, &bytes);
    assert!(!ok, "{case}: the command fails");
    let said = errors(&summary);
    for s in says {
        assert!(said.contains(s), "{case} (CLI): {said:?} should say {s:?}");
    }
    assert_eq!(footprint(site).await, untouched, "{case}: nothing written");
}

#[tokio::test]
async fn a_bundle_for_another_person_is_refused_with_the_reason_and_nothing_written() {
    for site in both_sites().await {
        refused_everywhere(
            &site,
            bundle_for(Some(identifier(JP_INSURED, "0000099999"))),
            &["Patient", "0000099999", "合いません"],
            "a 被保険者番号 of nobody we know",
        )
        .await;
        // A hospital's number nobody registered names nobody we know.
        refused_everywhere(
            &site,
            bundle_for(Some(identifier(HOSPITAL, "P-778"))),
            &["P-778", "合いません"],
            "an unregistered identifier",
        )
        .await;
        // Her number without a system could be any number: not hers.
        refused_everywhere(
            &site,
            bundle_for(Some(serde_json::json!([{ "value": "0000012345" }]))),
            &["0000012345", "合いません"],
            "a number without its system",
        )
        .await;
    }
}

#[tokio::test]
async fn a_bundle_whose_patient_carries_her_insured_number_imports() {
    for site in both_sites().await {
        // The fixture as care software sends it.
        let (ok, summary) = cli_import_bytes(&site, &bundle());
        assert!(ok, "{summary}");
        assert_eq!(created(&summary, "care_plans"), 1, "{summary}");
        // JP Core's system, with other identifiers beside it and the
        // number in full-width digits as some software writes it.
        let ids = serde_json::json!([
            { "system": HOSPITAL, "value": "P-1" },
            { "system": JP_INSURED, "value": "０００００１２３４５" }
        ]);
        let (ok, summary) = cli_import_bytes(&site, &bundle_for(Some(ids)));
        assert!(ok, "{summary}");
        assert_eq!(unchanged(&summary, "care_plans"), 1, "{summary}");
        let jp_core_uri = identifier(
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonNumber",
            "0000012345",
        );
        let token = all_classes_token(&site).await;
        let (status, summary) = post_file(
            &site,
            &token,
            "application/fhir+json",
            bundle_for(Some(jp_core_uri)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{summary}");
    }
}

#[tokio::test]
async fn a_bundle_whose_patient_carries_an_identifier_registered_for_her_imports() {
    for site in both_sites().await {
        let file = bundle_for(Some(identifier(HOSPITAL, "P-778")));
        let untouched = footprint(&site).await;
        let (ok, _) = cli_import_bytes(&site, &file);
        assert!(!ok, "not before it is registered");
        assert_eq!(footprint(&site).await, untouched);

        let (ok, out, err) = register(&site, &site.recipient, HOSPITAL, "P-778");
        assert!(ok, "{out} {err}");
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'recipient_identifier' \
             AND recipient_id = $1 AND action = 'create' AND actor_id IS NULL",
        )
        .bind(&site.recipient)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1, "the registration is in the audit log");

        let (ok, summary) = cli_import_bytes(&site, &file);
        assert!(ok, "{summary}");
        assert_eq!(created(&summary, "care_plans"), 1, "{summary}");
    }
}

#[tokio::test]
async fn a_file_without_a_patient_is_refused_because_it_names_nobody() {
    for site in both_sites().await {
        refused_everywhere(
            &site,
            bundle_without_patient(),
            &["Patient", "だれ"],
            "a Bundle without its Patient",
        )
        .await;
        // A lone resource names nobody either.
        let observation = serde_json::json!({
            "resourceType": "Observation",
            "status": "final",
            "code": { "coding": [{ "system": "http://loinc.org", "code": "8867-4" }] },
            "subject": { "reference": "Patient/1" },
            "effectiveDateTime": "2026-11-03T09:30:00+09:00",
            "valueQuantity": { "value": 70, "system": "http://unitsofmeasure.org", "code": "/min" }
        });
        refused_everywhere(
            &site,
            serde_json::to_vec(&observation).unwrap(),
            &["Patient", "だれ"],
            "a lone Observation",
        )
        .await;
    }
}

#[tokio::test]
async fn a_patient_without_identifiers_is_refused() {
    for site in both_sites().await {
        refused_everywhere(
            &site,
            bundle_for(None),
            &["Patient", "識別子"],
            "a Patient without identifier",
        )
        .await;
        refused_everywhere(
            &site,
            bundle_for(Some(serde_json::json!([]))),
            &["Patient", "識別子"],
            "a Patient with an empty identifier list",
        )
        .await;
    }
}

#[tokio::test]
async fn a_patient_who_is_another_recipient_is_refused_as_another_persons_file() {
    for site in both_sites().await {
        let ichiro = another_recipient(&site).await.to_string();
        let (ok, out, err) = register(&site, &ichiro, HOSPITAL, "P-900");
        assert!(ok, "{out} {err}");
        let says = ["ほかの方", "Patient"];
        refused_everywhere(
            &site,
            bundle_for(Some(identifier(HOSPITAL, "P-900"))),
            &says,
            "an identifier registered for him",
        )
        .await;
        refused_everywhere(
            &site,
            bundle_for(Some(identifier(JP_INSURED, "0000077777"))),
            &says,
            "his 被保険者番号",
        )
        .await;
        // Hers beside his: the file is not only hers.
        let both = serde_json::json!([
            { "system": JP_INSURED, "value": "0000012345" },
            { "system": HOSPITAL, "value": "P-900" }
        ]);
        refused_everywhere(&site, bundle_for(Some(both)), &says, "hers and his").await;
        // The refusal never names him.
        let token = all_classes_token(&site).await;
        let (_, summary) = post_file(
            &site,
            &token,
            "application/fhir+json",
            bundle_for(Some(identifier(HOSPITAL, "P-900"))),
        )
        .await;
        let said = errors(&summary);
        assert!(
            !said.contains("田中") && !said.contains(&ichiro),
            "names nobody: {said}"
        );
    }
}

async fn identifier_rows(site: &Site) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM recipient_identifiers")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn registering_an_identifier_already_anothers_is_refused() {
    for site in both_sites().await {
        let ichiro = another_recipient(&site).await.to_string();
        let (ok, out, err) = register(&site, &ichiro, HOSPITAL, "P-900");
        assert!(ok, "{out} {err}");
        assert_eq!(identifier_rows(&site).await, 1);

        let (ok, _, err) = register(&site, &site.recipient, HOSPITAL, "P-900");
        assert!(!ok, "refused");
        assert!(err.contains("another recipient"), "{err}");
        assert_eq!(identifier_rows(&site).await, 1, "nothing written");
        // The same again for him changes nothing.
        let (ok, out, err) = register(&site, &ichiro, HOSPITAL, "P-900");
        assert!(ok, "{out} {err}");
        assert_eq!(identifier_rows(&site).await, 1);
        // A 被保険者番号 is kept with the recipient's insurance, not here.
        let (ok, _, err) = register(&site, &site.recipient, JP_INSURED, "0000012345");
        assert!(!ok, "refused: {err}");
        // Nobody by that id; a value with spaces around it.
        let nobody = RecipientId::new().to_string();
        assert!(!register(&site, &nobody, HOSPITAL, "P-1").0);
        assert!(!register(&site, &site.recipient, HOSPITAL, " P-1").0);
        assert_eq!(identifier_rows(&site).await, 1);
    }
}
