//! Weekdays: "Tuesday", "next Tuesday", "the previous Friday", "Friday evening",
//! "Wednesday's ruling".
//!
//! The day is in the week before or after publication, by a relative word, a date the article
//! names, or the clause's tense; "previous" and "following" count from the day the article
//! last named. `weekday_day` also places the weekday of a clock time ("10 p.m. Thursday").
//! It must not know other kinds.


use super::anchors::Anchors;
use super::groups::{capitalized, relative};
use super::normalized::{NO_PUBLICATION_DATE, NO_PUBLICATION_YEAR, Normalized};
use super::shifting::day_granule;
use super::wording::{describe_day, tense_phrase};
use crate::dates::calendar::{Granule, day_number, weekday};
use crate::dates::context::Tense;
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{PartOfDay, TimeOfDay, Unplaced};
use crate::dates::words::WORDS;
use crate::dates::{Basis, TimexType};
use crate::lexicon::{weekday_name, weekday_number};

/// The day a weekday names and how it was chosen.
pub struct WeekdayDay {
    pub day: i64,
    pub basis: Basis,
    pub reason: String,
    pub doubt: Option<String>,
}

pub fn weekday_expression(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let weekday_word = group(captures, "weekday")?;
    if !capitalized(weekday_word) {
        return None;
    }
    let named = weekday_number(weekday_word)?;
    let part_of_day = group(captures, "pod")
        .and_then(|word| WORDS.parts_of_day.get(word.to_ascii_lowercase().as_str()))
        .copied();
    let Some(chosen) = weekday_day(i32::from(named), captures, anchors) else {
        let reason = if anchors.publication_month_day.is_some() {
            NO_PUBLICATION_YEAR
        } else {
            NO_PUBLICATION_DATE
        };
        let mut normalized = Normalized::unresolved(Unplaced::Weekday(named as u8), reason);
        normalized.part_of_day = part_of_day;
        return Some(normalized);
    };
    // A weekday with "morning" or "night" ("Friday night") is annotated in news corpora as the
    // day itself (TimeBank/TempEval-3 mostly give DATE with the plain day: the night is how
    // the day is told, often tagged apart), so that part of day is kept for the explanation
    // only. "Friday evening", "Friday afternoon" name a time of that day: TIME, 1989-10-27TEV.
    let mut normalized = Normalized::granule(day_granule(chosen.day), chosen.basis, chosen.reason);
    normalized.doubt = chosen.doubt;
    normalized.part_of_day = part_of_day;
    if let Some(part @ (PartOfDay::Evening | PartOfDay::Afternoon)) = part_of_day {
        normalized.timex_type = TimexType::Time;
        normalized.value = normalized.value.at(TimeOfDay::Part(part));
    }
    Some(normalized)
}

