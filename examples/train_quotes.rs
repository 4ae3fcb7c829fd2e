//! Trains the three quote models on PolNeAR's development articles and writes their weights.
//!
//! `cargo run --release --example train_quotes -- CORPUS.jsonl [--held-out politico,huff-post] [--out DIR]`
//!
//! CORPUS.jsonl is the quote corpus of `quote_eval.py` (one article a line: `text`, `quotes` with
//! `speaker` and its span, `ignore` spans of quote-marked text that is not an attribution). Articles
//! whose id starts with a held-out publisher are never trained on: the program scores the
//! shipped weights on them and prints the figures. It writes `speech.weights`, `speaker.weights`
//! and `sourceless.weights` into DIR (default `crates/engine/src/quotes`).
//!
//! The three models are logistic regressions trained by full-batch AdaGrad for a fixed number of
//! rounds from zero weights, so the same corpus gives the same files byte for byte:
//! - speech: is a quote-marked span speech (a gold quote) or a title, term or scare quote (an
//!   `ignore` span)?
//! - speaker: for a quote the sentence rules left without a speaker, is this candidate its
//!   speaker (as `quote_eval.py` judges a speaker)?
//! - sourceless: for a quote the rules left without a speaker, does the corpus give it no source
//!   (rather than a speaker, or no attribution at all)?

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsls_engine::quotes::training::{TrainingQuote, TrainingSpeaker, quotes_for_training};
use newsls_engine::{Settings, Span, document, entities};

/// Rounds of full-batch AdaGrad.
const ROUNDS: usize = 400;
/// AdaGrad's step size.
const STEP: f64 = 0.5;
/// L2 penalty on the weights (not on the intercept), relative to the mean log-loss.
const L2: f64 = 1e-3;
/// Features seen in fewer training examples than this are dropped.
const MIN_COUNT: usize = 3;
/// Weights smaller than this are not written.
const MIN_WEIGHT: f64 = 1e-3;
const DEFAULT_HELD_OUT: &str = "politico,huff-post";
/// The out-of-fold precision the sourceless model's threshold is chosen for.
const SOURCELESS_PRECISION: f64 = 0.8;

struct GoldQuote {
    span: Span,
    speaker: Option<String>,
    speaker_span: Option<Span>,
    resolved: Option<String>,
}

struct Article {
    id: String,
    text: String,
    quotes: Vec<GoldQuote>,
    ignore: Vec<Span>,
}

fn read_corpus(path: &PathBuf) -> Result<Vec<Article>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {path:?}"))?;
    let mut articles = Vec::new();
    for line in source.lines().filter(|line| !line.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let text = value["text"]
            .as_str()
            .context("article without text")?
            .to_string();
        // Gold offsets are code points; the engine works in bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(index, _)| index).collect();
        byte_at.push(text.len());
        let span = |start: &serde_json::Value, end: &serde_json::Value| -> Option<Span> {
            let start = *byte_at.get(start.as_u64()? as usize)?;
            let end = *byte_at.get(end.as_u64()? as usize)?;
            Some(Span::new(start, end))
        };
        let mut quotes = Vec::new();
        for quote in value["quotes"].as_array().into_iter().flatten() {
            let Some(quote_span) = span(&quote["start"], &quote["end"]) else {
                bail!("quote offsets outside the text");
            };
            quotes.push(GoldQuote {
                span: quote_span,
                speaker: quote["speaker"].as_str().map(str::to_string),
                speaker_span: span(&quote["speaker_start"], &quote["speaker_end"]),
                resolved: quote["speaker_resolved"].as_str().map(str::to_string),
            });
        }
        let ignore = value["ignore"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|ignore| span(&ignore["start"], &ignore["end"]))
            .collect();
        articles.push(Article {
            id: value["id"].as_str().unwrap_or("").to_string(),
            text,
            quotes,
            ignore,
        });
    }
    Ok(articles)
}

// ----- the evaluator's judgements (quote_eval.py) -----

const NOT_NAMES: &[&str] = &[
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "he", "him", "his", "she",
    "her", "hers", "it", "its", "they", "them", "their", "theirs", "who", "whom", "whose", "which",
    "that", "this", "these", "those", "the", "a", "an", "of", "and", "or", "one", "someone",
    "somebody", "mr", "mrs", "ms", "dr", "jr", "sr",
];

