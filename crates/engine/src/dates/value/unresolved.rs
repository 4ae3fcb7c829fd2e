//! A date the text does not place on the calendar, with what it does say: the month and day of
//! "16 June" without a publication year ("XXXX-06-16"), the weekday of "on Tuesday" without a
//! publication date ("XXXX-WXX-2"), the unit of "last week" ("XXXX-WXX"), and a time of day.
//!
//! Plain data with its TIMEX3 spelling (`Display`); it knows no calendar arithmetic and nothing
//! of how an expression was found.

use std::fmt;

use super::TimeOfDay;
use crate::dates::calendar::Granule;

/// An unresolved date, maybe with a time of day ("XXXX-WXX-2T22:00").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unresolved {
    pub date: Unplaced,
    pub time: Option<TimeOfDay>,
}

/// What an unresolved date says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unplaced {
    /// A unit and nothing else: some year, month, week, weekend, day or quarter.
    Unknown(UnknownUnit),
    /// A day, month, quarter, half or season of a year the text does not give.
    Yearless(Yearless),
    /// A weekday (ISO number, Monday = 1) of a week the text does not place.
    Weekday(u8),
    /// Anything else, as written: a sidecar's value newsls does not read, or a date outside
    /// the years TIMEX3 writes (0000 to 9999).
    Written(Box<str>),
}

/// The unit of a date of which nothing else is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnknownUnit {
    /// "XXXX"
    Year,
    /// "XXXX-XX"
    Month,
    /// "XXXX-WXX"
    Week,
    /// "XXXX-WXX-WE"
    Weekend,
    /// "XXXX-XX-XX"
    Day,
    /// "XXXX-QX"
    Quarter,
}

impl UnknownUnit {
    pub const ALL: [UnknownUnit; 6] = [
        UnknownUnit::Year,
        UnknownUnit::Month,
        UnknownUnit::Week,
        UnknownUnit::Weekend,
        UnknownUnit::Day,
        UnknownUnit::Quarter,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UnknownUnit::Year => "XXXX",
            UnknownUnit::Month => "XXXX-XX",
            UnknownUnit::Week => "XXXX-WXX",
            UnknownUnit::Weekend => "XXXX-WXX-WE",
            UnknownUnit::Day => "XXXX-XX-XX",
            UnknownUnit::Quarter => "XXXX-QX",
        }
    }
}

/// A calendar unit without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Yearless {
    /// "XXXX-12-25"
    Day { month: i32, day: i32 },
    /// "XXXX-06"
    Month { month: i32 },
    /// "XXXX-Q3"
    Quarter { quarter: i32 },
    /// "XXXX-H2"
    Half { half: i32 },
    /// "XXXX-SU"
    Season { season: &'static str },
}

impl Yearless {
    /// The granule with its year left out; `None` for the units that need no year to be
    /// placed (decades, centuries) or that a year alone does not fix (weeks).
    pub fn of(granule: Granule) -> Option<Yearless> {
        Some(match granule {
            Granule::Day { month, day, .. } => Yearless::Day { month, day },
            Granule::Month { month, .. } => Yearless::Month { month },
            Granule::Quarter { quarter, .. } => Yearless::Quarter { quarter },
            Granule::Half { half, .. } => Yearless::Half { half },
            Granule::Season { season, .. } => Yearless::Season { season },
            Granule::Week { .. }
            | Granule::Weekend { .. }
            | Granule::Year { .. }
            | Granule::Decade { .. }
            | Granule::Century { .. } => return None,
        })
    }
}

impl Unresolved {
    /// The date without a time of day.
    pub fn date(date: Unplaced) -> Unresolved {
        Unresolved { date, time: None }
    }
}

impl fmt::Display for Unplaced {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unplaced::Unknown(unit) => formatter.write_str(unit.code()),
            Unplaced::Yearless(Yearless::Day { month, day }) => {
                write!(formatter, "XXXX-{month:02}-{day:02}")
            }
            Unplaced::Yearless(Yearless::Month { month }) => write!(formatter, "XXXX-{month:02}"),
            Unplaced::Yearless(Yearless::Quarter { quarter }) => {
                write!(formatter, "XXXX-Q{quarter}")
            }
            Unplaced::Yearless(Yearless::Half { half }) => write!(formatter, "XXXX-H{half}"),
            Unplaced::Yearless(Yearless::Season { season }) => write!(formatter, "XXXX-{season}"),
            Unplaced::Weekday(weekday) => write!(formatter, "XXXX-WXX-{weekday}"),
            Unplaced::Written(value) => formatter.write_str(value),
        }
    }
}

impl fmt::Display for Unresolved {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.date)?;
        match self.time {
            Some(time) => write!(formatter, "T{time}"),
            None => Ok(()),
        }
    }
}
