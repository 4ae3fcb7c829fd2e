//! Quotations: quote spans, their kind (speech, title, scare quote) and their speakers.
//!
//! Pure: speakers are resolved through the entities found earlier; lexicons are data.
//! The pipeline: `marks` pairs quote marks into spans, `tokens` turns each quote into one
//! token among the words around it, `attribution` reads the cue and speaker phrase of each
//! quote's sentence (or of the discourse before it), `speakers` resolves the phrase to a name
//! or entity, and `classify` tells titles from words.

mod agentless;
mod attribution;
mod candidates;
mod classify;
mod features;
mod lexicon;
mod marks;
mod model;
mod phrases;
mod sentence;
mod speakers;
mod tokens;
#[cfg(feature = "internals")]
pub mod training;

use super::diagnostic::Diagnostic;
use super::document::{BlockKind, Document};
use super::entities::{Entity, EntityId};
use super::memo::{Kept, Memo};
use super::rules::Code;
use super::span::Span;

use agentless::Agentless;
use attribution::Attribution;
use candidates::{Candidate, RuleResult};
use features::{QuoteContext, SpeechReading};
use model::Features;
use phrases::{PhraseKind, Tokens};
use speakers::{Names, Resolved, WrittenNames};
use tokens::TokenKind;

pub(crate) use marks::BlockMarks;

/// How many tokens may follow a quote before the paragraph ends for the next paragraph's
/// stand-alone quote to continue its speaker (`"…," he said.` then a new paragraph).
const CONTINUATION_TAIL_TOKENS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    Speech,
    /// A quoted title of a show, book, film or law ("Meet the Press").
    Title,
    /// A scare quote of one or two words.
    Scare,
}

impl QuoteKind {
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Title => "title",
            QuoteKind::Scare => "scare",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The canonical name when the speaker is a known entity, else the text of the source.
    pub name: String,
    pub entity: Option<EntityId>,
    /// The source phrase in the text ("Psaki", "she", "the Kremlin").
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Quote marks included.
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<Span>,
}

impl Quote {
    /// One line for a hover: who said it, the speaker's role (from its entity) and the cue.
    pub fn explanation(&self, text: &str, entities: &[Entity]) -> String {
        match (&self.kind, &self.speaker) {
            (QuoteKind::Title, _) => "Quoted title, not speech".to_string(),
            (_, Some(speaker)) => {
                let mut line = format!("Said by {}", speaker.name);
                let role = speaker
                    .entity
                    .and_then(|id| entities.iter().find(|entity| entity.id == id))
                    .and_then(|entity| entity.role.as_deref());
                if let Some(role) = role {
                    line.push_str(&format!(" ({role})"));
                }
                if let Some(cue) = self.cue {
                    line.push_str(&format!(", cue “{}”", cue.slice(text)));
                }
                line
            }
            (QuoteKind::Scare, None) => "Scare quote with no source named".to_string(),
            (QuoteKind::Speech, None) => "Quotation with no attributable speaker".to_string(),
        }
    }
}

#[cfg(any(test, feature = "internals"))]
/// Finds the quotations of the article and attributes them (one stage alone, for tests and
/// benchmarks; `analyze` runs its parts beside the entities).
pub fn find(text: &str, document: &Document, entities: &[Entity]) -> (Vec<Quote>, Vec<Diagnostic>) {
    let marked = mark(text, document, &Memo::default(), &mut Kept::new(false));
    attribute(text, marked, entities)
}

/// What quote finding reads before it needs the entities: the quotes paired, the words
/// around them, the speaker phrase each quote's own sentence names, and what the speech model
/// reads of each quote. It can run beside the entity analysis; `attribute` finishes the work.
#[derive(Default)]
pub struct Marked {
    quotes: Vec<marks::MarkedQuote>,
    diagnostics: Vec<Diagnostic>,
    tokens: Vec<tokens::Token>,
    name_words: Vec<bool>,
    /// The token of each quote, if it has one.
    token_of_quote: Vec<Option<usize>>,
    /// Whether each quote is shaped like a title ("Meet the Press"): a feature of the speech
    /// model, and no reason to take the sentence's subject as its speaker.
    is_title: Vec<bool>,
    /// Whether each quote stands in the headline or a heading.
    in_heading: Vec<bool>,
    /// Whether each quote stands in a block with web-page boilerplate: no finding there.
    in_boilerplate: Vec<bool>,
    /// The attribution in the quote's sentence, before discourse and entities are consulted.
    in_sentence: Vec<Option<Attribution>>,
    /// The words before each quote that say it was said and name no one, or that it is a title
    /// (`agentless::agentless_at`), read once for the rules, the features and the findings.
    agentless: Vec<Option<(Agentless, usize)>>,
    /// What the speech model reads of each quote before the rules have run.
    speech: Vec<SpeechReading>,
    names: WrittenNames,
}

