//! Pieces of a server-rendered page fetched by an island: the next page of
//! the timeline, or the fresh member list after an invitation. The server
//! stays the only place that renders (and checks access for) a page.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, DomParser, Element, Response, SupportedType};

/// The page at `url`, parsed (not shown).
pub async fn fetch_page(url: &str) -> Result<Document, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let res: Response = JsFuture::from(window.fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !res.ok() {
        return Err(JsValue::NULL);
    }
    let html = JsFuture::from(res.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)
}

/// Replaces every element matching `selector` on this page with its
/// counterpart from a fresh copy of the page, in order.
pub async fn refresh(selector: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let here = window.document().ok_or(JsValue::NULL)?;
    let fresh = fetch_page(&window.location().href()?).await?;
    let old = here.query_selector_all(selector)?;
    let new = fresh.query_selector_all(selector)?;
    for i in 0..old.length().min(new.length()) {
        let (Some(o), Some(n)) = (
            old.item(i).and_then(|e| e.dyn_into::<Element>().ok()),
            new.item(i).and_then(|e| e.dyn_into::<Element>().ok()),
        ) else {
            continue;
        };
        o.replace_with_with_node_1(&n)?;
        hydrate_islands_in(&n)?;
    }
    Ok(())
}

/// Islands inside new content (読み上げ, a new link) come alive like the
/// rest of the page, through the hook Leptos's island script leaves.
pub fn hydrate_islands_in(root: &Element) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let hydrate = js_sys::Reflect::get(&window, &"__hydrateIsland".into())?;
    let Some(hydrate) = hydrate.dyn_ref::<js_sys::Function>() else {
        return Ok(());
    };
    let islands = root.query_selector_all("leptos-island")?;
    for i in 0..islands.length() {
        if let Some(el) = islands.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            if let Some(id) = el.get_attribute("data-component") {
                hydrate.call2(&JsValue::NULL, &el, &id.into())?;
            }
        }
    }
    Ok(())
}
