//! Text with its furigana as `<ruby>`: the reading sits above the word,
//! and a screen reader reads the word and then its reading.

use leptos::prelude::*;

use super::t;
use crate::domain::plain::{Segment, TermNote};

/// Renders segments from `PlainNote::segments` or `RubyText::segments`.
pub fn ruby_view(segments: Vec<Segment<'_>>) -> AnyView {
    segments
        .into_iter()
        .map(|seg| match seg.reading {
            Some(reading) => {
                let (base, reading) = (seg.base.to_string(), reading.to_string());
                view! { <ruby>{base}<rt>{reading}</rt></ruby> }.into_any()
            }
            None => seg.base.to_string().into_any(),
        })
        .collect_view()
        .into_any()
}

/// 「ことばの説明」: the glossary words left in a text, each with its
/// reading and a one-sentence explanation, closed until tapped.
pub fn terms_view(terms: Vec<TermNote>) -> Option<AnyView> {
    if terms.is_empty() {
        return None;
    }
    Some(
        view! {
            <details class="terms">
                <summary>{t("day-terms")}</summary>
                <dl>
                    {terms
                        .into_iter()
                        .map(|term| {
                            view! {
                                <div class="term">
                                    <dt>
                                        <ruby>{term.term}<rt>{term.reading}</rt></ruby>
                                    </dt>
                                    <dd>{term.explanation}</dd>
                                </div>
                            }
                        })
                        .collect_view()}
                </dl>
            </details>
        }
        .into_any(),
    )
}
