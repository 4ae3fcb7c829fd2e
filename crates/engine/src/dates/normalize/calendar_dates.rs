//! Dates written with a month name ("16 June 2021", "Dec. 8", "Saturday, April 25",
//! "December 2021") and ISO dates ("2021-12-07").
//!
//! A written year is taken as is; a missing one is chosen near publication, by the weekday
//! written beside the date when there is one (`year_choice` otherwise). It must not know other
//! kinds of expression.


use super::anchors::Anchors;
use super::groups::capitalized;
use super::normalized::Normalized;
use super::year_choice::{choose_year, resolve_yearless};
use crate::dates::Basis;
use crate::dates::calendar::{self, Granule, day_number, weekday};
use crate::dates::grammar::{Captures, group};
use crate::lexicon::{month_name, month_number, weekday_name, weekday_number};

/// "2021-12-07".
pub fn iso_date(captures: &Captures) -> Option<Normalized> {
    let year = group(captures, "year")?.parse().ok()?;
    let month = group(captures, "mnum")?.parse().ok()?;
    let day = group(captures, "dnum")?.parse().ok()?;
    calendar::is_valid_date(year, month, day).then(|| {
        Normalized::granule(
            Granule::Day { year, month, day },
            Basis::Written,
            "explicit ISO date".into(),
        )
    })
}