/// The day a weekday names: "next"/"last" count from publication; otherwise a day the article
/// names explicitly, else the tense of the clause chooses the one before or after publication.
/// `None` without a publication date.
pub fn weekday_day(named: i32, captures: &Captures, anchors: &Anchors) -> Option<WeekdayDay> {
    let publication_day = anchors.publication_day?;
    let publication_weekday = weekday(publication_day);
    let back = i64::from((publication_weekday - named).rem_euclid(7));
    let ahead = i64::from((named - publication_weekday).rem_euclid(7));
    let described = describe_day(publication_day);
    let name = weekday_name(named);
    // "Wednesday's ruling", "Friday's close": news names a reported event by its day, and an
    // event already reported on is past, whatever the tense of the clause around it.
    let possessive = group(captures, "possessive").is_some();
    let tense = if possessive {
        Tense::Past
    } else {
        anchors.tense.tense
    };
    let tense_note = if possessive {
        "a day named for an event already reported".to_string()
    } else {
        tense_phrase(anchors.tense)
    };
    let near_publication = |day, reason, doubt| WeekdayDay {
        day,
        basis: Basis::WeekdayNearPublication,
        reason,
        doubt,
    };
    // "the previous Friday", "the following Monday": counted from the day the narrative is
    // at (the day the article last named), not from publication.
    let narrative_day = anchors
        .previous_in_article
        .and_then(|granule| match granule {
            Granule::Day { year, month, day } => Some(day_number(year, month, day)),
            _ => None,
        });
    let resolved = match (relative(captures), narrative_day) {
        (Some((word, relative)), Some(from))
            if matches!(word.as_str(), "previous" | "prior" | "following") =>
        {
            let from_weekday = weekday(from);
            let day = if relative.direction() > 0 {
                from + i64::from((named - from_weekday - 1).rem_euclid(7) + 1)
            } else {
                from - i64::from((from_weekday - named - 1).rem_euclid(7) + 1)
            };
            WeekdayDay {
                day,
                basis: Basis::WeekdayNearOtherDate,
                reason: format!(
                    "\"{word} {name}\": counted from {}, the day the article last named",
                    describe_day(from)
                ),
                doubt: None,
            }
        }
        _ => match relative(captures) {
            Some((word, relative)) if relative.direction() > 0 => near_publication(
                publication_day + if ahead == 0 { 7 } else { ahead },
                format!("\"{word} {name}\": the first {name} after publication ({described})"),
                None,
            ),
            Some((word, relative)) if relative.direction() < 0 => near_publication(
                publication_day - if back == 0 { 7 } else { back },
                format!("\"{word} {name}\": the last {name} before publication ({described})"),
                None,
            ),
            _ => {
                // A date named in the article that falls on this weekday within a week of
                // publication is what the weekday refers to, when the clause's tense agrees or
                // the weekday is used as a name ("the Tuesday call" after "7 December").
                let definite = group(captures, "determiner").is_some();
                let named_day = anchors.named_days.iter().copied().find(|day| {
                    let agrees = match tense {
                        Tense::Past => *day <= publication_day,
                        Tense::Future => *day >= publication_day,
                        Tense::Present | Tense::Unknown => true,
                    };
                    weekday(*day) == named
                        && (day - publication_day).abs() <= 7
                        && (agrees || definite)
                });
                match named_day {
                    Some(day) => WeekdayDay {
                        day,
                        basis: Basis::WeekdayNearOtherDate,
                        reason: format!(
                            "the {name} named as {} elsewhere in the article",
                            describe_day(day)
                        ),
                        doubt: None,
                    },
                    None if tense == Tense::Future => near_publication(
                        publication_day + ahead,
                        format!(
                            "the {name} {} publication ({described}); {}",
                            if ahead == 0 { "of" } else { "after" },
                            tense_note
                        ),
                        None,
                    ),
                    // No tense at all ("Arafat meet separately Monday"): the nearer of the two,
                    // the one before on a tie.
                    None if tense == Tense::Unknown && ahead < back => near_publication(
                        publication_day + ahead,
                        format!(
                            "the {name} after publication ({described}), nearer than the one before; {tense_note}"
                        ),
                        Some(format!(
                            "no past or future tense decides between the {name} before and the {name} after publication ({described}); the nearer one, after, was taken"
                        )),
                    ),
                    None => {
                        let doubt = (tense != Tense::Past && back != 0).then(|| {
                            format!(
                                "no past or future tense decides between the {name} before and the {name} after publication ({described}); the one before was taken"
                            )
                        });
                        near_publication(
                            publication_day - back,
                            format!(
                                "the {name} {} publication ({described}); {}",
                                if back == 0 { "of" } else { "before" },
                                tense_note
                            ),
                            doubt,
                        )
                    }
                }
            }
        },
    };
    Some(resolved)
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn weekdays() {
        check_table(&[
            // Published on Wednesday 29 December 2021.
            Case {
                dct: "2021-12-29",
                text: "Biden on Tuesday acknowledged the possibility.",
                expected: &[("Tuesday", "DATE", "2021-12-28", WeekdayNearPublication)],
            },
            Case {
                dct: "2021-12-29",
                text: "Biden will travel on Friday.",
                expected: &[("Friday", "DATE", "2021-12-31", WeekdayNearPublication)],
            },
            Case {
                dct: "2021-12-29",
                text: "He said next Tuesday and last Friday.",
                expected: &[
                    ("next Tuesday", "DATE", "2022-01-04", WeekdayNearPublication),
                    ("last Friday", "DATE", "2021-12-24", WeekdayNearPublication),
                ],
            },
            Case {
                dct: "2021-12-29",
                text: "The summit opened Wednesday night.",
                expected: &[(
                    "Wednesday night",
                    "DATE",
                    "2021-12-29",
                    WeekdayNearPublication,
                )],
            },
            Case {
                dct: "2021-12-29",
                text: "Talks ended Monday morning.",
                expected: &[(
                    "Monday morning",
                    "DATE",
                    "2021-12-27",
                    WeekdayNearPublication,
                )],
            },
            // An evening or an afternoon of a weekday is a time; a night is the day.
            Case {
                dct: "1989-10-30",
                text: "The talks ended Friday evening.",
                expected: &[(
                    "Friday evening",
                    "TIME",
                    "1989-10-27TEV",
                    WeekdayNearPublication,
                )],
            },
            Case {
                dct: "1989-10-30",
                text: "The talks ended Friday night.",
                expected: &[("Friday night", "DATE", "1989-10-27", WeekdayNearPublication)],
            },
            // Published on Monday 6 December 2021; 7 December was a Tuesday.
            Case {
                dct: "2021-12-06",
                text: "Biden and Putin will talk on 7 December. The Tuesday call came after a summit.",
                expected: &[
                    ("7 December", "DATE", "2021-12-07", YearInferred),
                    ("Tuesday", "DATE", "2021-12-07", WeekdayNearOtherDate),
                ],
            },
            // Published on Monday 30 October 1989.
            Case {
                dct: "1989-10-30",
                text: "Stocks fell Friday, down 4.5% from the previous Friday.",
                expected: &[
                    ("Friday", "DATE", "1989-10-27", WeekdayNearPublication),
                    (
                        "previous Friday",
                        "DATE",
                        "1989-10-20",
                        WeekdayNearOtherDate,
                    ),
                ],
            },
            Case {
                dct: "2000-01-07",
                text: "They said they would look for ways to get around Wednesday's ruling.",
                expected: &[("Wednesday", "DATE", "2000-01-05", WeekdayNearPublication)],
            },
            Case {
                dct: "2000-03-30",
                text: "Officials postponed until Tuesday any action on the case.",
                expected: &[("Tuesday", "DATE", "2000-04-04", WeekdayNearPublication)],
            },
            // Published on Friday 1 May 1998: without tense, the nearer one (Monday is 3 days
            // ahead, 4 days back; Tuesday 4 ahead, 3 back).
            Case {
                dct: "1998-05-01",
                text: "Arafat and Netanyahu meet separately Monday with Albright.",
                expected: &[("Monday", "DATE", "1998-05-04", WeekdayNearPublication)],
            },
            Case {
                dct: "1998-05-01",
                text: "Arafat and Netanyahu meet separately Tuesday with Albright.",
                expected: &[("Tuesday", "DATE", "1998-04-28", WeekdayNearPublication)],
            },
            Case {
                dct: "",
                text: "Biden spoke on Tuesday evening.",
                expected: &[("Tuesday evening", "DATE", "XXXX-WXX-2", Unresolved)],
            },
        ]);
    }
}
