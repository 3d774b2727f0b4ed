//! The authorization matrix: every server function, called over HTTP as
//! every kind of viewer, is allowed or refused as the access policy says.
//! A server function without a row here fails the test, so none can be
//! added without deciding who may call it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::classes::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    SignedOut,
    /// Family of nobody in the demo.
    Stranger,
    /// ハナ's daughter: family, with consent for 医療.
    Daughter,
    /// ハナ's son: family, without consent for 医療.
    Son,
    CareManager,
    /// A care worker whose relationship with ハナ has ended.
    FormerWorker,
    /// ハナ herself.
    Hana,
    /// ハナ's visiting nurse.
    Nurse,
    /// A care worker still serving ハナ (default policy: no 医療 notes).
    Worker,
    /// The administrator of the care manager's 事業所: no relationship.
    Admin,
}

const EVERYONE: [Who; 10] = [
    Who::SignedOut,
    Who::Stranger,
    Who::Daughter,
    Who::Son,
    Who::CareManager,
    Who::FormerWorker,
    Who::Hana,
    Who::Nurse,
    Who::Worker,
    Who::Admin,
];

/// What a call must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// 200, and the body contains this (e.g. the recipient's name).
    Shows(&'static str),
    /// 200, and the body does not contain this.
    Hides(&'static str),
    /// Refused with this message key.
    Refused(&'static str),
    /// Refused, whatever the reason (a malformed answer, say).
    RefusedAnyway,
    /// Sent on to one of the recipient's pages (本人, or family with one
    /// relative, opening `/`): the path's start.
    GoesTo(&'static str),
    /// Pages only: refused with this status (401 before signing in, 403,
    /// or 404 for what must not be known to exist), saying this.
    PageRefused(StatusCode, &'static str),
}

/// A name that appears in the demo recipient's data.
const HANA: &str = "山本 ハナ";
/// ハナ's daughter, whom 本人 lets see 医療.
const DAUGHTER: &str = "佐藤 美咲";
/// The care manager's 事業所 in the demo.
const PROVIDER: &str = "居宅介護支援";
/// From the daughter's wish about her mother's food (demo).
const WISH: &str = "煮魚";
/// From ハナ's first 人生会議 (demo).
const ACP: &str = "庭の花";

fn expect(path: &str, who: Who) -> Option<Expect> {
    use Expect::*;
    use Who::*;
    // Through a live relationship with ハナ, or refused.
    let related = |ok: Expect| match who {
        SignedOut => Refused("need-sign-in"),
        Stranger | FormerWorker | Admin => Refused("no-access"),
        _ => ok,
    };
    let recipient_data = |shows: &'static str| related(Shows(shows));
    let signed_in_only = |ok: Expect| match who {
        SignedOut => Refused("need-sign-in"),
        _ => ok,
    };
    // ハナ's care manager only.
    let care_manager = |ok: Expect| match who {
        CareManager => ok,
        _ => related(Refused("team-care-manager-only")),
    };
    let admin = |ok: Expect| match who {
        SignedOut => Refused("need-sign-in"),
        Admin => ok,
        _ => Refused("admin-only"),
    };
    Some(match path {
        "/api/recipients" => match who {
            SignedOut => Refused("need-sign-in"),
            Stranger | FormerWorker | Admin => Hides(HANA),
            _ => Shows(HANA),
        },
        "/api/day" => match who {
            // 医療 (vital signs) only with consent, or for clinical staff.
            Son | Worker => Hides("\"blood_pressure\":{"),
            Daughter | CareManager | Hana | Nurse => Shows("\"blood_pressure\":{"),
            _ => recipient_data(""),
        },
        "/api/plan" => recipient_data("\"needs\""),
        // 医療 items: the care worker only those daily care needs.
        "/api/medical" => match who {
            Son => Hides("Allergy"),
            Worker => Hides("DoctorPlan"),
            Daughter | CareManager | Hana | Nurse => Shows("DoctorPlan"),
            _ => recipient_data(""),
        },
        // 医療 items are written by the clinical team.
        "/api/medical/add" => match who {
            CareManager | Nurse => Shows("null"),
            Hana | Daughter | Son | Worker => Refused("medical-not-allowed"),
            _ => related(Shows("null")),
        },
        "/api/body" => match who {
            Son | Worker => Hides("\"value\""),
            Daughter | CareManager | Hana | Nurse => Shows("\"value\""),
            _ => recipient_data(""),
        },
        "/api/records" | "/api/print" => match who {
            Son | Worker => Hides("\"blood_pressure\":{"),
            Daughter | CareManager | Hana | Nurse => Shows("\"blood_pressure\":{"),
            _ => recipient_data(""),
        },
        // Who looked: 本人, and family 本人 lets see 医療.
        "/api/access-log" => match who {
            Hana | Daughter => Shows("\"lines\""),
            _ => related(Refused("access-log-not-yours")),
        },
        // What family sees: 本人 (or a legal representative) decides.
        "/api/sharing" => match who {
            Hana => Shows(DAUGHTER),
            _ => related(Refused("sharing-not-yours")),
        },
        // (the son's 医療, already off: nothing changes)
        "/api/sharing/set" => match who {
            Hana => Shows("null"),
            _ => related(Refused("sharing-not-yours")),
        },
        // くらしの希望: everyone related reads them; 本人 and family write,
        // the team acknowledges.
        "/api/wishes" => recipient_data(WISH),
        "/api/wishes/add" => match who {
            Hana | Daughter | Son => Shows("null"),
            CareManager | Nurse | Worker => Refused("wish-not-allowed"),
            _ => related(Shows("null")),
        },
        // 人生会議: 本人, family with consent (the daughter), the clinical team.
        "/api/acp" => match who {
            Son | Worker => Refused("acp-not-shared"),
            _ => recipient_data(ACP),
        },
        "/api/acp/history" => match who {
            Son | Worker => Refused("acp-not-shared"),
            _ => recipient_data("\"version\":1"),
        },
        // (saved on top of version 0 while version 1 exists: refused as late)
        "/api/acp/save" => match who {
            Son | Worker => Refused("acp-not-shared"),
            _ => related(Refused("acp-stale")),
        },
        // 訪問の記録: the team's care workers, nurses and doctors.
        "/api/visit" => match who {
            Nurse | Worker => Shows("\"form\""),
            Hana | Daughter | Son | CareManager => Refused("visit-not-allowed"),
            _ => related(Shows("")),
        },
        "/api/visit/save" => match who {
            Nurse | Worker => Shows("null"),
            Hana | Daughter | Son | CareManager => Refused("visit-not-allowed"),
            _ => related(Shows("null")),
        },
        // ケアプランを書く: the care manager in ハナ's team only.
        "/api/plan/editor" => match who {
            CareManager => Shows("\"lines\""),
            Hana | Daughter | Son | Nurse | Worker => Refused("plan-edit-not-allowed"),
            _ => related(Shows("")),
        },
        // (a whole plan saved on top of no plan while version 1 exists:
        // refused as late, nothing written)
        "/api/plan/save" => match who {
            CareManager => Refused("plan-edit-stale"),
            Hana | Daughter | Son | Nurse | Worker => Refused("plan-edit-not-allowed"),
            _ => related(Shows("")),
        },
        // One record and its earlier wording: as the record's class allows
        // (a 生活 record of the demo); only its author corrects it.
        "/api/records/one" => recipient_data("\"revisions\""),
        "/api/records/correct" => match who {
            Worker => Shows("null"),
            _ => related(Refused("record-correct-not-yours")),
        },
        "/api/talk/thread" | "/api/talk/threads" => recipient_data("\"recipient\""),
        "/api/talk/post" => recipient_data("null"),
        "/api/talk/acknowledge" => match who {
            CareManager | Nurse | Worker => Shows("null"),
            Hana | Daughter | Son => Refused("ack-not-allowed"),
            _ => related(Shows("null")),
        },
        "/api/inbox" => match who {
            SignedOut => Refused("need-sign-in"),
            CareManager | Nurse | Worker | FormerWorker | Admin => Shows("\"items\""),
            _ => Refused("inbox-staff-only"),
        },
        "/api/team" => care_manager(Shows(DAUGHTER)),
        // (called for somebody who is not in ハナ's team)
        "/api/team/end" => care_manager(Refused("team-not-a-member")),
        "/api/team/representative" => care_manager(Refused("team-not-family")),
        "/api/team/add" => care_manager(Refused("team-not-staff")),
        // (for the nurse of ハナ's team: not 本人 or family)
        "/api/team/reinvite" => care_manager(Refused("team-not-family")),
        // (ハナ's lost-phone link, after `lost_phone_calls` checked it)
        "/api/team/lost-phone/check" => match who {
            Hana | Daughter | Son => Refused("lost-phone-team-only"),
            CareManager | Nurse | Worker => Refused("lost-phone-not-checkable"),
            _ => related(Shows("null")),
        },
        "/api/team/invite" => care_manager(Shows("/invite/")),
        "/api/recipients/create" => match who {
            SignedOut => Refused("need-sign-in"),
            CareManager => Shows("-7"),
            _ => Refused("team-care-manager-only"),
        },
        "/api/admin" => admin(Shows(PROVIDER)),
        "/api/admin/provider" => admin(Shows("null")),
        "/api/admin/invite" => admin(Shows("/invite/")),
        // (for 小林 修, the 事業所's other administrator)
        "/api/admin/reinvite" => admin(Refused("lost-phone-not-an-admin")),
        "/api/admin/policy/widen" => admin(Shows("null")),
        "/api/admin/policy/narrow" => admin(RefusedAnyway),
        // Ending a staff member's work: 森 健一, of the administrator's own
        // 事業所, from today (the 事業所 keeps its administrator). Other
        // 事業所's staff: `other_provider_calls`.
        "/api/admin/staff/end" => admin(Shows("null")),
        "/api/account" => signed_in_only(Shows("\"passkeys\"")),
        "/api/reading" => signed_in_only(Shows("null")),
        "/api/account/email" => signed_in_only(Shows("null")),
        "/api/account/passkey/start" => signed_in_only(Shows("\"options\"")),
        "/api/account/passkey/finish" => signed_in_only(RefusedAnyway),
        "/api/account/passkey/remove" => signed_in_only(RefusedAnyway),
        "/api/account/session/end" => signed_in_only(Hides("need-sign-in")),
        "/api/auth/me" => match who {
            SignedOut => Shows("null"),
            _ => Shows("\"name\""),
        },
        "/api/auth/sign-out" => Hides("need-sign-in"),
        "/api/auth/invitation" | "/api/auth/register/start" | "/api/auth/register/finish" => {
            Refused("invite-unknown")
        }
        "/api/auth/sign-in/start" => Shows("\"options\""),
        "/api/auth/sign-in/finish" => RefusedAnyway,
        _ => return None,
    })
}

/// Posts `form` to a server function as the viewer with `cookie`, from
/// `address`: the status and the body as text.
async fn call(
    router: &axum::Router,
    path: &str,
    address: axum::extract::ConnectInfo<std::net::SocketAddr>,
    cookie: Option<&String>,
    form: String,
) -> (StatusCode, String) {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .extension(address);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let resp = router
        .clone()
        .oneshot(req.body(Body::from(form)).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The form each server function is called with.
fn form(path: &str, w: &Ids) -> String {
    let bad_token = "0".repeat(64);
    let (recipient, son, provider) = (&w.recipient, &w.son, &w.provider);
    // A well-formed id of nobody.
    let nobody = "01900000-0000-7000-8000-000000000000";
    match path {
        // The day: yesterday, a whole day of the demo at any hour.
        "/api/day" => format!("recipient={recipient}&day={}", support::yesterday()),
        "/api/plan" | "/api/records" | "/api/medical" | "/api/body" | "/api/print"
        | "/api/access-log"
        | "/api/sharing" | "/api/team" => format!("recipient={recipient}"),
        "/api/sharing/set" => {
            format!("recipient={recipient}&person={son}&class=medical&allow=no")
        }
        "/api/wishes" | "/api/acp" | "/api/acp/history" | "/api/talk/threads" | "/api/inbox" => {
            format!("recipient={recipient}")
        }
        "/api/wishes/add" => format!("recipient={recipient}&topic=food&body=x"),
        "/api/visit" => format!("recipient={recipient}"),
        "/api/records/one" => format!("recipient={recipient}&record={}", w.record),
        "/api/records/correct" => {
            format!("recipient={recipient}&record={}&note=x", w.record)
        }
        "/api/medical/add" => format!(
            "recipient={recipient}&form[kind]=allergy&form[title]=%E5%8D%B5&form[detail]="
        ),
        // A visit a minute ago with one note.
        "/api/visit/save" => {
            let at = (chrono::Utc::now() - chrono::Duration::minutes(1))
                .with_timezone(&app::domain::time::jst())
                .format("%Y-%m-%dT%H:%M");
            format!("recipient={recipient}&form[at]={at}&form[note]=x")
        }
        "/api/acp/save" => format!("recipient={recipient}&base=0&form[values]=x"),
        "/api/plan/editor" => format!("recipient={recipient}"),
        "/api/plan/save" => format!(
            "recipient={recipient}&base=0&form[care_level]=care_2\
             &form[certified_from]=2026-04-01&form[certified_to]=2027-03-31\
             &form[intention]=x&form[policy]=x&form[lines][0][need]=x\
             &form[lines][0][long_goal]=x&form[lines][0][long_from]=2026-04-01\
             &form[lines][0][long_to]=2027-03-31&form[lines][0][short_goal]=x\
             &form[lines][0][short_from]=2026-04-01&form[lines][0][short_to]=2026-09-30"
        ),
        "/api/talk/thread" => format!("recipient={recipient}&kind=wish&target={}", w.wish),
        "/api/talk/post" => format!("recipient={recipient}&kind=wish&target={}&body=x", w.wish),
        "/api/talk/acknowledge" => {
            format!("recipient={recipient}&kind=wish&object={}", w.wish)
        }
        "/api/team/end" => {
            format!("recipient={recipient}&person={nobody}&on=2099-01-01&reason=service_ended")
        }
        "/api/team/representative" => format!("recipient={recipient}&person={nobody}&yes=yes"),
        "/api/team/add" => format!("recipient={recipient}&person={nobody}"),
        "/api/team/reinvite" => format!("recipient={recipient}&person={}", w.nurse),
        "/api/team/lost-phone/check" => {
            format!("recipient={recipient}&invitation={}", w.hana_link)
        }
        "/api/team/invite" => format!(
            "recipient={recipient}&name=%E6%96%B0%E3%81%97%E3%81%84+%E5%AE%B6%E6%97%8F&kind=family&relation=%E5%A7%AA"
        ),
        "/api/recipients/create" => "name=%E6%96%B0%E3%81%97%E3%81%84+%E4%BA%BA&name_kana=%E3%82%A2%E3%82%A2&birth_date=1940-01-01&care_level=care_1".into(),
        "/api/admin/provider" => "name=%E6%96%B0%E3%81%97%E3%81%84&service_type=home_help".into(),
        "/api/admin/invite" => format!(
            "provider={provider}&name=%E6%96%B0%E3%81%97%E3%81%84+%E8%81%B7%E5%93%A1&role=care_worker"
        ),
        "/api/admin/reinvite" => format!("provider={provider}&person={}", w.first_admin),
        "/api/admin/policy/widen" => format!("provider={provider}&role=care_worker&class=acp"),
        "/api/admin/policy/narrow" => format!("provider={provider}&widening={nobody}"),
        "/api/admin/staff/end" => format!(
            "provider={provider}&person={}&on={}",
            w.leaver,
            app::domain::time::jst_today(chrono::Utc::now())
        ),
        "/api/account/passkey/finish" => "ceremony=x&credential=%7B%7D&device_name=x".into(),
        "/api/reading" => "size=standard&furigana=on".into(),
        "/api/account/email" => "email=".into(),
        "/api/account/passkey/remove" => "id=none".into(),
        "/api/account/session/end" => "label=00000000".into(),
        "/api/auth/invitation" | "/api/auth/register/start" => format!("token={bad_token}"),
        "/api/auth/register/finish" => {
            format!("token={bad_token}&ceremony=x&credential=%7B%7D&device_name=x")
        }
        "/api/auth/sign-in/finish" => "ceremony=x&credential=%7B%7D".into(),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Ending a staff member's work, asked for a staff member of another
// 事業所 (ハナ's visiting nurse): refused even to the administrator, who
// administers the care manager's 事業所 only.

/// (what is asked, the path, its form, what the administrator gets; the
/// others are refused as by `/api/admin/staff/end`'s row).
fn other_provider_calls(w: &Ids) -> Vec<(&'static str, &'static str, String, Expect)> {
    let today = app::domain::time::jst_today(chrono::Utc::now());
    vec![
        (
            "the nurse, as staff of the administrator's 事業所",
            "/api/admin/staff/end",
            format!("provider={}&person={}&on={today}", w.provider, w.nurse),
            Expect::Refused("admin-not-your-staff"),
        ),
        (
            "the nurse, as staff of her own 事業所",
            "/api/admin/staff/end",
            format!("provider={}&person={}&on={today}", w.nursing, w.nurse),
            Expect::Refused("admin-not-your-provider"),
        ),
    ]
}

/// What each viewer must get from one call.
type WantOf = fn(Who) -> Expect;

/// ハナ's weight chart, where her daughter asked a question: its thread
/// is 医療, like the chart, so the son and the care worker neither read
/// nor write there (a thread they may not see is not found).
fn chart_thread_calls(w: &Ids) -> Vec<(&'static str, String, WantOf)> {
    fn chart(who: Who, ok: Expect) -> Expect {
        match who {
            Who::SignedOut => Expect::Refused("need-sign-in"),
            Who::Stranger | Who::FormerWorker | Who::Admin => Expect::Refused("no-access"),
            Who::Son | Who::Worker => Expect::Refused("NotFound"),
            Who::Daughter | Who::CareManager | Who::Hana | Who::Nurse => ok,
        }
    }
    let r = &w.recipient;
    vec![
        (
            "/api/talk/thread",
            format!("recipient={r}&kind=chart&target=weight"),
            |who| chart(who, Expect::Shows("体重のグラフが少し下がって")),
        ),
        (
            "/api/talk/post",
            format!("recipient={r}&kind=chart&target=weight&body=x"),
            |who| chart(who, Expect::Shows("null")),
        ),
    ]
}

// ---------------------------------------------------------------------------
// A lost phone, with real people: who may make a new sign-in link for whom,
// and who may give ハナ's the second check it waits for.

fn lost_phone_calls(w: &Ids) -> Vec<(&'static str, &'static str, String, WantOf)> {
    fn care_manager(who: Who, ok: Expect) -> Expect {
        match who {
            Who::SignedOut => Expect::Refused("need-sign-in"),
            Who::Stranger | Who::FormerWorker | Who::Admin => Expect::Refused("no-access"),
            Who::CareManager => ok,
            _ => Expect::Refused("team-care-manager-only"),
        }
    }
    fn admin(who: Who, ok: Expect) -> Expect {
        match who {
            Who::SignedOut => Expect::Refused("need-sign-in"),
            Who::Admin => ok,
            _ => Expect::Refused("admin-only"),
        }
    }
    let (r, p) = (&w.recipient, &w.provider);
    vec![
        (
            "the daughter (no second check)",
            "/api/team/reinvite",
            format!("recipient={r}&person={}", w.daughter),
            |who| care_manager(who, Expect::Shows("\"waits_for_check\":false")),
        ),
        (
            "the care manager, staff of the administrator's 事業所",
            "/api/admin/reinvite",
            format!("provider={p}&person={}", w.care_manager),
            |who| admin(who, Expect::Shows("/invite/")),
        ),
        (
            "the nurse, staff of another 事業所",
            "/api/admin/reinvite",
            format!("provider={p}&person={}", w.nurse),
            |who| admin(who, Expect::Refused("admin-not-your-staff")),
        ),
        (
            "ハナ's link, made by the care manager",
            "/api/team/lost-phone/check",
            format!("recipient={r}&invitation={}", w.hana_link),
            // The nurse checks it (she comes before the care worker);
            // then it has been checked.
            |who| match who {
                Who::SignedOut => Expect::Refused("need-sign-in"),
                Who::Stranger | Who::FormerWorker | Who::Admin => Expect::Refused("no-access"),
                Who::Hana | Who::Daughter | Who::Son => Expect::Refused("lost-phone-team-only"),
                Who::Nurse => Expect::Shows("null"),
                Who::CareManager | Who::Worker => Expect::Refused("lost-phone-not-checkable"),
            },
        ),
    ]
}

/// The demo household, a family member of somebody else, 鈴木 花子 whose
/// work for ハナ has ended, the router, and a session for each viewer.
struct World {
    _t: support::TestDb,
    router: axum::Router,
    recipient: String,
    ids: Ids,
    cookies: std::collections::HashMap<Who, String>,
}

/// Ids the forms need.
struct Ids {
    recipient: String,
    son: String,
    /// The care manager's 事業所, which the administrator manages.
    provider: String,
    /// The daughter's wish about food.
    wish: String,
    /// A 生活 record the care worker 高橋 誠 wrote.
    record: String,
    /// 森 健一, a care manager of `provider` whose work the administrator
    /// may end.
    leaver: String,
    /// ハナ's visiting nurse, and her 事業所 (which the administrator does
    /// not manage).
    nurse: String,
    nursing: String,
    daughter: String,
    care_manager: String,
    /// 小林 修, the demo's administrator of `provider` (the viewer `Admin`
    /// is a second one).
    first_admin: String,
    /// A lost-phone link for ハナ the care manager made; it waits for a
    /// second check.
    hana_link: String,
}

async fn id_of(db: &app::server::db::Db, sql: &str, name: &str) -> String {
    sqlx::query_scalar(sql)
        .bind(name)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn world() -> World {
    let t = support::sqlite().await;
    let db = t.db.clone();
    let summary = app::server::demo::load_demo(&db, chrono::Utc::now())
        .await
        .unwrap();
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    server::invite_cmd::run(
        &db,
        Role::Family,
        "他人 家族",
        None,
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap();
    sqlx::query(
        "UPDATE care_relationships SET ended_on = '2000-01-01', end_reason = 'service_ended' \
         WHERE person_id = (SELECT id FROM people WHERE display_name = '鈴木 花子')",
    )
    .execute(db.pool())
    .await
    .unwrap();
    let provider = id_of(
        &db,
        "SELECT provider_id FROM people WHERE display_name = $1",
        "田中 里美",
    )
    .await;
    server::invite_cmd::run(
        &db,
        Role::ProviderAdmin,
        "管理 太郎",
        app::domain::ids::ProviderId::parse(&provider),
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap();
    let leaver = server::invite_cmd::run(
        &db,
        Role::CareManager,
        "森 健一",
        app::domain::ids::ProviderId::parse(&provider),
        "http://localhost:3000",
        now,
    )
    .await
    .unwrap()
    .person
    .to_string();
    let nurse = id_of(
        &db,
        "SELECT id FROM people WHERE display_name = $1",
        "中村 由美",
    )
    .await;
    let nursing = id_of(
        &db,
        "SELECT provider_id FROM people WHERE display_name = $1",
        "中村 由美",
    )
    .await;
    let son = id_of(
        &db,
        "SELECT id FROM people WHERE display_name = $1",
        "山本 健太",
    )
    .await;
    let person = |name: &'static str| {
        let db = db.clone();
        async move { id_of(&db, "SELECT id FROM people WHERE display_name = $1", name).await }
    };
    let daughter = person("佐藤 美咲").await;
    let care_manager = person("田中 里美").await;
    let first_admin = person("小林 修").await;
    let hana = app::domain::ids::PersonId::parse(&person("山本 ハナ").await).unwrap();
    let (hana_link, _) = app::server::auth::invitations::create_lost_phone(
        &db,
        hana,
        app::domain::ids::PersonId::parse(&care_manager).unwrap(),
        app::server::auth::invitations::LostPhone {
            recipient: Some(summary.recipient),
            needs_check: true,
        },
        now,
    )
    .await
    .unwrap();
    let wish: String = sqlx::query_scalar("SELECT id FROM wishes WHERE topic = 'food'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let record: String = sqlx::query_scalar(
        "SELECT r.id FROM care_records r JOIN people p ON p.id = r.author_id \
         WHERE p.display_name = '高橋 誠' AND r.info_class = 'living' AND r.team_only = 0 \
         ORDER BY r.occurred_at DESC LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    let mut cookies = std::collections::HashMap::new();
    for (who, name) in [
        (Who::Hana, "山本 ハナ"),
        (Who::Nurse, "中村 由美"),
        (Who::Worker, "高橋 誠"),
        (Who::Admin, "管理 太郎"),
        (Who::Stranger, "他人 家族"),
        (Who::Daughter, "佐藤 美咲"),
        (Who::Son, "山本 健太"),
        (Who::CareManager, "田中 里美"),
        (Who::FormerWorker, "鈴木 花子"),
    ] {
        cookies.insert(who, support::cookie_of(&db, name).await);
    }
    World {
        router: support::router(&db),
        _t: t,
        recipient: summary.recipient.to_string(),
        ids: Ids {
            recipient: summary.recipient.to_string(),
            son,
            provider,
            wish,
            record,
            leaver,
            nurse,
            nursing,
            daughter,
            care_manager,
            first_admin,
            hana_link: hana_link.to_string(),
        },
        cookies,
    }
}

/// Whether a server function's answer is what the row wants.
fn answered(want: Expect, status: StatusCode, body: &str) -> bool {
    match want {
        Expect::Shows(s) => status == StatusCode::OK && body.contains(s),
        Expect::Hides(s) => status == StatusCode::OK && !body.contains(s),
        // A refusal is the client's: 4xx, never a server error.
        Expect::Refused(key) => status.is_client_error() && body.contains(key),
        Expect::RefusedAnyway => status.is_client_error(),
        // Pages only.
        Expect::GoesTo(_) | Expect::PageRefused(..) => false,
    }
}

#[tokio::test]
async fn every_server_function_as_every_viewer() {
    let World {
        ids,
        cookies,
        // Kept to the end of the test: dropping it removes the database.
        _t: _db,
        router,
        ..
    } = world().await;
    // Each viewer calls from their own address: ten viewers calling the
    // sign-in ceremonies from one would pass the rate limit of one client.
    let address = |who: Who| {
        let n = EVERYONE.iter().position(|w| *w == who).unwrap_or(0) as u8;
        axum::extract::ConnectInfo(std::net::SocketAddr::from(([10, 0, 0, n + 1], 40000)))
    };
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .collect();
    paths.sort_unstable();
    assert!(paths.len() >= 15, "{paths:?}");
    let mut failures = Vec::new();
    // First, so that a wrong answer here (the nurse's work ended) also
    // shows in her rows below.
    for (what, path, form, for_admin) in other_provider_calls(&ids) {
        for who in EVERYONE {
            let want = match who {
                Who::Admin => for_admin,
                _ => expect(path, who).unwrap_or(Expect::RefusedAnyway),
            };
            let (status, body) =
                call(&router, path, address(who), cookies.get(&who), form.clone()).await;
            let ok = match want {
                Expect::Refused(key) => status.is_client_error() && body.contains(key),
                _ => false,
            };
            if !ok {
                let head: String = body.chars().take(160).collect();
                failures.push(format!(
                    "{path} ({what}) as {who:?}: want {want:?}, got {status} {head}"
                ));
            }
        }
    }
    for (what, path, form, want) in lost_phone_calls(&ids) {
        for who in EVERYONE {
            let want = want(who);
            let (status, body) =
                call(&router, path, address(who), cookies.get(&who), form.clone()).await;
            if !answered(want, status, &body) {
                let head: String = body.chars().take(160).collect();
                failures.push(format!(
                    "{path} ({what}) as {who:?}: want {want:?}, got {status} {head}"
                ));
            }
        }
    }
    for (path, form, want) in chart_thread_calls(&ids) {
        for who in EVERYONE {
            let want = want(who);
            let (status, body) =
                call(&router, path, address(who), cookies.get(&who), form.clone()).await;
            let ok = answered(want, status, &body);
            if !ok {
                let head: String = body.chars().take(160).collect();
                failures.push(format!(
                    "{path} (ハナ's weight chart) as {who:?}: want {want:?}, got {status} {head}"
                ));
            }
        }
    }
    for path in &paths {
        // Sign-out is called last for each viewer, so it ends no session
        // the other rows still need.
        for who in EVERYONE {
            let Some(want) = expect(path, who) else {
                failures.push(format!("{path}: no row in the authorization matrix"));
                break;
            };
            if *path == "/api/auth/sign-out" && who != Who::SignedOut {
                continue;
            }
            let (status, body) = call(
                &router,
                path,
                address(who),
                cookies.get(&who),
                form(path, &ids),
            )
            .await;
            let ok = answered(want, status, &body);
            if !ok {
                let head: String = body.chars().take(160).collect();
                failures.push(format!(
                    "{path} as {who:?}: want {want:?}, got {status} {head}"
                ));
            }
        }
    }
    // And sign-out, for every signed-in viewer.
    for who in EVERYONE.into_iter().filter(|w| *w != Who::SignedOut) {
        let resp = router
            .clone()
            .oneshot(
                Request::post("/api/auth/sign-out")
                    .header(header::COOKIE, &cookies[&who])
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        if resp.status().is_server_error() {
            failures.push(format!("/api/auth/sign-out as {who:?}: {}", resp.status()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every page, opened as every viewer: what they find there. A page
/// without a row fails the test.
#[tokio::test]
async fn every_page_as_every_viewer() {
    use Expect::*;
    use Who::*;
    let World {
        router,
        recipient: r,
        cookies,
        ids,
        // Kept to the end of the test: dropping it removes the database.
        _t: _db,
    } = world().await;
    let record = ids.record;
    let token = "0".repeat(64);
    let day = support::yesterday();
    // (route, the path opened, who, what they find)
    let no_access = "このページを見ることはできません";
    let acp_not_shared = "人生会議を見ることができるのは";
    let sign_in_first = "サインインしてください";
    let rows: Vec<(&str, String, Who, Expect)> = vec![
        (
            "/",
            "/".into(),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        ("/", "/".into(), Stranger, Hides(HANA)),
        ("/", "/".into(), Daughter, GoesTo("/r/")),
        ("/", "/".into(), Hana, GoesTo("/r/")),
        ("/", "/".into(), CareManager, Shows(HANA)),
        (
            "/r/{id}",
            format!("/r/{r}"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}",
            format!("/r/{r}"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}",
            format!("/r/{r}?day={day}"),
            Daughter,
            Shows("血圧"),
        ),
        ("/r/{id}", format!("/r/{r}?day={day}"), Son, Hides("血圧")),
        (
            "/r/{id}",
            format!("/r/{r}?day={day}"),
            CareManager,
            Shows("血圧"),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            Son,
            Shows("こまっていること"),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            Daughter,
            Hides("/plan/edit"),
        ),
        (
            "/r/{id}/plan",
            format!("/r/{r}/plan"),
            CareManager,
            Shows("/plan/edit"),
        ),
        (
            "/r/{id}/plan/edit",
            format!("/r/{r}/plan/edit"),
            CareManager,
            Shows("第2表 居宅サービス計画書(2)"),
        ),
        (
            "/r/{id}/plan/edit",
            format!("/r/{r}/plan/edit"),
            Daughter,
            PageRefused(StatusCode::FORBIDDEN, "この方のチームのケアマネジャーです"),
        ),
        (
            "/r/{id}/plan/edit",
            format!("/r/{r}/plan/edit"),
            Nurse,
            PageRefused(StatusCode::FORBIDDEN, "この方のチームのケアマネジャーです"),
        ),
        (
            "/r/{id}/plan/edit",
            format!("/r/{r}/plan/edit"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/invite/{token}",
            format!("/invite/{token}"),
            SignedOut,
            PageRefused(StatusCode::FORBIDDEN, "このリンクは使えません"),
        ),
        (
            "/sign-in",
            "/sign-in".into(),
            SignedOut,
            Shows("パスキーで入る"),
        ),
        (
            "/account",
            "/account".into(),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/account",
            "/account".into(),
            Daughter,
            Shows("登録したパスキー"),
        ),
        (
            "/r/{id}/records",
            format!("/r/{r}/records"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/records",
            format!("/r/{r}/records"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/records",
            format!("/r/{r}/records?kind=vitals"),
            Daughter,
            Shows("血圧"),
        ),
        (
            "/r/{id}/records",
            format!("/r/{r}/records?kind=vitals"),
            Son,
            Hides("血圧"),
        ),
        (
            "/r/{id}/body",
            format!("/r/{r}/body"),
            Daughter,
            Shows("<svg"),
        ),
        ("/r/{id}/body", format!("/r/{r}/body"), Son, Hides("<svg")),
        (
            "/r/{id}/print",
            format!("/r/{r}/print"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/print",
            format!("/r/{r}/print"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/print",
            format!("/r/{r}/print"),
            Daughter,
            Shows("data-category=\"vitals\""),
        ),
        (
            "/r/{id}/print",
            format!("/r/{r}/print"),
            Son,
            Hides("data-category=\"vitals\""),
        ),
        (
            "/r/{id}/print",
            format!("/r/{r}/print"),
            Worker,
            Hides("data-category=\"vitals\""),
        ),
        (
            "/r/{id}/body",
            format!("/r/{r}/body"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/medical",
            format!("/r/{r}/medical"),
            Daughter,
            Shows("医師の考え"),
        ),
        (
            "/r/{id}/medical",
            format!("/r/{r}/medical"),
            Son,
            Shows("見ることができる医療のことは、まだありません"),
        ),
        (
            "/r/{id}/medical",
            format!("/r/{r}/medical"),
            Worker,
            Hides("医師の考え"),
        ),
        (
            "/r/{id}/medical",
            format!("/r/{r}/medical"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/who-looked",
            format!("/r/{r}/who-looked"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/who-looked",
            format!("/r/{r}/who-looked"),
            Hana,
            Shows("この方の記録を、だれが、いつ"),
        ),
        (
            "/r/{id}/who-looked",
            format!("/r/{r}/who-looked"),
            Son,
            PageRefused(
                StatusCode::FORBIDDEN,
                "「見た人の記録」を見ることができるのは",
            ),
        ),
        (
            "/r/{id}/who-looked",
            format!("/r/{r}/who-looked"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/sharing",
            format!("/r/{r}/sharing"),
            Hana,
            Shows("医療を見せないようにする"),
        ),
        (
            "/r/{id}/sharing",
            format!("/r/{r}/sharing"),
            Daughter,
            PageRefused(StatusCode::FORBIDDEN, "家族に見せることを決められるのは"),
        ),
        (
            "/r/{id}/sharing",
            format!("/r/{r}/sharing"),
            Admin,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/team",
            format!("/r/{r}/team"),
            CareManager,
            Shows(DAUGHTER),
        ),
        (
            "/r/{id}/team",
            format!("/r/{r}/team"),
            Nurse,
            PageRefused(StatusCode::FORBIDDEN, "担当のケアマネジャーだけが使えます"),
        ),
        (
            "/r/{id}/team",
            format!("/r/{r}/team"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/recipients/new",
            "/recipients/new".into(),
            CareManager,
            Shows("新しい利用者を登録する"),
        ),
        (
            "/reading",
            "/reading".into(),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/reading",
            "/reading".into(),
            Daughter,
            Shows("文字の大きさ"),
        ),
        ("/r/{id}/wishes", format!("/r/{r}/wishes"), Son, Shows(WISH)),
        (
            "/r/{id}/records/{record}",
            format!("/r/{r}/records/{record}"),
            Worker,
            Shows("書きなおしを保存する"),
        ),
        (
            "/r/{id}/records/{record}",
            format!("/r/{r}/records/{record}"),
            Son,
            Hides("書きなおしを保存する"),
        ),
        (
            "/r/{id}/records/{record}",
            format!("/r/{r}/records/{record}"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/records/{record}",
            format!("/r/{r}/records/{record}"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/visit",
            format!("/r/{r}/visit"),
            Worker,
            Shows("訪問の記録"),
        ),
        (
            "/r/{id}/visit",
            format!("/r/{r}/visit"),
            Daughter,
            PageRefused(
                StatusCode::FORBIDDEN,
                "介護職員・看護師・医師がつけられます",
            ),
        ),
        (
            "/r/{id}/visit",
            format!("/r/{r}/visit"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        (
            "/r/{id}/wishes",
            format!("/r/{r}/wishes"),
            Admin,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/wishes",
            format!("/r/{r}/wishes"),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        ("/r/{id}/acp", format!("/r/{r}/acp"), Daughter, Shows(ACP)),
        ("/r/{id}/acp", format!("/r/{r}/acp"), Nurse, Shows(ACP)),
        (
            "/r/{id}/acp",
            format!("/r/{r}/acp"),
            Son,
            PageRefused(StatusCode::FORBIDDEN, acp_not_shared),
        ),
        (
            "/r/{id}/acp",
            format!("/r/{r}/acp"),
            Worker,
            PageRefused(StatusCode::FORBIDDEN, acp_not_shared),
        ),
        (
            "/r/{id}/acp",
            format!("/r/{r}/acp"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/acp/edit",
            format!("/r/{r}/acp/edit"),
            Daughter,
            Shows(ACP),
        ),
        (
            "/r/{id}/acp/edit",
            format!("/r/{r}/acp/edit"),
            Son,
            PageRefused(StatusCode::FORBIDDEN, acp_not_shared),
        ),
        (
            "/r/{id}/acp/history",
            format!("/r/{r}/acp/history"),
            Hana,
            Shows("1回目"),
        ),
        (
            "/r/{id}/acp/history",
            format!("/r/{r}/acp/history"),
            Worker,
            PageRefused(StatusCode::FORBIDDEN, acp_not_shared),
        ),
        (
            "/r/{id}/talk",
            format!("/r/{r}/talk"),
            Daughter,
            Shows("体重のグラフ"),
        ),
        // A chart's comments are 医療, like the chart.
        (
            "/r/{id}/talk",
            format!("/r/{r}/talk"),
            Son,
            Hides("体重のグラフ"),
        ),
        (
            "/r/{id}/talk",
            format!("/r/{r}/talk"),
            Worker,
            Hides("体重のグラフ"),
        ),
        (
            "/r/{id}/talk",
            format!("/r/{r}/talk"),
            Admin,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/talk/{kind}/{target}",
            format!("/r/{r}/talk/chart/weight"),
            Hana,
            Shows("体重のグラフが少し下がって"),
        ),
        (
            "/r/{id}/talk/{kind}/{target}",
            format!("/r/{r}/talk/chart/weight"),
            Stranger,
            PageRefused(StatusCode::FORBIDDEN, no_access),
        ),
        (
            "/r/{id}/talk/{kind}/{target}",
            format!("/r/{r}/talk/chart/weight"),
            Son,
            PageRefused(StatusCode::NOT_FOUND, "見つかりません"),
        ),
        (
            "/r/{id}/talk/{kind}/{target}",
            format!("/r/{r}/talk/chart/weight"),
            Daughter,
            Shows("体重のグラフが少し下がって"),
        ),
        (
            "/r/{id}/talk/{kind}/{target}",
            format!("/r/{r}/talk/wish/01900000-0000-7000-8000-000000000000"),
            Daughter,
            PageRefused(StatusCode::NOT_FOUND, "見つかりません"),
        ),
        (
            "/inbox",
            "/inbox".into(),
            CareManager,
            Shows("体重のグラフが少し下がって"),
        ),
        (
            "/inbox",
            "/inbox".into(),
            Daughter,
            PageRefused(StatusCode::FORBIDDEN, "ケアのチームの人が使うページ"),
        ),
        (
            "/inbox",
            "/inbox".into(),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
        ("/admin", "/admin".into(), Admin, Shows(PROVIDER)),
        (
            "/admin",
            "/admin".into(),
            Daughter,
            PageRefused(StatusCode::FORBIDDEN, "事業所の管理者だけが使えます"),
        ),
        (
            "/admin",
            "/admin".into(),
            SignedOut,
            PageRefused(StatusCode::UNAUTHORIZED, sign_in_first),
        ),
    ];
    let routes: std::collections::BTreeSet<String> =
        leptos_axum::generate_route_list(app::app::App)
            .iter()
            .map(|l| l.path().to_string())
            .collect();
    let covered: std::collections::BTreeSet<String> =
        rows.iter().map(|(route, ..)| route.to_string()).collect();
    assert_eq!(routes, covered, "every page needs rows in the matrix");

    let mut failures = Vec::new();
    for (route, path, who, want) in &rows {
        // As a browser opens a page (a redirect is a 302 only then).
        let mut req = Request::get(path.as_str()).header(header::ACCEPT, "text/html");
        if let Some(c) = cookies.get(who) {
            req = req.header(header::COOKIE, c);
        }
        let resp = router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let location = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        let body = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        let ok = match want {
            Shows(s) => status == StatusCode::OK && body.contains(s),
            // The same plain words as before, with a status that says no.
            PageRefused(code, s) => status == *code && body.contains(s),
            GoesTo(p) => {
                status.is_redirection()
                    && location.as_ref().is_some_and(|l| *l == format!("{p}{r}"))
            }
            // Hidden from a page that rendered for them: not an error or
            // refusal page, which would hide everything.
            Hides(s) => {
                status == StatusCode::OK
                    && !body.contains(s)
                    && !body.contains(no_access)
                    && !body.contains("role=\"alert\"")
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{route} ({path}) as {who:?}: want {want:?}, got {status} {location:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Passkey ceremonies, each finished for something other than what it was
// started for, with real ceremonies and real authenticator answers: refused
// to everyone, except the daughter finishing the one she started.

/// (what is asked, the path, who calls, the form, what they get).
type CeremonyRow = (&'static str, &'static str, Who, String, Expect);

async fn ceremony_calls(w: &World) -> Vec<CeremonyRow> {
    use support::authenticator::SoftPasskey;
    const ORIGIN: &str = "http://localhost:3000";
    const ELSEWHERE: &str = "passkey-started-elsewhere";
    let setup = axum::extract::ConnectInfo(std::net::SocketAddr::from(([10, 0, 1, 1], 40000)));
    let enc = |s: &str| -> String { url::form_urlencoded::byte_serialize(s.as_bytes()).collect() };
    let start = |path: &'static str, cookie: Option<String>, form: String| async move {
        let (status, body) = call(&w.router, path, setup, cookie.as_ref(), form).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let options: serde_json::Value =
            serde_json::from_str(v["options"].as_str().unwrap()).unwrap();
        (v["id"].as_str().unwrap().to_string(), options)
    };
    let now = app::domain::time::OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let invited = server::invite_cmd::run(&w._t.db, Role::Family, "新井 かおる", None, ORIGIN, now)
        .await
        .unwrap();
    let token = invited.url.rsplit('/').next().unwrap().to_string();
    let (invitation, options) =
        start("/api/auth/register/start", None, format!("token={token}")).await;
    let (mut key, answer) = SoftPasskey::register(&options, ORIGIN);
    let registration = enc(&answer.to_string());
    let (sign_in, challenge) = start("/api/auth/sign-in/start", None, String::new()).await;
    let signed = enc(&key.sign_in(&challenge, ORIGIN).to_string());
    let mut rows = Vec::new();
    for who in EVERYONE {
        let signed_in = |ok: Expect| match who {
            Who::SignedOut => Expect::Refused("need-sign-in"),
            _ => ok,
        };
        rows.push((
            "an invitation's ceremony, finished on the account page",
            "/api/account/passkey/finish",
            who,
            format!("ceremony={invitation}&credential={registration}&device_name=x"),
            signed_in(Expect::Refused(ELSEWHERE)),
        ));
        let (account, options) = start(
            "/api/account/passkey/start",
            Some(w.cookies[&Who::Daughter].clone()),
            String::new(),
        )
        .await;
        let (_, answer) = SoftPasskey::register(&options, ORIGIN);
        rows.push((
            "the daughter's account ceremony, finished by each viewer",
            "/api/account/passkey/finish",
            who,
            format!(
                "ceremony={account}&credential={}&device_name=x",
                enc(&answer.to_string())
            ),
            signed_in(match who {
                Who::Daughter => Expect::Shows("null"),
                _ => Expect::Refused(ELSEWHERE),
            }),
        ));
        rows.push((
            "a sign-in ceremony, finished as a sign-up with the link",
            "/api/auth/register/finish",
            who,
            format!("token={token}&ceremony={sign_in}&credential={registration}&device_name=x"),
            Expect::Refused(ELSEWHERE),
        ));
        rows.push((
            "an invitation's ceremony, finished at sign-in",
            "/api/auth/sign-in/finish",
            who,
            format!("ceremony={invitation}&credential={signed}"),
            Expect::Refused("passkey-sign-in-elsewhere"),
        ));
    }
    rows
}

#[tokio::test]
async fn passkey_ceremonies_as_every_viewer() {
    let w = world().await;
    let rows = ceremony_calls(&w).await;
    let mut failures = Vec::new();
    for (what, path, who, form, want) in rows {
        let n = EVERYONE.iter().position(|x| *x == who).unwrap_or(0) as u8;
        let address =
            axum::extract::ConnectInfo(std::net::SocketAddr::from(([10, 0, 2, n + 1], 40000)));
        let (status, body) = call(&w.router, path, address, w.cookies.get(&who), form).await;
        let ok = answered(want, status, &body);
        if !ok {
            let head: String = body.chars().take(160).collect();
            failures.push(format!(
                "{path} ({what}) as {who:?}: want {want:?}, got {status} {head}"
            ));
        }
    }
    // Nothing was planted for the person invited.
    let planted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM passkeys k JOIN people p ON p.id = k.person_id \
         WHERE p.display_name = '新井 かおる'",
    )
    .fetch_one(w._t.db.pool())
    .await
    .unwrap();
    assert_eq!(planted, 0);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
