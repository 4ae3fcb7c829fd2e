//! The standoff annotation layer: annotators' decisions about an article, kept beside it.
//!
//! Pure: the sidecar file is read and parsed at the edge (`crate::standoff`); here a layer is
//! plain data. Each record is anchored by offsets plus the covered text and a little context,
//! so it follows small edits of the article; a record whose text is gone is reported as lost,
//! never moved onto other text. Applying a layer overrides the automatic analysis: a manual
//! decision wins, and the finding it resolves disappears.

use super::Analysis;
use super::dates::{Basis, Resolution, TemporalExpression, TimexType, TimexValue};
use super::diagnostic::Diagnostic;
use super::entities::{Entity, EntityId, EntityKind, Mention, MentionKind};
use super::quotes::{Quote, QuoteKind, Speaker};
use super::rules::Code;
use super::span::Span;

/// Characters of context kept on each side of an anchor.
pub const CONTEXT_CHARS: usize = 24;

/// All decisions recorded for one article, in the order of the sidecar file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    pub records: Vec<Record>,
}

/// One annotator decision about one span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Stable within the sidecar, so that two annotators' layers can be compared and merged.
    pub id: String,
    pub anchor: Anchor,
    pub decision: Decision,
    pub author: Option<String>,
    pub note: Option<String>,
}

/// Where a decision applies: the span when it was made, its text and context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Byte offsets into the text as it is now (converted by the edge from the sidecar's code points).
    pub span: Span,
    pub text: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// This quote was said by this speaker (an entity's canonical name or a free name).
    QuoteSpeaker { name: String },
    /// This quote is a title or a scare quote (or, back, speech).
    QuoteKind { kind: QuoteKind },
    /// This date has this TIMEX3 value (confirming the automatic one or choosing another).
    DateValue { value: String },
    /// This mention refers to the entity with this canonical name.
    MentionEntity { entity: String },
    /// This mention refers to no entity.
    MentionUnlink,
    /// The entity mentioned here is the same as the entity with this canonical name.
    EntityMerge { into: String },
    /// A missed entity mention.
    AddEntity {
        kind: EntityKind,
        canonical: Option<String>,
    },
    /// A missed quote.
    AddQuote { speaker: Option<String> },
    /// A missed temporal expression.
    AddDate {
        timex_type: TimexType,
        value: String,
    },
    /// A finding that is not a problem here.
    Dismiss { code: Code, reason: String },
}

impl Decision {
    /// The kebab-case name used in sidecar files.
    pub fn name(&self) -> &'static str {
        match self {
            Decision::QuoteSpeaker { .. } => "quote-speaker",
            Decision::QuoteKind { .. } => "quote-kind",
            Decision::DateValue { .. } => "date-value",
            Decision::MentionEntity { .. } => "mention-entity",
            Decision::MentionUnlink => "mention-unlink",
            Decision::EntityMerge { .. } => "entity-merge",
            Decision::AddEntity { .. } => "add-entity",
            Decision::AddQuote { .. } => "add-quote",
            Decision::AddDate { .. } => "add-date",
            Decision::Dismiss { .. } => "dismiss",
        }
    }

    /// The category used for session statistics and agreement.
    pub fn category(&self) -> &'static str {
        match self {
            Decision::QuoteSpeaker { .. }
            | Decision::QuoteKind { .. }
            | Decision::AddQuote { .. } => "quotes",
            Decision::DateValue { .. } | Decision::AddDate { .. } => "dates",
            Decision::MentionEntity { .. }
            | Decision::MentionUnlink
            | Decision::EntityMerge { .. }
            | Decision::AddEntity { .. } => "entities",
            Decision::Dismiss { .. } => "dismissals",
        }
    }

    /// The decision's value as one comparable label ("Joe Biden", "title", "2021-12-28").
    pub fn label(&self) -> String {
        match self {
            Decision::QuoteSpeaker { name } => format!("speaker:{name}"),
            Decision::QuoteKind { kind } => format!("kind:{}", kind.name()),
            Decision::DateValue { value } => format!("value:{value}"),
            Decision::MentionEntity { entity } => format!("entity:{entity}"),
            Decision::MentionUnlink => "unlink".to_string(),
            Decision::EntityMerge { into } => format!("merge:{into}"),
            Decision::AddEntity { kind, canonical } => {
                format!(
                    "add-entity:{}:{}",
                    kind.name(),
                    canonical.as_deref().unwrap_or("")
                )
            }
            Decision::AddQuote { speaker } => {
                format!("add-quote:{}", speaker.as_deref().unwrap_or(""))
            }
            Decision::AddDate { timex_type, value } => {
                format!("add-date:{}:{value}", timex_type.name())
            }
            Decision::Dismiss { code, .. } => format!("dismiss:{}", code.name()),
        }
    }
}

