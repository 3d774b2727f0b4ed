//! The fictional demo household: 山本 ハナ (84, 要介護2) living at home, her
//! two children, and the team around her, with 92 days of records written
//! the way care staff really write them (abbreviations, 体言止め). Nothing
//! here is a real person or a real 事業所.
//!
//! The data is generated in memory first (pure and seeded, so the same `now`
//! always gives the same household), then written row by row.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;

use super::db::{self, Db, DbError};
use crate::domain::care_plan::{
    DailyActivity, Frequency, GoalText, LongGoal, MinuteOfDay, Need, NeedText, NewCarePlan,
    PlanIntention, PlanPolicy, ServiceContent, ServiceKindText, ServiceLine, ShortGoal, Table1,
    WeeklySlot,
};
use crate::domain::classes::{CareLevel, InfoClass, RelationKind, Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::medical::{
    DysphagiaCode, MedicalDetail, MedicalKind, MedicalTitle, NewMedicalItem,
};
use crate::domain::people::{
    CareRelationship, NameKana, Person, PersonName, Provider, ProviderName, Recipient,
};
use crate::domain::records::{
    BathKind, ExcretionCount, ExcretionKind, FluidMl, NewCareRecord, RecordBody, RecordNote, Wari,
};
use crate::domain::time::{jst, jst_today, OccurredAt, Period};
use crate::domain::validation::Field;
use crate::domain::vitals::{
    BloodPressure, BodyTemperature, DoctorName, Height, NewVitalTarget, NewVitals, Pulse,
    RespiratoryRate, Spo2, TargetKind, TargetRange, VitalSigns, Weight,
};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DemoSummary {
    pub recipient: RecipientId,
    pub recipient_name: String,
    pub people: usize,
    pub records: usize,
    pub vitals: usize,
    pub plans: usize,
    pub medical_items: usize,
}

/// Loads the fictional household. `now` is the present (a parameter so tests
/// control it). Refused when the household was loaded before.
pub async fn load_demo(db: &Db, now: DateTime<Utc>) -> Result<DemoSummary, DbError> {
    load(db, now, false)
        .await?
        .ok_or(DbError::Conflict("the demo household is already loaded"))
}

/// Loads it only when the database has no recipients yet; returns None when it did nothing.
pub async fn load_if_empty(db: &Db, now: DateTime<Utc>) -> Result<Option<DemoSummary>, DbError> {
    load(db, now, true).await
}

/// The demo's 本人, daughter and care manager who have no passkey yet: on
/// the demo database `make run` prints a sign-up link for each, so a
/// newcomer can try every side with their own passkey. Empty on a
/// database without the demo.
pub async fn people_to_try(db: &Db) -> Result<Vec<(PersonId, String, Role)>, DbError> {
    let rows = sqlx::query(
        "SELECT p.id, p.display_name, p.role FROM people p \
         WHERE EXISTS (SELECT 1 FROM app_markers WHERE name = 'demo_household') \
         AND p.display_name IN ($1, $2, $3, $4, $5) \
         AND NOT EXISTS (SELECT 1 FROM passkeys k WHERE k.person_id = p.id) \
         ORDER BY p.role DESC",
    )
    .bind(RECIPIENT_NAME)
    .bind(DAUGHTER_NAME)
    .bind(CARE_MANAGER_NAME)
    .bind(ADMIN_NAME)
    .bind(WORKER_NAME)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let role: String = r.try_get("role")?;
            Ok((
                PersonId::parse(&id).ok_or_else(|| invalid("person id", &id))?,
                r.try_get("display_name")?,
                Role::from_code(&role).ok_or_else(|| invalid("role", &role))?,
            ))
        })
        .collect()
}

/// Takes the one-time `demo_household` marker. Two servers starting on one
/// empty PostgreSQL database race here: the second waits for the first's
/// transaction and then finds the marker taken.
async fn claim_marker(tx: &mut sqlx::AnyConnection, now: OccurredAt) -> Result<bool, DbError> {
    let claimed =
        sqlx::query("INSERT INTO app_markers (name, set_at) VALUES ('demo_household', $1)")
            .bind(now.millis())
            .execute(&mut *tx)
            .await;
    match claimed {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

async fn load(
    db: &Db,
    now: DateTime<Utc>,
    only_if_empty: bool,
) -> Result<Option<DemoSummary>, DbError> {
    let now_at = valid("now", OccurredAt::parse(now, now))?;
    let today = jst_today(now);
    let cast = Cast::new();

    // Everything is built and validated before the first write, so a bad
    // value in the tables below leaves the database empty, not half-loaded.
    let providers = cast.providers()?;
    let members = cast.members()?;
    let hana = cast.recipient(today)?;
    let admin = Person {
        id: cast.admin.person,
        name: valid("admin name", PersonName::parse(ADMIN_NAME))?,
        role: Role::ProviderAdmin,
        provider: Some(cast.admin.provider),
    };
    let relationships = members
        .iter()
        .map(|m| m.relationship(cast.recipient, today))
        .collect::<Result<Vec<_>, DbError>>()?;
    let plan = care_plan(&cast, today, now)?;
    let first_plan = first_plan(&plan)?;
    let generated = generate(&cast, now)?;
    let items = medical_items(&cast, today, now, &generated)?;
    let targets = vital_targets(&cast, today, now)?;

    // One transaction: the household is there whole or not at all, and
    // SQLite syncs to disk once instead of once per row.
    let mut tx = db.pool().begin().await?;
    if !claim_marker(&mut tx, now_at).await? {
        return Ok(None);
    }
    if only_if_empty && db::people::count_recipients_in(&mut *tx).await? > 0 {
        return Ok(None);
    }
    for p in &providers {
        db::people::insert_provider(&mut *tx, p, now_at).await?;
    }
    for m in &members {
        db::people::insert_person(&mut *tx, &m.person, now_at).await?;
    }
    db::people::insert_person(&mut *tx, &admin, now_at).await?;
    db::providers::add_admin(&mut *tx, cast.admin.provider, admin.id, now_at).await?;
    db::people::insert_recipient(&mut *tx, &hana, now_at).await?;
    // The numbers her care manager's software writes in its CSV files
    // (tests/fixtures/careplan is made with them).
    db::imports::set_insurance(&mut *tx, hana.id, INSURER_NUMBER, INSURED_NUMBER).await?;
    for rel in &relationships {
        db::people::insert_relationship(&mut *tx, rel).await?;
    }
    // ハナ lets her daughter see her medical information (vital signs, the
    // nurse's notes); her son sees 生活 and 連絡 only —
    // and her 人生会議, which the daughter talks through with her.
    for class in [InfoClass::Medical, InfoClass::Acp] {
        crate::server::access::grant(
            &mut *tx,
            cast.recipient,
            cast.misaki,
            class,
            cast.hana,
            now_at,
        )
        .await?;
    }
    db::care_plan::insert_plan_in(&mut tx, &first_plan).await?;
    db::care_plan::insert_plan_in(&mut tx, &plan).await?;
    for m in &items {
        db::medical::insert_medical_item(&mut *tx, m, now_at).await?;
    }
    for t in &targets {
        db::vitals::insert_target(&mut *tx, t, now_at).await?;
    }
    // The newest living record of the day before yesterday: the family
    // asks about it, the care manager answers.
    let asked_about = asked_about(&generated, today);
    let mut asked_id = None;
    for (i, r) in generated.records.iter().enumerate() {
        let id = db::records::insert_care_record(&mut *tx, r, now_at).await?;
        if Some(i) == asked_about {
            asked_id = Some(id);
        }
    }
    for v in &generated.vitals {
        db::vitals::insert_vitals(&mut *tx, v, now_at).await?;
    }
    voices(&mut tx, &cast, today, asked_id).await?;
    tx.commit().await?;

    Ok(Some(DemoSummary {
        recipient: cast.recipient,
        recipient_name: hana.name.as_str().to_string(),
        people: members.len() + 1,
        records: generated.records.len(),
        vitals: generated.vitals.len(),
        plans: 1,
        medical_items: items.len(),
    }))
}

// ---------------------------------------------------------------------------
// The household and the team.

const RECIPIENT_NAME: &str = "山本 ハナ";
/// The daughter and the care manager: with ハナ herself, the people a
/// newcomer can sign up as to try each side of Yorisoi.
const DAUGHTER_NAME: &str = "佐藤 美咲";
const CARE_MANAGER_NAME: &str = "田中 里美";
/// The home-help care worker who visits: to try the visit record.
const WORKER_NAME: &str = "高橋 誠";
/// The administrator of the care manager's 事業所: invites its staff and
/// widens its policy; has no care relationship, so sees no records.
const ADMIN_NAME: &str = "小林 修";
const RECIPIENT_KANA: &str = "ヤマモト ハナ";
/// 保険者番号 and 被保険者番号 (fictional).
pub const INSURER_NUMBER: &str = "131011";
pub const INSURED_NUMBER: &str = "0000012345";
const AGE: u32 = 84;

const CARE_MANAGEMENT: &str = "居宅介護支援事業所 あおぞら";
const HOME_HELP: &str = "ひだまり訪問介護事業所";
const DAY_SERVICE: &str = "デイサービス さくらの家";
const HOME_NURSING: &str = "みどり訪問看護ステーション";

/// Who wrote or measured something, and for which 事業所.
#[derive(Debug, Clone, Copy)]
struct Staff {
    provider: ProviderId,
    person: PersonId,
}

struct Cast {
    recipient: RecipientId,
    care_management: ProviderId,
    home_help: ProviderId,
    day_service: ProviderId,
    home_nursing: ProviderId,
    hana: PersonId,
    misaki: PersonId,
    kenta: PersonId,
    /// ケアマネジャー 田中 里美.
    cm: Staff,
    /// 訪問介護 鈴木 花子.
    suzuki: Staff,
    /// 訪問介護 高橋 誠.
    takahashi: Staff,
    /// デイサービス 伊藤 優子.
    day_staff: Staff,
    /// 訪問看護 中村 由美.
    nurse: Staff,
    /// 事業所の管理者 小林 修 (of the care manager's 事業所).
    admin: Staff,
}

impl Cast {
    fn new() -> Self {
        let care_management = ProviderId::new();
        let home_help = ProviderId::new();
        let day_service = ProviderId::new();
        let home_nursing = ProviderId::new();
        let staff = |provider| Staff {
            provider,
            person: PersonId::new(),
        };
        Self {
            recipient: RecipientId::new(),
            care_management,
            home_help,
            day_service,
            home_nursing,
            hana: PersonId::new(),
            misaki: PersonId::new(),
            kenta: PersonId::new(),
            cm: staff(care_management),
            suzuki: staff(home_help),
            takahashi: staff(home_help),
            day_staff: staff(day_service),
            nurse: staff(home_nursing),
            admin: staff(care_management),
        }
    }

    fn providers(&self) -> Result<Vec<Provider>, DbError> {
        [
            (
                self.care_management,
                CARE_MANAGEMENT,
                ServiceType::CareManagement,
            ),
            (self.home_help, HOME_HELP, ServiceType::HomeHelp),
            (self.day_service, DAY_SERVICE, ServiceType::DayService),
            (self.home_nursing, HOME_NURSING, ServiceType::HomeNursing),
        ]
        .into_iter()
        .map(|(id, name, service_type)| {
            Ok(Provider {
                id,
                name: valid("provider name", ProviderName::parse(name))?,
                service_type,
            })
        })
        .collect()
    }

    /// Everyone linked to her, with 続柄 (family only) and how many days
    /// ago the relationship began.
    fn members(&self) -> Result<Vec<Member>, DbError> {
        let (cm, hh) = (Some(self.care_management), Some(self.home_help));
        let (ds, ns) = (Some(self.day_service), Some(self.home_nursing));
        #[rustfmt::skip]
        let rows = [
            (self.hana, RECIPIENT_NAME, Role::Recipient, None, "", RelationKind::SelfPerson, 760),
            (self.misaki, DAUGHTER_NAME, Role::Family, None, "長女", RelationKind::Family, 760),
            (self.kenta, "山本 健太", Role::Family, None, "長男", RelationKind::Family, 760),
            (self.cm.person, CARE_MANAGER_NAME, Role::CareManager, cm, "", RelationKind::Team, 760),
            (self.suzuki.person, "鈴木 花子", Role::CareWorker, hh, "", RelationKind::Team, 700),
            (self.takahashi.person, WORKER_NAME, Role::CareWorker, hh, "", RelationKind::Team, 420),
            (self.day_staff.person, "伊藤 優子", Role::CareWorker, ds, "", RelationKind::Team, 540),
            (self.nurse.person, "中村 由美", Role::Nurse, ns, "", RelationKind::Team, 200),
        ];
        rows.into_iter()
            .map(|(id, name, role, provider, relation, kind, known_days)| {
                Ok(Member {
                    person: Person {
                        id,
                        name: valid("person name", PersonName::parse(name))?,
                        role,
                        provider,
                    },
                    relation,
                    kind,
                    known_days,
                })
            })
            .collect()
    }

    fn recipient(&self, today: NaiveDate) -> Result<Recipient, DbError> {
        // Her birthday was about four months ago, so she is 84 today.
        let birth_date = today
            .checked_sub_months(Months::new(AGE * 12))
            .and_then(|d| d.checked_sub_days(Days::new(123)))
            .ok_or_else(|| invalid("birth date", today))?;
        Ok(Recipient {
            id: self.recipient,
            name: valid("recipient name", PersonName::parse(RECIPIENT_NAME))?,
            name_kana: valid("recipient kana", NameKana::parse(RECIPIENT_KANA))?,
            birth_date,
            care_level: CareLevel::Care2,
        })
    }
}

struct Member {
    person: Person,
    /// 続柄 for family, empty otherwise.
    relation: &'static str,
    kind: RelationKind,
    known_days: u64,
}

impl Member {
    fn relationship(
        &self,
        recipient: RecipientId,
        today: NaiveDate,
    ) -> Result<CareRelationship, DbError> {
        Ok(CareRelationship {
            recipient,
            person: self.person.id,
            kind: self.kind,
            family_relation: self.relation.to_string(),
            started_on: days_before(today, self.known_days)?,
            ended: None,
        })
    }
}

// ---------------------------------------------------------------------------
// The household's voice: wishes, the first 人生会議 and a conversation.

/// The index of the record the daughter asks about: the newest 生活
/// record, not team-only, of the day before yesterday.
fn asked_about(generated: &Generated, today: NaiveDate) -> Option<usize> {
    let day = today.pred_opt()?.pred_opt()?;
    generated
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.occurred_at.jst_date() == day && r.class == InfoClass::Living && !r.team_only
        })
        .map(|(i, _)| i)
        .next_back()
}

