//! Quarters and halves: "the third quarter", "third-quarter", "the first half of 1989",
//! "this year's third quarter", "the last half of 1989", "the first quarter of next year", "the
//! year-earlier second quarter".
//!
//! A written year is taken as is; otherwise the year of publication moved by a relative word,
//! or the reporting period's year (`year_choice`). It must not know other kinds.


use super::anchors::Anchors;
use super::groups::{relative, year_delta};
use super::normalized::Normalized;
use super::wording::describe_day;
use super::year_choice::{choose_year, resolve_yearless};
use crate::dates::Basis;
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::dates::words::{Relative, WORDS, lookup};

pub fn part_of_year(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let half = group(captures, "unit")?.eq_ignore_ascii_case("half");
    let ordinal = match group(captures, "final") {
        // "the last half of 1989", "the latter half": the final one of the year; "the last
        // quarter" without a year is the one before publication (a shift, not this).
        Some(word) => {
            let of_year = captures.name("year2").is_some() || captures.name("yearrel2").is_some();
            if !of_year && !word.eq_ignore_ascii_case("latter") {
                return None;
            }
            if half { 2 } else { 4 }
        }
        None => lookup(&WORDS.ordinals, group(captures, "ordinal")?)?,
    };
    if half && ordinal > 2 {
        return None;
    }
    let make = |year: i32| {
        if half {
            Granule::Half {
                year,
                half: ordinal,
            }
        } else {
            Granule::Quarter {
                year,
                quarter: ordinal,
            }
        }
    };
    let explicit_year: Option<i32> = group(captures, "year")
        .or_else(|| group(captures, "year2"))
        .and_then(|year| year.parse().ok());
    if let Some(year) = explicit_year {
        return Some(Normalized::granule(
            make(year),
            Basis::Written,
            "explicit year".into(),
        ));
    }
    let Some(publication_day) = anchors.publication_day else {
        return Some(resolve_yearless(make(2000), anchors));
    };
    let (publication_year, _, _) = civil(publication_day);
    let described = describe_day(publication_day);
    if let Some(delta) = year_delta(captures) {
        return Some(Normalized::granule(
            make(publication_year + delta),
            Basis::CountedFromPublication,
            format!("counted from the publication year ({described})"),
        ));
    }
    match relative(captures) {
        Some((word, Relative::YearBefore)) => {
            let (granule, reason, doubt) =
                choose_year(|year| Some(make(year)), publication_day, anchors.tense)?;
            let granule = granule.with_year(granule.year().unwrap_or(publication_year) - 1);
            Some(Normalized {
                doubt,
                ..Normalized::granule(
                    granule,
                    Basis::YearInferred,
                    format!("\"{word}\": a year before {reason}"),
                )
            })
        }
        Some((word, relative)) => Some(Normalized::granule(
            make(publication_year + relative.direction()),
            Basis::CountedFromPublication,
            format!("\"{word}\", counted from the publication year ({described})"),
        )),
        None => Some(resolve_yearless(make(2000), anchors)),
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn quarters_and_halves() {
        check_table(&[
            Case {
                dct: "1989-10-25",
                text: "Third-quarter profit rose, and the fourth quarter looks weak.",
                expected: &[
                    ("Third-quarter", "DATE", "1989-Q3", YearInferred),
                    ("the fourth quarter", "DATE", "1989-Q4", YearInferred),
                ],
            },
            // "The last half of 1989" is the year's final half.
            Case {
                dct: "1989-10-25",
                text: "Sales rose in the last half of 1989 and the latter half of 1988 but fell in the last quarter.",
                expected: &[
                    ("the last half of 1989", "DATE", "1989-H2", Written),
                    ("the latter half of 1988", "DATE", "1988-H2", Written),
                    (
                        "the last quarter",
                        "DATE",
                        "1989-Q3",
                        CountedFromPublication,
                    ),
                ],
            },
            Case {
                dct: "1989-10-25",
                text: "This year's second quarter and next year's first half look weak.",
                expected: &[
                    (
                        "This year's second quarter",
                        "DATE",
                        "1989-Q2",
                        CountedFromPublication,
                    ),
                    (
                        "next year's first half",
                        "DATE",
                        "1990-H1",
                        CountedFromPublication,
                    ),
                ],
            },
            // The year after "of" is the quarter's, not a date of its own.
            Case {
                dct: "1989-10-25",
                text: "Sales should recover in the first quarter of next year or the last half of next year.",
                expected: &[
                    (
                        "the first quarter of next year",
                        "DATE",
                        "1990-Q1",
                        CountedFromPublication,
                    ),
                    (
                        "the last half of next year",
                        "DATE",
                        "1990-H2",
                        CountedFromPublication,
                    ),
                ],
            },
            Case {
                dct: "",
                text: "Third-quarter profit rose.",
                expected: &[("Third-quarter", "DATE", "XXXX-Q3", Unresolved)],
            },
        ]);
    }
}
