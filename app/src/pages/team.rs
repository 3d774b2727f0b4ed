//! `/r/:id/team`: the care manager's page about the people around one
//! recipient — 本人 and family (invite, a new link after a lost phone, the
//! legal representative), the care team (add staff), and the day a
//! relationship ends (利用終了, 死亡), after which that person sees nothing.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::team::{team, AddToTeam, EndRelationship, SetRepresentative, TeamView};
use crate::components::{t, t_with, ErrorNotice, NotSavedNotice};
use crate::domain::classes::{EndReason, RelationKind};
use crate::domain::ids::RecipientId;
use crate::domain::people::Member;
use crate::islands::invitation::{self, Handing, InvitationForm};

#[derive(Clone, Copy)]
struct Actions {
    end: ServerAction<EndRelationship>,
    representative: ServerAction<SetRepresentative>,
    add: ServerAction<AddToTeam>,
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let params = use_params_map();
    let a = Actions {
        end: ServerAction::new(),
        representative: ServerAction::new(),
        add: ServerAction::new(),
    };
    // The forms are plain posts: the page comes back with the change, or
    // with the refusal (which these actions read from the address).
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), team);
    let problem = move || {
        a.end
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| a.representative.value().get().and_then(Result::err))
            .or_else(|| a.add.value().get().and_then(Result::err))
    };
    view! {
        {move || problem().map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => team_view(view, a).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn team_view(view: TeamView, a: Actions) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let today = view.today;
    let (people, team): (Vec<Member>, Vec<Member>) = view
        .members
        .into_iter()
        .partition(|m| m.kind != RelationKind::Team);
    let no_staff = view.staff.is_empty();
    view! {
        <leptos_meta::Title text=t_with("team-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("team-heading")}</h1>
        <section class="card">
            <h2>{t("team-people")}</h2>
            <ul class="members">
                {people.into_iter().map(|m| member_view(id, m, today, a)).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>{t("team-invite")}</h2>
            <p>{t("team-invite-explain")}</p>
            <InvitationForm handing=Handing::Member words=invitation::words()>
                <input type="hidden" name="recipient" value=id.to_string() />
                <div class="field">
                    <label for="invite-name">{t("field-name")}</label>
                    <input id="invite-name" name="name" type="text" maxlength="100" required />
                </div>
                <div class="field">
                    <label for="invite-kind">{t("team-invite-kind")}</label>
                    <select id="invite-kind" name="kind">
                        <option value="family">{t("relation-family")}</option>
                        <option value="self">{t("relation-self")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="invite-relation">{t("field-family-relation")}</label>
                    <input id="invite-relation" name="relation" type="text" maxlength="20" />
                    <p class="hint">{t("team-invite-relation-hint")}</p>
                </div>
                <button type="submit" class="primary needs-hydration">{t("team-invite-button")}</button>
                <p class="notice needs-js">{t("team-needs-js")}</p>
            </InvitationForm>
        </section>
        <section class="card">
            <h2>{t("team-staff")}</h2>
            <ul class="members">
                {team.into_iter().map(|m| member_view(id, m, today, a)).collect_view()}
            </ul>
            {(!no_staff).then(|| view! {
                <ActionForm action=a.add>
                    <input type="hidden" name="recipient" value=id.to_string() />
                    <div class="field">
                        <label for="add-staff">{t("team-add-label")}</label>
                        <select id="add-staff" name="person">
                            {view
                                .staff
                                .iter()
                                .map(|s| {
                                    let label = format!(
                                        "{}（{}{}）",
                                        s.name,
                                        t(s.role.label_key()),
                                        s.provider.as_ref().map(|p| format!("・{p}")).unwrap_or_default()
                                    );
                                    view! { <option value=s.person.to_string()>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="secondary">{t("team-add-button")}</button>
                </ActionForm>
            })}
        </section>
        <p class="back"><a href=format!("/r/{}", view.recipient.id)>{t("back-to-day")}</a></p>
    }
}

fn member_view(
    recipient: RecipientId,
    m: Member,
    today: chrono::NaiveDate,
    a: Actions,
) -> impl IntoView {
    let live = m.live_on(today);
    let relation = match m.kind {
        RelationKind::SelfPerson => t("relation-self"),
        RelationKind::Family if m.family_relation.is_empty() => t("relation-family"),
        RelationKind::Family => format!("{}（{}）", t("relation-family"), m.family_relation),
        RelationKind::Team => format!(
            "{}{}",
            t(m.role.label_key()),
            m.provider
                .as_ref()
                .map(|p| format!("・{p}"))
                .unwrap_or_default()
        ),
    };
    let status = match m.ended {
        Some((on, why)) if on <= today => t_with(
            "team-ended",
            &[("date", japanese_date(on)), ("reason", t(why.label_key()))],
        ),
        Some((on, why)) => t_with(
            "team-ends",
            &[("date", japanese_date(on)), ("reason", t(why.label_key()))],
        ),
        None if m.joined => t("team-joined"),
        None => t("team-not-joined"),
    };
    let person = m.person;
    let end_id = format!("end-{person}");
    let reason_id = format!("reason-{person}");
    let family = m.kind == RelationKind::Family;
    let not_team = m.kind != RelationKind::Team;
    view! {
        <li class="member" class:ended=!live>
            <strong class="member-name">{m.name.clone()}</strong>
            <span>{relation}</span>
            <span class="member-status">{status}</span>
            {(family && m.representative).then(|| view! { <span class="badge">{t("sharing-representative")}</span> })}
            {live.then(|| view! {
                <details class="member-actions">
                    <summary>{t_with("team-change", &[("name", m.name.clone())])}</summary>
                    {family.then(|| view! {
                        <ActionForm action=a.representative>
                            <input type="hidden" name="recipient" value=recipient.to_string() />
                            <input type="hidden" name="person" value=person.to_string() />
                            <input type="hidden" name="yes" value=if m.representative { "no" } else { "yes" } />
                            <button type="submit" class="secondary">
                                {if m.representative { t("team-representative-clear") } else { t("team-representative-set") }}
                            </button>
                        </ActionForm>
                    })}
                    {not_team.then(|| view! {
                        <InvitationForm handing=Handing::MemberAgain words=invitation::words()>
                            <input type="hidden" name="recipient" value=recipient.to_string() />
                            <input type="hidden" name="person" value=person.to_string() />
                            <p class="hint">{t("team-reinvite-explain")}</p>
                            <button type="submit" class="secondary needs-hydration">{t("team-reinvite")}</button>
                        </InvitationForm>
                    })}
                    <ActionForm action=a.end>
                        <input type="hidden" name="recipient" value=recipient.to_string() />
                        <input type="hidden" name="person" value=person.to_string() />
                        <div class="field">
                            <label for=end_id.clone()>{t("field-end-date")}</label>
                            <input id=end_id name="on" type="date" value=today.to_string() required />
                        </div>
                        <div class="field">
                            <label for=reason_id.clone()>{t("team-end-reason")}</label>
                            <select id=reason_id name="reason">
                                {EndReason::ALL
                                    .iter()
                                    .map(|r| view! { <option value=r.code()>{t(r.label_key())}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="danger">{t("team-end-button")}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}
