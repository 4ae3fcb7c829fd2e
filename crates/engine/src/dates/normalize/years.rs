//! Years in digits or words: "2014", "fiscal 1989", "nineteen ninety-six", "the year two
//! thousand", and a year in words after a month or a season ("January nineteen ninety-seven",
//! "the winter of nineteen ninety-four").
//!
//! Everything is written; nothing is counted. It must not know other kinds.


use super::groups::capitalized;
use super::normalized::Normalized;
use crate::dates::Basis;
use crate::dates::calendar::Granule;
use crate::dates::grammar::{Captures, group};
use crate::dates::words::{WORDS, normalize_words};
use crate::lexicon::month_number;

pub fn year(captures: &Captures) -> Option<Normalized> {
    let year = year_number(captures)?;
    // A year in words after a month or "the winter of", as transcripts spell them:
    // "January nineteen ninety-seven", "the winter of nineteen ninety-four".
    if let Some(month_word) = group(captures, "month") {
        if !capitalized(month_word) {
            return None;
        }
        let month = i32::from(month_number(month_word)?);
        return Some(Normalized::granule(
            Granule::Month { year, month },
            Basis::Written,
            "explicit month and year".into(),
        ));
    }
    if let Some(season) = group(captures, "season") {
        let season = *WORDS.seasons.get(season.to_ascii_lowercase().as_str())?;
        return Some(Normalized::granule(
            Granule::Season { year, season },
            Basis::Written,
            "explicit season and year".into(),
        ));
    }
    Some(Normalized::granule(
        Granule::Year { year },
        Basis::Written,
        "explicit year".into(),
    ))
}

/// A year in digits, or in words ("nineteen ninety-six", "two thousand and one").
fn year_number(captures: &Captures) -> Option<i32> {
    if let Some(digits) = group(captures, "year") {
        return digits.parse().ok();
    }
    let tens = group(captures, "tens")
        .or_else(|| group(captures, "units"))
        .map_or(Some(0.0), |words| {
            let mut total = 0.0;
            for part in normalize_words(words).split(['-', ' ']) {
                if part == "hundred" {
                    return Some(0.0);
                }
                total += f64::from((*WORDS.numbers.get(part)?)?);
            }
            Some(total)
        })? as i32;
    if group(captures, "thousands").is_some() {
        return Some(2000 + tens);
    }
    let hundreds = match group(captures, "hundreds")?.to_ascii_lowercase().as_str() {
        "eighteen" => 1800,
        _ => 1900,
    };
    Some(hundreds + tens)
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn years() {
        check_table(&[
            Case {
                dct: "1998-02-27",
                text: "It happened in nineteen ninety-six, not in the year two thousand.",
                expected: &[
                    ("nineteen ninety-six", "DATE", "1996", Written),
                    ("the year two thousand", "DATE", "2000", Written),
                ],
            },
            Case {
                dct: "1998-02-27",
                text: "Prices fell in January nineteen ninety-seven, as in the winter of nineteen ninety-four.",
                expected: &[
                    ("January nineteen ninety-seven", "DATE", "1997-01", Written),
                    (
                        "the winter of nineteen ninety-four",
                        "DATE",
                        "1994-WI",
                        Written,
                    ),
                ],
            },
            Case {
                dct: "1989-11-02",
                text: "Sales were above fiscal 1989 sales.",
                expected: &[("fiscal 1989", "DATE", "1989", Written)],
            },
            // Amounts and quantities are not years.
            Case {
                dct: "1989-11-02",
                text: "It cost $2000, up 1990%, and 1990 shares changed hands.",
                expected: &[],
            },
            // Nor is a year without a publication date anything but written.
            Case {
                dct: "",
                text: "It happened in 1995.",
                expected: &[("1995", "DATE", "1995", Written)],
            },
        ]);
    }
}
