//! `yorisoi invite --role 事業所の管理者 --name …`: the way the first
//! administrator gets in. Stores the person, makes a one-time link valid for
//! 72 hours and prints it; only the link's hash is kept.

use anyhow::Context;

use app::domain::classes::Role;
use app::domain::ids::{PersonId, ProviderId};
use app::domain::people::{Person, PersonName};
use app::domain::time::OccurredAt;
use app::i18n::{self, Lang};
use app::server::audit::{self, Action, Entry};
use app::server::auth::invitations;
use app::server::db::{self, Db};

/// A role as an administrator types it: its code (`provider_admin`) or
/// its Japanese name, with or without の (事業所の管理者, 事業所管理者).
pub fn parse_role(raw: &str) -> Result<Role, String> {
    let raw = raw.trim();
    Role::ALL
        .iter()
        .copied()
        .find(|r| {
            let label = i18n::text(Lang::Ja, r.label_key());
            r.code() == raw || label == raw || label.replace('の', "") == raw
        })
        .ok_or_else(|| {
            let names: Vec<String> = Role::ALL
                .iter()
                .map(|r| i18n::text(Lang::Ja, r.label_key()))
                .collect();
            format!("unknown role {raw:?}; one of: {}", names.join(", "))
        })
}

pub struct Invited {
    pub person: PersonId,
    pub url: String,
    pub expires_at: OccurredAt,
}

pub async fn run(
    db: &Db,
    role: Role,
    name: &str,
    provider: Option<ProviderId>,
    base_url: &str,
    now: OccurredAt,
) -> anyhow::Result<Invited> {
    let name = PersonName::parse(name).map_err(|e| anyhow::anyhow!(e.message(Lang::Ja)))?;
    let person = Person {
        id: PersonId::new(),
        name,
        role,
        provider,
    };
    db::people::insert_person(db.pool(), &person, now)
        .await
        .context("storing the invited person")?;
    if let (Role::ProviderAdmin, Some(provider)) = (role, provider) {
        db::providers::add_admin(db.pool(), provider, person.id, now)
            .await
            .context("making them an administrator of the 事業所")?;
    }
    invite(db, person.id, base_url, now).await
}

/// A one-time link for a person already stored (revoking older unused
/// ones), recorded in the audit log.
pub async fn invite(
    db: &Db,
    person: PersonId,
    base_url: &str,
    now: OccurredAt,
) -> anyhow::Result<Invited> {
    let (id, token) = invitations::create(db, person, None, now)
        .await
        .context("storing the invitation")?;
    audit::record(
        db,
        Entry {
            at: now,
            actor: None,
            action: Action::Create,
            recipient: None,
            object_kind: "invitation",
            object_id: Some(id.to_string()),
            classes: &[],
        },
    )
    .await?;
    Ok(Invited {
        person,
        url: app::server::invite_link::link(base_url, &token),
        expires_at: OccurredAt::from_millis(now.millis() + invitations::VALID_MS),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_by_code_and_by_japanese_name() {
        assert_eq!(parse_role("事業所の管理者"), Ok(Role::ProviderAdmin));
        assert_eq!(parse_role("事業所管理者"), Ok(Role::ProviderAdmin));
        assert_eq!(parse_role("provider_admin"), Ok(Role::ProviderAdmin));
        assert_eq!(parse_role("ケアマネジャー"), Ok(Role::CareManager));
        let e = parse_role("社長").unwrap_err();
        assert!(e.contains("ケアマネジャー"), "{e}");
    }
}
