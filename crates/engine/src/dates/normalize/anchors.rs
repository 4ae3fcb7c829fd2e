//! What normalization knows besides the expression itself: the publication date, the tense of
//! the clause and the dates the article named before.
//!
//! Plain data handed in by recognition; it must not know how the anchors were found, nor read
//! the clock.

use crate::dates::calendar::Granule;
use crate::dates::context::TenseCue;

/// What normalization knows besides the expression itself.
#[derive(Debug, Clone, Copy)]
pub struct Anchors<'a> {
    /// The publication date as a day number, when its year is known.
    pub publication_day: Option<i64>,
    /// Month and day of a publication date whose year is unknown.
    pub publication_month_day: Option<(i32, i32)>,
    /// The governing tense of the clause.
    pub tense: TenseCue<'a>,
    /// Days named explicitly elsewhere in the article (a weekday may point at one of them).
    pub named_days: &'a [i64],
    /// The previous date of the same sentence ("third-quarter profit … a year earlier").
    pub previous_in_sentence: Option<Granule>,
    /// The previous date of the article ("in 1995 … the following year").
    pub previous_in_article: Option<Granule>,
    /// The quarter or half the article last named by number: the period a business report is
    /// about, which "the quarter", "the year-ago period" and "a year ago" refer to.
    pub reporting_period: Option<Granule>,
    /// Whether that period was named earlier in the same sentence ("… third-quarter … last year").
    pub reporting_period_in_sentence: bool,
    /// Whether the sentence named, before the expression, a stretch of several months that is
    /// not a quarter ("for the nine months, … a year earlier"): the comparison is then with
    /// that stretch of the year before, which no quarter value names, so the year does.
    pub months_stretch_in_sentence: bool,
    /// Whether numeric dates of this article put the day first (03/04 = 3 April).
    pub day_first: Option<bool>,
    /// A year written just after the expression in the same phrase: "the 11 September attacks
    /// in 2001" is a day of 2001, whatever the publication year.
    pub year_in_phrase: Option<i32>,
}
