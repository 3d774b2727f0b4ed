//! 見やすさ: a person's reading settings, remembered on the server.

use leptos::prelude::*;

use crate::error::AppError;

/// A form's fields: `furigana` and `contrast` are present ("on") when
/// ticked; `size` is a `TextSize` code.
#[server(endpoint = "reading")]
pub async fn save_reading(
    size: String,
    furigana: Option<String>,
    contrast: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::reading::{ReadingSettings, TextSize};
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let me = crate::api::auth::edge::signed_in(&state.db).await?;
    let settings = ReadingSettings {
        size: TextSize::from_code(&size).ok_or(AppError::BadRequest)?,
        furigana: furigana.is_some(),
        high_contrast: contrast.is_some(),
    };
    let now = crate::api::auth::edge::now();
    db::reading::put(&state.db, me.person, settings, now).await?;
    Ok(())
}
