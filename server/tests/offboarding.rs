//! Ending a staff member's work (docs/access.md): the administrator of the
//! visiting nurse's 事業所 ends her work; from then on her sessions and her
//! passkey are refused on every page, her care relationships have ended
//! and it is in the audit log. An administrator of another 事業所 cannot
//! end it, a bad day writes nothing, a later day takes effect on that day
//! and a 事業所 always keeps an administrator. The data layer runs on
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::classes::{EndReason, InfoClass, Role};
use app::domain::ids::{PersonId, ProviderId, RecipientId};
use app::domain::time::{jst_day_bounds, jst_today, OccurredAt};
use app::server::auth::invitations::{self, InviteError, InviteProblem};
use app::server::auth::passkeys::{PasskeyError, Passkeys};
use app::server::auth::sessions;
use app::server::db::membership::{self, Outcome};
use app::server::db::{self, Db};
use chrono::{Days, NaiveDate};
use support::authenticator::SoftPasskey;
use support::wire::{self, enc, PUBLIC_URL};
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential, Url};

const HANA: &str = "山本 ハナ";
const NURSE: &str = "中村 由美";
const CM: &str = "田中 里美";
/// The administrator of the nurse's 事業所, added by these tests (the
/// demo's administrator runs the care manager's 事業所).
const NURSING_ADMIN: &str = "青木 恵子";
const OTHER_ADMIN: &str = "小林 修";
const SIGN_IN_FIRST: &str = "サインインしてください";
const END: &str = "/api/admin/staff/end";

fn now() -> OccurredAt {
    OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
}

fn today() -> NaiveDate {
    jst_today(chrono::Utc::now())
}

fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

/// A minute (`minutes`) before or after the start of `day` in Japan.
fn around_start_of(day: NaiveDate, minutes: i64) -> OccurredAt {
    OccurredAt::from_millis(jst_day_bounds(day).0 + minutes * 60_000)
}

async fn person(db: &Db, name: &str) -> PersonId {
    let id: String = sqlx::query_scalar("SELECT id FROM people WHERE display_name = $1")
        .bind(name)
        .fetch_one(db.pool())
        .await
        .unwrap();
    PersonId::parse(&id).unwrap()
}

async fn provider_of(db: &Db, name: &str) -> ProviderId {
    let id: String = sqlx::query_scalar("SELECT provider_id FROM people WHERE display_name = $1")
        .bind(name)
        .fetch_one(db.pool())
        .await
        .unwrap();
    ProviderId::parse(&id).unwrap()
}

