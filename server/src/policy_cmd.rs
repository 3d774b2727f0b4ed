//! `yorisoi policy --service-type 訪問介護 --role 介護職員 --class 医療
//! [--narrow]`: widens (or narrows back) the access policy for every 事業所
//! of one service type — a rule a region or a 法人 sets on the server. One
//! 事業所's own policy is edited by its administrator at `/admin`.

use app::domain::classes::{InfoClass, Role, ServiceType};
use app::domain::policy::may_be_widened;
use app::domain::time::OccurredAt;
use app::i18n::{self, Lang};
use app::server::access;
use app::server::db::Db;

/// A vocabulary word by its code or its Japanese label (with or without
/// the part in brackets: 訪問介護 for 訪問介護(ヘルパー)).
fn by_name<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    key: impl Fn(T) -> &'static str,
    raw: &str,
) -> Option<T> {
    let raw = raw.trim();
    all.iter().copied().find(|v| {
        let label = i18n::text(Lang::Ja, key(*v));
        code(*v) == raw || label == raw || label.split('(').next() == Some(raw)
    })
}

pub fn parse_service_type(raw: &str) -> Result<ServiceType, String> {
    by_name(
        ServiceType::ALL,
        ServiceType::code,
        ServiceType::label_key,
        raw,
    )
    .ok_or_else(|| {
        let names: Vec<String> = ServiceType::ALL
            .iter()
            .map(|s| i18n::text(Lang::Ja, s.label_key()))
            .collect();
        format!("unknown service type {raw:?}; one of: {}", names.join(", "))
    })
}

/// Only roles the policy may widen: 介護職員, 管理栄養士, 地域包括.
pub fn parse_widened_role(raw: &str) -> Result<Role, String> {
    let role = crate::invite_cmd::parse_role(raw)?;
    if may_be_widened(role) {
        Ok(role)
    } else {
        Err(format!(
            "{raw:?} cannot be widened: only 介護職員, 管理栄養士 and 地域包括支援センター staff"
        ))
    }
}

/// 医療 or 人生会議 (or their codes).
pub fn parse_class(raw: &str) -> Result<InfoClass, String> {
    by_name(InfoClass::ALL, InfoClass::code, InfoClass::label_key, raw)
        .filter(|c| matches!(c, InfoClass::Medical | InfoClass::Acp))
        .ok_or_else(|| format!("{raw:?}: the class is 医療 (medical) or 人生会議 (acp)"))
}

/// Applies the change and returns the widenings now in force, one line each.
pub async fn run(
    db: &Db,
    service: ServiceType,
    role: Role,
    class: InfoClass,
    narrow: bool,
    now: OccurredAt,
) -> anyhow::Result<Vec<String>> {
    let scope = access::Scope::ServiceType(service);
    if narrow {
        let which = |w: &access::Widening| w.role == role && w.class == class;
        access::narrow(db, scope, which, None, now).await?;
    } else {
        access::widen(db, scope, role, class, None, now).await?;
    }
    let service_name = i18n::text(Lang::Ja, service.label_key());
    Ok(access::widenings(db, scope)
        .await?
        .into_iter()
        .map(|w| {
            format!(
                "{service_name}: {} → {}",
                i18n::text(Lang::Ja, w.role.label_key()),
                i18n::text(Lang::Ja, w.class.label_key())
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_japanese_or_as_codes() {
        assert_eq!(parse_class("医療"), Ok(InfoClass::Medical));
        assert_eq!(parse_class("acp"), Ok(InfoClass::Acp));
        assert!(parse_class("生活").is_err());
        assert_eq!(parse_widened_role("介護職員"), Ok(Role::CareWorker));
        assert!(parse_widened_role("家族").is_err());
        assert!(parse_widened_role("事業所の管理者").is_err());
        assert_eq!(parse_service_type("home_help"), Ok(ServiceType::HomeHelp));
        assert_eq!(parse_service_type("訪問介護"), Ok(ServiceType::HomeHelp));
    }
}
