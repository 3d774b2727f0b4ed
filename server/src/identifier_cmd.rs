//! `yorisoi identifier register RECIPIENT SYSTEM VALUE`: registers an
//! identifier another system gives a recipient (a hospital's 患者番号…), so
//! a FHIR file whose Patient carries it imports for her. One identifier
//! names one person: one already registered for another recipient is
//! refused. The registration is in the audit log.

use anyhow::Context;

use app::domain::ids::RecipientId;
use app::domain::patient_identifier::PatientIdentifier;
use app::domain::time::OccurredAt;
use app::server::audit::{self, Action};
use app::server::db::imports::{self, Registration};
use app::server::db::{self, Db};

/// A system and value from the command line, checked.
pub fn parse(system: &str, value: &str) -> anyhow::Result<PatientIdentifier> {
    let id = PatientIdentifier::parse(system, value)?;
    // Two places saying whose number it is could disagree.
    if id.is_insured_number() {
        anyhow::bail!(
            "{system} is a 被保険者番号 system: the number is matched from the recipient's \
             insurance (保険者番号 + 被保険者番号), not registered"
        );
    }
    Ok(id)
}

/// Registers `id` for `recipient`; true when it was not registered before.
pub async fn register(
    db: &Db,
    recipient: RecipientId,
    id: &PatientIdentifier,
    now: OccurredAt,
) -> anyhow::Result<bool> {
    db::people::get_recipient(db, recipient)
        .await
        .context("no recipient with this id")?;
    match imports::register_identifier(db, recipient, id, None, now).await? {
        Registration::Anothers => {
            anyhow::bail!(
                "{} {} is registered for another recipient",
                id.system(),
                id.value()
            )
        }
        Registration::AlreadyHers => Ok(false),
        Registration::Added => {
            audit::record(
                db,
                audit::Entry {
                    at: now,
                    actor: None,
                    action: Action::Create,
                    recipient: Some(recipient),
                    object_kind: "recipient_identifier",
                    // The system says what kind of number it is; the value
                    // itself stays out of the log.
                    object_id: Some(id.system().to_string()),
                    classes: &[],
                },
            )
            .await?;
            Ok(true)
        }
    }
}
