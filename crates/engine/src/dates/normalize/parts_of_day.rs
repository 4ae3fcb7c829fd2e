//! Parts of a day counted from publication: "this morning", "yesterday afternoon", "tomorrow
//! night", "mid-afternoon yesterday"; and `day_relative`, the day some days from publication
//! at an optional part of the day, which fixed references ("yesterday", "tonight") use too.
//!
//! It must not know other kinds.


use super::anchors::Anchors;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::shifting::day_granule;
use super::wording::{days, describe_day};
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{PartOfDay, TimeOfDay, UnknownUnit, Unplaced};
use crate::dates::words::WORDS;
use crate::dates::{Basis, TimexType};

pub fn part_of_day(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let dayref = group(captures, "dayref").or_else(|| group(captures, "dayref2"))?;
    let pod = group(captures, "pod").or_else(|| group(captures, "pod2"))?;
    let offset = match dayref.to_ascii_lowercase().as_str() {
        "yesterday" | "last" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let part = *WORDS.parts_of_day.get(pod.to_ascii_lowercase().as_str())?;
    Some(day_relative(offset, Some(part), anchors))
}

/// A day counted from the publication date, with an optional part of day ("yesterday", "tonight").
pub fn day_relative(offset: i64, part_of_day: Option<PartOfDay>, anchors: &Anchors) -> Normalized {
    let timex_type = if part_of_day.is_some() {
        TimexType::Time
    } else {
        TimexType::Date
    };
    let mut normalized = match anchors.publication_day {
        Some(publication_day) => {
            let mut normalized = Normalized::granule(
                day_granule(publication_day + offset),
                Basis::CountedFromPublication,
                match offset {
                    0 => format!("the publication date ({})", describe_day(publication_day)),
                    -1 => format!(
                        "the day before publication ({})",
                        describe_day(publication_day)
                    ),
                    1 => format!(
                        "the day after publication ({})",
                        describe_day(publication_day)
                    ),
                    _ => format!(
                        "{} {} publication ({})",
                        days(offset.abs()),
                        if offset < 0 { "before" } else { "after" },
                        describe_day(publication_day)
                    ),
                },
            );
            if let Some(part) = part_of_day {
                normalized.value = normalized.value.at(TimeOfDay::Part(part));
            }
            normalized
        }
        None => {
            let mut normalized =
                Normalized::unresolved(Unplaced::Unknown(UnknownUnit::Day), NO_PUBLICATION_DATE);
            if let Some(part) = part_of_day {
                normalized.value = normalized.value.at(TimeOfDay::Part(part));
            }
            normalized
        }
    };
    normalized.timex_type = timex_type;
    normalized.part_of_day = part_of_day;
    normalized
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn parts_of_days() {
        check_table(&[
            // The part of the day may come first: "mid-afternoon yesterday".
            Case {
                dct: "1989-11-02",
                text: "In London at mid-afternoon yesterday, shares were up.",
                expected: &[(
                    "mid-afternoon yesterday",
                    "TIME",
                    "1989-11-01TAF",
                    CountedFromPublication,
                )],
            },
            Case {
                dct: "2021-12-29",
                text: "They met yesterday evening and meet again tomorrow night.",
                expected: &[
                    (
                        "yesterday evening",
                        "TIME",
                        "2021-12-28TEV",
                        CountedFromPublication,
                    ),
                    (
                        "tomorrow night",
                        "TIME",
                        "2021-12-30TNI",
                        CountedFromPublication,
                    ),
                ],
            },
            Case {
                dct: "",
                text: "They met this morning.",
                expected: &[("this morning", "TIME", "XXXX-XX-XXTMO", Unresolved)],
            },
        ]);
    }
}