/// How a record's anchor was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorStatus {
    /// At its recorded offsets.
    Exact,
    /// Its text was found elsewhere, with matching context (the article was edited before it).
    Moved { from: Span },
    /// Its text is gone or ambiguous: the decision is not applied.
    Lost,
}

/// What became of one record when the layer was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedDecision {
    /// Index into `Layer::records`.
    pub record: usize,
    pub decision: Decision,
    /// Where it applies now; `None` when lost.
    pub span: Option<Span>,
    pub status: AnchorStatus,
}

/// The anchor of a span of `text`: the span, its text and `CONTEXT_CHARS` of context each side.
pub fn make_anchor(text: &str, span: Span) -> Anchor {
    let before_text = text.get(..span.start).unwrap_or("");
    let after_text = text.get(span.end..).unwrap_or("");
    let before_start = before_text
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(index, _)| index);
    let after_end = after_text
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after_text.len(), |(index, _)| index);
    Anchor {
        span,
        text: span.slice(text).to_string(),
        before: before_text[before_start..].to_string(),
        after: after_text[..after_end].to_string(),
    }
}

/// Finds an anchor in the current text.
pub fn locate(text: &str, anchor: &Anchor) -> (Option<Span>, AnchorStatus) {
    if anchor.text.is_empty() {
        return (None, AnchorStatus::Lost);
    }
    if anchor.span.slice(text) == anchor.text && text.get(anchor.span.range()).is_some() {
        return (Some(anchor.span), AnchorStatus::Exact);
    }
    // The text moved: take the occurrence whose context matches best, and only a clear winner.
    let mut scored: Vec<(usize, usize, Span)> = text
        .match_indices(anchor.text.as_str())
        .map(|(start, found)| {
            let span = Span::new(start, start + found.len());
            let before = common_suffix_chars(text.get(..span.start).unwrap_or(""), &anchor.before);
            let after = common_prefix_chars(text.get(span.end..).unwrap_or(""), &anchor.after);
            let distance = span.start.abs_diff(anchor.span.start);
            (before + after, distance, span)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let context_chars = anchor.before.chars().count() + anchor.after.chars().count();
    match scored.as_slice() {
        [] => (None, AnchorStatus::Lost),
        [(score, _, span), rest @ ..] => {
            let clear_winner = rest.first().is_none_or(|(next, _, _)| next < score);
            // Half the context must still match, so short texts ("he") are not moved onto another "he".
            let context_holds = *score * 2 >= context_chars;
            if clear_winner && context_holds {
                (Some(*span), AnchorStatus::Moved { from: anchor.span })
            } else {
                (None, AnchorStatus::Lost)
            }
        }
    }
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Applies the layer to an automatic analysis: manual decisions win, resolved findings go, lost
/// records are reported with `lost-annotation`.
pub fn apply(text: &str, analysis: &mut Analysis, layer: &Layer) {
    for (index, record) in layer.records.iter().enumerate() {
        let (span, status) = locate(text, &record.anchor);
        analysis.decisions.push(AppliedDecision {
            record: index,
            decision: record.decision.clone(),
            span,
            status,
        });
        let Some(span) = span else {
            let at = Span::new(
                record.anchor.span.start.min(text.len()),
                record.anchor.span.start.min(text.len()),
            );
            let at = if text.is_char_boundary(at.start) {
                at
            } else {
                Span::new(0, 0)
            };
            analysis.diagnostics.push(Diagnostic::new(
                Code::LostAnnotation,
                at,
                format!(
                    "The {} annotation {:?} on \"{}\" no longer matches the text and was not applied; \
                     re-annotate the passage or delete the record from the sidecar.",
                    record.decision.name(),
                    record.id,
                    record.anchor.text
                ),
            ));
            continue;
        };
        apply_decision(text, analysis, span, &record.decision);
    }
    analysis
        .diagnostics
        .sort_by_key(|diagnostic| (diagnostic.span, diagnostic.code));
}

fn drop_findings(analysis: &mut Analysis, span: Span, codes: &[Code]) {
    analysis
        .diagnostics
        .retain(|diagnostic| !(codes.contains(&diagnostic.code) && diagnostic.span.overlaps(span)));
}

fn entity_named(entities: &[Entity], name: &str) -> Option<EntityId> {
    entities
        .iter()
        .find(|entity| entity.canonical.eq_ignore_ascii_case(name))
        .map(|entity| entity.id)
}

fn apply_decision(text: &str, analysis: &mut Analysis, span: Span, decision: &Decision) {
    match decision {
        Decision::QuoteSpeaker { name } => {
            let entity = entity_named(&analysis.entities, name);
            let speaker = Speaker {
                name: name.clone(),
                entity,
                span,
            };
            match analysis
                .quotes
                .iter_mut()
                .find(|quote| quote.span.overlaps(span))
            {
                Some(quote) => {
                    // The speaker span is the quote itself: the source was named by the annotator, not the text.
                    quote.speaker = Some(Speaker {
                        span: quote.span,
                        ..speaker
                    });
                    quote.kind = QuoteKind::Speech;
                }
                None => analysis.quotes.push(Quote {
                    span,
                    kind: QuoteKind::Speech,
                    speaker: Some(speaker),
                    cue: None,
                }),
            }
            drop_findings(
                analysis,
                span,
                &[Code::UnattributedQuote, Code::UndecidedSpeaker],
            );
        }
        Decision::QuoteKind { kind } => {
            if let Some(quote) = analysis
                .quotes
                .iter_mut()
                .find(|quote| quote.span.overlaps(span))
            {
                quote.kind = *kind;
                if *kind != QuoteKind::Speech {
                    quote.speaker = None;
                }
            }
            if *kind != QuoteKind::Speech {
                drop_findings(
                    analysis,
                    span,
                    &[Code::UnattributedQuote, Code::UndecidedSpeaker],
                );
            }
        }
        Decision::DateValue { value } => {
            match analysis
                .dates
                .iter_mut()
                .find(|date| date.span.overlaps(span))
            {
                Some(date) => {
                    date.value = TimexValue::parse(date.timex_type, value);
                    date.basis = Basis::Annotator;
                    date.explanation = format!("{} (set by an annotator)", value);
                }
                None => analysis
                    .dates
                    .push(manual_date(span, TimexType::Date, value)),
            }
            drop_findings(analysis, span, &[Code::AmbiguousDate, Code::RelativeDate]);
        }
        Decision::AddDate { timex_type, value } => {
            if !analysis.dates.iter().any(|date| date.span == span) {
                analysis.dates.push(manual_date(span, *timex_type, value));
                analysis.dates.sort_by_key(|date| date.span);
            }
        }
        Decision::MentionEntity { entity } => {
            unlink_mention(analysis, span);
            match entity_named(&analysis.entities, entity) {
                Some(id) => {
                    if let Some(target) = analysis.entities.iter_mut().find(|e| e.id == id) {
                        target.mentions.push(Mention {
                            span,
                            kind: MentionKind::Name,
                        });
                        target.mentions.sort_by_key(|mention| mention.span);
                    }
                }
                None => push_entity(analysis, span, EntityKind::Other, entity.clone()),
            }
        }
        Decision::MentionUnlink => {
            unlink_mention(analysis, span);
            drop_findings(analysis, span, &[Code::EntitySpelling]);
        }
        Decision::EntityMerge { into } => {
            let from = analysis.entity_at(span.start).map(|(entity, _)| entity.id);
            let into = entity_named(&analysis.entities, into);
            if let (Some(from), Some(into)) = (from, into)
                && from != into
            {
                let moved: Vec<Mention> = analysis
                    .entities
                    .iter_mut()
                    .find(|entity| entity.id == from)
                    .map(|entity| std::mem::take(&mut entity.mentions))
                    .unwrap_or_default();
                if let Some(target) = analysis
                    .entities
                    .iter_mut()
                    .find(|entity| entity.id == into)
                {
                    target.mentions.extend(moved);
                    target.mentions.sort_by_key(|mention| mention.span);
                }
                analysis
                    .entities
                    .retain(|entity| !entity.mentions.is_empty());
                drop_findings(analysis, span, &[Code::EntitySpelling]);
            }
        }
        Decision::AddEntity { kind, canonical } => {
            if analysis.entity_at(span.start).is_none() {
                let name = canonical
                    .clone()
                    .unwrap_or_else(|| span.slice(text).to_string());
                match entity_named(&analysis.entities, &name) {
                    Some(id) => {
                        if let Some(target) = analysis.entities.iter_mut().find(|e| e.id == id) {
                            target.mentions.push(Mention {
                                span,
                                kind: MentionKind::Name,
                            });
                            target.mentions.sort_by_key(|mention| mention.span);
                        }
                    }
                    None => push_entity(analysis, span, *kind, name),
                }
            }
        }
        Decision::AddQuote { speaker } => {
            if !analysis
                .quotes
                .iter()
                .any(|quote| quote.span.overlaps(span))
            {
                analysis.quotes.push(Quote {
                    span,
                    kind: QuoteKind::Speech,
                    speaker: speaker.as_ref().map(|name| Speaker {
                        name: name.clone(),
                        entity: entity_named(&analysis.entities, name),
                        span,
                    }),
                    cue: None,
                });
                analysis.quotes.sort_by_key(|quote| quote.span);
            }
        }
        Decision::Dismiss { code, .. } => drop_findings(analysis, span, &[*code]),
    }
}

fn manual_date(span: Span, timex_type: TimexType, value: &str) -> TemporalExpression {
    TemporalExpression {
        span,
        timex_type,
        value: TimexValue::parse(timex_type, value),
        modifier: None,
        resolution: Resolution::Explicit,
        basis: Basis::Annotator,
        explanation: format!("{value} (set by an annotator)"),
    }
}

fn unlink_mention(analysis: &mut Analysis, span: Span) {
    for entity in &mut analysis.entities {
        entity
            .mentions
            .retain(|mention| !mention.span.overlaps(span));
    }
    analysis
        .entities
        .retain(|entity| !entity.mentions.is_empty());
}

fn push_entity(analysis: &mut Analysis, span: Span, kind: EntityKind, canonical: String) {
    let id = EntityId(
        analysis
            .entities
            .iter()
            .map(|entity| entity.id.0 + 1)
            .max()
            .unwrap_or(0),
    );
    analysis.entities.push(Entity {
        id,
        canonical,
        kind,
        role: None,
        definition: span,
        mentions: vec![Mention {
            span,
            kind: MentionKind::Name,
        }],
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_of(text: &str, needle: &str) -> Anchor {
        let start = text.find(needle).unwrap_or(0);
        make_anchor(text, Span::new(start, start + needle.len()))
    }

    #[test]
    fn anchors_follow_edits_before_and_after() {
        let original =
            "Biden said \u{201c}we will see\u{201d} on Tuesday. Putin said \u{201c}no\u{201d}.";
        let anchor = anchor_of(original, "\u{201c}we will see\u{201d}");
        assert_eq!(locate(original, &anchor).1, AnchorStatus::Exact);

        let edited_before = format!("BREAKING: {original}");
        let (span, status) = locate(&edited_before, &anchor);
        assert!(matches!(status, AnchorStatus::Moved { .. }));
        assert_eq!(
            span.map(|span| span.slice(&edited_before)),
            Some("\u{201c}we will see\u{201d}")
        );

        let edited_after = format!("{original} More text.");
        assert_eq!(locate(&edited_after, &anchor).1, AnchorStatus::Exact);
    }

    #[test]
    fn anchors_whose_text_changed_are_lost_not_moved() {
        let original = "Biden said \u{201c}we will see\u{201d} on Tuesday.";
        let anchor = anchor_of(original, "\u{201c}we will see\u{201d}");
        let edited_inside = original.replace("will", "shall");
        assert_eq!(locate(&edited_inside, &anchor), (None, AnchorStatus::Lost));
        let deleted = "Biden said nothing on Tuesday.";
        assert_eq!(locate(deleted, &anchor), (None, AnchorStatus::Lost));
    }

    #[test]
    fn short_anchors_do_not_jump_to_another_occurrence() {
        let original = "She said it. Then she left. And she came back.";
        let anchor = anchor_of(original, "she left");
        // The passage around the anchor is rewritten; another "she" stays but must not be taken.
        let edited = "She said it. Later, she came back.";
        assert_eq!(locate(edited, &anchor).1, AnchorStatus::Lost);
        let he = make_anchor(original, Span::new(18, 21));
        let shifted = format!("Oh. {}", original.replace("Then she left. ", ""));
        let (span, _) = locate(&shifted, &he);
        assert!(span.is_none_or(|span| span.slice(&shifted) == "she"));
    }

    #[test]
    fn context_is_bounded_and_on_char_boundaries() {
        let text = "\u{201c}".repeat(40) + "X" + &"\u{2019}".repeat(40);
        let anchor = make_anchor(&text, Span::new(120, 121));
        assert_eq!(anchor.text, "X");
        assert_eq!(anchor.before.chars().count(), CONTEXT_CHARS);
        assert_eq!(anchor.after.chars().count(), CONTEXT_CHARS);
    }
}
