//! Signing in without a browser: a software passkey registers and signs in
//! through the same JSON a browser would send; replayed, expired, forged and
//! foreign answers are refused; sessions time out and can be ended. Run on
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::classes::Role;
use app::domain::ids::PersonId;
use app::domain::time::OccurredAt;
use app::server::auth::passkeys::{PasskeyError, Passkeys, CEREMONY_MS};
use app::server::db::Db;
use support::authenticator::SoftPasskey;
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential, Url};

const ORIGIN: &str = "http://localhost:3000";

fn now() -> OccurredAt {
    OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
}

fn later(t: OccurredAt, ms: i64) -> OccurredAt {
    OccurredAt::from_millis(t.millis() + ms)
}

/// Registering as if signed in to add a device.
fn purpose() -> app::server::auth::passkeys::Registration {
    app::server::auth::passkeys::Registration::Account {
        session: "00000000".into(),
    }
}

fn rp() -> Passkeys {
    Passkeys::new(&Url::parse(ORIGIN).unwrap()).unwrap()
}

async fn invited(db: &Db, name: &str) -> PersonId {
    server::invite_cmd::run(db, Role::Family, name, None, ORIGIN, now())
        .await
        .unwrap()
        .person
}

/// Registers a software passkey for `person`; returns it.
async fn register(db: &Db, rp: &Passkeys, person: PersonId) -> SoftPasskey {
    let t = now();
    let (ceremony, options) = rp
        .start_registration(db, person, &purpose(), t)
        .await
        .unwrap();
    let (key, answer) = SoftPasskey::register(&serde_json::to_value(&options).unwrap(), ORIGIN);
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
    let answer = key.sign_in(&serde_json::to_value(&options).unwrap(), ORIGIN);
    let answer: PublicKeyCredential = serde_json::from_value(answer).unwrap();
    rp.finish_sign_in(db, &ceremony, &answer, at).await
}

async fn a_passkey_registers_and_signs_in_without_a_name(db: Db) {
    let rp = rp();
    let person = invited(&db, "佐藤 美咲").await;
    let mut key = register(&db, &rp, person).await;
    // The user handle the phone keeps is random, not the name.
    let handle: String = sqlx::query_scalar("SELECT handle FROM user_handles")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(
        key.user_handle,
        webauthn_rs::prelude::Uuid::parse_str(&handle)
            .unwrap()
            .as_bytes()
    );
    assert!(!handle.contains("佐藤"));
    assert_eq!(sign_in(&db, &rp, &mut key, now()).await.unwrap(), person);
    let used: Option<i64> = sqlx::query_scalar("SELECT last_used_at FROM passkeys")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert!(used.is_some());
    // And again: the counter moves on and is accepted.
    assert_eq!(sign_in(&db, &rp, &mut key, now()).await.unwrap(), person);
}

async fn a_second_device_is_added_and_the_first_is_excluded(db: Db) {
    let rp = rp();
    let person = invited(&db, "山本 健太").await;
    let _phone = register(&db, &rp, person).await;
    let (_, options) = rp
        .start_registration(&db, person, &purpose(), now())
        .await
        .unwrap();
    let options = serde_json::to_value(&options).unwrap();
    let excluded = options["publicKey"]["excludeCredentials"]
        .as_array()
        .unwrap();
    assert_eq!(excluded.len(), 1, "{options}");
    assert_eq!(
        options["publicKey"]["authenticatorSelection"]["residentKey"],
        "required"
    );
    let mut tablet = register(&db, &rp, person).await;
    assert_eq!(sign_in(&db, &rp, &mut tablet, now()).await.unwrap(), person);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(n, 2);

    // Removing: only her own, and never the last one.
    use app::server::auth::passkeys::{list, remove, Removal};
    let keys = list(&db, person).await.unwrap();
    assert_eq!(
        keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["スマホ", "スマホ"]
    );
    assert!(keys[1].last_used_at.is_some() && keys[0].last_used_at.is_none());
    let stranger = invited(&db, "他人 です").await;
    assert_eq!(
        remove(&db, stranger, &keys[0].id).await.unwrap(),
        Removal::NotYours
    );
    assert_eq!(
        remove(&db, person, &keys[0].id).await.unwrap(),
        Removal::Removed
    );
    assert_eq!(
        remove(&db, person, &keys[1].id).await.unwrap(),
        Removal::Last
    );
    assert_eq!(list(&db, person).await.unwrap().len(), 1);
    assert_eq!(sign_in(&db, &rp, &mut tablet, now()).await.unwrap(), person);
}

