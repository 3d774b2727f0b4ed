//! A new sign-in link after a lost phone, through the calls a browser
//! makes: an administrator makes one only for staff whose work goes on
//! (never for an administrator); nothing of the person's ends before the
//! link is used; the person is told, on their account page and by e-mail;
//! 本人's and the legal representative's link works only after a second
//! member of the team checked it; every step is in the audit log with who
//! made the link and for whom, and in 本人's 見た人の記録. On SQLite and
//! PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use support::browser::{add_passkey, name_signed_in, post, refused, sign_up, start};
use support::site::Site;

const HANA: &str = "山本 ハナ";
const DAUGHTER: &str = "佐藤 美咲";
const SON: &str = "山本 健太";
const CM: &str = "田中 里美";
const NURSE: &str = "中村 由美";
const WORKER: &str = "高橋 誠";
const ADMIN: &str = "小林 修";

/// A link as the team page's form gets it, and the token in it.
struct Link {
    token: String,
    waits_for_check: bool,
}

async fn make_link(site: &Site, path: &str, cookie: &str, form: &[(&str, &str)]) -> Link {
    let r = post(site, path, Some(cookie), form).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    let url = v["url"].as_str().unwrap();
    Link {
        token: url.rsplit('/').next().unwrap().to_string(),
        waits_for_check: v["waits_for_check"].as_bool().unwrap(),
    }
}

async fn team_link(site: &Site, person: &str) -> Link {
    let cm = site.cookie(CM).await;
    let who = site.person(person).await;
    let form = [("recipient", site.recipient.as_str()), ("person", &who)];
    make_link(site, "/api/team/reinvite", &cm, &form).await
}

