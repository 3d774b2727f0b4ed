//! `yorisoi token create|revoke`: integration API tokens for a 事業所's
//! care software. The token is printed once; only its hash is kept.

use anyhow::Context;

use app::domain::classes::InfoClass;
use app::domain::ids::{PersonId, ProviderId, RecipientId};
use app::domain::time::OccurredAt;
use app::server::api_tokens::{self, Scope};
use app::server::db::Db;

/// Information classes as one argument (clap would read a bare Vec as
/// several arguments).
#[derive(Debug, Clone)]
pub struct Classes(pub Vec<InfoClass>);

/// Reads `medical,living` (codes) into classes.
pub fn parse_classes(raw: &str) -> Result<Classes, String> {
    raw.split(',')
        .map(|c| {
            InfoClass::from_code(c.trim())
                .ok_or_else(|| format!("unknown class {c:?}; use medical, living, acp or contact"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Classes)
}

#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &Db,
    provider: ProviderId,
    admin: PersonId,
    label: &str,
    recipients: Vec<RecipientId>,
    classes: Vec<InfoClass>,
    may_import: bool,
    may_read: bool,
) -> anyhow::Result<(String, String)> {
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    let scope = Scope {
        recipients,
        classes,
        may_import,
        may_read,
    };
    api_tokens::create(db, provider, admin, label, &scope, now)
        .await
        .context("making the token")
}

pub async fn revoke(db: &Db, provider: ProviderId, id: &str) -> anyhow::Result<()> {
    let now = OccurredAt::from_millis(chrono::Utc::now().timestamp_millis());
    if api_tokens::revoke(db, provider, id, now).await? {
        Ok(())
    } else {
        anyhow::bail!("no live token {id} of this 事業所")
    }
}
