//! Speaker candidates for a quote the sentence rules left without a speaker, and their features.
//!
//! News puts the speaker of such a quote in a few places: the quote before it or after it
//! (`"…," he said.` then a paragraph of more quotation), the subject of its own sentence, of the
//! sentence before or after it, or, for a headline quote, of the article's first sentence.
//! Each place gives a candidate phrase; candidates that resolve to the same person are merged,
//! and `model::SPEAKER` weighs their features. Every search is bounded in tokens.

use super::attribution::{self, Attribution};
use super::sentence;
use super::features::QuoteContext;
use super::model::Features;
use super::phrases::{PhraseKind, SpeakerPhrase};
use super::speakers::{Names, Resolved};
use super::tokens::TokenKind;

/// How far back (in tokens) the previous attributed quote is looked for.
const PREVIOUS_QUOTE_WINDOW: usize = 300;
/// How far ahead (in tokens) the next attributed quote is looked for.
const NEXT_QUOTE_WINDOW: usize = 160;
/// How many paragraph breaks may stand between a quote and a neighbouring attributed quote.
const MAX_BREAKS: usize = 2;

/// One candidate speaker of a quote.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub phrase: SpeakerPhrase,
    pub resolved: Resolved,
    /// Where the candidate was found ("previous-quote", "subject", …), one entry per place.
    pub sources: Vec<&'static str>,
    pub features: Features,
}

/// What the rules found for each quote of the article: the attribution and its resolution.
pub type RuleResult = Option<(Attribution, Resolved)>;

fn breaks_between(context: QuoteContext, from: usize, to: usize) -> usize {
    (from.min(to)..from.max(to))
        .filter(|&index| {
            context
                .view
                .tokens
                .get(index)
                .is_some_and(|token| token.kind == TokenKind::Break)
        })
        .count()
}

/// Sentence boundaries between two tokens, at most 3.
fn sentences_between(context: QuoteContext, from: usize, to: usize) -> usize {
    let view = context.view;
    (from.min(to)..from.max(to))
        .filter(|&index| super::tokens::is_boundary(view.text, view.tokens, index))
        .take(3)
        .count()
}

fn has_cue(context: QuoteContext, (start, end): (usize, usize)) -> bool {
    (start..end).any(|index| attribution::cue_verb(context.view, index).is_some())
}

fn kind_name(kind: PhraseKind) -> &'static str {
    match kind {
        PhraseKind::Name => "name",
        PhraseKind::Pronoun(_) => "pronoun",
        PhraseKind::Nominal => "nominal",
        PhraseKind::Document => "document",
    }
}

/// A candidate before merging: where it was found and what that place says about it.
struct Found {
    source: &'static str,
    phrase: SpeakerPhrase,
    resolved: Resolved,
    detail: Vec<String>,
}

/// The sentence before the one starting at token `start`, if there is one within a paragraph.
fn previous_sentence(context: QuoteContext, start: usize) -> Option<(usize, usize)> {
    let mut last = start.checked_sub(2)?;
    if context
        .view
        .tokens
        .get(last + 1)
        .is_some_and(|token| token.kind == TokenKind::Break)
        && context
            .view
            .tokens
            .get(last)
            .is_some_and(|token| token.kind == TokenKind::Break)
    {
        last = last.checked_sub(1)?;
    }
    Some(sentence::sentence_around(context.view, last))
}

/// The sentence after the one ending at token `end` (exclusive).
fn next_sentence(context: QuoteContext, end: usize) -> Option<(usize, usize)> {
    let mut first = end + 1;
    if context
        .view
        .tokens
        .get(first)
        .is_some_and(|token| token.kind == TokenKind::Break)
    {
        first += 1;
    }
    (first < context.view.tokens.len()).then(|| sentence::sentence_around(context.view, first))
}

fn subject_of(
    context: QuoteContext,
    (start, end): (usize, usize),
    names: &Names,
    earlier: &[(usize, Resolved)],
) -> Option<(SpeakerPhrase, Resolved)> {
    let phrase = attribution::sentence_subject(context.view, start, end)?;
    let resolved = names.resolve(&phrase, earlier)?;
    Some((phrase, resolved))
}

