//! The pure analysis engine: `analyze(&Input, Options) -> Analysis`.
//!
//! It must not know about LSP, JSON, files, the network, the clock or threads: the publication
//! date comes from the text or from `Settings`, never from `now()`, and broken input comes back
//! as data plus diagnostics, never as a panic. Every span is a byte offset into the exact text.
//! Each analysis lives in its own module and takes earlier results as arguments.

/// Declares the engine's modules: private in the product, so that its public items are only
/// what is re-exported below (and rustc's dead-code lint sees everything else); public with the
/// `internals` feature, for the per-stage benchmarks, the fuzzers and the tagger's training.
macro_rules! modules {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

modules!(
    dateline, dates, diagnostic, document, entities, input, layer, lexicon, memo, quotes, reuse,
    rules, settings, span, summary, suppress, timeline,
);

pub use crate::diagnostic::{Diagnostic, Fix};
pub use dateline::{DctCandidate, DctSource, DctValue, PublicationDate};
pub use dates::{
    Granularity, Granule, PartOfDay, Resolution, TemporalExpression, TimeOfDay, TimeReference,
    TimexMod, TimexType, TimexValue,
};
pub use document::{BlockKind, Document, Paragraph};
pub use entities::{Entity, EntityId, EntityKind, Mention, MentionKind};
pub use input::{Decoded, decode};
pub use layer::{Anchor, AnchorStatus, AppliedDecision, Decision, Layer, Record, make_anchor};
pub use quotes::{Quote, QuoteKind, Speaker};
pub use reuse::Reuse;
pub use rules::{Code, RULES, RuleDoc, Severity, rules_markdown};
pub use settings::{DeclaredEntity, RuleLevel, Settings};
pub use span::Span;
pub use summary::summarize;
pub use timeline::{TimelineEvent, participants};

use reuse::KeptResults;

/// Everything newsls knows about one article.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub document: Document,
    pub publication_date: Option<PublicationDate>,
    pub dates: Vec<TemporalExpression>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<TimelineEvent>,
    /// Sorted by position; rule settings and suppression comments already applied.
    pub diagnostics: Vec<Diagnostic>,
    /// The annotation layer's decisions and where each applied (empty without a layer).
    pub decisions: Vec<AppliedDecision>,
}

/// Whether an annotation was found by newsls or decided by an annotator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Automatic,
    Manual,
}

/// The kinds of annotation an annotator can decide on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnotationKind {
    Quote,
    Date,
    Mention,
}

impl AnnotationKind {
    /// The `layer::Decision::category` of the decisions about this kind.
    pub fn category(self) -> &'static str {
        match self {
            AnnotationKind::Quote => "quotes",
            AnnotationKind::Date => "dates",
            AnnotationKind::Mention => "entities",
        }
    }
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Automatic => "automatic",
            Origin::Manual => "manual",
        }
    }
}

/// What one analysis reads: the article, the settings, and the annotators' decisions (the
/// standoff layer) applied on top of what newsls finds.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub settings: &'a Settings,
    pub layer: &'a Layer,
}

static NO_DECISIONS: Layer = Layer {
    records: Vec::new(),
};

impl<'a> Input<'a> {
    /// An article without annotators' decisions.
    pub fn new(text: &'a str, settings: &'a Settings) -> Input<'a> {
        Input {
            text,
            settings,
            layer: &NO_DECISIONS,
        }
    }

    pub fn with_layer(self, layer: &'a Layer) -> Input<'a> {
        Input { layer, ..self }
    }
}

/// How one analysis runs; the result is the same whatever the options.
pub struct Options<'a, J: Join = Sequential> {
    /// Runs the parts of the analysis that are independent (see `Join`).
    pub join: J,
    /// What the last analysis of the same document kept of its paragraphs, lent to this one,
    /// which reuses what still applies and leaves its own results there for the next.
    pub reuse: Option<&'a mut Reuse>,
}

impl Default for Options<'_, Sequential> {
    fn default() -> Self {
        Options {
            join: Sequential,
            reuse: None,
        }
    }
}

/// Runs two independent parts of an analysis. The engine says which parts are independent;
/// the caller, which knows its threads, decides whether they run side by side (the language
/// server, where one long article is analysed while the other core waits) or one after the
/// other (the corpus linter, which keeps every core busy with articles already).
pub trait Join {
    fn join<A: Send, B: Send>(
        &self,
        first: impl FnOnce() -> A + Send,
        second: impl FnOnce() -> B + Send,
    ) -> (A, B);
}

/// Runs the parts one after the other.
pub struct Sequential;

impl Join for Sequential {
    fn join<A: Send, B: Send>(
        &self,
        first: impl FnOnce() -> A + Send,
        second: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        (first(), second())
    }
}

