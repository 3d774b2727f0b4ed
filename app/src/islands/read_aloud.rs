//! 「読み上げる」: reads a card's plain sentences aloud with the browser's own
//! Japanese voice (speechSynthesis, ja-JP). Pressed again, it stops. The
//! text comes from the server without furigana, so readings are not read
//! twice; the button's label is server-rendered (children).

use leptos::prelude::*;

#[island]
pub fn ReadAloud(text: String, children: Children) -> impl IntoView {
    let speaking = RwSignal::new(false);
    // Hidden until the browser shows it can speak (and without JavaScript).
    let can_speak = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| can_speak.set(voice::available()));
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        {
            if speaking.get_untracked() {
                voice::stop();
                speaking.set(false);
            } else {
                speaking.set(voice::speak(&text, move || speaking.set(false)));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    view! {
        <button
            type="button"
            class="read-aloud"
            hidden=move || !can_speak.get()
            aria-pressed=move || if speaking.get() { "true" } else { "false" }
            on:click=toggle
        >
            {children()}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod voice {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

    fn synth() -> Option<SpeechSynthesis> {
        web_sys::window()?.speech_synthesis().ok()
    }

    pub fn available() -> bool {
        synth().is_some()
    }

    /// Starts reading `text`; `done` runs when it ends. Anything already
    /// being read stops first (one card at a time).
    pub fn speak(text: &str, done: impl FnOnce() + 'static) -> bool {
        let (Some(s), Ok(u)) = (synth(), SpeechSynthesisUtterance::new_with_text(text)) else {
            return false;
        };
        s.cancel();
        u.set_lang("ja-JP");
        // A little slower than the default: easier to follow.
        u.set_rate(0.9);
        let end = Closure::once_into_js(done);
        u.set_onend(Some(end.unchecked_ref()));
        s.speak(&u);
        true
    }

    pub fn stop() {
        if let Some(s) = synth() {
            s.cancel();
        }
    }
}
