//! 「印刷する」: opens the browser's print dialog. Without JavaScript the
//! button stays hidden and the page says to use the browser's menu.

use leptos::prelude::*;

#[island]
pub fn PrintButton(children: Children) -> impl IntoView {
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| ready.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            // Nothing to tell: the browser shows its own dialog or nothing.
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class="primary print-button" hidden=move || !ready.get() on:click=print>
            {children()}
        </button>
    }
}
