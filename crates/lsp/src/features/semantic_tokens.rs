//! Semantic tokens for persons, organisations, places, dates, quotes and speakers.
//!
//! Pure, except for `ResultCache`, the last result sent for each document, which deltas are
//! computed against. Tokens never overlap and never span lines (LSP forbids both by default):
//! names and dates win over the quote around them, which is cut into the pieces between them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensEdit,
    SemanticTokensLegend, Uri,
};

use crate::documents::Snapshot;
use newsls_engine::{EntityKind, Span};

/// Token type indices into `legend().token_types`.
pub const PERSON: u32 = 0;
pub const ORGANIZATION: u32 = 1;
pub const PLACE: u32 = 2;
pub const DATE: u32 = 3;
pub const QUOTE: u32 = 4;
pub const SPEAKER: u32 = 5;
pub const OTHER_ENTITY: u32 = 6;

/// Modifier bit: the defining mention of an entity.
pub const DEFINITION_BIT: u32 = 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: [
            "person",
            "organization",
            "place",
            "date",
            "quote",
            "speaker",
            "entity",
        ]
        .into_iter()
        .map(SemanticTokenType::new)
        .collect(),
        token_modifiers: vec![SemanticTokenModifier::DEFINITION],
    }
}

fn entity_type(kind: EntityKind) -> u32 {
    match kind {
        EntityKind::Person => PERSON,
        EntityKind::Org => ORGANIZATION,
        EntityKind::Place => PLACE,
        EntityKind::Other => OTHER_ENTITY,
    }
}

/// Every token as (span, type, modifiers), sorted, without overlaps.
pub fn token_spans(snapshot: &Snapshot) -> Vec<(Span, u32, u32)> {
    let analysis = &snapshot.analysis;
    let mut strong: Vec<(Span, u32, u32)> = Vec::new();
    for quote in &analysis.quotes {
        if let Some(speaker) = &quote.speaker
            && !speaker.span.is_empty()
        {
            strong.push((speaker.span, SPEAKER, 0));
        }
    }
    for entity in &analysis.entities {
        for mention in &entity.mentions {
            let modifiers = if mention.span == entity.definition {
                DEFINITION_BIT
            } else {
                0
            };
            strong.push((mention.span, entity_type(entity.kind), modifiers));
        }
    }
    for date in &analysis.dates {
        strong.push((date.span, DATE, 0));
    }
    // At one start, a speaker keeps its colour over the mention it also is, and otherwise
    // the longest mention wins: "Google Science Fair" is coloured whole, not its "Google".
    strong.sort_by_key(|&(span, kind, _)| (span.start, kind != SPEAKER, std::cmp::Reverse(span.end)));
    let mut kept: Vec<(Span, u32, u32)> = Vec::new();
    for token in strong {
        if token.0.is_empty() || kept.last().is_some_and(|last| last.0.end > token.0.start) {
            continue;
        }
        kept.push(token);
    }
    let mut tokens = kept.clone();
    for quote in &analysis.quotes {
        let mut cursor = quote.span.start;
        let inner = kept.iter().filter(|(span, _, _)| span.overlaps(quote.span));
        for (span, _, _) in inner {
            if span.start > cursor {
                tokens.push((Span::new(cursor, span.start), QUOTE, 0));
            }
            cursor = cursor.max(span.end);
        }
        if cursor < quote.span.end {
            tokens.push((Span::new(cursor, quote.span.end), QUOTE, 0));
        }
    }
    tokens.sort_by_key(|(span, _, _)| span.start);
    // Overlapping quotes (a broken analysis) must not produce overlapping tokens.
    let mut result: Vec<(Span, u32, u32)> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if result.last().is_some_and(|last| last.0.end > token.0.start) {
            continue;
        }
        result.push(token);
    }
    result
}

/// The tokens in LSP's relative encoding, split at line breaks.
pub fn semantic_tokens(snapshot: &Snapshot) -> Vec<SemanticToken> {
    semantic_tokens_in(snapshot, None)
}

