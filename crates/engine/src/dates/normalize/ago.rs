//! Units counted back or forward: "two weeks ago", "three years from now", "a year earlier",
//! "three days later" (a length of time), "a few years ago" (a vague past).
//!
//! "Ago" counts from publication; "earlier" and "later" from a date named before them in the
//! sentence; a single year in a business report compares with the period it reports on. It
//! must not know other kinds.


use super::anchors::Anchors;
use super::groups::{hedge, number, unit};
use super::lengths::duration_value;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::shifting::{containing, day_granule, shift, shift_by_unit};
use super::wording::describe_day;
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{TimeReference, TimexValue, UnknownUnit, Unplaced};
use crate::dates::words::normalize_words;
use crate::dates::{Basis, TimexType};

pub fn ago(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let unit = unit(captures)?;
    let count = number(captures)?;
    let direction = normalize_words(group(captures, "direction")?);
    let sign = if matches!(direction.as_str(), "ago" | "earlier") {
        -1
    } else {
        1
    };
    let modifier = hedge(captures);
    // "three days later", "an hour earlier": TimeML annotates the length of time (DURATION
    // P3D), "later" being only the signal that relates it to an event. Years and quarters
    // stay dates: "a year earlier" in a report names the comparable period.
    if matches!(direction.as_str(), "earlier" | "later")
        && (matches!(unit.code, "D" | "W") || unit.is_time())
    {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            TimexValue::Duration(duration_value(count, unit).into()),
            Basis::Written,
        );
        normalized.modifier = modifier;
        normalized.reason = format!("a length of time, \"{direction}\" relating it to an event");
        return Some(normalized);
    }
    let Some(count) = count else {
        let reference = if sign < 0 {
            TimeReference::Past
        } else {
            TimeReference::Future
        };
        return Some(
            Normalized::new(
                TimexType::Date,
                TimexValue::Reference(reference),
                Basis::Vague,
            )
            .with_modifier(modifier),
        );
    };
    let Some(publication_day) = anchors.publication_day else {
        return Some(
            Normalized::unresolved(Unplaced::Unknown(UnknownUnit::Day), NO_PUBLICATION_DATE)
                .with_modifier(modifier),
        );
    };
    let steps = (count as i32) * sign;
    // "for the nine months, … a year earlier": that stretch of the year before, which no
    // quarter names; the year does. A day named in the sentence ("the six months ended
    // Aug. 12") is still the anchor, below.
    if unit.code == "Y"
        && steps.abs() == 1
        && anchors.months_stretch_in_sentence
        && let Some(previous) = anchors.reporting_period.or(anchors.previous_in_sentence)
        && let (Granule::Quarter { .. } | Granule::Half { .. } | Granule::Year { .. }, Some(year)) =
            (previous, previous.year())
    {
        return Some(
            Normalized::granule(
                Granule::Year { year: year + steps },
                Basis::ReportingPeriod,
                format!(
                    "{count} year(s) {direction} than the months of {year} the sentence reports on"
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "a year ago" in a report on the third quarter means that quarter a year before. Only a
    // single year compares periods so; "41 years ago" after "early December" in the same
    // sentence is a year counted from publication, not that December 41 years before.
    if unit.code == "Y"
        && steps.abs() == 1
        && let Some(previous) = anchors.reporting_period.or(anchors.previous_in_sentence)
        && let (Granule::Quarter { .. } | Granule::Half { .. } | Granule::Month { .. }, Some(year)) =
            (previous, previous.year())
    {
        let basis = if anchors.reporting_period.is_some() {
            Basis::ReportingPeriod
        } else {
            Basis::OtherDate
        };
        return Some(
            Normalized::granule(
                previous.with_year(year + steps),
                basis,
                format!(
                    "{count} year(s) {direction} than {}, the period the article reports on",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "earlier" and "later" count from a date named before them in the sentence ("on Nov. 2,
    // … a year earlier"), "ago" from publication.
    if matches!(direction.as_str(), "earlier" | "later")
        && let Some(previous) = anchors.previous_in_sentence
        && let Some(moved) = shift_by_unit(previous, unit, steps)
    {
        return Some(
            Normalized::granule(
                moved,
                Basis::OtherDate,
                format!(
                    "{direction}, counted from {}, the date named before it in the sentence",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    let (base, steps) = match unit.code {
        "DE" => (
            Granule::Year {
                year: civil(publication_day).0,
            },
            steps * 10,
        ),
        "CE" => (
            Granule::Year {
                year: civil(publication_day).0,
            },
            steps * 100,
        ),
        code if code.starts_with('T') => (day_granule(publication_day), 0),
        _ => (containing(unit, publication_day)?, steps),
    };
    Some(
        Normalized::granule(
            shift(base, steps),
            Basis::CountedFromPublication,
            format!(
                "{direction}, counted from the publication date ({})",
                describe_day(publication_day)
            ),
        )
        .with_modifier(modifier),
    )
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table, modifier_of};

    #[test]
    fn counted_back_or_forward() {
        check_table(&[
            Case {
                dct: "1998-01-08",
                text: "Prices fell three years ago and two weeks ago.",
                expected: &[
                    ("three years ago", "DATE", "1995", CountedFromPublication),
                    ("two weeks ago", "DATE", "1997-W52", CountedFromPublication),
                ],
            },
            Case {
                dct: "1989-10-25",
                text: "Net income in the third quarter rose from $5 million a year ago.",
                expected: &[
                    ("the third quarter", "DATE", "1989-Q3", YearInferred),
                    ("a year ago", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            // After "the nine months" the comparison is with those months of the year before,
            // which only the year names, even in a report on the third quarter.
            Case {
                dct: "1989-10-25",
                text: "Third-quarter net rose. For the nine months, net fell from $5 million a year earlier.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("the nine months", "DURATION", "P9M", Written),
                    ("a year earlier", "DATE", "1988", ReportingPeriod),
                ],
            },
            // A day named in the sentence stays the anchor of "a year earlier".
            Case {
                dct: "1989-10-25",
                text: "For the six months ended Aug. 12, net fell from $5 million a year earlier.",
                expected: &[
                    ("the six months", "DURATION", "P6M", Written),
                    ("Aug. 12", "DATE", "1989-08-12", YearInferred),
                    ("a year earlier", "DATE", "1988-08-12", OtherDate),
                ],
            },
            // A quarter not yet over, in a future clause, is a forecast, not the period
            // reported on; a reported quarter stays one, even one not over on the calendar.
            Case {
                dct: "1989-11-02",
                text: "Third-quarter net rose. The quake will cause a fourth-quarter charge. Revenue fell from a year ago.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("fourth-quarter", "DATE", "1989-Q4", YearInferred),
                    ("a year ago", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            Case {
                dct: "1989-11-02",
                text: "Ralston reported a decline in fourth-quarter earnings. Revenue fell from a year ago.",
                expected: &[
                    ("fourth-quarter", "DATE", "1989-Q4", YearInferred),
                    ("a year ago", "DATE", "1988-Q4", ReportingPeriod),
                ],
            },
            // The next sentence is about the quarter again.
            Case {
                dct: "1989-10-25",
                text: "In the nine months, net rose. Third-quarter net fell from a year earlier.",
                expected: &[
                    ("the nine months", "DURATION", "P9M", Written),
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("a year earlier", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            Case {
                dct: "2000-01-15",
                text: "Rallies in early December were the largest since the revolution 41 years ago.",
                expected: &[
                    ("early December", "DATE", "1999-12", YearInferred),
                    ("41 years ago", "DATE", "1959", CountedFromPublication),
                ],
            },
            // Days and weeks "later" are lengths of time; a count left vague is a vague time.
            Case {
                dct: "1989-11-01",
                text: "Three days later, the bank failed.",
                expected: &[("Three days later", "DURATION", "P3D", Written)],
            },
            Case {
                dct: "1990-08-16",
                text: "A few days later, it rained.",
                expected: &[("A few days later", "DURATION", "PXD", Written)],
            },
            Case {
                dct: "1990-08-16",
                text: "It rained a few years ago.",
                expected: &[("a few years ago", "DATE", "PAST_REF", Vague)],
            },
            Case {
                dct: "",
                text: "Prices fell three years ago.",
                expected: &[("three years ago", "DATE", "XXXX-XX-XX", Unresolved)],
            },
            // A hedge after the count is the whole expression's: "a week or so ago".
            Case {
                dct: "1991-02-25",
                text: "He left a week or so ago.",
                expected: &[(
                    "a week or so ago",
                    "DATE",
                    "1991-W08",
                    CountedFromPublication,
                )],
            },
        ]);
        assert_eq!(
            modifier_of("1991-02-25", "He left a week or so ago.", "a week or so ago"),
            Some("APPROX")
        );
        assert_eq!(
            modifier_of("1991-02-25", "He left a week ago.", "a week ago"),
            None
        );
    }
}