/// quote_eval.py's `norm_tokens`: words, lower case, possessive stripped.
fn name_tokens(text: &str) -> Vec<String> {
    let text = text.replace('’', "'");
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if !c.is_alphanumeric() {
            chars.next();
            continue;
        }
        let mut token = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '\'' | '.' | '-') {
                token.push(c);
                chars.next();
            } else {
                break;
            }
        }
        let mut token = token
            .to_lowercase()
            .trim_matches(|c| matches!(c, '.' | '\'' | '-'))
            .to_string();
        if let Some(stripped) = token.strip_suffix("'s") {
            token = stripped.to_string();
        }
        if !token.is_empty() {
            tokens.push(token);
        }
    }
    tokens
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// quote_eval.py's `spans_match`: the overlap is at least half the shorter span.
fn spans_match(a: Span, b: Span) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && 2 * overlap(a, b) >= shorter
}

/// quote_eval.py's `speaker_correct` for a gold quote with a speaker.
fn speaker_correct(gold: &GoldQuote, predicted: &TrainingSpeaker) -> bool {
    let Some(gold_speaker) = &gold.speaker else {
        return false;
    };
    if gold
        .speaker_span
        .is_some_and(|span| overlap(span, predicted.span) > 0)
    {
        return true;
    }
    let predicted = name_tokens(&predicted.name);
    let Some(last) = predicted.last() else {
        return false;
    };
    if NOT_NAMES.contains(&last.as_str()) {
        return false;
    }
    let mut gold_tokens = name_tokens(gold_speaker);
    if let Some(resolved) = &gold.resolved {
        gold_tokens.extend(name_tokens(resolved));
    }
    gold_tokens.contains(last)
}

/// What the corpus says about one predicted quote.
enum Truth<'a> {
    Gold(&'a GoldQuote),
    Ignore,
    Unknown,
}

