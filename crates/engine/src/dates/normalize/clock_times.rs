//! Clock times: "10:43 IST", "3 p.m.", "noon", "10 p.m. Thursday", "5 p.m. EST Nov. 9".
//!
//! A clock time is on the date or weekday written with it (`calendar_dates`, `weekdays`),
//! else on the day the narrative last named, else on the publication date. It must not know
//! other kinds.


use super::anchors::Anchors;
use super::calendar_dates::calendar_date;
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::shifting::day_granule;
use super::weekdays::weekday_day;
use super::wording::describe_day;
use crate::dates::calendar::Granule;
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{TimeOfDay, TimexValue, UnknownUnit, Unplaced};
use crate::dates::{Basis, TimexType};
use crate::lexicon::weekday_number;

pub fn clock_time(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let (hour, minute) = if let Some(noon) = group(captures, "noon") {
        if noon.eq_ignore_ascii_case("noon") || noon.eq_ignore_ascii_case("midday") {
            (12, 0)
        } else {
            (24, 0)
        }
    } else {
        let mut hour: i32 = group(captures, "hour")?.parse().ok()?;
        let minute: i32 = group(captures, "minute").map_or(Some(0), |m| m.parse().ok())?;
        if let Some(ampm) = group(captures, "ampm") {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let afternoon = ampm.to_ascii_lowercase().starts_with('p');
            if afternoon && hour < 12 {
                hour += 12;
            } else if !afternoon && hour == 12 {
                hour = 0;
            }
        } else if hour > 24 {
            return None;
        }
        (hour, minute)
    };
    // The patterns allow two digits at most for each.
    let clock = TimeOfDay::Clock {
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
    };
    if captures.name("month").is_some() {
        // "5 p.m. EST Nov. 9": the clock time on that date.
        let date = calendar_date(captures, anchors)?;
        let value = match date.granule {
            Some(granule) => TimexValue::on_day(granule, clock),
            None => date.value.clone().at(clock),
        };
        return Some(Normalized {
            timex_type: TimexType::Time,
            value,
            clock: written_clock(captures, "month"),
            ..date
        });
    }
    if let Some(weekday_word) = group(captures, "weekday") {
        let named = weekday_number(weekday_word)?;
        let normalized = match weekday_day(i32::from(named), captures, anchors) {
            // The day is named as "Wednesday" alone is: a relative date the writer can make
            // explicit, and the day later expressions count from.
            Some(chosen) => Normalized {
                doubt: chosen.doubt,
                reason: chosen.reason,
                granule: Some(day_granule(chosen.day)),
                clock: written_clock(captures, "weekday"),
                ..Normalized::new(
                    TimexType::Time,
                    TimexValue::on_day(day_granule(chosen.day), clock),
                    chosen.basis,
                )
            },
            None => Normalized {
                timex_type: TimexType::Time,
                value: TimexValue::unresolved(Unplaced::Weekday(named as u8), Some(clock)),
                ..Normalized::unresolved(Unplaced::Weekday(named as u8), NO_PUBLICATION_DATE)
            },
        };
        return Some(normalized);
    }
    // A bare clock time ("at 10 p.m.") is on the day the narrative last named, as TimeML
    // anchors it to the reference time; without such a day, on the publication date.
    let named_day = anchors
        .previous_in_sentence
        .or(anchors.previous_in_article)
        .filter(|granule| matches!(granule, Granule::Day { .. }));
    if let (Some(day), Some(_)) = (named_day, anchors.publication_day) {
        let mut normalized = Normalized::new(
            TimexType::Time,
            TimexValue::on_day(day, clock),
            Basis::OtherDate,
        );
        normalized.reason = format!("a time on the day last named ({})", day.value());
        return Some(normalized);
    }
    Some(match anchors.publication_day {
        Some(days) => {
            let mut normalized = Normalized::new(
                TimexType::Time,
                TimexValue::on_day(day_granule(days), clock),
                Basis::CountedFromPublication,
            );
            normalized.reason = format!("a time on the publication date ({})", describe_day(days));
            normalized
        }
        None => Normalized {
            timex_type: TimexType::Time,
            value: TimexValue::unresolved(Unplaced::Unknown(UnknownUnit::Day), Some(clock)),
            ..Normalized::unresolved(Unplaced::Unknown(UnknownUnit::Day), NO_PUBLICATION_DATE)
        },
    })
}

/// The clock time as written before its day ("5 p.m. EST" of "5 p.m. EST, on Nov. 9"): the
/// wording of the day keeps it.
fn written_clock(captures: &Captures, day_group: &str) -> Option<String> {
    let whole = captures.get(0)?;
    let day = captures.name(day_group)?;
    let before = whole.as_str().get(..day.start().checked_sub(whole.start())?)?;
    let mut words: Vec<&str> = before
        .split_whitespace()
        .map(|word| word.trim_end_matches(','))
        .filter(|word| !word.is_empty())
        .collect();
    if words.last().is_some_and(|word| word.eq_ignore_ascii_case("on")) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn clock_times() {
        check_table(&[
            Case {
                dct: "2021-12-29",
                text: "It was announced at 10:43 IST and again at 3 p.m. this morning.",
                expected: &[
                    (
                        "10:43 IST",
                        "TIME",
                        "2021-12-29T10:43",
                        CountedFromPublication,
                    ),
                    ("3 p.m.", "TIME", "2021-12-29T15:00", CountedFromPublication),
                    (
                        "this morning",
                        "TIME",
                        "2021-12-29TMO",
                        CountedFromPublication,
                    ),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "Polls will close at 10 p.m. Thursday.",
                expected: &[(
                    "10 p.m. Thursday",
                    "TIME",
                    "2021-12-30T22:00",
                    WeekdayNearPublication,
                )],
            },
            Case {
                dct: "1999-10-08",
                text: "He was to appear before a judge at midday.",
                expected: &[("midday", "TIME", "1999-10-08T12:00", CountedFromPublication)],
            },
            // A bare clock time is on the day last named.
            Case {
                dct: "1999-04-19",
                text: "The doctor was shot on Oct. 23, 1998. The call came at 10 p.m.",
                expected: &[
                    ("Oct. 23, 1998", "DATE", "1998-10-23", Written),
                    ("10 p.m.", "TIME", "1998-10-23T22:00", OtherDate),
                ],
            },
            Case {
                dct: "1999-04-19",
                text: "The call came at 10 p.m.",
                expected: &[(
                    "10 p.m.",
                    "TIME",
                    "1999-04-19T22:00",
                    CountedFromPublication,
                )],
            },
            Case {
                dct: "1999-04-19",
                text: "Trading halted at 5 p.m. EST Nov. 9, 1998.",
                expected: &[(
                    "5 p.m. EST Nov. 9, 1998",
                    "TIME",
                    "1998-11-09T17:00",
                    Written,
                )],
            },
            Case {
                dct: "",
                text: "Polls close at 10 p.m. Thursday and at noon.",
                expected: &[
                    ("10 p.m. Thursday", "TIME", "XXXX-WXX-4T22:00", Unresolved),
                    ("noon", "TIME", "XXXX-XX-XXT12:00", Unresolved),
                ],
            },
        ]);
    }
}
