//! Holidays of `holidays.txt`: "Christmas", "Thanksgiving Day", "last Christmas", "New Year's
//! Eve", "Election Day", and the weeks named after them ("Christmas week").
//!
//! The day of the holiday in the year near publication the tense points to (`year_choice`),
//! or the nearest one strictly after or before publication for "next" and "last". It must not
//! know other kinds.


use super::anchors::Anchors;
use super::groups::{capitalized, relative};
use super::normalized::{NO_PUBLICATION_DATE, Normalized};
use super::shifting::day_granule;
use super::wording::describe_day;
use super::year_choice::choose_year;
use crate::dates::Basis;
use crate::dates::calendar::{self, Granule, civil, day_number, weekday};
use crate::dates::grammar::{Captures, group};
use crate::dates::value::{UnknownUnit, Unplaced, Yearless};
use crate::dates::words::{WORDS, normalize_words};

/// The day of a holiday in a given year, from its rule in `holidays.txt`.
fn holiday_day(rule: &str, year: i32) -> Option<Granule> {
    if let Some(after) = rule.strip_prefix("easter ") {
        let after: i64 = after.trim().parse().ok()?;
        return Some(day_granule(easter_sunday(year) + after));
    }
    let fields: Vec<i32> = rule
        // "12-25" is a month and day; "05 1 -1" numbers with a sign.
        .split(if rule.contains(' ') { ' ' } else { '-' })
        .filter_map(|field| field.parse().ok())
        .collect();
    match fields[..] {
        [month, day] => {
            calendar::is_valid_date(year, month, day).then_some(Granule::Day { year, month, day })
        }
        // The last such weekday of the month: Memorial Day is the last Monday of May.
        [month, named_weekday, rank] if rank < 0 => {
            let last = day_number(year, month, calendar::days_in_month(year, month));
            let back = i64::from((weekday(last) - named_weekday).rem_euclid(7));
            Some(day_granule(last - back - 7 * i64::from(-rank - 1)))
        }
        [month, named_weekday, rank] => {
            let first = day_number(year, month, 1);
            let to_weekday = i64::from((named_weekday - weekday(first)).rem_euclid(7));
            Some(day_granule(first + to_weekday + 7 * i64::from(rank - 1)))
        }
        // Some days after that weekday: US Election Day is the Tuesday after the first Monday.
        [month, named_weekday, rank, after] => {
            let first = day_number(year, month, 1);
            let to_weekday = i64::from((named_weekday - weekday(first)).rem_euclid(7));
            Some(day_granule(
                first + to_weekday + 7 * i64::from(rank - 1) + i64::from(after),
            ))
        }
        _ => None,
    }
}

/// The day number of Easter Sunday in a Gregorian year (the anonymous Gregorian computus of
/// Meeus, Jones and Butcher).
fn easter_sunday(year: i32) -> i64 {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    day_number(year, month, day)
}

pub fn holiday(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let name = group(captures, "holiday")?;
    if !capitalized(name) {
        return None;
    }
    let key = normalize_words(&name.replace('’', "'"));
    let rule = *WORDS.holidays.get(key.as_str())?;
    let Some(publication_day) = anchors.publication_day else {
        let date = match holiday_day(rule, 2000)? {
            Granule::Day { month, day, .. } if !rule.contains(' ') => {
                Unplaced::Yearless(Yearless::Day { month, day })
            }
            _ => Unplaced::Unknown(UnknownUnit::Day),
        };
        return Some(Normalized::unresolved(date, NO_PUBLICATION_DATE));
    };
    // "next Christmas", "last Thanksgiving": the nearest one strictly after or before publication.
    if let Some((word, relative)) =
        relative(captures).filter(|(_, relative)| relative.direction() != 0)
    {
        let (publication_year, _, _) = civil(publication_day);
        let granule = (-1..=1)
            .filter_map(|delta| holiday_day(rule, publication_year + delta))
            .map(|granule| (granule.offset_from(publication_day), granule))
            .filter(|(from, _)| from.signum() == i64::from(relative.direction()))
            .min_by_key(|(from, _)| from.abs())
            .map(|(_, granule)| granule)?;
        return Some(Normalized::granule(
            in_its_week(granule, captures),
            Basis::CountedFromPublication,
            format!(
                "\"{word} {name}\", counted from the publication date ({})",
                describe_day(publication_day)
            ),
        ));
    }
    let tense = anchors.tense;
    let (granule, reason, doubt) =
        choose_year(|year| holiday_day(rule, year), publication_day, tense)?;
    Some(Normalized {
        doubt,
        ..Normalized::granule(
            in_its_week(granule, captures),
            Basis::YearInferred,
            format!("{name}: {reason}"),
        )
    })
}

