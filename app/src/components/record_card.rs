//! One care record: what happened, with the staff's own words one tap away.

use leptos::prelude::*;

use super::furigana::{ruby_view, terms_view};
use super::{t, t_with};
use crate::api::day::DayRecord;
use crate::domain::records::{BathKind, ExcretionKind, RecordBody};
use crate::islands::read_aloud::ReadAloud;

/// Short lines read from the structured values; the staff's note itself
/// comes as plain sentences from the engine.
pub(crate) fn summary_lines(body: &RecordBody) -> Vec<String> {
    match body {
        RecordBody::Meal {
            staple,
            side,
            fluid,
        } => {
            let mut out = vec![];
            if let Some(w) = staple {
                out.push(t_with("meal-staple", &[("wari", w.value().to_string())]));
            }
            if let Some(w) = side {
                out.push(t_with("meal-side", &[("wari", w.value().to_string())]));
            }
            if let Some(f) = fluid {
                out.push(t_with("meal-fluid", &[("ml", f.value().to_string())]));
            }
            out
        }
        RecordBody::Excretion { kind, count, .. } => {
            let what = t(match kind {
                ExcretionKind::Urine => "excretion-urine",
                ExcretionKind::Stool => "excretion-stool",
                ExcretionKind::Both => "excretion-both",
            });
            match count {
                Some(c) => vec![format!(
                    "{what} {}",
                    t_with("excretion-count", &[("count", c.value().to_string())])
                )],
                None => vec![what],
            }
        }
        RecordBody::Bathing { kind } => vec![t(match kind {
            BathKind::Bath => "bath-bath",
            BathKind::Shower => "bath-shower",
            BathKind::BedBath => "bath-bed-bath",
            BathKind::Partial => "bath-partial",
        })],
        _ => vec![],
    }
}

#[component]
pub fn RecordCard(item: DayRecord) -> AnyView {
    let DayRecord {
        record,
        plain,
        mine,
    } = item;
    let detail = format!("/r/{}/records/{}", record.recipient, record.id);
    let corrected = record.corrected.clone().map(|c| {
        t_with(
            "record-corrected",
            &[
                ("name", c.by_name),
                ("date", crate::domain::time::japanese_date(c.at.jst_date())),
            ],
        )
    });
    let plain_view = ruby_view(plain.segments());
    let terms = plain.terms;
    let category = record.body.category();
    let lines = summary_lines(&record.body);
    let time = record.occurred_at.hhmm();
    let written_by = t_with(
        "day-written-by",
        &[
            ("name", record.author_name.clone()),
            ("provider", record.provider_name.clone()),
        ],
    );
    let has_note = !record.note.is_empty();
    let talk = format!("/r/{}/talk/record/{}", record.recipient, record.id);
    // What is read aloud: the lines and the plain sentences, no furigana.
    let spoken = std::iter::once(t(category.label_key()))
        .chain(lines.iter().cloned())
        .chain(has_note.then(|| plain.text.clone()))
        .collect::<Vec<_>>()
        .join("。");
    view! {
        <article class="card record" data-category=category.code()>
            <header class="card-head">
                <span class="badge">{t(category.label_key())}</span>
                <time class="card-time">{time.clone()}</time>
                <ReadAloud text=spoken>{t("read-aloud")}</ReadAloud>
            </header>
            <ul class="record-lines">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
            {has_note.then(|| view! { <p class="plain-text">{plain_view}</p> })}
            {terms_view(terms)}
            <Show when=move || has_note>
                <details class="original">
                    <summary>{t("day-original")}</summary>
                    <p class="original-text" lang="ja">{record.note.clone()}</p>
                    <p class="original-meta">{written_by.clone()} " " {time.clone()}</p>
                </details>
            </Show>
            {corrected.map(|line| view! {
                <p class="corrected">{line} " " <a href=detail.clone()>{t("record-earlier")}</a></p>
            })}
            {mine.then(|| view! { <a class="correct-link" href=detail.clone()>{t("record-correct")}</a> })}
            <a class="talk-link" href=talk>{t("talk-on-record")}</a>
        </article>
    }
    .into_any()
}