async fn replayed_and_expired_ceremonies_are_refused(db: Db) {
    let rp = rp();
    let person = invited(&db, "田中 里美").await;
    let t = now();
    let (ceremony, options) = rp
        .start_registration(&db, person, &purpose(), t)
        .await
        .unwrap();
    let (_, answer) = SoftPasskey::register(&serde_json::to_value(&options).unwrap(), ORIGIN);
    let answer: RegisterPublicKeyCredential = serde_json::from_value(answer).unwrap();
    rp.finish_registration(&db, &ceremony, person, &purpose(), &answer, "スマホ", t)
        .await
        .unwrap();
    // The same answer again: the ceremony is gone.
    let again = rp
        .finish_registration(&db, &ceremony, person, &purpose(), &answer, "スマホ", t)
        .await;
    assert!(matches!(again, Err(PasskeyError::Ceremony)), "{again:?}");

    let mut key = register(&db, &rp, person).await;
    let (ceremony, options) = rp.start_sign_in(&db, t).await.unwrap();
    let answer = key.sign_in(&serde_json::to_value(&options).unwrap(), ORIGIN);
    let answer: PublicKeyCredential = serde_json::from_value(answer).unwrap();
    // Five minutes later the challenge is no good…
    let late = rp
        .finish_sign_in(&db, &ceremony, &answer, later(t, CEREMONY_MS))
        .await;
    assert!(matches!(late, Err(PasskeyError::Ceremony)), "{late:?}");
    // …and it was taken, so it cannot be tried again in time either.
    let replay = rp.finish_sign_in(&db, &ceremony, &answer, t).await;
    assert!(matches!(replay, Err(PasskeyError::Ceremony)), "{replay:?}");
}

async fn forged_and_foreign_answers_are_refused(db: Db) {
    let rp = rp();
    let misaki = invited(&db, "佐藤 美咲").await;
    let kenta = invited(&db, "山本 健太").await;
    let mut misakis_key = register(&db, &rp, misaki).await;
    let kentas_key = register(&db, &rp, kenta).await;

    // Misaki's passkey claiming to be Kenta (his user handle).
    let (ceremony, options) = rp.start_sign_in(&db, now()).await.unwrap();
    let options = serde_json::to_value(&options).unwrap();
    let forged = misakis_key.sign_in_as(&options, ORIGIN, &kentas_key.user_handle);
    let forged: PublicKeyCredential = serde_json::from_value(forged).unwrap();
    let r = rp.finish_sign_in(&db, &ceremony, &forged, now()).await;
    assert!(matches!(r, Err(PasskeyError::UnknownPasskey)), "{r:?}");

    // A look-alike site relaying the challenge: the origin does not match.
    let (ceremony, options) = rp.start_sign_in(&db, now()).await.unwrap();
    let phished = misakis_key.sign_in(
        &serde_json::to_value(&options).unwrap(),
        "http://yorisoi.example",
    );
    let phished: PublicKeyCredential = serde_json::from_value(phished).unwrap();
    let r = rp.finish_sign_in(&db, &ceremony, &phished, now()).await;
    assert!(matches!(r, Err(PasskeyError::Rejected(_))), "{r:?}");

    // A phone that skipped its screen lock: user verification is required.
    misakis_key.verify_user = false;
    let r = sign_in(&db, &rp, &mut misakis_key, now()).await;
    assert!(matches!(r, Err(PasskeyError::Rejected(_))), "{r:?}");

    // A passkey this server never registered.
    let stranger = invited(&db, "知らない 人").await;
    let other_rp = Passkeys::new(&Url::parse(ORIGIN).unwrap()).unwrap();
    let (_, options) = other_rp
        .start_registration(&db, stranger, &purpose(), now())
        .await
        .unwrap();
    let (mut unregistered, _) =
        SoftPasskey::register(&serde_json::to_value(&options).unwrap(), ORIGIN);
    let r = sign_in(&db, &rp, &mut unregistered, now()).await;
    assert!(matches!(r, Err(PasskeyError::UnknownPasskey)), "{r:?}");
}

