//! Decades and centuries: "the 1990s", "the mid-2000s", "the '80s", "the nineties", "the
//! 20th century" (TIMEX3 writes a century by its hundreds digits: "19").
//!
//! A decade without its century ("the '80s") is the latest such decade not after publication.
//! It must not know other kinds.


use super::anchors::Anchors;
use super::groups::modifier;
use super::normalized::Normalized;
use crate::dates::{Basis, TimexMod};
use crate::dates::calendar::{Granule, civil};
use crate::dates::grammar::{Captures, group};
use crate::dates::words::{WORDS, lookup};

pub fn decade(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    // "the first half of the 1990s" is the decade's start, "the last half" its end: TIMEX3
    // has no modifier for halves.
    let modifier = match group(captures, "half") {
        Some(half) if half.eq_ignore_ascii_case("first") => Some(TimexMod::Start),
        Some(_) => Some(TimexMod::End),
        None => modifier(captures),
    };
    // "the 20th century" is the 1900s: TIMEX3 writes a century as its hundreds digits ("19").
    if let Some(ordinal) = group(captures, "ordcentury") {
        let ordinal: i32 = ordinal.parse().ok()?;
        return Some(
            Normalized::granule(
                Granule::Century {
                    century: ordinal - 1,
                },
                Basis::Written,
                "a century".into(),
            )
            .with_modifier(modifier),
        );
    }
    let digit: i32 = match group(captures, "decadeword") {
        // "the nineties": the tens word names the decade's digit; without the article it is
        // an age ("in his sixties").
        Some(word) if group(captures, "article").is_some() => lookup(&WORDS.decades, word)?,
        Some(_) => return None,
        None => group(captures, "decade")?.parse().ok()?,
    };
    let decade = match group(captures, "century") {
        Some(century) => century.parse::<i32>().ok()? * 10 + digit,
        None => {
            // "the '80s": the latest such decade not after publication.
            let year = anchors.publication_day.map_or(1999, |days| civil(days).0);
            let decade = year.div_euclid(100) * 10 + digit;
            if decade * 10 > year {
                decade - 10
            } else {
                decade
            }
        }
    };
    Some(
        Normalized::granule(
            Granule::Decade { decade },
            Basis::Written,
            "a decade".into(),
        )
        .with_modifier(modifier),
    )
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table, modifier_of};

    #[test]
    fn decades_and_centuries() {
        check_table(&[
            Case {
                dct: "2021-12-13",
                text: "Growth was fast in the 1990s and slowed in the mid-2000s.",
                expected: &[
                    ("the 1990s", "DATE", "199", Written),
                    ("the mid-2000s", "DATE", "200", Written),
                ],
            },
            Case {
                dct: "1998-02-13",
                text: "It was the worst war of the 20th century.",
                expected: &[("the 20th century", "DATE", "19", Written)],
            },
            Case {
                dct: "1998-03-03",
                text: "Numbers dropped through the nineties.",
                expected: &[("the nineties", "DATE", "199", Written)],
            },
            // The latest such decade not after publication.
            Case {
                dct: "1998-03-03",
                text: "Prices rose in the '80s.",
                expected: &[("the '80s", "DATE", "198", Written)],
            },
            // A half of a decade or century is its start or end, not a half of a year.
            Case {
                dct: "1995-10-26",
                text: "Profits grew in the last half of the '80s and in the first half of the 1990s.",
                expected: &[
                    ("the last half of the '80s", "DATE", "198", Written),
                    ("the first half of the 1990s", "DATE", "199", Written),
                ],
            },
            // Without the article, a decade word is an age.
            Case {
                dct: "1998-03-03",
                text: "He is in his sixties.",
                expected: &[],
            },
        ]);
        assert_eq!(
            modifier_of("2021-12-13", "It slowed in the mid-2000s.", "the mid-2000s"),
            Some("MID")
        );
        assert_eq!(
            modifier_of(
                "1999-12-13",
                "It ended the second half of the 20th century.",
                "the second half of the 20th century"
            ),
            Some("END")
        );
    }
}
