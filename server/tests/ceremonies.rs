//! Passkey ceremonies are bound to what they were started for, through the
//! HTTP calls a browser makes: one started with an invitation is finished
//! only by that invitation's sign-up, one started on the account page only
//! by the same person in the same sign-in, one started to sign in only by
//! signing in. A ceremony finished anywhere else is refused and nothing is
//! written: no passkey, the invitation still unused. Removing a passkey and
//! signing out (here or on another device) are in the audit log. Run on
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::classes::Role;
use app::domain::time::OccurredAt;
use app::server::auth::sessions::SessionToken;
use axum::http::StatusCode;
use serde_json::Value;
use support::authenticator::SoftPasskey;
use support::browser::{add_passkey, name_signed_in, post, refused, sign_up, start, Reply, ORIGIN};
use support::site::Site;

const DAUGHTER: &str = "佐藤 美咲";
const SON: &str = "山本 健太";
const ELSEWHERE: &str = "passkey-started-elsewhere";
const SIGN_IN_ELSEWHERE: &str = "passkey-sign-in-elsewhere";

fn now() -> OccurredAt {
    OccurredAt::from_millis(chrono::Utc::now().timestamp_millis())
}

/// Somebody new, invited by the server's command line: who, and the token
/// in their link.
async fn invite(site: &Site, name: &str) -> (String, String) {
    let invited = server::invite_cmd::run(&site.t.db, Role::Family, name, None, ORIGIN, now())
        .await
        .unwrap();
    let token = invited.url.rsplit('/').next().unwrap().to_string();
    (invited.person.to_string(), token)
}

async fn passkeys_of(site: &Site, person: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM passkeys WHERE person_id = $1")
        .bind(person)
        .fetch_one(site.t.db.pool())
        .await
        .unwrap()
}

async fn unused_invitations_of(site: &Site, person: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitations WHERE person_id = $1 \
         AND used_at IS NULL AND revoked_at IS NULL",
    )
    .bind(person)
    .fetch_one(site.t.db.pool())
    .await
    .unwrap()
}

/// Signs in with `key`; the reply (a cookie when it worked).
async fn sign_in(site: &Site, key: &mut SoftPasskey) -> Reply {
    let (id, options) = start(site, "/api/auth/sign-in/start", None, &[]).await;
    let answer = key.sign_in(&options, ORIGIN).to_string();
    post(
        site,
        "/api/auth/sign-in/finish",
        None,
        &[("ceremony", &id), ("credential", &answer)],
    )
    .await
}

