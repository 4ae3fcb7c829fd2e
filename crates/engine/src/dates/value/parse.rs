//! Reading a TIMEX3 value someone typed (an annotator's decision in a sidecar) back into a
//! `TimexValue`.
//!
//! Only for values from outside the engine: normalization builds its values as data and never
//! comes through here. What it cannot read is kept as written, never an error; a value newsls
//! writes reads back as the value it was written from (tested below).

use super::unresolved::{UnknownUnit, Unplaced, Unresolved, Yearless};
use super::{PartOfDay, TimeOfDay, TimeReference, TimexValue};
use crate::dates::TimexType;
use crate::dates::calendar::{Granule, is_valid_date};

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl TimexValue {
    /// Reads a TIMEX3 value of a DATE or TIME (an annotator's decision, a sidecar); durations
    /// and sets are kept as written by `parse`. What it cannot place on the calendar is
    /// `Unresolved`, never an error.
    pub fn parse_date(value: &str) -> TimexValue {
        let value = value.trim();
        if let Some(reference) = TimeReference::from_code(value) {
            return TimexValue::Reference(reference);
        }
        let (date, time) = match value.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (value, None),
        };
        let time = time.map(parse_time_of_day);
        let written = || TimexValue::Unresolved(Unresolved::date(Unplaced::Written(value.into())));
        if let Some(granule) = parse_granule(date) {
            return match (granule, time) {
                (_, None) => TimexValue::Calendar(granule),
                (Granule::Day { .. }, Some(Some(time))) => TimexValue::Time { day: granule, time },
                _ => written(),
            };
        }
        match (parse_unplaced(date), time) {
            (Some(date), None) => TimexValue::Unresolved(Unresolved { date, time: None }),
            (Some(date), Some(Some(time))) => TimexValue::Unresolved(Unresolved {
                date,
                time: Some(time),
            }),
            _ => written(),
        }
    }

    /// The value of a TIMEX3 of the given type.
    pub fn parse(timex_type: TimexType, value: &str) -> TimexValue {
        match timex_type {
            TimexType::Duration => TimexValue::Duration(value.trim().into()),
            TimexType::Set => TimexValue::Set(value.trim().into()),
            TimexType::Date | TimexType::Time => TimexValue::parse_date(value),
        }
    }
}

