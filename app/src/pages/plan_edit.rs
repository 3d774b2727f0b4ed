//! `/r/:id/plan/edit`: the care manager writes the next version of the
//! care plan — 第1表, 第2表 as the lines of the paper form, 第3表's week and
//! day. Plain HTML: blank lines wait under 「行を足す」, a line goes with
//! 「この行を消す」, so the form works the same without JavaScript. A
//! refused save comes back as typed (the server keeps the draft).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::plan_edit::{plan_editor, PlanEditorView, SavePlan};
use crate::components::{t, t_with, ErrorNotice, NotSavedNotice};
use crate::domain::care_plan::{GoalText, NeedText, PlanIntention, PlanPolicy, ServiceContent};
use crate::domain::classes::CareLevel;
use crate::domain::plan_form::{DayLine, Table2Line, WeekLine, ACTIVITY_MAX, OTHER_SERVICES_MAX};

/// Blank lines shown under the filled ones, and more behind 「行を足す」.
const BLANK_LINES: usize = 1;
const MORE_LINES: usize = 6;

#[component]
pub fn PlanEditPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SavePlan>::new();
    // After a refused save the editor asks again: the server hands back
    // the form as typed (and, after a newer save, on top of that version).
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                save.version().get(),
            )
        },
        |(id, _)| plan_editor(id),
    );
    view! {
        {move || save.value().get().and_then(Result::err).map(|e| view! { <NotSavedNotice error=e /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => editor_view(page, save).into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn editor_view(page: PlanEditorView, save: ServerAction<SavePlan>) -> impl IntoView {
    let id = page.recipient.id;
    let name = page.recipient.name.clone();
    let f = page.form;
    let intro = if page.base == 0 {
        t("plan-edit-first")
    } else {
        t_with(
            "plan-edit-base",
            &[
                ("version", page.base.to_string()),
                ("next", (page.base + 1).to_string()),
            ],
        )
    };
    let filled = f.lines.len();
    let mut lines = f.lines.clone();
    lines.extend(std::iter::repeat_n(
        Table2Line::default(),
        BLANK_LINES + MORE_LINES,
    ));
    let (shown, more) = lines.split_at(filled + BLANK_LINES);
    let weeks = f.week.len();
    let mut week = f.week.clone();
    week.extend(std::iter::repeat_n(
        WeekLine::default(),
        BLANK_LINES + MORE_LINES,
    ));
    let (week_shown, week_more) = week.split_at(weeks + BLANK_LINES);
    let days = f.day.len();
    let mut day = f.day.clone();
    day.extend(std::iter::repeat_n(
        DayLine::default(),
        BLANK_LINES + MORE_LINES,
    ));
    let (day_shown, day_more) = day.split_at(days + BLANK_LINES);
    // Built here: the lists borrow the lines above, the view owns its parts.
    let lines_shown = shown
        .iter()
        .enumerate()
        .map(|(i, l)| table2_line(i, l, i < filled))
        .collect_view();
    let lines_more = more
        .iter()
        .enumerate()
        .map(|(i, l)| table2_line(shown.len() + i, l, false))
        .collect_view();
    let week_shown_view = week_shown
        .iter()
        .enumerate()
        .map(|(i, w)| week_line(i, w, i < weeks))
        .collect_view();
    let week_more_view = week_more
        .iter()
        .enumerate()
        .map(|(i, w)| week_line(week_shown.len() + i, w, false))
        .collect_view();
    let day_shown_view = day_shown
        .iter()
        .enumerate()
        .map(|(i, d)| day_line(i, d, i < days))
        .collect_view();
    let day_more_view = day_more
        .iter()
        .enumerate()
        .map(|(i, d)| day_line(day_shown.len() + i, d, false))
        .collect_view();
    view! {
        <leptos_meta::Title text=t_with("plan-edit-title", &[("name", name.clone())]) />
        <p class="recipient-name">{name}</p>
        <h1>{t("plan-edit-heading")}</h1>
        <p>{intro}</p>
        {page.from_draft.then(|| view! { <p class="notice" role="status">{t("plan-edit-draft")}</p> })}
        <ActionForm action=save attr:class="plan-form">
            <input type="hidden" name="recipient" value=id.to_string() />
            <input type="hidden" name="base" value=page.base.to_string() />

            <fieldset class="card">
                <legend>{t("plan-edit-table1")}</legend>
                <div class="field">
                    <label for="plan-care-level">{t("field-care-level")}</label>
                    <select id="plan-care-level" name="form[care_level]">
                        {CareLevel::ALL
                            .iter()
                            .map(|c| view! { <option value=c.code() selected=c.code() == f.care_level>{t(c.label_key())}</option> })
                            .collect_view()}
                    </select>
                </div>
                {period("plan-cert", ["form[certified_from]".into(), "form[certified_to]".into()], "field-certification-period", &f.certified_from, &f.certified_to)}
                {area("plan-intention", "form[intention]".into(), t("field-plan-intention"), f.intention.clone(), PlanIntention::MAX, 4)}
                {area("plan-policy", "form[policy]".into(), t("field-plan-policy"), f.policy.clone(), PlanPolicy::MAX, 4)}
            </fieldset>

            <fieldset class="card">
                <legend>{t("plan-edit-table2")}</legend>
                <p class="help">{t("plan-edit-table2-help")}</p>
                {lines_shown}
                <details class="more-lines">
                    <summary>{t("plan-edit-more-lines")}</summary>
                    {lines_more}
                </details>
            </fieldset>

            <fieldset class="card">
                <legend>{t("plan-edit-table3")}</legend>
                <h2 class="plan-edit-sub">{t("plan-edit-week")}</h2>
                {week_shown_view}
                <details class="more-lines">
                    <summary>{t("plan-edit-more-lines")}</summary>
                    {week_more_view}
                </details>
                <h2 class="plan-edit-sub">{t("plan-edit-day")}</h2>
                {day_shown_view}
                <details class="more-lines">
                    <summary>{t("plan-edit-more-lines")}</summary>
                    {day_more_view}
                </details>
                {area("plan-other", "form[other_services]".into(), t("field-other-services"), f.other_services.clone(), OTHER_SERVICES_MAX, 3)}
            </fieldset>

            <button type="submit" class="primary">{t("plan-edit-save")}</button>
        </ActionForm>
        <p class="back"><a href=format!("/r/{id}/plan")>{t("plan-edit-cancel")}</a></p>
    }
}

/// A labelled text area (no live counter: staff text, `maxlength` holds).
fn area(
    id: &str,
    name: String,
    label: String,
    value: String,
    max: usize,
    rows: u32,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.to_string()>{label}</label>
            <textarea id=id.to_string() name=name maxlength=max.to_string() rows=rows.to_string() inner_html=crate::components::textarea_text(&value)></textarea>
        </div>
    }
}

fn input(id: &str, name: String, label: String, value: String, max: usize) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.to_string()>{label}</label>
            <input id=id.to_string() name=name type="text" maxlength=max.to_string() value=value />
        </div>
    }
}

/// Two dates, the start and end of one period.
fn period(id: &str, names: [String; 2], label_key: &str, from: &str, to: &str) -> impl IntoView {
    let [from_name, to_name] = names;
    let group = format!("{id}-label");
    let label_id = group.clone();
    view! {
        <div class="field period" role="group" aria-labelledby=group>
            <p class="field-label" id=label_id>{t(label_key)}</p>
            <span class="period-days">
                <label for=format!("{id}-from")>{t("plan-edit-from")}</label>
                <input id=format!("{id}-from") name=from_name type="date" value=from.to_string() />
                <label for=format!("{id}-to")>{t("plan-edit-to")}</label>
                <input id=format!("{id}-to") name=to_name type="date" value=to.to_string() />
            </span>
        </div>
    }
}

/// The 「この行を消す」 box of a filled line.
fn remove_box(id: String, name: String, shown: bool, checked: bool) -> impl IntoView {
    shown.then(|| {
        let for_id = id.clone();
        view! {
            <label class="choice-pill remove-line" for=for_id>
                <input type="checkbox" id=id name=name value="on" checked=checked />
                {t("plan-edit-remove")}
            </label>
        }
    })
}

fn table2_line(i: usize, l: &Table2Line, filled: bool) -> impl IntoView {
    let id = |f: &str| format!("plan-l{i}-{f}");
    let name = |f: &str| format!("form[lines][{i}][{f}]");
    let legend = t_with("plan-edit-line", &[("n", (i + 1).to_string())]);
    view! {
        <fieldset class="plan-line">
            <legend>{legend}</legend>
            {area(&id("need"), name("need"), t("plan-edit-need-part"), l.need.clone(), NeedText::MAX, 2)}
            {area(&id("long"), name("long_goal"), t("plan-edit-long-part"), l.long_goal.clone(), GoalText::MAX, 2)}
            {period(&id("long"), [name("long_from"), name("long_to")], "field-long-goal-period", &l.long_from, &l.long_to)}
            {area(&id("short"), name("short_goal"), t("plan-edit-short-part"), l.short_goal.clone(), GoalText::MAX, 2)}
            {period(&id("short"), [name("short_from"), name("short_to")], "field-short-goal-period", &l.short_from, &l.short_to)}
            {area(&id("content"), name("content"), t("plan-edit-service-part"), l.content.clone(), ServiceContent::MAX, 2)}
            <label class="choice-pill" for=id("insured")>
                <input type="checkbox" id=id("insured") name=name("insured") value="on" checked=l.insured.is_some() />
                {t("plan-edit-insured")}
            </label>
            {input(&id("kind"), name("kind"), t("field-service-kind"), l.kind.clone(), 100)}
            {input(&id("provider"), name("provider"), t("field-provider-name"), l.provider.clone(), 100)}
            {input(&id("frequency"), name("frequency"), t("field-frequency"), l.frequency.clone(), 100)}
            {period(&id("service"), [name("from"), name("to")], "field-service-period", &l.from, &l.to)}
            {remove_box(id("remove"), name("remove"), filled, l.remove.is_some())}
        </fieldset>
    }
}

fn week_line(i: usize, w: &WeekLine, filled: bool) -> impl IntoView {
    let id = |f: &str| format!("plan-w{i}-{f}");
    let name = |f: &str| format!("form[week][{i}][{f}]");
    let legend = t_with("plan-edit-line", &[("n", (i + 1).to_string())]);
    view! {
        <fieldset class="plan-line plan-week-line">
            <legend>{legend}</legend>
            <div class="field">
                <label for=id("weekday")>{t("field-weekday")}</label>
                <select id=id("weekday") name=name("weekday")>
                    {(0u8..7)
                        .map(|d| view! { <option value=d.to_string() selected=d.to_string() == w.weekday>{t(&format!("weekday-{d}"))}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field period">
                <label for=id("start")>{t("plan-edit-time-from")}</label>
                <input id=id("start") name=name("start") type="time" value=w.start.clone() />
                <label for=id("end")>{t("plan-edit-time-to")}</label>
                <input id=id("end") name=name("end") type="time" value=w.end.clone() />
            </div>
            {input(&id("content"), name("content"), t("field-weekly-slot"), w.content.clone(), 100)}
            {remove_box(id("remove"), name("remove"), filled, w.remove.is_some())}
        </fieldset>
    }
}

fn day_line(i: usize, d: &DayLine, filled: bool) -> impl IntoView {
    let id = |f: &str| format!("plan-d{i}-{f}");
    let name = |f: &str| format!("form[day][{i}][{f}]");
    let legend = t_with("plan-edit-line", &[("n", (i + 1).to_string())]);
    view! {
        <fieldset class="plan-line plan-day-line">
            <legend>{legend}</legend>
            <div class="field">
                <label for=id("at")>{t("plan-edit-at")}</label>
                <input id=id("at") name=name("at") type="time" value=d.at.clone() />
            </div>
            {input(&id("activity"), name("activity"), t("field-daily-activity"), d.activity.clone(), ACTIVITY_MAX)}
            {remove_box(id("remove"), name("remove"), filled, d.remove.is_some())}
        </fieldset>
    }
}
