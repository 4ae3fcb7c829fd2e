//! The value of a temporal expression as data: which calendar unit, time, length of time or
//! recurrence it names, with its TIMEX3 spelling (`Display`), its first and last day, and a
//! chronological order.
//!
//! Normalization builds these values directly; `parse` reads only the values annotators type.
//! Every shell orders and describes dates through this type, so the command line, the editor
//! and the corpus timeline agree. It knows nothing of how an expression was found.

mod parse;
mod time;
mod unresolved;

use std::cmp::Ordering;
use std::fmt;

use super::calendar::{Granule, civil};

pub use time::{PartOfDay, TimeOfDay, TimeReference};
pub use unresolved::{UnknownUnit, Unplaced, Unresolved, Yearless};

/// How precise a value is, from a time of day to a century.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Time,
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
    Duration,
    Set,
    Reference,
    Unresolved,
}

impl Granularity {
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Time => "time",
            Granularity::Day => "day",
            Granularity::Weekend => "weekend",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Season => "season",
            Granularity::Quarter => "quarter",
            Granularity::Half => "half",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
            Granularity::Century => "century",
            Granularity::Duration => "duration",
            Granularity::Set => "set",
            Granularity::Reference => "reference",
            Granularity::Unresolved => "unresolved",
        }
    }
}

/// A TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimexValue {
    /// A day, week, weekend, month, quarter, half, season, year, decade or century.
    Calendar(Granule),
    /// A time of day on a known day ("2021-12-12T10:30", "2021-12-12TNI").
    Time {
        day: Granule,
        time: TimeOfDay,
    },
    /// A length of time ("P3Y", "PT2H", "PXD"), kept as TIMEX3 writes it.
    Duration(Box<str>),
    /// A recurring time ("P1W", "XXXX-WXX-2"), kept as TIMEX3 writes it.
    Set(Box<str>),
    Reference(TimeReference),
    /// A date the text does not place on the calendar ("XXXX-12-25", "XXXX-WXX-2"), with what
    /// it does say, or a value newsls does not read.
    Unresolved(Unresolved),
}

impl Default for TimexValue {
    fn default() -> Self {
        TimexValue::Unresolved(Unresolved::date(Unplaced::Unknown(UnknownUnit::Day)))
    }
}

impl TimexValue {
    /// The value of a calendar unit; a unit TIMEX3 cannot write (a year before 0000 or after
    /// 9999) is kept as written, off the calendar.
    pub fn calendar(granule: Granule) -> TimexValue {
        if writable(granule) {
            TimexValue::Calendar(granule)
        } else {
            TimexValue::Unresolved(Unresolved::date(Unplaced::Written(granule.value().into())))
        }
    }

    /// A time of day on a day; anything else TIMEX3 cannot write as a time on a known day (a
    /// time on a week, 25:00) is kept as written, off the calendar.
    pub fn on_day(day: Granule, time: TimeOfDay) -> TimexValue {
        if matches!(day, Granule::Day { .. }) && writable(day) && time.is_valid() {
            TimexValue::Time { day, time }
        } else {
            TimexValue::Unresolved(Unresolved::date(Unplaced::Written(
                format!("{}T{time}", day.value()).into(),
            )))
        }
    }

    /// An unresolved date, maybe at a time of day ("XXXX-WXX-2T22:00").
    pub fn unresolved(date: Unplaced, time: Option<TimeOfDay>) -> TimexValue {
        match time {
            Some(time) if !time.is_valid() || matches!(date, Unplaced::Written(_)) => {
                TimexValue::Unresolved(Unresolved::date(Unplaced::Written(
                    format!("{date}T{time}").into(),
                )))
            }
            _ => TimexValue::Unresolved(Unresolved { date, time }),
        }
    }

    /// The value at a time of day: a day becomes a time on that day, an unresolved date an
    /// unresolved time; anything else is kept as written, off the calendar.
    pub fn at(self, time: TimeOfDay) -> TimexValue {
        match self {
            TimexValue::Calendar(day) => TimexValue::on_day(day, time),
            TimexValue::Unresolved(Unresolved { date, time: None }) => {
                TimexValue::unresolved(date, Some(time))
            }
            other => TimexValue::Unresolved(Unresolved::date(Unplaced::Written(
                format!("{other}T{time}").into(),
            ))),
        }
    }