/// The attack: a ceremony started with somebody's invitation link,
/// finished on the account page by whoever is signed in. Refused, with no
/// passkey for the invited person, and their link still theirs.
async fn an_invitation_ceremony_finished_on_the_account_page_writes_nothing(site: Site) {
    let (invited, token) = invite(&site, "新井 かおる").await;
    let stranger = site.cookie(SON).await;
    let (ceremony, options) = start(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &token)],
    )
    .await;
    let (mut planted, answer) = SoftPasskey::register(&options, ORIGIN);
    let r = post(
        &site,
        "/api/account/passkey/finish",
        Some(&stranger),
        &[
            ("ceremony", &ceremony),
            ("credential", &answer.to_string()),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(
        passkeys_of(&site, &invited).await,
        0,
        "a passkey was planted"
    );
    let r2 = sign_in(&site, &mut planted).await;
    assert!(
        r2.cookie.is_none(),
        "the planted passkey signs in: {}",
        r2.body
    );
    refused(&r2, "passkey-unknown");
    refused(&r, ELSEWHERE);
    assert_eq!(unused_invitations_of(&site, &invited).await, 1);

    // The person invited still signs up with their link, and only their
    // own passkey is theirs.
    let (mut theirs, cookie) = sign_up(&site, &token).await;
    assert_eq!(
        name_signed_in(&site, &cookie).await.as_deref(),
        Some("新井 かおる")
    );
    assert_eq!(passkeys_of(&site, &invited).await, 1);
    assert!(sign_in(&site, &mut theirs).await.cookie.is_some());
    assert_eq!(unused_invitations_of(&site, &invited).await, 0);
}

/// A ceremony started with one link, finished with another link (the
/// caller's own): refused, nothing written for either person.
async fn an_invitation_ceremony_is_finished_only_with_its_own_link(site: Site) {
    let (invited, token) = invite(&site, "新井 かおる").await;
    let (other, other_token) = invite(&site, "大野 まさる").await;
    let (ceremony, options) = start(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &token)],
    )
    .await;
    let (mut planted, answer) = SoftPasskey::register(&options, ORIGIN);
    let r = post(
        &site,
        "/api/auth/register/finish",
        None,
        &[
            ("token", &other_token),
            ("ceremony", &ceremony),
            ("credential", &answer.to_string()),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    assert!(r.cookie.is_none(), "signed in: {}", r.body);
    assert_eq!(
        passkeys_of(&site, &invited).await,
        0,
        "a passkey was planted"
    );
    assert_eq!(passkeys_of(&site, &other).await, 0);
    assert!(sign_in(&site, &mut planted).await.cookie.is_none());
    refused(&r, ELSEWHERE);
    assert_eq!(unused_invitations_of(&site, &invited).await, 1);
    assert_eq!(unused_invitations_of(&site, &other).await, 1);
    // Both links still work for their own people.
    let (_, cookie) = sign_up(&site, &other_token).await;
    assert_eq!(
        name_signed_in(&site, &cookie).await.as_deref(),
        Some("大野 まさる")
    );
    let (_, cookie) = sign_up(&site, &token).await;
    assert_eq!(
        name_signed_in(&site, &cookie).await.as_deref(),
        Some("新井 かおる")
    );
}

/// The daughter starts adding a device; her brother, signed in himself,
/// finishes it with his phone: refused, no passkey for her. Nor does an
/// invitation's sign-up, or her own other sign-in, finish it; she does.
async fn an_account_ceremony_is_finished_only_where_it_started(site: Site) {
    let daughter = site.person(DAUGHTER).await;
    let son = site.person(SON).await;
    let hers = site.cookie(DAUGHTER).await;
    let his = site.cookie(SON).await;
    let (ceremony, options) = start(&site, "/api/account/passkey/start", Some(&hers), &[]).await;
    let (mut his_phone, answer) = SoftPasskey::register(&options, ORIGIN);
    let site_ref = &site;
    let (c, a) = (ceremony.clone(), answer.to_string());
    let finish = move |cookie: String| {
        let (ceremony, answer) = (c.clone(), a.clone());
        async move {
            post(
                site_ref,
                "/api/account/passkey/finish",
                Some(&cookie),
                &[
                    ("ceremony", &ceremony),
                    ("credential", &answer),
                    ("device_name", "スマホ"),
                ],
            )
            .await
        }
    };
    let r = finish(his.clone()).await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(
        passkeys_of(&site, &daughter).await,
        0,
        "a passkey was planted"
    );
    assert_eq!(passkeys_of(&site, &son).await, 0);
    assert!(sign_in(&site, &mut his_phone).await.cookie.is_none());
    refused(&r, ELSEWHERE);

    // An invitation's sign-up (his own link) cannot finish it either.
    let (_, token) = invite(&site, "大野 まさる").await;
    let r = post(
        &site,
        "/api/auth/register/finish",
        None,
        &[
            ("token", &token),
            ("ceremony", &ceremony),
            ("credential", &answer.to_string()),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    assert!(r.cookie.is_none(), "signed in: {}", r.body);
    refused(&r, ELSEWHERE);
    assert_eq!(passkeys_of(&site, &daughter).await, 0);

    // Nor she, signed in on another device.
    let elsewhere = site.cookie(DAUGHTER).await;
    refused(&finish(elsewhere).await, ELSEWHERE);
    assert_eq!(passkeys_of(&site, &daughter).await, 0);

    // She finishes it herself, with the phone that answered.
    let r = finish(hers.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(passkeys_of(&site, &daughter).await, 1);
    let r = sign_in(&site, &mut his_phone).await;
    let cookie = r.cookie.unwrap_or_else(|| panic!("{}", r.body));
    assert_eq!(
        name_signed_in(&site, &cookie).await.as_deref(),
        Some(DAUGHTER)
    );
    // Once only.
    refused(&finish(hers).await, "passkey-too-slow");
}

/// A sign-in ceremony does not register a passkey (by the invitation's
/// sign-up nor on the account page), and a registration's ceremony does
/// not sign anybody in.
async fn sign_in_and_registration_ceremonies_do_not_mix(site: Site) {
    let (invited, token) = invite(&site, "新井 かおる").await;
    let hers = site.cookie(DAUGHTER).await;
    let daughter = site.person(DAUGHTER).await;
    let (sign_in_ceremony, _) = start(&site, "/api/auth/sign-in/start", None, &[]).await;
    // A registration answer, made for options the link gave.
    let (_, options) = start(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &token)],
    )
    .await;
    let (_, answer) = SoftPasskey::register(&options, ORIGIN);
    let answer = answer.to_string();
    let r = post(
        &site,
        "/api/auth/register/finish",
        None,
        &[
            ("token", &token),
            ("ceremony", &sign_in_ceremony),
            ("credential", &answer),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    assert!(r.cookie.is_none(), "signed in: {}", r.body);
    refused(&r, ELSEWHERE);
    let r = post(
        &site,
        "/api/account/passkey/finish",
        Some(&hers),
        &[
            ("ceremony", &sign_in_ceremony),
            ("credential", &answer),
            ("device_name", "スマホ"),
        ],
    )
    .await;
    refused(&r, ELSEWHERE);
    assert_eq!(passkeys_of(&site, &invited).await, 0);
    assert_eq!(passkeys_of(&site, &daughter).await, 0);
    assert_eq!(unused_invitations_of(&site, &invited).await, 1);

    // The other way round: her passkey's answer to a sign-in challenge,
    // sent with the id of a registration's ceremony.
    let mut phone = add_passkey(&site, &hers).await;
    let (registration, _) = start(
        &site,
        "/api/auth/register/start",
        None,
        &[("token", &token)],
    )
    .await;
    let (_, challenge) = start(&site, "/api/auth/sign-in/start", None, &[]).await;
    let answer = phone.sign_in(&challenge, ORIGIN).to_string();
    let r = post(
        &site,
        "/api/auth/sign-in/finish",
        None,
        &[("ceremony", &registration), ("credential", &answer)],
    )
    .await;
    assert!(r.cookie.is_none(), "signed in: {}", r.body);
    refused(&r, SIGN_IN_ELSEWHERE);
}

async fn audit_rows(
    site: &Site,
    person: &str,
    kind: &str,
) -> Vec<(String, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT action, object_id, session_label FROM audit_log \
         WHERE actor_id = $1 AND object_kind = $2 AND action = 'delete' ORDER BY at, id",
    )
    .bind(person)
    .bind(kind)
    .fetch_all(site.t.db.pool())
    .await
    .unwrap()
}

fn label_of(cookie: &str) -> String {
    let token = SessionToken::parse(cookie.trim_start_matches("__Host-yorisoi=")).unwrap();
    token.hash()[..8].to_string()
}

/// Removing a passkey, ending the sign-in on another device and signing
/// out are each in the audit log: who, from where, which one.
async fn removing_a_passkey_and_signing_out_are_audited(site: Site) {
    let daughter = site.person(DAUGHTER).await;
    let phone = site.cookie(DAUGHTER).await;
    let tablet = site.cookie(DAUGHTER).await;
    add_passkey(&site, &phone).await;
    add_passkey(&site, &phone).await;
    let account = post(&site, "/api/account", Some(&phone), &[]).await;
    let account: Value = serde_json::from_str(&account.body).unwrap();
    let first = account["passkeys"][0]["id"].as_str().unwrap().to_string();

    let r = post(
        &site,
        "/api/account/passkey/remove",
        Some(&phone),
        &[("id", &first)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(passkeys_of(&site, &daughter).await, 1);
    assert_eq!(
        audit_rows(&site, &daughter, "passkey").await,
        [("delete".to_string(), Some(first), Some(label_of(&phone)))]
    );
    // A refused removal (the last one) is not a removal.
    let last = post(&site, "/api/account", Some(&phone), &[]).await;
    let last: Value = serde_json::from_str(&last.body).unwrap();
    let last = last["passkeys"][0]["id"].as_str().unwrap().to_string();
    refused(
        &post(
            &site,
            "/api/account/passkey/remove",
            Some(&phone),
            &[("id", &last)],
        )
        .await,
        "passkey-last",
    );
    assert_eq!(audit_rows(&site, &daughter, "passkey").await.len(), 1);

    // The tablet's sign-in, ended from the phone.
    let r = post(
        &site,
        "/api/account/session/end",
        Some(&phone),
        &[("label", &label_of(&tablet))],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(name_signed_in(&site, &tablet).await, None);
    assert_eq!(
        audit_rows(&site, &daughter, "session").await,
        [(
            "delete".to_string(),
            Some(label_of(&tablet)),
            Some(label_of(&phone))
        )]
    );
    // Signing out on the phone.
    let r = post(&site, "/api/auth/sign-out", Some(&phone), &[]).await;
    assert!(!r.status.is_server_error(), "{} {}", r.status, r.body);
    assert_eq!(name_signed_in(&site, &phone).await, None);
    assert_eq!(
        audit_rows(&site, &daughter, "session").await,
        [
            (
                "delete".to_string(),
                Some(label_of(&tablet)),
                Some(label_of(&phone))
            ),
            (
                "delete".to_string(),
                Some(label_of(&phone)),
                Some(label_of(&phone))
            ),
        ]
    );
    // Signing out again, already signed out, ends nothing.
    post(&site, "/api/auth/sign-out", Some(&phone), &[]).await;
    assert_eq!(audit_rows(&site, &daughter, "session").await.len(), 2);
}

on_both_sites!(
    an_invitation_ceremony_finished_on_the_account_page_writes_nothing,
    an_invitation_ceremony_is_finished_only_with_its_own_link,
    an_account_ceremony_is_finished_only_where_it_started,
    sign_in_and_registration_ceremonies_do_not_mix,
    removing_a_passkey_and_signing_out_are_audited,
);