/// Matches the predicted quotes to the gold ones one to one, best overlap first, as
/// quote_eval.py does; unmatched predictions on an ignore span are `Ignore`.
fn truths<'a>(article: &'a Article, quotes: &[TrainingQuote]) -> Vec<Truth<'a>> {
    let mut pairs = Vec::new();
    for (gold_index, gold) in article.quotes.iter().enumerate() {
        for (index, quote) in quotes.iter().enumerate() {
            if spans_match(gold.span, quote.span) {
                let shared = overlap(gold.span, quote.span);
                let ratio = shared as f64 / gold.span.len().max(quote.span.len()) as f64;
                pairs.push((ratio, shared, gold_index, index));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut truth: Vec<Truth> = quotes.iter().map(|_| Truth::Unknown).collect();
    let mut used_gold = vec![false; article.quotes.len()];
    for (_, _, gold_index, index) in pairs {
        if used_gold[gold_index] || !matches!(truth[index], Truth::Unknown) {
            continue;
        }
        used_gold[gold_index] = true;
        truth[index] = Truth::Gold(&article.quotes[gold_index]);
    }
    for (index, quote) in quotes.iter().enumerate() {
        if matches!(truth[index], Truth::Unknown)
            && article
                .ignore
                .iter()
                .any(|&ignore| spans_match(ignore, quote.span))
        {
            truth[index] = Truth::Ignore;
        }
    }
    truth
}

// ----- logistic regression -----

#[derive(Default)]
struct Examples {
    rows: Vec<(Vec<String>, bool)>,
    /// The article each row comes from, for cross-validation folds.
    articles: Vec<usize>,
}

impl Examples {
    fn push(&mut self, features: &[String], label: bool, article: usize) {
        self.rows.push((features.to_vec(), label));
        self.articles.push(article);
    }

    fn subset(&self, keep: impl Fn(usize) -> bool) -> Examples {
        let mut out = Examples::default();
        for ((row, label), &article) in self.rows.iter().zip(&self.articles) {
            if keep(article) {
                out.push(row, *label, article);
            }
        }
        out
    }
}

struct Model {
    bias: f64,
    weights: BTreeMap<String, f64>,
    /// The decision threshold written with the weights, when one was chosen.
    threshold: Option<f64>,
}

impl Model {
    fn score(&self, features: &[String]) -> f64 {
        self.bias
            + features
                .iter()
                .filter_map(|name| self.weights.get(name))
                .sum::<f64>()
    }

    fn probability(&self, features: &[String]) -> f64 {
        1.0 / (1.0 + (-self.score(features)).exp())
    }

    fn write(&self, path: &PathBuf, about: &str) -> Result<()> {
        let mut out = String::new();
        out.push_str(&format!(
            "# {about}\n# Written by examples/train_quotes.rs; do not edit by hand. feature<TAB>weight\n"
        ));
        out.push_str(&format!("bias\t{:.4}\n", self.bias));
        if let Some(threshold) = self.threshold {
            out.push_str(&format!("threshold\t{threshold:.2}\n"));
        }
        for (name, weight) in &self.weights {
            if weight.abs() >= MIN_WEIGHT {
                out.push_str(&format!("{name}\t{weight:.4}\n"));
            }
        }
        std::fs::write(path, out).with_context(|| format!("writing {path:?}"))
    }
}

fn train(examples: &Examples) -> Model {
    // Features seen too rarely are dropped: they would only memorise single articles.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (features, _) in &examples.rows {
        let mut unique: Vec<&str> = features.iter().map(String::as_str).collect();
        unique.sort_unstable();
        unique.dedup();
        for name in unique {
            *counts.entry(name).or_default() += 1;
        }
    }
    let names: Vec<&str> = counts
        .iter()
        .filter(|(_, count)| **count >= MIN_COUNT)
        .map(|(name, _)| *name)
        .collect();
    let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = examples
        .rows
        .iter()
        .map(|(features, label)| {
            let mut ids: Vec<usize> = features
                .iter()
                .filter_map(|name| index.get(name.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, if *label { 1.0 } else { 0.0 })
        })
        .collect();
    let count = rows.len().max(1) as f64;
    let mut weights = vec![0.0f64; names.len()];
    let mut bias = 0.0f64;
    let mut squared = vec![1e-8f64; names.len()];
    let mut bias_squared = 1e-8f64;
    for _ in 0..ROUNDS {
        let mut gradient = vec![0.0f64; names.len()];
        let mut bias_gradient = 0.0f64;
        for (ids, label) in &rows {
            let score = bias + ids.iter().map(|&id| weights[id]).sum::<f64>();
            let error = 1.0 / (1.0 + (-score).exp()) - label;
            bias_gradient += error;
            for &id in ids {
                gradient[id] += error;
            }
        }
        bias_gradient /= count;
        bias_squared += bias_gradient * bias_gradient;
        bias -= STEP * bias_gradient / bias_squared.sqrt();
        for id in 0..names.len() {
            let g = gradient[id] / count + L2 * weights[id];
            squared[id] += g * g;
            weights[id] -= STEP * g / squared[id].sqrt();
        }
    }
    Model {
        bias,
        weights: names
            .iter()
            .zip(weights)
            .map(|(name, weight)| (name.to_string(), weight))
            .collect(),
        threshold: None,
    }
}

/// Folds of the cross-validation that chooses a decision threshold.
const FOLDS: usize = 5;

/// The lowest threshold at which, and above which, the out-of-fold precision (articles split
/// into `FOLDS` by index) is at least `precision`: the sourceless model must be right when it
/// speaks, and its calibration on so few positives is not to be trusted at 0.5.
fn threshold_for_precision(examples: &Examples, precision: f64) -> f64 {
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for fold in 0..FOLDS {
        let model = train(&examples.subset(|article| article % FOLDS != fold));
        for ((features, label), &article) in examples.rows.iter().zip(&examples.articles) {
            if article % FOLDS == fold {
                scored.push((model.probability(features), *label));
            }
        }
    }
    let grid: Vec<f64> = (1..20).map(|step| step as f64 * 0.05).collect();
    let precision_at = |threshold: f64| {
        let taken: Vec<bool> = scored
            .iter()
            .filter(|(probability, _)| *probability >= threshold)
            .map(|(_, label)| *label)
            .collect();
        (!taken.is_empty())
            .then(|| taken.iter().filter(|label| **label).count() as f64 / taken.len() as f64)
    };
    for (index, &threshold) in grid.iter().enumerate() {
        let holds = grid[index..]
            .iter()
            .all(|&higher| precision_at(higher).is_none_or(|found| found >= precision));
        if holds {
            let recall = scored
                .iter()
                .filter(|(probability, label)| *label && *probability >= threshold)
                .count() as f64
                / scored.iter().filter(|(_, label)| *label).count().max(1) as f64;
            println!(
                "  threshold   {threshold:.2}: out-of-fold precision {:.3}, recall {recall:.3}",
                precision_at(threshold).unwrap_or(0.0)
            );
            return threshold;
        }
    }
    println!(
        "  threshold   0.50: no threshold keeps the out-of-fold precision at {precision} or above at every higher one (the default)"
    );
    0.5
}

// ----- the run -----

#[derive(Default)]
struct Sets {
    speech: Examples,
    speaker: Examples,
    sourceless: Examples,
}

/// Per-article readings and truths, for scoring a model after training.
struct Read<'a> {
    quotes: Vec<TrainingQuote>,
    truths: Vec<Truth<'a>>,
}

fn add_examples(sets: &mut Sets, read: &Read, article: usize) {
    for (quote, truth) in read.quotes.iter().zip(&read.truths) {
        match truth {
            Truth::Gold(gold) => {
                sets.speech.push(&quote.speech, true, article);
                for (speaker, features) in &quote.candidates {
                    sets.speaker
                        .push(features, speaker_correct(gold, speaker), article);
                }
                if let Some(features) = &quote.sourceless {
                    sets.sourceless
                        .push(features, gold.speaker.is_none(), article);
                }
            }
            Truth::Ignore => {
                sets.speech.push(&quote.speech, false, article);
                if let Some(features) = &quote.sourceless {
                    sets.sourceless.push(features, false, article);
                }
            }
            Truth::Unknown => {}
        }
    }
}

fn report(name: &str, model: &Model, examples: &Examples) {
    let (mut tp, mut fp, mut tn, mut r#fn) = (0, 0, 0, 0);
    let threshold = model.threshold.unwrap_or(0.5);
    for (features, label) in &examples.rows {
        match (model.probability(features) >= threshold, *label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => r#fn += 1,
        }
    }
    let total = (tp + fp + tn + r#fn).max(1) as f64;
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + r#fn).max(1) as f64;
    println!(
        "  {name:<11} examples {:>5}  accuracy {:.4}  positive precision {:.4} recall {:.4}  (tp {tp} fp {fp} tn {tn} fn {})",
        examples.rows.len(),
        (tp + tn) as f64 / total,
        precision,
        recall,
        r#fn
    );
}

/// How often the best candidate is right, over quotes with a gold speaker and candidates.
fn report_ranking(model: &Model, reads: &[Read]) {
    let (mut quotes, mut right, mut taken, mut taken_right) = (0, 0, 0, 0);
    for read in reads {
        for (quote, truth) in read.quotes.iter().zip(&read.truths) {
            let Truth::Gold(gold) = truth else { continue };
            if quote.candidates.is_empty() || gold.speaker.is_none() {
                continue;
            }
            quotes += 1;
            let best = quote
                .candidates
                .iter()
                .map(|(speaker, features)| (model.probability(features), speaker))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((probability, speaker)) = best {
                let correct = speaker_correct(gold, speaker);
                right += usize::from(correct);
                if probability >= 0.5 {
                    taken += 1;
                    taken_right += usize::from(correct);
                }
            }
        }
    }
    println!(
        "  ranking     quotes with a gold speaker and candidates {quotes}: best candidate right {right}; taken (p >= 0.5) {taken}, of which right {taken_right}"
    );
}

/// Writes what the models saw, one JSON line per quote, for reading the errors.
fn write_dump(
    path: &PathBuf,
    articles: &[Article],
    held_out: &[String],
    training: &[Read],
    testing: &[Read],
) -> Result<()> {
    let (mut train, mut test) = (training.iter(), testing.iter());
    let mut out = String::new();
    let speaker_json = |speaker: &TrainingSpeaker| serde_json::json!({"name": speaker.name, "start": speaker.span.start, "end": speaker.span.end});
    for article in articles {
        let read = if held_out.iter().any(|prefix| article.id.starts_with(prefix)) {
            test.next()
        } else {
            train.next()
        };
        let Some(read) = read else { continue };
        for (quote, truth) in read.quotes.iter().zip(&read.truths) {
            let rule_correct = match truth {
                Truth::Gold(gold) => quote
                    .rule_speaker
                    .as_ref()
                    .map(|speaker| speaker_correct(gold, speaker)),
                _ => None,
            };
            let (truth, gold_speaker, correct) = match truth {
                Truth::Gold(gold) => (
                    "gold",
                    gold.speaker.clone(),
                    quote
                        .candidates
                        .iter()
                        .map(|(speaker, _)| speaker_correct(gold, speaker))
                        .collect::<Vec<bool>>(),
                ),
                Truth::Ignore => ("ignore", None, Vec::new()),
                Truth::Unknown => ("unknown", None, Vec::new()),
            };
            let line = serde_json::json!({
                "id": article.id,
                "start": quote.span.start,
                "end": quote.span.end,
                "truth": truth,
                "gold_speaker": gold_speaker,
                "rule": quote.rule_speaker.as_ref().map(speaker_json),
                "rule_correct": rule_correct,
                "speech": quote.speech,
                "candidates": quote.candidates.iter().map(|(speaker, features)| serde_json::json!({"speaker": speaker_json(speaker), "features": features})).collect::<Vec<_>>(),
                "correct": correct,
                "sourceless": quote.sourceless,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    std::fs::write(path, out).with_context(|| format!("writing {path:?}"))
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpus = None;
    let mut held_out = DEFAULT_HELD_OUT.to_string();
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/engine/src/quotes");
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--held-out" => held_out = args.next().context("--held-out needs a value")?,
            "--out" => out = PathBuf::from(args.next().context("--out needs a value")?),
            "--dump" => dump = Some(PathBuf::from(args.next().context("--dump needs a value")?)),
            _ if corpus.is_none() => corpus = Some(PathBuf::from(arg)),
            _ => bail!("unexpected argument {arg}"),
        }
    }
    let corpus = corpus.context("usage: train_quotes CORPUS.jsonl [--held-out a,b] [--out DIR]")?;
    let held_out: Vec<String> = held_out
        .split(',')
        .filter(|name| !name.is_empty())
        .map(|name| format!("{name}_"))
        .collect();
    let articles = read_corpus(&corpus)?;
    let settings = Settings::default();
    let mut training = Vec::new();
    let mut testing = Vec::new();
    for article in &articles {
        let document = document::parse(&article.text);
        let (found, _) = entities::find(&article.text, &document, &settings);
        let quotes = quotes_for_training(&article.text, &document, &found);
        let truths = truths(article, &quotes);
        let read = Read { quotes, truths };
        if held_out.iter().any(|prefix| article.id.starts_with(prefix)) {
            testing.push(read);
        } else {
            training.push(read);
        }
    }
    if let Some(path) = &dump {
        write_dump(path, &articles, &held_out, &training, &testing)?;
    }
    let mut train_sets = Sets::default();
    for (article, read) in training.iter().enumerate() {
        add_examples(&mut train_sets, read, article);
    }
    let mut test_sets = Sets::default();
    for (article, read) in testing.iter().enumerate() {
        add_examples(&mut test_sets, read, article);
    }
    println!(
        "articles: {} trained on, {} held out ({})",
        training.len(),
        testing.len(),
        held_out.join(" ")
    );
    let speech = train(&train_sets.speech);
    let speaker = train(&train_sets.speaker);
    let mut sourceless = train(&train_sets.sourceless);
    sourceless.threshold = Some(threshold_for_precision(
        &train_sets.sourceless,
        SOURCELESS_PRECISION,
    ));
    for (label, sets) in [("training", &train_sets), ("held-out", &test_sets)] {
        println!("{label}:");
        report("speech", &speech, &sets.speech);
        report("speaker", &speaker, &sets.speaker);
        report("sourceless", &sourceless, &sets.sourceless);
        report_ranking(
            &speaker,
            if label == "training" {
                &training
            } else {
                &testing
            },
        );
    }
    speech.write(
        &out.join("speech.weights"),
        "Speech or not: is a quotation a report of what someone said or wrote (1) or a title, term or scare quote (0)?",
    )?;
    speaker.write(
        &out.join("speaker.weights"),
        "Speaker candidates: is this candidate the speaker of a quote the sentence rules left without one?",
    )?;
    sourceless.write(
        &out.join("sourceless.weights"),
        "No source: does a quote that no rule attributed name no one who said it?",
    )?;
    Ok(())
}
