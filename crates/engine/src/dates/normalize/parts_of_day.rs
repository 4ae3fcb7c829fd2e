//! Parts of a day counted from publication: "this morning", "yesterday afternoon", "tomorrow
//! night", "mid-afternoon yesterday"; and `day_relative`, the day some days from publication
//! at an optional part of the day, which fixed references ("yesterday", "tonight") use too;
//! "the next morning", "the previous night" count from the day the article last named.
//!
//! It must not know other kinds.


use super::anchors::Anchors;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::shifting::day_granule;
use super::wording::{days, describe_day};
use crate::dates::calendar::{Granule, day_number};
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{PartOfDay, TimeOfDay, UnknownUnit, Unplaced};
use crate::dates::words::WORDS;
use crate::dates::{Basis, TimexType};

pub fn part_of_day(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if let Some(word) = group(captures, "narrative") {
        return narrative_part_of_day(word, captures, anchors);
    }
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

/// "The next morning", "the previous night": the day after or before the day the article last
/// named; unresolved when it named none (counting from publication would be a guess). As with
/// a weekday ("Friday night"), a morning or a night is annotated as its day, an afternoon or an
/// evening as a time of it.
fn narrative_part_of_day(word: &str, captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let pod = group(captures, "pod")?;
    let part = *WORDS.parts_of_day.get(pod.to_ascii_lowercase().as_str())?;
    let Some(Granule::Day { year, month, day }) = anchors.previous_in_article else {
        let mut normalized = Normalized::unresolved(
            Unplaced::Unknown(UnknownUnit::Day),
            "the article names no day before it to count from",
        );
        // A story told without dates ("Police arrested him. The next morning …") has nothing
        // to make explicit: the value says so, and no finding does.
        normalized.doubt = None;
        normalized.part_of_day = Some(part);
        return Some(normalized);
    };
    let offset = match word.to_ascii_lowercase().as_str() {
        "next" | "following" => 1,
        _ => -1,
    };
    let narrative_day = day_number(year, month, day);
    let mut normalized = Normalized::granule(
        day_granule(narrative_day + offset),
        Basis::OtherDate,
        format!(
            "\"{}\", counted from {}, the date the article last named",
            word.to_ascii_lowercase(),
            describe_day(narrative_day)
        ),
    );
    normalized.part_of_day = Some(part);
    if matches!(part, PartOfDay::Evening | PartOfDay::Afternoon) {
        normalized.timex_type = TimexType::Time;
        normalized.value = normalized.value.at(TimeOfDay::Part(part));
    }
    Some(normalized)
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
    use crate::dates::test_support::{Case, analyse, check_table};

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
            // A part of the day after or before the day the article last named: a morning as
            // its day, an evening as a time of it (as "Friday morning", "Friday evening").
            Case {
                dct: "2000-02-24",
                text: "He was arrested on Feb. 20. He appeared in court the next morning. \
                       On Feb. 22 he was freed, and the previous evening he had met his lawyer.",
                expected: &[
                    ("Feb. 20", "DATE", "2000-02-20", YearInferred),
                    ("the next morning", "DATE", "2000-02-21", OtherDate),
                    ("Feb. 22", "DATE", "2000-02-22", YearInferred),
                    ("the previous evening", "TIME", "2000-02-21TEV", OtherDate),
                ],
            },
            // With no day named before it, which morning is not known.
            Case {
                dct: "2000-02-24",
                text: "The next morning, the rain stopped.",
                expected: &[("The next morning", "DATE", "XXXX-XX-XX", Unresolved)],
            },
        ]);
        // A story told without dates has nothing to make explicit: no finding.
        let (_, diagnostics) = analyse("2000-02-24", "The storm hit. The next morning, it stopped.");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
}
