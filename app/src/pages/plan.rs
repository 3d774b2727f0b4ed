//! `/r/:id/plan`: the newest care plan in plain words — 第1表's wishes and
//! policy, then 第2表 as 「こまっていること → めざすこと → だれが、なにを、
//! どのくらい」, 第3表 as the week (today first) and the day's rhythm, and
//! 「前のプランから変わったところ」 when there was a plan before.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::day::japanese_date;
use crate::api::plan::{care_plan, ChangeGroup, ChangesView, PlanSummary, PlanView};
use crate::components::furigana::{ruby_view, terms_view};
use crate::components::{t, t_with, ErrorNotice};
use crate::domain::care_plan::Need;
use crate::domain::care_plan::{DailyActivity, WeeklySlot};
use crate::domain::plain::{AimInWords, HelpInWords, NeedInWords, PlainNote, RubyText, TermNote};

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
        {view.may_edit.then(|| {
            let href = format!("/r/{}/plan/edit", view.recipient.id);
            view! { <p class="plan-edit-link"><a class="button" href=href>{t("plan-edit-link")}</a></p> }
        })}
        {match view.plan {
            Some(plan) => plan_body(view.recipient.id, plan),
            None => view! { <p class="empty">{t("plan-empty")}</p> }.into_any(),
        }}
        <p class="back"><a href=back>{t("plan-back")}</a></p>
    }
}

fn plan_body(recipient: crate::domain::ids::RecipientId, plan: PlanSummary) -> AnyView {
    let goal_ids = plan.goal_ids.clone();
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
    let changes = plan.changes.map(changes_view);
    let week = week_view(&original.weekly, &plan.week_words, plan.today_weekday);
    let rhythm = rhythm_view(&original.daily_activities, &plan.daily_words);
    let wish_terms = terms_view(card_terms(w.voices.iter().map(|v| &v.words)));
    let policy_terms = terms_view(card_terms(&w.policy));
    view! {
        <p class="plan-made">{made}</p>
        {changes}
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
            .enumerate()
            .map(|(i, (n, o))| {
                let talk: Vec<String> = goal_ids
                    .get(i)
                    .map(|ids| ids.iter().map(|g| format!("/r/{recipient}/talk/goal/{g}")).collect())
                    .unwrap_or_default();
                need_card(n, need_original(o), written_by.clone(), talk)
            })
            .collect_view()}
        {week}
        {rhythm}
    }
    .into_any()
}

/// 「前のプランから変わったところ」: what started, what comes more or less
/// often, what ended, and whether the wishes or the policy were rewritten.
fn changes_view(c: ChangesView) -> impl IntoView {
    let since = t_with(
        "plan-changes-since",
        &[
            ("date", japanese_date(c.since_made_on)),
            ("version", c.since_version.to_string()),
        ],
    );
    let nothing = c.lines.is_empty() && !c.wishes_changed && !c.policy_changed;
    let rewritten = [
        (c.wishes_changed, "plan-changes-wishes"),
        (c.policy_changed, "plan-changes-policy"),
    ];
    view! {
        <section class="card plan-changes" aria-labelledby="plan-changes-heading">
            <h2 id="plan-changes-heading">{t("plan-changes")}</h2>
            <p>{since}</p>
            {nothing.then(|| view! { <p class="empty">{t("plan-changes-none")}</p> })}
            {ChangeGroup::ALL
                .into_iter()
                .filter_map(|g| {
                    let lines: Vec<_> = c.lines.iter().filter(|l| l.change.group() == g).collect();
                    (!lines.is_empty()).then(|| {
                        view! {
                            <h3>{t(g.label_key())}</h3>
                            <ul class="change-list">
                                {lines
                                    .into_iter()
                                    .map(|l| {
                                        let was = l.was.clone().map(|w| {
                                            view! { <span class="change-was">{t_with("plan-changes-was", &[("was", w)])}</span> }
                                        });
                                        view! { <li data-change=format!("{:?}", l.change)>{note(&l.words)} " " {was}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
                })
                .collect_view()}
            {rewritten
                .into_iter()
                .filter(|(changed, _)| *changed)
                .map(|(_, key)| view! { <p class="change-rewritten">{t(key)}</p> })
                .collect_view()}
        </section>
    }
}

/// 第3表 as a week a phone can read: one day under another, today first,
/// each visit with its time. Days without a service say so.
fn week_view(slots: &[WeeklySlot], words: &[RubyText], today: u8) -> impl IntoView {
    let days: Vec<u8> = (0..7).map(|i| (today + i) % 7).collect();
    view! {
        <section class="card plan-week" aria-labelledby="plan-week-heading">
            <h2 id="plan-week-heading">{t("plan-week")}</h2>
            {days
                .into_iter()
                .map(|d| {
                    let mut visits: Vec<(&WeeklySlot, Option<&RubyText>)> = slots
                        .iter()
                        .zip(words.iter().map(Some).chain(std::iter::repeat(None)))
                        .filter(|(s, _)| s.weekday == d)
                        .collect();
                    visits.sort_by_key(|(s, _)| s.start);
                    let name = t(&format!("weekday-{d}"));
                    let label = if d == today { t_with("plan-week-today", &[("day", name)]) } else { name };
                    view! {
                        <div class="week-day" aria-current=(d == today).then_some("date")>
                            <h3>{label}</h3>
                            {if visits.is_empty() {
                                view! { <p class="empty">{t("plan-week-none")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="visits">
                                        {visits
                                            .into_iter()
                                            .map(|(s, w)| {
                                                let what = match w {
                                                    Some(w) => ruby_view(w.segments()).into_any(),
                                                    None => s.content.clone().into_any(),
                                                };
                                                view! {
                                                    <li>
                                                        <span class="visit-time">{format!("{}〜{}", s.start.hhmm(), s.end.hhmm())}</span>
                                                        " "
                                                        <span class="visit-what">{what}</span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// 第3表 主な日常生活上の活動: the person's usual day.
fn rhythm_view(day: &[DailyActivity], words: &[RubyText]) -> Option<impl IntoView> {
    (!day.is_empty()).then(|| {
        view! {
            <section class="card plan-rhythm" aria-labelledby="plan-rhythm-heading">
                <h2 id="plan-rhythm-heading">{t("plan-rhythm")}</h2>
                <ul class="visits">
                    {day
                        .iter()
                        .zip(words)
                        .map(|(a, w)| view! {
                            <li>
                                <span class="visit-time">{a.at.hhmm()}</span>
                                " "
                                <span class="visit-what">{ruby_view(w.segments())}</span>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
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

/// `talk`: the address of each long-term goal's comments, in order.
fn need_card(
    n: &NeedInWords,
    original: String,
    written_by: String,
    talk: Vec<String>,
) -> impl IntoView {
    let mut notes = vec![&n.trouble];
    for a in &n.aims {
        notes.extend(aim_notes(a));
    }
    let terms = terms_view(card_terms(notes));
    view! {
        <section class="card plan-need">
            <h2>{t("plan-trouble")}</h2>
            <p class="trouble">{note(&n.trouble)}</p>
            {n
                .aims
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let link = talk.get(i).cloned().map(|href| {
                        view! { <a class="talk-link" href=href>{t("talk-on-goal")}</a> }
                    });
                    view! { {aim(a, "plan-aim")} {link} }
                })
                .collect_view()}
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