async fn sessions_time_out_and_can_be_ended(db: Db) {
    use app::server::auth::sessions::{self, Session, SessionToken};
    let misaki = invited(&db, "佐藤 美咲").await;
    let nurse = server::invite_cmd::run(&db, Role::Nurse, "中村 由美", None, ORIGIN, now())
        .await
        .unwrap()
        .person;
    let t = now();
    let phone = sessions::start(&db, misaki, Role::Family, "Android の Chrome", t)
        .await
        .unwrap();
    let office = sessions::start(&db, nurse, Role::Nurse, "Windows の Edge", t)
        .await
        .unwrap();
    // Only the hash is stored.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
        .bind(phone.as_str())
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0);
    let resume = |tok: SessionToken, at: OccurredAt| {
        let db = db.clone();
        async move { sessions::resume(&db, &tok, at).await.unwrap() }
    };
    assert_eq!(
        resume(phone.clone(), later(t, 60_000)).await,
        Some(Session {
            person: misaki,
            role: Role::Family,
            label: phone.hash()[..8].to_string(),
            name: "佐藤 美咲".into(),
            reading: Default::default(),
        })
    );
    // Staff: 30 idle minutes end the session; using it keeps it alive.
    assert!(resume(office.clone(), later(t, 29 * 60_000))
        .await
        .is_some());
    assert!(resume(office.clone(), later(t, 58 * 60_000))
        .await
        .is_some());
    assert_eq!(resume(office.clone(), later(t, 89 * 60_000)).await, None);
    // …and once ended it stays ended.
    assert_eq!(resume(office, later(t, 89 * 60_000 + 1)).await, None);
    // Family: a day later the phone is still signed in.
    assert!(resume(phone.clone(), later(t, 24 * 3_600_000))
        .await
        .is_some());

    // A second device; the list names both; ending one by its label.
    let tablet = sessions::start(&db, misaki, Role::Family, "iPad の Safari", t)
        .await
        .unwrap();
    let at = later(t, 24 * 3_600_000 + 1);
    let list = sessions::list(&db, misaki, at).await.unwrap();
    assert_eq!(list.len(), 2);
    let tablet_label = &tablet.hash()[..8];
    assert!(list
        .iter()
        .any(|e| e.label == tablet_label && e.device == "iPad の Safari"));
    assert!(sessions::end_by_label(&db, misaki, tablet_label, at)
        .await
        .unwrap());
    assert_eq!(resume(tablet, at).await, None);
    // Nobody ends another person's session by guessing a label.
    assert!(!sessions::end_by_label(&db, nurse, &phone.hash()[..8], at)
        .await
        .unwrap());
    assert!(!sessions::end_by_label(&db, misaki, "%", at).await.unwrap());
    assert!(resume(phone.clone(), at).await.is_some());
    // A lost phone: everything of hers ends at once.
    let mut conn = db.pool().acquire().await.unwrap();
    assert_eq!(
        sessions::end_all_in(&mut conn, misaki, at).await.unwrap(),
        1
    );
    drop(conn);
    assert_eq!(resume(phone, at).await, None);
}

