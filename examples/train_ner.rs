//! Trains the entity tagger on CoNLL-2003 news and writes the shipped model.
//!
//! `cargo run --release --example train_ner -- CORPUS.jsonl [OUT.bin]`
//! reads the `conll03-train-*` documents of the NER dev corpus (never the `testa` ones, which
//! are kept for scoring) and the word clusters and gazetteers of `crates/engine/src/entities/lexicon/`
//! (`clusters.txt` from examples/train_clusters.rs, `gazetteer_*.txt` from
//! scripts/build_gazetteers.py), which go into the model file as one table.
//!
//! Training: one document in ten of train is held out to choose the number of passes (the pass
//! whose averaged weights score best on it); then the averaged perceptron is trained again on
//! all of train for that many passes, in a fixed order, and written to
//! `crates/engine/src/entities/ner.bin`. The run is deterministic: the same corpus and lexicon give
//! the same file byte for byte. It prints the testa F1 of the shipped weights, for the record
//! only: nothing is chosen on testa.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsls_engine::entities::features::Article;
use newsls_engine::entities::lexicon::LEXICON;
use newsls_engine::entities::model::{self, Model};
use newsls_engine::entities::perceptron::Trainer;
use newsls_engine::entities::table::{Table, big, cluster_entry, gazetteer_entries};
use newsls_engine::entities::tokens::tokenize;
use newsls_engine::{EntityKind, Span};

/// At most this many passes over the training documents.
const MAX_PASSES: usize = 24;
/// Stop once this many passes in a row did not beat the best held-out score.
const PATIENCE: usize = 4;
/// One training document in this many is held out to choose the number of passes.
const HELD_OUT_EVERY: usize = 10;
/// About one capitalised token in this many has its spelling hidden from the features in
/// training (word dropout), so that the weights do not lean on the words of 1996 alone.
const MASK_ONE_IN: u64 = 8;
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
fn evaluate(model: &impl model::Weights, table: &Table, documents: &[&Document]) -> f64 {
    let scored = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for document in documents {
        let article = Article::new(&document.text, &[Span::new(0, document.text.len())], table);
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
    let lexicon =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/engine/src/entities/lexicon");
    let table = build_table(&lexicon)?;
    // Choose the number of passes on a held-out part of train.
    let held = |index: usize| index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1;
    let choose: Vec<&Document> = originals
        .iter()
        .enumerate()
        .filter(|(index, _)| held(*index))
        .map(|(_, d)| *d)
        .collect();
    let fit: Vec<&Document> = originals
        .iter()
        .enumerate()
        .filter(|(index, _)| !held(*index))
        .map(|(_, d)| *d)
        .collect();
    let fit_titled: Vec<Document> = fit.iter().filter_map(|d| title_case_headline(d)).collect();
    let fit: Vec<&Document> = fit.iter().copied().chain(&fit_titled).collect();
    println!(
        "choosing the passes: training on {} documents, scoring {} held out of train",
        fit.len(),
        choose.len()
    );
    let mut trainer = Trainer::new(table.clone());
    let mut best = (0.0f64, 0usize);
    for pass in 0..MAX_PASSES {
        run_pass(&mut trainer, &fit, pass);
        let f1 = evaluate(&trainer.averaged_weights(), &trainer.table(), &choose);
        println!(
            "  held-out-of-train micro F1 after pass {}: {f1:.4}",
            pass + 1
        );
        if f1 > best.0 {
            best = (f1, pass + 1);
        } else if pass + 1 >= best.1 + PATIENCE {
            break;
        }
    }
    let passes = best.1.max(1);
    println!(
        "best after {passes} passes ({:.4}); training on all of train",
        best.0
    );
    drop(trainer);
    let mut trainer = Trainer::new(table);
    for pass in 0..passes {
        run_pass(&mut trainer, &train, pass);
    }
    let bytes = trainer.to_bytes();
    // Loading is what the engine does once per process: check the header, build the row index.
    let started = std::time::Instant::now();
    let model = Model::from_bytes(&bytes).context("the trained bytes do not load")?;
    println!(
        "model load: {:.3} ms for {} bytes",
        started.elapsed().as_secs_f64() * 1000.0,
        bytes.len()
    );
    println!("testa exact-span scores of the shipped weights (reported, never tuned on):");
    let f1 = evaluate(&model, model.table(), &held_out);
    println!("testa micro F1 (PER/ORG/LOC): {f1:.4}");
    std::fs::write(&output, &bytes).with_context(|| format!("writing {output:?}"))?;
    println!("wrote {} bytes to {}", bytes.len(), output.display());
    Ok(())
}

fn run_pass(trainer: &mut Trainer, documents: &[&Document], pass: usize) {
    let mut mistakes = 0;
    let mut decisions = 0;
    for index in shuffled(documents.len(), ORDER_SEED + pass as u64) {
        let document = documents[index];
        let seed = ORDER_SEED ^ ((pass as u64) << 32) ^ index as u64;
        let stats = trainer.train_masked(&document.text, &document.gold, seed, MASK_ONE_IN);
        mistakes += stats.mistakes;
        decisions += stats.decisions;
    }
    println!(
        "pass {}: {mistakes} mistakes in {decisions} decisions",
        pass + 1
    );
}

/// The data lines of a lexicon file.
fn lines(path: &std::path::Path) -> Result<Vec<String>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    Ok(source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The table of word clusters and large gazetteers that ships in the model file.
fn build_table(lexicon: &std::path::Path) -> Result<(u32, Vec<u8>, Vec<u8>)> {
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for line in lines(&lexicon.join("clusters.txt"))? {
        let Some((word, path)) = line.split_once('\t') else {
            bail!("bad cluster line {line:?}");
        };
        let levels: Vec<u32> = path
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()
            .with_context(|| format!("bad cluster line {line:?}"))?;
        let [coarse, middle, fine] = levels[..] else {
            bail!("bad cluster line {line:?}");
        };
        entries.push(cluster_entry(word, [coarse, middle, fine]));
    }
    let clusters = entries.len();
    for (file, class) in [
        ("gazetteer_countries.txt", big::COUNTRY),
        ("gazetteer_cities.txt", big::CITY),
        ("gazetteer_first_names.txt", big::FIRST_NAME),
        ("gazetteer_surnames.txt", big::SURNAME),
    ] {
        for phrase in lines(&lexicon.join(file))? {
            // The phrase as the tagger tokenizes it, so that it matches token by token.
            let mut tokens = Vec::new();
            tokenize(&phrase, Span::new(0, phrase.len()), &mut tokens);
            let words: Vec<&str> = tokens.iter().map(|token| token.text(&phrase)).collect();
            entries.extend(gazetteer_entries(&words, class));
        }
    }
    println!(
        "table: {clusters} clustered words, {} gazetteer keys",
        entries.len() - clusters
    );
    Ok(Table::build(&entries))
}
