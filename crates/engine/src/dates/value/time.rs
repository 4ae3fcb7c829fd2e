//! Times within a day and the references to a time off the calendar, as TIMEX3 writes them.
//!
//! Plain data with its TIMEX3 spelling; it knows no calendar and nothing of how an expression
//! was found.

use std::fmt;

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
    pub(super) fn order_minutes(self) -> u16 {
        match self {
            TimeOfDay::Clock { hour, minute } => u16::from(hour) * 60 + u16::from(minute),
            TimeOfDay::Part(part) => part.order_minutes(),
        }
    }

    /// Whether TIMEX3 can write it: a clock time up to 24:00, minutes below 60.
    pub fn is_valid(self) -> bool {
        match self {
            TimeOfDay::Clock { hour, minute } => hour <= 24 && minute < 60,
            TimeOfDay::Part(_) => true,
        }
    }
}

/// The TIMEX3 spelling after the "T": "10:30", "NI".
impl fmt::Display for TimeOfDay {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeOfDay::Clock { hour, minute } => write!(formatter, "{hour:02}:{minute:02}"),
            TimeOfDay::Part(part) => formatter.write_str(part.code()),
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

    pub fn from_code(code: &str) -> Option<TimeReference> {
        [
            TimeReference::Present,
            TimeReference::Past,
            TimeReference::Future,
        ]
        .into_iter()
        .find(|reference| reference.code() == code)
    }
}
