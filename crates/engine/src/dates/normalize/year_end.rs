//! The end of a year after a preposition of time: "by year-end", "around year end", "by
//! year's end" (the publication year, mod END), "since year-end" (the year before).
//!
//! "Year-end" after any other word ("year-end results") is no date. It must not know other
//! kinds.


use super::anchors::Anchors;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::wording::describe_day;
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{UnknownUnit, Unplaced};
use crate::dates::words::{WORDS, normalize_words};
use crate::dates::{Basis, TimexMod};

/// "By year-end": the end (TIMEX3 mod END) of the publication year, or of the year before
/// for "since year-end"; "year-end" without a preposition is not a date ("year-end results").
pub fn year_end(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let preposition = normalize_words(group(captures, "prep")?);
    if !WORDS.year_end_prepositions.contains(preposition.as_str()) {
        return None;
    }
    let Some(publication_day) = anchors.publication_day else {
        return Some(
            Normalized::unresolved(Unplaced::Unknown(UnknownUnit::Year), NO_PUBLICATION_DATE)
                .with_modifier(Some(TimexMod::End)),
        );
    };
    let (publication_year, _, _) = civil(publication_day);
    let (year, reason) = if preposition == "since" {
        (
            publication_year - 1,
            "\"since year-end\": the last end of a year before publication",
        )
    } else {
        (publication_year, "the end of the year of publication")
    };
    Some(
        Normalized::granule(
            Granule::Year { year },
            Basis::CountedFromPublication,
            format!("{reason} ({})", describe_day(publication_day)),
        )
        .with_modifier(Some(TimexMod::End)),
    )
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table, modifier_of};

    #[test]
    fn year_ends() {
        check_table(&[
            // After a preposition it is the end of the publication year ("since year-end": of
            // the year before); before a noun it is no date.
            Case {
                dct: "1989-10-30",
                text: "The deal should close by year-end or around year end, by year's end at the latest.",
                expected: &[
                    ("year-end", "DATE", "1989", CountedFromPublication),
                    ("year end", "DATE", "1989", CountedFromPublication),
                    ("year's end", "DATE", "1989", CountedFromPublication),
                ],
            },
            Case {
                dct: "1989-10-30",
                text: "The index has risen 5% since year-end, and year-end results and shares in year-end trading were weak.",
                expected: &[("year-end", "DATE", "1988", CountedFromPublication)],
            },
            Case {
                dct: "",
                text: "It will close by year-end.",
                expected: &[("year-end", "DATE", "XXXX", Unresolved)],
            },
        ]);
        assert_eq!(
            modifier_of("1989-10-30", "It will close by year-end.", "year-end"),
            Some("END")
        );
    }
}
