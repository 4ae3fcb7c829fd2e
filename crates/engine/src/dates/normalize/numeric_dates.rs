//! Numeric dates: "03/04/2021", "12.07.21", "7-12-2021".
//!
//! The day/month order follows the article's convention when the numbers allow both; a
//! two-digit year takes the century near publication. It must not know other kinds.


use super::anchors::Anchors;
use super::normalized::Normalized;
use super::year_choice::expand_two_digit_year;
use crate::dates::Basis;
use crate::dates::calendar::{self, Granule};
use crate::dates::grammar::{Captures, group};
use crate::lexicon::month_name;

pub fn numeric_date(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if group(captures, "sep")? != group(captures, "sep2")? {
        return None;
    }
    let first: i32 = group(captures, "first")?.parse().ok()?;
    let second: i32 = group(captures, "second")?.parse().ok()?;
    let year_text = group(captures, "yy")?;
    let mut doubts = Vec::new();
    let year = if year_text.len() == 2 {
        let year = expand_two_digit_year(year_text.parse().ok()?, anchors);
        doubts.push(format!(
            "the two-digit year '{year_text}' was read as {year}"
        ));
        year
    } else {
        year_text.parse().ok()?
    };
    let (month, day) = match (first <= 12, second <= 12) {
        (true, false) => (first, second),
        (false, true) => (second, first),
        (false, false) => return None,
        (true, true) if first == second => (first, second),
        (true, true) => {
            let day_first = anchors.day_first.unwrap_or(false);
            let (month, day) = if day_first {
                (second, first)
            } else {
                (first, second)
            };
            doubts.push(format!(
                "the day/month order cannot be decided: {first} {} or {second} {}; read {} (the {} order{})",
                month_name(second),
                month_name(first),
                if day_first { "day first" } else { "month first" },
                if day_first { "day-month" } else { "month-day" },
                if anchors.day_first.is_some() {
                    ", as in this article's other numeric dates"
                } else {
                    ", the US convention"
                }
            ));
            (month, day)
        }
    };
    if !calendar::is_valid_date(year, month, day) {
        return None;
    }
    let mut normalized = Normalized::granule(
        Granule::Day { year, month, day },
        Basis::Written,
        "numeric date".into(),
    );
    if !doubts.is_empty() {
        normalized.doubt = Some(doubts.join("; "));
    }
    Some(normalized)
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn numeric_dates() {
        check_table(&[
            Case {
                dct: "2021-12-29",
                text: "The order of 13/04/2021 replaced the one of 03/04/2021.",
                expected: &[
                    ("13/04/2021", "DATE", "2021-04-13", Written),
                    // The article writes day first elsewhere, so 03/04 is 3 April.
                    ("03/04/2021", "DATE", "2021-04-03", Written),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "The order is dated 12.07.21.",
                expected: &[("12.07.21", "DATE", "2021-12-07", Written)],
            },
            // Dates in words written day first decide too.
            Case {
                dct: "2021-12-29",
                text: "On 16 June the order of 03/04/2021 lapsed.",
                expected: &[
                    ("16 June", "DATE", "2021-06-16", YearInferred),
                    ("03/04/2021", "DATE", "2021-04-03", Written),
                ],
            },
            // Different separators and impossible days are not dates.
            Case {
                dct: "2021-12-29",
                text: "Codes 03/04.2021 and 31/31/2021 are not dates.",
                expected: &[],
            },
        ]);
    }
}