fn number(text: &str, digits: usize) -> Option<i32> {
    (text.len() == digits && text.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// "2021-12-12", "2021-W49", "2021-W49-WE", "2021-12", "2021-Q3", "2021-H2", "2021-SU",
/// "2021", "199", "19".
fn parse_granule(text: &str) -> Option<Granule> {
    if let Some(decade) = number(text, 3) {
        return Some(Granule::Decade { decade });
    }
    if let Some(century) = number(text, 2) {
        return Some(Granule::Century { century });
    }
    let (year, rest) = text.split_at_checked(4)?;
    let year = number(year, 4)?;
    if rest.is_empty() {
        return Some(Granule::Year { year });
    }
    let rest = rest.strip_prefix('-')?;
    // Before weeks: "WI" is winter, not a week.
    let granule = if let Some(season) = SEASONS.into_iter().find(|season| rest == *season) {
        Granule::Season { year, season }
    } else if let Some(week) = rest.strip_prefix('W') {
        match week.split_once('-') {
            Some((week, "WE")) => Granule::Weekend {
                year,
                week: number(week, 2).filter(|week| (1..=53).contains(week))?,
            },
            None => Granule::Week {
                year,
                week: number(week, 2).filter(|week| (1..=53).contains(week))?,
            },
            Some(_) => return None,
        }
    } else if let Some(quarter) = rest.strip_prefix('Q') {
        Granule::Quarter {
            year,
            quarter: number(quarter, 1).filter(|quarter| (1..=4).contains(quarter))?,
        }
    } else if let Some(half) = rest.strip_prefix('H') {
        Granule::Half {
            year,
            half: number(half, 1).filter(|half| (1..=2).contains(half))?,
        }
    } else {
        match rest.split_once('-') {
            None => Granule::Month {
                year,
                month: number(rest, 2).filter(|month| (1..=12).contains(month))?,
            },
            Some((month, day)) => {
                let (month, day) = (number(month, 2)?, number(day, 2)?);
                if !is_valid_date(year, month, day) {
                    return None;
                }
                Granule::Day { year, month, day }
            }
        }
    };
    Some(granule)
}

/// "XXXX", "XXXX-XX-XX", "XXXX-WXX-2", "XXXX-12-25", "XXXX-06", "XXXX-Q3", "XXXX-H2", "XXXX-SU".
fn parse_unplaced(text: &str) -> Option<Unplaced> {
    if let Some(unit) = UnknownUnit::ALL
        .into_iter()
        .find(|unit| unit.code() == text)
    {
        return Some(Unplaced::Unknown(unit));
    }
    let rest = text.strip_prefix("XXXX-")?;
    let yearless = if let Some(season) = SEASONS.into_iter().find(|season| rest == *season) {
        Yearless::Season { season }
    } else if let Some(weekday) = rest.strip_prefix("WXX-") {
        let weekday = number(weekday, 1).filter(|weekday| (1..=7).contains(weekday))?;
        return Some(Unplaced::Weekday(weekday as u8));
    } else if let Some(quarter) = rest.strip_prefix('Q') {
        Yearless::Quarter {
            quarter: number(quarter, 1).filter(|quarter| (1..=4).contains(quarter))?,
        }
    } else if let Some(half) = rest.strip_prefix('H') {
        Yearless::Half {
            half: number(half, 1).filter(|half| (1..=2).contains(half))?,
        }
    } else {
        match rest.split_once('-') {
            None => Yearless::Month {
                month: number(rest, 2).filter(|month| (1..=12).contains(month))?,
            },
            Some((month, day)) => {
                let (month, day) = (number(month, 2)?, number(day, 2)?);
                // A leap year, so that 29 February is a yearless day.
                if !is_valid_date(2000, month, day) {
                    return None;
                }
                Yearless::Day { month, day }
            }
        }
    };
    Some(Unplaced::Yearless(yearless))
}

/// "10:30", "24:00", "NI"; a time with seconds is left unread (newsls never writes one).
fn parse_time_of_day(text: &str) -> Option<TimeOfDay> {
    if let Some(part) = PartOfDay::from_code(text) {
        return Some(TimeOfDay::Part(part));
    }
    let (hour, minute) = text.split_once(':')?;
    let hour = u8::try_from(number(hour, 2)?).ok()?;
    let minute = u8::try_from(number(minute, 2)?).ok()?;
    Some(TimeOfDay::Clock { hour, minute }).filter(|time| time.is_valid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_they_are_written() {
        for value in [
            "2021-12-12",
            "2021-W49",
            "2021-W49-WE",
            "2021-12",
            "2021-Q3",
            "2021-H2",
            "2021-SU",
            "2021",
            "199",
            "19",
            "2021-12-12T10:30",
            "2021-12-12TNI",
            "PRESENT_REF",
            "XXXX-12-25",
            "XXXX-WXX-2",
            "XXXX-WXX-2T22:00",
            "XXXX-XX-XXTNI",
            "XXXX-02-29",
            "XXXX-QX",
            "XXXX-WI",
            "XXXX-H2",
            "2021-W49T10:30",
            "XXXX-02-30",
            "-011",
        ] {
            assert_eq!(TimexValue::parse_date(value).to_string(), value);
        }
        assert_eq!(
            TimexValue::parse_date("2021-02-30"),
            TimexValue::Unresolved(Unresolved::date(Unplaced::Written("2021-02-30".into())))
        );
    }

    #[test]
    fn unresolved_values_keep_what_they_say() {
        assert_eq!(
            TimexValue::parse_date("XXXX-WXX-2"),
            TimexValue::Unresolved(Unresolved::date(Unplaced::Weekday(2)))
        );
        assert_eq!(
            TimexValue::parse_date("XXXX-12-25T10:30"),
            TimexValue::Unresolved(Unresolved {
                date: Unplaced::Yearless(Yearless::Day { month: 12, day: 25 }),
                time: Some(TimeOfDay::Clock {
                    hour: 10,
                    minute: 30
                }),
            })
        );
        assert_eq!(
            TimexValue::parse_date("XXXX-WXX-WE"),
            TimexValue::Unresolved(Unresolved::date(Unplaced::Unknown(UnknownUnit::Weekend)))
        );
        assert_eq!(
            TimexValue::parse_date("XXXX-WXX-8"),
            TimexValue::Unresolved(Unresolved::date(Unplaced::Written("XXXX-WXX-8".into())))
        );
    }
}