    pub fn granularity(&self) -> Granularity {
        match self {
            TimexValue::Calendar(granule) => match granule {
                Granule::Day { .. } => Granularity::Day,
                Granule::Week { .. } => Granularity::Week,
                Granule::Weekend { .. } => Granularity::Weekend,
                Granule::Month { .. } => Granularity::Month,
                Granule::Quarter { .. } => Granularity::Quarter,
                Granule::Half { .. } => Granularity::Half,
                Granule::Season { .. } => Granularity::Season,
                Granule::Year { .. } => Granularity::Year,
                Granule::Decade { .. } => Granularity::Decade,
                Granule::Century { .. } => Granularity::Century,
            },
            TimexValue::Time { .. } => Granularity::Time,
            TimexValue::Duration(_) => Granularity::Duration,
            TimexValue::Set(_) => Granularity::Set,
            TimexValue::Reference(_) => Granularity::Reference,
            TimexValue::Unresolved(_) => Granularity::Unresolved,
        }
    }

    /// The calendar unit the value falls in (the day of a time).
    pub fn granule(&self) -> Option<Granule> {
        match self {
            TimexValue::Calendar(granule) | TimexValue::Time { day: granule, .. } => Some(*granule),
            _ => None,
        }
    }

    /// Whether nothing of the value is left open (no `X` placeholder).
    pub fn is_fully_specified(&self) -> bool {
        match self {
            TimexValue::Calendar(_) | TimexValue::Time { .. } | TimexValue::Reference(_) => true,
            TimexValue::Duration(value) | TimexValue::Set(value) => !value.contains('X'),
            TimexValue::Unresolved(_) => false,
        }
    }

    /// Whether the value is a place on the calendar (a date or a time on a known day).
    pub fn is_on_calendar(&self) -> bool {
        self.granule().is_some()
    }

    /// The first and last day the value covers; `None` off the calendar.
    pub fn days(&self) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let (first, last) = self.granule()?.bounds();
        Some((civil_date(first)?, civil_date(last)?))
    }

    pub fn first_day(&self) -> Option<jiff::civil::Date> {
        self.days().map(|(first, _)| first)
    }

    pub fn last_day(&self) -> Option<jiff::civil::Date> {
        self.days().map(|(_, last)| last)
    }

    /// The day, for a value that names one day (a day, or a time on a day).
    pub fn day(&self) -> Option<jiff::civil::Date> {
        match self.granule()? {
            Granule::Day { .. } => self.first_day(),
            _ => None,
        }
    }

    /// The weekday of a value that names one day, or of an unresolved weekday ("on Tuesday"
    /// without a publication date).
    pub fn weekday(&self) -> Option<jiff::civil::Weekday> {
        match self {
            TimexValue::Unresolved(Unresolved {
                date: Unplaced::Weekday(weekday),
                ..
            }) => jiff::civil::Weekday::from_monday_one_offset(*weekday as i8).ok(),
            _ => Some(self.day()?.weekday()),
        }
    }

    /// The key of the chronological order: first day, then the shorter span, then the time
    /// of day; values off the calendar come after every date, in their TIMEX3 spelling.
    fn order_key(&self) -> (bool, i64, i64, u16, String) {
        match (self.granule(), self) {
            (Some(granule), _) => {
                let (first, last) = granule.bounds();
                let minutes = match self {
                    TimexValue::Time { time, .. } => time.order_minutes() + 1,
                    _ => 0,
                };
                (false, first, last, minutes, String::new())
            }
            (None, other) => (true, 0, 0, 0, other.to_string()),
        }
    }

    /// Chronological order (see `order_key`).
    pub fn chronological_cmp(&self, other: &TimexValue) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl fmt::Display for TimexValue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimexValue::Calendar(granule) => formatter.write_str(&granule.value()),
            TimexValue::Time { day, time } => write!(formatter, "{}T{time}", day.value()),
            TimexValue::Duration(value) | TimexValue::Set(value) => formatter.write_str(value),
            TimexValue::Unresolved(unresolved) => write!(formatter, "{unresolved}"),
            TimexValue::Reference(reference) => formatter.write_str(reference.code()),
        }
    }
}