/// The tokens that overlap `range` (all of them when `None`): what an editor asks for while
/// it shows one screen of a long article.
pub fn semantic_tokens_in(snapshot: &Snapshot, range: Option<Span>) -> Vec<SemanticToken> {
    let lines = &snapshot.lines;
    let mut encoded = Vec::new();
    let (mut previous_line, mut previous_start) = (0u32, 0u32);
    let tokens = token_spans(snapshot)
        .into_iter()
        .filter(|(span, _, _)| range.is_none_or(|range| span.overlaps(range)));
    for (span, token_type, modifiers) in tokens {
        let first_line = lines.line_of(span.start);
        let last_line = lines.line_of(span.end.saturating_sub(1).max(span.start));
        for line in first_line..=last_line {
            let line_span = lines.line_span(line);
            let piece = Span::new(span.start.max(line_span.start), span.end.min(line_span.end));
            if piece.is_empty() {
                continue;
            }
            let start = lines.position(piece.start);
            let end = lines.position(piece.end);
            let length = end.character.saturating_sub(start.character);
            if length == 0 {
                continue;
            }
            let delta_line = start.line - previous_line;
            let delta_start = if delta_line == 0 {
                start.character - previous_start
            } else {
                start.character
            };
            encoded.push(SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            previous_line = start.line;
            previous_start = start.character;
        }
    }
    encoded
}

/// The edit that turns `old` into `new`: everything between their common first and last
/// tokens, in the flat five-integers-a-token array that deltas index into.
pub fn edits_between(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let deleted = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if deleted == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: (deleted * 5) as u32,
        data: Some(inserted.to_vec()),
    }]
}

/// The last full result sent for each document, by result id, so that the next request can
/// be answered with a delta (a few tokens instead of every token of a long article).
#[derive(Default)]
pub struct ResultCache {
    next_id: AtomicU64,
    results: Mutex<HashMap<Uri, (String, Vec<SemanticToken>)>>,
}

