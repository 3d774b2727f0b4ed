//! The data layer, run the same way on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::domain::care_plan::*;
use app::domain::classes::*;
use app::domain::ids::*;
use app::domain::medical::*;
use app::domain::people::*;
use app::domain::policy::Shown;
use app::domain::records::*;
use app::domain::time::{jst, jst_day_bounds, OccurredAt, Period};
use app::domain::validation::Field;
use app::domain::vitals::*;
use app::server::audit::{self, Action, Entry};
use app::server::db::{self, Db};
use app::server::demo;
use chrono::{NaiveDate, TimeZone, Utc};
use sqlx::Row;

fn now() -> chrono::DateTime<Utc> {
    // 2026-11-24 14:00 JST.
    Utc.with_ymd_and_hms(2026, 11, 24, 5, 0, 0).unwrap()
}

fn at(h: u32, m: u32) -> OccurredAt {
    let t = jst().with_ymd_and_hms(2026, 11, 24, h, m, 0).unwrap();
    OccurredAt::parse(t.with_timezone(&Utc), now()).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

struct World {
    recipient: RecipientId,
    provider: ProviderId,
    worker: PersonId,
}

async fn world(db: &Db) -> World {
    let t0 = at(8, 0);
    let provider = Provider {
        id: ProviderId::new(),
        name: ProviderName::parse("テスト訪問介護事業所").unwrap(),
        service_type: ServiceType::HomeHelp,
    };
    db::people::insert_provider(db.pool(), &provider, t0)
        .await
        .unwrap();
    let worker = Person {
        id: PersonId::new(),
        name: PersonName::parse("介護 太郎").unwrap(),
        role: Role::CareWorker,
        provider: Some(provider.id),
    };
    db::people::insert_person(db.pool(), &worker, t0)
        .await
        .unwrap();
    let recipient = Recipient {
        id: RecipientId::new(),
        name: PersonName::parse("試験 ウメ").unwrap(),
        name_kana: NameKana::parse("シケン ウメ").unwrap(),
        birth_date: NaiveDate::from_ymd_opt(1941, 2, 3).unwrap(),
        care_level: CareLevel::Care3,
    };
    db::people::insert_recipient(db.pool(), &recipient, t0)
        .await
        .unwrap();
    World {
        recipient: recipient.id,
        provider: provider.id,
        worker: worker.id,
    }
}

fn meal(w: &World, when: OccurredAt, note: &str) -> NewCareRecord {
    NewCareRecord {
        recipient: w.recipient,
        provider: w.provider,
        author: w.worker,
        occurred_at: when,
        body: RecordBody::Meal {
            staple: Some(Wari::new(Field::StapleIntake, 8).unwrap()),
            side: Some(Wari::new(Field::SideIntake, 7).unwrap()),
            fluid: Some(FluidMl::new(200).unwrap()),
        },
        note: RecordNote::parse(note).unwrap(),
        class: InfoClass::Living,
        team_only: false,
    }
}

async fn count(db: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// A recipient's records of a time range, as the pages read them.
async fn records_between(
    db: &Db,
    recipient: RecipientId,
    start: i64,
    end: i64,
) -> Vec<app::domain::records::CareRecord> {
    db::records::listed_between(db, recipient, start, end, &Shown::everything())
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.record)
        .collect()
}

/// The newest record's time, as ホーム asks it (with its notices).
async fn newest_record(db: &Db, recipient: RecipientId) -> Option<OccurredAt> {
    db::home_notices::for_reader(db, recipient, PersonId::new(), 0, &Shown::everything())
        .await
        .unwrap()
        .latest_record
}

async fn migrations_are_idempotent(db: Db) {
    db.migrate().await.unwrap();
    db.migrate().await.unwrap();
    assert_eq!(count(&db, "recipients").await, 0);
}

/// A database that applied two migrations before their comments were
/// reworded still starts; a checksum that is not the old text's still stops
/// it.
async fn a_reworded_migration_is_accepted_but_a_changed_one_is_not(db: Db) {
    let set = |checksum: Vec<u8>| {
        let db = db.clone();
        async move {
            sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = 20261125000010")
                .bind(checksum)
                .execute(db.pool())
                .await
                .unwrap();
        }
    };
    let first_text: Vec<u8> = (0..48)
        .map(|i| {
            u8::from_str_radix(
                &"d8d0f50bacd23db84a8415bc6d33d984402c20ecc78786a84c5cde86f52f98b5bda70e151199a16a7165fba7111e6b3a"
                    [2 * i..2 * i + 2],
                16,
            )
            .unwrap()
        })
        .collect();
    set(first_text).await;
    db.migrate()
        .await
        .expect("the old comment's checksum is accepted");
    set(vec![0; 48]).await;
    assert!(db.migrate().await.is_err(), "any other checksum is refused");
}

async fn a_record_keeps_the_staff_wording_exactly(db: Db) {
    let w = world(&db).await;
    let note = "昼食 主食8割摂取 副食7割 水分200ml　むせ込みなし（本人「おいしい」）";
    db::records::insert_care_record(db.pool(), &meal(&w, at(12, 10), note), at(12, 15))
        .await
        .unwrap();
    let (start, end) = jst_day_bounds(day());
    let got = records_between(&db, w.recipient, start, end).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].note, note);
    assert_eq!(got[0].author_name, "介護 太郎");
    assert_eq!(got[0].provider_name, "テスト訪問介護事業所");
    assert_eq!(got[0].occurred_at.hhmm(), "12:10");
    assert_eq!(
        got[0].body,
        RecordBody::Meal {
            staple: Some(Wari::new(Field::StapleIntake, 8).unwrap()),
            side: Some(Wari::new(Field::SideIntake, 7).unwrap()),
            fluid: Some(FluidMl::new(200).unwrap()),
        }
    );
}