/// Pairs the quote marks and reads each quote's sentence; needs no entities. Each block's marks
/// are the last analysis's (`memo`) when its text is the same, and are recorded in `kept`.
pub(crate) fn mark(
    text: &str,
    document: &Document,
    memo: &Memo<BlockMarks>,
    kept: &mut Kept<BlockMarks>,
) -> Marked {
    let paragraphs = blocks(text, document);
    let (quotes, diagnostics) = marks::pair(text, &paragraphs, marks::MarksMemo { memo, kept });
    let quotes: Vec<marks::MarkedQuote> = quotes
        .into_iter()
        .filter(|quote| !quote.content().trim(text).is_empty())
        .collect();
    // Many news articles quote no one (seven in ten of Reuters'): then nothing reads the
    // words, and tokenizing them and collecting their names cost an eighth of the analysis.
    if quotes.is_empty() {
        return Marked {
            diagnostics,
            ..Marked::default()
        };
    }
    let spans: Vec<Span> = quotes.iter().map(|quote| quote.span).collect();
    let tokens = tokens::tokenize(text, &paragraphs, &spans);
    let name_words = Tokens::new(text, &tokens).name_word_flags();
    let view = Tokens::new(text, &tokens).with_name_words(&name_words);

    let mut token_of_quote = vec![None; quotes.len()];
    for (index, token) in tokens.iter().enumerate() {
        if let TokenKind::Quote(quote) = token.kind
            && let Some(slot) = token_of_quote.get_mut(quote)
        {
            *slot = Some(index);
        }
    }
    let is_title: Vec<bool> = quotes
        .iter()
        .map(|quote| classify::is_title(text, quote.content()))
        .collect();
    let in_heading: Vec<bool> = quotes
        .iter()
        .map(|quote| {
            document.paragraph_at(quote.span.start).is_some_and(|paragraph| {
                matches!(paragraph.kind, BlockKind::Headline | BlockKind::Heading)
            })
        })
        .collect();
    let in_boilerplate = quotes
        .iter()
        .map(|quote| {
            let block = block_at(&paragraphs, quote.span.start).unwrap_or(quote.span);
            document.is_boilerplate(block.cover(quote.span))
        })
        .collect();
    let agentless: Vec<Option<(Agentless, usize)>> = token_of_quote
        .iter()
        .map(|token| token.and_then(|token| agentless::agentless_at(view, token)))
        .collect();
    let in_sentence = token_of_quote
        .iter()
        .zip(&agentless)
        .map(|(token, cue)| token.and_then(|token| attribution::attribute(view, token, *cue)))
        .collect();
    let names = WrittenNames::collect(view);
    let context = QuoteContext {
        view,
        quotes: &quotes,
        token_of_quote: &token_of_quote,
        in_heading: &in_heading,
        agentless: &agentless,
    };
    let speech = (0..quotes.len())
        .map(|index| SpeechReading::read(context, index))
        .collect();
    Marked {
        quotes,
        diagnostics,
        tokens,
        name_words,
        token_of_quote,
        is_title,
        in_heading,
        in_boilerplate,
        in_sentence,
        agentless,
        speech,
        names,
    }
}

/// Quotes the speech model gives less than this probability are titles, terms or scare quotes.
const SPEECH_THRESHOLD: f32 = 0.5;
/// A quote the rules attributed is taken for a title or scare quote only below this probability.
const ATTRIBUTED_SPEECH_THRESHOLD: f32 = 0.2;
/// The best candidate speaker is taken at or above this probability.
const SPEAKER_THRESHOLD: f32 = 0.5;

/// Everything newsls reads about each quote before deciding its kind, speaker and finding.
struct Reading {
    /// What the sentence and discourse rules found.
    rules: Vec<RuleResult>,
    speech: Vec<Features>,
    /// The candidates of quotes the rules left without a speaker.
    candidates: Vec<Vec<Candidate>>,
    /// The sourceless model's features, for quotes the rules left without a speaker.
    sourceless: Vec<Option<Features>>,
    /// The words before each quote that say it was said, asked, called or chanted and name no
    /// one ("was asked, "…"", "has been called the "…"", "chants of "…""), or that it is the
    /// title of a work ("a book titled "…"").
    agentless: Vec<Option<(Agentless, Span)>>,
}

