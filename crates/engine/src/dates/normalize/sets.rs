//! Recurring times: "every day", "each month", "every other week", "every Tuesday", "each
//! July", "annually".
//!
//! Everything is written; a set is never placed on the calendar. It must not know other kinds.


use super::groups::{capitalized, number, unit};
use super::lengths::duration_value;
use super::normalized::Normalized;
use crate::dates::grammar::{Captures, group};
use crate::dates::value::TimexValue;
use crate::dates::words::WORDS;
use crate::dates::{Basis, TimexType};
use crate::lexicon::{month_number, weekday_number};

pub fn set(captures: &Captures) -> Option<Normalized> {
    let value = if let Some(adverb) = group(captures, "adverb") {
        WORDS
            .set_adverbs
            .get(adverb.to_ascii_lowercase().as_str())?
            .to_string()
    } else if let Some(weekday_word) = group(captures, "weekday") {
        format!("XXXX-WXX-{}", weekday_number(weekday_word)?)
    } else if let Some(month_word) = group(captures, "month") {
        // "each July": that month of every year ("each may" is the verb).
        if !capitalized(month_word) {
            return None;
        }
        format!("XXXX-{:02}", month_number(month_word)?)
    } else {
        let unit = unit(captures)?;
        let mut count = number(captures).unwrap_or(Some(1.0));
        if captures
            .get(0)?
            .as_str()
            .to_ascii_lowercase()
            .contains("other")
        {
            count = count.map(|count| count * 2.0);
        }
        duration_value(count, unit)
    };
    let mut normalized = Normalized::new(
        TimexType::Set,
        TimexValue::Set(value.into()),
        Basis::Written,
    );
    normalized.reason = "a recurring time".into();
    Some(normalized)
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn sets() {
        check_table(&[
            Case {
                dct: "2021-12-13",
                text: "They meet every day, each month, annually and every Tuesday.",
                expected: &[
                    ("every day", "SET", "P1D", Written),
                    ("each month", "SET", "P1M", Written),
                    ("annually", "SET", "P1Y", Written),
                    ("every Tuesday", "SET", "XXXX-WXX-2", Written),
                ],
            },
            Case {
                dct: "1998-03-22",
                text: "Protesters march each July and meet every other week, nightly.",
                expected: &[
                    ("each July", "SET", "XXXX-07", Written),
                    ("every other week", "SET", "P2W", Written),
                    ("nightly", "SET", "P1D", Written),
                ],
            },
        ]);
    }
}
