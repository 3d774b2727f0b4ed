//! One measurement of the vital signs.

use leptos::prelude::*;

use super::furigana::ruby_view;
use super::{t, t_with};
use crate::api::day::DayVitals;
use crate::domain::vitals::VitalsReading;
use crate::islands::read_aloud::ReadAloud;

pub(crate) fn rows(r: &VitalsReading) -> Vec<(String, String)> {
    let v = &r.vitals;
    let mut out = vec![];
    if let Some(x) = v.temperature {
        out.push((
            t("vital-temperature"),
            format!("{} {}", x.display(), t("unit-celsius")),
        ));
    }
    if let Some(bp) = v.blood_pressure {
        out.push((
            t("vital-blood-pressure"),
            format!("{}/{} {}", bp.systolic(), bp.diastolic(), t("unit-mmhg")),
        ));
    }
    if let Some(x) = v.pulse {
        out.push((
            t("vital-pulse"),
            format!("{} {}", x.value(), t("unit-per-minute")),
        ));
    }
    if let Some(x) = v.spo2 {
        out.push((
            t("vital-spo2"),
            format!("{}{}", x.value(), t("unit-percent")),
        ));
    }
    if let Some(x) = v.respiratory_rate {
        out.push((
            t("vital-respiratory-rate"),
            format!("{} {}", x.value(), t("unit-per-minute")),
        ));
    }
    if let Some(x) = v.weight {
        out.push((
            t("vital-weight"),
            format!("{} {}", x.display(), t("unit-kg")),
        ));
    }
    if let Some(x) = v.height {
        out.push((
            t("vital-height"),
            format!("{} {}", x.display(), t("unit-cm")),
        ));
    }
    out
}

#[component]
pub fn VitalsCard(item: DayVitals) -> AnyView {
    let DayVitals { reading, words } = item;
    let measured_by = t_with(
        "day-measured-by",
        &[("name", reading.measured_by_name.clone())],
    );
    let spoken = std::iter::once(t("day-vitals"))
        .chain(words.iter().map(|w| w.text.clone()))
        .collect::<Vec<_>>()
        .join("。");
    view! {
        <article class="card vitals">
            <header class="card-head">
                <span class="badge badge-vitals">{t("day-vitals")}</span>
                <time class="card-time">{reading.measured_at.hhmm()}</time>
                <ReadAloud text=spoken>{t("read-aloud")}</ReadAloud>
            </header>
            <ul class="vital-words">
                {words
                    .into_iter()
                    .map(|w| view! { <li>{ruby_view(w.segments())}</li> })
                    .collect_view()}
            </ul>
            <dl class="vitals-list">
                {rows(&reading)
                    .into_iter()
                    .map(|(k, v)| view! { <div class="vital"><dt>{k}</dt><dd>{v}</dd></div> })
                    .collect_view()}
            </dl>
            <p class="card-meta">{measured_by}</p>
        </article>
    }
    .into_any()
}
