//! The person's and family's voice, through the whole server: a wish and
//! an ACP change from the daughter reach the care manager's inbox, the
//! care manager acknowledges and answers, the daughter sees both; ACP
//! versions are never overwritten and a late save is refused (SQLite and
//! PostgreSQL); the FHIR export; bad and hostile input; e-mail notices
//! that carry no health data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use support::site::{site, site_on, Site};

const DAUGHTER: &str = "佐藤 美咲";
const SON: &str = "山本 健太";
const CM: &str = "田中 里美";
const HANA: &str = "山本 ハナ";

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn audit_count(site: &Site, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = $1")
        .bind(kind)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

async fn count(site: &Site, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_daughters_wish_and_acp_change_reach_the_inbox_and_come_back_acknowledged() {
    round_trip(site().await).await;
}

#[tokio::test]
async fn the_round_trip_on_postgres() {
    round_trip(site_on(support::postgres().await, None).await).await;
}

/// The daughter writes, the care manager reads her inbox, acknowledges and
/// the daughter sees it: wishes, ACP versions, acknowledgements, unread
/// marks and the audit log on either database.
async fn round_trip(site: Site) {
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let cm = site.cookie(CM).await;

    // The first talk was eight months ago: the care manager is reminded.
    assert!(site
        .page("/inbox", &cm)
        .await
        .contains("人生会議の話し合い"));
    // So is the daughter, who may see 人生会議, on her ホーム.
    let acp_due = "人生会議で話し合ってから、6か月以上たちました";
    assert!(site
        .page(&format!("/r/{r}"), &daughter)
        .await
        .contains(acp_due));

    // A wish in her own words, and her mother's ACP: CPR no longer wanted.
    let wish = "夜は9時には寝かせてあげてください。";
    let (status, body) = site
        .call(
            "/api/wishes/add",
            &daughter,
            &format!("recipient={r}&topic=rhythm&body={}", enc(wish)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = site
        .call(
            "/api/acp/save",
            &daughter,
            &format!(
                "recipient={r}&base=1&form[values]={}&form[care_place]=home&form[cpr]=not_want\
                 &form[cpr_note]={}&form[hospital]=want&form[discussed_on]={}",
                enc("できるだけ長く、この家で、庭の花を見ながら暮らしたい。"),
                enc("母と話して決めました"),
                support::yesterday()
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The care manager's inbox: the wish and the ACP change (and the son's
    // older question), oldest first.
    let inbox = site.page("/inbox", &cm).await;
    assert!(inbox.contains(wish), "the wish is in the inbox");
    assert!(inbox.contains("人生会議(2回目)が書かれました"), "{inbox}");
    // A talk recorded yesterday: no reminder to talk again any more.
    assert!(!inbox.contains("人生会議の話し合い"), "{inbox}");
    assert!(!site
        .page(&format!("/r/{r}"), &daughter)
        .await
        .contains(acp_due));
    let son_asks = inbox.find("体重のグラフが少し下がって").unwrap();
    assert!(son_asks < inbox.find(wish).unwrap(), "oldest first");

    // She acknowledges the ACP change with one tap.
    let version: String = sqlx::query_scalar("SELECT id FROM acp_versions WHERE version = 2")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    let (status, body) = site
        .call(
            "/api/talk/acknowledge",
            &cm,
            &format!("recipient={r}&kind=acp&object={version}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let inbox = site.page("/inbox", &cm).await;
    assert!(
        !inbox.contains("人生会議(2回目)"),
        "acknowledged: gone from the inbox"
    );
    assert!(inbox.contains(wish), "the wish still waits");

    // The daughter sees who acknowledged, the change in plain words, and
    // both versions in the history.
    let acp = site.page(&format!("/r/{r}/acp"), &daughter).await;
    assert!(acp.contains("田中 里美さんが確認しました"), "{acp}");
    assert!(acp.contains("2回目"));
    let history = site.page(&format!("/r/{r}/acp/history"), &daughter).await;
    assert!(history.contains("1回目") && history.contains("2回目"));
    assert!(history.contains("1回目から2回目で変わったところ"));
    let cpr = &history[history.find("心臓マッサージなど(心肺蘇生)").unwrap()..];
    let cpr = &cpr[..cpr.find("</li>").unwrap()];
    assert!(
        cpr.contains("まだ決めていない") && cpr.contains("受けたくない"),
        "{cpr}"
    );
    assert!(history.contains("母と話して決めました"));
    // The first version is still there, as it was.
    let first: String = sqlx::query_scalar("SELECT answers FROM acp_versions WHERE version = 1")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert!(first.contains("\"undecided\"") && !first.contains("母と話して"));

    // Every write and read is in the audit log.
    assert_eq!(audit_count(&site, "wish").await, 1);
    assert_eq!(audit_count(&site, "acknowledgement").await, 1);
    assert!(audit_count(&site, "acp").await >= 2);
    assert!(audit_count(&site, "inbox").await >= 2);
}

/// Two family members save on top of the same version: one gets in, the
/// other is refused and shown the newer version; nothing is overwritten.
async fn late_saves_are_refused(site: Site) {
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let hana = site.cookie(HANA).await;
    let form = |who: &str| {
        format!(
            "recipient={r}&base=1&form[values]={}&form[notes]={}",
            enc("家で暮らしたい"),
            enc(who)
        )
    };
    let (by_daughter, by_hana) = (form("娘が書いた"), form("本人が書いた"));
    let (a, b) = tokio::join!(
        site.call("/api/acp/save", &daughter, &by_daughter),
        site.call("/api/acp/save", &hana, &by_hana),
    );
    let statuses = [a.0, b.0];
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "exactly one save: {a:?} {b:?}"
    );
    let refused = if a.0 == StatusCode::OK { &b } else { &a };
    assert_eq!(refused.0, StatusCode::FORBIDDEN);
    assert!(
        refused.1.contains("ほかの人が先に新しい内容を保存しました"),
        "{}",
        refused.1
    );
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM acp_versions ORDER BY version")
            .fetch_all(site.t.db.pool())
            .await
            .unwrap();
    assert_eq!(versions, vec![1, 2]);
    // The refused writer opens the form again: it holds the newer version.
    let winner = if a.0 == StatusCode::OK {
        "娘が書いた"
    } else {
        "本人が書いた"
    };
    let edit = site.page(&format!("/r/{r}/acp/edit"), &daughter).await;
    assert!(edit.contains(winner), "the newer version is shown");
    assert!(edit.contains("name=\"base\" value=\"2\""));
    // A forged base beyond the newest writes nothing either.
    let forged = format!("recipient={r}&base=7&form[values]=x");
    let (status, _) = site.call("/api/acp/save", &daughter, &forged).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&site, "acp_versions").await, 2);
}

#[tokio::test]
async fn acp_late_save_is_refused_on_sqlite() {
    late_saves_are_refused(site().await).await;
}

#[tokio::test]
async fn acp_late_save_is_refused_on_postgres() {
    late_saves_are_refused(site_on(support::postgres().await, None).await).await;
}

#[tokio::test]
async fn a_comment_waits_in_the_inbox_until_answered_and_the_family_sees_the_answer() {
    answered(site().await).await;
}

#[tokio::test]
async fn a_comment_is_answered_on_postgres() {
    answered(site_on(support::postgres().await, None).await).await;
}

/// A question on a record waits in the inbox until the care manager
/// answers; the daughter is told, and the answer is new to her once.
async fn answered(site: Site) {
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let cm = site.cookie(CM).await;
    let record: String = sqlx::query_scalar(
        "SELECT id FROM care_records WHERE team_only = 0 AND info_class = 'living' \
         ORDER BY occurred_at DESC LIMIT 1",
    )
    .fetch_one(site.t.db.pool())
    .await
    .unwrap();
    let question = "今日のお昼は何を食べましたか?";
    let (status, body) = site
        .call(
            "/api/talk/post",
            &daughter,
            &format!(
                "recipient={r}&kind=record&target={record}&body={}",
                enc(question)
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(site.page("/inbox", &cm).await.contains(question));

    // The care manager answers right in the inbox.
    let answer = "おかゆと煮物を、ほとんど食べました。";
    let (status, _) = site
        .call(
            "/api/talk/post",
            &cm,
            &format!(
                "recipient={r}&kind=record&target={record}&body={}",
                enc(answer)
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !site.page("/inbox", &cm).await.contains(question),
        "answered"
    );

    // The daughter is told on her day page and finds the answer, marked new.
    let day = site.page(&format!("/r/{r}"), &daughter).await;
    assert!(
        day.contains("まだ読んでいないコメントが"),
        "unread count on ホーム"
    );
    let thread = site
        .page(&format!("/r/{r}/talk/record/{record}"), &daughter)
        .await;
    assert!(thread.contains(answer) && thread.contains("新しい"));
    assert!(thread.contains("ケアのチームの田中 里美さんが書きました"));
    // Opened once: no longer new.
    let again = site
        .page(&format!("/r/{r}/talk/record/{record}"), &daughter)
        .await;
    assert!(again.contains(answer) && !again.contains("class=\"unread\""));
    assert_eq!(audit_count(&site, "comment").await, 2);
}

#[tokio::test]
async fn comments_follow_the_class_of_what_they_are_about() {
    let site = site().await;
    let r = &site.recipient;
    let son = site.cookie(SON).await;
    let nurse = site.cookie("中村 由美").await;
    let daughter = site.cookie(DAUGHTER).await;
    // The nurse comments on the first ACP version: ACP, which the son may
    // not see; a team-only record's thread is the team's alone.
    let acp: String = sqlx::query_scalar("SELECT id FROM acp_versions WHERE version = 1")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    let (status, _) = site
        .call(
            "/api/talk/post",
            &nurse,
            &format!(
                "recipient={r}&kind=acp&target={acp}&body={}",
                enc("次の訪問で話します")
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = site
        .call(
            "/api/talk/thread",
            &son,
            &format!("recipient={r}&kind=acp&target={acp}"),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "not shown to the son: as if absent"
    );
    let list = site.page(&format!("/r/{r}/talk"), &son).await;
    assert!(!list.contains("次の訪問で話します") && !list.contains("人生会議"));
    let list = site.page(&format!("/r/{r}/talk"), &daughter).await;
    assert!(list.contains("人生会議(1回目)"), "the daughter may see ACP");

    let team_only: String =
        sqlx::query_scalar("SELECT id FROM care_records WHERE team_only = 1 LIMIT 1")
            .fetch_one(site.t.db.pool())
            .await
            .unwrap();
    let (status, _) = site
        .call(
            "/api/talk/post",
            &daughter,
            &format!("recipient={r}&kind=record&target={team_only}&body=x"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(&site, "comments").await,
        4,
        "three from the demo and the nurse's"
    );
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let site = site().await;
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let wishes = count(&site, "wishes").await;
    let comments = count(&site, "comments").await;
    let cases = [
        (
            "/api/wishes/add",
            format!("recipient={r}&topic=rhythm&body=+++"),
            "書くことを入れてください",
        ),
        (
            "/api/wishes/add",
            format!("recipient={r}&topic=rhythm&body={}", "あ".repeat(1001)),
            "書くことは1000文字までにしてください",
        ),
        (
            "/api/wishes/add",
            format!("recipient={r}&topic=diet&body=x"),
            "何についてか",
        ),
        (
            "/api/talk/post",
            format!("recipient={r}&kind=chart&target=weight&body=%0A"),
            "コメントを入れてください",
        ),
        (
            "/api/acp/save",
            format!("recipient={r}&base=1"),
            "どれか1つを書くか、えらんでください",
        ),
        (
            "/api/acp/save",
            format!("recipient={r}&base=1&form[values]=x&form[discussed_on]=2099-01-01"),
            "話し合った日",
        ),
        (
            "/api/acp/save",
            format!("recipient={r}&base=1&form[values]=x&form[discussed_on]=2026-02-30"),
            "話し合った日",
        ),
        (
            "/api/acp/save",
            format!("recipient={r}&base=1&form[values]=x&form[cpr]=maybe"),
            "心肺蘇生",
        ),
    ];
    for (path, form, said) in cases {
        let (status, body) = site.call(path, &daughter, &form).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {form}: {body}"
        );
        assert!(body.contains(said), "{path} {form}: {body}");
    }
    assert_eq!(count(&site, "wishes").await, wishes);
    assert_eq!(count(&site, "comments").await, comments);
    assert_eq!(count(&site, "acp_versions").await, 1);
}

#[tokio::test]
async fn html_in_what_people_write_is_shown_as_text() {
    let site = site().await;
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    for (path, form) in [
        (
            "/api/wishes/add",
            format!("recipient={r}&topic=likes&body={}", enc(hostile)),
        ),
        (
            "/api/talk/post",
            format!("recipient={r}&kind=chart&target=bp&body={}", enc(hostile)),
        ),
        (
            "/api/acp/save",
            format!("recipient={r}&base=1&form[values]={}", enc(hostile)),
        ),
    ] {
        let (status, body) = site.call(path, &daughter, &form).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let cm = site.cookie(CM).await;
    for (page, who) in [
        (format!("/r/{r}/wishes"), &daughter),
        (format!("/r/{r}/talk/chart/bp"), &daughter),
        (format!("/r/{r}/acp"), &daughter),
        ("/inbox".to_string(), &cm),
    ] {
        let html = site.page(&page, who).await;
        assert!(!html.contains("<script>alert(1)"), "{page} runs the script");
        assert!(!html.contains("<img src=x"), "{page} has the image");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page} shows the text"
        );
    }
}

/// Checks a resource against the FHIR R4 elements it may have and the
/// ones it must have (the parts of the specification Yorisoi uses).
fn check_r4(resource: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    let kind = resource["resourceType"].as_str().unwrap_or("");
    let (allowed, required): (&[&str], &[&str]) = match kind {
        "Patient" => (&["resourceType", "id", "name", "birthDate"], &[]),
        "QuestionnaireResponse" => (
            &[
                "resourceType",
                "id",
                "questionnaire",
                "status",
                "subject",
                "authored",
                "author",
                "item",
            ],
            &["status"],
        ),
        "Consent" => (
            &[
                "resourceType",
                "id",
                "status",
                "scope",
                "category",
                "patient",
                "dateTime",
                "performer",
                "policyRule",
                "sourceReference",
                "provision",
            ],
            &["status", "scope", "category"],
        ),
        "RelatedPerson" => (
            &[
                "resourceType",
                "id",
                "active",
                "patient",
                "relationship",
                "name",
            ],
            &["patient"],
        ),
        other => return vec![format!("unexpected resource {other}")],
    };
    let mut problems = Vec::new();
    let Value::Object(fields) = resource else {
        return vec!["not an object".into()];
    };
    for key in fields.keys() {
        if !allowed.contains(&key.as_str()) {
            problems.push(format!("{kind}.{key} is not an element"));
        }
    }
    for key in required {
        if !fields.contains_key(*key) {
            problems.push(format!("{kind}.{key} is required"));
        }
    }
    match kind {
        "QuestionnaireResponse" => {
            let statuses = [
                "in-progress",
                "completed",
                "amended",
                "entered-in-error",
                "stopped",
            ];
            if !statuses.contains(&resource["status"].as_str().unwrap_or("")) {
                problems.push("QuestionnaireResponse.status".into());
            }
            for item in resource["item"].as_array().into_iter().flatten() {
                if item["linkId"].as_str().is_none_or(str::is_empty) {
                    problems.push("item.linkId is required".into());
                }
                for answer in item["answer"].as_array().into_iter().flatten() {
                    let values: Vec<&String> = answer
                        .as_object()
                        .unwrap()
                        .keys()
                        .filter(|k| k.starts_with("value"))
                        .collect();
                    let known = ["valueString", "valueCoding", "valueDate"];
                    if values.len() != 1 || !known.contains(&values[0].as_str()) {
                        problems.push(format!("item {} answer value[x]", item["linkId"]));
                    }
                }
            }
        }
        "Consent" => {
            let statuses = [
                "draft",
                "proposed",
                "active",
                "rejected",
                "inactive",
                "entered-in-error",
            ];
            if !statuses.contains(&resource["status"].as_str().unwrap_or("")) {
                problems.push("Consent.status".into());
            }
            // ppc-1: a policy or a policy rule; ppc-4: adr needs a patient.
            if resource.get("policy").is_none() && resource.get("policyRule").is_none() {
                problems.push("Consent ppc-1".into());
            }
            if resource["patient"]["reference"].as_str().is_none() {
                problems.push("Consent ppc-4".into());
            }
            for p in resource["provision"]["provision"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if !["permit", "deny"].contains(&p["type"].as_str().unwrap_or("")) {
                    problems.push("provision.type".into());
                }
            }
        }
        "RelatedPerson" if resource["patient"]["reference"].as_str().is_none() => {
            problems.push("RelatedPerson.patient".into());
        }
        _ => {}
    }
    problems
}

#[tokio::test]
async fn the_acp_travels_as_fhir_r4_and_only_to_those_who_may_see_it() {
    let site = site().await;
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let (status, _) = site
        .call(
            "/api/acp/save",
            &daughter,
            &format!(
                "recipient={r}&base=1&form[values]=x&form[cpr]=not_want&form[hospital]=want\
                 &form[proxy_name]={}&form[proxy_relation]={}&form[proxy_scope]=with_team",
                enc("佐藤 美咲"),
                enc("長女")
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let get = |cookie: String| {
        Request::get(format!("/r/{r}/acp/fhir.json"))
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    let (status, headers, body) = site.send(get(daughter.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/fhir+json"));
    let bundle: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap();
    let mut kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "Consent",
            "Patient",
            "QuestionnaireResponse",
            "RelatedPerson"
        ]
    );
    let full_urls: Vec<String> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap().to_string())
        .collect();
    for e in entries {
        let problems = check_r4(&e["resource"]);
        assert!(problems.is_empty(), "{problems:?}");
    }
    // Every reference points at an entry of the bundle.
    let mut references = Vec::new();
    fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::String(r)) = m.get("reference") {
                    out.push(r.clone());
                }
                m.values().for_each(|x| collect(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    collect(&bundle, &mut references);
    assert!(!references.is_empty());
    for reference in references {
        assert!(
            full_urls
                .iter()
                .any(|u| u.ends_with(&format!("/fhir/{reference}"))),
            "{reference} is not in the bundle"
        );
    }
    let consent = entries
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "Consent")
        .unwrap();
    assert_eq!(consent["scope"]["coding"][0]["code"], "adr");
    let provisions = consent["provision"]["provision"].as_array().unwrap();
    let cpr = provisions
        .iter()
        .find(|p| p["code"][0]["coding"][0]["code"] == "cpr")
        .unwrap();
    assert_eq!(cpr["type"], "deny");
    let proxy = entries
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "RelatedPerson")
        .unwrap();
    assert_eq!(proxy["name"][0]["text"], "佐藤 美咲");

    // The son may not see ハナ's ACP, nor may someone signed out.
    let (status, _, _) = site.send(get(site.cookie(SON).await)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = site
        .send(
            Request::get(format!("/r/{r}/acp/fhir.json"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(audit_count(&site, "acp_fhir").await, 1);
}

#[tokio::test]
async fn e_mail_notices_say_only_that_something_is_new() {
    let (site, sink) = support::site::site_with_mail().await;
    let r = &site.recipient;
    let db = &site.t.db;
    let person = |name: &str| {
        let name = name.to_string();
        async move {
            let id: String = sqlx::query_scalar("SELECT id FROM people WHERE display_name = $1")
                .bind(name)
                .fetch_one(db.pool())
                .await
                .unwrap();
            app::domain::ids::PersonId::parse(&id).unwrap()
        }
    };
    app::server::db::people::set_email(db, person(CM).await, Some("cm@example.jp"))
        .await
        .unwrap();
    app::server::db::people::set_email(db, person(DAUGHTER).await, Some("misaki@example.jp"))
        .await
        .unwrap();
    let daughter = site.cookie(DAUGHTER).await;
    let cm = site.cookie(CM).await;

    let secret = "母の血圧の薬が変わったと聞きました";
    let (status, _) = site
        .call(
            "/api/talk/post",
            &daughter,
            &format!("recipient={r}&kind=chart&target=bp&body={}", enc(secret)),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mail = sink.wait_for(1).await;
    assert_eq!(mail.len(), 1, "the care manager is told");
    assert!(mail[0].contains("cm@example.jp"));
    let to_cm = support::smtp_sink::body_text(&mail[0]);
    assert!(to_cm.contains("http://localhost:3000/inbox"), "{to_cm}");

    let answer = "はい、先週から量が変わりました";
    let (status, _) = site
        .call(
            "/api/talk/post",
            &cm,
            &format!("recipient={r}&kind=chart&target=bp&body={}", enc(answer)),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mail = sink.wait_for(2).await;
    assert_eq!(mail.len(), 2, "the daughter is told of the answer");
    assert!(mail[1].contains("misaki@example.jp"));
    let to_family = support::smtp_sink::body_text(&mail[1]);
    assert!(to_family.contains("http://localhost:3000/"));

    // No health data, no names, no ids: only that something is new.
    for (raw, text) in mail.iter().zip([&to_cm, &to_family]) {
        for never in [
            secret,
            answer,
            "血圧",
            "ハナ",
            "山本",
            "佐藤",
            "田中",
            r.as_str(),
        ] {
            assert!(
                !text.contains(never) && !raw.contains(never),
                "{never} in {text}"
            );
        }
        assert!(text.contains("新しいお知らせがあります"));
    }
}

#[tokio::test]
async fn a_care_plan_goal_has_its_own_thread() {
    let site = site().await;
    let r = &site.recipient;
    let daughter = site.cookie(DAUGHTER).await;
    let plan = site.page(&format!("/r/{r}/plan"), &daughter).await;
    // Every long-term goal of the newest plan links to its comments.
    let start = plan
        .find(&format!("/r/{r}/talk/goal/"))
        .expect("a goal's link");
    let href = &plan[start..start + plan[start..].find('"').unwrap()];
    let goal = href.rsplit('/').next().unwrap();
    let (status, body) = site
        .call(
            "/api/talk/post",
            &daughter,
            &format!(
                "recipient={r}&kind=goal&target={goal}&body={}",
                enc("歩く練習は週何回ですか")
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let thread = site.page(href, &daughter).await;
    assert!(thread.contains("ケアプランの目標") && thread.contains("歩く練習は週何回ですか"));
    // A goal of another recipient's plan, or no goal at all: not found.
    let (status, _) = site
        .call(
            "/api/talk/post",
            &daughter,
            &format!("recipient={r}&kind=goal&target=01900000-0000-7000-8000-000000000000&body=x"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
