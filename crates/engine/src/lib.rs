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
    dateline, dates, diagnostic, document, entities, hash_maps, input, layer, lexicon, memo,
    quotes, regexes, reuse, rules, settings, span, strings, summary, suppress, timeline,
);

pub use crate::diagnostic::{Diagnostic, Fix};
pub use dateline::{DctCandidate, DctSource, DctValue, PublicationDate};
pub use dates::{
    Basis, Granularity, Granule, PartOfDay, Resolution, TemporalExpression, TimeOfDay,
    TimeReference, TimexMod, TimexType, TimexValue, UnknownUnit, Unplaced, Unresolved, Yearless,
};
pub use document::{BlockKind, Document, Paragraph};
pub use entities::{Entity, EntityId, EntityKind, Mention, MentionKind, names_only};
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
    let document = document::parse_reusing(text, &memos.document_blocks, &mut kept.document_blocks);
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
    let ((entities, entity_diagnostics), ((dates, date_diagnostics), marked_quotes)) = join.join(
        || entities::find_in(text, &document, settings, words),
        || {
            let dates = dates::find_reusing(
                text,
                &document,
                publication_date.as_ref(),
                &memos.date_matches,
                &mut kept.date_matches,
            );
            let marked = quotes::mark(text, &document, &memos.quote_marks, &mut kept.quote_marks);
            (dates, marked)
        },
    );
    let (dates, date_diagnostics) = without_dates_in_names(&entities, dates, date_diagnostics);
    // Without annotators' decisions the dates are final as found, so the timeline is built
    // beside the attribution of quotes, which waits for the entities (beside them, it made the
    // longer of the two sides); with decisions it waits for the layer (below).
    let ((mut quotes, quote_diagnostics), early_timeline) = join.join(
        || quotes::attribute(text, marked_quotes, &entities),
        || {
            annotations
                .records
                .is_empty()
                .then(|| timeline::build(text, &document, &dates))
        },
    );
    // Nothing is found inside boilerplate but the boilerplate itself: the quote marks of an ad
    // enclose no one's words, and its "today" is no date.
    quotes.retain(|quote| !document.is_boilerplate(quote.span));
    let about_the_text = |diagnostic: &Diagnostic| {
        matches!(
            diagnostic.code,
            Code::UnattributedQuote
                | Code::UndecidedSpeaker
                | Code::UnbalancedQuote
                | Code::RelativeDate
                | Code::AmbiguousDate
                | Code::EntitySpelling
        )
    };
    diagnostics.extend(
        entity_diagnostics
            .into_iter()
            .chain(quote_diagnostics)
            .chain(date_diagnostics)
            .filter(|diagnostic| {
                !(about_the_text(diagnostic) && document.is_boilerplate(diagnostic.span))
            }),
    );

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

/// The dates found without the date words inside a longer name of a person or an organisation
/// ("Theresa May", "April Ryan"), which only the entities know: the date patterns read words,
/// not names. A one-word name is not trusted with this (the tagger may read a month that opens
/// a sentence as a name).
fn without_dates_in_names(
    entities: &[Entity],
    mut dates: Vec<TemporalExpression>,
    mut date_diagnostics: Vec<Diagnostic>,
) -> (Vec<TemporalExpression>, Vec<Diagnostic>) {
    let mut names: Vec<Span> = entities
        .iter()
        .filter(|entity| matches!(entity.kind, EntityKind::Person | EntityKind::Org))
        .flat_map(|entity| &entity.mentions)
        .filter(|mention| mention.kind == MentionKind::Name)
        .map(|mention| mention.span)
        .collect();
    names.sort_unstable();
    let inside_a_longer_name = |span: Span| {
        // The names that start at or before the span, nearest first; names rarely nest, so
        // the first few decide.
        let after = names.partition_point(|name| name.start <= span.start);
        names[..after]
            .iter()
            .rev()
            .take(4)
            .any(|name| name.contains_span(span) && *name != span)
    };
    let before = dates.len();
    dates.retain(|date| !inside_a_longer_name(date.span));
    if dates.len() != before {
        date_diagnostics.retain(|diagnostic| {
            !(matches!(diagnostic.code, Code::RelativeDate | Code::AmbiguousDate)
                && inside_a_longer_name(diagnostic.span))
        });
    }
    (dates, date_diagnostics)
}

/// How far back from the analysis limit a sentence end is looked for; past it, a long text
/// without one is cut at a word boundary.
const LIMIT_CUT_WINDOW: usize = 64 * 1024;

