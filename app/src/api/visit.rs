//! 訪問の記録: care staff record a whole visit from a phone — 食事, 排泄,
//! 入浴, 服薬, 口腔ケア, vital signs and 様子 — in one save.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::visit::VisitForm;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitEntry {
    pub recipient: RecipientSummary,
    /// What the form starts with: the refused form as typed, or defaults.
    pub form: VisitForm,
}

/// The draft a refused save leaves for its writer (see `db::drafts`).
#[cfg(feature = "ssr")]
fn draft_name(recipient: crate::domain::ids::RecipientId) -> String {
    format!("visit:{recipient}")
}

/// The signed-in staff member who may write visit records for `recipient`.
#[cfg(feature = "ssr")]
async fn visiting_staff(
    db: &crate::server::db::Db,
    recipient: crate::domain::ids::RecipientId,
    today: chrono::NaiveDate,
) -> Result<crate::server::auth::sessions::Session, AppError> {
    let (me, viewer) = crate::api::auth::edge::viewer_of(db, recipient, today).await?;
    if !crate::domain::policy::may_write_record(viewer) {
        return Err(AppError::refused("visit-not-allowed"));
    }
    Ok(me)
}

#[server(endpoint = "visit")]
pub async fn visit_page(recipient: String) -> Result<VisitEntry, AppError> {
    use crate::api::auth::edge;
    use crate::domain::classes::Role;
    use crate::domain::ids::RecipientId;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let today = crate::domain::time::jst_today(now);
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let me = visiting_staff(&state.db, id, today).await?;
    let person = db::people::get_recipient(&state.db, id).await?;
    let draft = db::drafts::take(&state.db, me.person, &draft_name(id), edge::now()).await?;
    let form = match draft.and_then(|d| serde_json::from_str::<VisitForm>(&d).ok()) {
        Some(form) => form,
        None => VisitForm {
            at: now
                .with_timezone(&crate::domain::time::jst())
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            // A nurse's observations are usually clinical.
            note_class: if me.role == Role::Nurse {
                "medical".into()
            } else {
                "living".into()
            },
            ..VisitForm::default()
        },
    };
    Ok(VisitEntry {
        recipient: RecipientSummary::from_recipient(&person, today),
        form,
    })
}

/// Stores the visit: every record and the measurement in one transaction,
/// or nothing. A refused form is kept for the page to show again.
#[server(endpoint = "visit/save")]
pub async fn save_visit(recipient: String, form: Option<VisitForm>) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::visit::VisitBy;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let now = chrono::Utc::now();
    let today = crate::domain::time::jst_today(now);
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let me = visiting_staff(&state.db, id, today).await?;
    let provider = db::people::get_person(&state.db, me.person)
        .await?
        .provider
        .ok_or_else(|| AppError::refused("visit-not-allowed"))?;
    let form = form.unwrap_or_default();
    let by = VisitBy {
        recipient: id,
        provider,
        author: me.person,
    };
    let visit = match form.parse(by, now) {
        Ok(v) => v,
        Err(errs) => {
            let body = serde_json::to_string(&form).map_err(|_| AppError::Server)?;
            db::drafts::put(&state.db, me.person, &draft_name(id), &body, edge::now()).await?;
            return Err(AppError::Invalid(errs));
        }
    };
    let written = db::records::insert_visit(&state.db, &visit, edge::now(), |record, note| {
        crate::server::plain_store::stored(&state.plain, record, note)
    })
    .await?;
    for (kind, object, class) in written {
        edge::audit(
            &state.db,
            &me,
            Action::Create,
            id,
            kind,
            Some(object),
            &[class],
        )
        .await?;
    }
    Ok(())
}
