//! Text with its furigana as `<ruby>`: the reading sits above the word,
//! and a screen reader reads the word and then its reading.

use leptos::prelude::*;

use crate::domain::plain::Segment;

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