/// The longest prefix of `text` within `limit` bytes that ends a sentence: after a line break,
/// or after `.`, `!` or `?` (and any closing quotes or brackets) followed by a space. With no
/// such end in the last `LIMIT_CUT_WINDOW` bytes (a scraped page with no punctuation), at the
/// last space; only a text with no space there is cut at a character boundary. A sentence is
/// never analysed in part, so no finding comes from half a sentence or half a name.
fn limited_prefix(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let bytes = text.as_bytes();
    let window_start = end.saturating_sub(LIMIT_CUT_WINDOW);
    let closing = |byte: u8| matches!(byte, b'"' | b'\'' | b')' | b']');
    let mut last_space = None;
    for at in (window_start..end).rev() {
        match bytes[at] {
            b'\n' if at > 0 => return &text[..at + 1],
            b' ' | b'\t' => {
                let mut before = at;
                while before > 0 && closing(bytes[before - 1]) {
                    before -= 1;
                }
                // Curly closing quotes are three bytes: ” ’ (U+201D, U+2019).
                while before >= 3 && matches!(&bytes[before - 3..before], [0xE2, 0x80, 0x9D | 0x99])
                {
                    before -= 3;
                }
                if before > 0 && matches!(bytes[before - 1], b'.' | b'!' | b'?') {
                    return &text[..at + 1];
                }
                last_space.get_or_insert(at + 1);
            }
            _ => {}
        }
    }
    &text[..last_space.unwrap_or(end)]
}

impl Analysis {
    /// The entity a mention belongs to, if `offset` falls inside one of its mentions; when
    /// mentions nest ("Google" inside "Google Science Fair"), the smallest one's.
    pub fn entity_at(&self, offset: usize) -> Option<(&Entity, &Mention)> {
        self.entities
            .iter()
            .flat_map(|entity| entity.mentions.iter().map(move |mention| (entity, mention)))
            .filter(|(_, mention)| mention.span.contains(offset))
            .min_by_key(|(_, mention)| mention.span.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<(Code, &str)> {
        let settings = Settings {
            publication_date: Some(jiff::civil::date(2021, 12, 13)),
            ..Settings::default()
        };
        analyze(&Input::new(text, &settings), Options::default())
            .diagnostics
            .iter()
            .map(|diagnostic| (diagnostic.code, diagnostic.span.slice(text)))
            .collect()
    }

    #[test]
    fn the_analysis_limit_falls_at_the_end_of_a_sentence_never_inside_a_word() {
        let one_line = "Vladimir Putin met officials. ".repeat(40);
        let cut = limited_prefix(&one_line, 100);
        assert_eq!(
            cut,
            "Vladimir Putin met officials. Vladimir Putin met officials. Vladimir Putin met officials. "
        );
        // A dated article whose body is one long line: the cut is in the body, not at the header.
        let dated = format!("date: 2021-12-13\n\n{one_line}");
        let cut = limited_prefix(&dated, 200);
        assert!(cut.len() > 150 && cut.ends_with("officials. "), "{cut:?}");
        // With no sentence end, at a space; with no space at all, at a character boundary.
        let words = "word ".repeat(100);
        assert_eq!(limited_prefix(&words, 52), "word ".repeat(10));
        let blob = "é".repeat(100);
        assert_eq!(limited_prefix(&blob, 51), "é".repeat(25));
        // A closing quote after the full stop still ends the sentence.
        let quoted = "He said: “It is over.” Then he left the room quietly today.";
        assert_eq!(limited_prefix(quoted, 40), "He said: “It is over.” ");
        assert_eq!(limited_prefix("Short.", 100), "Short.");
    }

    #[test]
    fn a_promotion_is_boilerplate_as_a_whole_and_nothing_else_is_found_in_it() {
        let text = "Blinken spoke on Sunday, officials said.\n\n\"Exciting news! The Daily is now on WhatsApp Channels Subscribe today by clicking the link!\" Click here!\n";
        let found = findings(text);
        let promo = text.lines().nth(2).unwrap_or_default();
        assert!(found.contains(&(Code::Boilerplate, promo)), "{found:?}");
        let inside: Vec<&(Code, &str)> = found
            .iter()
            .filter(|(code, span)| *code != Code::Boilerplate && promo.contains(span))
            .collect();
        assert!(inside.is_empty(), "{inside:?}");
        // The same quote in the article's own text is reported.
        let prose = "Officials spoke on Sunday. Residents were told: \"We are not done yet, and we will keep going until the end.\"\n";
        assert!(
            findings(prose)
                .iter()
                .any(|(code, _)| *code == Code::UnattributedQuote),
            "{:?}",
            findings(prose)
        );
    }
}
