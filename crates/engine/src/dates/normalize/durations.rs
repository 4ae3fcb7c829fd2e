//! Lengths of time: "two hours", "the past three years", "a decade", "the first nine months",
//! "2 1/2 years", "a five-year low", "for years".
//!
//! Everything is written; nothing is placed on the calendar. Fractions ("a half"), ordinals
//! ("a second term") and years naming a period ("the 1988 quarter") are not lengths. It must
//! not know other kinds.

use crate::dates::grammar::Captures;

use super::groups::{hedge, number, unit};
use super::lengths::{duration_value, looks_like_year};
use super::normalized::Normalized;
use crate::dates::value::TimexValue;
use crate::dates::words::normalize_words;
use crate::dates::{Basis, TimexType};

pub fn duration(captures: &Captures) -> Option<Normalized> {
    let unit = unit(captures)?;
    // "a half", "three-quarters": fractions, not lengths of time.
    let whole = captures.get(0)?.as_str().to_ascii_lowercase();
    if unit.code == "H" || whole.contains("-quarters") {
        return None;
    }
    // "a second term", "a second group": the ordinal (another), far more common in news
    // than a length of one second.
    if unit.code == "TS" && normalize_words(&whole) == "a second" {
        return None;
    }
    let count = number(captures).unwrap_or(None);
    // "the 1988 quarter": a year naming a period, not 1988 quarters.
    if count.is_some_and(looks_like_year) && !whole.contains('-') && !whole.ends_with('s') {
        return None;
    }
    let mut normalized = Normalized::new(
        TimexType::Duration,
        TimexValue::Duration(duration_value(count, unit).into()),
        Basis::Written,
    );
    normalized.modifier = hedge(captures);
    normalized.reason = "a length of time".into();
    normalized.length = Some((count, unit));
    Some(normalized)
}

/// A stretch of several months that is not a quarter nor a year ("the nine months"), as
/// business reports compare them with the same months of the year before.
pub fn is_months_stretch(normalized: &Normalized) -> bool {
    matches!(
        normalized.length,
        Some((Some(count), unit))
            if unit.code == "M" && count.fract() == 0.0 && count > 3.0 && count < 12.0
    )
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn durations() {
        check_table(&[
            Case {
                dct: "2021-12-13",
                text: "The talks lasted two hours after the past three years of work, a decade in all.",
                expected: &[
                    ("two hours", "DURATION", "PT2H", Written),
                    ("the past three years", "DURATION", "P3Y", Written),
                    ("a decade", "DURATION", "P10Y", Written),
                ],
            },
            Case {
                dct: "2021-12-13",
                text: "Stocks hit a five-year low after 2 1/2 years and a minute and a half.",
                expected: &[
                    ("five-year", "DURATION", "P5Y", Written),
                    ("2 1/2 years", "DURATION", "P2Y6M", Written),
                    ("a minute and a half", "DURATION", "PT1M30S", Written),
                ],
            },
            // "A second" is the ordinal; "one second" a length of time.
            Case {
                dct: "2021-12-13",
                text: "A second group waited one second.",
                expected: &[("one second", "DURATION", "PT1S", Written)],
            },
            // Ages and rates are not durations.
            Case {
                dct: "2021-12-13",
                text: "A 9-year-old boy paid $2 million a year.",
                expected: &[],
            },
            Case {
                dct: "1989-10-30",
                text: "Profit fell in the past two quarters.",
                expected: &[("the past two quarters", "DURATION", "P2Q", Written)],
            },
            Case {
                dct: "1989-10-30",
                text: "Eight trading days later the index was down.",
                expected: &[("Eight trading days", "DURATION", "P8D", Written)],
            },
            Case {
                dct: "1989-10-30",
                text: "Prices have risen for years.",
                expected: &[("years", "DURATION", "PXY", Written)],
            },
        ]);
    }
}