const WISH_NAME: &str = "「ハナさん」と呼んでもらえるとうれしいです。";
const WISH_RHYTHM: &str = "朝はゆっくり7時半ごろに起きたいです。\nお風呂はぬるめが好きです。";
const WISH_FOOD_BY_DAUGHTER: &str = "母は煮魚と茶わん蒸しが好きです。しいたけは昔から苦手です。";
const ACP_VALUES: &str = "できるだけ長く、この家で、庭の花を見ながら暮らしたい。";
const ASK: &str = "おととい、夕方はどんな様子でしたか。電話で少し元気がないように聞こえました。";
const ANSWER: &str = "ご連絡ありがとうございます。夕方は少し疲れた様子でしたが、夕食は召し上がり、夜はよく眠れていました。次の訪問でも様子を見ます。";
const DAUGHTER_ASKS_WEIGHT: &str =
    "体重のグラフが少し下がっているようですが、食事の量は足りていますか。";

async fn voices(
    tx: &mut sqlx::AnyConnection,
    cast: &Cast,
    today: NaiveDate,
    asked: Option<crate::domain::ids::RecordId>,
) -> Result<(), DbError> {
    use crate::domain::acp::{AcpAnswers, Choice, Place, Treatment, TreatmentAnswer};
    use crate::domain::chart::Measure;
    use crate::domain::classes::RelationKind;
    use crate::domain::talk::{CommentText, Target, TargetKind};
    use crate::domain::wishes::{WishText, WishTopic};
    use db::talk::NewComment;
    use db::wishes::NewWish;

    let at = |days: u64, minute: u32| -> Result<OccurredAt, DbError> {
        Ok(OccurredAt::from_millis(
            jst_at(days_before(today, days)?, minute)?.timestamp_millis(),
        ))
    };
    // ハナ's own wishes were read by the care manager the next day; the
    // daughter's, twelve days ago, still waits in her inbox.
    let wishes = [
        (
            WishTopic::Name,
            WISH_NAME,
            cast.hana,
            RelationKind::SelfPerson,
            40,
        ),
        (
            WishTopic::Rhythm,
            WISH_RHYTHM,
            cast.hana,
            RelationKind::SelfPerson,
            40,
        ),
        (
            WishTopic::Food,
            WISH_FOOD_BY_DAUGHTER,
            cast.misaki,
            RelationKind::Family,
            12,
        ),
    ];
    for (topic, text, author, relation, days) in wishes {
        let body = valid("demo wish", WishText::parse(text))?;
        let wish = db::wishes::insert(
            &mut *tx,
            NewWish {
                recipient: cast.recipient,
                topic,
                body: &body,
                author,
                relation,
                at: at(days, 19 * 60)?,
            },
        )
        .await?;
        if relation == RelationKind::SelfPerson {
            db::talk::acknowledge(
                &mut *tx,
                cast.recipient,
                db::talk::AckKind::Wish,
                &wish,
                cast.cm.person,
                at(days - 1, 10 * 60)?,
            )
            .await?;
        }
    }
    // The first talk, eight months ago: time to talk again.
    let talked = today
        .checked_sub_months(chrono::Months::new(8))
        .ok_or_else(|| invalid("demo ACP date", today))?;
    let mut answers = AcpAnswers::blank();
    answers.values = ACP_VALUES.to_string();
    answers.care_place = Place::Home;
    answers.discussed_on = Some(talked);
    answers.participants = "本人、長女(佐藤 美咲)、ケアマネジャー(田中 里美)".to_string();
    answers.treatments = Treatment::ALL
        .iter()
        .map(|t| {
            let choice = if *t == Treatment::Hospital {
                Choice::Want
            } else {
                Choice::Undecided
            };
            (
                *t,
                TreatmentAnswer {
                    choice,
                    note: String::new(),
                },
            )
        })
        .collect();
    let written = OccurredAt::from_millis(jst_at(talked, 15 * 60)?.timestamp_millis());
    db::acp::save(
        &mut *tx,
        db::acp::NewVersion {
            recipient: cast.recipient,
            base: 0,
            answers: &answers,
            author: cast.cm.person,
            relation: RelationKind::Team,
            at: written,
        },
    )
    .await?;
    // The daughter asked about a record and the care manager answered;
    // the son's question about the weight chart still waits.
    let mut talk = Vec::new();
    if let Some(record) = asked {
        let target = Target {
            kind: TargetKind::Record,
            id: record.to_string(),
        };
        talk.push((
            target.clone(),
            cast.misaki,
            RelationKind::Family,
            ASK,
            at(1, 20 * 60)?,
        ));
        talk.push((
            target,
            cast.cm.person,
            RelationKind::Team,
            ANSWER,
            at(0, 9 * 60)?,
        ));
    }
    let chart = Target {
        kind: TargetKind::Chart,
        id: Measure::Weight.code().to_string(),
    };
    talk.push((
        chart,
        cast.misaki,
        RelationKind::Family,
        DAUGHTER_ASKS_WEIGHT,
        at(1, 21 * 60)?,
    ));
    for (target, author, relation, text, when) in talk {
        let body = valid("demo comment", CommentText::parse(text))?;
        // The record asked about is everyday living; a chart is its measure's.
        let class = match target.kind {
            TargetKind::Chart => Measure::Weight.class(),
            _ => InfoClass::Living,
        };
        db::talk::insert(
            &mut *tx,
            NewComment {
                recipient: cast.recipient,
                target: &target,
                class,
                team_only: false,
                author,
                relation,
                body: &body,
                at: when,
            },
        )
        .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Small helpers.

/// Demo data is written by us, so a value the domain refuses is our bug:
/// report it as invalid data rather than panic.
fn invalid(what: &str, e: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("demo {what}: {e}"))
}

fn valid<T, E: std::fmt::Display>(what: &str, r: Result<T, E>) -> Result<T, DbError> {
    r.map_err(|e| invalid(what, e))
}

const fn hm(h: u32, m: u32) -> u32 {
    h * 60 + m
}

fn days_before(day: NaiveDate, n: u64) -> Result<NaiveDate, DbError> {
    day.checked_sub_days(Days::new(n))
        .ok_or_else(|| invalid("date", day))
}

fn months_after(day: NaiveDate, n: u32) -> Result<NaiveDate, DbError> {
    day.checked_add_months(Months::new(n))
        .ok_or_else(|| invalid("date", day))
}

/// `minute` minutes after midnight on `day`, Japan time.
fn jst_at(day: NaiveDate, minute: u32) -> Result<DateTime<Utc>, DbError> {
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
        .and_then(|t| jst().from_local_datetime(&day.and_time(t)).single())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| invalid("time", minute))
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items
        .get(rng.gen_range(0..items.len().max(1)))
        .copied()
        .unwrap_or_default()
}

