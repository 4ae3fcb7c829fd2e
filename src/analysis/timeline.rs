//! The article's timeline: one event per dated sentence, ordered by resolved date.
//!
//! Built only from the dates and sentences found earlier; it knows nothing of how they were found.

use super::dates::{Resolution, TemporalExpression, TimexType};
use super::document::Document;
use super::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// The TIMEX3 value that orders the event ("2021-12-28", "2021-11").
    pub value: String,
    /// The date expression.
    pub date: Span,
    /// The sentence the event is told in.
    pub sentence: Span,
    /// A short summary of the sentence for outlines.
    pub summary: String,
}

const SUMMARY_CHARS: usize = 80;

/// One event per resolved DATE or TIME, sorted by value (then by position).
pub fn build(text: &str, document: &Document, dates: &[TemporalExpression]) -> Vec<TimelineEvent> {
    let mut events: Vec<TimelineEvent> = dates
        .iter()
        .filter(|date| matches!(date.timex_type, TimexType::Date | TimexType::Time))
        .filter(|date| date.resolution != Resolution::Unresolved && starts_with_digit(&date.value))
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
    events.sort_by(|a, b| a.value.cmp(&b.value).then(a.date.cmp(&b.date)));
    events
}

fn starts_with_digit(value: &str) -> bool {
    value.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// The sentence on one line, cut at a word boundary.
pub fn summarize(sentence: &str) -> String {
    let flat: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SUMMARY_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SUMMARY_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > SUMMARY_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}
