//! The value of a temporal expression as data: which calendar unit, time, length of time or
//! recurrence it names, with its TIMEX3 spelling (`Display`), its first and last day, and a
//! chronological order.
//!
//! Every shell orders and describes dates through this type, so the command line, the editor
//! and the corpus timeline agree. It knows nothing of how an expression was found.

use std::cmp::Ordering;
use std::fmt;

use super::calendar::{Granule, civil, days_in_month, is_valid_date};

/// A part of the day as TIMEX3 writes it after a day ("2021-12-12TNI").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfDay {
    Morning,
    Midday,
    Afternoon,
    Daytime,
    Evening,
    Night,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 6] = [
        PartOfDay::Morning,
        PartOfDay::Midday,
        PartOfDay::Afternoon,
        PartOfDay::Daytime,
        PartOfDay::Evening,
        PartOfDay::Night,
    ];

    /// The TIMEX3 code: MO, MI, AF, DT, EV, NI.
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Daytime => "DT",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }

    pub fn from_code(code: &str) -> Option<PartOfDay> {
        PartOfDay::ALL.into_iter().find(|part| part.code() == code)
    }

    /// Minutes after midnight the part of day is taken to start at, to order it among clock
    /// times of the same day.
    fn order_minutes(self) -> u16 {
        match self {
            PartOfDay::Morning => 6 * 60,
            PartOfDay::Daytime => 9 * 60,
            PartOfDay::Midday => 12 * 60,
            PartOfDay::Afternoon => 13 * 60,
            PartOfDay::Evening => 18 * 60,
            PartOfDay::Night => 21 * 60,
        }
    }
}

/// A time within a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// "10:30", "24:00" (midnight at the end of the day).
    Clock {
        hour: u8,
        minute: u8,
    },
    Part(PartOfDay),
}

impl TimeOfDay {
    fn order_minutes(self) -> u16 {
        match self {
            TimeOfDay::Clock { hour, minute } => u16::from(hour) * 60 + u16::from(minute),
            TimeOfDay::Part(part) => part.order_minutes(),
        }
    }
}

/// The three TIMEX3 references to a time not placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeReference {
    Present,
    Past,
    Future,
}

impl TimeReference {
    pub fn code(self) -> &'static str {
        match self {
            TimeReference::Present => "PRESENT_REF",
            TimeReference::Past => "PAST_REF",
            TimeReference::Future => "FUTURE_REF",
        }
    }
}

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
    /// A date the text does not place on the calendar ("XXXX-12-25", "XXXX-WXX-2"), or a
    /// value newsls does not read.
    Unresolved(Box<str>),
}

impl Default for TimexValue {
    fn default() -> Self {
        TimexValue::Unresolved("XXXX-XX-XX".into())
    }
}

impl TimexValue {
    /// Reads a TIMEX3 value of a DATE or TIME (an annotator's decision, a sidecar); durations
    /// and sets are read by `parse_duration` and `parse_set`. What it cannot place on the
    /// calendar is `Unresolved`, never an error.
    pub fn parse_date(value: &str) -> TimexValue {
        let value = value.trim();
        match value {
            "PRESENT_REF" => return TimexValue::Reference(TimeReference::Present),
            "PAST_REF" => return TimexValue::Reference(TimeReference::Past),
            "FUTURE_REF" => return TimexValue::Reference(TimeReference::Future),
            _ => {}
        }
        let (date, time) = match value.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (value, None),
        };
        let Some(granule) = parse_granule(date) else {
            return TimexValue::Unresolved(value.into());
        };
        match time {
            None => TimexValue::Calendar(granule),
            Some(time) => match (granule, parse_time_of_day(time)) {
                (Granule::Day { .. }, Some(time)) => TimexValue::Time { day: granule, time },
                _ => TimexValue::Unresolved(value.into()),
            },
        }
    }

    /// The value of a TIMEX3 of the given type.
    pub fn parse(timex_type: super::TimexType, value: &str) -> TimexValue {
        match timex_type {
            super::TimexType::Duration => TimexValue::Duration(value.trim().into()),
            super::TimexType::Set => TimexValue::Set(value.trim().into()),
            super::TimexType::Date | super::TimexType::Time => TimexValue::parse_date(value),
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
            TimexValue::Time { day, time } => {
                formatter.write_str(&day.value())?;
                match time {
                    TimeOfDay::Clock { hour, minute } => {
                        write!(formatter, "T{hour:02}:{minute:02}")
                    }
                    TimeOfDay::Part(part) => write!(formatter, "T{}", part.code()),
                }
            }
            TimexValue::Duration(value)
            | TimexValue::Set(value)
            | TimexValue::Unresolved(value) => formatter.write_str(value),
            TimexValue::Reference(reference) => formatter.write_str(reference.code()),
        }
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
    let granule = if let Some(season) = ["SP", "SU", "FA", "WI"]
        .into_iter()
        .find(|season| rest == *season)
    {
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
                debug_assert!(day <= days_in_month(year, month));
                Granule::Day { year, month, day }
            }
        }
    };
    Some(granule)
}

/// "10:30", "24:00", "NI"; a time with seconds is left unread (newsls never writes one).
fn parse_time_of_day(text: &str) -> Option<TimeOfDay> {
    if let Some(part) = PartOfDay::from_code(text) {
        return Some(TimeOfDay::Part(part));
    }
    let (hour, minute) = text.split_once(':')?;
    let hour = u8::try_from(number(hour, 2)?).ok()?;
    let minute = u8::try_from(number(minute, 2)?).ok()?;
    (hour <= 24 && minute < 60).then_some(TimeOfDay::Clock { hour, minute })
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
        ] {
            assert_eq!(TimexValue::parse_date(value).to_string(), value);
        }
        assert_eq!(
            TimexValue::parse_date("2021-02-30"),
            TimexValue::Unresolved("2021-02-30".into())
        );
    }

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
