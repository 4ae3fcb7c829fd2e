//! The period a business report is about, named without a unit: "the year-ago period",
//! "year-earlier", "the latest period", "the 1988 period", "the 1988 quarter".
//!
//! The quarter or half the article last named (else the last complete quarter before
//! publication), the same stretch of the year before for the year-ago words. It must not know
//! other kinds.


use super::anchors::Anchors;
use super::groups::relative;
use super::normalized::Normalized;
use super::shifting::{containing, shift};
use crate::dates::Basis;
use crate::dates::calendar::Granule;
use crate::dates::grammar::{Captures, group};
use crate::dates::words::{Relative, Unit};

/// "the year-ago period", "year-earlier": the reporting period the article last named (else
/// the last complete quarter before publication), a year earlier for the year-ago words.
pub fn reporting_period(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    // "the corresponding period last year", "last year's quarter": the year after the period
    // counts it a year back, as "year-ago" before it does.
    let back = group(captures, "back").map(|words| (words.to_string(), Relative::YearBefore));
    let (word, relative) = relative(captures)
        .or(back)
        .unwrap_or_else(|| ("the".to_string(), Relative::Units(0)));
    // A day the article named ("the six months ended Oct. 1") is not a period it reports on.
    let named_period = anchors.previous_in_article.filter(|previous| {
        !matches!(previous, Granule::Day { .. }) || anchors.reporting_period.is_some()
    });
    let (period, source) = match anchors.reporting_period.or(named_period) {
        Some(previous) => (
            previous,
            format!("{}, the period the article last named", previous.describe()),
        ),
        None => {
            let publication_day = anchors.publication_day?;
            let quarter = shift(containing(Unit { code: "Q" }, publication_day)?, -1);
            (
                quarter,
                format!(
                    "{}, the last complete quarter before publication",
                    quarter.describe()
                ),
            )
        }
    };
    // "for the nine months, … the year-earlier period": that stretch of the year before, which
    // only the year can name.
    let period = if anchors.months_stretch_in_sentence
        && let (Granule::Quarter { .. } | Granule::Half { .. }, Some(year)) =
            (period, period.year())
    {
        Granule::Year { year }
    } else {
        period
    };
    let explicit_year: Option<i32> = group(captures, "year").and_then(|year| year.parse().ok());
    let year_before = relative == Relative::YearBefore;
    let granule = match (explicit_year, period.year()) {
        // "the 1988 period": the reporting period in that year.
        (Some(year), Some(_)) => period.with_year(year),
        (Some(year), None) => Granule::Year { year },
        (None, Some(year)) if year_before => period.with_year(year - 1),
        (None, None) if year_before => shift(period, -1),
        (None, _) => period,
    };
    Some(Normalized::granule(
        granule,
        Basis::ReportingPeriod,
        format!("\"{word}\": counted from {source}"),
    ))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn reporting_periods() {
        check_table(&[
            // A year before "quarter" names that year's quarter, not 1988 quarters.
            Case {
                dct: "1989-10-25",
                text: "Profit in the third quarter beat the 1988 quarter.",
                expected: &[
                    ("the third quarter", "DATE", "1989-Q3", YearInferred),
                    ("the 1988 quarter", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            Case {
                dct: "1989-10-25",
                text: "Third-quarter net rose. In the first nine months, net beat the 1988 period.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("the first nine months", "DURATION", "P9M", Written),
                    ("the 1988 period", "DATE", "1988", ReportingPeriod),
                ],
            },
            Case {
                dct: "1989-10-25",
                text: "Third-quarter net rose from $5 million in the year-ago period.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("the year-ago period", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            // The year after the period counts it a year back.
            Case {
                dct: "1989-11-01",
                text: "Net for the third quarter fell from the corresponding period last year. \
                       Sales for last year's quarter were $3 million, as in the same quarter a year ago.",
                expected: &[
                    ("the third quarter", "DATE", "1989-Q3", YearInferred),
                    (
                        "the corresponding period last year",
                        "DATE",
                        "1988-Q3",
                        ReportingPeriod,
                    ),
                    ("last year's quarter", "DATE", "1988-Q3", ReportingPeriod),
                    ("the same quarter a year ago", "DATE", "1988-Q3", ReportingPeriod),
                ],
            },
            // Without a period named, the last complete quarter before publication.
            Case {
                dct: "1989-10-25",
                text: "Net fell from the year-earlier period.",
                expected: &[(
                    "the year-earlier period",
                    "DATE",
                    "1988-Q3",
                    ReportingPeriod,
                )],
            },
        ]);
    }
}