async fn provider_of(site: &Site, name: &str) -> String {
    sqlx::query_scalar("SELECT provider_id FROM people WHERE display_name = $1")
        .bind(name)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

async fn count(site: &Site, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

/// (actor, object) of the audit entries of `kind`, oldest first.
async fn audit_of(site: &Site, kind: &str) -> Vec<(Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT actor_id, object_id FROM audit_log WHERE object_kind = $1 ORDER BY at, id",
    )
    .bind(kind)
    .fetch_all(site.t.db.pool())
    .await
    .unwrap()
}

/// The invitation page a link opens, signed out.
async fn invite_page(site: &Site, token: &str) -> String {
    let req = Request::get(format!("/invite/{token}"))
        .body(Body::empty())
        .unwrap();
    site.send(req).await.2
}

async fn an_administrator_makes_links_only_for_staff_whose_work_goes_on(site: Site) {
    let admin = site.cookie(ADMIN).await;
    let provider = provider_of(&site, ADMIN).await;
    let me = site.person(ADMIN).await;
    // Herself: she would become nobody new, but it is refused all the same
    // (the one rule: never an administrator's link from the web).
    let r = post(
        &site,
        "/api/admin/reinvite",
        Some(&admin),
        &[("provider", &provider), ("person", &me)],
    )
    .await;
    refused(&r, "lost-phone-not-an-admin");
    // Another administrator of the same 事業所.
    let other = make_link(
        &site,
        "/api/admin/invite",
        &admin,
        &[
            ("provider", &provider),
            ("name", "新井 ひろし"),
            ("role", "provider_admin"),
        ],
    )
    .await;
    let other_id = site.person("新井 ひろし").await;
    let r = post(
        &site,
        "/api/admin/reinvite",
        Some(&admin),
        &[("provider", &provider), ("person", &other_id)],
    )
    .await;
    refused(&r, "lost-phone-not-an-admin");
    // A nurse whose work ended today.
    make_link(
        &site,
        "/api/admin/invite",
        &admin,
        &[
            ("provider", &provider),
            ("name", "辞めた 看護師"),
            ("role", "nurse"),
        ],
    )
    .await;
    let leaver = site.person("辞めた 看護師").await;
    let today = app::domain::time::jst_today(chrono::Utc::now()).to_string();
    let r = post(
        &site,
        "/api/admin/staff/end",
        Some(&admin),
        &[("provider", &provider), ("person", &leaver), ("on", &today)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        &site,
        "/api/admin/reinvite",
        Some(&admin),
        &[("provider", &provider), ("person", &leaver)],
    )
    .await;
    refused(&r, "lost-phone-work-ended");
    // No link was made, and the other administrator's first link still works.
    let lost_phone_links = count(
        &site,
        "SELECT COUNT(*) FROM invitations WHERE lost_phone = 1 AND created_by = $1",
        &me,
    )
    .await;
    assert_eq!(lost_phone_links, 0);
    assert!(invite_page(&site, &other.token)
        .await
        .contains("新井 ひろしさん"));
    // The page offers the button for the care manager, not for administrators.
    let page = site.page("/admin", &admin).await;
    assert!(
        page.contains("田中 里美さんに新しい招待のリンクをつくる"),
        "{page}"
    );
    assert!(!page.contains("小林 修さんに新しい招待のリンクをつくる"));
    assert!(!page.contains("新井 ひろしさんに新しい招待のリンクをつくる"));
}

async fn a_care_managers_link_ends_nothing_until_used_and_she_sees_who_made_it(site: Site) {
    let admin = site.cookie(ADMIN).await;
    let provider = provider_of(&site, ADMIN).await;
    let cm_id = site.person(CM).await;
    let admin_id = site.person(ADMIN).await;
    let old = site.cookie(CM).await;
    add_passkey(&site, &old).await;
    let link = make_link(
        &site,
        "/api/admin/reinvite",
        &admin,
        &[("provider", &provider), ("person", &cm_id)],
    )
    .await;
    assert!(!link.waits_for_check, "staff links need no second check");
    // Nothing of hers has ended: the administrator cannot lock her out, or
    // take her place unseen.
    assert_eq!(name_signed_in(&site, &old).await.as_deref(), Some(CM));
    let passkeys = "SELECT COUNT(*) FROM passkeys WHERE person_id = $1";
    assert_eq!(count(&site, passkeys, &cm_id).await, 1);
    // Every page she opens says so, and the account page says who.
    let home = site.page("/", &old).await;
    assert!(
        home.contains("あなたの新しいサインインのリンクが作られました"),
        "{home}"
    );
    let account = site.page("/account", &old).await;
    assert!(
        account.contains("小林 修さんが、新しいサインインのリンクを作りました"),
        "{account}"
    );
    assert!(account.contains("このリンクは、まだ使われていません。"));
    assert_eq!(
        audit_of(&site, "lost_phone_link").await,
        vec![(Some(admin_id.clone()), Some(cm_id.clone()))],
        "who made it, for whom"
    );

    // Used: her old passkey and sign-in end, the new one is hers.
    let (_, new) = sign_up(&site, &link.token).await;
    assert_eq!(name_signed_in(&site, &old).await, None);
    assert_eq!(name_signed_in(&site, &new).await.as_deref(), Some(CM));
    assert_eq!(
        count(&site, passkeys, &cm_id).await,
        1,
        "only the new passkey"
    );
    assert_eq!(
        audit_of(&site, "lost_phone_passkey").await,
        vec![(Some(cm_id.clone()), Some(admin_id))],
        "registered by her, through the administrator's link"
    );
    let account = site.page("/account", &new).await;
    assert!(account.contains("このリンクで、パスキーが登録されました。"));
}

async fn hanas_link_works_only_after_a_second_team_member_checked_it(site: Site) {
    let r = site.recipient.clone();
    let link = team_link(&site, HANA).await;
    assert!(link.waits_for_check);
    let page = invite_page(&site, &link.token).await;
    assert!(page.contains("このリンクは、まだ使えません。"), "{page}");
    let started = post(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &link.token)],
    )
    .await;
    refused(&started, "invite-awaiting-check");

    let invitation: String =
        sqlx::query_scalar("SELECT id FROM invitations WHERE lost_phone = 1 AND needs_check = 1")
            .fetch_one(site.t.db.pool())
            .await
            .unwrap();
    let check = [
        ("recipient", r.as_str()),
        ("invitation", invitation.as_str()),
    ];
    // Not the one who made it, not family, not 本人 herself.
    for (who, key) in [
        (CM, "lost-phone-not-checkable"),
        (SON, "lost-phone-team-only"),
        (HANA, "lost-phone-team-only"),
    ] {
        let cookie = site.cookie(who).await;
        let answer = post(&site, "/api/team/lost-phone/check", Some(&cookie), &check).await;
        refused(&answer, key);
    }
    // The nurse finds it in her inbox and checks it.
    let nurse = site.cookie(NURSE).await;
    let inbox = site.page("/inbox", &nurse).await;
    assert!(
        inbox.contains("田中 里美さんが、山本 ハナさんの新しいサインインのリンクを作りました。"),
        "{inbox}"
    );
    let answer = post(&site, "/api/team/lost-phone/check", Some(&nurse), &check).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let worker = site.cookie(WORKER).await;
    let again = post(&site, "/api/team/lost-phone/check", Some(&worker), &check).await;
    refused(&again, "lost-phone-not-checkable");
    assert!(!site
        .page("/inbox", &worker)
        .await
        .contains("新しいサインインのリンクの確認"));

    // Now it works, and ハナ reads every step in 見た人の記録.
    assert!(invite_page(&site, &link.token)
        .await
        .contains("山本 ハナさん"));
    let (_, hana) = sign_up(&site, &link.token).await;
    let log = site.page(&format!("/r/{r}/who-looked"), &hana).await;
    for line in [
        "田中 里美さん（ケアマネジャー）が、あなたの新しいサインインのリンクを作りました。",
        "中村 由美さん（看護師）が、あなたの新しいサインインのリンクを、会って確かめました。",
        "あなたが、田中 里美さんの作ったリンクで、新しいパスキーを登録しました。",
    ] {
        assert!(log.contains(line), "{line}: {log}");
    }
    // So does her daughter, whom she lets read it.
    let daughter = site.cookie(DAUGHTER).await;
    let log = site.page(&format!("/r/{r}/who-looked"), &daughter).await;
    assert!(log.contains("山本 ハナさんの新しいサインインのリンクを作りました。"));
    assert_eq!(audit_of(&site, "lost_phone_check").await.len(), 1);
}

