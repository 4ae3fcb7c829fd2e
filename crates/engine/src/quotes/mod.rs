//! Quotations: quote spans, their kind (speech, title, scare quote) and their speakers.
//!
//! Pure: speakers are resolved through the entities found earlier; lexicons are data.
//! The pipeline: `marks` pairs quote marks into spans, `tokens` turns each quote into one
//! token among the words around it, `attribution` reads the cue and speaker phrase of each
//! quote's sentence (or of the discourse before it), `speakers` resolves the phrase to a name
//! or entity, and `classify` tells titles from words.

mod attribution;
mod classify;
mod lexicon;
mod marks;
mod phrases;
mod speakers;
mod tokens;

use super::diagnostic::Diagnostic;
use super::document::Document;
use super::entities::{Entity, EntityId};
use super::rules::Code;
use super::span::Span;

use attribution::Attribution;
use phrases::{PhraseKind, Tokens};
use speakers::{Names, Resolved, WrittenNames};
use tokens::TokenKind;

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
    attribute(text, mark(text, document), entities)
}

/// What quote finding reads before it needs the entities: the quotes paired, the words
/// around them, and the speaker phrase each quote's own sentence names. It can run beside
/// the entity analysis; `attribute` finishes the work.
pub struct Marked {
    quotes: Vec<marks::MarkedQuote>,
    diagnostics: Vec<Diagnostic>,
    tokens: Vec<tokens::Token>,
    name_words: Vec<bool>,
    /// The token of each quote, if it has one.
    token_of_quote: Vec<Option<usize>>,
    is_title: Vec<bool>,
    /// The attribution in the quote's sentence, before discourse and entities are consulted.
    in_sentence: Vec<Option<Attribution>>,
    names: WrittenNames,
}

/// Pairs the quote marks and reads each quote's sentence; needs no entities.
pub fn mark(text: &str, document: &Document) -> Marked {
    let paragraphs = blocks(text, document);
    let (quotes, diagnostics) = marks::pair(text, &paragraphs);
    let quotes: Vec<marks::MarkedQuote> = quotes
        .into_iter()
        .filter(|quote| !quote.content().trim(text).is_empty())
        .collect();
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
    let in_sentence = token_of_quote
        .iter()
        .zip(&is_title)
        .map(|(token, &is_title)| match token {
            Some(token) if !is_title => attribution::attribute(view, *token),
            _ => None,
        })
        .collect();
    let names = WrittenNames::collect(view);
    Marked {
        quotes,
        diagnostics,
        tokens,
        name_words,
        token_of_quote,
        is_title,
        in_sentence,
        names,
    }
}

/// Attributes the marked quotes to speakers, through the entities found.
pub fn attribute(text: &str, marked: Marked, entities: &[Entity]) -> (Vec<Quote>, Vec<Diagnostic>) {
    let Marked {
        quotes: marked,
        mut diagnostics,
        tokens,
        name_words,
        token_of_quote,
        is_title,
        in_sentence,
        names,
    } = marked;
    let view = Tokens::new(text, &tokens).with_name_words(&name_words);
    let names = Names::new(text, names, entities);

    let mut quotes = Vec::with_capacity(marked.len());
    let mut attributions: Vec<Option<Attribution>> = Vec::with_capacity(marked.len());
    let mut earlier_speakers: Vec<(usize, Resolved)> = Vec::new();
    for ((index, marked_quote), in_sentence) in marked.iter().enumerate().zip(in_sentence) {
        let content = marked_quote.content();
        let is_title = is_title[index];
        let mut attribution = match token_of_quote[index] {
            Some(token) if !is_title => in_sentence
                .or_else(|| from_discourse(view, token, &token_of_quote, &attributions, index)),
            _ => None,
        };
        let mut resolved = attribution
            .as_ref()
            .and_then(|attribution| names.resolve(&attribution.phrase, &earlier_speakers));
        if attribution.is_none()
            && !is_title
            && let Some(token) = token_of_quote[index]
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
        let speaker = match (&attribution, &resolved) {
            (Some(attribution), Some(resolved)) => {
                earlier_speakers.push((attribution.phrase.span.start, resolved.clone()));
                Some(Speaker {
                    name: resolved.name.clone(),
                    entity: resolved.entity,
                    span: attribution.phrase.source(),
                })
            }
            _ => None,
        };
        let kind = if is_title {
            QuoteKind::Title
        } else if speaker.is_none()
            && classify::word_count(text, content) <= classify::SCARE_MAX_WORDS
        {
            QuoteKind::Scare
        } else {
            QuoteKind::Speech
        };
        let quote = Quote {
            span: marked_quote.span,
            kind,
            speaker,
            cue: attribution.and_then(|attribution| attribution.cue),
        };
        if kind != QuoteKind::Title && quote.speaker.is_none() {
            diagnostics.push(Diagnostic::new(
                Code::UnattributedQuote,
                quote.span,
                format!(
                    "{}: {}",
                    quote.explanation(text, entities),
                    crate::summary::summarize(content.slice(text))
                ),
            ));
        }
        attributions.push(attribution.filter(|_| quote.speaker.is_some()));
        quotes.push(quote);
    }
    (quotes, diagnostics)
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
