//! The person's control over their information, as people use it through
//! the server: 本人 sees who looked (the care manager's read appears within
//! the same minute), decides what each family member sees, the care
//! manager ends a relationship or invites the family, and an
//! administrator widens a 事業所's policy and exports the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};

use support::site::site;

fn jst_hhmm(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&app::domain::time::jst())
        .format("%H:%M")
        .to_string()
}

#[tokio::test]
async fn the_person_sees_the_care_managers_read_within_the_same_minute() {
    let site = site().await;
    let r = &site.recipient;
    let cm = site.cookie("田中 里美").await;
    let hana = site.cookie("山本 ハナ").await;

    let before = chrono::Utc::now();
    let day = site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &cm)
        .await;
    assert!(day.contains("血圧"), "the care manager read the records");
    let log = site.page(&format!("/r/{r}/who-looked"), &hana).await;
    let after = chrono::Utc::now();

    // The newest line comes first: the care manager, by name and role,
    // read a day's records, at the minute it happened.
    let line = log
        .split("<li class=\"access-line\">")
        .nth(1)
        .expect("at least one line");
    assert!(
        line.contains("田中 里美さん（ケアマネジャー）が、")
            && line.contains("のきろくを見ました。"),
        "{line}"
    );
    assert!(
        line.contains(&jst_hhmm(before)) || line.contains(&jst_hhmm(after)),
        "shown at the minute of the read: {line}"
    );
    assert!(line.contains("医療"), "the classes read are named: {line}");
    // Her own look at the log is in it next time, as 「あなた」.
    let again = site.page(&format!("/r/{r}/who-looked"), &hana).await;
    assert!(again.contains("あなたが、この「見た人の記録」を見ました。"));
    // Nobody's health data is in the log itself: what a line names is an
    // id or a day, never text.
    let named: Vec<Option<String>> = sqlx::query_scalar("SELECT object_id FROM audit_log")
        .fetch_all(site.t.db.pool())
        .await
        .unwrap();
    assert!(!named.is_empty());
    for id in named.into_iter().flatten() {
        let is_id = app::domain::ids::RecordId::parse(&id).is_some();
        let is_day = chrono::NaiveDate::parse_from_str(&id, "%Y-%m-%d").is_ok();
        assert!(is_id || is_day, "{id}");
    }
}

