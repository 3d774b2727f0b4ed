//! `/reading`: 見やすさ — furigana on or off, text size (標準・大・特大) and
//! high contrast, remembered for the person on every device. A plain form:
//! the page comes back with the new settings applied.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::auth::me;
use crate::api::reading::SaveReading;
use crate::components::{t, Done, ErrorNotice, NotSavedNotice};
use crate::domain::reading::TextSize;
use crate::error::AppError;

#[component]
pub fn ReadingPage() -> impl IntoView {
    let save = ServerAction::<SaveReading>::new();
    let current = Resource::new(|| (), |_| me());
    view! {
        <leptos_meta::Title text=t("reading-title") />
        <h1>{t("reading-title")}</h1>
        {move || save.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Done of=SaveReading::PATH text=t("reading-saved") />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match current.await {
                    Ok(Some(me)) => {
                        let s = me.reading;
                        view! {
                            <ActionForm action=save>
                                <fieldset class="field">
                                    <legend>{t("reading-size")}</legend>
                                    {TextSize::ALL
                                        .into_iter()
                                        .map(|size| {
                                            let id = format!("size-{}", size.code());
                                            let label_for = id.clone();
                                            view! {
                                                <label class="choice-row" for=label_for>
                                                    <input type="radio" id=id name="size" value=size.code() checked=s.size == size />
                                                    <span>{t(size.label_key())}</span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                                <label class="choice-row" for="furigana">
                                    <input type="checkbox" id="furigana" name="furigana" checked=s.furigana />
                                    <span>{t("reading-furigana")}</span>
                                </label>
                                <label class="choice-row" for="contrast">
                                    <input type="checkbox" id="contrast" name="contrast" checked=s.high_contrast />
                                    <span>{t("reading-contrast")}</span>
                                </label>
                                <button type="submit" class="primary">{t("reading-save")}</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    Ok(None) => view! { <ErrorNotice error=AppError::refused("need-sign-in") /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
