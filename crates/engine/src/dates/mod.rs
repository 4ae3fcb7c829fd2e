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
mod matcher;
mod normalize;
mod plausible;
mod recognize;
mod starts;
#[cfg(test)]
mod test_support;
mod value;
mod words;

use super::dateline::{DctValue, PublicationDate};
use super::diagnostic::Diagnostic;
use super::document::Document;
use super::memo::{Kept, Memo};
use super::span::Span;

pub use calendar::Granule;
pub use recognize::ParagraphMatches;
pub use value::{
    Granularity, PartOfDay, TimeOfDay, TimeReference, TimexValue, UnknownUnit, Unplaced,
    Unresolved, Yearless,
};

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
    pub const ALL: [TimexMod; 12] = [
        TimexMod::Start,
        TimexMod::Mid,
        TimexMod::End,
        TimexMod::Approx,
        TimexMod::Before,
        TimexMod::After,
        TimexMod::OnOrBefore,
        TimexMod::OnOrAfter,
        TimexMod::LessThan,
        TimexMod::MoreThan,
        TimexMod::EqualOrLess,
        TimexMod::EqualOrMore,
    ];

    /// The mod TIMEX3 spells `name` ("START").
    pub fn from_name(name: &str) -> Option<TimexMod> {
        TimexMod::ALL
            .into_iter()
            .find(|modifier| modifier.name() == name)
    }

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

/// How an expression's value was reached: what the text says, and what normalization read it
/// against. Set by each normalizer; the shells read it rather than guess from the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Everything the value says is written: "16 June 2021", "2014", "03/04/2021", "the 1990s",
    /// "two hours", "every Tuesday". A two-digit year ("12.07.21") or a decade without its
    /// century ("the '80s") takes the century near publication; a numeric date's day/month
    /// order may follow the article's convention (the doubt says so).
    Written,
    /// Counted from the publication date: "yesterday", "tonight", "last week", "two years ago",
    /// "next June", "by year-end", "at 10 p.m." (on the publication date).
    CountedFromPublication,
    /// A weekday, placed in the week before or after publication by the clause's tense or a
    /// relative word: "on Tuesday", "Friday evening", "next Tuesday", "10 p.m. Thursday".
    WeekdayNearPublication,
    /// A weekday placed on a day the article names elsewhere, or counted from the day it last
    /// named: "the Tuesday call" after "7 December", "the previous Friday".
    WeekdayNearOtherDate,
    /// A day, month, quarter, season or holiday without its year, which the publication date
    /// and the clause's tense chose: "16 June", "in January", "the third quarter", "Christmas".
    YearInferred,
    /// A day without its year, in the year near publication when it falls on the weekday
    /// written beside it: "Saturday, April 25".
    YearFromWeekday,
    /// Counted from another date of the article: "the following year" after "1995", "a year
    /// earlier" after "Aug. 12", "at 10 p.m." after "Oct. 23, 1998".
    OtherDate,
    /// The period a business report is about (the quarter or half it last named, else the last
    /// complete quarter before publication), or that period a year before: "the quarter",
    /// "the year-ago period", "a year ago" beside "the third quarter".
    ReportingPeriod,
    /// A time TIMEX3 leaves vague, as of publication: "now" (PRESENT_REF), "recently"
    /// (PAST_REF), "recent months" (PXM), "a few years ago".
    Vague,
    /// Not placed: the publication date (or its year) is unknown; the value has X placeholders.
    Unresolved,
    /// Set by an annotator in the standoff layer.
    Annotator,
}

impl Basis {
    /// The coarser `Resolution` it falls under.
    pub fn resolution(self) -> Resolution {
        match self {
            Basis::Written | Basis::Annotator => Resolution::Explicit,
            Basis::Unresolved => Resolution::Unresolved,
            Basis::CountedFromPublication
            | Basis::WeekdayNearPublication
            | Basis::WeekdayNearOtherDate
            | Basis::YearInferred
            | Basis::YearFromWeekday
            | Basis::OtherDate
            | Basis::ReportingPeriod
            | Basis::Vague => Resolution::Relative,
        }
    }

    /// A kebab-case name ("weekday-near-publication").
    pub fn name(self) -> &'static str {
        match self {
            Basis::Written => "written",
            Basis::CountedFromPublication => "counted-from-publication",
            Basis::WeekdayNearPublication => "weekday-near-publication",
            Basis::WeekdayNearOtherDate => "weekday-near-other-date",
            Basis::YearInferred => "year-inferred",
            Basis::YearFromWeekday => "year-from-weekday",
            Basis::OtherDate => "other-date",
            Basis::ReportingPeriod => "reporting-period",
            Basis::Vague => "vague",
            Basis::Unresolved => "unresolved",
            Basis::Annotator => "annotator",
        }
    }

    /// Whether a weekday fixed the day, so that the same weekday a week before or after is the
    /// other reading.
    pub fn is_weekday(self) -> bool {
        matches!(
            self,
            Basis::WeekdayNearPublication | Basis::WeekdayNearOtherDate
        )
    }
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
    /// How the value was reached, as data.
    pub basis: Basis,
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
            value: normalized.value.clone(),
            modifier: normalized.modifier,
            resolution: normalized.basis.resolution(),
            basis: normalized.basis,
            explanation: diagnostics::explanation(normalized, wording.as_deref()),
        })
        .collect();
    let diagnostics = diagnostics::diagnose(text, &found, &wordings);
    (expressions, diagnostics)
}

#[cfg(test)]
mod tests;
