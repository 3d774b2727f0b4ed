//! `/admin`: an administrator's 事業所 — create one, invite its staff (link
//! and QR code; a new link after a lost phone), end a staff member's work,
//! widen its access policy beyond the safe default, and export the audit
//! log.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::admin::{
    admin_overview, AdminView, CreateProvider, EndStaffWork, NarrowPolicy, ProviderView,
    WidenPolicy, STAFF_ROLES,
};
use crate::components::{t, t_with, ErrorNotice, NotSavedNotice};
use crate::domain::classes::{InfoClass, Role, ServiceType};
use crate::islands::invitation::{self, Handing, InvitationForm};

#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateProvider>,
    widen: ServerAction<WidenPolicy>,
    narrow: ServerAction<NarrowPolicy>,
    end: ServerAction<EndStaffWork>,
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let a = Actions {
        create: ServerAction::new(),
        widen: ServerAction::new(),
        narrow: ServerAction::new(),
        end: ServerAction::new(),
    };
    // Plain form posts: the page comes back with the change, or with the
    // refusal (which these actions read from the address).
    let data = Resource::new(|| (), |_| admin_overview());
    let problem = move || {
        a.create
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| a.widen.value().get().and_then(Result::err))
            .or_else(|| a.narrow.value().get().and_then(Result::err))
            .or_else(|| a.end.value().get().and_then(Result::err))
    };
    view! {
        <leptos_meta::Title text=t("admin-title") />
        <h1>{t("admin-title")}</h1>
        {move || problem().map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => admin_view(view, a).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn admin_view(view: AdminView, a: Actions) -> impl IntoView {
    let none = view.providers.is_empty();
    let today = view.today;
    view! {
        <Show when=move || none>
            <p class="empty">{t("admin-no-provider")}</p>
        </Show>
        {view.providers.into_iter().map(|p| provider_view(p, today, a)).collect_view()}
        <section class="card">
            <h2>{t("admin-create-provider")}</h2>
            <ActionForm action=a.create>
                <div class="field">
                    <label for="provider-name">{t("field-provider-name")}</label>
                    <input id="provider-name" name="name" type="text" maxlength="200" required />
                </div>
                <div class="field">
                    <label for="service-type">{t("field-service-type")}</label>
                    <select id="service-type" name="service_type">
                        {ServiceType::ALL
                            .iter()
                            .map(|s| view! { <option value=s.code()>{t(s.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary">{t("admin-create-button")}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{t("admin-audit")}</h2>
            <p>{t("admin-audit-explain")}</p>
            <p><a class="button secondary" href="/admin/audit-log.csv" download="yorisoi-audit-log.csv" rel="external">{t("admin-audit-download")}</a></p>
        </section>
    }
}

fn provider_view(p: ProviderView, today: chrono::NaiveDate, a: Actions) -> impl IntoView {
    let id = p.id;
    let no_widening = p.widenings.is_empty();
    let invite_name = format!("staff-name-{id}");
    let invite_role = format!("staff-role-{id}");
    let widen_role = format!("widen-role-{id}");
    let widen_class = format!("widen-class-{id}");
    view! {
        <section class="card provider">
            <h2>{p.name.clone()}</h2>
            <p class="hint">{t(p.service_type.label_key())}</p>
            <h3>{t("admin-staff")}</h3>
            <ul class="members">
                {p.staff
                    .into_iter()
                    .map(|s| {
                        let status = if s.joined { t("team-joined") } else { t("team-not-joined") };
                        let ending = work_end_status(s.ends_on, today);
                        // Work that has ended is history: nothing more to end.
                        let end_form = s
                            .ends_on
                            .is_none_or(|on| on > today)
                            .then(|| end_work_form(id, s.person, s.name.clone(), today, a));
                        // Never for an administrator (oneself included): no
                        // administrator can take over another's sign-in.
                        let reinvite = s.role != Role::ProviderAdmin
                            && s.ends_on.is_none_or(|on| on > today);
                        view! {
                            <li class="member">
                                <strong class="member-name">{s.name.clone()}</strong>
                                <span>{t(s.role.label_key())}</span>
                                <span class="member-status">{status}</span>
                                {ending.map(|e| view! { <span class="member-status">{e}</span> })}
                                {reinvite.then(|| view! {
                                    <InvitationForm handing=Handing::StaffAgain words=invitation::words()>
                                        <input type="hidden" name="provider" value=id.to_string() />
                                        <input type="hidden" name="person" value=s.person.to_string() />
                                        <button type="submit" class="link-button needs-hydration">
                                            {t_with("admin-reinvite", &[("name", s.name.clone())])}
                                        </button>
                                    </InvitationForm>
                                })}
                                {end_form}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>{t("admin-invite")}</h3>
            <InvitationForm handing=Handing::Staff words=invitation::words()>
                <input type="hidden" name="provider" value=id.to_string() />
                <div class="field">
                    <label for=invite_name.clone()>{t("field-name")}</label>
                    <input id=invite_name name="name" type="text" maxlength="100" required />
                </div>
                <div class="field">
                    <label for=invite_role.clone()>{t("field-role")}</label>
                    <select id=invite_role name="role">
                        {STAFF_ROLES
                            .iter()
                            .map(|r| view! { <option value=r.code()>{t(r.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary needs-hydration">{t("team-invite-button")}</button>
                <p class="notice needs-js">{t("team-needs-js")}</p>
            </InvitationForm>
            <h3>{t("admin-policy")}</h3>
            <p>{t("admin-policy-default")}</p>
            <Show when=move || no_widening>
                <p class="empty">{t("admin-policy-none")}</p>
            </Show>
            <ul class="widenings">
                {p.widenings
                    .into_iter()
                    .map(|w| {
                        let text = t_with(
                            "admin-policy-widened",
                            &[("role", t(w.role.label_key())), ("class", t(w.class.label_key()))],
                        );
                        view! {
                            <li>
                                <span>{text}</span>
                                <ActionForm action=a.narrow>
                                    <input type="hidden" name="provider" value=id.to_string() />
                                    <input type="hidden" name="widening" value=w.id />
                                    <button type="submit" class="link-button">{t("admin-policy-narrow")}</button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ActionForm action=a.widen>
                <input type="hidden" name="provider" value=id.to_string() />
                <div class="field">
                    <label for=widen_role.clone()>{t("field-role")}</label>
                    <select id=widen_role name="role">
                        {[Role::CareWorker, Role::Dietitian, Role::CommunityCenter]
                            .iter()
                            .map(|r| view! { <option value=r.code()>{t(r.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=widen_class.clone()>{t("admin-policy-class")}</label>
                    <select id=widen_class name="class">
                        {[InfoClass::Medical, InfoClass::Acp]
                            .iter()
                            .map(|c| view! { <option value=c.code()>{t(c.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary">{t("admin-policy-widen")}</button>
            </ActionForm>
        </section>
    }
}

/// 「2027年3月31日(水)で仕事を終えます」, or None while no end is set.
fn work_end_status(ends_on: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> Option<String> {
    let on = ends_on?;
    let key = if on <= today {
        "admin-work-ended"
    } else {
        "admin-work-ends"
    };
    Some(t_with(
        key,
        &[("date", crate::domain::time::japanese_date(on))],
    ))
}

/// Ends one staff member's work from a day (today or later): a plain form
/// post, folded away so it is not pressed by chance.
fn end_work_form(
    provider: crate::domain::ids::ProviderId,
    person: crate::domain::ids::PersonId,
    name: String,
    today: chrono::NaiveDate,
    a: Actions,
) -> impl IntoView {
    let day_id = format!("work-end-{person}");
    let last = today
        .checked_add_days(chrono::Days::new(crate::domain::work_end::MAX_DAYS_AHEAD))
        .unwrap_or(today);
    view! {
        <details class="member-actions">
            <summary>{t_with("admin-end-work", &[("name", name)])}</summary>
            <p class="hint">{t("admin-end-work-explain")}</p>
            <ActionForm action=a.end>
                <input type="hidden" name="provider" value=provider.to_string() />
                <input type="hidden" name="person" value=person.to_string() />
                <div class="field">
                    <label for=day_id.clone()>{t("field-work-end-date")}</label>
                    <input
                        id=day_id
                        name="on"
                        type="date"
                        value=today.to_string()
                        min=today.to_string()
                        max=last.to_string()
                        required
                    />
                </div>
                <button type="submit" class="danger">{t("admin-end-work-button")}</button>
            </ActionForm>
        </details>
    }
}
