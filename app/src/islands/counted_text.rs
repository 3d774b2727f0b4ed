//! A text box that says how many characters are left. Without JavaScript
//! it says the limit; the browser itself stops at `maxlength`, and the
//! server checks again.

use leptos::prelude::*;

use super::words::Words;

/// `words`: `counter-left` and `counter-over` templates with `{n}`.
#[island]
pub fn CountedText(
    id: String,
    name: String,
    max: usize,
    value: String,
    rows: u32,
    required: bool,
    words: Words,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let counter_id = format!("{id}-counter");
    let area = NodeRef::<leptos::html::Textarea>::new();
    // What was typed before the page hydrated counts too.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = area.get() {
            text.set(el.value());
        }
    });
    let said = move || {
        let used = text.with(|t| t.chars().count());
        if used <= max {
            words.fill("counter-left", &[("n", &(max - used).to_string())])
        } else {
            words.fill("counter-over", &[("n", &(used - max).to_string())])
        }
    };
    view! {
        <textarea
            node_ref=area
            id=id
            name=name
            rows=rows
            maxlength=max
            required=required
            aria-describedby=counter_id.clone()
            on:input=move |ev| text.set(event_target_value(&ev))
            inner_html=crate::components::textarea_text(&value)
        ></textarea>
        <p class="counter" id=counter_id aria-live="polite">{said}</p>
    }
}

/// The words a counter needs (looked up on the server).
pub fn counter_words() -> Words {
    Words::for_keys(&[])
        .template("counter-left", &["n"])
        .template("counter-over", &["n"])
}
