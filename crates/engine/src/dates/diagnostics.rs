//! Explanations and diagnostics of normalized dates: `ambiguous-date` when the value is in
//! doubt, `relative-date` when a relative date was resolved, each with a "make explicit" fix.
//!
//! It only words what normalization decided; it decides nothing itself.

use super::TimexMod;
use super::calendar::Granule;
use super::normalize::Normalized;
use super::value::PartOfDay;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::Code;
use crate::span::Span;
use crate::strings::joined;

/// Prepositions kept with the date in messages and fixes ("on Tuesday").
const PREPOSITIONS: &[&str] = &["on", "in", "by", "since", "until", "from", "at", "during"];

/// The granule of each date in words ("Tuesday, 28 December 2021"), worded once: the hover
/// text, the message and the fix of a date all say it.
pub fn wordings(found: &[(Span, Normalized)]) -> Vec<Option<String>> {
    found
        .iter()
        .map(|(_, normalized)| {
            normalized
                .granule
                .map(|granule| explicit_wording(granule, normalized))
        })
        .collect()
}

/// The hover text: the value in words, then how it was reached.
pub fn explanation(normalized: &Normalized, wording: Option<&str>) -> String {
    match (wording, normalized.reason.is_empty()) {
        (Some(wording), true) => wording.to_string(),
        (Some(wording), false) => joined(&[wording, ": ", &normalized.reason]),
        (None, true) => normalized.value.to_string(),
        (None, false) => format!("{}: {}", normalized.value, normalized.reason),
    }
}

/// The granule in words with the modifier, part of day or clock time: "early 2022", "the night of
/// Tuesday, 28 December 2021", "10 p.m. on Tuesday, 28 December 2021".
fn explicit_wording(granule: Granule, normalized: &Normalized) -> String {
    let mut words = granule.describe();
    if let Some(part) = normalized.part_of_day {
        let part = match part {
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Evening => "evening",
            PartOfDay::Midday | PartOfDay::Daytime | PartOfDay::Night => "night",
        };
        words = joined(&["the ", part, " of ", &words]);
    }
    if let Some(clock) = &normalized.clock {
        words = joined(&[clock, " on ", &words]);
    }
    match normalized.modifier {
        Some(TimexMod::Start) => joined(&["early ", &words]),
        Some(TimexMod::Mid) => joined(&["mid-", &words]),
        Some(TimexMod::End) => joined(&["late ", &words]),
        _ => words,
    }
}

/// The expression with the preposition before it, if there is one ("on Tuesday").
fn with_preposition(text: &str, span: Span) -> Span {
    let before = text.get(..span.start).unwrap_or("");
    let Some(without_space) = before.strip_suffix(' ') else {
        return span;
    };
    let word_start = without_space
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(index, c)| index + c.len_utf8());
    let word = without_space.get(word_start..).unwrap_or("");
    if PREPOSITIONS
        .iter()
        .any(|preposition| preposition.eq_ignore_ascii_case(word))
    {
        Span::new(word_start, span.end)
    } else {
        span
    }
}

pub fn diagnose(
    text: &str,
    found: &[(Span, Normalized)],
    wordings: &[Option<String>],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ((span, normalized), wording) in found.iter().zip(wordings) {
        let phrase_span = with_preposition(text, *span);
        let phrase = phrase_span.slice(text);
        let fix = wording.as_deref().map(|wording| {
            let preposition = text.get(phrase_span.start..span.start).unwrap_or("");
            Fix {
                title: joined(&["Make the date explicit: ", wording]),
                span: phrase_span,
                replacement: joined(&[preposition, wording]),
            }
        });
        let diagnostic = if let Some(doubt) = &normalized.doubt {
            let read_as = match wording {
                Some(wording) => format!(" Read as {wording} ({}).", normalized.value),
                None => format!(" Value: {}.", normalized.value),
            };
            Diagnostic::new(
                Code::AmbiguousDate,
                *span,
                joined(&["Ambiguous date \"", phrase, "\": ", doubt, ".", &read_as]),
            )
        } else if normalized.resolution() == super::Resolution::Relative
            && let Some(wording) = wording
        {
            Diagnostic::new(
                Code::RelativeDate,
                *span,
                joined(&["\"", phrase, "\" → ", wording, " (", &normalized.reason, ")"]),
            )
        } else {
            continue;
        };
        out.push(match fix {
            Some(fix) => diagnostic.with_fix(fix),
            None => diagnostic,
        });
    }
    out
}
