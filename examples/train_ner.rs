//! Trains the entity tagger on CoNLL-2003 news and writes the shipped model.
//!
//! `cargo run --release --example train_ner -- CORPUS.jsonl [OUT.bin]`
//! reads the `conll03-train-*` documents of the NER dev corpus (never the `testa` ones, which
//! are kept for scoring), trains the averaged perceptron for a fixed number of passes in a fixed
//! order, and writes `crates/engine/src/entities/ner.bin`. The run is deterministic: the same corpus
//! gives the same file byte for byte. It prints the held-out (testa) F1 of the shipped weights.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsls_engine::entities::features::Article;
use newsls_engine::entities::lexicon::LEXICON;
use newsls_engine::entities::model::{self, Model};
use newsls_engine::entities::perceptron::Trainer;
use newsls_engine::{EntityKind, Span};

/// Passes over the training documents.
const PASSES: usize = 12;
/// Seed of the document order, reshuffled before every pass.
const ORDER_SEED: u64 = 20031;

struct Document {
    id: String,
    text: String,
    gold: Vec<(Span, EntityKind)>,
}

fn read_corpus(path: &PathBuf) -> Result<Vec<Document>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    let mut documents = Vec::new();
    for line in source.lines().filter(|line| !line.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let text = value["text"]
            .as_str()
            .context("document without text")?
            .to_string();
        // Gold offsets are code points; the engine works in bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(index, _)| index).collect();
        byte_at.push(text.len());
        let mut gold = Vec::new();
        for entity in value["entities"].as_array().into_iter().flatten() {
            let start = entity["start"].as_u64().context("start")? as usize;
            let end = entity["end"].as_u64().context("end")? as usize;
            let kind =
                EntityKind::parse(entity["kind"].as_str().unwrap_or("")).context("entity kind")?;
            let (Some(&start), Some(&end)) = (byte_at.get(start), byte_at.get(end)) else {
                bail!("entity offsets outside the text");
            };
            gold.push((Span::new(start, end), kind));
        }
        documents.push(Document {
            id: value["id"].as_str().unwrap_or("").to_string(),
            text,
            gold,
        });
    }
    Ok(documents)
}

/// The document with its first line (the headline) in Title Case, as many news sites write
/// headlines: the CoNLL headlines are in sentence case or capitals, so without these copies the
/// tagger would never see a Title Case segment. Only ASCII letters change, so spans stay valid.
fn title_case_headline(document: &Document) -> Option<Document> {
    let line_end = document.text.find('\n').unwrap_or(document.text.len());
    let headline = &document.text[..line_end];
    let letters = headline.chars().filter(|c| c.is_alphabetic());
    if letters.clone().all(|c| c.is_uppercase()) || headline.split_whitespace().count() < 3 {
        return None;
    }
    let _ = letters;
    let mut titled = String::with_capacity(document.text.len());
    for (index, word) in headline.split(' ').enumerate() {
        if index > 0 {
            titled.push(' ');
        }
        let function_word = LEXICON
            .function_words
            .contains(word.to_lowercase().as_str());
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if first.is_ascii_lowercase() && (!function_word || index == 0) => {
                titled.push(first.to_ascii_uppercase());
                titled.push_str(chars.as_str());
            }
            _ => titled.push_str(word),
        }
    }
    titled.push_str(&document.text[line_end..]);
    Some(Document {
        id: format!("{}-title-case", document.id),
        text: titled,
        gold: document.gold.clone(),
    })
}

/// A fixed pseudo-random permutation (xorshift), so the order never depends on the platform.
fn shuffled(count: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    let mut state = seed | 1;
    for index in (1..count).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(index, (state % (index as u64 + 1)) as usize);
    }
    order
}

/// Exact-span micro P/R/F1 over PER, ORG and PLACE, and the per-kind counts.
fn evaluate(model: &impl model::Weights, documents: &[&Document]) -> f64 {
    let scored = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for document in documents {
        let article = Article::new(&document.text, &[Span::new(0, document.text.len())]);
        let tags = model::decode(model, &article, |_, _, _| {});
        let predicted = model::spans(&article, &tags);
        for kind in model::KINDS {
            let gold: Vec<Span> = document
                .gold
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(s, _)| *s)
                .collect();
            let found: Vec<Span> = predicted
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(s, _)| *s)
                .collect();
            let correct = found.iter().filter(|span| gold.contains(span)).count();
            let entry = counts.entry(kind.name()).or_default();
            entry.0 += correct;
            entry.1 += found.len();
            entry.2 += gold.len();
        }
    }
    let f1 = |(correct, found, gold): (usize, usize, usize)| {
        let precision = correct as f64 / found.max(1) as f64;
        let recall = correct as f64 / gold.max(1) as f64;
        2.0 * precision * recall / (precision + recall).max(f64::EPSILON)
    };
    let mut micro = (0, 0, 0);
    for (name, count) in &counts {
        println!(
            "  {name:<7} F1 {:.4}  (correct {}, found {}, gold {})",
            f1(*count),
            count.0,
            count.1,
            count.2
        );
        if scored.iter().any(|kind| kind.name() == *name) {
            micro = (micro.0 + count.0, micro.1 + count.1, micro.2 + count.2);
        }
    }
    f1(micro)
}

