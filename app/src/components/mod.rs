//! View pieces used by several pages.

pub mod account;
pub mod furigana;
pub mod record_card;
pub mod vitals_card;
pub mod voice;

use crate::i18n::{self, Lang};
use leptos::prelude::*;

/// The reader's language (Japanese unless set otherwise).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// UI text for `key` in the reader's language.
pub fn t(key: &str) -> String {
    i18n::text(use_lang(), key)
}

/// UI text for `key` with arguments.
pub fn t_with(key: &str, args: &[(&str, String)]) -> String {
    i18n::text_with(use_lang(), key, args)
}

/// A page that could not be shown, in plain Japanese.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    notice("error-page-title", error)
}

/// A form the server refused: nothing of it was saved, and why.
#[component]
pub fn NotSavedNotice(error: crate::error::AppError) -> impl IntoView {
    notice("error-not-saved-title", error)
}

fn notice(title_key: &str, error: crate::error::AppError) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="notice notice-error" role="alert">
            <p class="notice-title">{t(title_key)}</p>
            {error.messages(lang).into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
        </div>
    }
}

/// 「保存しました」 and the like, after a form came back from `path` (the
/// server's form layer marks the page's address with `__done`).
#[component]
pub fn Done(of: &'static str, text: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let done = query.read_untracked().get("__done").as_deref() == Some(of);
    done.then(|| view! { <p class="notice" role="status">{text}</p> })
}
