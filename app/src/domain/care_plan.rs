//! ケアプラン (居宅サービス計画書) 第1表・第2表・第3表, versioned: every save
//! is a new version, earlier versions stay readable.

use serde::{Deserialize, Serialize};

use super::classes::{CareLevel, InfoClass};
use super::ids::{CarePlanId, PersonId, RecipientId};
use super::time::{OccurredAt, Period};
use super::validation::{text_newtype, Field, FieldError, Problem};

text_newtype!(
    /// 利用者及び家族の生活に対する意向.
    PlanIntention, Field::PlanIntention, 2000, required
);
text_newtype!(
    /// 総合的な援助の方針.
    PlanPolicy, Field::PlanPolicy, 2000, required
);
text_newtype!(
    /// 生活全般の解決すべき課題 (ニーズ).
    NeedText, Field::Need, 500, required
);
text_newtype!(
    /// 長期目標 / 短期目標.
    GoalText, Field::Goal, 500, required
);
text_newtype!(
    /// 援助内容: サービス内容.
    ServiceContent, Field::ServiceContent, 500, required
);
text_newtype!(
    /// サービス種別 as written on the plan (訪問介護, 通所介護, 家族…).
    ServiceKindText, Field::ServiceKind, 100, required
);
text_newtype!(
    /// 頻度 as written (週2回, 毎日…).
    Frequency, Field::Frequency, 100, required
);

/// 第1表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table1 {
    pub care_level: CareLevel,
    /// 認定の有効期間.
    pub certification: Period,
    pub intention: PlanIntention,
    pub policy: PlanPolicy,
}

/// 第2表 援助内容 (one line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceLine {
    pub content: ServiceContent,
    /// ※1: 保険給付の対象.
    pub insured: bool,
    pub kind: ServiceKindText,
    /// ※2: 事業所 as written on the plan.
    pub provider_name: String,
    pub frequency: Frequency,
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShortGoal {
    pub goal: GoalText,
    pub period: Period,
    pub services: Vec<ServiceLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LongGoal {
    pub goal: GoalText,
    pub period: Period,
    pub short_goals: Vec<ShortGoal>,
}

/// 第2表: one 課題 with its goals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub need: NeedText,
    pub long_goals: Vec<LongGoal>,
}

/// Minutes after midnight, 0..1440.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MinuteOfDay(u16);

impl MinuteOfDay {
    pub fn new(field: Field, minutes: i64) -> Result<Self, FieldError> {
        u16::try_from(minutes)
            .ok()
            .filter(|m| *m <= 24 * 60)
            .map(Self)
            .ok_or_else(|| FieldError::out_of_range(field, "0:00", "24:00"))
    }

    /// Reads "9:00" or "09:30".
    pub fn parse(field: Field, raw: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new(field, Problem::NotADate);
        let (h, m) = raw.trim().split_once(':').ok_or_else(bad)?;
        let h: i64 = h.parse().map_err(|_| bad())?;
        let m: i64 = m.parse().map_err(|_| bad())?;
        if !(0..60).contains(&m) {
            return Err(bad());
        }
        Self::new(field, h * 60 + m)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn hhmm(self) -> String {
        format!("{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// 第3表: one service in the week (weekday 0 = 月曜 … 6 = 日曜).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeeklySlot {
    pub weekday: u8,
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
    pub content: String,
}

impl WeeklySlot {
    pub fn new(
        weekday: u8,
        start: MinuteOfDay,
        end: MinuteOfDay,
        content: &str,
    ) -> Result<Self, FieldError> {
        if weekday > 6 {
            return Err(FieldError::new(Field::WeeklySlot, Problem::UnknownChoice));
        }
        if end <= start {
            return Err(FieldError::new(Field::WeeklySlot, Problem::PeriodReversed));
        }
        let content = super::validation::required_text(Field::WeeklySlot, content, 100)?;
        Ok(Self {
            weekday,
            start,
            end,
            content,
        })
    }
}

/// 第3表: 主な日常生活上の活動.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyActivity {
    pub at: MinuteOfDay,
    pub activity: String,
}

/// A plan version ready to store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCarePlan {
    pub recipient: RecipientId,
    pub author: PersonId,
    pub created_at: OccurredAt,
    pub table1: Table1,
    pub needs: Vec<Need>,
    pub weekly: Vec<WeeklySlot>,
    pub daily_activities: Vec<DailyActivity>,
    /// 週単位以外のサービス.
    pub other_services: String,
    pub class: InfoClass,
}

/// A stored plan version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarePlan {
    pub id: CarePlanId,
    pub version: i64,
    pub plan: NewCarePlan,
}