#[tokio::test]
async fn the_person_turns_a_family_members_medical_view_off_and_on_at_once() {
    let site = site().await;
    let r = &site.recipient;
    let hana = site.cookie("山本 ハナ").await;
    let daughter = site.cookie("佐藤 美咲").await;
    let misaki = site.person("佐藤 美咲").await;
    assert!(site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &daughter)
        .await
        .contains("血圧"));

    let page = site.page(&format!("/r/{r}/sharing"), &hana).await;
    assert!(
        page.contains("佐藤 美咲さん（長女）"),
        "family listed with 続柄"
    );
    assert!(page.contains("医療を見せないようにする"));

    let form = format!("recipient={r}&person={misaki}&class=medical&allow=no");
    let (status, _) = site.call("/api/sharing/set", &hana, &form).await;
    assert_eq!(status, StatusCode::OK);
    let day = site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &daughter)
        .await;
    assert!(
        !day.contains("血圧"),
        "revoked: the very next page has no vital signs"
    );
    let (status, body) = site
        .call("/api/access-log", &daughter, &format!("recipient={r}"))
        .await;
    assert_ne!(status, StatusCode::OK, "nor the access log: {body}");

    let page = site.page(&format!("/r/{r}/sharing"), &hana).await;
    assert!(page.contains("山本 ハナさんが、佐藤 美咲さんに医療を見せないようにしました。"));
    assert!(page.contains("山本 ハナさんが、佐藤 美咲さんに医療を見せるようにしました。"));

    let form = format!("recipient={r}&person={misaki}&class=medical&allow=yes");
    site.call("/api/sharing/set", &hana, &form).await;
    assert!(site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &daughter)
        .await
        .contains("血圧"));

    // The daughter cannot give herself (or her brother) more.
    let kenta = site.person("山本 健太").await;
    let form = format!("recipient={r}&person={kenta}&class=medical&allow=yes");
    let (status, body) = site.call("/api/sharing/set", &daughter, &form).await;
    assert_ne!(status, StatusCode::OK);
    assert!(body.contains("sharing-not-yours"), "{body}");
    // Without JavaScript the form post goes back to its page, refused.
    let req = Request::post("/api/sharing/set")
        .header(header::COOKIE, &daughter)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(
            header::REFERER,
            format!("http://localhost:3000/r/{r}/sharing"),
        )
        .body(Body::from(format!(
            "recipient={r}&person={kenta}&class=medical&allow=yes"
        )))
        .unwrap();
    let (status, headers, _) = site.send(req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = headers[header::LOCATION].to_str().unwrap();
    assert!(back.contains(&format!("/r/{r}/sharing")), "{back}");
    let son = site.cookie("山本 健太").await;
    assert!(!site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &son)
        .await
        .contains("血圧"));
    // A class 本人 does not decide about is refused, not stored.
    let form = format!("recipient={r}&person={kenta}&class=living&allow=no");
    let (status, _) = site.call("/api/sharing/set", &hana, &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// The legal representative may let themselves see 医療 (they decide in
/// 本人's place); it is logged as their own choice, the care manager is
/// told, and 本人 reads it in 見た人の記録.
#[tokio::test]
async fn a_legal_representative_decides_in_the_persons_place() {
    let (site, sink) = support::site::site_with_mail().await;
    let r = &site.recipient;
    let cm = site.cookie("田中 里美").await;
    let son = site.cookie("山本 健太").await;
    let kenta = site.person("山本 健太").await;
    let misato = app::domain::ids::PersonId::parse(&site.person("田中 里美").await).unwrap();
    app::server::db::people::set_email(&site.t.db, misato, Some("tanaka@example.jp"))
        .await
        .unwrap();
    let (status, _) = site
        .call("/api/sharing", &son, &format!("recipient={r}"))
        .await;
    assert_ne!(status, StatusCode::OK);
    let form = format!("recipient={r}&person={kenta}&yes=yes");
    let (status, body) = site.call("/api/team/representative", &cm, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = site.page(&format!("/r/{r}/sharing"), &son).await;
    assert!(page.contains("代わりに決める人（法定代理人）"));
    assert!(page.contains("あなた自身に見せることを変えると、ケアマネジャーに伝わり"));
    let form = format!("recipient={r}&person={kenta}&class=medical&allow=yes");
    let (status, _) = site.call("/api/sharing/set", &son, &form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &son)
        .await
        .contains("血圧"));
    let own: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'consent_own' \
         AND actor_id = $1 AND object_id = $1 AND info_classes = 'medical'",
    )
    .bind(&kenta)
    .fetch_one(site.t.db.pool())
    .await
    .unwrap();
    assert_eq!(own, 1, "logged as his own choice");
    let mail = sink.wait_for(1).await;
    assert!(
        mail[0].contains("tanaka@example.jp"),
        "the care manager is told"
    );
    let hana = site.cookie("山本 ハナ").await;
    let log = site.page(&format!("/r/{r}/who-looked"), &hana).await;
    assert!(
        log.contains("山本 健太さん（家族）が、自分に見せることの設定を変えました。"),
        "{log}"
    );
}