/// Analyses one article: its shape, publication date, dates, entities, quotes, timeline and
/// findings, with the annotators' decisions of `input.layer` applied on top. Never panics,
/// whatever the text.
pub fn analyze<J: Join>(input: &Input<'_>, options: Options<'_, J>) -> Analysis {
    let Input {
        text: full_text,
        settings,
        layer: annotations,
    } = *input;
    let Options { join, reuse } = options;
    let no_reuse = Reuse::default();
    let mut kept = KeptResults::new(reuse.is_some());
    let memos: &Reuse = reuse.as_deref().unwrap_or(&no_reuse);
    // Giant texts are analysed up to the limit; every span still points into the full text.
    let text = limited_prefix(full_text, settings.analysis_limit);
    let document = document::parse(text);
    let mut diagnostics = document::boilerplate_diagnostics(text, &document);

    let (publication_date, dct_diagnostics) = dateline::detect(text, &document, settings);
    diagnostics.extend(dct_diagnostics);

    // The entities are the longest part, so their first step is split in two; then dates and
    // the reading of quotes, which need no entities, run beside the rest of them.
    let words = entities::read(
        text,
        &document,
        &join,
        entities::WordsMemo {
            words: &memos.entity_words,
            kept_words: &mut kept.entity_words,
            scores: &memos.static_scores,
            kept_scores: &mut kept.static_scores,
        },
    );
    // Without annotators' decisions the dates are final as found, so the timeline is built
    // beside the entities too; with them it waits for the layer (below).
    let (
        (entities, entity_diagnostics),
        ((dates, date_diagnostics), early_timeline, marked_quotes),
    ) = join.join(
        || entities::find_in(text, &document, settings, words),
        || {
            let (dates, date_diagnostics) = dates::find_reusing(
                text,
                &document,
                publication_date.as_ref(),
                &memos.date_matches,
                &mut kept.date_matches,
            );
            let early_timeline = annotations
                .records
                .is_empty()
                .then(|| timeline::build(text, &document, &dates));
            (
                (dates, date_diagnostics),
                early_timeline,
                quotes::mark(text, &document),
            )
        },
    );
    let (quotes, quote_diagnostics) = quotes::attribute(text, marked_quotes, &entities);
    diagnostics.extend(entity_diagnostics);
    diagnostics.extend(quote_diagnostics);
    diagnostics.extend(date_diagnostics);

    if text.len() < full_text.len() {
        diagnostics.push(Diagnostic::new(
            Code::AnalysisLimit,
            Span::new(text.len(), text.len()),
            format!(
                "Only the first {} of {} bytes were analysed (the analysis limit); nothing after this point is checked.",
                text.len(),
                full_text.len()
            ),
        ));
    }

    let mut analysis = Analysis {
        document,
        publication_date,
        dates,
        entities,
        quotes,
        timeline: Vec::new(),
        diagnostics,
        decisions: Vec::new(),
    };
    layer::apply(text, &mut analysis, annotations);
    // The timeline is built after the layer so that manual date values order it.
    analysis.timeline = match early_timeline {
        Some(timeline) => timeline,
        None => timeline::build(text, &analysis.document, &analysis.dates),
    };

    let diagnostics =
        settings::apply_rule_levels(std::mem::take(&mut analysis.diagnostics), settings);
    analysis.diagnostics = suppress::apply(text, diagnostics);
    analysis
        .diagnostics
        .sort_by_key(|diagnostic| (diagnostic.span, diagnostic.code));
    if let Some(reuse) = reuse {
        kept.store_in(reuse);
    }
    analysis
}

/// The longest prefix of `text` within `limit` bytes that ends at a line break (or a char boundary).
fn limited_prefix(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    match prefix.rfind('\n') {
        Some(line_end) if line_end > 0 => &text[..line_end + 1],
        _ => prefix,
    }
}

impl Analysis {
    /// The entity a mention belongs to, if `offset` falls inside one of its mentions.
    pub fn entity_at(&self, offset: usize) -> Option<(&Entity, &Mention)> {
        self.entities.iter().find_map(|entity| {
            entity
                .mentions
                .iter()
                .find(|mention| mention.span.contains(offset))
                .map(|mention| (entity, mention))
        })
    }

    pub fn date_at(&self, offset: usize) -> Option<&TemporalExpression> {
        self.dates.iter().find(|date| date.span.contains(offset))
    }

    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        self.quotes.iter().find(|quote| quote.span.contains(offset))
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.iter().find(|entity| entity.id == id)
    }

    /// Whether the quote, date or mention at `span` was decided by an annotator: a decision of
    /// the layer about that kind of annotation applies to it.
    pub fn origin(&self, span: Span, kind: AnnotationKind) -> Origin {
        let manual = self.decisions.iter().any(|decision| {
            decision.decision.category() == kind.category()
                && decision.span.is_some_and(|at| at.overlaps(span))
        });
        if manual {
            Origin::Manual
        } else {
            Origin::Automatic
        }
    }
}