fn read(text: &str, marked: &mut Marked, names: &Names) -> Reading {
    let mut speech_readings = std::mem::take(&mut marked.speech).into_iter();
    let marked = &*marked;
    let view = Tokens::new(text, &marked.tokens).with_name_words(&marked.name_words);
    let count = marked.quotes.len();
    // First the rules, in text order: a pronoun resolves to the speakers attributed before it.
    let mut rules: Vec<RuleResult> = Vec::with_capacity(count);
    let mut attributions: Vec<Option<Attribution>> = Vec::with_capacity(count);
    let mut earlier_speakers: Vec<(usize, Resolved)> = Vec::new();
    for (index, cue) in marked.agentless.iter().enumerate() {
        let in_sentence = marked.in_sentence[index];
        let is_title = marked.is_title[index];
        // A passive cue with no agent ("was asked, "…"") says the text names no speaker.
        let agentless =
            in_sentence.is_none() && cue.is_some_and(|(cue, _)| cue.names_a_speaker_unnamed());
        let mut attribution = match marked.token_of_quote[index] {
            Some(token) if !agentless => in_sentence.or_else(|| {
                from_discourse(view, token, &marked.token_of_quote, &attributions, index)
            }),
            _ => in_sentence,
        };
        // A headline quote with no speaker of its own is usually attributed in the lede.
        if attribution.is_none()
            && !agentless
            && marked.in_heading[index]
            && let Some(token) = marked.token_of_quote[index]
        {
            attribution = attribution::from_lede(view, token);
        }
        let mut resolved = attribution
            .as_ref()
            .and_then(|attribution| names.resolve(&attribution.phrase, &earlier_speakers));
        if attribution.is_none()
            && !is_title
            && !agentless
            && let Some(token) = marked.token_of_quote[index]
            && let Some(subject) = attribution::from_sentence_subject(view, token)
        {
            // With no speech cue, only a person named as the sentence's subject is taken as the
            // source: "Washington expelled diplomats over Moscow's 'cyberattack'" names none.
            let person = names
                .resolve(&subject.phrase, &earlier_speakers)
                .filter(|resolved| {
                    resolved.is_person
                        && matches!(
                            subject.phrase.kind,
                            PhraseKind::Name | PhraseKind::Pronoun(_) | PhraseKind::Nominal
                        )
                });
            if person.is_some() {
                resolved = person;
                attribution = Some(subject);
            }
        }
        let result = match (attribution, resolved) {
            (Some(attribution), Some(resolved)) => {
                earlier_speakers.push((attribution.phrase.span.start, resolved.clone()));
                Some((attribution, resolved))
            }
            _ => None,
        };
        attributions.push(result.as_ref().map(|(attribution, _)| *attribution));
        rules.push(result);
    }

    // Then the learned models, which read the rules' results around each quote.
    let context = QuoteContext {
        view,
        quotes: &marked.quotes,
        token_of_quote: &marked.token_of_quote,
        in_heading: &marked.in_heading,
        agentless: &marked.agentless,
    };
    let mut speech = Vec::with_capacity(count);
    let mut candidates = Vec::with_capacity(count);
    let mut sourceless = Vec::with_capacity(count);
    for index in 0..count {
        let rule = rules[index].as_ref().map(|(attribution, _)| attribution);
        let speech_features = speech_readings
            .next()
            .map_or_else(Features::new, |reading| reading.with_rule(rule));
        if rule.is_some() {
            candidates.push(Vec::new());
            sourceless.push(None);
        } else {
            let mut found =
                candidates::candidates(context, index, &rules, names, &earlier_speakers);
            // What the quote's own sentence says about its source weighs on every candidate.
            let quote_flags: Vec<String> = speech_features
                .names
                .iter()
                .filter(|name| {
                    name.starts_with("passive")
                        || name.starts_with("naming")
                        || name.starts_with("agentless")
                        || name.starts_with("len=")
                        || name.starts_with("last=")
                        || *name == "heading"
                        || *name == "para_start"
                })
                .map(|name| format!("q:{name}"))
                .collect();
            for candidate in &mut found {
                for flag in &quote_flags {
                    candidate.features.add(flag.clone());
                }
            }
            let sources: Vec<&str> = found
                .iter()
                .flat_map(|candidate| candidate.sources.iter().copied())
                .collect();
            let has_person = found.iter().any(|candidate| candidate.resolved.is_person);
            sourceless.push(Some(features::sourceless_features(
                &speech_features,
                &sources,
                has_person,
            )));
            candidates.push(found);
        }
        speech.push(speech_features);
    }
    let agentless = marked
        .agentless
        .iter()
        .map(|found| found.map(|(cue, at)| (cue, view.span(at))))
        .collect();
    Reading {
        rules,
        speech,
        candidates,
        sourceless,
        agentless,
    }
}

