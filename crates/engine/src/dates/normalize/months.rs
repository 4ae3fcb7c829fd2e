//! Month names without a day: "June", "mid-June", "last April", "next June", "June this year".
//!
//! A relative word counts from the publication month; a bare month takes its year from the
//! publication date and the tense (`year_choice`). It must not know other kinds.


use super::anchors::Anchors;
use super::groups::{capitalized, modifier, relative, year_delta};
use super::normalized::Normalized;
use super::wording::describe_day;
use super::year_choice::resolve_yearless;
use crate::dates::Basis;
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::lexicon::{month_name, month_number};

pub fn month(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let month_word = group(captures, "month")?;
    if !capitalized(month_word) {
        return None;
    }
    let month = i32::from(month_number(month_word)?);
    let template = Granule::Month { year: 2000, month };
    let modifier = modifier(captures);
    let Some(publication_day) = anchors.publication_day else {
        return Some(resolve_yearless(template, anchors).with_modifier(modifier));
    };
    let (publication_year, publication_month, _) = civil(publication_day);
    let described = describe_day(publication_day);
    if let (Some(year_word), Some(delta)) = (group(captures, "yearrel"), year_delta(captures)) {
        let year = publication_year + delta;
        return Some(
            Normalized::granule(
                Granule::Month { year, month },
                Basis::CountedFromPublication,
                format!("{year_word} year, from the publication date ({described})"),
            )
            .with_modifier(modifier),
        );
    }
    let normalized = match relative(captures) {
        Some((word, relative)) if relative.direction() != 0 => {
            // "next June" is the first June after the publication month, "last June" the last before.
            let year = if relative.direction() > 0 {
                if month > publication_month {
                    publication_year
                } else {
                    publication_year + 1
                }
            } else if month < publication_month {
                publication_year
            } else {
                publication_year - 1
            };
            Normalized::granule(
                Granule::Month { year, month },
                Basis::CountedFromPublication,
                format!(
                    "\"{word}\" {}, counted from the publication date ({described})",
                    month_name(month)
                ),
            )
        }
        Some((word, _)) => Normalized::granule(
            Granule::Month {
                year: publication_year,
                month,
            },
            Basis::CountedFromPublication,
            format!("\"{word}\" means the publication year ({described})"),
        ),
        None => resolve_yearless(template, anchors),
    };
    Some(normalized.with_modifier(modifier))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table, modifier_of};

    #[test]
    fn months() {
        check_table(&[
            Case {
                dct: "2021-05-08",
                text: "The summit is in June; talks began in April and last month, and resume in mid-June.",
                expected: &[
                    ("June", "DATE", "2021-06", YearInferred),
                    ("April", "DATE", "2021-04", YearInferred),
                    ("last month", "DATE", "2021-04", CountedFromPublication),
                    ("mid-June", "DATE", "2021-06", YearInferred),
                ],
            },
            Case {
                dct: "2021-12-06",
                text: "Both leaders spoke in June this year.",
                expected: &[("June this year", "DATE", "2021-06", CountedFromPublication)],
            },
            Case {
                dct: "2021-12-06",
                text: "They met last April and will meet next June.",
                expected: &[
                    ("last April", "DATE", "2021-04", CountedFromPublication),
                    ("next June", "DATE", "2022-06", CountedFromPublication),
                ],
            },
            Case {
                dct: "1989-10-30",
                text: "The company has had weak results since March.",
                expected: &[("March", "DATE", "1989-03", YearInferred)],
            },
            // Published on 25 October 1998: January 1999 is 68 days ahead, January 1998 297
            // back; a past hint outweighs the nearer future month.
            Case {
                dct: "1998-10-25",
                text: "In January, a clinic bombing killed a guard.",
                expected: &[("January", "DATE", "1998-01", YearInferred)],
            },
            // A negated participle is an adjective, not a past verb: "would" decides.
            Case {
                dct: "1989-10-30",
                text: "It would be paid on a still unspecified date in January.",
                expected: &[("January", "DATE", "1990-01", YearInferred)],
            },
            // "March" in a title is not a month.
            Case {
                dct: "1999-01-22",
                text: "Agents watched the annual March for Life.",
                expected: &[],
            },
            Case {
                dct: "",
                text: "They met in June.",
                expected: &[("June", "DATE", "XXXX-06", Unresolved)],
            },
        ]);
        assert_eq!(
            modifier_of("2021-05-08", "They meet in mid-June.", "mid-June"),
            Some("MID")
        );
    }
}
