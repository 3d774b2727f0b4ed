//! The 「端末の名前」 field shown when a passkey is registered, so a person
//! can later tell their phone's passkey from their tablet's.

use leptos::prelude::*;

use super::t;

#[component]
pub fn DeviceNameField(device: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="device-name">{t("field-device-name")}</label>
            <input
                id="device-name"
                type="text"
                maxlength="50"
                value=device.get_untracked()
                prop:value=device
                on:input=move |ev| device.set(event_target_value(&ev))
            />
            <p class="hint">{t("invite-device-hint")}</p>
        </div>
    }
}