async fn a_day_holds_only_that_japanese_day(db: Db) {
    let w = world(&db).await;
    // 00:05 JST on the 24th is 15:05 UTC on the 23rd: it belongs to the 24th.
    db::records::insert_care_record(db.pool(), &meal(&w, at(0, 5), "夜間 水分補給"), at(12, 0))
        .await
        .unwrap();
    let yesterday = OccurredAt::from_millis(at(0, 5).millis() - 10 * 60 * 1000);
    db::records::insert_care_record(db.pool(), &meal(&w, yesterday, "23時50分 水分"), at(12, 0))
        .await
        .unwrap();
    let (start, end) = jst_day_bounds(day());
    let got = records_between(&db, w.recipient, start, end).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].note, "夜間 水分補給");
    // ホーム opens on the newest record's day.
    let latest = newest_record(&db, w.recipient).await;
    assert_eq!(latest.map(|t| t.jst_date()), Some(day()));
}

async fn vital_signs_round_trip_exactly(db: Db) {
    let w = world(&db).await;
    let vitals = VitalSigns::parse(&VitalSignsInput {
        temperature: "36.8".into(),
        systolic: "142".into(),
        diastolic: "78".into(),
        pulse: "72".into(),
        spo2: "96".into(),
        weight: "45.6".into(),
        ..Default::default()
    })
    .unwrap();
    let new = NewVitals {
        recipient: w.recipient,
        provider: w.provider,
        measured_by: w.worker,
        measured_at: at(9, 0),
        vitals,
        class: InfoClass::Medical,
        team_only: false,
    };
    db::vitals::insert_vitals(db.pool(), &new, at(9, 1))
        .await
        .unwrap();
    let (start, end) = jst_day_bounds(day());
    let got = db::vitals::vitals_between(&db, w.recipient, start, end, &Shown::everything())
        .await
        .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].vitals, vitals);
    assert_eq!(got[0].vitals.temperature.unwrap().display(), "36.8");
    assert_eq!(got[0].vitals.weight.unwrap().display(), "45.6");
    assert_eq!(got[0].measured_by_name, "介護 太郎");
    assert_eq!(got[0].class, InfoClass::Medical);
}