/// Joins the non-empty parts of a note with a space, as staff write.
fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// ケアプラン: one version, made by the care manager.

struct ServiceRow {
    content: &'static str,
    insured: bool,
    kind: &'static str,
    provider: &'static str,
    frequency: &'static str,
}

struct ShortRow {
    goal: &'static str,
    services: &'static [ServiceRow],
}

struct NeedRow {
    need: &'static str,
    long_goal: &'static str,
    short_goals: &'static [ShortRow],
}

const INTENTION: &str = "本人:住み慣れたこの家で、できるだけ長く暮らしたい。転ばないように気をつけたい。デイサービスでみんなと話すのが楽しみ。\n\
長女:遠方に住んでいるため毎日電話で様子を確認している。転倒と食事量の低下が心配。サービスを利用しながら、母が望む自宅での生活を続けてほしい。\n\
長男:週末に様子を見に行き、買い物を手伝う。無理をせず安全に過ごしてほしい。";

const POLICY: &str =
    "住み慣れた自宅での生活が続けられるよう、訪問介護・通所介護・訪問看護が連携して支援します。\n\
転倒予防のため、移動時の見守りと下肢筋力の維持を図ります。\n\
食事・水分の摂取量を毎日確認し、脱水と低栄養を予防します。\n\
体調の変化があるときは訪問看護と主治医(みどり内科クリニック)に速やかにつなぎます。\n\
緊急連絡先:長女 佐藤美咲様、長男 山本健太様。";

const OTHER_SERVICES: &str = "福祉用具貸与(歩行器・ベッド用手すり):あおば福祉用具 継続\n\
みどり内科クリニック 月1回受診(長男付き添い)\n\
長女による毎日の電話、長男による週末の訪問・買い物";

const NEEDS: &[NeedRow] = &[
    NeedRow {
        need: "足腰が弱くなり転倒が不安だが、家の中を安全に移動し、トイレには自分で行きたい。",
        long_goal: "転倒することなく、歩行器を使って自宅内を安全に移動できる。",
        short_goals: &[
            ShortRow {
                goal: "見守りのもと、歩行器でトイレまで移動できる。",
                services: &[
                    ServiceRow {
                        content: "移動・排泄時の見守り、声掛け、排泄介助",
                        insured: true,
                        kind: "訪問介護(身体介護)",
                        provider: HOME_HELP,
                        frequency: "毎日",
                    },
                    ServiceRow {
                        content: "機能訓練(平行棒内歩行・立ち上がり訓練・下肢筋力訓練)",
                        insured: true,
                        kind: "通所介護",
                        provider: DAY_SERVICE,
                        frequency: "週2回(火・木)",
                    },
                ],
            },
            ShortRow {
                goal: "夜間のトイレでふらつかずに移動できる。",
                services: &[
                    ServiceRow {
                        content: "ポータブルトイレの設置と夜間の使い方の確認、ベッド周囲の環境整備",
                        insured: true,
                        kind: "訪問介護(身体介護)",
                        provider: HOME_HELP,
                        frequency: "毎日(夕)",
                    },
                    ServiceRow {
                        content: "歩行器・ベッド用手すりの貸与",
                        insured: true,
                        kind: "福祉用具貸与",
                        provider: "あおば福祉用具",
                        frequency: "継続",
                    },
                ],
            },
        ],
    },
    NeedRow {
        need: "食事や水分が不足しがちなので、しっかり食べて体力を落とさないようにしたい。",
        long_goal: "必要な食事と水分をとり、体重(46kg前後)を維持できる。",
        short_goals: &[
            ShortRow {
                goal: "1日に1,000ml以上の水分がとれる。",
                services: &[
                    ServiceRow {
                        content: "食事の準備・配膳、摂取の見守り、水分摂取の声掛け",
                        insured: true,
                        kind: "訪問介護(身体介護)",
                        provider: HOME_HELP,
                        frequency: "毎日",
                    },
                    ServiceRow {
                        content: "昼食の提供(軟菜・一口大)、摂取量の確認",
                        insured: true,
                        kind: "通所介護",
                        provider: DAY_SERVICE,
                        frequency: "週2回(火・木)",
                    },
                    ServiceRow {
                        content: "電話での声掛け・見守り、水分摂取の声掛け",
                        insured: false,
                        kind: "家族(長女)",
                        provider: "長女 佐藤美咲",
                        frequency: "毎日",
                    },
                ],
            },
            ShortRow {
                goal: "むせずに食事ができる。",
                services: &[ServiceRow {
                    content: "健康状態の確認、嚥下状態の観察、食事形態・とろみの助言",
                    insured: true,
                    kind: "訪問看護",
                    provider: HOME_NURSING,
                    frequency: "週1回(水)",
                }],
            },
        ],
    },
    NeedRow {
        need: "一人でお風呂に入るのは不安だが、体を清潔に保ちたい。",
        long_goal: "安全に入浴し、皮膚の清潔を保つことができる。",
        short_goals: &[
            ShortRow {
                goal: "週2回、安全に入浴できる。",
                services: &[ServiceRow {
                    content: "入浴介助(洗身・洗髪の一部介助)、皮膚状態の観察",
                    insured: true,
                    kind: "通所介護",
                    provider: DAY_SERVICE,
                    frequency: "週2回(火・木)",
                }],
            },
            ShortRow {
                goal: "床ずれや皮膚のトラブルを起こさない。",
                services: &[
                    ServiceRow {
                        content: "皮膚の観察、保湿・除圧の指導、異常時の主治医への報告",
                        insured: true,
                        kind: "訪問看護",
                        provider: HOME_NURSING,
                        frequency: "週1回(水)",
                    },
                    ServiceRow {
                        content: "排泄介助時の皮膚の観察、異常時の報告",
                        insured: true,
                        kind: "訪問介護(身体介護)",
                        provider: HOME_HELP,
                        frequency: "毎日",
                    },
                ],
            },
        ],
    },
];