pub fn calendar_date(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let month_word = group(captures, "month")?;
    if !capitalized(month_word) {
        return None;
    }
    let month = i32::from(month_number(month_word)?);
    let year: Option<i32> = group(captures, "year").and_then(|year| year.parse().ok());
    let Some(day_text) = group(captures, "day") else {
        // "December 2021".
        let year = year?;
        return Some(Normalized::granule(
            Granule::Month { year, month },
            Basis::Written,
            "explicit month and year".into(),
        ));
    };
    let day: i32 = day_text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    if !calendar::is_valid_date(year.unwrap_or(2000), month, day) {
        return None;
    }
    let mut normalized = match year {
        Some(year) => Normalized::granule(
            Granule::Day { year, month, day },
            Basis::Written,
            "explicit date".into(),
        ),
        None => {
            // "Saturday, April 25": the weekday picks the year among those near publication.
            let named_weekday = group(captures, "weekday").and_then(weekday_number);
            let by_weekday =
                named_weekday
                    .zip(anchors.publication_day)
                    .and_then(|(named, publication_day)| {
                        choose_year(
                            |year| {
                                (calendar::is_valid_date(year, month, day)
                                    && weekday(day_number(year, month, day)) == i32::from(named))
                                .then_some(Granule::Day { year, month, day })
                            },
                            publication_day,
                            anchors.tense,
                        )
                    });
            let by_phrase = anchors
                .year_in_phrase
                .filter(|&year| calendar::is_valid_date(year, month, day));
            match (by_phrase, by_weekday) {
                // The whole value is written, only split ("the 11 September attacks in
                // 2001"): nothing depends on the publication date, so it is no relative date.
                (Some(year), _) => Normalized::granule(
                    Granule::Day { year, month, day },
                    Basis::Written,
                    format!("the year {year} written after it in the same phrase"),
                ),
                (None, Some((granule, reason, _))) => Normalized::granule(
                    granule,
                    Basis::YearFromWeekday,
                    format!(
                        "the year near publication in which it falls on the weekday named: {reason}"
                    ),
                ),
                (None, None) => resolve_yearless(
                    Granule::Day {
                        year: 2000,
                        month,
                        day,
                    },
                    anchors,
                ),
            }
        }
    };
    // A weekday beside the date must agree with it.
    if let (Some(weekday_word), Some(Granule::Day { year, month, day })) =
        (group(captures, "weekday"), normalized.granule)
        && let Some(named) = weekday_number(weekday_word)
    {
        let actual = weekday(day_number(year, month, day));
        if actual != i32::from(named) {
            normalized.doubt = Some(format!(
                "{day} {} {year} was a {}, not a {}",
                month_name(month),
                weekday_name(actual),
                weekday_name(i32::from(named))
            ));
        }
    }
    Some(normalized)
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn calendar_dates() {
        check_table(&[
            // The second of two days shares the first one's month.
            Case {
                dct: "1999-02-10",
                text: "The summit will be held on April 24 and 25.",
                expected: &[
                    ("April 24", "DATE", "1999-04-24", YearInferred),
                    ("25", "DATE", "1999-04-25", YearInferred),
                ],
            },
            // A number that runs on into an amount is none.
            Case {
                dct: "1987-03-05",
                text: "Rates fell to eight pct on February 27 and 7-3/4 pct on March 3, and output \
                       on Feb 2 and 4,284,693 gallons on Feb 4 and 12 pct on Feb 5.",
                expected: &[
                    ("February 27", "DATE", "1987-02-27", YearInferred),
                    ("March 3", "DATE", "1987-03-03", YearInferred),
                    ("Feb 2", "DATE", "1987-02-02", YearInferred),
                    ("Feb 4", "DATE", "1987-02-04", YearInferred),
                    ("Feb 5", "DATE", "1987-02-05", YearInferred),
                ],
            },
            Case {
                dct: "2021-12-06",
                text: "They met at the Geneva summit on 16 June 2021.",
                expected: &[("16 June 2021", "DATE", "2021-06-16", Written)],
            },
            Case {
                dct: "2021-12-29",
                text: "It was signed on Dec. 8, 2021, and again on December 29th, 2021.",
                expected: &[
                    ("Dec. 8, 2021", "DATE", "2021-12-08", Written),
                    ("December 29th, 2021", "DATE", "2021-12-29", Written),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "The filing is dated 2021-12-07.",
                expected: &[("2021-12-07", "DATE", "2021-12-07", Written)],
            },
            Case {
                dct: "2021-12-29",
                text: "Sales fell in December 2020 and rose in 2014.",
                expected: &[
                    ("December 2020", "DATE", "2020-12", Written),
                    ("2014", "DATE", "2014", Written),
                ],
            },
            // A future clause at the end of December points to next January.
            Case {
                dct: "2021-12-29",
                text: "The two leaders will meet on Jan 10.",
                expected: &[("Jan 10", "DATE", "2022-01-10", YearInferred)],
            },
            // A year written in the same phrase places the day; one in another clause does not.
            Case {
                dct: "2004-12-15",
                text: "The 11 September attacks in 2001 changed the industry.",
                expected: &[
                    ("The 11 September", "DATE", "2001-09-11", Written),
                    ("2001", "DATE", "2001", Written),
                ],
            },
            Case {
                dct: "2004-12-15",
                text: "On 11 September, the firm, founded in 1990, said so.",
                expected: &[
                    ("11 September", "DATE", "2004-09-11", YearInferred),
                    ("1990", "DATE", "1990", Written),
                ],
            },
            // A past clause takes the latest such day up to publication.
            Case {
                dct: "2021-10-07",
                text: "They met on 16 June.",
                expected: &[("16 June", "DATE", "2021-06-16", YearInferred)],
            },
            // A past verb does not pull a date a year back when the next one is far nearer.
            Case {
                dct: "1989-11-02",
                text: "The company said the dividend is payable Nov. 16.",
                expected: &[("Nov. 16", "DATE", "1989-11-16", YearInferred)],
            },
            // The weekday beside a yearless date picks the year.
            Case {
                dct: "1998-02-10",
                text: "The vote is on Saturday, April 25.",
                expected: &[("Saturday, April 25", "DATE", "1998-04-25", YearFromWeekday)],
            },
            // Searched over the whole text, "June 12 / 1987" matched across the paragraph
            // break, was dropped, and hid "June 12": each paragraph is searched on its own.
            Case {
                dct: "1987-10-19",
                text: "The dividend was distributed June 12\n\n1987 results follow.",
                expected: &[("June 12", "DATE", "1987-06-12", YearInferred)],
            },
            // Without a publication date the year stays open.
            Case {
                dct: "",
                text: "They met on 16 June.",
                expected: &[("16 June", "DATE", "XXXX-06-16", Unresolved)],
            },
            Case {
                dct: "2021-12-06",
                text: "We may march on.",
                expected: &[],
            },
        ]);
    }
}