impl ResultCache {
    /// Remembers `tokens` as the document's latest result and returns its id.
    pub fn remember(&self, uri: &Uri, tokens: &[SemanticToken]) -> String {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed).to_string();
        self.lock()
            .insert(uri.clone(), (id.clone(), tokens.to_vec()));
        id
    }

    /// The result `id` of the document, if it is still the latest one remembered.
    pub fn previous(&self, uri: &Uri, id: &str) -> Option<Vec<SemanticToken>> {
        self.lock()
            .get(uri)
            .filter(|(latest, _)| latest == id)
            .map(|(_, tokens)| tokens.clone())
    }

    pub fn forget(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, (String, Vec<SemanticToken>)>> {
        self.results
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot_with, span_of};
    use newsls_engine::{Mention, MentionKind};
    use newsls_engine::{Entity, EntityId, Quote, QuoteKind};

    #[test]
    fn quotes_are_cut_around_names_and_at_line_breaks() {
        let text = "\"Ask Putin\nabout it\" he said.";
        let mut analysis = newsls_engine::analyze(
            &newsls_engine::Input::new(text, &Default::default()),
            newsls_engine::Options::default(),
        );
        let putin = span_of(text, "Putin", 0);
        analysis.entities = vec![Entity {
            id: EntityId(0),
            canonical: "Vladimir Putin".into(),
            kind: EntityKind::Person,
            role: None,
            definition: putin,
            mentions: vec![Mention {
                span: putin,
                kind: MentionKind::Name,
            }],
        }];
        analysis.quotes = vec![Quote {
            span: span_of(text, "\"Ask Putin\nabout it\"", 0),
            kind: QuoteKind::Speech,
            speaker: None,
            cue: None,
        }];
        let tokens = semantic_tokens(&snapshot_with(text, analysis));
        let summary: Vec<(u32, u32, u32, u32)> = tokens
            .iter()
            .map(|t| (t.delta_line, t.delta_start, t.length, t.token_type))
            .collect();
        assert_eq!(
            summary,
            vec![(0, 0, 5, QUOTE), (0, 5, 5, PERSON), (1, 0, 9, QUOTE)]
        );
        assert_eq!(tokens[1].token_modifiers_bitset, DEFINITION_BIT);
    }

    #[test]
    fn a_name_inside_a_longer_name_leaves_the_longer_one_coloured_whole() {
        let text = "Google Science Fair opened.";
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(text, &Default::default()), newsls_engine::Options::default());
        let entity = |id, kind, span: newsls_engine::Span| Entity {
            id: EntityId(id),
            canonical: span.slice(text).into(),
            kind,
            role: None,
            definition: span,
            mentions: vec![Mention {
                span,
                kind: MentionKind::Name,
            }],
        };
        // The inner name's entity comes first, as the analysis orders entities.
        analysis.entities = vec![
            entity(0, EntityKind::Org, span_of(text, "Google", 0)),
            entity(1, EntityKind::Other, span_of(text, "Google Science Fair", 0)),
        ];
        analysis.dates.clear();
        let kept = token_spans(&snapshot_with(text, analysis));
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].0.slice(text), "Google Science Fair");
    }

    fn token(delta_line: u32, length: u32) -> SemanticToken {
        SemanticToken {
            delta_line,
            delta_start: 0,
            length,
            token_type: PERSON,
            token_modifiers_bitset: 0,
        }
    }

    /// Applies edits as a client does, on the flat integer array.
    fn apply(old: &[SemanticToken], edits: &[SemanticTokensEdit]) -> Vec<u32> {
        let flat = |tokens: &[SemanticToken]| -> Vec<u32> {
            tokens
                .iter()
                .flat_map(|t| {
                    [
                        t.delta_line,
                        t.delta_start,
                        t.length,
                        t.token_type,
                        t.token_modifiers_bitset,
                    ]
                })
                .collect()
        };
        let mut data = flat(old);
        for edit in edits.iter().rev() {
            let start = edit.start as usize;
            let end = start + edit.delete_count as usize;
            data.splice(start..end, flat(edit.data.as_deref().unwrap_or(&[])));
        }
        data
    }

    #[test]
    fn a_delta_turns_the_old_tokens_into_the_new_ones() {
        let old = [token(0, 3), token(1, 4), token(2, 5), token(1, 6)];
        let cases: [&[SemanticToken]; 5] = [
            &[token(0, 3), token(1, 9), token(2, 5), token(1, 6)],
            &[
                token(0, 3),
                token(1, 4),
                token(2, 5),
                token(1, 6),
                token(3, 1),
            ],
            &[token(1, 4), token(2, 5), token(1, 6)],
            &[],
            &old,
        ];
        for new in cases {
            let edits = edits_between(&old, new);
            assert_eq!(apply(&old, &edits), apply(new, &[]), "{new:?}");
            assert!(edits.len() <= 1);
        }
        assert!(edits_between(&old, &old).is_empty());
        let one_changed = edits_between(&old, cases[0]);
        assert_eq!(
            (one_changed[0].start, one_changed[0].delete_count),
            (5, 5),
            "only the changed token is sent"
        );
    }

    #[test]
    fn a_range_keeps_the_tokens_it_overlaps() {
        let text = "Biden met Putin.\nPutin left.\n";
        let analysis = newsls_engine::analyze(&newsls_engine::Input::new(text, &Default::default()), newsls_engine::Options::default());
        let snapshot = snapshot_with(text, analysis);
        let all = semantic_tokens(&snapshot);
        let second_line = Span::new(text.find('\n').map_or(0, |n| n + 1), text.len());
        let in_range = semantic_tokens_in(&snapshot, Some(second_line));
        assert!(!all.is_empty() && in_range.len() < all.len());
        let starts: Vec<usize> = token_spans(&snapshot)
            .iter()
            .filter(|(span, _, _)| span.overlaps(second_line))
            .map(|(span, _, _)| span.start)
            .collect();
        assert_eq!(in_range.len(), starts.len());
        assert!(starts.iter().all(|&start| start >= second_line.start));
    }
}