/// Whether TIMEX3 writes the unit as it is: years 0000 to 9999, decades 000 to 999, centuries
/// 00 to 99.
fn writable(granule: Granule) -> bool {
    match granule {
        Granule::Decade { decade } => (0..=999).contains(&decade),
        Granule::Century { century } => (0..=99).contains(&century),
        other => other.year().is_some_and(|year| (0..=9999).contains(&year)),
    }
}

fn civil_date(days: i64) -> Option<jiff::civil::Date> {
    let (year, month, day) = civil(days);
    jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_sorts_by_its_first_day_then_by_its_length() {
        let mut values: Vec<TimexValue> = [
            "XXXX-12-25",
            "2021-12-12T10:30",
            "2021-W49",
            "2021-12-01",
            "2021-Q3",
            "2021-12-12",
            "2021",
            "2021-12-12TNI",
            "PRESENT_REF",
        ]
        .into_iter()
        .map(TimexValue::parse_date)
        .collect();
        values.sort_by(TimexValue::chronological_cmp);
        let order: Vec<String> = values.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            [
                "2021",
                "2021-Q3",
                "2021-12-01",
                "2021-W49",
                "2021-12-12",
                "2021-12-12T10:30",
                "2021-12-12TNI",
                "PRESENT_REF",
                "XXXX-12-25",
            ]
        );
    }

    #[test]
    fn values_built_as_data_are_written_as_timex3_writes_them() {
        let day = Granule::Day {
            year: 2021,
            month: 12,
            day: 29,
        };
        let evening = TimeOfDay::Part(PartOfDay::Evening);
        assert_eq!(TimexValue::calendar(day).to_string(), "2021-12-29");
        assert_eq!(
            TimexValue::calendar(day).at(evening).to_string(),
            "2021-12-29TEV"
        );
        assert_eq!(
            TimexValue::unresolved(Unplaced::Weekday(2), None).weekday(),
            Some(jiff::civil::Weekday::Tuesday)
        );
        assert_eq!(
            TimexValue::calendar(day).weekday(),
            Some(jiff::civil::Weekday::Wednesday)
        );
        let ten = TimeOfDay::Clock {
            hour: 22,
            minute: 0,
        };
        let weekday = TimexValue::unresolved(Unplaced::Weekday(4), Some(ten));
        assert_eq!(weekday.to_string(), "XXXX-WXX-4T22:00");
        // A year TIMEX3 cannot write stays off the calendar, as a sidecar's would.
        let before_zero = TimexValue::calendar(Granule::Year { year: -11 });
        assert_eq!(before_zero.to_string(), "-011");
        assert!(!before_zero.is_on_calendar());
        let week = TimexValue::calendar(Granule::Week {
            year: 2021,
            week: 49,
        });
        for value in [
            TimexValue::calendar(day),
            TimexValue::calendar(day).at(ten),
            weekday,
            before_zero,
            week.clone().at(ten),
            week,
            TimexValue::default(),
        ] {
            assert_eq!(TimexValue::parse_date(&value.to_string()), value);
        }
    }

    #[test]
    fn a_season_and_a_week_span_their_days() {
        let winter = TimexValue::parse_date("2021-WI");
        assert_eq!(
            winter.days(),
            Some((
                jiff::civil::date(2021, 12, 1),
                jiff::civil::date(2022, 2, 28)
            ))
        );
        assert_eq!(
            TimexValue::parse_date("2021-W49").days(),
            Some((
                jiff::civil::date(2021, 12, 6),
                jiff::civil::date(2021, 12, 12)
            ))
        );
        assert_eq!(TimexValue::parse_date("P3Y").days(), None);
    }
}
