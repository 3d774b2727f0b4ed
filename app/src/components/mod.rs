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

/// `s` with `&`, `<`, `>` and quotes written as entities, appended to `out`.
pub fn escape_html_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// What goes between `<textarea>` and `</textarea>`: Leptos writes a
/// textarea's text child as it is, so typed `</textarea><b>` would end the
/// box and become markup. Given as `inner_html`, escaped, the browser reads
/// it back as the text typed (on the server's page and in the browser).
pub fn textarea_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html_into(&mut out, s);
    out
}

/// A page that could not be shown, in plain Japanese. Rendered on the
/// server, the page answers with the error's status (403 for a refusal,
/// 404 for what must not be known to exist, 401 before signing in), so a
/// refused reader never gets a 200.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(error.status());
    }
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
