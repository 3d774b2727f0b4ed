//! More records as the reader scrolls down the きろく timeline. Without
//! JavaScript the 「もっと見る」 link (the children) opens the next page; with
//! it, the next page is fetched when the link comes into view and its days
//! are added above the link, which then points further back.

use leptos::prelude::*;

#[island]
pub fn MoreOnScroll(children: Children) -> impl IntoView {
    let here = NodeRef::<leptos::html::P>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(p) = here.get() {
            scroll::watch(p.into());
        }
    });
    view! { <p class="more" node_ref=here>{children()}</p> }
}

#[cfg(feature = "hydrate")]
mod scroll {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, HtmlAnchorElement, IntersectionObserver, IntersectionObserverEntry};

    /// Loads the next page each time `more` comes into view.
    pub fn watch(more: Element) {
        let busy = Rc::new(Cell::new(false));
        let target = more.clone();
        let on_view = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.dyn_into::<IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if seen && !busy.get() {
                busy.set(true);
                let more = target.clone();
                let busy = busy.clone();
                leptos::task::spawn_local(async move {
                    // A failed load leaves the link: a tap still works.
                    let _ = load_next(&more).await;
                    busy.set(false);
                });
            }
        });
        if let Ok(observer) = IntersectionObserver::new(on_view.as_ref().unchecked_ref()) {
            observer.observe(&more);
        }
        // Lives as long as the page.
        on_view.forget();
    }

    async fn load_next(more: &Element) -> Result<(), JsValue> {
        let Some(link) = more
            .query_selector("a[rel=next]")?
            .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return Ok(());
        };
        let doc = super::super::server_html::fetch_page(&link.href()).await?;
        // The link sits in the island's own element; the days are its
        // siblings, and new days go just before it.
        let anchor = more
            .closest("leptos-island")?
            .unwrap_or_else(|| more.clone());
        let parent = anchor.parent_element().ok_or(JsValue::NULL)?;
        let days = doc.query_selector_all("section.timeline-day")?;
        for i in 0..days.length() {
            let Some(day) = days.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            add_day(&parent, &anchor, day)?;
        }
        // Points further back, or goes when there is nothing more.
        match doc
            .query_selector("p.more a[rel=next]")?
            .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
        {
            Some(next) => link.set_href(&next.href()),
            None => more.remove(),
        }
        Ok(())
    }

    /// A day split across two pages joins the day already shown.
    fn add_day(parent: &Element, anchor: &Element, day: Element) -> Result<(), JsValue> {
        let heading = |e: &Element| {
            e.query_selector("h2")
                .ok()
                .flatten()
                .and_then(|h| h.text_content())
        };
        let shown = parent.query_selector_all("section.timeline-day")?;
        let last = shown
            .item(shown.length().saturating_sub(1))
            .and_then(|n| n.dyn_into::<Element>().ok());
        let same_day = last.as_ref().is_some_and(|l| heading(l) == heading(&day));
        let added: Element = if let (true, Some(last)) = (same_day, last) {
            let cards = last.query_selector(".cards")?.ok_or(JsValue::NULL)?;
            let new_cards = day.query_selector(".cards")?.ok_or(JsValue::NULL)?;
            let list = new_cards.children();
            let moved: Vec<Element> = (0..list.length()).filter_map(|i| list.item(i)).collect();
            for card in &moved {
                cards.append_child(card)?;
            }
            cards
        } else {
            parent.insert_before(&day, Some(anchor))?;
            day
        };
        super::super::server_html::hydrate_islands_in(&added)
    }
}
