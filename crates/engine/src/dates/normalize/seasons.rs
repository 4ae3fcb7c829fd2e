//! Seasons: "this summer", "next winter", "summer 2021", "the winter of 1994", "into the
//! summer", "early summer".
//!
//! A written year is taken as is; a relative word counts from publication; a bare season takes
//! its year from the publication date and the tense (`year_choice`). "By year-end", matched by
//! the same pattern, is `year_end`'s. It must not know other kinds.


use super::anchors::Anchors;
use super::groups::{modifier, relative};
use super::normalized::Normalized;
use super::wording::describe_day;
use super::year_choice::resolve_yearless;
use super::year_end::year_end;
use crate::dates::Basis;
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::dates::words::WORDS;

pub fn season(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if captures.name("yearend").is_some() {
        return year_end(captures, anchors);
    }
    let code = *WORDS
        .seasons
        .get(group(captures, "season")?.to_ascii_lowercase().as_str())?;
    let modifier = modifier(captures);
    let template = Granule::Season {
        year: 2000,
        season: code,
    };
    if let Some(year) = group(captures, "year").and_then(|year| year.parse().ok()) {
        return Some(
            Normalized::granule(
                Granule::Season { year, season: code },
                Basis::Written,
                "explicit season and year".into(),
            )
            .with_modifier(modifier),
        );
    }
    let Some(publication_day) = anchors.publication_day else {
        return Some(resolve_yearless(template, anchors).with_modifier(modifier));
    };
    let (publication_year, _, _) = civil(publication_day);
    let described = describe_day(publication_day);
    let candidates: Vec<Granule> = (-1..=1)
        .map(|delta| template.with_year(publication_year + delta))
        .collect();
    let normalized = match relative(captures) {
        Some((word, relative)) => {
            let chosen = match relative.direction() {
                1 => candidates
                    .iter()
                    .copied()
                    .find(|season| season.offset_from(publication_day) > 0),
                -1 => candidates
                    .iter()
                    .rev()
                    .copied()
                    .find(|season| season.offset_from(publication_day) < 0),
                _ => candidates
                    .iter()
                    .copied()
                    .find(|season| season.year() == Some(publication_year)),
            }?;
            Normalized::granule(
                chosen,
                Basis::CountedFromPublication,
                format!("\"{word}\", counted from the publication date ({described})"),
            )
        }
        None => resolve_yearless(template, anchors),
    };
    Some(normalized.with_modifier(modifier))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn seasons() {
        check_table(&[
            Case {
                dct: "2021-12-06",
                text: "They will meet this summer and next winter.",
                expected: &[
                    ("this summer", "DATE", "2021-SU", CountedFromPublication),
                    ("next winter", "DATE", "2022-WI", CountedFromPublication),
                ],
            },
            // A bare season after "into" or "of" too; without a preposition "fall" is a verb.
            Case {
                dct: "1989-10-26",
                text: "Orders rose from the low levels of the early summer and lasted well into the summer, as prices fall.",
                expected: &[
                    ("early summer", "DATE", "1989-SU", YearInferred),
                    ("summer", "DATE", "1989-SU", YearInferred),
                ],
            },
            Case {
                dct: "2021-12-06",
                text: "Prices peaked in summer 2019.",
                expected: &[("summer 2019", "DATE", "2019-SU", Written)],
            },
            Case {
                dct: "",
                text: "Prices peaked in the summer.",
                expected: &[("summer", "DATE", "XXXX-SU", Unresolved)],
            },
        ]);
    }
}