fn main() -> Result<()> {
    let mut arguments = std::env::args().skip(1);
    let Some(corpus) = arguments.next().map(PathBuf::from) else {
        bail!(
            "usage: cargo run --release --example train_ner -- CORPUS.jsonl [OUT.bin]\n\
             CORPUS.jsonl: the NER development corpus (e.g. ../shared/corpora/ner/dev.jsonl), \
             whose conll03-train documents are trained on and testa documents scored"
        );
    };
    if !corpus.is_file() {
        bail!("{}: no such corpus file", corpus.display());
    }
    let output = arguments.next().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/engine/src/entities/ner.bin")
    });
    let documents = read_corpus(&corpus)?;
    let originals: Vec<&Document> = documents
        .iter()
        .filter(|d| d.id.contains("-train-"))
        .collect();
    let title_cased: Vec<Document> = originals
        .iter()
        .filter_map(|d| title_case_headline(d))
        .collect();
    let train: Vec<&Document> = originals.iter().copied().chain(&title_cased).collect();
    let held_out: Vec<&Document> = documents
        .iter()
        .filter(|d| d.id.contains("-testa-"))
        .collect();
    if train.is_empty() {
        bail!("no conll03-train documents in {corpus:?}");
    }
    println!(
        "training on {} documents ({} of them with a Title Case headline), holding out {}",
        train.len(),
        title_cased.len(),
        held_out.len()
    );
    let mut trainer = Trainer::default();
    for pass in 0..PASSES {
        let mut mistakes = 0;
        let mut decisions = 0;
        for index in shuffled(train.len(), ORDER_SEED + pass as u64) {
            let document = train[index];
            let stats = trainer.train(&document.text, &document.gold);
            mistakes += stats.mistakes;
            decisions += stats.decisions;
        }
        println!(
            "pass {}: {mistakes} mistakes in {decisions} decisions",
            pass + 1
        );
        if std::env::var_os("TRAIN_NER_EVERY_PASS").is_some() {
            let f1 = evaluate(&trainer.averaged_weights(), &held_out);
            println!("  held-out micro F1 after pass {}: {f1:.4}", pass + 1);
        }
    }
    if std::env::var_os("TRAIN_NER_UNQUANTISED").is_some() {
        println!("held-out scores before quantisation:");
        let f1 = evaluate(&trainer.averaged_weights(), &held_out);
        println!("held-out micro F1 before quantisation: {f1:.4}");
    }
    if let Some(levels) = std::env::var_os("TRAIN_NER_PRUNE_LEVELS") {
        for level in levels.to_string_lossy().split(',') {
            let level: f64 = level.parse().unwrap_or(0.0);
            let bytes = trainer.to_bytes_pruned(level);
            let model = Model::from_bytes(&bytes).context("pruned bytes")?;
            println!("pruned below {level}: {} bytes", bytes.len());
            let f1 = evaluate(&model, &held_out);
            println!("  held-out micro F1 pruned below {level}: {f1:.4}");
        }
    }
    let bytes = trainer.to_bytes();
    // Loading is what the engine does once per process: check the header, build the row index.
    let started = std::time::Instant::now();
    let model = Model::from_bytes(&bytes).context("the trained bytes do not load")?;
    println!(
        "model load: {:.2} ms for {} bytes",
        started.elapsed().as_secs_f64() * 1000.0,
        bytes.len()
    );
    if std::env::var_os("TRAIN_NER_UNQUANTISED").is_some() {
        let averaged = trainer.averaged_weights();
        let mut shown = 0;
        for row in 0..1usize << 18 {
            let (mut a, mut b) = ([0i64; model::TAGS], [0i64; model::TAGS]);
            model::Weights::add_scores(&averaged, row, &mut a);
            if a.iter().all(|&x| x == 0) {
                continue;
            }
            shown += 1;
            if shown > 4 {
                break;
            }
            model::Weights::add_scores(&model, row, &mut b);
            println!("row {row}: {a:?}\n        {b:?}");
        }
    }
    println!("held-out (testa) exact-span scores of the shipped weights:");
    let f1 = evaluate(&model, &held_out);
    println!("held-out micro F1 (PER/ORG/LOC): {f1:.4}");
    std::fs::write(&output, &bytes).with_context(|| format!("writing {output:?}"))?;
    println!("wrote {} bytes to {}", bytes.len(), output.display());
    Ok(())
}