/// Even a bug that skipped the domain types could not store these: the
/// database refuses them and nothing is left behind.
async fn the_database_refuses_impossible_values(db: Db) {
    let w = world(&db).await;
    let base = "INSERT INTO care_records (id, recipient_id, provider_id, author_id, occurred_at, \
                category, staple_wari, note, info_class, team_only, created_at) \
                VALUES ($1, $2, $3, $4, $5, 'meal', $6, '', 'living', 0, $7)";
    let twelve_wari = sqlx::query(base)
        .bind(RecordId::new().to_string())
        .bind(w.recipient.to_string())
        .bind(w.provider.to_string())
        .bind(w.worker.to_string())
        .bind(at(12, 0).millis())
        .bind(12_i64)
        .bind(at(12, 0).millis())
        .execute(db.pool())
        .await;
    assert!(twelve_wari.is_err(), "12割 was stored");

    let vitals =
        "INSERT INTO vital_signs (id, recipient_id, provider_id, measured_by, measured_at, \
                  systolic, diastolic, spo2, info_class, team_only, created_at) \
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'medical', 0, $9)";
    for (sys, dia, spo2) in [(400, 20, 96), (80, 120, 96), (130, 80, 140)] {
        let r = sqlx::query(vitals)
            .bind(VitalsId::new().to_string())
            .bind(w.recipient.to_string())
            .bind(w.provider.to_string())
            .bind(w.worker.to_string())
            .bind(at(9, 0).millis())
            .bind(sys as i64)
            .bind(dia as i64)
            .bind(spo2 as i64)
            .bind(at(9, 0).millis())
            .execute(db.pool())
            .await;
        assert!(r.is_err(), "{sys}/{dia} SpO2 {spo2} was stored");
    }
    assert_eq!(count(&db, "care_records").await, 0);
    assert_eq!(count(&db, "vital_signs").await, 0);
}

async fn a_record_for_an_unknown_recipient_is_refused(db: Db) {
    let w = world(&db).await;
    let mut r = meal(&w, at(12, 0), "主食8割");
    r.recipient = RecipientId::new();
    assert!(db::records::insert_care_record(db.pool(), &r, at(12, 1))
        .await
        .is_err());
    assert_eq!(count(&db, "care_records").await, 0);
}

fn period(a: (i32, u32, u32), b: (i32, u32, u32)) -> Period {
    Period::parse(
        Field::GoalPeriod,
        NaiveDate::from_ymd_opt(a.0, a.1, a.2).unwrap(),
        NaiveDate::from_ymd_opt(b.0, b.1, b.2).unwrap(),
    )
    .unwrap()
}

fn plan(w: &World, intention: &str) -> NewCarePlan {
    let service = ServiceLine {
        content: ServiceContent::parse("入浴介助(見守り・洗身の一部介助)").unwrap(),
        insured: true,
        kind: ServiceKindText::parse("通所介護").unwrap(),
        provider_name: "テストデイサービス".into(),
        frequency: Frequency::parse("週2回").unwrap(),
        period: period((2026, 9, 1), (2026, 11, 30)),
    };
    NewCarePlan {
        recipient: w.recipient,
        author: w.worker,
        created_at: at(10, 0),
        table1: Table1 {
            care_level: CareLevel::Care2,
            certification: period((2026, 9, 1), (2027, 8, 31)),
            intention: PlanIntention::parse(intention).unwrap(),
            policy: PlanPolicy::parse("転倒を防ぎ、在宅生活を継続できるよう支援します。").unwrap(),
        },
        needs: vec![Need {
            need: NeedText::parse("安全に入浴したい").unwrap(),
            long_goals: vec![LongGoal {
                goal: GoalText::parse("週2回、安全に入浴できる").unwrap(),
                period: period((2026, 9, 1), (2027, 2, 28)),
                short_goals: vec![ShortGoal {
                    goal: GoalText::parse("見守りで浴槽をまたげる").unwrap(),
                    period: period((2026, 9, 1), (2026, 11, 30)),
                    services: vec![service],
                }],
            }],
        }],
        weekly: vec![WeeklySlot::new(
            1,
            MinuteOfDay::parse(Field::WeeklySlot, "9:30").unwrap(),
            MinuteOfDay::parse(Field::WeeklySlot, "16:00").unwrap(),
            "通所介護",
        )
        .unwrap()],
        daily_activities: vec![DailyActivity {
            at: MinuteOfDay::parse(Field::WeeklySlot, "6:30").unwrap(),
            activity: "起床".into(),
        }],
        other_services: "福祉用具貸与(手すり)".into(),
        class: InfoClass::Living,
    }
}

