//! 人生会議 (ACP): `/r/:id/acp` the newest version, with a reminder when
//! the last talk is more than six months ago; `/r/:id/acp/edit` the form
//! for the next version; `/r/:id/acp/history` every version and what
//! changed between two of them.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::acp::{acp, acp_history, AcpHistoryView, AcpView, SaveAcp};
use crate::api::talk::Acknowledge;
use crate::components::voice::{written_by, AckButton, AckLines, TalkLink, When};
use crate::components::{t, t_with, Done, ErrorNotice, NotSavedNotice};
use crate::domain::acp::{
    treatment_field, AcpAnswers, AcpChange, Choice, Place, ProxyScope, Side, Treatment, LONG_MAX,
    NOTE_MAX, SHORT_MAX,
};
use crate::domain::talk::{Target, TargetKind};
use crate::domain::time::japanese_date;
use crate::islands::counted_text::{counter_words, CountedText};
use crate::islands::print_button::PrintButton;

#[component]
pub fn AcpPage() -> impl IntoView {
    let params = use_params_map();
    let ack = ServerAction::<Acknowledge>::new();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), acp);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => acp_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
        {move || ack.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
    }
}

fn acp_view(view: AcpView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let reminder = view.talk_again.then(|| {
        let text = match view.last_talk {
            Some(d) => t_with("acp-talk-again", &[("date", japanese_date(d))]),
            None => t("acp-talk-first"),
        };
        view! { <p class="notice acp-reminder" role="status">{text}</p> }
    });
    let links = view! {
        <nav class="recipient-links" aria-label=t("acp-links")>
            {view.may_write.then(|| view! { <a href=format!("/r/{id}/acp/edit")>{t("acp-edit-link")}</a> })}
            <a href=format!("/r/{id}/acp/history")>{t("acp-history-link")}</a>
            <a href=format!("/r/{id}/acp/fhir.json") download="acp.json">{t("acp-fhir-link")}</a>
        </nav>
    };
    view! {
        <leptos_meta::Title text=t_with("acp-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("acp-heading")}</h1>
        <p>{t("acp-intro")}</p>
        <Done of=SaveAcp::PATH text=t("acp-saved") />
        <Done of=Acknowledge::PATH text=t("voice-acked") />
        {reminder}
        {links}
        {match view.current {
            None => view! { <p class="empty">{t("acp-empty")}</p> }.into_any(),
            Some(item) => {
                let v = item.version;
                let target = Target { kind: TargetKind::Acp, id: v.id.clone() };
                view! {
                    <section class="card acp-version" data-version=v.version>
                        <h2>{t_with("acp-version", &[("n", v.version.to_string())])}</h2>
                        <p class="by-line">{written_by(&v.author_name, v.author_relation)} " " <When at=v.written_at /></p>
                        <AckLines acks=item.acks />
                        {item.may_ack.then(|| view! { <AckButton recipient=id kind="acp" object=v.id.clone() /> })}
                        <TalkLink recipient=id target count=item.comments unread=item.unread />
                    </section>
                    {(!view.changes.is_empty()).then(|| view! {
                        <section class="card acp-changes">
                            <h2>{t("acp-changed-last")}</h2>
                            <ChangeList changes=view.changes.clone() />
                        </section>
                    })}
                    <AnswersView answers=v.answers />
                    <PrintButton>{t("acp-print")}</PrintButton>
                }
                .into_any()
            }
        }}
        <p class="back"><a href=format!("/r/{id}")>{t("back-to-day")}</a></p>
    }
}

/// A version's answers, each with the words written beside it.
#[component]
fn AnswersView(answers: AcpAnswers) -> impl IntoView {
    let a = answers;
    let words =
        |s: &str| (!s.is_empty()).then(|| view! { <p class="user-text">{s.to_string()}</p> });
    view! {
        <section class="card acp-answers">
            <h2>{t("field-acp-values")}</h2>
            {if a.values.is_empty() {
                view! { <p class="empty">{t("acp-not-written")}</p> }.into_any()
            } else {
                view! { <p class="user-text">{a.values.clone()}</p> }.into_any()
            }}
            <h2>{t("acp-places")}</h2>
            <dl class="acp-list">
                <dt>{t("field-acp-care-place")}</dt>
                <dd data-field="care_place"><strong>{t(a.care_place.label_key())}</strong>{words(&a.care_place_note)}</dd>
                <dt>{t("field-acp-end-place")}</dt>
                <dd data-field="end_place"><strong>{t(a.end_place.label_key())}</strong>{words(&a.end_place_note)}</dd>
            </dl>
            <h2>{t("acp-treatments")}</h2>
            <dl class="acp-list">
                {Treatment::ALL
                    .iter()
                    .map(|tr| {
                        let ans = a.treatment(*tr);
                        view! {
                            <dt>{t(treatment_field(*tr).label_key())}</dt>
                            <dd data-field=tr.code()><strong>{t(ans.choice.label_key())}</strong>{words(&ans.note)}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
            <h2>{t("field-acp-proxy")}</h2>
            {if a.proxy_name.is_empty() {
                view! { <p class="empty">{t("acp-no-proxy")}</p> }.into_any()
            } else {
                let who = if a.proxy_relation.is_empty() {
                    a.proxy_name.clone()
                } else {
                    format!("{}({})", a.proxy_name, a.proxy_relation)
                };
                view! { <p class="user-text">{who}</p> }.into_any()
            }}
            <dl class="acp-list">
                <dt>{t("field-acp-proxy-scope")}</dt>
                <dd data-field="proxy_scope"><strong>{t(a.proxy_scope.label_key())}</strong>{words(&a.proxy_note)}</dd>
            </dl>
            <h2>{t("acp-talk")}</h2>
            <dl class="acp-list">
                <dt>{t("field-acp-discussed-on")}</dt>
                <dd>{a.discussed_on.map(japanese_date).unwrap_or_else(|| t("acp-not-written"))}</dd>
                <dt>{t("field-acp-participants")}</dt>
                <dd>{if a.participants.is_empty() { t("acp-not-written") } else { a.participants.clone() }}</dd>
            </dl>
            <h2>{t("field-acp-notes")}</h2>
            {if a.notes.is_empty() {
                view! { <p class="empty">{t("acp-not-written")}</p> }.into_any()
            } else {
                view! { <p class="user-text">{a.notes.clone()}</p> }.into_any()
            }}
        </section>
    }
}

/// 「心肺蘇生: まだ決めていない → 受けたくない」, one line per change.
#[component]
fn ChangeList(changes: Vec<AcpChange>) -> impl IntoView {
    let side = |s: Side| match s {
        Side::Choice(key) => t(&key),
        Side::Text(text) if text.is_empty() => t("acp-not-written"),
        Side::Text(text) => text,
        Side::Date(Some(d)) => japanese_date(d),
        Side::Date(None) => t("acp-not-written"),
    };
    view! {
        <ul class="acp-change-list">
            {changes
                .into_iter()
                .map(|c| {
                    view! {
                        <li class="acp-change">
                            <strong>
                                {t(c.field.label_key())}
                                {c.note.then(|| t("acp-change-note"))}
                            </strong>
                            <span class="before">{side(c.before)}</span>
                            <span class="arrow" aria-hidden="true">" → "</span>
                            <span class="visually-hidden">{t("acp-changed-to")}</span>
                            <span class="after">{side(c.after)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn AcpEditPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveAcp>::new();
    let data = Resource::new(move || params.read().get("id").unwrap_or_default(), acp);
    view! {
        // A refusal first: after a save that came too late, the form below
        // already holds the newer version.
        {move || save.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => edit_view(view, save).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn edit_view(view: AcpView, save: ServerAction<SaveAcp>) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    if !view.may_write {
        return view! {
            <leptos_meta::Title text=t_with("acp-edit-title", &[("name", name.clone())]) />
            <p class="recipient-name">{name}</p>
            <h1>{t("acp-edit-heading")}</h1>
            <p class="notice">{t("acp-not-allowed")}</p>
        }
        .into_any();
    }
    let f = view.form;
    let counted = move |field: &str, name: &str, value: String, max: usize, rows: u32| {
        view! {
            <CountedText
                id=format!("acp-{field}")
                name=format!("form[{name}]")
                max
                value
                rows
                required=false
                words=counter_words()
            />
        }
    };
    let place = |name: &'static str, chosen: &str| {
        view! {
            <select id=format!("acp-{name}") name=format!("form[{name}]")>
                {Place::ALL
                    .iter()
                    .map(|p| view! { <option value=p.code() selected=p.code() == chosen>{t(p.label_key())}</option> })
                    .collect_view()}
            </select>
        }
    };
    let treatments = Treatment::ALL
        .iter()
        .map(|tr| {
            let (chosen, note) = match tr {
                Treatment::Cpr => (f.cpr.clone(), f.cpr_note.clone()),
                Treatment::Ventilator => (f.ventilator.clone(), f.ventilator_note.clone()),
                Treatment::TubeFeeding => (f.tube_feeding.clone(), f.tube_feeding_note.clone()),
                Treatment::Drip => (f.drip.clone(), f.drip_note.clone()),
                Treatment::Hospital => (f.hospital.clone(), f.hospital_note.clone()),
            };
            let code = tr.code();
            view! {
                <fieldset class="field acp-choice" data-field=code>
                    <legend>{t(treatment_field(*tr).label_key())}</legend>
                    <p class="hint">{t(&format!("acp-explain-{}", code.replace('_', "-")))}</p>
                    <div class="choices-row">
                        {Choice::ALL
                            .iter()
                            .map(|c| {
                                let input_id = format!("acp-{code}-{}", c.code());
                                view! {
                                    <label class="choice-pill" for=input_id.clone()>
                                        <input
                                            type="radio"
                                            id=input_id.clone()
                                            name=format!("form[{code}]")
                                            value=c.code()
                                            checked=c.code() == chosen || (chosen.is_empty() && *c == Choice::Undecided)
                                        />
                                        {t(c.label_key())}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    <label for=format!("acp-{code}_note")>{t("acp-note")}</label>
                    {counted(&format!("{code}_note"), &format!("{code}_note"), note, NOTE_MAX, 2)}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <leptos_meta::Title text=t_with("acp-edit-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("acp-edit-heading")}</h1>
        <p>{t("acp-edit-intro")}</p>
        <ActionForm action=save attr:class="acp-form">
            <input type="hidden" name="recipient" value=id.to_string() />
            <input type="hidden" name="base" value=view.base.to_string() />
            <section class="card">
                <div class="field">
                    <label for="acp-values">{t("field-acp-values")}</label>
                    <p class="hint">{t("acp-explain-values")}</p>
                    {counted("values", "values", f.values.clone(), LONG_MAX, 4)}
                </div>
            </section>
            <section class="card">
                <h2>{t("acp-places")}</h2>
                <div class="field">
                    <label for="acp-care_place">{t("field-acp-care-place")}</label>
                    {place("care_place", &f.care_place)}
                    <label for="acp-care_place_note">{t("acp-note")}</label>
                    {counted("care_place_note", "care_place_note", f.care_place_note.clone(), NOTE_MAX, 2)}
                </div>
                <div class="field">
                    <label for="acp-end_place">{t("field-acp-end-place")}</label>
                    {place("end_place", &f.end_place)}
                    <label for="acp-end_place_note">{t("acp-note")}</label>
                    {counted("end_place_note", "end_place_note", f.end_place_note.clone(), NOTE_MAX, 2)}
                </div>
            </section>
            <section class="card">
                <h2>{t("acp-treatments")}</h2>
                <p class="hint">{t("acp-treatments-hint")}</p>
                {treatments}
            </section>
            <section class="card">
                <h2>{t("field-acp-proxy")}</h2>
                <div class="field">
                    <label for="acp-proxy-name">{t("acp-proxy-name")}</label>
                    <input id="acp-proxy-name" name="form[proxy_name]" type="text" maxlength=SHORT_MAX value=f.proxy_name.clone() />
                </div>
                <div class="field">
                    <label for="acp-proxy-relation">{t("acp-proxy-relation")}</label>
                    <input id="acp-proxy-relation" name="form[proxy_relation]" type="text" maxlength=SHORT_MAX value=f.proxy_relation.clone() />
                </div>
                <div class="field">
                    <label for="acp-proxy_scope">{t("field-acp-proxy-scope")}</label>
                    <select id="acp-proxy_scope" name="form[proxy_scope]">
                        {ProxyScope::ALL
                            .iter()
                            .map(|s| view! { <option value=s.code() selected=s.code() == f.proxy_scope>{t(s.label_key())}</option> })
                            .collect_view()}
                    </select>
                    <label for="acp-proxy_note">{t("acp-note")}</label>
                    {counted("proxy_note", "proxy_note", f.proxy_note.clone(), NOTE_MAX, 2)}
                </div>
            </section>
            <section class="card">
                <h2>{t("acp-talk")}</h2>
                <div class="field">
                    <label for="acp-discussed-on">{t("field-acp-discussed-on")}</label>
                    <input id="acp-discussed-on" name="form[discussed_on]" type="date" value=f.discussed_on.clone() />
                </div>
                <div class="field">
                    <label for="acp-participants">{t("field-acp-participants")}</label>
                    <input id="acp-participants" name="form[participants]" type="text" maxlength=SHORT_MAX value=f.participants.clone() />
                </div>
                <div class="field">
                    <label for="acp-notes">{t("field-acp-notes")}</label>
                    {counted("notes", "notes", f.notes.clone(), LONG_MAX, 4)}
                </div>
            </section>
            <button type="submit" class="primary">{t("acp-save")}</button>
        </ActionForm>
        <p class="back"><a href=format!("/r/{id}/acp")>{t("acp-back")}</a></p>
    }
    .into_any()
}

#[component]
pub fn AcpHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("from"),
                query.read().get("to"),
            )
        },
        |(id, from, to)| acp_history(id, from, to),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => history_view(view).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn history_view(view: AcpHistoryView) -> impl IntoView {
    let id = view.recipient.id;
    let name = view.recipient.name.clone();
    let numbers: Vec<i64> = view.versions.iter().map(|v| v.version).collect();
    let (from, to) = view
        .compared
        .as_ref()
        .map(|(a, b, _)| (*a, *b))
        .unwrap_or((0, 0));
    let pick = move |name: &'static str, label: String, chosen: i64| {
        let numbers = numbers.clone();
        view! {
            <div class="field">
                <label for=format!("compare-{name}")>{label}</label>
                <select id=format!("compare-{name}") name=name>
                    {numbers
                        .into_iter()
                        .map(|n| view! { <option value=n.to_string() selected=n == chosen>{t_with("acp-version", &[("n", n.to_string())])}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let several = view.versions.len() > 1;
    view! {
        <leptos_meta::Title text=t_with("acp-history-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("acp-history-heading")}</h1>
        <p>{t("acp-history-intro")}</p>
        {view.versions.is_empty().then(|| view! { <p class="empty">{t("acp-empty")}</p> })}
        {view.compared.map(|(a, b, changes)| {
            let empty = changes.is_empty();
            view! {
                <section class="card acp-compare">
                    <h2>{t_with("acp-compare-heading", &[("from", a.to_string()), ("to", b.to_string())])}</h2>
                    {empty.then(|| view! { <p class="empty">{t("acp-no-changes")}</p> })}
                    <ChangeList changes />
                </section>
            }
        })}
        {several.then(|| view! {
            <form method="get" class="card compare-form">
                {pick("from", t("acp-compare-from"), from)}
                {pick("to", t("acp-compare-to"), to)}
                <button type="submit" class="secondary">{t("acp-compare")}</button>
            </form>
        })}
        <section class="card">
            <h2>{t("acp-versions")}</h2>
            <ul class="acp-versions">
                {view
                    .versions
                    .into_iter()
                    .map(|v| {
                        view! {
                            <li class="acp-version-line" data-version=v.version>
                                <strong>{t_with("acp-version", &[("n", v.version.to_string())])}</strong> " "
                                {written_by(&v.author_name, v.author_relation)} " "
                                <When at=v.written_at />
                                {v.discussed_on.map(|d| view! { <p>{t_with("acp-discussed", &[("date", japanese_date(d))])}</p> })}
                                <AckLines acks=v.acks />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <p class="back"><a href=format!("/r/{id}/acp")>{t("acp-back")}</a></p>
    }
}