/// On the demo database a newcomer gets sign-up links for ハナ herself,
/// her daughter, the care manager, her 事業所's administrator and the care
/// worker who visits — until each has a passkey.
async fn the_demo_offers_five_people_to_try(db: Db) {
    use app::server::demo;
    assert!(demo::people_to_try(&db).await.unwrap().is_empty());
    demo::load_demo(&db, chrono::Utc::now()).await.unwrap();
    let people = demo::people_to_try(&db).await.unwrap();
    let roles: Vec<Role> = people.iter().map(|(_, _, r)| *r).collect();
    assert_eq!(people.len(), 5, "{people:?}");
    for role in [
        Role::Recipient,
        Role::Family,
        Role::CareManager,
        Role::ProviderAdmin,
        Role::CareWorker,
    ] {
        assert!(roles.contains(&role), "{roles:?}");
    }
    let (daughter, name, _) = people
        .iter()
        .find(|(_, _, r)| *r == Role::Family)
        .cloned()
        .unwrap();
    assert_eq!(name, "佐藤 美咲");
    let rp = rp();
    register(&db, &rp, daughter).await;
    assert_eq!(demo::people_to_try(&db).await.unwrap().len(), 4);
}

on_both_databases!(
    the_demo_offers_five_people_to_try,
    sessions_time_out_and_can_be_ended,
    a_passkey_registers_and_signs_in_without_a_name,
    a_second_device_is_added_and_the_first_is_excluded,
    replayed_and_expired_ceremonies_are_refused,
    forged_and_foreign_answers_are_refused,
);

// ---------------------------------------------------------------------------
// The same through HTTP, as the browser calls the server functions.

mod http_flow {
    use super::*;
    use app::server::auth::sessions::{self, SessionToken};
    use axum::body::Body;
    use axum::http::{header, Request};
    use tower::ServiceExt;

    struct Reply {
        cookies: Vec<String>,
        body: String,
    }