async fn care_plans_are_versioned_and_read_back_whole(db: Db) {
    let w = world(&db).await;
    let v1 = db::care_plan::insert_plan(&db, &plan(&w, "家で暮らしたい"))
        .await
        .unwrap();
    let second = plan(&w, "家で暮らし続けたい。娘も応援したい。");
    let v2 = db::care_plan::insert_plan(&db, &second).await.unwrap();
    assert_eq!((v1.version, v2.version), (1, 2));
    let latest = db::care_plan::latest_plan(&db, w.recipient)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.version, 2);
    assert_eq!(latest.plan, second);
    // The first version is still there, untouched, and is the one before.
    assert_eq!(count(&db, "care_plans").await, 2);
    let before = db::care_plan::plan_before(&db, w.recipient, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before.version, 1);
    assert_eq!(before.plan, plan(&w, "家で暮らしたい"));
    assert!(db::care_plan::plan_before(&db, w.recipient, 1)
        .await
        .unwrap()
        .is_none());
}

/// The editor's save: only on top of the version it started from. Two
/// saves from the same version at once: one lands, the other is told.
async fn a_plan_saved_on_an_old_version_is_refused(db: Db) {
    let w = world(&db).await;
    let first = db::care_plan::insert_plan_after(&db, &plan(&w, "家で暮らしたい"), 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.version, 1);
    let again = db::care_plan::insert_plan_after(&db, &plan(&w, "もう一度"), 0)
        .await
        .unwrap();
    assert!(again.is_none(), "version 0 is no longer the newest");
    let (a, b) = (plan(&w, "同時A"), plan(&w, "同時B"));
    let (a, b) = tokio::join!(
        db::care_plan::insert_plan_after(&db, &a, 1),
        db::care_plan::insert_plan_after(&db, &b, 1),
    );
    let landed = [a, b]
        .into_iter()
        .filter(|r| matches!(r, Ok(Some(_))))
        .count();
    assert_eq!(landed, 1, "one of two racing saves lands");
    assert_eq!(count(&db, "care_plans").await, 2);
    // The refused ones left no goals behind.
    assert_eq!(
        count(&db, "care_plan_needs").await,
        2 * plan(&w, "x").needs.len() as i64
    );
}

async fn a_plan_that_cannot_be_stored_leaves_nothing(db: Db) {
    let w = world(&db).await;
    let mut p = plan(&w, "家で暮らしたい");
    p.author = PersonId::new(); // nobody: the first insert fails
    assert!(db::care_plan::insert_plan(&db, &p).await.is_err());
    for t in [
        "care_plans",
        "care_plan_needs",
        "care_plan_goals",
        "care_plan_services",
        "care_plan_weekly",
    ] {
        assert_eq!(count(&db, t).await, 0, "{t} has rows");
    }
}

async fn medical_items_keep_their_class_and_code(db: Db) {
    let w = world(&db).await;
    let item = NewMedicalItem {
        recipient: w.recipient,
        author: w.worker,
        recorded_at: at(11, 0),
        kind: MedicalKind::FoodTexture,
        title: MedicalTitle::parse("軟菜食・一口大").unwrap(),
        detail: MedicalDetail::parse("嚥下調整食分類2021 コード4").unwrap(),
        dysphagia_code: Some(DysphagiaCode::Code4),
        class: InfoClass::Medical,
        team_only: true,
    };
    db::medical::insert_medical_item(db.pool(), &item, at(11, 1))
        .await
        .unwrap();
    let got = db::medical::medical_items(&db, w.recipient).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].item, item);
}

/// A family member with no relationship yet, stored.
async fn family_member(db: &Db, name: &str) -> Person {
    let person = Person {
        id: PersonId::new(),
        name: PersonName::parse(name).unwrap(),
        role: Role::Family,
        provider: None,
    };
    db::people::insert_person(db.pool(), &person, at(8, 0))
        .await
        .unwrap();
    person
}

