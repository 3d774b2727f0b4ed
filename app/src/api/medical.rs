//! 医療のこと: the key medical facts (アレルギー, 使えないくすり, 食事の形と
//! 飲みこみ, 床ずれの手当て, 医師の考え) in plain words, each with the
//! professional's wording — as the access policy allows.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::recipients::RecipientSummary;
use crate::domain::medical::MedicalKind;
use crate::domain::plain::PlainNote;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedicalView {
    pub recipient: RecipientSummary,
    pub items: Vec<MedicalCard>,
    /// Nurses, doctors and the care manager write items here.
    pub may_write: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedicalCard {
    pub kind: MedicalKind,
    pub title: PlainNote,
    pub detail: PlainNote,
    /// 嚥下調整食分類2021 code, as printed (「2-1」).
    pub dysphagia_code: Option<String>,
    pub original_title: String,
    pub original_detail: String,
    pub author_name: String,
    pub recorded_on: chrono::NaiveDate,
}

#[server(endpoint = "medical")]
pub async fn medical(recipient: String) -> Result<MedicalView, AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::time::jst_today;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer, person) = edge::viewer_and_recipient(&state.db, id, today).await?;
    let mut found =
        db::medical::visible_items(&state.db, id, &viewer.shown(), &viewer.medical_kinds()).await?;
    // In the order people read them: allergies first, history last.
    found.sort_by_key(|(m, _)| MedicalKind::ALL.iter().position(|k| *k == m.item.kind));
    let mut classes: Vec<_> = found.iter().map(|(m, _)| m.item.class).collect();
    classes.sort_by_key(|c| c.code());
    classes.dedup();
    let items = found
        .into_iter()
        .map(|(m, author_name)| {
            let item = m.item;
            MedicalCard {
                kind: item.kind,
                title: state.plain.convert(item.title.as_str()),
                detail: state.plain.convert(item.detail.as_str()),
                dysphagia_code: item.dysphagia_code.map(|c| c.code().to_string()),
                original_title: item.title.as_str().to_string(),
                original_detail: item.detail.as_str().to_string(),
                author_name,
                recorded_on: item.recorded_at.jst_date(),
            }
        })
        .collect();
    edge::audit(&state.db, &me, Action::Read, id, "medical", None, &classes).await?;
    Ok(MedicalView {
        recipient: RecipientSummary::from_recipient(&person, today),
        items,
        may_write: crate::domain::policy::may_write_medical(viewer),
    })
}

/// Writes one medical item (the professional's wording, kept unchanged).
#[server(endpoint = "medical/add")]
pub async fn add_medical_item(
    recipient: String,
    form: Option<crate::domain::medical::MedicalForm>,
) -> Result<(), AppError> {
    use crate::api::auth::edge;
    use crate::domain::ids::RecipientId;
    use crate::domain::policy::may_write_medical;
    use crate::server::audit::Action;
    use crate::server::{db, state::AppState};

    let state = expect_context::<AppState>();
    let today = crate::domain::time::jst_today(chrono::Utc::now());
    let id = RecipientId::parse(&recipient).ok_or(AppError::NotFound)?;
    let (me, viewer) = edge::viewer_of(&state.db, id, today).await?;
    if !may_write_medical(viewer) {
        return Err(AppError::refused("medical-not-allowed"));
    }
    let item = form
        .unwrap_or_default()
        .parse(id, me.person, edge::now())
        .map_err(AppError::Invalid)?;
    let written = db::medical::insert_medical_item(state.db.pool(), &item, edge::now()).await?;
    edge::audit(
        &state.db,
        &me,
        Action::Create,
        id,
        "medical_item",
        Some(written.to_string()),
        &[item.class],
    )
    .await?;
    Ok(())
}
