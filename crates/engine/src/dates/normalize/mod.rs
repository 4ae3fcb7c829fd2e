//! Normalization: the named groups of one recognized expression → TIMEX3 type, value and mod,
//! and how the value was reached (`Basis`), resolved against the publication date, the tense
//! of the clause and the article's other dates.
//!
//! One file per kind of expression, each with its table of annotated texts; the pieces they
//! share each have a file of their own: what is known besides the expression (`anchors`),
//! the result (`normalized`), reading the captured words (`groups`), choosing a missing year
//! (`year_choice`), moving along the calendar (`shifting`), lengths of time (`lengths`) and
//! the words of explanations (`wording`).
//!
//! Pure: the publication date and the article's earlier dates come in as `Anchors`; nothing
//! here reads the clock. Values are built as data (`TimexValue`), never as strings parsed
//! later. An expression that turns out not to be a date returns `None`.

mod anchors;
mod groups;
mod lengths;
mod normalized;
mod shifting;
mod wording;
mod year_choice;

mod ago;
mod calendar_dates;
mod clock_times;
mod decades;
mod durations;
mod holidays;
mod months;
mod numeric_dates;
mod parts_of_day;
mod parts_of_year;
mod references;
mod reporting_periods;
mod seasons;
mod sets;
mod unit_shifts;
mod weekdays;
mod year_end;
mod years;


use super::grammar::{Captures, Kind};

pub use anchors::Anchors;
pub use durations::is_months_stretch;
pub use normalized::Normalized;

/// Normalizes one recognized expression; `None` when it is not a temporal expression after all.
pub fn normalize(kind: Kind, captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    match kind {
        Kind::Date => calendar_dates::calendar_date(captures, anchors),
        Kind::Iso => calendar_dates::iso_date(captures),
        Kind::Numeric => numeric_dates::numeric_date(captures, anchors),
        Kind::Year => years::year(captures),
        Kind::Decade => decades::decade(captures, anchors),
        Kind::Month => months::month(captures, anchors),
        Kind::Weekday => weekdays::weekday_expression(captures, anchors),
        Kind::Shift => unit_shifts::unit_shift(captures, anchors),
        Kind::Part => parts_of_year::part_of_year(captures, anchors),
        Kind::Season => seasons::season(captures, anchors),
        Kind::Ago => ago::ago(captures, anchors),
        Kind::Duration => durations::duration(captures),
        Kind::Set => sets::set(captures),
        Kind::Time => clock_times::clock_time(captures, anchors),
        Kind::PartOfDay => parts_of_day::part_of_day(captures, anchors),
        Kind::Reference => references::reference(captures, anchors),
        Kind::Holiday => holidays::holiday(captures, anchors),
    }
}
