//! The header's account corner: who is signed in and a sign-out button,
//! or a link to sign in.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{t, t_with};
use crate::api::auth::{me, SignOut};

#[component]
pub fn AccountCorner() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    // Inside the layout route, so the server renders it with the page.
    // Signing out is a plain form post: the page comes back signed out.
    let who = Resource::new(|| (), |_| me());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match who.await {
                    Ok(Some(me)) => {
                        // The style sheet reads these classes
                        // (`html:has(.size-large)`): the whole page follows.
                        let prefs = me.reading.classes();
                        view! {
                            <span class=prefs hidden></span>
                            <span class="account">
                                {me.staff.then(|| view! { <a class="inbox-link" href="/inbox">{t("inbox-link")}</a> })}
                                <a class="reading-link" href="/reading">{t("reading-link")}</a>
                                <a class="account-name" href="/account">
                                    {t_with("account-me", &[("name", me.name)])}
                                </a>
                                <ActionForm action=sign_out>
                                    <button type="submit" class="link-button">
                                        {t("account-sign-out")}
                                    </button>
                                </ActionForm>
                            </span>
                            {me.new_sign_in_link.then(|| view! {
                                <a class="notice link-made-notice" role="status" href="/account">
                                    {t("account-link-made-notice")}
                                </a>
                            })}
                        }
                            .into_any()
                    }
                    _ => view! { <a class="account" href="/sign-in">{t("account-sign-in")}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}
