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

use super::db::{self, Db, DbError};
use crate::domain::care_plan::{
    DailyActivity, Frequency, GoalText, LongGoal, MinuteOfDay, NeedText, NewCarePlan, Need,
    PlanIntention, PlanPolicy, ServiceContent, ServiceKindText, ServiceLine, ShortGoal, Table1,
    WeeklySlot,
};
use crate::domain::classes::{CareLevel, InfoClass, RelationKind, Role, ServiceType};
use crate::domain::ids::{PersonId, ProviderId, RecipientId};
use crate::domain::medical::{DysphagiaCode, MedicalDetail, MedicalKind, MedicalTitle, NewMedicalItem};
use crate::domain::people::{CareRelationship, NameKana, Person, PersonName, Provider, ProviderName, Recipient};
use crate::domain::records::{
    BathKind, ExcretionCount, ExcretionKind, FluidMl, NewCareRecord, RecordBody, RecordNote, Wari,
};
use crate::domain::time::{jst, OccurredAt, Period};
use crate::domain::validation::Field;
use crate::domain::vitals::{
    BloodPressure, BodyTemperature, Height, NewVitals, Pulse, RespiratoryRate, Spo2, VitalSigns,
    Weight,
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

/// Loads the fictional household. `now` is the present (a parameter so tests control it).
pub async fn load_demo(db: &Db, now: DateTime<Utc>) -> Result<DemoSummary, DbError> {
    let now_at = valid("now", OccurredAt::parse(now, now))?;
    let today = now.with_timezone(&jst()).date_naive();
    let cast = Cast::new();

    for p in cast.providers()? {
        db::people::insert_provider(db, &p, now_at).await?;
    }
    let members = cast.members()?;
    for m in &members {
        db::people::insert_person(db, &m.person, now_at).await?;
    }
    let hana = cast.recipient(today)?;
    db::people::insert_recipient(db, &hana, now_at).await?;
    for m in &members {
        db::people::insert_relationship(db, &m.relationship(cast.recipient, today)?).await?;
    }

    let plan = care_plan(&cast, today, now)?;
    db::care_plan::insert_plan(db, &plan).await?;

    let generated = generate(&cast, now)?;
    let items = medical_items(&cast, today, now, &generated)?;
    for m in &items {
        db::medical::insert_medical_item(db, m, now_at).await?;
    }
    for r in &generated.records {
        db::records::insert_care_record(db, r, now_at).await?;
    }
    for v in &generated.vitals {
        db::vitals::insert_vitals(db, v, now_at).await?;
    }

    Ok(DemoSummary {
        recipient: cast.recipient,
        recipient_name: hana.name.as_str().to_string(),
        people: members.len(),
        records: generated.records.len(),
        vitals: generated.vitals.len(),
        plans: 1,
        medical_items: items.len(),
    })
}

/// Loads it only when the database has no recipients yet; returns None when it did nothing.
pub async fn load_if_empty(db: &Db, now: DateTime<Utc>) -> Result<Option<DemoSummary>, DbError> {
    if db::people::count_recipients(db).await? > 0 {
        return Ok(None);
    }
    load_demo(db, now).await.map(Some)
}

// ---------------------------------------------------------------------------
// The household and the team.

const RECIPIENT_NAME: &str = "山本 ハナ";
const RECIPIENT_KANA: &str = "ヤマモト ハナ";
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
        }
    }

    fn providers(&self) -> Result<Vec<Provider>, DbError> {
        [
            (self.care_management, CARE_MANAGEMENT, ServiceType::CareManagement),
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
        let hh = Some(self.home_help);
        let rows = [
            (self.hana, RECIPIENT_NAME, Role::Recipient, None, "", RelationKind::SelfPerson, 760),
            (self.misaki, "佐藤 美咲", Role::Family, None, "長女", RelationKind::Family, 760),
            (self.kenta, "山本 健太", Role::Family, None, "長男", RelationKind::Family, 760),
            (self.cm.person, "田中 里美", Role::CareManager, Some(self.care_management), "", RelationKind::Team, 760),
            (self.suzuki.person, "鈴木 花子", Role::CareWorker, hh, "", RelationKind::Team, 700),
            (self.takahashi.person, "高橋 誠", Role::CareWorker, hh, "", RelationKind::Team, 420),
            (self.day_staff.person, "伊藤 優子", Role::CareWorker, Some(self.day_service), "", RelationKind::Team, 540),
            (self.nurse.person, "中村 由美", Role::Nurse, Some(self.home_nursing), "", RelationKind::Team, 200),
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
    fn relationship(&self, recipient: RecipientId, today: NaiveDate) -> Result<CareRelationship, DbError> {
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

fn days_after(day: NaiveDate, n: u64) -> Result<NaiveDate, DbError> {
    day.checked_add_days(Days::new(n))
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

const POLICY: &str = "住み慣れた自宅での生活が続けられるよう、訪問介護・通所介護・訪問看護が連携して支援します。\n\
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

/// 第3表: (weekday 0 = 月曜, start, end, content).
const WEEKLY: &[(u8, u32, u32, &str)] = &[
    (0, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (2, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (4, hm(8, 30), hm(9, 30), "訪問介護(身体介護:朝食・服薬・排泄)"),
    (1, hm(9, 30), hm(16, 0), "通所介護(入浴・機能訓練・昼食)"),
    (3, hm(9, 30), hm(16, 0), "通所介護(入浴・機能訓練・昼食)"),
    (2, hm(14, 0), hm(14, 45), "訪問看護(健康管理)"),
    (5, hm(11, 30), hm(12, 30), "訪問介護(身体介護:昼食・排泄)"),
    (6, hm(11, 30), hm(12, 30), "訪問介護(身体介護:昼食・排泄)"),
    (0, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (1, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (2, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (3, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (4, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (5, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
    (6, hm(17, 30), hm(18, 30), "訪問介護(身体介護:夕食・服薬・就寝準備)"),
];

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
        Period::parse(Field::GoalPeriod, plan_from, days_before(months_after(plan_from, 3)?, 1)?),
    )?;
    let long = valid(
        "long period",
        Period::parse(Field::GoalPeriod, plan_from, days_before(months_after(plan_from, 6)?, 1)?),
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

    let weekly = WEEKLY
        .iter()
        .map(|&(weekday, start, end, content)| {
            let start = valid("slot", MinuteOfDay::new(Field::WeeklySlot, i64::from(start)))?;
            let end = valid("slot", MinuteOfDay::new(Field::WeeklySlot, i64::from(end)))?;
            valid("slot", WeeklySlot::new(weekday, start, end, content))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let daily_activities = DAILY
        .iter()
        .map(|&(at, activity)| {
            Ok(DailyActivity {
                at: valid("activity", MinuteOfDay::new(Field::WeeklySlot, i64::from(at)))?,
                activity: activity.to_string(),
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;

    Ok(NewCarePlan {
        recipient: cast.recipient,
        author: cast.cm.person,
        created_at: valid("plan time", OccurredAt::parse(jst_at(plan_from, hm(10, 0))?, now))?,
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