async fn ended_relationships_give_no_access(db: Db) {
    let w = world(&db).await;
    let family = family_member(&db, "試験 花子").await;
    let rel = |person, ended| CareRelationship {
        recipient: w.recipient,
        person,
        kind: RelationKind::Team,
        family_relation: String::new(),
        started_on: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        ended,
    };
    db::people::insert_relationship(db.pool(), &rel(w.worker, None))
        .await
        .unwrap();
    db::people::insert_relationship(
        db.pool(),
        &rel(
            family.id,
            Some((
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                EndReason::ServiceEnded,
            )),
        ),
    )
    .await
    .unwrap();
    let active = db::people::active_relationships(&db, w.recipient, day())
        .await
        .unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].0, w.worker);
}

/// Many readers at once: each read is answered only after its entry is
/// committed, none is lost, and they share commits (group commit).
async fn audit_entries_written_together_all_land(db: Db) {
    let w = world(&db).await;
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..200 {
        let db = db.clone();
        let recipient = w.recipient;
        let worker = w.worker;
        writes.spawn(async move {
            audit::record(
                &db,
                Entry {
                    at: at(13, 0),
                    actor: Some(audit::Actor {
                        person: worker,
                        role: Role::CareWorker,
                        session: None,
                    }),
                    action: Action::Read,
                    recipient: Some(recipient),
                    object_kind: "day_records",
                    object_id: Some(format!("read-{i}")),
                    classes: &[InfoClass::Living],
                },
            )
            .await
        });
    }
    let results = writes.join_all().await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(
        audit::count_for(&db, w.recipient, Action::Read)
            .await
            .unwrap(),
        200
    );
    let ids: Vec<String> = sqlx::query_scalar("SELECT object_id FROM audit_log")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), 200);
}

