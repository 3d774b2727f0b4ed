//! `yorisoi plain`: staff notes in, plain Japanese out, one JSON object per
//! line — for checks and for other tools.

use std::io::{BufRead, Write};
use std::path::Path;
use std::time::{Duration, Instant};

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
    if file.extension().is_some_and(|e| e == "tsv") {
        let lines = plain::keyed_report::parse(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let r = plain::keyed_report::build(&lines, engine);
        serde_json::to_writer_pretty(&mut output, &r)?;
    } else {
        let r = plain::report::build(text.lines(), engine);
        serde_json::to_writer_pretty(&mut output, &r)?;
    }
    output.write_all(b"\n")?;
    Ok(())
}

#[derive(Serialize)]
struct Bench {
    lines: usize,
    /// Words lindera finds per line: proof that the bare run did real work.
    lindera_tokens_per_line: f64,
    /// The whole engine: rules, glossary, furigana.
    engine_lines_per_second: f64,
    /// Where the time goes: the rules and glossary without the analyser…
    rules_only_lines_per_second: f64,
    /// …and furigana alone over the plain texts.
    furigana_only_lines_per_second: f64,
    /// lindera alone, cutting the same source lines into words.
    lindera_lines_per_second: f64,
    /// How many times slower the engine is than bare lindera.
    engine_vs_lindera: f64,
}

/// `yorisoi plain --bench FILE`: lines per second on this one thread, for
/// the engine and for lindera's bare tokenisation of the same lines.
pub fn bench(engine: &Engine, file: &Path, mut output: impl Write) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    anyhow::ensure!(!lines.is_empty(), "{} has no lines", file.display());
    let engine_rate = lines_per_second(&lines, |l| engine.convert(l).sentences);
    let lindera_rate = lines_per_second(&lines, |l| engine.furigana().token_count(l));
    let rules_rate = lines_per_second(&lines, |l| {
        plain::convert_with(l, engine.glossary()).sentences
    });
    let texts: Vec<String> = lines.iter().map(|l| engine.convert(l).text).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let furigana_rate = lines_per_second(&texts, |t| engine.furigana().readings(t).ruby.len());
    let tokens: usize = lines.iter().map(|l| engine.furigana().token_count(l)).sum();
    let b = Bench {
        lines: lines.len(),
        lindera_tokens_per_line: (tokens as f64 / lines.len() as f64 * 10.0).round() / 10.0,
        engine_lines_per_second: engine_rate.round(),
        rules_only_lines_per_second: rules_rate.round(),
        furigana_only_lines_per_second: furigana_rate.round(),
        lindera_lines_per_second: lindera_rate.round(),
        engine_vs_lindera: (lindera_rate / engine_rate * 100.0).round() / 100.0,
    };
    serde_json::to_writer_pretty(&mut output, &b)?;
    output.write_all(b"\n")?;
    Ok(())
}

/// Runs `f` over all lines, again and again for at least three seconds
/// after one warm-up pass.
fn lines_per_second(lines: &[&str], mut f: impl FnMut(&str) -> usize) -> f64 {
    const AT_LEAST: Duration = Duration::from_secs(3);
    let mut sink = 0usize;
    for l in lines {
        sink = sink.wrapping_add(f(l));
    }
    let start = Instant::now();
    let mut done = 0usize;
    while start.elapsed() < AT_LEAST {
        for l in lines {
            sink = sink.wrapping_add(f(l));
        }
        done += lines.len();
    }
    std::hint::black_box(sink);
    done as f64 / start.elapsed().as_secs_f64()
}
