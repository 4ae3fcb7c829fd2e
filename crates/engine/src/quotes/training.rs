//! What `examples/train_quotes.rs` reads to train the quote models: for every quotation of an
//! article, the features each model weighs and the speakers it could choose.
//!
//! The same code computes the features at training time and in `analyze`, so the shipped weights
//! always meet the features they were trained on.

use crate::document::Document;
use crate::entities::Entity;
use crate::span::Span;

use super::speakers::Names;

/// A speaker as the evaluators compare it: a name and the source phrase's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingSpeaker {
    pub name: String,
    pub span: Span,
}

/// One quotation as the models see it.
#[derive(Debug, Clone)]
pub struct TrainingQuote {
    /// Quote marks included.
    pub span: Span,
    /// What the sentence and discourse rules attributed it to, if anything.
    pub rule_speaker: Option<TrainingSpeaker>,
    /// The speech model's features.
    pub speech: Vec<String>,
    /// The candidate speakers with the speaker model's features (only without a rule speaker).
    pub candidates: Vec<(TrainingSpeaker, Vec<String>)>,
    /// The sourceless model's features (only without a rule speaker).
    pub sourceless: Option<Vec<String>>,
}

/// Reads every quotation of an article for training.
pub fn quotes_for_training(text: &str, document: &Document, entities: &[Entity]) -> Vec<TrainingQuote> {
    let mut marked = super::mark(
        text,
        document,
        &crate::memo::Memo::default(),
        &mut crate::memo::Kept::new(false),
    );
    let names = Names::new(text, std::mem::take(&mut marked.names), entities);
    let reading = super::read(text, &mut marked, &names);
    let super::Reading {
        rules,
        speech,
        candidates,
        sourceless,
        ..
    } = reading;
    marked
        .quotes
        .iter()
        .zip(rules)
        .zip(speech)
        .zip(candidates)
        .zip(sourceless)
        .map(|((((quote, rule), speech), candidates), sourceless)| TrainingQuote {
            span: quote.span,
            rule_speaker: rule.map(|(attribution, resolved)| TrainingSpeaker {
                name: resolved.name,
                span: attribution.phrase.source(),
            }),
            speech: speech.into_names(),
            candidates: candidates
                .into_iter()
                .map(|candidate| {
                    (
                        TrainingSpeaker {
                            name: candidate.resolved.name,
                            span: candidate.phrase.source(),
                        },
                        candidate.features.into_names(),
                    )
                })
                .collect(),
            sourceless: sourceless.map(super::model::Features::into_names),
        })
        .collect()
}
