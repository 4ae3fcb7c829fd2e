//! The result of normalizing one expression: TIMEX3 type, value and mod, how the value was
//! reached (as data and in words), and any doubt, before it becomes a `TemporalExpression`
//! and diagnostics.
//!
//! It must not know any kind of expression: the normalizers fill it in.

use crate::dates::calendar::Granule;
use crate::dates::value::{PartOfDay, TimexValue, Unplaced};
use crate::dates::words::Unit;
use crate::dates::{Basis, Resolution, TimexMod, TimexType};

pub const NO_PUBLICATION_DATE: &str =
    "the publication date is unknown, so the expression cannot be resolved";
pub const NO_PUBLICATION_YEAR: &str =
    "the publication year is unknown, so the year of the expression cannot be resolved";

/// A normalized expression before it becomes a `TemporalExpression` and diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub timex_type: TimexType,
    pub value: TimexValue,
    pub modifier: Option<TimexMod>,
    pub basis: Basis,
    /// The calendar unit the value names, when it names one: what later expressions count
    /// from and what the wording describes (a bare clock time names none; one written with its
    /// day names that day).
    pub granule: Option<Granule>,
    /// How the value was reached, after the value itself ("the Tuesday before publication …").
    pub reason: String,
    /// Why a reader cannot be sure of the value, for an `ambiguous-date` warning.
    pub doubt: Option<String>,
    /// A part of the day said with a day ("Friday night"), for TIME values and explicit wording.
    pub part_of_day: Option<PartOfDay>,
    /// The clock time as written before the day it is on ("10 p.m.", "5 p.m. EST"), so that
    /// the wording of the day keeps it ("10 p.m. on Wednesday, 11 February 1998").
    pub clock: Option<String>,
    /// The count and unit of a length of time the text counts ("the nine months": 9 months),
    /// set by the normalizer of durations; recognition reads it to find stretches of months.
    pub length: Option<(Option<f64>, Unit)>,
}

impl Normalized {
    pub fn new(timex_type: TimexType, value: TimexValue, basis: Basis) -> Self {
        Normalized {
            timex_type,
            value,
            modifier: None,
            basis,
            granule: None,
            reason: String::new(),
            doubt: None,
            part_of_day: None,
            clock: None,
            length: None,
        }
    }

    /// A DATE naming a calendar unit.
    pub fn granule(granule: Granule, basis: Basis, reason: String) -> Self {
        Normalized {
            granule: Some(granule),
            reason,
            ..Normalized::new(TimexType::Date, TimexValue::calendar(granule), basis)
        }
    }

    /// A DATE the publication date (or its year) is missing for; the reason is the doubt.
    pub fn unresolved(date: Unplaced, reason: &str) -> Self {
        Normalized {
            reason: reason.to_string(),
            doubt: Some(reason.to_string()),
            ..Normalized::new(
                TimexType::Date,
                TimexValue::unresolved(date, None),
                Basis::Unresolved,
            )
        }
    }

    pub fn with_modifier(mut self, modifier: Option<TimexMod>) -> Self {
        if modifier.is_some() {
            self.modifier = modifier;
        }
        self
    }

    pub fn resolution(&self) -> Resolution {
        self.basis.resolution()
    }
}
