//! 利用者, the people around them, and 事業所.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classes::{CareLevel, EndReason, RelationKind, Role, ServiceType};
use super::ids::{PersonId, ProviderId, RecipientId};
use super::validation::{text_newtype, Field, FieldError, Problem};

text_newtype!(
    /// A person's name as they want it written.
    PersonName, Field::Name, 100, required
);
text_newtype!(
    /// 事業所名.
    ProviderName, Field::ProviderName, 200, required
);

/// Name in katakana or hiragana (フリガナ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameKana(String);

impl NameKana {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let t = super::validation::required_text(Field::NameKana, raw, 100)?;
        let kana = t.chars().all(|c| {
            matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | ' ' | '　')
        });
        if !kana {
            return Err(FieldError::new(Field::NameKana, Problem::UnknownChoice));
        }
        Ok(Self(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: ProviderId,
    pub name: ProviderName,
    pub service_type: ServiceType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: PersonName,
    pub role: Role,
    /// The 事業所 a staff member works for.
    pub provider: Option<ProviderId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recipient {
    pub id: RecipientId,
    pub name: PersonName,
    pub name_kana: NameKana,
    pub birth_date: NaiveDate,
    pub care_level: CareLevel,
}

impl Recipient {
    pub fn age_on(&self, day: NaiveDate) -> i32 {
        use chrono::Datelike;
        let mut age = day.year() - self.birth_date.year();
        if (day.month(), day.day()) < (self.birth_date.month(), self.birth_date.day()) {
            age -= 1;
        }
        age
    }
}

/// A care relationship: the only way anyone sees a recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareRelationship {
    pub recipient: RecipientId,
    pub person: PersonId,
    pub kind: RelationKind,
    /// 続柄 for family (長女, 夫…), empty otherwise.
    pub family_relation: String,
    pub started_on: NaiveDate,
    pub ended: Option<(NaiveDate, EndReason)>,
}

/// Somebody around a recipient, as the care manager's team page lists
/// them (ended relationships included: they are history).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub kind: RelationKind,
    /// 続柄 for family.
    pub family_relation: String,
    /// The 事業所 of a staff member.
    pub provider: Option<String>,
    pub started_on: NaiveDate,
    pub ended: Option<(NaiveDate, EndReason)>,
    pub representative: bool,
    /// Has registered a passkey (accepted their invitation).
    pub joined: bool,
}

impl Member {
    /// Still in the relationship on `today`.
    pub fn live_on(&self, today: NaiveDate) -> bool {
        self.ended.is_none_or(|(on, _)| on > today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_names_accept_katakana_and_refuse_kanji() {
        assert!(NameKana::parse("ヤマモト ハナ").is_ok());
        assert!(NameKana::parse("やまもと はな").is_ok());
        assert_eq!(NameKana::parse("山本").unwrap_err().field, Field::NameKana);
    }

    #[test]
    fn age_counts_birthdays() {
        let r = Recipient {
            id: RecipientId::parse("0190a000-0000-7000-8000-000000000001").unwrap(),
            name: PersonName::parse("山本 ハナ").unwrap(),
            name_kana: NameKana::parse("ヤマモト ハナ").unwrap(),
            birth_date: NaiveDate::from_ymd_opt(1942, 5, 3).unwrap(),
            care_level: CareLevel::Care2,
        };
        assert_eq!(r.age_on(NaiveDate::from_ymd_opt(2026, 5, 2).unwrap()), 83);
        assert_eq!(r.age_on(NaiveDate::from_ymd_opt(2026, 5, 3).unwrap()), 84);
    }
}

/// Where e-mail notices go: a plain address (one @, a dot in the domain,
/// no spaces), at most 254 characters. Empty means no notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX: usize = 254;

    /// `None` for an empty field (no e-mail wanted).
    pub fn parse(raw: &str) -> Result<Option<Self>, FieldError> {
        let t = raw.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if t.chars().count() > Self::MAX {
            return Err(FieldError::new(
                Field::Email,
                Problem::TooLong { max: Self::MAX },
            ));
        }
        let ok = match t.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !t
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            }
            None => false,
        };
        if !ok {
            return Err(FieldError::new(Field::Email, Problem::NotAnEmail));
        }
        Ok(Some(Self(t.to_string())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod email_tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_empty_means_none() {
        assert_eq!(EmailAddress::parse("  ").unwrap(), None);
        assert_eq!(
            EmailAddress::parse(" misaki@example.jp ")
                .unwrap()
                .unwrap()
                .as_str(),
            "misaki@example.jp"
        );
        for bad in [
            "misaki",
            "@example.jp",
            "a@b",
            "a@@b.jp",
            "a b@c.jp",
            "a@b.jp>",
            "a@.jp",
        ] {
            assert_eq!(
                EmailAddress::parse(bad).unwrap_err().problem,
                Problem::NotAnEmail,
                "{bad}"
            );
        }
    }
}