async fn the_audit_log_records_reads_without_health_data(db: Db) {
    let w = world(&db).await;
    audit::record(
        &db,
        Entry {
            at: at(13, 0),
            actor: Some(audit::Actor {
                person: w.worker,
                role: Role::CareWorker,
                session: None,
            }),
            action: Action::Read,
            recipient: Some(w.recipient),
            object_kind: "day_records",
            object_id: Some("2026-11-24".into()),
            classes: &[InfoClass::Living],
        },
    )
    .await
    .unwrap();
    assert_eq!(
        audit::count_for(&db, w.recipient, Action::Read)
            .await
            .unwrap(),
        1
    );
    let row = sqlx::query("SELECT action, object_kind FROM audit_log")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(row.try_get::<String, _>("action").unwrap(), "read"); // Append-only in the database itself, on both backends.
    let update = sqlx::query("UPDATE audit_log SET action = 'create'")
        .execute(db.pool())
        .await;
    assert!(update.is_err(), "an update of the log is refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(db.pool())
        .await;
    assert!(delete.is_err(), "a delete from the log is refused");
    assert_eq!(
        audit::count_for(&db, w.recipient, Action::Read)
            .await
            .unwrap(),
        1
    );
}

/// ホーム's 「前に見たときから、新しいきろくが N つ」: the reader's own last
/// look before the given moment, and only records they may see after it
/// (asked with ホーム's other notices in one statement).
async fn the_last_look_counts_what_the_reader_may_see_after_it(db: Db) {
    let w = world(&db).await;
    let daughter = family_member(&db, "試験 ミサキ").await;
    let look = |person: PersonId, when: OccurredAt| Entry {
        at: when,
        actor: Some(audit::Actor {
            person,
            role: Role::Family,
            session: None,
        }),
        action: Action::Read,
        recipient: Some(w.recipient),
        object_kind: "day_records",
        object_id: Some("2026-11-24".into()),
        classes: &[InfoClass::Living],
    };
    audit::record(&db, look(daughter.id, at(9, 0)))
        .await
        .unwrap();
    // Someone else's later look is not hers.
    audit::record(&db, look(w.worker, at(11, 30)))
        .await
        .unwrap();
    let mut medical = meal(&w, at(10, 30), "服薬確認");
    medical.class = InfoClass::Medical;
    let mut team_only = meal(&w, at(11, 0), "チーム内のメモ");
    team_only.team_only = true;
    for r in [
        meal(&w, at(8, 30), "朝食"),
        meal(&w, at(10, 0), "間食"),
        medical,
        team_only,
    ] {
        db::records::insert_care_record(db.pool(), &r, at(12, 0))
            .await
            .unwrap();
    }
    let living = Shown {
        classes: vec![InfoClass::Living],
        team_only: false,
    };
    let with_medical = Shown {
        classes: vec![InfoClass::Living, InfoClass::Medical],
        team_only: false,
    };
    let last_look = |before: OccurredAt, shown: Shown| {
        let db = db.clone();
        async move {
            db::home_notices::for_reader(&db, w.recipient, daughter.id, before.millis(), &shown)
                .await
                .unwrap()
                .last_look
        }
    };
    assert_eq!(
        last_look(at(13, 0), living.clone()).await,
        Some((at(9, 0), 1))
    );
    assert_eq!(
        last_look(at(13, 0), with_medical).await,
        Some((at(9, 0), 2))
    );
    // A look in this sitting (after the moment asked about) is not "the
    // last time".
    assert_eq!(last_look(at(8, 59), living).await, None);
}

async fn the_demo_household_loads_once_with_three_months_of_records(db: Db) {
    let summary = demo::load_if_empty(&db, now()).await.unwrap().unwrap();
    assert_eq!(summary.recipient_name, "山本 ハナ");
    assert!(
        summary.records >= 92 * 4,
        "only {} records",
        summary.records
    );
    assert!(
        summary.vitals >= 92 * 2 - 2,
        "only {} vitals",
        summary.vitals
    );
    assert_eq!(summary.plans, 1);
    assert!(summary.medical_items >= 5);
    assert_eq!(count(&db, "care_records").await, summary.records as i64);
    assert_eq!(count(&db, "vital_signs").await, summary.vitals as i64);

    // Loading again on a database with data does nothing.
    assert!(demo::load_if_empty(&db, now()).await.unwrap().is_none());
    assert_eq!(count(&db, "recipients").await, 1);

    let r = db::people::get_recipient(&db, summary.recipient)
        .await
        .unwrap();
    assert_eq!(r.age_on(day()), 84);
    assert_eq!(r.care_level, CareLevel::Care2);

    // The newest day has a meal written the way staff write.
    let latest = newest_record(&db, summary.recipient).await.unwrap();
    assert!(latest <= OccurredAt::from_millis(now().timestamp_millis()));
    let (start, end) = jst_day_bounds(latest.jst_date());
    let records = records_between(&db, summary.recipient, start, end).await;
    assert!(records
        .iter()
        .any(|r| matches!(r.body, RecordBody::Meal { .. })
            && r.note.contains("主食")
            && r.note.contains('割')));

    // Three months back there are records too, and none from the future.
    let first: i64 = sqlx::query_scalar("SELECT MIN(occurred_at) FROM care_records")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let first_day = OccurredAt::from_millis(first).jst_date();
    assert!((day() - first_day).num_days() >= 90, "starts {first_day}");
    let future: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM care_records WHERE occurred_at > $1")
            .bind(now().timestamp_millis())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(future, 0);

    let plan = db::care_plan::latest_plan(&db, summary.recipient)
        .await
        .unwrap()
        .unwrap();
    assert!(!plan.plan.needs.is_empty());
    assert!(!plan.plan.weekly.is_empty());
    let medical = db::medical::medical_items(&db, summary.recipient)
        .await
        .unwrap();
    assert!(medical.iter().any(|m| m.item.kind == MedicalKind::Allergy));
    assert!(medical
        .iter()
        .any(|m| m.item.kind == MedicalKind::FoodTexture && m.item.dysphagia_code.is_some()));
}

/// Conversions are stored per record and engine version: a page reads the
/// stored sentences, and a corrected note is converted again.
async fn plain_conversions_are_stored_and_redone_when_the_note_changes(db: Db) {
    use app::server::plain_store;
    let engine = support::engine();
    let w = world(&db).await;
    let id = db::records::insert_care_record(
        db.pool(),
        &meal(&w, at(12, 10), "主食8割摂取"),
        at(12, 15),
    )
    .await
    .unwrap();
    db::records::insert_care_record(db.pool(), &meal(&w, at(13, 0), "夕食 全量摂取"), at(13, 5))
        .await
        .unwrap();
    // Start-up converts the recent notes once (here: since 12:30, so the
    // 13:00 meal); a second run finds nothing to do; a run reaching further
    // back takes the older one.
    assert_eq!(
        plain_store::warm(&db, &engine, at(12, 30)).await.unwrap(),
        1
    );
    assert_eq!(
        plain_store::warm(&db, &engine, at(12, 30)).await.unwrap(),
        0
    );
    assert_eq!(count(&db, "plain_notes").await, 1);
    assert_eq!(plain_store::warm(&db, &engine, at(0, 0)).await.unwrap(), 1);
    assert_eq!(count(&db, "plain_notes").await, 2);

    let (start, end) = jst_day_bounds(day());
    let read = |db: Db| async move {
        let listed =
            db::records::listed_between(&db, w.recipient, start, end, &Shown::everything())
                .await
                .unwrap();
        plain_store::notes_for(&db, &support::engine(), &listed).await
    };
    let notes = read(db.clone()).await;
    assert_eq!(notes[0].text, "ごはん(主食)を8割食べました。");
    assert!(
        notes[0].ruby.iter().any(|r| r.reading == "わり"),
        "{:?}",
        notes[0]
    );

    // The page really reads the stored row: mark it and read again.
    let marked =
        serde_json::json!({"text": "保存された文です。", "ruby": [], "terms": [], "sentences": 1});
    sqlx::query("UPDATE plain_notes SET body = $1 WHERE record_id = $2")
        .bind(marked.to_string())
        .bind(id.to_string())
        .execute(db.pool())
        .await
        .unwrap();
    assert_eq!(read(db.clone()).await[0].text, "保存された文です。");

    // A corrected note no longer matches the stored row's hash.
    sqlx::query("UPDATE care_records SET note = $1 WHERE id = $2")
        .bind("主食5割摂取")
        .bind(id.to_string())
        .execute(db.pool())
        .await
        .unwrap();
    assert_eq!(
        read(db.clone()).await[0].text,
        "ごはん(主食)を5割食べました。"
    );
    assert_eq!(count(&db, "plain_notes").await, 2);
}

/// A doctor's target: the newest one set by a time is in force then, and
/// the database refuses a range that is upside down.
async fn doctors_targets_apply_from_when_they_were_set(db: Db) {
    let w = world(&db).await;
    let target = |high: i64, at: OccurredAt| NewVitalTarget {
        recipient: w.recipient,
        kind: TargetKind::Systolic,
        range: TargetRange::new(TargetKind::Systolic, None, Some(high)).unwrap(),
        doctor: DoctorName::parse("テスト内科 医師").unwrap(),
        recorded_by: w.worker,
        set_at: at,
    };
    db::vitals::insert_target(db.pool(), &target(150, at(9, 0)), at(9, 5))
        .await
        .unwrap();
    db::vitals::insert_target(db.pool(), &target(140, at(11, 0)), at(11, 5))
        .await
        .unwrap();
    let high = |t: VitalTargets| t.systolic.and_then(|r| r.high());
    let before = db::vitals::targets_at(&db, w.recipient, at(8, 0))
        .await
        .unwrap();
    assert_eq!(before, VitalTargets::default());
    let morning = db::vitals::targets_at(&db, w.recipient, at(10, 0))
        .await
        .unwrap();
    assert_eq!(high(morning), Some(150));
    let noon = db::vitals::targets_at(&db, w.recipient, at(12, 0))
        .await
        .unwrap();
    assert_eq!(high(noon.clone()), Some(140));
    assert_eq!(noon.pulse, None);

    let upside_down = sqlx::query(
        "INSERT INTO vital_targets (id, recipient_id, kind, low, high, doctor, recorded_by, \
         set_at, created_at) VALUES ('x', $1, 'pulse', 90, 50, 'd', $2, 0, 0)",
    )
    .bind(w.recipient.to_string())
    .bind(w.worker.to_string())
    .execute(db.pool())
    .await;
    assert!(upside_down.is_err());
    assert_eq!(count(&db, "vital_targets").await, 2);
}

/// Invitation links work once, for 72 hours, are stored only as a hash,
/// and a new link for the same person replaces the old one.
async fn invitation_links_work_once_and_expire(db: Db) {
    use app::server::auth::invitations::{self, InviteError, InviteProblem};
    let problem = |r: Result<PersonId, InviteError>| match r {
        Err(InviteError::Invalid(p)) => Some(p),
        _ => None,
    };
    let invited = server::invite_cmd::run(
        &db,
        Role::ProviderAdmin,
        "管理 一郎",
        None,
        "http://localhost:3000/",
        at(9, 0),
    )
    .await
    .unwrap();
    let raw = invited
        .url
        .strip_prefix("http://localhost:3000/invite/")
        .unwrap();
    let token = invitations::InviteToken::parse(raw).unwrap();
    // The link is not in the database, only its hash.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_ne!(stored, raw);
    let person = invitations::check(&db, &token, at(10, 0)).await.unwrap();
    assert_eq!(person, invited.person);
    assert_eq!(
        db::people::get_person(&db, person).await.unwrap().role,
        Role::ProviderAdmin
    );

    // 72 hours later the link no longer works.
    let later = OccurredAt::from_millis(at(9, 0).millis() + invitations::VALID_MS);
    assert_eq!(
        problem(invitations::check(&db, &token, later).await),
        Some(InviteProblem::Expired)
    );

    // Two tabs racing with the same link: exactly one gets through.
    let (a, b) = tokio::join!(
        invitations::redeem(&db, &token, at(10, 0)),
        invitations::redeem(&db, &token, at(10, 0))
    );
    assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
    assert_eq!(
        problem(invitations::redeem(&db, &token, at(10, 1)).await),
        Some(InviteProblem::Used)
    );

    // A lost phone: the care manager invites the same person again; an
    // unused older link stops working.
    let (_, first) = invitations::create(&db, person, None, at(11, 0))
        .await
        .unwrap();
    let (_, second) = invitations::create(&db, person, None, at(11, 5))
        .await
        .unwrap();
    assert_eq!(
        problem(invitations::check(&db, &first, at(11, 10)).await),
        Some(InviteProblem::Revoked)
    );
    assert_eq!(
        invitations::check(&db, &second, at(11, 10)).await.unwrap(),
        person
    );
    let unknown = invitations::InviteToken::parse(&"0".repeat(64)).unwrap();
    assert_eq!(
        problem(invitations::check(&db, &unknown, at(11, 10)).await),
        Some(InviteProblem::Unknown)
    );
    // Every invitation made by the command line is in the audit log.
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE object_kind = 'invitation'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

async fn two_servers_loading_the_demo_at_once_load_it_once(db: Db) {
    let (a, b) = tokio::join!(
        demo::load_if_empty(&db, now()),
        demo::load_if_empty(&db, now())
    );
    let a = a.unwrap();
    let b = b.unwrap();
    assert_eq!(usize::from(a.is_some()) + usize::from(b.is_some()), 1);
    assert_eq!(count(&db, "recipients").await, 1);
    // Asking for it explicitly again is refused, not duplicated.
    assert!(demo::load_demo(&db, now()).await.is_err());
    assert_eq!(count(&db, "recipients").await, 1);
}

on_both_databases!(
    two_servers_loading_the_demo_at_once_load_it_once,
    migrations_are_idempotent,
    a_reworded_migration_is_accepted_but_a_changed_one_is_not,
    a_record_keeps_the_staff_wording_exactly,
    a_day_holds_only_that_japanese_day,
    vital_signs_round_trip_exactly,
    the_database_refuses_impossible_values,
    a_record_for_an_unknown_recipient_is_refused,
    care_plans_are_versioned_and_read_back_whole,
    a_plan_that_cannot_be_stored_leaves_nothing,
    a_plan_saved_on_an_old_version_is_refused,
    medical_items_keep_their_class_and_code,
    ended_relationships_give_no_access,
    the_audit_log_records_reads_without_health_data,
    audit_entries_written_together_all_land,
    the_demo_household_loads_once_with_three_months_of_records,
    plain_conversions_are_stored_and_redone_when_the_note_changes,
    doctors_targets_apply_from_when_they_were_set,
    invitation_links_work_once_and_expire,
    the_last_look_counts_what_the_reader_may_see_after_it,
);
