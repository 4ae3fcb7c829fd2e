//! The article's timeline: one event per date or time the article tells, in chronological
//! order (a week, quarter or season by its first day; dates the text leaves unresolved last).
//!
//! Built only from the dates and sentences found earlier; it knows nothing of how they were found.

use super::dates::{TemporalExpression, TimexType, TimexValue};
use super::document::Document;
use super::entities::Entity;
use super::span::Span;
use super::summary::summarize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// The value that orders the event ("2021-12-28", "2021-11", "XXXX-WXX-2").
    pub value: TimexValue,
    /// The date expression.
    pub date: Span,
    /// The sentence the event is told in.
    pub sentence: Span,
    /// A short summary of the sentence for outlines.
    pub summary: String,
}


/// One event per DATE or TIME that names a place on the calendar, or would if the text said
/// more ("on Tuesday" without a publication date), in chronological order, then text order.
/// References ("now", "recently") place nothing and are left out.
pub fn build(text: &str, document: &Document, dates: &[TemporalExpression]) -> Vec<TimelineEvent> {
    let mut events: Vec<TimelineEvent> = dates
        .iter()
        .filter(|date| matches!(date.timex_type, TimexType::Date | TimexType::Time))
        .filter(|date| {
            date.value.is_on_calendar() || matches!(date.value, TimexValue::Unresolved(_))
        })
        .map(|date| {
            let sentence = document.sentence_at(date.span.start).unwrap_or(date.span);
            TimelineEvent {
                value: date.value.clone(),
                date: date.span,
                sentence,
                summary: summarize(sentence.slice(text)),
            }
        })
        .collect();
    events.sort_by(|a, b| {
        a.value
            .chronological_cmp(&b.value)
            .then(a.date.cmp(&b.date))
    });
    events
}

/// For each event, the entities mentioned in its sentence (indexes into `entities`), in the
/// order of their first mention there. One sorted list of mentions serves every event, so the
/// cost stays linear in the article.
pub fn participants(events: &[TimelineEvent], entities: &[Entity]) -> Vec<Vec<usize>> {
    let mut mentions: Vec<(Span, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(index, entity)| {
            entity
                .mentions
                .iter()
                .map(move |mention| (mention.span, index))
        })
        .collect();
    mentions.sort_unstable_by_key(|(span, _)| (span.start, span.end));
    events
        .iter()
        .map(|event| {
            let first = mentions.partition_point(|(span, _)| span.start < event.sentence.start);
            let mut found: Vec<usize> = Vec::new();
            for (span, index) in &mentions[first..] {
                if span.start >= event.sentence.end {
                    break;
                }
                if span.end <= event.sentence.end && !found.contains(index) {
                    found.push(*index);
                }
            }
            found
        })
        .collect()
}