/// 第3表: (weekday 0 = 月曜, start, end, content). The evening visit of
/// every day is added from `EVENING_VISIT`.
#[rustfmt::skip]
const WEEKLY: &[(u8, u32, u32, &str)] = &[
    (0, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (2, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (4, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (1, hm(9, 30), hm(16, 0), "通所介護(入浴・機能訓練・昼食)"),
    (3, hm(9, 30), hm(16, 0), "通所介護(入浴・機能訓練・昼食)"),
    (2, hm(14, 0), hm(14, 45), "訪問看護(健康管理)"),
    (5, hm(11, 30), hm(12, 30), "訪問介護(身体介護:昼食・排泄)"),
    (6, hm(11, 30), hm(12, 30), "訪問介護(身体介護:昼食・排泄)"),
];
const EVENING_VISIT: (u32, u32, &str) = (
    hm(17, 30),
    hm(18, 30),
    "訪問介護(身体介護:夕食・服薬・就寝準備)",
);

/// 第3表: 主な日常生活上の活動.
const DAILY: &[(u32, &str)] = &[
    (hm(7, 0), "起床"),
    (hm(8, 30), "朝食・服薬"),
    (hm(12, 0), "昼食"),
    (hm(15, 0), "おやつ・水分補給"),
    (hm(18, 0), "夕食・服薬"),
    (hm(21, 0), "就寝"),
];

fn care_plan(cast: &Cast, today: NaiveDate, now: DateTime<Utc>) -> Result<NewCarePlan, DbError> {
    // The plan took effect on the 1st two months ago: its 3-month short goals
    // run to the end of this month, so they are current whatever `now` is.
    let this_month = today
        .with_day(1)
        .ok_or_else(|| invalid("plan date", today))?;
    let plan_from = this_month
        .checked_sub_months(Months::new(2))
        .ok_or_else(|| invalid("plan date", today))?;
    let short = valid(
        "short period",
        Period::parse(
            Field::GoalPeriod,
            plan_from,
            days_before(months_after(plan_from, 3)?, 1)?,
        ),
    )?;
    let long = valid(
        "long period",
        Period::parse(
            Field::GoalPeriod,
            plan_from,
            days_before(months_after(plan_from, 6)?, 1)?,
        ),
    )?;
    // 認定の有効期間: a 12-month renewal that began two months before the plan.
    let cert_from = plan_from
        .checked_sub_months(Months::new(2))
        .ok_or_else(|| invalid("certification", plan_from))?;
    let certification = valid(
        "certification",
        Period::parse(
            Field::CertificationPeriod,
            cert_from,
            days_before(months_after(cert_from, 12)?, 1)?,
        ),
    )?;

    let mut needs = Vec::with_capacity(NEEDS.len());
    for n in NEEDS {
        let mut short_goals = Vec::with_capacity(n.short_goals.len());
        for s in n.short_goals {
            let services = s
                .services
                .iter()
                .map(|l| {
                    Ok(ServiceLine {
                        content: valid("service", ServiceContent::parse(l.content))?,
                        insured: l.insured,
                        kind: valid("service kind", ServiceKindText::parse(l.kind))?,
                        provider_name: l.provider.to_string(),
                        frequency: valid("frequency", Frequency::parse(l.frequency))?,
                        period: short,
                    })
                })
                .collect::<Result<Vec<_>, DbError>>()?;
            short_goals.push(ShortGoal {
                goal: valid("short goal", GoalText::parse(s.goal))?,
                period: short,
                services,
            });
        }
        needs.push(Need {
            need: valid("need", NeedText::parse(n.need))?,
            long_goals: vec![LongGoal {
                goal: valid("long goal", GoalText::parse(n.long_goal))?,
                period: long,
                short_goals,
            }],
        });
    }

    let (evening_start, evening_end, evening) = EVENING_VISIT;
    let evenings = (0..7).map(|wd| (wd, evening_start, evening_end, evening));
    let weekly = WEEKLY
        .iter()
        .copied()
        .chain(evenings)
        .map(|(weekday, start, end, content)| {
            let start = valid(
                "slot",
                MinuteOfDay::new(Field::WeeklySlot, i64::from(start)),
            )?;
            let end = valid("slot", MinuteOfDay::new(Field::WeeklySlot, i64::from(end)))?;
            valid("slot", WeeklySlot::new(weekday, start, end, content))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let daily_activities = DAILY
        .iter()
        .map(|&(at, activity)| {
            Ok(DailyActivity {
                at: valid(
                    "activity",
                    MinuteOfDay::new(Field::WeeklySlot, i64::from(at)),
                )?,
                activity: activity.to_string(),
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;

    Ok(NewCarePlan {
        recipient: cast.recipient,
        author: cast.cm.person,
        created_at: valid(
            "plan time",
            OccurredAt::parse(jst_at(plan_from, hm(10, 0))?, now),
        )?,
        table1: Table1 {
            care_level: CareLevel::Care2,
            certification,
            intention: valid("intention", PlanIntention::parse(INTENTION))?,
            policy: valid("policy", PlanPolicy::parse(POLICY))?,
        },
        needs,
        weekly,
        daily_activities,
        other_services: OTHER_SERVICES.to_string(),
        class: InfoClass::Living,
    })
}

/// The plan before this one (version 1, three months earlier): 通所介護 once
/// a week, no 訪問看護 yet — her swallowing was not a worry then — and her
/// son's wish not yet written down. The current plan changes exactly that,
/// so 「前のプランから変わったところ」 has something to show.
fn first_plan(current: &NewCarePlan) -> Result<NewCarePlan, DbError> {
    const NURSING: &str = "訪問看護";
    let mut p = current.clone();
    p.created_at = OccurredAt::from_millis(current.created_at.millis() - 91 * 24 * 60 * 60 * 1000);
    let wishes: Vec<&str> = INTENTION
        .lines()
        .filter(|l| !l.starts_with("長男"))
        .collect();
    p.table1.intention = valid("intention", PlanIntention::parse(&wishes.join("\n")))?;
    for need in &mut p.needs {
        for long in &mut need.long_goals {
            long.short_goals
                .retain(|s| !s.services.iter().all(|l| l.kind.as_str() == NURSING));
            for short in &mut long.short_goals {
                short.services.retain(|l| l.kind.as_str() != NURSING);
                for line in &mut short.services {
                    if line.frequency.as_str() == "週2回(火・木)" {
                        line.frequency = valid("frequency", Frequency::parse("週1回(火)"))?;
                    }
                }
            }
        }
    }
    // 木曜の通所介護 and 水曜の訪問看護 came with the current plan.
    p.weekly
        .retain(|s| !(s.weekday == 3 || s.content.starts_with(NURSING)));
    Ok(p)
}

// ---------------------------------------------------------------------------
// 92 days of records and vital signs.

/// Days of records, ending on today (JST).
const DAYS: usize = 92;
/// Fixed so the same `now` always gives the same household.
const SEED: u64 = 0x5941_4d41_4d4f_544f;

// What care staff write, in their own shorthand. Templates are picked at
// random (seeded); the numbers come from the structured values beside them.

const MEAL_TAILS: &[&str] = &[
    "嚥下状態良好 むせ込みなし",
    "自力摂取 見守りにて",
    "声掛けにて摂取進む",
    "お茶でむせ込み1回あり とろみ付与にて摂取",
    "食事中傾眠あり 声掛けにて覚醒し摂取再開",
    "「おいしい」と笑顔あり",
    "配膳・セッティングのみで自力摂取",
];

const DAY_SERVICE_MEAL_TAILS: &[&str] = &[
    "軟菜・一口大にて提供 むせ込みなし",
    "他利用者と談笑しながら自力摂取",
    "嚥下状態良好 むせ込みなし",
    "汁物薄とろみにて提供 むせ込みなし",
    "食後お茶おかわり希望あり",
];

const DINNER_TAILS: &[&str] = &[
    "嚥下状態良好 むせ込みなし",
    "自力摂取 見守りにて",
    "長女より電話あり 会話後摂取",
    "副食の煮物好まれる",
    "声掛けにて摂取進む",
    "食後ソファにて休息",
];

const MORNING_MEDICATION: &[&str] = &[
    "朝食後薬 服薬介助 残薬なし",
    "朝食後薬 お薬カレンダーより取り出し服薬介助 飲み込みまで確認",
    "服薬介助 残薬なし",
];

const EVENING_MEDICATION: &[&str] = &[
    "夕食後薬 服薬確認 残薬なし",
    "夕食後薬 服薬介助 飲み込みまで確認",
    "夕食後薬 服薬介助 とろみ水にて内服",
];

const MORNING_ORAL_CARE: &[&str] = &[
    "口腔ケア実施 義歯洗浄",
    "口腔ケア 声掛けにて自身で歯みがき 義歯洗浄は介助",
    "口腔内食物残渣なし 義歯洗浄",
];

const EVENING_ORAL_CARE: &[&str] = &[
    "就寝前 義歯外し洗浄剤に浸漬",
    "口腔ケア実施 義歯洗浄 うがい自立",
    "口腔ケア実施 義歯洗浄",
];

const SLEEP: &[&str] = &[
    "夜間良眠と本人より",
    "21時臥床 夜間良眠とのこと",
    "夜間トイレ2回 P-トイレ使用 その後入眠と本人より",
    "夜間覚醒あり「あまり眠れなかった」と本人より",
    "21時臥床 夜間良眠 起床時ふらつきなし",
];

/// (kind, count, 性状, note).
#[rustfmt::skip]
const EXCRETIONS: &[(ExcretionKind, i64, &str, &str)] = &[
    (ExcretionKind::Urine, 1, "", "P-トイレにて排尿あり"),
    (ExcretionKind::Urine, 1, "", "トイレ誘導にて排尿(+) 歩行器使用 見守りにて移動"),
    (ExcretionKind::Urine, 1, "", "リハパン交換 尿汚染少量あり 陰部清拭実施"),
    (ExcretionKind::Urine, 1, "", "P-トイレ内尿廃棄・洗浄"),
    (ExcretionKind::Both, 2, "普通便", "トイレにて排尿(+) 排便(+) 普通便 中等量"),
    (ExcretionKind::Stool, 1, "普通便", "排便(+) 普通便"),
    (ExcretionKind::Stool, 1, "軟便", "排便(+) 軟便少量"),
];

const HOME_TAILS: &[&str] = &[
    "特変なし",
    "特変なし 表情穏やか",
    "臥床傾向",
    "傾眠傾向あり 声掛けにて覚醒",
    "室内歩行器使用 ふらつきなし",
    "洗濯物たたみ一緒に実施 笑顔あり",
    "「今日は調子がいい」と本人より",
    "下肢浮腫なし 特変なし",
];

const DAY_SERVICE_TAILS: &[&str] = &[
    "機能訓練(平行棒内歩行・下肢筋力訓練)実施",
    "レク(風船バレー)参加 笑顔見られる",
    "W/C移乗 見守りにて実施",
    "午後傾眠傾向 ソファにて休息",
    "他利用者と談笑 穏やかに過ごされる",
    "機能訓練(立ち上がり訓練10回×2セット)実施 疲労感なし",
    "書道レク参加 「楽しかった」と",
];

const BATH_NOTES: &[&str] = &[
    "一般浴 見守りにて実施",
    "一般浴 洗身一部介助 洗髪実施",
    "一般浴 洗身一部介助 入浴後爪切り実施",
];

const SHOWER_NOTES: &[&str] = &["シャワー浴", "シャワー浴 洗髪実施"];

/// What the bath shows of her skin on an ordinary day.
const SKIN_NOTES: &[&str] = &[
    "皮膚状態異常なし",
    "皮膚状態異常なし",
    "下肢乾燥あり 保湿剤塗布",
];

const WEEKEND_TAILS: &[&str] = &[
    "特変なし 長男来訪中",
    "冷蔵庫内確認 賞味期限切れ食品処分",
    "室内歩行器使用 ふらつきなし",
    "長女より電話あり 本人笑顔で会話",
    "臥床傾向 離床促すも「疲れた」と",
    "特変なし",
];

const EVENING_TAILS: &[&str] = &[
    "戸締り・火の元確認 退室",
    "就寝準備 更衣介助 ベッド周囲整理",
    "ポータブルトイレ設置 夜間使用方法再確認",
    "21時臥床予定 電話・リモコンを手の届く位置に設置",
];

const NURSE_TAILS: &[&str] = &[
    "肺音清明 下肢浮腫なし 内服管理確認",
    "腹部蠕動音良好 排便コントロール良好",
    "両下腿軽度浮腫あり 下肢挙上指導",
    "皮膚乾燥あり 保湿剤塗布",
    "お薬カレンダーセット(1週間分) 残薬なし",
    "嚥下状態良好 水分は薄とろみにて摂取良好",
];
const NURSE_HIGH_BP: &str = "血圧やや高め 塩分を控えるよう指導 主治医へ報告予定";

const MONITORING: &[&str] = &[
    "モニタリング訪問 サービス利用状況良好 本人「デイに行くのが楽しみ」 プラン継続",
    "モニタリング訪問 本人・長男と面談 体調安定 現プラン継続",
    "モニタリング訪問 水分摂取量やや少なめ 各事業所へ声掛け継続を依頼 プラン継続",
];

// The few days that stand out.
const FALL_RISK: &str = "起床時ふらつきあり 転倒リスク高 室内移動時の見守り強化 CMへ報告";
const CM_FALL_RISK: &str =
    "HHより起床時ふらつきの報告あり 長女へ電話にて報告 ベッド用手すりの追加を福祉用具事業所と検討";
const FEVER: &str = "微熱あり 倦怠感の訴えあり クーリング実施 水分摂取促す Ns・CMへ報告済";
const FEVER_MEAL: &str = "食欲低下 「食べたくない」と本人 水分摂取促す";
const FEVER_DINNER: &str = "食欲やや回復 水分摂取促す";
const FEVER_EVENING: &str = "夕方 解熱傾向 倦怠感軽減 水分摂取促す 長女へ電話にて報告";
const FEVER_BED_BATH: &str = "微熱後のため入浴中止 清拭実施 皮膚状態異常なし";
const NURSE_FEVER_DAY: &str =
    "午前BT37.6の報告あり 解熱傾向 肺音清明 脱水傾向 経口補水液摂取促す 主治医へ報告";
const NURSE_AFTER_FEVER: &str = "前回訪問後に微熱(37.6)あり 現在解熱 肺音清明 脱水所見なし";
const LEG_PAIN: &str = "HH訪問時 本人「足が痛い」と訴えあり 右膝腫脹・熱感なし CMへ連絡";
const CM_LEG_PAIN: &str = "HHより右膝痛の訴えの報告あり 長男へ連絡 次回受診時に主治医へ相談予定";
const REDNESS_FOUND: &str = "一般浴 洗身一部介助 仙骨部発赤あり(2×2cm) 圧迫にて消退せず Ns報告済";
const NURSE_REDNESS: &str =
    "仙骨部 d1 発赤2×2cm 体位変換2時間毎・保湿指導 除圧クッション導入をCMへ提案";
const NURSE_REDNESS_BETTER: &str = "仙骨部 d1 発赤1×1cm 縮小傾向 体位変換・保湿継続";
/// チーム内 only: family matters 本人 and family do not see.
const FAMILY_CONFLICT: &str = "長女・長男間で今後の施設入所について意見の相違あり(長女:入所検討 長男:在宅継続希望) 本人の前では話題にしないよう各事業所へ依頼";
const MONEY_TROUBLE: &str = "長男より電話 本人の年金管理をめぐり長女と口論になったとのこと 本人不安そうな様子あり 言動の変化あれば報告するよう各事業所へ依頼";

/// How the 仙骨部発赤 reads `days` after it was found, improving over a week.
fn sacrum_note(days: Option<usize>) -> &'static str {
    match days {
        Some(0) => "仙骨部発赤 Ns・CMへ報告済",
        Some(1..=3) => "仙骨部発赤持続 保湿剤塗布",
        Some(4..=6) => "仙骨部発赤 縮小傾向(1×1cm)",
        Some(7..=8) => "仙骨部発赤消失",
        _ => "",
    }
}

/// An observation: vital numbers, the usual remark, and any finding. A
/// remark of 「特変なし」 (nothing unusual) is dropped when there is one.
fn with_finding(vitals: &str, remark: &str, finding: &str) -> String {
    if !finding.is_empty() && remark.contains("特変なし") {
        join(&[vitals, finding])
    } else {
        join(&[vitals, remark, finding])
    }
}

/// Day indexes (0 = first day of the window) of the noteworthy events, each
/// moved to a weekday when the right visit happens.
#[derive(Debug, Clone, Copy)]
struct Events {
    fall_risk: usize,
    family_conflict: usize,
    fever: usize,
    leg_pain: usize,
    redness: usize,
    money_trouble: usize,
}

const HOME_MORNINGS: &[Weekday] = &[Weekday::Mon, Weekday::Wed, Weekday::Fri];
const DAY_SERVICE_DAYS: &[Weekday] = &[Weekday::Tue, Weekday::Thu];

impl Events {
    fn place(start: NaiveDate) -> Self {
        let on = |from: usize, days: &[Weekday]| {
            (from..from + 7)
                .find(|&i| {
                    start
                        .checked_add_days(Days::new(i as u64))
                        .is_some_and(|d| days.contains(&d.weekday()))
                })
                .unwrap_or(from)
        };
        Self {
            fall_risk: on(20, HOME_MORNINGS),
            family_conflict: on(33, &[Weekday::Mon]),
            fever: on(40, HOME_MORNINGS),
            leg_pain: on(52, HOME_MORNINGS),
            // Found in the bath at the day service.
            redness: on(62, DAY_SERVICE_DAYS),
            money_trouble: on(72, &[Weekday::Fri]),
        }
    }
}

struct DayCtx {
    index: usize,
    date: NaiveDate,
    weekday: Weekday,
    since_fever: Option<usize>,
    since_redness: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Intake {
    staple: i64,
    side: i64,
    fluid: i64,
}

impl Intake {
    /// A usual meal; fluid in 50 ml steps.
    fn draw(rng: &mut StdRng, fluid_steps: std::ops::RangeInclusive<i64>) -> Self {
        let staple = rng.gen_range(6..=10);
        let side = rng.gen_range(5..=10);
        Self {
            staple,
            side,
            fluid: rng.gen_range(fluid_steps) * 50,
        }
    }

    /// Always names 主食 in 割: the family view and its browser test look for it.
    fn note(&self, label: &str, tail: &str) -> String {
        let amounts = format!(
            "{label} 主食{}割摂取 副食{}割 水分{}ml",
            self.staple, self.side, self.fluid
        );
        join(&[&amounts, tail])
    }

    fn body(&self) -> Result<RecordBody, DbError> {
        Ok(RecordBody::Meal {
            staple: Some(valid(
                "staple",
                Wari::new(Field::StapleIntake, self.staple),
            )?),
            side: Some(valid("side", Wari::new(Field::SideIntake, self.side))?),
            fluid: Some(valid("fluid", FluidMl::new(self.fluid))?),
        })
    }
}

/// One measurement session, as numbers first so the same values can go
/// into both the vital-signs row and the staff's note.
#[derive(Debug, Clone, Copy)]
struct Reading {
    temperature: i64,
    systolic: i64,
    diastolic: i64,
    pulse: i64,
    spo2: i64,
    respiratory_rate: Option<i64>,
    weight: Option<i64>,
    height: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Morning,
    Afternoon,
}

impl Reading {
    /// Usual values for her: an 84-year-old on one blood-pressure drug.
    fn draw(rng: &mut StdRng, slot: Slot, with_respiration: bool) -> Self {
        let temperature = match slot {
            Slot::Morning => rng.gen_range(359..=368),
            Slot::Afternoon => rng.gen_range(362..=370),
        };
        let systolic = rng.gen_range(125..=155);
        let diastolic = rng.gen_range(65..=88);
        let pulse = rng.gen_range(62..=88);
        let spo2 = rng.gen_range(94..=98);
        let respiratory_rate = with_respiration.then(|| rng.gen_range(14..=20));
        Self {
            temperature,
            systolic,
            diastolic,
            pulse,
            spo2,
            respiratory_rate,
            weight: None,
            height: None,
        }
    }

    /// The fever day (37.6 in the morning) and the day after.
    fn for_day(rng: &mut StdRng, d: &DayCtx, slot: Slot, with_respiration: bool) -> Self {
        let mut r = Self::draw(rng, slot, with_respiration);
        match (d.since_fever, slot) {
            (Some(0), Slot::Morning) => {
                r.temperature = 376;
                r.pulse = 88;
                r.spo2 = 95;
            }
            (Some(0), Slot::Afternoon) => r.temperature = 372,
            (Some(1), _) => r.temperature = r.temperature.clamp(366, 369),
            _ => {}
        }
        r
    }

    /// As staff write it: 「BT36.8 BP142/78 P72 SpO2 96%」.
    fn text(&self) -> String {
        let tenths = |t: i64| format!("{}.{}", t / 10, t % 10);
        let mut s = format!(
            "BT{} BP{}/{} P{} SpO2 {}%",
            tenths(self.temperature),
            self.systolic,
            self.diastolic,
            self.pulse,
            self.spo2
        );
        if let Some(rr) = self.respiratory_rate {
            s.push_str(&format!(" R{rr}"));
        }
        if let Some(w) = self.weight {
            s.push_str(&format!(" 体重{}kg", tenths(w)));
        }
        if let Some(h) = self.height {
            s.push_str(&format!(" 身長{}cm", tenths(h)));
        }
        s
    }

    fn signs(&self) -> Result<VitalSigns, DbError> {
        Ok(VitalSigns {
            temperature: Some(valid(
                "temperature",
                BodyTemperature::from_tenths(self.temperature),
            )?),
            blood_pressure: Some(valid(
                "blood pressure",
                BloodPressure::new(self.systolic, self.diastolic),
            )?),
            pulse: Some(valid("pulse", Pulse::new(self.pulse))?),
            spo2: Some(valid("spo2", Spo2::new(self.spo2))?),
            respiratory_rate: valid(
                "respiratory rate",
                self.respiratory_rate.map(RespiratoryRate::new).transpose(),
            )?,
            weight: valid("weight", self.weight.map(Weight::from_tenths).transpose())?,
            height: valid("height", self.height.map(Height::from_tenths).transpose())?,
        })
    }
}

/// What the day service has already done: the monthly weighing (it has
/// the scale), the one height measurement, the 清拭 after the fever.
#[derive(Default)]
struct DayServiceLog {
    weighed_month: Option<u32>,
    height_done: bool,
    bed_bath_done: bool,
}

#[derive(Debug, Default)]
struct Generated {
    records: Vec<NewCareRecord>,
    vitals: Vec<NewVitals>,
    /// When the nurse first assessed the 仙骨部発赤 (for 褥瘡の処置).
    redness_assessed: Option<DateTime<Utc>>,
}

/// Collects the rows of one day at a time, dropping any slot after `now`.
struct Sink {
    recipient: RecipientId,
    now: DateTime<Utc>,
    day: NaiveDate,
    out: Generated,
}

impl Sink {
    /// None when the slot is still in the future: nothing is written ahead.
    fn at(&self, minute: u32) -> Result<Option<OccurredAt>, DbError> {
        let at = jst_at(self.day, minute)?;
        if at > self.now {
            return Ok(None);
        }
        valid("time", OccurredAt::parse(at, self.now)).map(Some)
    }

    fn write(
        &mut self,
        by: Staff,
        minute: u32,
        body: RecordBody,
        note: &str,
        class: InfoClass,
        team_only: bool,
    ) -> Result<(), DbError> {
        let Some(occurred_at) = self.at(minute)? else {
            return Ok(());
        };
        let record = NewCareRecord {
            recipient: self.recipient,
            provider: by.provider,
            author: by.person,
            occurred_at,
            body,
            note: valid("note", RecordNote::parse(note))?,
            class,
            team_only,
        };
        self.out
            .records
            .push(valid("record", record.check_complete())?);
        Ok(())
    }

    fn living(
        &mut self,
        by: Staff,
        minute: u32,
        body: RecordBody,
        note: &str,
    ) -> Result<(), DbError> {
        self.write(by, minute, body, note, InfoClass::Living, false)
    }

    /// A note that carries vital numbers or a nurse's assessment is health
    /// data, so it is classed like the vital signs themselves.
    fn medical(&mut self, by: Staff, minute: u32, note: &str) -> Result<(), DbError> {
        self.write(
            by,
            minute,
            RecordBody::Observation,
            note,
            InfoClass::Medical,
            false,
        )
    }

    fn meal(
        &mut self,
        by: Staff,
        minute: u32,
        label: &str,
        intake: Intake,
        tail: &str,
    ) -> Result<(), DbError> {
        self.living(by, minute, intake.body()?, &intake.note(label, tail))
    }

    fn excretion(&mut self, by: Staff, minute: u32, rng: &mut StdRng) -> Result<(), DbError> {
        let i = rng.gen_range(0..EXCRETIONS.len());
        let Some(&(kind, count, character, note)) = EXCRETIONS.get(i) else {
            return Ok(());
        };
        let body = RecordBody::Excretion {
            kind,
            count: Some(valid("excretion count", ExcretionCount::new(count))?),
            character: character.to_string(),
        };
        self.living(by, minute, body, note)
    }

    fn vitals(&mut self, by: Staff, minute: u32, r: &Reading) -> Result<(), DbError> {
        let Some(measured_at) = self.at(minute)? else {
            return Ok(());
        };
        self.out.vitals.push(NewVitals {
            recipient: self.recipient,
            provider: by.provider,
            measured_by: by.person,
            measured_at,
            vitals: r.signs()?,
            class: InfoClass::Medical,
            team_only: false,
        });
        Ok(())
    }
}

/// Builds every record and measurement of the 92 days ending today (JST).
/// Pure and seeded: the same cast and `now` give the same rows.
fn generate(cast: &Cast, now: DateTime<Utc>) -> Result<Generated, DbError> {
    let today = jst_today(now);
    let start = days_before(today, DAYS as u64 - 1)?;
    let events = Events::place(start);
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut log = DayServiceLog::default();
    let mut sink = Sink {
        recipient: cast.recipient,
        now,
        day: start,
        out: Generated::default(),
    };

    for (index, date) in start.iter_days().take(DAYS).enumerate() {
        sink.day = date;
        let d = DayCtx {
            index,
            date,
            weekday: date.weekday(),
            since_fever: index.checked_sub(events.fever),
            since_redness: index.checked_sub(events.redness),
        };
        // Each day's first record is its breakfast or lunch: whichever day
        // the family opens, it shows how much she ate.
        match d.weekday {
            Weekday::Mon | Weekday::Wed | Weekday::Fri => {
                home_morning(&mut sink, &mut rng, cast, &d, &events)?
            }
            Weekday::Tue | Weekday::Thu => day_service(&mut sink, &mut rng, cast, &d, &mut log)?,
            Weekday::Sat | Weekday::Sun => weekend_lunch(&mut sink, &mut rng, cast, &d)?,
        }
        if d.weekday == Weekday::Wed {
            nurse_visit(&mut sink, &mut rng, cast, &d)?;
        }
        care_manager(&mut sink, &mut rng, cast, &d, &events)?;
        home_evening(&mut sink, &mut rng, cast, &d)?;
    }
    Ok(sink.out)
}

/// 訪問介護 月・水・金 8:30–9:30: 朝食, 服薬, 排泄, 口腔ケア.
fn home_morning(
    s: &mut Sink,
    rng: &mut StdRng,
    cast: &Cast,
    d: &DayCtx,
    ev: &Events,
) -> Result<(), DbError> {
    let who = if d.weekday == Weekday::Fri {
        cast.takahashi
    } else {
        cast.suzuki
    };
    let fever = d.since_fever == Some(0);
    let (intake, tail) = if fever {
        let low = Intake {
            staple: 3,
            side: 3,
            fluid: 150,
        };
        (low, FEVER_MEAL)
    } else {
        (Intake::draw(rng, 3..=5), pick(rng, MEAL_TAILS))
    };
    s.meal(who, hm(8, 30) + rng.gen_range(3..=10), "朝食", intake, tail)?;
    let meds = pick(rng, MORNING_MEDICATION);
    s.living(
        who,
        hm(8, 55) + rng.gen_range(0..=4),
        RecordBody::Medication,
        meds,
    )?;
    let reading = Reading::for_day(rng, d, Slot::Morning, false);
    s.vitals(who, hm(9, 0) + rng.gen_range(0..=6), &reading)?;
    s.excretion(who, hm(9, 8) + rng.gen_range(0..=3), rng)?;
    let oral = pick(rng, MORNING_ORAL_CARE);
    s.living(who, hm(9, 14), RecordBody::OralCare, oral)?;
    let sleep = pick(rng, SLEEP);
    s.living(who, hm(9, 17), RecordBody::Sleep, sleep)?;
    let tail = if fever {
        FEVER
    } else if d.index == ev.fall_risk {
        FALL_RISK
    } else if d.index == ev.leg_pain {
        LEG_PAIN
    } else {
        pick(rng, HOME_TAILS)
    };
    let note = with_finding(&reading.text(), tail, sacrum_note(d.since_redness));
    s.medical(who, hm(9, 20) + rng.gen_range(0..=6), &note)
}

/// 通所介護 火・木 9:30–16:00: 昼食, 入浴, 機能訓練.
fn day_service(
    s: &mut Sink,
    rng: &mut StdRng,
    cast: &Cast,
    d: &DayCtx,
    log: &mut DayServiceLog,
) -> Result<(), DbError> {
    let who = cast.day_staff;
    let with_respiration = rng.gen_bool(0.3);
    let mut arrival = Reading::for_day(rng, d, Slot::Morning, with_respiration);
    let month = d.date.month();
    if log.weighed_month != Some(month) {
        log.weighed_month = Some(month);
        // About 46 kg, a little lower after the fever week.
        let dip = if d.since_fever.is_some() { 4 } else { 0 };
        arrival.weight = Some(462 + rng.gen_range(-3..=3) - dip);
        if !log.height_done {
            log.height_done = true;
            arrival.height = Some(1480);
        }
    }
    s.vitals(who, hm(9, 45) + rng.gen_range(0..=7), &arrival)?;

    let lunch = Intake::draw(rng, 4..=6);
    let tail = pick(rng, DAY_SERVICE_MEAL_TAILS);
    s.meal(who, hm(12, 0) + rng.gen_range(0..=8), "昼食", lunch, tail)?;

    // 清拭 instead of a bath on the first day-service day after the fever.
    let after_fever = matches!(d.since_fever, Some(1..=4)) && !log.bed_bath_done;
    let (kind, bath) = if after_fever {
        log.bed_bath_done = true;
        (BathKind::BedBath, FEVER_BED_BATH.to_string())
    } else if d.since_redness == Some(0) {
        (BathKind::Bath, REDNESS_FOUND.to_string())
    } else {
        let (kind, base) = if rng.gen_bool(0.75) {
            (BathKind::Bath, pick(rng, BATH_NOTES))
        } else {
            (BathKind::Shower, pick(rng, SHOWER_NOTES))
        };
        let skin = match sacrum_note(d.since_redness) {
            "" => pick(rng, SKIN_NOTES),
            redness => redness,
        };
        (kind, join(&[base, skin]))
    };
    s.living(
        who,
        hm(13, 30) + rng.gen_range(0..=10),
        RecordBody::Bathing { kind },
        &bath,
    )?;

    let redness = match d.since_redness {
        // The bath note already says it was found; here, who was told.
        Some(0) => "Ns・CMへ報告済 長女へ電話連絡",
        other => sacrum_note(other),
    };
    let note = join(&[
        "来所時",
        &arrival.text(),
        pick(rng, DAY_SERVICE_TAILS),
        redness,
    ]);
    s.medical(who, hm(15, 0) + rng.gen_range(0..=8), &note)?;

    let leaving = Reading::for_day(rng, d, Slot::Afternoon, false);
    s.vitals(who, hm(15, 30) + rng.gen_range(0..=6), &leaving)
}

/// 訪問介護 土・日 11:30–12:30: 昼食, 排泄.
fn weekend_lunch(s: &mut Sink, rng: &mut StdRng, cast: &Cast, d: &DayCtx) -> Result<(), DbError> {
    let who = if d.weekday == Weekday::Sat {
        cast.takahashi
    } else {
        cast.suzuki
    };
    let reading = Reading::for_day(rng, d, Slot::Morning, false);
    s.vitals(who, hm(11, 35) + rng.gen_range(0..=5), &reading)?;
    let lunch = Intake::draw(rng, 4..=5);
    let tail = pick(rng, MEAL_TAILS);
    s.meal(who, hm(11, 45) + rng.gen_range(0..=6), "昼食", lunch, tail)?;
    let sleep = pick(rng, SLEEP);
    s.living(
        who,
        hm(12, 0) + rng.gen_range(0..=3),
        RecordBody::Sleep,
        sleep,
    )?;
    s.excretion(who, hm(12, 5) + rng.gen_range(0..=3), rng)?;
    let tail = pick(rng, WEEKEND_TAILS);
    let note = with_finding(&reading.text(), tail, sacrum_note(d.since_redness));
    s.medical(who, hm(12, 12) + rng.gen_range(0..=5), &note)
}

/// 訪問看護 水 14:00–14:45: 健康管理.
fn nurse_visit(s: &mut Sink, rng: &mut StdRng, cast: &Cast, d: &DayCtx) -> Result<(), DbError> {
    let who = cast.nurse;
    let reading = Reading::for_day(rng, d, Slot::Afternoon, true);
    s.vitals(who, hm(14, 5) + rng.gen_range(0..=5), &reading)?;
    let tail = match (d.since_fever, d.since_redness) {
        (Some(0), _) => NURSE_FEVER_DAY,
        (Some(1..=6), _) => NURSE_AFTER_FEVER,
        (_, Some(1..=3)) => NURSE_REDNESS,
        (_, Some(4..=7)) => NURSE_REDNESS_BETTER,
        _ if reading.systolic >= 148 => NURSE_HIGH_BP,
        _ => pick(rng, NURSE_TAILS),
    };
    let minute = hm(14, 30) + rng.gen_range(0..=8);
    if matches!(d.since_redness, Some(1..=7)) && s.out.redness_assessed.is_none() {
        s.out.redness_assessed = Some(jst_at(d.date, minute)?);
    }
    s.medical(who, minute, &join(&[&reading.text(), tail]))
}

/// ケアマネジャー: monthly monitoring, follow-ups, and the two チーム内 notes.
fn care_manager(
    s: &mut Sink,
    rng: &mut StdRng,
    cast: &Cast,
    d: &DayCtx,
    ev: &Events,
) -> Result<(), DbError> {
    let who = cast.cm;
    let obs = RecordBody::Observation;
    // モニタリング: the first Monday of each month.
    if d.weekday == Weekday::Mon && d.date.day() <= 7 {
        let note = pick(rng, MONITORING);
        s.living(who, hm(14, 30), obs.clone(), note)?;
    }
    if d.index == ev.fall_risk {
        s.living(who, hm(16, 30), obs.clone(), CM_FALL_RISK)?;
    }
    if d.index == ev.leg_pain {
        s.living(who, hm(16, 0), obs.clone(), CM_LEG_PAIN)?;
    }
    if d.index == ev.family_conflict {
        s.write(
            who,
            hm(16, 10),
            obs.clone(),
            FAMILY_CONFLICT,
            InfoClass::Living,
            true,
        )?;
    }
    if d.index == ev.money_trouble {
        s.write(who, hm(16, 40), obs, MONEY_TROUBLE, InfoClass::Living, true)?;
    }
    Ok(())
}

/// 訪問介護 毎日 17:30–18:30: 夕食, 服薬, 就寝準備.
fn home_evening(s: &mut Sink, rng: &mut StdRng, cast: &Cast, d: &DayCtx) -> Result<(), DbError> {
    let who = if d.index.is_multiple_of(3) {
        cast.suzuki
    } else {
        cast.takahashi
    };
    // The second measurement of the day, unless the day service or the
    // nurse already took it this afternoon.
    if !matches!(d.weekday, Weekday::Tue | Weekday::Wed | Weekday::Thu) {
        let reading = Reading::for_day(rng, d, Slot::Afternoon, false);
        s.vitals(who, hm(17, 35) + rng.gen_range(0..=5), &reading)?;
    }
    let fever = d.since_fever == Some(0);
    let (intake, tail) = if fever {
        let some = Intake {
            staple: 5,
            side: 4,
            fluid: 200,
        };
        (some, FEVER_DINNER)
    } else {
        (Intake::draw(rng, 3..=5), pick(rng, DINNER_TAILS))
    };
    s.meal(who, hm(18, 0) + rng.gen_range(0..=8), "夕食", intake, tail)?;
    let meds = pick(rng, EVENING_MEDICATION);
    s.living(
        who,
        hm(18, 22) + rng.gen_range(0..=4),
        RecordBody::Medication,
        meds,
    )?;
    if rng.gen_bool(0.5) {
        s.excretion(who, hm(18, 28) + rng.gen_range(0..=3), rng)?;
    }
    let oral = pick(rng, EVENING_ORAL_CARE);
    s.living(
        who,
        hm(18, 33) + rng.gen_range(0..=3),
        RecordBody::OralCare,
        oral,
    )?;
    let note = if fever {
        Some(FEVER_EVENING)
    } else if rng.gen_bool(0.4) {
        Some(pick(rng, EVENING_TAILS))
    } else {
        None
    };
    match note {
        Some(n) => s.living(
            who,
            hm(18, 40) + rng.gen_range(0..=5),
            RecordBody::Observation,
            n,
        ),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// 医療の情報.

/// The 主治医意見書 asks for home blood pressure under 145 (above the
/// general 135: she is 84); the visiting nurse typed the instruction in.
fn vital_targets(
    cast: &Cast,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<NewVitalTarget>, DbError> {
    let opinion = jst_at(days_before(today, 125)?, hm(11, 0))?;
    let range = valid(
        "target",
        TargetRange::new(TargetKind::Systolic, None, Some(145)),
    )?;
    let doctor = valid("doctor", DoctorName::parse("みどり内科クリニック 医師"))?;
    Ok(vec![NewVitalTarget {
        recipient: cast.recipient,
        kind: TargetKind::Systolic,
        range,
        doctor,
        recorded_by: cast.nurse.person,
        set_at: valid("target time", OccurredAt::parse(opinion, now))?,
    }])
}

fn medical_items(
    cast: &Cast,
    today: NaiveDate,
    now: DateTime<Utc>,
    generated: &Generated,
) -> Result<Vec<NewMedicalItem>, DbError> {
    // Most items were written when the nurse first came, or from the
    // 主治医意見書 at the last certification renewal.
    let nurse_start = jst_at(days_before(today, 195)?, hm(15, 0))?;
    let opinion = jst_at(days_before(today, 125)?, hm(11, 0))?;
    let redness = generated.redness_assessed.unwrap_or(nurse_start);
    let rows = [
        (
            cast.nurse,
            nurse_start,
            MedicalKind::Allergy,
            "サバ(じんましん)",
            "2019年、サバ摂取後に全身のじんましんあり。青魚は提供しないこと(本人・長女より聴取)。",
            None,
        ),
        (
            cast.nurse,
            nurse_start,
            MedicalKind::DrugContraindication,
            "NSAIDs(ロキソプロフェン等)",
            "腎機能低下(eGFR 45)のため主治医より使用禁止の指示あり。疼痛時はアセトアミノフェン(カロナール)を使用。",
            None,
        ),
        (
            cast.nurse,
            nurse_start,
            MedicalKind::FoodTexture,
            "軟菜食・一口大",
            "嚥下調整食分類2021 コード4。主食は軟飯、副食は軟菜を一口大に。汁物・お茶は薄いとろみ(段階1)。",
            Some(DysphagiaCode::Code4),
        ),
        (
            cast.nurse,
            nurse_start,
            MedicalKind::Swallowing,
            "嚥下機能 軽度低下",
            "RSST 3回/30秒。MWST 4点。水分で時々むせ込みあり。食事は座位、顎を引いた姿勢で。一口量を少なめに。",
            None,
        ),
        (
            cast.nurse,
            redness,
            MedicalKind::PressureUlcerCare,
            "仙骨部 発赤(d1)",
            "仙骨部 d1(持続する発赤 2×2cm)。体位変換2時間毎、日中の臥床時間を短く。除圧クッション使用(円座は使用しない)。保湿剤塗布 1日2回。発赤拡大・水疱形成時はNsへ連絡。",
            None,
        ),
        (
            cast.cm,
            opinion,
            MedicalKind::DoctorPlan,
            "転倒・骨折、脱水",
            "転倒・骨折の可能性あり。歩行時は歩行器使用・見守りを。脱水に注意し、こまめな水分摂取を促すこと。血圧は家庭血圧で上145未満を目安に経過観察。(主治医意見書 みどり内科クリニックより)",
            None,
        ),
        (
            cast.cm,
            opinion,
            MedicalKind::History,
            "高血圧症(2010年〜)、腰部脊柱管狭窄症、右大腿骨頸部骨折(2022年 術後)",
            "右大腿骨頸部骨折は2022年に人工骨頭置換術。術後より屋内は歩行器歩行。降圧薬内服中。",
            None,
        ),
    ];
    rows.into_iter()
        .map(|(by, at, kind, title, detail, dysphagia_code)| {
            Ok(NewMedicalItem {
                recipient: cast.recipient,
                author: by.person,
                recorded_at: valid("medical time", OccurredAt::parse(at, now))?,
                kind,
                title: valid("medical title", MedicalTitle::parse(title))?,
                detail: valid("medical detail", MedicalDetail::parse(detail))?,
                dysphagia_code,
                class: InfoClass::Medical,
                team_only: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::jst_day_bounds;
    use std::collections::HashMap;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Result<DateTime<Utc>, DbError> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .ok_or_else(|| invalid("test time", y))
    }

    /// Several presents: before breakfast, midday, evening (all JST), and a
    /// window that crosses a year end.
    fn nows() -> Result<Vec<DateTime<Utc>>, DbError> {
        Ok(vec![
            utc(2026, 11, 23, 22, 0)?, // 07:00 JST
            utc(2026, 11, 24, 3, 0)?,  // 12:00 JST
            utc(2026, 11, 24, 3, 45)?, // 12:45 JST
            utc(2026, 11, 24, 11, 0)?, // 20:00 JST
            utc(2027, 2, 10, 6, 0)?,   // 15:00 JST
        ])
    }

    fn is_daytime_meal_with_amounts(r: &NewCareRecord) -> bool {
        let note = r.note.as_str();
        matches!(
            r.body,
            RecordBody::Meal {
                staple: Some(_),
                ..
            }
        ) && (note.starts_with("朝食") || note.starts_with("昼食"))
            && note.contains("主食")
            && note.contains('割')
    }

    #[test]
    fn every_day_opens_with_a_meal_that_names_the_staple_in_wari() -> Result<(), DbError> {
        for now in nows()? {
            let g = generate(&Cast::new(), now)?;
            let mut by_day: HashMap<NaiveDate, Vec<&NewCareRecord>> = HashMap::new();
            for r in &g.records {
                by_day.entry(r.occurred_at.jst_date()).or_default().push(r);
            }
            let today = jst_today(now);
            let newest_full_day = if now
                .with_timezone(&jst())
                .format("%H:%M")
                .to_string()
                .as_str()
                > "12:30"
            {
                today
            } else {
                days_before(today, 1)?
            };
            let first = days_before(today, DAYS as u64 - 1)?;
            for day in first.iter_days().take_while(|d| *d <= newest_full_day) {
                let records = by_day.get(&day).cloned().unwrap_or_default();
                assert!(
                    records.iter().any(|r| is_daytime_meal_with_amounts(r)
                        && r.occurred_at.hhmm().as_str() <= "12:30"),
                    "{day} has no breakfast/lunch with 主食…割 (now {now})"
                );
            }
            // Whatever day the family opens (the newest with records), its
            // first record is that meal.
            for (day, records) in &by_day {
                let earliest = records.iter().min_by_key(|r| r.occurred_at);
                assert!(
                    earliest.is_some_and(|r| is_daytime_meal_with_amounts(r)),
                    "{day}: first record is not the day's meal"
                );
            }
        }
        Ok(())
    }

    #[test]
    fn nothing_is_written_after_now_and_the_window_is_92_days() -> Result<(), DbError> {
        for now in nows()? {
            let g = generate(&Cast::new(), now)?;
            let now_ms = now.timestamp_millis();
            assert!(g.records.iter().all(|r| r.occurred_at.millis() <= now_ms));
            assert!(g.vitals.iter().all(|v| v.measured_at.millis() <= now_ms));
            let today = jst_today(now);
            let (start, _) = jst_day_bounds(days_before(today, DAYS as u64 - 1)?);
            assert!(g.records.iter().all(|r| r.occurred_at.millis() >= start));
            let days: std::collections::HashSet<_> =
                g.records.iter().map(|r| r.occurred_at.jst_date()).collect();
            assert!(days.len() >= DAYS - 1, "{} days with records", days.len());
        }
        Ok(())
    }

    #[test]
    fn the_same_now_gives_the_same_records() -> Result<(), DbError> {
        let cast = Cast::new();
        let now = utc(2026, 11, 24, 3, 0)?;
        let a = generate(&cast, now)?;
        let b = generate(&cast, now)?;
        assert_eq!(a.records, b.records);
        assert_eq!(a.vitals, b.vitals);
        Ok(())
    }

    #[test]
    fn vitals_are_twice_a_day_with_one_fever_and_a_monthly_weight() -> Result<(), DbError> {
        let now = utc(2026, 11, 24, 14, 59)?; // 23:59 JST: today is complete
        let g = generate(&Cast::new(), now)?;
        assert_eq!(g.vitals.len(), DAYS * 2);
        let fevers: Vec<_> = g
            .vitals
            .iter()
            .filter_map(|v| v.vitals.temperature)
            .filter(|t| t.tenths() >= 375)
            .collect();
        assert_eq!(fevers.len(), 1);
        let weights = g
            .vitals
            .iter()
            .filter(|v| v.vitals.weight.is_some())
            .count();
        assert!((3..=4).contains(&weights), "{weights} weighings");
        let heights = g
            .vitals
            .iter()
            .filter(|v| v.vitals.height.is_some())
            .count();
        assert_eq!(heights, 1);
        Ok(())
    }

    #[test]
    fn two_team_only_notes_and_the_events_are_there() -> Result<(), DbError> {
        let now = utc(2026, 11, 24, 3, 0)?;
        let g = generate(&Cast::new(), now)?;
        assert_eq!(g.records.iter().filter(|r| r.team_only).count(), 2);
        let notes: Vec<&str> = g.records.iter().map(|r| r.note.as_str()).collect();
        for needle in [
            "主食3割",
            "食欲低下",
            "BT37.6",
            "仙骨部発赤あり",
            "仙骨部発赤消失",
            "転倒リスク",
            "清拭実施",
            "「足が痛い」",
        ] {
            assert!(
                notes.iter().any(|n| n.contains(needle)),
                "no note with {needle}"
            );
        }
        assert!(g.redness_assessed.is_some());
        Ok(())
    }

    #[test]
    fn she_is_84_and_the_plan_covers_today() -> Result<(), DbError> {
        for now in nows()? {
            let cast = Cast::new();
            let today = jst_today(now);
            assert_eq!(cast.recipient(today)?.age_on(today), 84);
            let plan = care_plan(&cast, today, now)?;
            let cert = plan.table1.certification;
            assert!(cert.contains(today));
            assert_eq!(plan.needs.len(), 3);
            for need in &plan.needs {
                for long in &need.long_goals {
                    for short in &long.short_goals {
                        assert!(short.period.contains(today));
                        assert!(!short.services.is_empty());
                    }
                }
            }
            assert!(plan.created_at.millis() <= now.timestamp_millis());
            let g = generate(&cast, now)?;
            assert_eq!(medical_items(&cast, today, now, &g)?.len(), 7);
            assert_eq!(cast.members()?.len(), 8);
        }
        Ok(())
    }
}
