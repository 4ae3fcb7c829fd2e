//! Calendar units counted from publication or from the date the narrative is at: "last week",
//! "next month", "early next year", "the current quarter", "the following year", "later that
//! year", "the year-ago quarter", "the weekend"; and the stretches of time that only look like
//! them ("the past decade", "the last hour", "the year ended March 31").
//!
//! The unit that contains the publication date (or the date last named) moved by whole steps;
//! a quarter of a business report is the one it reports on. It must not know other kinds;
//! "the year-ago period" without a unit is `reporting_periods`'.


use super::anchors::Anchors;
use super::groups::{modifier, relative, unit};
use super::lengths::duration_value;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::reporting_periods::reporting_period;
use super::shifting::{coarseness, containing, shift};
use super::wording::describe_day;
use crate::dates::calendar::{Granule, add_months, civil, quarter_of, weekday};
use crate::lexicon::month_number;
use crate::dates::context::Tense;
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{TimexValue, UnknownUnit, Unplaced};
use crate::dates::words::Relative;
use crate::dates::{Basis, TimexType};

fn word_is(relative: &Option<(String, Relative)>, expected: &str) -> bool {
    relative.as_ref().is_some_and(|(word, _)| word == expected)
}

pub fn unit_shift(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if captures.name("unit").is_none() {
        return reporting_period(captures, anchors);
    }
    let unit = unit(captures)?;
    // "the year ended March 31": the fiscal year closing then, reported as a stretch of twelve
    // months (TimeBank annotates it DURATION P1Y), whatever calendar year it falls in.
    if group(captures, "ending").is_some() && unit.code == "Y" {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            TimexValue::Duration(duration_value(Some(1.0), unit).into()),
            Basis::Written,
        );
        normalized.reason = "a fiscal year named by the day it ends: a length of time".into();
        return Some(normalized);
    }
    // "the quarter ended Sept. 30": the three months that close then, as the calendar quarter
    // that holds most of them, the one of the month before the closing month ("ended July 31"
    // is May to July, mostly the second quarter). A report is on a closing month up to
    // publication; a forecast on one after it.
    if unit.code == "Q"
        && group(captures, "ending").is_some()
        && let Some(month) = group(captures, "month").and_then(month_number)
        && let Some(publication_day) = anchors.publication_day
    {
        let month = i32::from(month);
        let (publication_year, publication_month, _) = civil(publication_day);
        let year = match anchors.tense.tense {
            Tense::Future if month < publication_month => publication_year + 1,
            Tense::Future => publication_year,
            _ if month > publication_month => publication_year - 1,
            _ => publication_year,
        };
        let (year, middle) = add_months(year, month, -1);
        let quarter = Granule::Quarter {
            year,
            quarter: quarter_of(middle),
        };
        return Some(Normalized::granule(
            quarter,
            Basis::OtherDate,
            "the three months closing in the month named fall mostly in this calendar quarter"
                .to_string(),
        ));
    }
    let modifier = modifier(captures);
    let relative = relative(captures);
    // "the month" alone is the month a report is about, which the article names elsewhere;
    // "the end of the month" is the current one. "The week" alone is likewise the week the
    // narrative is at ("for the week, the index fell", "the week's most active session" in a
    // Monday's market report is the week before), which this cannot tell.
    if matches!(unit.code, "M" | "W") && modifier.is_none() && relative.is_none() {
        return None;
    }
    let direction = relative.as_ref().map(|(_, relative)| relative.direction());
    // "the past decade", "the last hour": a stretch of time, not a calendar unit.
    if unit.is_time() || (matches!(unit.code, "DE" | "CE") && direction.is_some_and(|d| d < 0)) {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            TimexValue::Duration(duration_value(Some(1.0), unit).into()),
            Basis::Written,
        );
        normalized.reason = "a length of time".into();
        return Some(normalized);
    }
    let Some(publication_day) = anchors.publication_day else {
        let unknown = match unit.code {
            "M" => UnknownUnit::Month,
            "W" => UnknownUnit::Week,
            "D" => UnknownUnit::Day,
            "Q" => UnknownUnit::Quarter,
            "WE" => UnknownUnit::Weekend,
            _ => UnknownUnit::Year,
        };
        return Some(
            Normalized::unresolved(Unplaced::Unknown(unknown), NO_PUBLICATION_DATE)
                .with_modifier(modifier),
        );
    };
    let current = containing(unit, publication_day)?;
    let described = describe_day(publication_day);
    let future = anchors.tense.tense == Tense::Future;
    // "the following year", "the previous day", "that same month", "later that year" count
    // from the date the narrative is at, not from publication: the unit that contains it
    // ("in June 1998 … later that year" is 1998), or, for the ordinal words, a unit counted
    // from a coarser date ("in 1995 … the following month").
    let anaphoric = word_is(&relative, "that");
    if anaphoric
        && anchors
            .previous_in_article
            .is_some_and(|previous| coarseness(previous) > coarseness(current))
    {
        // "that day" after only a year or a month points at no datable day.
        return None;
    }
    // "The next day" with its article tells the narrative too ("he was arrested on May 3 and
    // charged the next day"); "next week" without one counts from publication. Only after a
    // day: "in 1995 … the next day" points at no datable day.
    let narrative_next = word_is(&relative, "next")
        && unit.code == "D"
        && group(captures, "determiner").is_some()
        && anchors
            .previous_in_article
            .is_some_and(|previous| coarseness(previous) <= coarseness(current));
    if let Some((word, Relative::Units(steps))) = &relative
        && (narrative_next
            || matches!(
                word.as_str(),
                "following" | "previous" | "prior" | "same" | "that"
            ))
        && let Some(previous) = anchors.previous_in_article
        && (coarseness(previous) <= coarseness(current) || !anaphoric)
    {
        let (first_day, _) = previous.bounds();
        let base = containing(unit, first_day)?;
        return Some(
            Normalized::granule(
                shift(base, *steps),
                Basis::OtherDate,
                format!(
                    "\"{word}\", counted from {}, the date the article last named",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "third-quarter profit rose from $5 million last year": that quarter of last year.
    if let (Some((word, Relative::Units(-1))), "Y", true, Some(period)) = (
        &relative,
        unit.code,
        anchors.reporting_period_in_sentence && !anchors.months_stretch_in_sentence,
        anchors.reporting_period,
    ) && let Some(year) = period.year()
    {
        return Some(Normalized::granule(
            period.with_year(year - 1),
            Basis::ReportingPeriod,
            format!(
                "\"{word} year\" beside {}: that period a year before",
                period.describe()
            ),
        ));
    }
    let (granule, basis, reason) = match relative {
        Some((word, Relative::YearBefore)) => {
            // "the year-ago quarter": the same unit one year before the one reported on.
            let (reported, basis) = if let Some(previous @ Granule::Quarter { .. }) = anchors
                .reporting_period
                .or(anchors.previous_in_article)
                .filter(|_| unit.code == "Q")
            {
                (previous, Basis::ReportingPeriod)
            } else if unit.code == "Q" && !future {
                (shift(current, -1), Basis::ReportingPeriod)
            } else {
                (current, Basis::CountedFromPublication)
            };
            let granule = match reported.year() {
                Some(year) => reported.with_year(year - 1),
                None => shift(reported, -1),
            };
            (
                granule,
                basis,
                format!("\"{word}\": one year before, counted from publication ({described})"),
            )
        }
        Some((word, Relative::Units(steps))) => (
            shift(current, steps),
            Basis::CountedFromPublication,
            match steps {
                0 => format!("\"{word}\": the one containing the publication date ({described})"),
                1 => format!("\"{word}\": the one after the publication date ({described})"),
                _ => format!("\"{word}\": the one before the publication date ({described})"),
            },
        ),
        None if unit.code == "Q" && anchors.reporting_period.is_some() => (
            anchors.reporting_period.unwrap_or(current),
            Basis::ReportingPeriod,
            "the quarter the article reports on".to_string(),
        ),
        None if unit.code == "Q" && !future => (
            shift(current, -1),
            Basis::ReportingPeriod,
            format!(
                "the quarter reported on: the last complete quarter before publication ({described})"
            ),
        ),
        None if unit.code == "WE" => {
            let weekday_now = weekday(publication_day);
            let steps = if weekday_now >= 6 || future { 0 } else { -1 };
            (
                shift(current, steps),
                Basis::CountedFromPublication,
                format!("the weekend nearest publication ({described}) in the clause's tense"),
            )
        }
        None => (
            current,
            Basis::CountedFromPublication,
            format!("the one containing the publication date ({described})"),
        ),
    };
    Some(Normalized::granule(granule, basis, reason).with_modifier(modifier))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table, modifier_of};

    #[test]
    fn unit_shifts() {
        check_table(&[
            // Published on Monday 13 December 2021, in ISO week 50.
            Case {
                dct: "2021-12-13",
                text: "They spoke last week and will speak next month and early next year.",
                expected: &[
                    ("last week", "DATE", "2021-W49", CountedFromPublication),
                    ("next month", "DATE", "2022-01", CountedFromPublication),
                    ("early next year", "DATE", "2022", CountedFromPublication),
                ],
            },
            Case {
                dct: "2021-12-13",
                text: "It rose earlier this month.",
                expected: &[(
                    "earlier this month",
                    "DATE",
                    "2021-12",
                    CountedFromPublication,
                )],
            },
            Case {
                dct: "1998-04-18",
                text: "The company was founded in 1995 and listed the following year.",
                expected: &[
                    ("1995", "DATE", "1995", Written),
                    ("the following year", "DATE", "1996", OtherDate),
                ],
            },
            Case {
                dct: "2000-01-28",
                text: "He fled in June 1998 and returned later that year.",
                expected: &[
                    ("June 1998", "DATE", "1998-06", Written),
                    ("later that year", "DATE", "1998", OtherDate),
                ],
            },
            Case {
                dct: "1998-04-18",
                text: "On May 22, 1995, he was promoted, and the following year he moved.",
                expected: &[
                    ("May 22, 1995", "DATE", "1995-05-22", Written),
                    ("the following year", "DATE", "1996", OtherDate),
                ],
            },
            // "The next day" with its article counts from the day the narrative is at;
            // "next week" from publication; after only a year there is no day to count from.
            Case {
                dct: "2000-02-24",
                text: "He was arrested on Feb. 20 and charged the next day. The trial opens next week.",
                expected: &[
                    ("Feb. 20", "DATE", "2000-02-20", YearInferred),
                    ("the next day", "DATE", "2000-02-21", OtherDate),
                    ("next week", "DATE", "2000-W09", CountedFromPublication),
                ],
            },
            Case {
                dct: "2000-02-24",
                text: "The firm was founded in 1995. Its shares listed the next day.",
                expected: &[
                    ("1995", "DATE", "1995", Written),
                    ("the next day", "DATE", "2000-02-25", CountedFromPublication),
                ],
            },
            // "The month" is the current one with a modifier, and no date alone.
            Case {
                dct: "1989-10-26",
                text: "Talks resume at the end of the month. For the month, sales rose.",
                expected: &[("the end of the month", "DATE", "1989-10", CountedFromPublication)],
            },
            // "The week" alone, like "the month", is the week a report is about, which a
            // Monday's market report means as the week before; "the end of the week" is this one.
            Case {
                dct: "1989-10-30",
                text: "For the week, the index dropped 3.8%, the week's worst. It closes at the end of the week, \
                       as it did earlier in the week.",
                expected: &[
                    ("the end of the week", "DATE", "1989-W44", CountedFromPublication),
                    ("earlier in the week", "DATE", "1989-W44", CountedFromPublication),
                ],
            },
            // A quarter named by its closing date: the calendar quarter holding most of its
            // three months, past in a report, ahead in a forecast.
            Case {
                dct: "1989-10-26",
                text: "For the quarter ended Sept. 30, net rose. In the quarter ended July 31, sales fell. \
                       Sales in the quarter ending Jan. 31 will rise.",
                expected: &[
                    ("the quarter", "DATE", "1989-Q3", OtherDate),
                    ("Sept. 30", "DATE", "1989-09-30", YearInferred),
                    ("the quarter", "DATE", "1989-Q2", OtherDate),
                    ("July 31", "DATE", "1989-07-31", YearInferred),
                    ("the quarter", "DATE", "1989-Q4", OtherDate),
                    ("Jan. 31", "DATE", "1990-01-31", YearInferred),
                ],
            },
            // "The last quarter" alone is the one before publication.
            Case {
                dct: "1989-10-25",
                text: "Sales fell in the last quarter.",
                expected: &[(
                    "the last quarter",
                    "DATE",
                    "1989-Q3",
                    CountedFromPublication,
                )],
            },
            // "The quarter" in a report is the last complete one; "last year" beside a
            // quarter is that quarter a year before.
            Case {
                dct: "1989-10-25",
                text: "Profit in the quarter fell.",
                expected: &[("the quarter", "DATE", "1989-Q3", ReportingPeriod)],
            },
            Case {
                dct: "1989-10-25",
                text: "Third-quarter profit rose from $5 million last year.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("last year", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            Case {
                dct: "1989-10-25",
                text: "Sales beat the year-ago quarter.",
                expected: &[("the year-ago quarter", "DATE", "1988-Q3", ReportingPeriod)],
            },
            // The weekend before publication on a weekday, unless the clause looks ahead.
            Case {
                dct: "2021-12-15",
                text: "It snowed over the weekend.",
                expected: &[("the weekend", "DATE", "2021-W49-WE", CountedFromPublication)],
            },
            Case {
                dct: "1989-11-02",
                text: "Net income for the year ended March 31 rose, and the full year looks strong.",
                expected: &[
                    ("the year", "DURATION", "P1Y", Written),
                    ("March 31", "DATE", "1989-03-31", YearInferred),
                    ("the full year", "DATE", "1989", CountedFromPublication),
                ],
            },
            // British reports write "to" for "ended"; "the year to come" is no fiscal year.
            Case {
                dct: "2005-02-20",
                text: "Profits rose in the year to 31 December. Prices will rise in the year to come.",
                expected: &[
                    ("the year", "DURATION", "P1Y", Written),
                    ("31 December", "DATE", "2004-12-31", YearInferred),
                    ("the year", "DATE", "2005", CountedFromPublication),
                ],
            },
            Case {
                dct: "",
                text: "Biden will travel next month.",
                expected: &[("next month", "DATE", "XXXX-XX", Unresolved)],
            },
            // Titles and acronyms are not units.
            Case {
                dct: "1990-08-13",
                text: "Baker, speaking on ABC's \"This Week,\" cited a recent SEC filing and CBS's 60 Minutes.",
                expected: &[],
            },
        ]);
        assert_eq!(
            modifier_of(
                "2021-12-13",
                "It rose earlier this month.",
                "earlier this month"
            ),
            Some("START")
        );
    }
}