/// Whether the speech features describe a term: at most three words, lower case first, no
/// final punctuation, and no speech verb before or after the quote in its sentence.
fn is_term_shaped(features: &Features) -> bool {
    let has = |name: &str| features.names.iter().any(|feature| feature == name);
    (has("len=1") || has("len=2") || has("len=3"))
        && has("first=lower")
        && has("last=word")
        && has("no_cue_before")
        && has("no_cue_after")
}

/// Attributes the marked quotes to speakers, through the entities found.
pub fn attribute(
    text: &str,
    mut marked: Marked,
    entities: &[Entity],
) -> (Vec<Quote>, Vec<Diagnostic>) {
    if marked.quotes.is_empty() {
        return (Vec::new(), marked.diagnostics);
    }
    let names = Names::new(text, std::mem::take(&mut marked.names), entities);
    let reading = read(text, &mut marked, &names);
    let mut diagnostics = marked.diagnostics;
    let mut quotes = Vec::with_capacity(marked.quotes.len());
    for (index, marked_quote) in marked.quotes.iter().enumerate() {
        let content = marked_quote.content();
        let speech_probability = model::SPEECH.probability(&reading.speech[index]);
        let ranked = reading.candidates[index]
            .iter()
            .map(|candidate| (model::SPEAKER.probability(&candidate.features), candidate))
            .max_by(|(a, _), (b, _)| a.total_cmp(b));
        // The quote names no source when its own words say it was said and name no one ("was
        // asked, "…"", "has been called "…"", "chants of "…""), or when the sourceless model
        // says so. A title verb ("a book titled "…"") makes it the name of a work instead.
        let (agentless, agentless_word) = match reading.agentless[index] {
            Some((cue, word)) => (Some(cue), Some(word)),
            None => (None, None),
        };
        let sourceless = reading.rules[index].is_none()
            && agentless.is_none_or(Agentless::names_a_speaker_unnamed)
            && (agentless.is_some()
                || reading.sourceless[index]
                    .as_ref()
                    .is_some_and(|features| model::SOURCELESS.decides(features)));
        // A short lower-case phrase with no speech cue in its sentence and no source in its
        // words is a term ("control orders", "duty of care"), not anyone's words.
        let term = reading.rules[index].is_none()
            && !sourceless
            && is_term_shaped(&reading.speech[index]);
        let (mut speaker, cue) = match &reading.rules[index] {
            Some((attribution, resolved)) => (
                Some(Speaker {
                    name: resolved.name.clone(),
                    entity: resolved.entity,
                    span: attribution.phrase.source(),
                }),
                attribution.cue,
            ),
            None => match ranked {
                Some((probability, candidate)) if probability >= SPEAKER_THRESHOLD && !sourceless => (
                    Some(Speaker {
                        name: candidate.resolved.name.clone(),
                        entity: candidate.resolved.entity,
                        span: candidate.phrase.source(),
                    }),
                    None,
                ),
                _ => (None, None),
            },
        };
        // A title-shaped quote ("Meet the Press") is taken for speech only when the model is
        // sure, even in an attributed sentence ("As per Blinken, who appeared on NBC's "Meet the
        // Press" …"); after a possessive it is a title ("NBC's "Meet the Press"").
        let title_shaped = marked.is_title[index];
        let owned_title = title_shaped
            && reading.speech[index]
                .names
                .iter()
                .any(|name| name == "prev_possessive");
        let threshold = if reading.rules[index].is_some() && !title_shaped {
            ATTRIBUTED_SPEECH_THRESHOLD
        } else {
            SPEECH_THRESHOLD
        };
        // A quote the sourceless model picks out is reported words with no source, whatever
        // its shape.
        let kind = if agentless == Some(Agentless::Title) || owned_title {
            QuoteKind::Title
        } else if agentless == Some(Agentless::Distance) || term {
            QuoteKind::Scare
        } else if speech_probability >= threshold || sourceless {
            QuoteKind::Speech
        } else if marked.is_title[index] {
            QuoteKind::Title
        } else {
            QuoteKind::Scare
        };
        if kind != QuoteKind::Speech {
            speaker = None;
        }
        let quote = Quote {
            span: marked_quote.span,
            kind,
            speaker,
            cue: if kind == QuoteKind::Speech { cue } else { None },
        };
        if kind == QuoteKind::Speech && quote.speaker.is_none() && !marked.in_boilerplate[index] {
            let summary = crate::summary::summarize(content.slice(text));
            if sourceless {
                diagnostics.push(Diagnostic::new(
                    Code::UnattributedQuote,
                    quote.span,
                    match agentless_word {
                        Some(word) => format!(
                            "“{}” names no one who said these words: {summary}",
                            word.slice(text)
                        ),
                        None => format!("{}: {summary}", quote.explanation(text, entities)),
                    },
                ));
            } else {
                let guess = ranked
                    .map(|(_, candidate)| format!(" (perhaps {})", candidate.resolved.name))
                    .unwrap_or_default();
                diagnostics.push(Diagnostic::new(
                    Code::UndecidedSpeaker,
                    quote.span,
                    format!("newsls could not decide who said this{guess}: {summary}"),
                ));
            }
        }
        quotes.push(quote);
    }
    (quotes, diagnostics)
}