#[tokio::test]
async fn an_ended_relationship_ends_access_on_the_day_the_care_manager_sets() {
    let site = site().await;
    let r = &site.recipient;
    let cm = site.cookie("田中 里美").await;
    let son = site.cookie("山本 健太").await;
    let kenta = site.person("山本 健太").await;
    let today = app::domain::time::jst_today(chrono::Utc::now());
    let tomorrow = today.succ_opt().unwrap();

    // A bad date names the field; nothing changes.
    let form = format!("recipient={r}&person={kenta}&on=2026-02-30&reason=service_ended");
    let (status, body) = site.call("/api/team/end", &cm, &form).await;
    assert_ne!(status, StatusCode::OK);
    assert!(body.contains("EndDate"), "{body}");
    let form = format!("recipient={r}&person={kenta}&on=1999-01-01&reason=service_ended");
    let (_, body) = site.call("/api/team/end", &cm, &form).await;
    assert!(body.contains("BeforeStart"), "{body}");
    assert!(site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &son)
        .await
        .contains("ごはん"));

    // Tomorrow: still in today.
    let form = format!("recipient={r}&person={kenta}&on={tomorrow}&reason=service_ended");
    let (status, body) = site.call("/api/team/end", &cm, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(site
        .page(&format!("/r/{r}?day={}", support::yesterday()), &son)
        .await
        .contains("ごはん"));
    let team = site.page(&format!("/r/{r}/team"), &cm).await;
    assert!(
        team.contains("に終わります（利用終了）"),
        "the team page says when"
    );

    // Today: from now on, nothing.
    let form = format!("recipient={r}&person={kenta}&on={today}&reason=died");
    site.call("/api/team/end", &cm, &form).await;
    let (status, page) = site
        .refused_page(&format!("/r/{r}?day={}", support::yesterday()), &son)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("このページを見ることはできません"));
    assert!(!page.contains("ごはん"));
    // Ended is history: it cannot be changed again.
    let form = format!("recipient={r}&person={kenta}&on={tomorrow}&reason=other");
    let (status, _) = site.call("/api/team/end", &cm, &form).await;
    assert_ne!(status, StatusCode::OK);
    // The care manager cannot end her own.
    let misato = site.person("田中 里美").await;
    let form = format!("recipient={r}&person={misato}&on={today}&reason=other");
    let (_, body) = site.call("/api/team/end", &cm, &form).await;
    assert!(body.contains("team-not-yourself"), "{body}");
}