async fn a_family_members_link_needs_no_check_unless_they_are_the_legal_representative(site: Site) {
    let link = team_link(&site, DAUGHTER).await;
    assert!(!link.waits_for_check);
    let (id, _) = start(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &link.token)],
    )
    .await;
    assert!(!id.is_empty());
    // Her old sign-in lasts until she uses the link.
    let old = site.cookie(DAUGHTER).await;
    let link = team_link(&site, DAUGHTER).await;
    assert_eq!(name_signed_in(&site, &old).await.as_deref(), Some(DAUGHTER));
    sign_up(&site, &link.token).await;
    assert_eq!(name_signed_in(&site, &old).await, None);

    // The son as ハナ's legal representative decides who sees what: his
    // link waits for a second check.
    let cm = site.cookie(CM).await;
    let son = site.person(SON).await;
    let r = post(
        &site,
        "/api/team/representative",
        Some(&cm),
        &[
            ("recipient", &site.recipient),
            ("person", &son),
            ("yes", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let link = team_link(&site, SON).await;
    assert!(link.waits_for_check);
    assert!(invite_page(&site, &link.token)
        .await
        .contains("まだ使えません"));
}

on_both_sites!(
    an_administrator_makes_links_only_for_staff_whose_work_goes_on,
    a_care_managers_link_ends_nothing_until_used_and_she_sees_who_made_it,
    hanas_link_works_only_after_a_second_team_member_checked_it,
    a_family_members_link_needs_no_check_unless_they_are_the_legal_representative,
);

#[tokio::test]
async fn the_person_is_told_by_mail_that_says_no_name() {
    let (site, sink) = support::site::site_with_mail().await;
    let daughter = app::domain::ids::PersonId::parse(&site.person(DAUGHTER).await).unwrap();
    app::server::db::people::set_email(&site.t.db, daughter, Some("misaki@example.jp"))
        .await
        .unwrap();
    team_link(&site, DAUGHTER).await;
    let mail = sink.wait_for(1).await;
    assert!(mail[0].contains("misaki@example.jp"));
    let body = support::smtp_sink::body_text(&mail[0]);
    assert!(
        body.contains("新しいサインインのリンクが作られました"),
        "{body}"
    );
    assert!(body.contains("http://localhost:3000/account"), "{body}");
    assert!(
        !body.contains("田中") && !body.contains("山本"),
        "no names: {body}"
    );
}
