//! Calendar arithmetic on plain integers and the calendar units TIMEX3 values name.
//!
//! Total functions only: no clock, no failure; out-of-range input is clamped or rejected by
//! the callers before it gets here (`is_valid_date`). Month and weekday names come from the
//! lexicon's data files, the one list of them.

use crate::lexicon::{month_name, weekday_name};
use crate::strings::{joined, push_number};

/// A calendar unit with a known year: what a DATE value points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granule {
    Day { year: i32, month: i32, day: i32 },
    Week { year: i32, week: i32 },
    Weekend { year: i32, week: i32 },
    Month { year: i32, month: i32 },
    Quarter { year: i32, quarter: i32 },
    Half { year: i32, half: i32 },
    Season { year: i32, season: &'static str },
    Year { year: i32 },
    Decade { decade: i32 },
    Century { century: i32 },
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn is_valid_date(year: i32, month: i32, day: i32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's algorithm.
pub fn day_number(year: i32, month: i32, day: i32) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of `day_number`.
pub fn civil(days: i64) -> (i32, i32, i32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as i32, month as i32, day as i32)
}

/// ISO weekday of a day number, Monday = 1.
pub fn weekday(days: i64) -> i32 {
    // 1970-01-01 was a Thursday.
    ((days + 3).rem_euclid(7) + 1) as i32
}

/// ISO week-numbering year and week of a day number.
pub fn iso_week(days: i64) -> (i32, i32) {
    let thursday = days - i64::from(weekday(days)) + 4;
    let (year, _, _) = civil(thursday);
    let week = (thursday - day_number(year, 1, 1)) / 7 + 1;
    (year, week as i32)
}

/// The Monday of an ISO week.
pub fn iso_week_monday(year: i32, week: i32) -> i64 {
    let january_4 = day_number(year, 1, 4);
    january_4 - i64::from(weekday(january_4)) + 1 + 7 * i64::from(week - 1)
}

/// Adds months to a (year, month) pair.
pub fn add_months(year: i32, month: i32, months: i32) -> (i32, i32) {
    let index = year * 12 + (month - 1) + months;
    (index.div_euclid(12), index.rem_euclid(12) + 1)
}

pub fn quarter_of(month: i32) -> i32 {
    (month - 1) / 3 + 1
}

impl Granule {
    /// First and last day (day numbers, inclusive) of the granule.
    pub fn bounds(self) -> (i64, i64) {
        match self {
            Granule::Day { year, month, day } => {
                let day = day_number(year, month, day);
                (day, day)
            }
            Granule::Week { year, week } => {
                let monday = iso_week_monday(year, week);
                (monday, monday + 6)
            }
            Granule::Weekend { year, week } => {
                let monday = iso_week_monday(year, week);
                (monday + 5, monday + 6)
            }
            Granule::Month { year, month } => (
                day_number(year, month, 1),
                day_number(year, month, days_in_month(year, month)),
            ),
            Granule::Quarter { year, quarter } => {
                let first = (quarter - 1) * 3 + 1;
                (
                    day_number(year, first, 1),
                    day_number(year, first + 2, days_in_month(year, first + 2)),
                )
            }
            Granule::Half { year, half } => {
                let first = (half - 1) * 6 + 1;
                (
                    day_number(year, first, 1),
                    day_number(year, first + 5, days_in_month(year, first + 5)),
                )
            }
            Granule::Season { year, season } => {
                let (first, last_year, last) = match season {
                    "SP" => (3, year, 5),
                    "SU" => (6, year, 8),
                    "FA" => (9, year, 11),
                    _ => (12, year + 1, 2),
                };
                (
                    day_number(year, first, 1),
                    day_number(last_year, last, days_in_month(last_year, last)),
                )
            }
            Granule::Year { year } => (day_number(year, 1, 1), day_number(year, 12, 31)),
            Granule::Decade { decade } => (
                day_number(decade * 10, 1, 1),
                day_number(decade * 10 + 9, 12, 31),
            ),
            Granule::Century { century } => (
                day_number(century * 100, 1, 1),
                day_number(century * 100 + 99, 12, 31),
            ),
        }
    }

    /// Days from `day` to the granule: 0 inside it, negative when the granule lies before.
    pub fn offset_from(self, day: i64) -> i64 {
        let (first, last) = self.bounds();
        if last < day {
            last - day
        } else if first > day {
            first - day
        } else {
            0
        }
    }

    /// The same kind of granule with the year moved.
    pub fn with_year(self, new_year: i32) -> Granule {
        match self {
            Granule::Day { month, day, .. } => Granule::Day {
                year: new_year,
                month,
                day: day.min(days_in_month(new_year, month)),
            },
            Granule::Month { month, .. } => Granule::Month {
                year: new_year,
                month,
            },
            Granule::Quarter { quarter, .. } => Granule::Quarter {
                year: new_year,
                quarter,
            },
            Granule::Half { half, .. } => Granule::Half {
                year: new_year,
                half,
            },
            Granule::Season { season, .. } => Granule::Season {
                year: new_year,
                season,
            },
            Granule::Week { week, .. } => Granule::Week {
                year: new_year,
                week,
            },
            Granule::Weekend { week, .. } => Granule::Weekend {
                year: new_year,
                week,
            },
            Granule::Year { .. } => Granule::Year { year: new_year },
            other => other,
        }
    }

    pub fn year(self) -> Option<i32> {
        match self {
            Granule::Day { year, .. }
            | Granule::Week { year, .. }
            | Granule::Weekend { year, .. }
            | Granule::Month { year, .. }
            | Granule::Quarter { year, .. }
            | Granule::Half { year, .. }
            | Granule::Season { year, .. }
            | Granule::Year { year } => Some(year),
            Granule::Decade { .. } | Granule::Century { .. } => None,
        }
    }

    /// The TIMEX3 value: "2021-12-28", "2021-W49", "2021-Q3", "2021-SU", "199", "19".
    pub fn value(self) -> String {
        match self {
            Granule::Day { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            Granule::Week { year, week } => format!("{year:04}-W{week:02}"),
            Granule::Weekend { year, week } => format!("{year:04}-W{week:02}-WE"),
            Granule::Month { year, month } => format!("{year:04}-{month:02}"),
            Granule::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Granule::Half { year, half } => format!("{year:04}-H{half}"),
            Granule::Season { year, season } => format!("{year:04}-{season}"),
            Granule::Year { year } => format!("{year:04}"),
            Granule::Decade { decade } => format!("{decade:03}"),
            Granule::Century { century } => format!("{century:02}"),
        }
    }

    /// The granule in words, as an explicit replacement: "Tuesday, 28 December 2021",
    /// "November 2021", "the week of 6 December 2021".
    pub fn describe(self) -> String {
        match self {
            // The commonest description, built by hand (`strings`).
            Granule::Day { year, month, day } => {
                let mut out = joined(&[weekday_name(weekday(day_number(year, month, day))), ", "]);
                push_number(&mut out, i64::from(day));
                out.push(' ');
                out.push_str(month_name(month));
                out.push(' ');
                push_number(&mut out, i64::from(year));
                out
            }
            Granule::Week { year, week } => {
                let (y, m, d) = civil(iso_week_monday(year, week));
                format!("the week of {d} {} {y}", month_name(m))
            }
            Granule::Weekend { year, week } => {
                let (y, m, d) = civil(iso_week_monday(year, week) + 5);
                format!("the weekend of {d} {} {y}", month_name(m))
            }
            Granule::Month { year, month } => format!("{} {year}", month_name(month)),
            Granule::Quarter { year, quarter } => {
                format!("the {} quarter of {year}", ordinal_word(quarter))
            }
            Granule::Half { year, half } => format!("the {} half of {year}", ordinal_word(half)),
            Granule::Season { year, season } => {
                let name = match season {
                    "SP" => "spring",
                    "SU" => "summer",
                    "FA" => "autumn",
                    _ => "winter",
                };
                format!("{name} {year}")
            }
            Granule::Year { year } => year.to_string(),
            Granule::Decade { decade } => format!("the {}s", decade * 10),
            Granule::Century { century } => format!("the {}00s", century),
        }
    }
}

fn ordinal_word(number: i32) -> &'static str {
    match number {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => "fourth",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_weekdays() {
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (2021, 12, 28), (1600, 3, 1)] {
            assert_eq!(civil(day_number(year, month, day)), (year, month, day));
        }
        assert_eq!(
            weekday(day_number(2021, 12, 8)),
            3,
            "8 December 2021 was a Wednesday"
        );
        assert_eq!(weekday(day_number(2021, 12, 6)), 1);
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week(day_number(2021, 12, 8)), (2021, 49));
        assert_eq!(iso_week(day_number(2021, 1, 1)), (2020, 53));
        assert_eq!(civil(iso_week_monday(2021, 49)), (2021, 12, 6));
    }

    #[test]
    fn values_and_descriptions() {
        let day = Granule::Day {
            year: 2021,
            month: 12,
            day: 28,
        };
        assert_eq!(day.value(), "2021-12-28");
        assert_eq!(day.describe(), "Tuesday, 28 December 2021");
        assert_eq!(Granule::Decade { decade: 199 }.value(), "199");
        assert_eq!(
            Granule::Quarter {
                year: 2021,
                quarter: 3
            }
            .value(),
            "2021-Q3"
        );
        assert_eq!(add_months(2021, 12, 1), (2022, 1));
        assert_eq!(add_months(2021, 1, -1), (2020, 12));
    }
}
