//! Fixed references of `references.txt`: days counted from publication ("today", "yesterday",
//! "tonight", "the day after tomorrow") and vague times ("now", "recently", "the near future",
//! "recent months").
//!
//! The words decide everything (see `words::Reference`). It must not know other kinds.


use super::anchors::Anchors;
use super::groups::modifier;
use super::normalized::Normalized;
use super::parts_of_day::day_relative;
use crate::dates::Basis;
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{TimeReference, TimexValue};
use crate::dates::words::{Reference, WORDS, normalize_words};

pub fn reference(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let phrase = normalize_words(group(captures, "reference")?);
    let reference = WORDS.references.get(phrase.as_str())?;
    let modifier = modifier(captures);
    let normalized = match reference {
        Reference::Day {
            offset,
            part_of_day,
        } => day_relative(*offset, *part_of_day, anchors),
        Reference::Fixed { timex_type, value } => {
            let mut normalized = Normalized::new(*timex_type, value.clone(), Basis::Vague);
            normalized.reason = match value {
                TimexValue::Reference(TimeReference::Present) => "the present, as of publication",
                TimexValue::Reference(TimeReference::Past) => {
                    "an unspecified time before publication"
                }
                TimexValue::Reference(TimeReference::Future) => {
                    "an unspecified time after publication"
                }
                _ => "an unspecified stretch of time up to publication",
            }
            .into();
            normalized
        }
    };
    Some(normalized.with_modifier(modifier))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn fixed_references() {
        check_table(&[
            Case {
                dct: "2021-12-29",
                text: "Today he said that yesterday was calm, tomorrow will not be, and now it is tense.",
                expected: &[
                    ("Today", "DATE", "2021-12-29", CountedFromPublication),
                    ("yesterday", "DATE", "2021-12-28", CountedFromPublication),
                    ("tomorrow", "DATE", "2021-12-30", CountedFromPublication),
                    ("now", "DATE", "PRESENT_REF", Vague),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "Prices rose recently, as they did in the past, and last night.",
                expected: &[
                    ("recently", "DATE", "PAST_REF", Vague),
                    ("the past", "DATE", "PAST_REF", Vague),
                    (
                        "last night",
                        "TIME",
                        "2021-12-28TNI",
                        CountedFromPublication,
                    ),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "Sales fell in recent months.",
                expected: &[("recent months", "DURATION", "PXM", Vague)],
            },
            Case {
                dct: "1989-10-30",
                text: "In recent years prices rose; in the coming weeks and in the near term they may fall.",
                expected: &[
                    ("recent years", "DATE", "PAST_REF", Vague),
                    ("coming weeks", "DURATION", "PXW", Vague),
                    ("the near term", "DATE", "FUTURE_REF", Vague),
                ],
            },
            Case {
                dct: "1989-10-30",
                text: "Funds may sell in the weeks ahead.",
                expected: &[("the weeks ahead", "DURATION", "PXW", Vague)],
            },
            Case {
                dct: "",
                text: "It rained yesterday and tonight.",
                expected: &[
                    ("yesterday", "DATE", "XXXX-XX-XX", Unresolved),
                    ("tonight", "TIME", "XXXX-XX-XXTNI", Unresolved),
                ],
            },
        ]);
    }
}
