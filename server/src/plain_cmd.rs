//! `yorisoi plain`: staff notes in, plain Japanese out, one JSON object per
//! line — for checks and for other tools.

use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Context;

use app::domain::plain::TermNote;
use app::server::plain::{self, Engine};
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    source: &'a str,
    text: String,
    html: String,
    terms: Vec<TermNote>,
    sentences: usize,
}

pub fn run(engine: &Engine, input: impl BufRead, mut output: impl Write) -> anyhow::Result<()> {
    for line in input.lines() {
        // A line that is not UTF-8 is reported, not silently skipped.
        let source = line?;
        let p = engine.convert(&source);
        let out = Line {
            source: &source,
            html: plain::to_html(&p.text, &p.ruby),
            text: p.text,
            terms: p.terms,
            sentences: p.sentences,
        };
        serde_json::to_writer(&mut output, &out)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(())
}

/// `yorisoi plain --report FILE`: one JSON report over every line of FILE.
pub fn report(engine: &Engine, file: &Path, mut output: impl Write) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let r = plain::report::build(text.lines(), engine);
    serde_json::to_writer_pretty(&mut output, &r)?;
    output.write_all(b"\n")?;
    Ok(())
}