/// The candidates for quote `index`, merged by the person they resolve to.
pub fn candidates(
    context: QuoteContext,
    index: usize,
    rules: &[RuleResult],
    names: &Names,
    earlier: &[(usize, Resolved)],
) -> Vec<Candidate> {
    let Some(token) = context.token_of_quote.get(index).copied().flatten() else {
        return Vec::new();
    };
    let view = context.view;
    let mut found: Vec<Found> = Vec::new();

    // The nearest earlier quote the rules attributed.
    for previous in (0..index).rev() {
        let Some(previous_token) = context.token_of_quote[previous] else {
            continue;
        };
        if token - previous_token > PREVIOUS_QUOTE_WINDOW
            || breaks_between(context, previous_token, token) > MAX_BREAKS
        {
            break;
        }
        if let Some((attribution, resolved)) = &rules[previous] {
            let breaks = breaks_between(context, previous_token, token);
            let sentences = sentences_between(context, previous_token, token);
            let (previous_start, _) = sentence::sentence_around(view, previous_token);
            let same_sentence = previous_start <= token
                && sentence::sentence_around(view, token).0 == previous_start;
            found.push(Found {
                source: "previous-quote",
                phrase: attribution.phrase,
                resolved: resolved.clone(),
                detail: vec![
                    format!("breaks={breaks}"),
                    format!("sentences={sentences}"),
                    format!("quotes={}", (index - previous - 1).min(2)),
                    if same_sentence { "same-sentence".into() } else { "other-sentence".into() },
                    if attribution.cue.is_some() { "cued".into() } else { "uncued".into() },
                ],
            });
            break;
        }
    }

    // The nearest later quote the rules attributed.
    let later = context
        .token_of_quote
        .iter()
        .zip(rules)
        .enumerate()
        .take(context.quotes.len())
        .skip(index + 1);
    for (next, (next_token, rule)) in later {
        let Some(next_token) = *next_token else {
            continue;
        };
        if next_token - token > NEXT_QUOTE_WINDOW
            || breaks_between(context, token, next_token) > MAX_BREAKS - 1
        {
            break;
        }
        if let Some((attribution, resolved)) = rule {
            let breaks = breaks_between(context, token, next_token);
            let sentences = sentences_between(context, token, next_token);
            found.push(Found {
                source: "next-quote",
                phrase: attribution.phrase,
                resolved: resolved.clone(),
                detail: vec![
                    format!("breaks={breaks}"),
                    format!("sentences={sentences}"),
                    format!("quotes={}", (next - index - 1).min(2)),
                    if attribution.cue.is_some() { "cued".into() } else { "uncued".into() },
                ],
            });
            break;
        }
    }

    let own = sentence::sentence_around(view, token);
    if let Some((phrase, resolved)) = subject_of(context, own, names, earlier) {
        let before = phrase.span.end <= view.span(token).start;
        found.push(Found {
            source: "subject",
            phrase,
            resolved,
            detail: vec![
                if before { "before".into() } else { "after".into() },
                if has_cue(context, own) { "cued".into() } else { "uncued".into() },
            ],
        });
    }
    if let Some(previous) = previous_sentence(context, own.0)
        && let Some((phrase, resolved)) = subject_of(context, previous, names, earlier) {
            let ends_with_colon = previous.1 > previous.0
                && (view.is_punct(previous.1 - 1, ':') || view.is_punct(previous.1, ':'));
            found.push(Found {
                source: "previous-subject",
                phrase,
                resolved,
                detail: vec![
                    format!("breaks={}", breaks_between(context, previous.1, own.0)),
                    if has_cue(context, previous) { "cued".into() } else { "uncued".into() },
                    if ends_with_colon { "colon".into() } else { "no-colon".into() },
                ],
            });
        }
    if let Some(next) = next_sentence(context, own.1)
        && let Some((phrase, resolved)) = subject_of(context, next, names, earlier) {
            found.push(Found {
                source: "next-subject",
                phrase,
                resolved,
                detail: vec![
                    format!("breaks={}", breaks_between(context, own.1, next.0)),
                    if has_cue(context, next) { "cued".into() } else { "uncued".into() },
                ],
            });
        }
    if context.in_heading.get(index).copied().unwrap_or(false) {
        let first_break = (token + 1..view.tokens.len().min(token + 60))
            .find(|&at| view.tokens[at].kind == TokenKind::Break);
        if let Some(first_break) = first_break {
            let lede = sentence::sentence_around(view, first_break + 1);
            if let Some((phrase, resolved)) = subject_of(context, lede, names, earlier) {
                found.push(Found {
                    source: "lede-subject",
                    phrase,
                    resolved,
                    detail: vec![if has_cue(context, lede) {
                        "cued".into()
                    } else {
                        "uncued".into()
                    }],
                });
            }
        }
    }
    merge(context, index, found)
}

/// The key candidates are merged by: the entity, else the last word of the name.
fn key(resolved: &Resolved) -> String {
    match resolved.entity {
        Some(entity) => format!("entity:{}", entity.0),
        None => resolved
            .name
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase(),
    }
}

fn merge(context: QuoteContext, index: usize, found: Vec<Found>) -> Vec<Candidate> {
    let alone = context
        .token_of_quote
        .get(index)
        .copied()
        .flatten()
        .is_some_and(|token| attribution::stands_alone(context.view, token));
    let mut merged: Vec<(String, Candidate)> = Vec::new();
    for item in found {
        let key = key(&item.resolved);
        let position = merged.iter().position(|(known, _)| *known == key);
        let candidate = match position {
            Some(position) => &mut merged[position].1,
            None => {
                let mut features = Features::new();
                let kind = kind_name(item.phrase.kind);
                features.add_value("kind", kind);
                features.flag("person", item.resolved.is_person);
                features.flag("entity", item.resolved.entity.is_some());
                features.flag(
                    "unresolved_pronoun",
                    matches!(item.phrase.kind, PhraseKind::Pronoun(_))
                        && item.resolved.name == item.phrase.span.slice(context.view.text),
                );
                features.flag("alone", alone);
                merged.push((
                    key,
                    Candidate {
                        phrase: item.phrase,
                        resolved: item.resolved.clone(),
                        sources: Vec::new(),
                        features,
                    },
                ));
                &mut merged.last_mut().expect("just pushed").1
            }
        };
        let source = item.source;
        candidate.sources.push(source);
        candidate.features.add(source);
        candidate
            .features
            .add(format!("{source}&kind={}", kind_name(item.phrase.kind)));
        candidate.features.add(format!("{source}&alone={alone}"));
        for detail in &item.detail {
            candidate.features.add(format!("{source}&{detail}"));
        }
    }
    merged
        .into_iter()
        .map(|(_, mut candidate)| {
            let count = candidate.sources.len();
            candidate.features.add_count("sources", count.min(3));
            candidate
        })
        .collect()
}