#[tokio::test]
async fn a_care_manager_registers_a_recipient_and_invites_the_family() {
    let site = site().await;
    let cm = site.cookie("田中 里美").await;
    let form = "name=%E6%9C%A8%E6%9D%91+%E6%98%AD&name_kana=%E3%82%AD%E3%83%A0%E3%83%A9+%E3%82%A2%E3%82%AD%E3%83%A9&birth_date=1938-04-01&care_level=care_3";
    let (status, body) = site.call("/api/recipients/create", &cm, form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id: String = serde_json::from_str(&body).unwrap();
    assert!(site.page("/", &cm).await.contains("木村 昭"));
    // Bad input: every problem named, nothing stored.
    let bad = "name=&name_kana=kimura&birth_date=2999-01-01&care_level=care_9";
    let (status, body) = site.call("/api/recipients/create", &cm, bad).await;
    assert_ne!(status, StatusCode::OK);
    for field in ["Name", "NameKana", "BirthDate", "CareLevel"] {
        assert!(body.contains(field), "{field}: {body}");
    }
    let recipients: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recipients")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert_eq!(recipients, 2);

    let form = format!(
        "recipient={id}&name=%E6%9C%A8%E6%9D%91+%E8%8A%B1&kind=family&relation=%E9%95%B7%E5%A5%B3"
    );
    let (status, body) = site.call("/api/team/invite", &cm, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let link: serde_json::Value = serde_json::from_str(&body).unwrap();
    let url = link["url"].as_str().unwrap();
    let path = &url[url.find("/invite/").unwrap()..];
    let req = Request::get(path).body(Body::empty()).unwrap();
    let (_, _, page) = site.send(req).await;
    assert!(
        page.contains("木村 花さん、よりそいへようこそ"),
        "the link works"
    );
    // A family member needs a 続柄.
    let form = format!("recipient={id}&name=%E6%9C%A8%E6%9D%91+%E5%A4%AA&kind=family&relation=");
    let (_, body) = site.call("/api/team/invite", &cm, &form).await;
    assert!(body.contains("FamilyRelation"), "{body}");
    // Only one 本人.
    let form = format!("recipient={id}&name=%E6%9C%A8%E6%9D%91+%E6%98%AD&kind=self&relation=");
    site.call("/api/team/invite", &cm, &form).await;
    let (_, body) = site.call("/api/team/invite", &cm, &form).await;
    assert!(body.contains("team-self-exists"), "{body}");
    // Another care manager's recipient is not hers to manage.
    let hana = &site.recipient;
    let nurse = site.cookie("中村 由美").await;
    let (_, body) = site
        .call("/api/team", &nurse, &format!("recipient={hana}"))
        .await;
    assert!(body.contains("team-care-manager-only"), "{body}");
}

#[tokio::test]
async fn an_administrator_widens_the_policy_and_exports_the_audit_log() {
    let site = site().await;
    let r = &site.recipient;
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let provider: String =
        sqlx::query_scalar("SELECT provider_id FROM people WHERE display_name = '高橋 誠'")
            .fetch_one(site.t.db.pool())
            .await
            .unwrap();
    server::invite_cmd::run(
        &site.t.db,
        app::domain::classes::Role::ProviderAdmin,
        "管理 太郎",
        app::domain::ids::ProviderId::parse(&provider),
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap();
    let admin = site.cookie("管理 太郎").await;
    let worker = site.cookie("高橋 誠").await;
    let (_, body) = site
        .call(
            "/api/day",
            &worker,
            &format!("recipient={r}&day={}", support::yesterday()),
        )
        .await;
    assert!(!body.contains("\"blood_pressure\":{"), "default: no 医療");

    let form = format!("provider={provider}&role=care_worker&class=medical");
    let (status, body) = site.call("/api/admin/policy/widen", &admin, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = site
        .call(
            "/api/day",
            &worker,
            &format!("recipient={r}&day={}", support::yesterday()),
        )
        .await;
    assert!(body.contains("\"blood_pressure\":{"), "widened: 医療 too");
    let page = site.page("/admin", &admin).await;
    assert!(page.contains("介護職員は、医療をすべて見ることができます。"));
    // Family and administrators are never widened.
    let form = format!("provider={provider}&role=family&class=medical");
    let (status, _) = site.call("/api/admin/policy/widen", &admin, &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, body) = site
        .call(
            "/api/day",
            &admin,
            &format!("recipient={r}&day={}", support::yesterday()),
        )
        .await;
    assert!(body.contains("no-access"), "{body}");

    let widening: String = sqlx::query_scalar("SELECT id FROM policy_widenings")
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    let form = format!("provider={provider}&widening={widening}");
    site.call("/api/admin/policy/narrow", &admin, &form).await;
    let (_, body) = site
        .call(
            "/api/day",
            &worker,
            &format!("recipient={r}&day={}", support::yesterday()),
        )
        .await;
    assert!(
        !body.contains("\"blood_pressure\":{"),
        "back to the default"
    );

    // The export: the worker's reads of ハナ's day are in it, as CSV.
    let req = Request::get("/admin/audit-log.csv")
        .header(header::COOKIE, &admin)
        .body(Body::empty())
        .unwrap();
    let (status, headers, csv) = site.send(req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(csv.starts_with("\u{feff}日時,操作した人,役割,操作,利用者"));
    let worker_reads = csv
        .lines()
        .filter(|l| l.contains("高橋 誠,介護職員,read,山本 ハナ,day_records"))
        .count();
    assert_eq!(worker_reads, 3, "{csv}");
    // Nobody else may download it.
    for cookie in [Some(site.cookie("田中 里美").await), None] {
        let mut req = Request::get("/admin/audit-log.csv");
        if let Some(c) = &cookie {
            req = req.header(header::COOKIE, c);
        }
        let (status, _, body) = site.send(req.body(Body::empty()).unwrap()).await;
        assert!(status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED);
        assert!(!body.contains("高橋 誠"));
    }
}

#[tokio::test]
async fn a_service_type_rule_set_on_the_server_widens_every_such_provider() {
    use app::domain::classes::{InfoClass, Role, ServiceType};
    let site = site().await;
    let r = &site.recipient;
    let worker = site.cookie("高橋 誠").await;
    let form = format!("recipient={r}&day={}", support::yesterday());
    let day = || site.call("/api/day", &worker, &form);
    assert!(!day().await.1.contains("\"blood_pressure\":{"));
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let (service, role, class) = (ServiceType::HomeHelp, Role::CareWorker, InfoClass::Medical);
    let lines = server::policy_cmd::run(&site.t.db, service, role, class, false, now)
        .await
        .unwrap();
    assert_eq!(
        lines,
        vec!["訪問介護(ヘルパー): 介護職員 → 医療".to_string()]
    );
    assert!(day().await.1.contains("\"blood_pressure\":{"));
    // The day service is another service type: the rule does not reach
    // 伊藤 優子 there.
    let day_staff = site.cookie("伊藤 優子").await;
    let (_, body) = site
        .call(
            "/api/day",
            &day_staff,
            &format!("recipient={r}&day={}", support::yesterday()),
        )
        .await;
    assert!(!body.contains("\"blood_pressure\":{"));
    let lines = server::policy_cmd::run(&site.t.db, service, role, class, true, now)
        .await
        .unwrap();
    assert!(lines.is_empty());
    assert!(!day().await.1.contains("\"blood_pressure\":{"));
}

#[tokio::test]
async fn a_care_worker_sees_only_the_medical_items_daily_care_needs() {
    let site = site().await;
    let r = &site.recipient;
    let kinds = |body: &str| {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let form = format!("recipient={r}");
    let worker = site.cookie("高橋 誠").await;
    let (status, body) = site.call("/api/medical", &worker, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        kinds(&body),
        [
            "Allergy",
            "DrugContraindication",
            "FoodTexture",
            "Swallowing",
            "PressureUlcerCare"
        ]
    );
    let nurse = site.cookie("中村 由美").await;
    let (_, body) = site.call("/api/medical", &nurse, &form).await;
    assert_eq!(kinds(&body).len(), 7, "nurses see every item");
    let son = site.cookie("山本 健太").await;
    let (_, body) = site.call("/api/medical", &son, &form).await;
    assert!(kinds(&body).is_empty(), "no consent, no 医療");
    // The page: plain words first, the nurse's wording under 元の記録.
    let daughter = site.cookie("佐藤 美咲").await;
    let page = site.page(&format!("/r/{r}/medical"), &daughter).await;
    assert!(page.contains("使えないくすり"));
    assert!(page.contains("腎機能低下(eGFR 45)のため主治医より使用禁止の指示あり。"));
    assert!(page.contains("食事の形のコード: 4"));
}

#[tokio::test]
async fn the_access_log_pages_back_without_skipping_a_line() {
    let site = site().await;
    let r = &site.recipient;
    let cm = site.cookie("田中 里美").await;
    let hana = site.cookie("山本 ハナ").await;
    for _ in 0..120 {
        site.call("/api/plan", &cm, &format!("recipient={r}")).await;
    }
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE recipient_id = $1")
        .bind(r)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap();
    assert!(total >= 120, "{total}");
    let (mut seen, mut older) = (0, String::new());
    loop {
        let (status, body) = site
            .call(
                "/api/access-log",
                &hana,
                &format!("recipient={r}&older={older}"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        seen += page["lines"].as_array().unwrap().len() as i64;
        match page["older"].as_str() {
            Some(next) => older = next.to_string(),
            None => break,
        }
    }
    assert_eq!(seen, total, "every line once; her own looks came after");
    let (status, _) = site
        .call("/api/access-log", &hana, &format!("recipient={r}&older=x"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