    async fn post(
        router: &axum::Router,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(
                header::USER_AGENT,
                "Mozilla/5.0 (Linux; Android 14) Chrome/156.0 Mobile Safari/537.36",
            );
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let resp = router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let cookies = resp
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        Reply {
            cookies,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn session_cookie(r: &Reply) -> String {
        let c = r
            .cookies
            .iter()
            .find(|c| c.starts_with("__Host-yorisoi="))
            .unwrap_or_else(|| panic!("no session cookie in {:?} ({})", r.cookies, r.body));
        for part in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(c.contains(part), "{c}");
        }
        c.split(';').next().unwrap().to_string()
    }

    async fn register_over_http(router: &axum::Router, token: &str) -> (SoftPasskey, String) {
        let start = post(
            router,
            "/api/auth/register/start",
            &[("token", token)],
            None,
        )
        .await;
        let start: serde_json::Value =
            serde_json::from_str(&start.body).unwrap_or_else(|_| panic!("{}", start.body));
        let options: serde_json::Value =
            serde_json::from_str(start["options"].as_str().unwrap()).unwrap();
        let (key, answer) = SoftPasskey::register(&options, ORIGIN);
        let finish = post(
            router,
            "/api/auth/register/finish",
            &[
                ("token", token),
                ("ceremony", start["id"].as_str().unwrap()),
                ("credential", &answer.to_string()),
                ("device_name", "スマホ"),
            ],
            None,
        )
        .await;
        (key, session_cookie(&finish))
    }

    async fn sign_in_over_http(
        router: &axum::Router,
        key: &mut SoftPasskey,
        cookie: Option<&str>,
    ) -> Reply {
        let start = post(router, "/api/auth/sign-in/start", &[], None).await;
        let start: serde_json::Value = serde_json::from_str(&start.body).unwrap();
        let options: serde_json::Value =
            serde_json::from_str(start["options"].as_str().unwrap()).unwrap();
        let answer = key.sign_in(&options, ORIGIN);
        post(
            router,
            "/api/auth/sign-in/finish",
            &[
                ("ceremony", start["id"].as_str().unwrap()),
                ("credential", &answer.to_string()),
            ],
            cookie,
        )
        .await
    }

    fn token_of(cookie: &str) -> SessionToken {
        SessionToken::parse(cookie.trim_start_matches("__Host-yorisoi=")).unwrap()
    }

    #[tokio::test]
    async fn an_invited_daughter_signs_up_signs_in_and_out_and_recovers_a_lost_phone() {
        let t = support::sqlite().await;
        let db = t.db.clone();
        // (The router's public URL is ORIGIN, http://localhost:3000.)
        let router = support::router(&db);
        let invited = server::invite_cmd::run(&db, Role::Family, "佐藤 美咲", None, ORIGIN, now())
            .await
            .unwrap();
        let token = invited.url.rsplit('/').next().unwrap().to_string();

        // The invitation page can greet her by name.
        let page = post(&router, "/api/auth/invitation", &[("token", &token)], None).await;
        assert!(page.body.contains("佐藤 美咲"), "{}", page.body);

        // She registers her phone's passkey and is signed in.
        let (mut phone, first) = register_over_http(&router, &token).await;
        assert!(sessions::resume(&db, &token_of(&first), now())
            .await
            .unwrap()
            .is_some());

        // The link is used up.
        let again = post(
            &router,
            "/api/auth/register/start",
            &[("token", &token)],
            None,
        )
        .await;
        assert!(again.body.contains("invite-used"), "{}", again.body);

        // Signing in again gives a new session; the old cookie is ended.
        let second = sign_in_over_http(&router, &mut phone, Some(&first)).await;
        let second = session_cookie(&second);
        assert_ne!(first, second);
        assert!(sessions::resume(&db, &token_of(&first), now())
            .await
            .unwrap()
            .is_none());

        // Signing out ends it and tells the browser to forget the cookie.
        let out = post(&router, "/api/auth/sign-out", &[], Some(&second)).await;
        assert!(
            out.cookies.iter().any(|c| c.contains("Max-Age=0")),
            "{:?}",
            out.cookies
        );
        assert!(sessions::resume(&db, &token_of(&second), now())
            .await
            .unwrap()
            .is_none());

        // A lost phone: signed in elsewhere, she is invited again.
        let third = session_cookie(&sign_in_over_http(&router, &mut phone, None).await);
        let (_, new_token) =
            app::server::auth::invitations::create(&db, invited.person, None, now())
                .await
                .unwrap();
        let (mut new_phone, fourth) = register_over_http(&router, new_token.as_str()).await;
        // The old phone's passkey and session no longer work; the new ones do.
        let old = sign_in_over_http(&router, &mut phone, None).await;
        assert!(old.body.contains("passkey-unknown"), "{}", old.body);
        assert!(sessions::resume(&db, &token_of(&third), now())
            .await
            .unwrap()
            .is_none());
        assert!(sessions::resume(&db, &token_of(&fourth), now())
            .await
            .unwrap()
            .is_some());
        let fifth = sign_in_over_http(&router, &mut new_phone, None).await;
        let fifth = session_cookie(&fifth);

        // What she reads is in the audit log under her name.
        let summary = app::server::demo::load_demo(&db, chrono::Utc::now())
            .await
            .unwrap();
        // (She is made family of the demo's ハナ, so the page is hers to read.)
        sqlx::query(
            "INSERT INTO care_relationships (id, recipient_id, person_id, kind, started_on) \
             VALUES ('rel-test', $1, $2, 'family', '2026-01-01')",
        )
        .bind(summary.recipient.to_string())
        .bind(invited.person.to_string())
        .execute(db.pool())
        .await
        .unwrap();
        let page = router
            .clone()
            .oneshot(
                Request::get(format!("/r/{}", summary.recipient))
                    .header(header::COOKIE, &fifth)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(page.status(), axum::http::StatusCode::OK);
        let actor: Option<String> = sqlx::query_scalar(
            "SELECT actor_id FROM audit_log WHERE object_kind = 'day_records' AND recipient_id = $1",
        )
        .bind(summary.recipient.to_string())
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(actor, Some(invited.person.to_string()));
    }
}