/// The block holding `offset`. The blocks are non-empty, disjoint and in text order: only the
/// last one starting at or before `offset` can hold it (a scan of every block per quote made
/// long articles quadratic).
fn block_at(blocks: &[Span], offset: usize) -> Option<Span> {
    let starting_before = blocks.partition_point(|block| block.start <= offset);
    starting_before
        .checked_sub(1)
        .map(|index| blocks[index])
        .filter(|block| block.contains(offset))
}

/// The blocks quotes are read in: the document's paragraphs, further split at line ends that
/// close a sentence, since many corpora end paragraphs with a single newline.
fn blocks(text: &str, document: &Document) -> Vec<Span> {
    let mut blocks = Vec::with_capacity(document.paragraphs.len());
    for paragraph in &document.paragraphs {
        let mut start = paragraph.span.start;
        for (offset, _) in paragraph.span.slice(text).match_indices('\n') {
            let newline = paragraph.span.start + offset;
            let line = Span::new(start, newline).trim(text);
            let closes_sentence = line
                .slice(text)
                .ends_with(['.', '!', '?', ':', '"', '”', '’', '\'', '…', ')']);
            if closes_sentence {
                blocks.push(line);
                start = newline + 1;
            }
        }
        let last = Span::new(start, paragraph.span.end).trim(text);
        if !last.is_empty() {
            blocks.push(last);
        }
    }
    blocks
}

/// The speaker of a quote that stands alone as a sentence: the clause ending with a colon that
/// introduces it, or the speaker of the quote just before it (`"…," he said. "More."`).
fn from_discourse(
    view: Tokens,
    token: usize,
    token_of_quote: &[Option<usize>],
    attributions: &[Option<Attribution>],
    index: usize,
) -> Option<Attribution> {
    if !attribution::stands_alone(view, token) {
        return None;
    }
    if let Some(attribution) = attribution::introduced_by_colon(view, token) {
        return Some(attribution);
    }
    previous_quote_speaker(view, token, token_of_quote, attributions, index)
        .or_else(|| attribution::from_previous_sentence(view, token))
}

/// The speaker of the quote just before, when it stands in the same paragraph or ends the
/// previous one (`"…," he said.` then a new paragraph opening with a quote).
fn previous_quote_speaker(
    view: Tokens,
    token: usize,
    token_of_quote: &[Option<usize>],
    attributions: &[Option<Attribution>],
    index: usize,
) -> Option<Attribution> {
    let previous = index.checked_sub(1)?;
    let previous_token = token_of_quote.get(previous).copied().flatten()?;
    let breaks: Vec<usize> = (previous_token..token)
        .filter(|&between| {
            view.tokens
                .get(between)
                .is_some_and(|t| t.kind == TokenKind::Break)
        })
        .collect();
    let continues = match breaks.as_slice() {
        [] => true,
        [only] => only - previous_token <= CONTINUATION_TAIL_TOKENS,
        _ => false,
    };
    if !continues {
        return None;
    }
    attributions
        .get(previous)
        .copied()
        .flatten()
        .map(|attribution| Attribution {
            phrase: attribution.phrase,
            cue: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_at_an_offset_is_the_one_a_scan_of_every_block_finds() {
        let text = "date: 2021-12-13\n\nHeadline\n\n\"We will not give up,\" she said.\nThe talks went on\nall night. \"Never,\" he added.\n\n  Click here to subscribe.  \r\n\r\n“Last one.”";
        let blocks = blocks(text, &crate::document::parse(text));
        assert!(blocks.len() >= 4, "{blocks:?}");
        for offset in 0..=text.len() {
            let scanned = blocks.iter().find(|block| block.contains(offset)).copied();
            assert_eq!(block_at(&blocks, offset), scanned, "at {offset}");
        }
    }
}
