//! `/recipients/new`: a care manager registers a new care recipient and
//! then invites 本人 and family from the recipient's team page.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::team::CreateRecipient;
use crate::components::{t, NotSavedNotice};
use crate::domain::classes::CareLevel;

#[component]
pub fn NewRecipientPage() -> impl IntoView {
    let create = ServerAction::<CreateRecipient>::new();
    // Registered: the server sends the browser on to the new person's
    // team page to invite them.
    view! {
        <leptos_meta::Title text=t("new-recipient-title") />
        <h1>{t("new-recipient-title")}</h1>
        {move || create.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <ActionForm action=create>
            <div class="field">
                <label for="recipient-name">{t("field-name")}</label>
                <input id="recipient-name" name="name" type="text" maxlength="100" required />
            </div>
            <div class="field">
                <label for="recipient-kana">{t("field-name-kana")}</label>
                <input id="recipient-kana" name="name_kana" type="text" maxlength="100" required />
            </div>
            <div class="field">
                <label for="recipient-birth">{t("field-birth-date")}</label>
                <input id="recipient-birth" name="birth_date" type="date" required />
            </div>
            <div class="field">
                <label for="recipient-level">{t("field-care-level")}</label>
                <select id="recipient-level" name="care_level">
                    {CareLevel::ALL
                        .iter()
                        .map(|l| view! { <option value=l.code()>{t(l.label_key())}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="primary needs-hydration">{t("new-recipient-button")}</button>
            <p class="notice needs-js">{t("team-needs-js")}</p>
        </ActionForm>
    }
}