/// "Christmas week", "Easter week": the ISO week that holds the holiday (for Easter, the
/// week that ends on its Sunday); the holiday's day otherwise.
fn in_its_week(granule: Granule, captures: &Captures) -> Granule {
    match granule {
        Granule::Day { year, month, day } if group(captures, "week").is_some() => {
            let (year, week) = calendar::iso_week(day_number(year, month, day));
            Granule::Week { year, week }
        }
        _ => granule,
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::Basis::*;
    use crate::dates::test_support::{Case, check_table};

    #[test]
    fn holidays() {
        check_table(&[
            Case {
                dct: "1999-11-20",
                text: "Stores will open on Thanksgiving Day; they closed last Christmas.",
                expected: &[
                    ("Thanksgiving Day", "DATE", "1999-11-25", YearInferred),
                    (
                        "last Christmas",
                        "DATE",
                        "1998-12-25",
                        CountedFromPublication,
                    ),
                ],
            },
            // US Election Day: the Tuesday after the first Monday of November (8 November in
            // 2016, when 1 November was a Tuesday).
            Case {
                dct: "1998-10-26",
                text: "It will be the theme of the campaign up to Election Day.",
                expected: &[("Election Day", "DATE", "1998-11-03", YearInferred)],
            },
            Case {
                dct: "2016-10-26",
                text: "Voters go to the polls on Election Day.",
                expected: &[("Election Day", "DATE", "2016-11-08", YearInferred)],
            },
            // Movable feasts: Easter by the Gregorian computus (23 April in 2000, 4 April in
            // 1999), Memorial Day the last Monday of May (29 May 2000, 31 May 1999).
            Case {
                dct: "2000-04-17",
                text: "Protesters will march on Easter Sunday, and the pool opens on Memorial Day.",
                expected: &[
                    ("Easter Sunday", "DATE", "2000-04-23", YearInferred),
                    ("Memorial Day", "DATE", "2000-05-29", YearInferred),
                ],
            },
            Case {
                dct: "1999-06-10",
                text: "He left after Easter and came back on Memorial Day.",
                expected: &[
                    ("Easter", "DATE", "1999-04-04", YearInferred),
                    ("Memorial Day", "DATE", "1999-05-31", YearInferred),
                ],
            },
            // An island is a place; Easter week is the week that ends on Easter Sunday (23
            // April 2000), Christmas week the one that holds 25 December.
            Case {
                dct: "2000-04-17",
                text: "Tourists flew to Easter Island as Easter week began.",
                expected: &[("Easter week", "DATE", "2000-W16", YearInferred)],
            },
            Case {
                dct: "2021-12-13",
                text: "Shops expect crowds in Christmas week.",
                expected: &[("Christmas week", "DATE", "2021-W51", YearInferred)],
            },
            Case {
                dct: "",
                text: "Stores open on Christmas Eve and Thanksgiving.",
                expected: &[
                    ("Christmas Eve", "DATE", "XXXX-12-24", Unresolved),
                    ("Thanksgiving", "DATE", "XXXX-XX-XX", Unresolved),
                ],
            },
        ]);
    }
}