async fn audit_count(db: &Db, kind: &str, object: PersonId) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = $1 AND object_id = $2")
        .bind(kind)
        .bind(object.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// The demo's people this file needs, with an administrator for the
/// nurse's 事業所 (the demo must be loaded).
struct Office {
    recipient: RecipientId,
    nurse: PersonId,
    nursing: ProviderId,
    admin: PersonId,
}

async fn office(db: &Db) -> Office {
    let recipient: String = sqlx::query_scalar("SELECT id FROM recipients")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let nursing = provider_of(db, NURSE).await;
    let admin = server::invite_cmd::run(
        db,
        Role::ProviderAdmin,
        NURSING_ADMIN,
        Some(nursing),
        PUBLIC_URL,
        now(),
    )
    .await
    .unwrap()
    .person;
    Office {
        recipient: RecipientId::parse(&recipient).unwrap(),
        nurse: person(db, NURSE).await,
        nursing,
        admin,
    }
}

// ---------------------------------------------------------------------------
// Through the real server, as the nurse's phone and the administrator's
// browser reach it.

/// The JSON of a server function's answer.
fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Registers a passkey from the invitation `token`: the key and the
/// session cookie it signed her in with.
async fn register_over_http(port: u16, token: &str) -> (SoftPasskey, String) {
    let start = wire::post(
        port,
        "/api/auth/register/start",
        "",
        &format!("token={token}"),
    )
    .await
    .unwrap();
    let start = json(&start.body);
    let options = json(start["options"].as_str().unwrap());
    let (key, answer) = SoftPasskey::register(&options, PUBLIC_URL);
    let finish = wire::post(
        port,
        "/api/auth/register/finish",
        "",
        &format!(
            "token={token}&ceremony={}&credential={}&device_name={}",
            enc(start["id"].as_str().unwrap()),
            enc(&answer.to_string()),
            enc("スマホ")
        ),
    )
    .await
    .unwrap();
    let cookie = finish
        .session_cookie()
        .unwrap_or_else(|| panic!("no session: {} {}", finish.status, finish.body));
    (key, cookie)
}

async fn sign_in_over_http(port: u16, key: &mut SoftPasskey) -> wire::Reply {
    let start = wire::post(port, "/api/auth/sign-in/start", "", "")
        .await
        .unwrap();
    let start = json(&start.body);
    let options = json(start["options"].as_str().unwrap());
    let answer = key.sign_in(&options, PUBLIC_URL);
    wire::post(
        port,
        "/api/auth/sign-in/finish",
        "",
        &format!(
            "ceremony={}&credential={}",
            enc(start["id"].as_str().unwrap()),
            enc(&answer.to_string())
        ),
    )
    .await
    .unwrap()
}

/// Every page of the app, with the demo's ids in its parameters.
async fn every_page(db: &Db, recipient: RecipientId) -> Vec<String> {
    let record: String =
        sqlx::query_scalar("SELECT id FROM care_records WHERE recipient_id = $1 LIMIT 1")
            .bind(recipient.to_string())
            .fetch_one(db.pool())
            .await
            .unwrap();
    let token = "0".repeat(64);
    let mut pages: Vec<String> = leptos_axum::generate_route_list(app::app::App)
        .iter()
        .map(|l| {
            l.path()
                .replace("{id}", &recipient.to_string())
                .replace("{record}", &record)
                .replace("{kind}", "chart")
                .replace("{target}", "weight")
                .replace("{token}", &token)
        })
        .collect();
    pages.sort();
    pages.dedup();
    assert!(pages.len() > 20, "{pages:?}");
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_her_work_has_ended_the_nurse_is_refused_on_every_page_and_it_is_audited() {
    let t = support::sqlite().await;
    let db = t.db.clone();
    app::server::demo::load_demo(&db, chrono::Utc::now())
        .await
        .unwrap();
    let o = office(&db).await;
    let (_, invitation) = invitations::create(&db, o.nurse, None, now())
        .await
        .unwrap();
    let root = std::env::temp_dir().join(format!("yorisoi-offboard-{}", RecipientId::new()));
    let port = wire::free_port();
    let _server = wire::start(&t.url, port, &root, false);
    wire::until_up(port).await;
    let r = o.recipient;
    let day = support::yesterday();

    // She joins with her phone's passkey, signs in once more from another
    // browser, and sees ハナ's day from both.
    let (mut phone, first) = register_over_http(port, invitation.as_str()).await;
    let second = sign_in_over_http(port, &mut phone)
        .await
        .session_cookie()
        .expect("signed in again");
    for cookie in [&first, &second] {
        let page = wire::request(port, "GET", &format!("/r/{r}?day={day}"), Some(cookie), "")
            .await
            .unwrap();
        assert!(page.body.contains(HANA), "before: {}", page.status);
    }

    // Her administrator ends her work today.
    let admin = support::cookie_of(&db, NURSING_ADMIN).await;
    let form = format!("provider={}&person={}&on={}", o.nursing, o.nurse, today());
    let ended = wire::post(port, END, &admin, &form).await.unwrap();
    assert_eq!(ended.status, 200, "{}", ended.body);

    // Every page treats both her browsers as signed out.
    let mut failures = Vec::new();
    for path in every_page(&db, r).await {
        for cookie in [&first, &second] {
            let page = wire::request(port, "GET", &path, Some(cookie), "")
                .await
                .unwrap();
            // (Pages with nobody's data, the same for everyone: they do
            // not ask anyone to sign in, and name nobody.)
            let public = ["/sign-in", "/recipients/new"].contains(&path.as_str())
                || path.starts_with("/invite/");
            if page.body.contains(HANA)
                || page.body.contains(NURSE)
                || (!public && !page.body.contains(SIGN_IN_FIRST))
                || (!public && page.status != 401)
            {
                failures.push(format!("{path}: {} still served to her", page.status));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // So does every server function she used.
    let calls = [
        ("/api/recipients", String::new()),
        ("/api/day", format!("recipient={r}&day={day}")),
        ("/api/records", format!("recipient={r}")),
        ("/api/medical", format!("recipient={r}")),
        ("/api/visit", format!("recipient={r}")),
        ("/api/inbox", format!("recipient={r}")),
        ("/api/account", String::new()),
    ];
    for (path, form) in &calls {
        let reply = wire::post(port, path, &second, form).await.unwrap();
        assert_eq!(reply.status, 401, "{path}: {}", reply.body);
        assert!(
            reply.body.contains("need-sign-in"),
            "{path}: {}",
            reply.body
        );
    }
    let me = wire::post(port, "/api/auth/me", &first, "").await.unwrap();
    assert_eq!(me.body.trim(), "null");

    // Her passkey no longer signs her in.
    let again = sign_in_over_http(port, &mut phone).await;
    assert!(again.session_cookie().is_none(), "{}", again.body);
    assert!(again.body.contains("passkey-unknown"), "{}", again.body);

    // ハナ's care manager sees her relationship ended, and why; her
    // administrator sees her work ended.
    let cm = support::cookie_of(&db, CM).await;
    let team = wire::request(port, "GET", &format!("/r/{r}/team"), Some(&cm), "")
        .await
        .unwrap();
    assert!(
        team.body.contains("事業所での仕事を終えた"),
        "{}",
        team.status
    );
    let page = wire::request(port, "GET", "/admin", Some(&admin), "")
        .await
        .unwrap();
    assert!(page.body.contains("で仕事を終えました"), "{}", page.status);

    // The audit log has who ended whose work, and the change to ハナ's team.
    let (actor, action): (Option<String>, String) = sqlx::query_as(
        "SELECT actor_id, action FROM audit_log WHERE object_kind = 'staff_work' AND object_id = $1",
    )
    .bind(o.nurse.to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(actor, Some(o.admin.to_string()));
    assert_eq!(action, "update");
    let team_change: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_kind = 'relationship' \
         AND recipient_id = $1 AND object_id = $2 AND actor_id = $3",
    )
    .bind(r.to_string())
    .bind(o.nurse.to_string())
    .bind(o.admin.to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(team_change, 1);
    let _ = std::fs::remove_dir_all(&root);
}

// ---------------------------------------------------------------------------
// Over HTTP to the app's router.

/// Nothing was written about the nurse: she works on, sees ハナ, and the
/// log has no end of her work.
async fn nothing_changed_for_the_nurse(site: &support::site::Site, o: &Office) {
    let db = &site.t.db;
    assert_eq!(membership::ends_on(db, o.nurse).await.unwrap(), None);
    let live: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM care_relationships WHERE person_id = $1 AND ended_on IS NULL",
    )
    .bind(o.nurse.to_string())
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(live, 1);
    assert_eq!(audit_count(db, "staff_work", o.nurse).await, 0);
    let nurse = site.cookie(NURSE).await;
    let page = site
        .page(
            &format!("/r/{}?day={}", site.recipient, support::yesterday()),
            &nurse,
        )
        .await;
    assert!(page.contains(HANA));
}

#[tokio::test]
async fn an_administrator_of_another_provider_cannot_end_the_nurses_work() {
    let site = support::site::site().await;
    let o = office(&site.t.db).await;
    let other = site.cookie(OTHER_ADMIN).await;
    let theirs = provider_of(&site.t.db, OTHER_ADMIN).await;
    let today = today();
    // Named as staff of their own 事業所, or of hers.
    for (provider, key) in [
        (theirs, "admin-not-your-staff"),
        (o.nursing, "admin-not-your-provider"),
    ] {
        let form = format!("provider={provider}&person={}&on={today}", o.nurse);
        let (status, body) = site.call(END, &other, &form).await;
        assert_eq!(status, 403, "{body}");
        assert!(body.contains(key), "{body}");
    }
    // Nor can staff who administer nothing, nor she herself.
    let form = format!("provider={}&person={}&on={today}", o.nursing, o.nurse);
    for who in [CM, NURSE] {
        let cookie = site.cookie(who).await;
        let (status, body) = site.call(END, &cookie, &form).await;
        assert_eq!(status, 403, "{who}: {body}");
        assert!(body.contains("admin-only"), "{body}");
    }
    nothing_changed_for_the_nurse(&site, &o).await;
}

#[tokio::test]
async fn a_bad_day_is_refused_in_japanese_naming_the_field_and_nothing_is_written() {
    let site = support::site::site().await;
    let o = office(&site.t.db).await;
    let admin = site.cookie(NURSING_ADMIN).await;
    let today = today();
    let yesterday = today.pred_opt().unwrap().to_string();
    let far = days_after(today, 400).to_string();
    for bad in [yesterday.as_str(), far.as_str(), "2026-13-40", "あした", ""] {
        let form = format!("provider={}&person={}&on={}", o.nursing, o.nurse, enc(bad));
        let (status, body) = site.call(END, &admin, &form).await;
        assert_eq!(status, 422, "{bad}: {body}");
        assert!(body.contains("仕事を終える日"), "{bad}: {body}");
    }
    // A day in the past says from which day to which.
    let form = format!("provider={}&person={}&on={yesterday}", o.nursing, o.nurse);
    let (_, body) = site.call(END, &admin, &form).await;
    let from = app::domain::time::japanese_date(today);
    assert!(body.contains(&format!("{from}から")), "{body}");
    nothing_changed_for_the_nurse(&site, &o).await;
}

#[tokio::test]
async fn the_last_administrator_cannot_end_their_own_work() {
    let site = support::site::site().await;
    let db = &site.t.db;
    let o = office(db).await;
    let admin = site.cookie(NURSING_ADMIN).await;
    let own = format!("provider={}&person={}&on={}", o.nursing, o.admin, today());
    let (status, body) = site.call(END, &admin, &own).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("admin-last-administrator"), "{body}");
    assert_eq!(membership::ends_on(db, o.admin).await.unwrap(), None);
    assert_eq!(audit_count(db, "staff_work", o.admin).await, 0);
    let (status, _) = site.call("/api/admin", &admin, "").await;
    assert_eq!(status, 200, "still signed in");

    // With a second administrator, they can: and are signed out at once.
    server::invite_cmd::run(
        db,
        Role::ProviderAdmin,
        "石井 直子",
        Some(o.nursing),
        PUBLIC_URL,
        now(),
    )
    .await
    .unwrap();
    let (status, body) = site.call(END, &admin, &own).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = site.call("/api/admin", &admin, "").await;
    assert_eq!(status, 401, "{body}");
    let second = site.cookie("石井 直子").await;
    let page = site.page("/admin", &second).await;
    assert!(page.contains("で仕事を終えました"));
    // Now the second is the last one.
    let theirs = format!(
        "provider={}&person={}&on={}",
        o.nursing,
        person(db, "石井 直子").await,
        today()
    );
    let (status, body) = site.call(END, &second, &theirs).await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("admin-last-administrator"), "{body}");
}

// ---------------------------------------------------------------------------
// The data layer, on SQLite and PostgreSQL.

/// Registering as if signed in to add a device.
fn purpose() -> app::server::auth::passkeys::Registration {
    app::server::auth::passkeys::Registration::Account {
        session: "00000000".into(),
    }
}

fn rp() -> Passkeys {
    Passkeys::new(&Url::parse(PUBLIC_URL).unwrap()).unwrap()
}

async fn register(db: &Db, rp: &Passkeys, person: PersonId) -> SoftPasskey {
    let t = now();
    let (ceremony, options) = rp
        .start_registration(db, person, &purpose(), t)
        .await
        .unwrap();
    let (key, answer) = SoftPasskey::register(&serde_json::to_value(&options).unwrap(), PUBLIC_URL);
    let answer: RegisterPublicKeyCredential = serde_json::from_value(answer).unwrap();
    rp.finish_registration(db, &ceremony, person, &purpose(), &answer, "スマホ", t)
        .await
        .unwrap();
    key
}

async fn sign_in(
    db: &Db,
    rp: &Passkeys,
    key: &mut SoftPasskey,
    at: OccurredAt,
) -> Result<PersonId, PasskeyError> {
    let (ceremony, options) = rp.start_sign_in(db, at).await.unwrap();
    let answer = key.sign_in(&serde_json::to_value(&options).unwrap(), PUBLIC_URL);
    let answer: PublicKeyCredential = serde_json::from_value(answer).unwrap();
    rp.finish_sign_in(db, &ceremony, &answer, at).await
}

async fn sees_hana(db: &Db, o: &Office, day: NaiveDate) -> bool {
    app::server::access::viewer(db, o.nurse, Role::Nurse, o.recipient, day)
        .await
        .unwrap()
        .relation
        .is_some()
}

async fn demo_office(db: &Db) -> Office {
    app::server::demo::load_demo(db, chrono::Utc::now())
        .await
        .unwrap();
    office(db).await
}

async fn ending_work_today_ends_her_sessions_passkeys_links_and_relationships(db: Db) {
    let o = demo_office(&db).await;
    let rp = rp();
    let mut key = register(&db, &rp, o.nurse).await;
    let session = sessions::start(&db, o.nurse, Role::Nurse, "test", now())
        .await
        .unwrap();
    let (_, link) = invitations::create(&db, o.nurse, None, now())
        .await
        .unwrap();
    let today = today();

    let outcome = membership::end(&db, o.nurse, today, o.admin, today, now())
        .await
        .unwrap();
    let Outcome::Ended(ended) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(ended.recipients, [o.recipient]);
    assert!(ended.at_once);

    assert!(sessions::resume(&db, &session, now())
        .await
        .unwrap()
        .is_none());
    let r = sign_in(&db, &rp, &mut key, now()).await;
    assert!(matches!(r, Err(PasskeyError::UnknownPasskey)), "{r:?}");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE person_id = $1")
        .bind(o.nurse.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "her passkeys are removed");
    let r = invitations::check(&db, &link, now()).await;
    assert!(matches!(r, Err(InviteError::Invalid(_))), "{r:?}");
    assert!(!sees_hana(&db, &o, today).await);
    assert!(db::people::recipients_of(&db, o.nurse, today)
        .await
        .unwrap()
        .is_empty());
    let member = db::team::members(&db, o.recipient)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.person == o.nurse)
        .unwrap();
    assert_eq!(member.ended, Some((today, EndReason::LeftProvider)));
    // Not offered to any team again, and listed as ended.
    assert!(!db::team::staff(&db)
        .await
        .unwrap()
        .iter()
        .any(|(p, ..)| *p == o.nurse));
    let staff = db::providers::staff_of(&db, o.nursing).await.unwrap();
    let her = staff.iter().find(|s| s.person == o.nurse).unwrap();
    assert_eq!(her.ends_on, Some(today));
    assert_eq!(
        membership::ends_on(&db, o.nurse).await.unwrap(),
        Some(today)
    );
    // Ending it again changes nothing.
    assert_eq!(
        membership::end(&db, o.nurse, today, o.admin, today, now())
            .await
            .unwrap(),
        Outcome::AlreadyEnding(today)
    );
}

async fn a_later_end_takes_effect_on_that_day(db: Db) {
    let o = demo_office(&db).await;
    let rp = rp();
    let mut key = register(&db, &rp, o.nurse).await;
    let today = today();
    let on = days_after(today, 2);
    let (_, link) = invitations::create(&db, o.nurse, None, now())
        .await
        .unwrap();
    let outcome = membership::end(&db, o.nurse, on, o.admin, today, now())
        .await
        .unwrap();
    let Outcome::Ended(ended) = outcome else {
        panic!("{outcome:?}");
    };
    assert!(!ended.at_once);

    // Until that day she works as before…
    let session = sessions::start(&db, o.nurse, Role::Nurse, "test", now())
        .await
        .unwrap();
    assert!(sessions::resume(&db, &session, now())
        .await
        .unwrap()
        .is_some());
    assert_eq!(sign_in(&db, &rp, &mut key, now()).await.unwrap(), o.nurse);
    assert!(invitations::check(&db, &link, now()).await.is_ok());
    assert!(sees_hana(&db, &o, on.pred_opt().unwrap()).await);
    // …a session in use over midnight is refused from the first request
    // of that day…
    let late = sessions::start(&db, o.nurse, Role::Nurse, "test", around_start_of(on, -5))
        .await
        .unwrap();
    assert!(sessions::resume(&db, &late, around_start_of(on, -4))
        .await
        .unwrap()
        .is_some());
    assert!(sessions::resume(&db, &late, around_start_of(on, 1))
        .await
        .unwrap()
        .is_none());
    // …and so are her passkey, her link and her view of ハナ.
    let r = sign_in(&db, &rp, &mut key, around_start_of(on, 1)).await;
    assert!(matches!(r, Err(PasskeyError::UnknownPasskey)), "{r:?}");
    let r = invitations::check(&db, &link, around_start_of(on, 1)).await;
    assert!(
        matches!(r, Err(InviteError::Invalid(InviteProblem::WorkEnded))),
        "{r:?}"
    );
    assert!(!sees_hana(&db, &o, on).await);

    // The day can come sooner, not later.
    let sooner = on.pred_opt().unwrap();
    let later = days_after(on, 5);
    assert_eq!(
        membership::end(&db, o.nurse, later, o.admin, today, now())
            .await
            .unwrap(),
        Outcome::AlreadyEnding(on)
    );
    assert!(matches!(
        membership::end(&db, o.nurse, sooner, o.admin, today, now())
            .await
            .unwrap(),
        Outcome::Ended(_)
    ));
    assert_eq!(
        membership::ends_on(&db, o.nurse).await.unwrap(),
        Some(sooner)
    );
    assert!(!sees_hana(&db, &o, sooner).await);
    // Today, at once.
    let Outcome::Ended(ended) = membership::end(&db, o.nurse, today, o.admin, today, now())
        .await
        .unwrap()
    else {
        panic!("not ended");
    };
    assert!(ended.at_once);
    assert!(sessions::resume(&db, &session, now())
        .await
        .unwrap()
        .is_none());
}

async fn a_provider_is_never_left_without_an_administrator(db: Db) {
    let o = demo_office(&db).await;
    let today = today();
    let by = o.admin;
    let end = |who: PersonId, on: NaiveDate| {
        let db = db.clone();
        async move {
            membership::end(&db, who, on, by, today, now())
                .await
                .unwrap()
        }
    };
    // The only administrator stays.
    assert_eq!(end(o.admin, today).await, Outcome::LastAdministrator);
    assert_eq!(membership::ends_on(&db, o.admin).await.unwrap(), None);

    // A token the first administrator makes for the 事業所's software.
    let scope = app::server::api_tokens::Scope {
        recipients: vec![o.recipient],
        classes: vec![InfoClass::Living],
        may_import: true,
        may_read: false,
    };
    let (_, token) =
        app::server::api_tokens::create(&db, o.nursing, o.admin, "記録ソフト", &scope, now())
            .await
            .unwrap();
    assert!(app::server::api_tokens::verify(&db, &token, today)
        .await
        .unwrap()
        .is_some());

    // A second administrator who is leaving does not count.
    let nursing = o.nursing;
    let invite = |name: &'static str| {
        let db = db.clone();
        async move {
            server::invite_cmd::run(
                &db,
                Role::ProviderAdmin,
                name,
                Some(nursing),
                PUBLIC_URL,
                now(),
            )
            .await
            .unwrap()
            .person
        }
    };
    let leaving = invite("石井 直子").await;
    assert!(matches!(
        end(leaving, days_after(today, 10)).await,
        Outcome::Ended(_)
    ));
    assert_eq!(end(o.admin, today).await, Outcome::LastAdministrator);

    // One who stays does: the first may go, and the token they made stops
    // working with them.
    let staying = invite("森 健一").await;
    assert!(matches!(end(o.admin, today).await, Outcome::Ended(_)));
    assert!(app::server::api_tokens::verify(&db, &token, today)
        .await
        .unwrap()
        .is_none());
    assert_eq!(end(staying, today).await, Outcome::LastAdministrator);
}

on_both_databases!(
    ending_work_today_ends_her_sessions_passkeys_links_and_relationships,
    a_later_end_takes_effect_on_that_day,
    a_provider_is_never_left_without_an_administrator,
);
