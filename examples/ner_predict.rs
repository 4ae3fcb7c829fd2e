//! Writes the entities `newsls annotate` would give for every document of a JSONL corpus, as
//! one `{"id", "entities"}` line each: the `--pred` input of the project's NER and coreference
//! scorers, without starting one process per document.
//!
//! `cargo run --release --example ner_predict -- CORPUS.jsonl [PREFIX] > preds.jsonl`
//! (only documents whose id starts with PREFIX, e.g. `conll03-testa-`). With
//! `NER_PREDICT_RAW=1`, the tagger's names before grouping, one entity each.

use std::io::Write;

use anyhow::{Context, Result};
use newsls_engine::entities::recognize;
use newsls_engine::{Input, Options, Settings, analyze};
use newsls_output::annotations::to_json;

fn main() -> Result<()> {
    let mut arguments = std::env::args().skip(1);
    let corpus = arguments
        .next()
        .context("usage: ner_predict CORPUS.jsonl [ID_PREFIX]")?;
    let prefix = arguments.next().unwrap_or_default();
    // NER_PREDICT_RAW=1: the tagger's names before grouping.
    let raw = std::env::var_os("NER_PREDICT_RAW").is_some();
    let source = std::fs::read_to_string(&corpus).with_context(|| format!("reading {corpus}"))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in source.lines().filter(|line| !line.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let id = value["id"].as_str().unwrap_or("");
        if !id.starts_with(&prefix) {
            continue;
        }
        let text = value["text"].as_str().context("document without text")?;
        let line = if raw {
            // The tagger's names alone, before grouping: one entity per name.
            let document = newsls_engine::document::parse(text);
            let chars: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            let cp = |byte: usize| chars.partition_point(|&at| at < byte);
            let entities: Vec<serde_json::Value> = recognize(text, &document)
                .into_iter()
                .map(|(span, kind)| {
                    serde_json::json!({"kind": kind.name(), "mentions": [{
                        "start": cp(span.start), "end": cp(span.end), "kind": "name",
                        "text": span.slice(text)}]})
                })
                .collect();
            serde_json::json!({"id": id, "entities": entities})
        } else {
            let analysis = analyze(&Input::new(text, &Settings::default()), Options::default());
            let json = to_json(id, text, &analysis);
            serde_json::json!({"id": id, "entities": json["entities"]})
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}
