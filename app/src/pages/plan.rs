//! `/r/:id/plan`: the newest care plan in plain words — 第1表's wishes and
//! policy, then 第2表 as 「こまっていること → めざすこと → だれが、なにを、
//! どのくらい」.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::plan::{care_plan, PlanSummary, PlanView};
use crate::components::furigana::{ruby_view, terms_view};
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::care_plan::Need;
use crate::domain::plain::{AimInWords, HelpInWords, NeedInWords, PlainNote, TermNote};

#[component]
pub fn PlanPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        care_plan,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <PlanContent view /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn note(n: &PlainNote) -> AnyView {
    ruby_view(n.segments())
}

/// Every glossary word of a card's texts, each once.
fn card_terms<'a>(notes: impl IntoIterator<Item = &'a PlainNote>) -> Vec<TermNote> {
    let mut out: Vec<TermNote> = Vec::new();
    for t in notes.into_iter().flat_map(|n| &n.terms) {
        if !out.iter().any(|o| o.term == t.term) {
            out.push(t.clone());
        }
    }
    out
}

/// The notes of an aim, its steps and the help towards them.
fn aim_notes(a: &AimInWords) -> Vec<&PlainNote> {
    let mut out = vec![&a.aim];
    for h in &a.help {
        out.extend([&h.kind, &h.what, &h.how_often]);
    }
    for s in &a.steps {
        out.extend(aim_notes(s));
    }
    out
}

#[component]
fn PlanContent(view: PlanView) -> impl IntoView {
    let name = view.recipient.name.clone();
    let back = format!("/r/{}", view.recipient.id);
    view! {
        <leptos_meta::Title text=t_with("plan-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("plan-heading")}</h1>
        {match view.plan {
            Some(plan) => plan_body(plan),
            None => view! { <p class="empty">{t("plan-empty")}</p> }.into_any(),
        }}
        <p class="back"><a href=back>{t("plan-back")}</a></p>
    }
}

fn plan_body(plan: PlanSummary) -> AnyView {
    let made = t_with(
        "plan-made-on",
        &[
            ("date", japanese_date(plan.made_on)),
            ("version", plan.version.to_string()),
        ],
    );
    let w = plan.words;
    let original = plan.original;
    let written_by = t_with(
        "plan-written-by",
        &[
            ("name", plan.author_name),
            ("date", japanese_date(plan.made_on)),
        ],
    );
    let wish_original = original_view(
        original.table1.intention.as_str().to_string(),
        written_by.clone(),
    );
    let policy_original = original_view(
        original.table1.policy.as_str().to_string(),
        written_by.clone(),
    );
    let wish_terms = terms_view(card_terms(w.voices.iter().map(|v| &v.words)));
    let policy_terms = terms_view(card_terms(&w.policy));
    view! {
        <p class="plan-made">{made}</p>
        <section class="card plan-wishes">
            <h2>{t("plan-wishes")}</h2>
            <ul>
                {w.voices
                    .iter()
                    .map(|v| {
                        let who = v.who.clone().map(|who| view! { <strong class="who">{who}</strong> " " });
                        view! { <li>{who}{note(&v.words)}</li> }
                    })
                    .collect_view()}
            </ul>
            {wish_terms}
            {wish_original}
        </section>
        <section class="card plan-policy">
            <h2>{t("plan-policy")}</h2>
            <ul>{w.policy.iter().map(|p| view! { <li>{note(p)}</li> }).collect_view()}</ul>
            {policy_terms}
            {policy_original}
        </section>
        {w.needs
            .iter()
            .zip(original.needs.iter())
            .map(|(n, o)| need_card(n, need_original(o), written_by.clone()))
            .collect_view()}
    }
    .into_any()
}

/// 「元のプラン」: the care manager's own words, who wrote them and when.
fn original_view(text: String, written_by: String) -> AnyView {
    view! {
        <details class="original">
            <summary>{t("plan-original")}</summary>
            <p class="original-text" lang="ja">{text}</p>
            <p class="original-meta">{written_by}</p>
        </details>
    }
    .into_any()
}

/// One 課題 of 第2表 as written: the need, each goal with its period and
/// the services under it.
fn need_original(n: &Need) -> String {
    let mut out = n.need.as_str().to_string();
    for long in &n.long_goals {
        out.push_str(&format!(
            "\n長期目標: {}({}〜{})",
            long.goal.as_str(),
            long.period.from(),
            long.period.to()
        ));
        for short in &long.short_goals {
            out.push_str(&format!(
                "\n短期目標: {}({}〜{})",
                short.goal.as_str(),
                short.period.from(),
                short.period.to()
            ));
            for s in &short.services {
                out.push_str(&format!(
                    "\n・{} / {} / {} / {}",
                    s.content.as_str(),
                    s.kind.as_str(),
                    s.provider_name,
                    s.frequency.as_str()
                ));
            }
        }
    }
    out
}

fn need_card(n: &NeedInWords, original: String, written_by: String) -> impl IntoView {
    let mut notes = vec![&n.trouble];
    for a in &n.aims {
        notes.extend(aim_notes(a));
    }
    let terms = terms_view(card_terms(notes));
    view! {
        <section class="card plan-need">
            <h2>{t("plan-trouble")}</h2>
            <p class="trouble">{note(&n.trouble)}</p>
            {n.aims.iter().map(|a| aim(a, "plan-aim")).collect_view()}
            {terms}
            {original_view(original, written_by)}
        </section>
    }
}

/// A long-term aim (`label` plan-aim) or a step towards it (plan-step).
fn aim(a: &AimInWords, label: &'static str) -> AnyView {
    let by = t_with("plan-by", &[("date", a.by.clone())]);
    let steps = a.steps.iter().map(|s| aim(s, "plan-step")).collect_view();
    let help = (!a.help.is_empty()).then(|| {
        view! {
            <table class="plan-help">
                <thead>
                    <tr>
                        <th scope="col">{t("plan-who")}</th>
                        <th scope="col">{t("plan-what")}</th>
                        <th scope="col">{t("plan-how-often")}</th>
                    </tr>
                </thead>
                <tbody>{a.help.iter().map(help_row).collect_view()}</tbody>
            </table>
        }
    });
    view! {
        <div class="plan-aim">
            <h3>{t(label)}<span class="plan-by">{by}</span></h3>
            <p>{note(&a.aim)}</p>
            {help}
            {steps}
        </div>
    }
    .into_any()
}

fn help_row(h: &HelpInWords) -> impl IntoView {
    view! {
        <tr>
            <td>{h.who.clone()} <span class="plan-kind">{note(&h.kind)}</span></td>
            <td>{note(&h.what)}</td>
            <td>{note(&h.how_often)}</td>
        </tr>
    }
}
