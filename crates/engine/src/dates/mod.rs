//! Temporal expressions: recognition and TIMEX3 normalization against the publication date.
//!
//! Pure: the publication date is an argument, never the clock. Lexicons and patterns are data
//! (`patterns.txt` and the word lists beside it). The pipeline: `recognize` finds candidate
//! spans with the compiled grammar, `normalize` turns each into a TIMEX3 value using the
//! publication date, the clause's tense (`context`) and the article's other dates, and
//! `diagnostics` reports ambiguous and relative dates with a "make explicit" fix.
//! It knows nothing of LSP, JSON or output formats.

mod calendar;
mod context;
mod diagnostics;
mod grammar;
mod normalize;
mod recognize;
mod value;

use super::dateline::{DctValue, PublicationDate};
use super::diagnostic::Diagnostic;
use super::document::Document;
use super::memo::{Kept, Memo};
use super::span::Span;

pub use calendar::Granule;
pub use recognize::ParagraphMatches;
pub use value::{Granularity, PartOfDay, TimeOfDay, TimeReference, TimexValue};

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn name(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TIMEX3 `mod` values newsls produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexMod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
}

impl TimexMod {
    pub fn name(self) -> &'static str {
        match self {
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::Approx => "APPROX",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// How the value was obtained, which decides the diagnostics and hover text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Fully explicit in the text ("16 June 2021", "2014").
    Explicit,
    /// Resolved against the publication date or an earlier date ("on Tuesday", "next month").
    Relative,
    /// Could not be resolved (no publication date, or no anchor); the value has X placeholders.
    Unresolved,
}

/// One temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemporalExpression {
    pub span: Span,
    pub timex_type: TimexType,
    /// The TIMEX3 value: "2021-12-28", "2021-W49", "P3Y", "PRESENT_REF", "XXXX-01-10", …
    pub value: TimexValue,
    pub modifier: Option<TimexMod>,
    pub resolution: Resolution,
    /// How the value was reached, in words, for hovers and diagnostics.
    pub explanation: String,
}

/// Finds and normalizes every temporal expression of the article, in text order, with the
/// `ambiguous-date` and `relative-date` diagnostics (one stage alone, for tests and benchmarks).
#[cfg(any(test, feature = "internals"))]
pub fn find(
    text: &str,
    document: &Document,
    publication_date: Option<&PublicationDate>,
) -> (Vec<TemporalExpression>, Vec<Diagnostic>) {
    find_reusing(
        text,
        document,
        publication_date,
        &Memo::default(),
        &mut Kept::new(false),
    )
}

/// `find`, reusing the pattern matches of paragraphs `memo` remembers and recording in `kept`
/// those this analysis used.
pub(crate) fn find_reusing(
    text: &str,
    document: &Document,
    publication_date: Option<&PublicationDate>,
    memo: &Memo<ParagraphMatches>,
    kept: &mut Kept<ParagraphMatches>,
) -> (Vec<TemporalExpression>, Vec<Diagnostic>) {
    let publication_day = publication_date
        .and_then(PublicationDate::date)
        .map(|date| {
            calendar::day_number(
                i32::from(date.year()),
                i32::from(date.month()),
                i32::from(date.day()),
            )
        });
    let publication_month_day = publication_date.and_then(|date| match date.value {
        DctValue::MonthDay { month, day } => Some((i32::from(month), i32::from(day))),
        DctValue::Full(_) => None,
    });
    let publication_spans: Vec<Span> = publication_date
        .map(|date| {
            date.candidates
                .iter()
                .filter_map(|candidate| candidate.span)
                .collect()
        })
        .unwrap_or_default();
    let found = recognize::recognize(
        text,
        document,
        publication_day,
        publication_month_day,
        &publication_spans,
        memo,
        kept,
    );
    let wordings = diagnostics::wordings(&found);
    let expressions: Vec<TemporalExpression> = found
        .iter()
        .zip(&wordings)
        .map(|((span, normalized), wording)| TemporalExpression {
            span: *span,
            timex_type: normalized.timex_type,
            value: TimexValue::parse(normalized.timex_type, &normalized.value),
            modifier: normalized.modifier,
            resolution: normalized.resolution,
            explanation: diagnostics::explanation(normalized, wording.as_deref()),
        })
        .collect();
    let diagnostics = diagnostics::diagnose(text, &found, &wordings);
    (expressions, diagnostics)
}

#[cfg(test)]
mod tests;
