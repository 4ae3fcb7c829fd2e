//! Moving along the calendar: the unit that contains a day, a unit moved by whole steps of
//! itself or of a coarser unit, and how coarse a unit is.
//!
//! Calendar arithmetic on granules only; it must not know words, tenses or anchors.

use crate::dates::calendar::{self, Granule, civil, day_number};
use crate::dates::words::Unit;

pub fn day_granule(days: i64) -> Granule {
    let (year, month, day) = civil(days);
    Granule::Day { year, month, day }
}

/// The granule of `unit` that contains `days`.
pub fn containing(unit: Unit, days: i64) -> Option<Granule> {
    let (year, month, _) = civil(days);
    Some(match unit.code {
        "Y" => Granule::Year { year },
        "M" => Granule::Month { year, month },
        "W" => {
            let (year, week) = calendar::iso_week(days);
            Granule::Week { year, week }
        }
        "WE" => {
            let (year, week) = calendar::iso_week(days);
            Granule::Weekend { year, week }
        }
        "D" => day_granule(days),
        "Q" => Granule::Quarter {
            year,
            quarter: calendar::quarter_of(month),
        },
        "H" => Granule::Half {
            year,
            half: if month <= 6 { 1 } else { 2 },
        },
        "DE" => Granule::Decade {
            decade: year.div_euclid(10),
        },
        "CE" => Granule::Century {
            century: year.div_euclid(100),
        },
        _ => return None,
    })
}

/// Moves a granule by `steps` of a unit no finer than the granule ("Nov. 2" + a year,
/// "the third quarter" − a year); `None` when the unit is finer than the granule.
pub fn shift_by_unit(granule: Granule, unit: Unit, steps: i32) -> Option<Granule> {
    let years = |granule: Granule| granule.year().map(|year| granule.with_year(year + steps));
    match (granule, unit.code) {
        (_, "Y") => years(granule),
        (Granule::Day { year, month, day }, "M") => {
            let (year, month) = calendar::add_months(year, month, steps);
            Some(Granule::Day {
                year,
                month,
                day: day.min(calendar::days_in_month(year, month)),
            })
        }
        (Granule::Day { .. }, "W") => Some(shift(granule, steps * 7)),
        (Granule::Day { .. }, "D") => Some(shift(granule, steps)),
        (Granule::Month { .. }, "M") | (Granule::Quarter { .. }, "Q") => {
            Some(shift(granule, steps))
        }
        _ => None,
    }
}

/// How coarse a granule is, to tell whether a unit can be counted from it.
pub fn coarseness(granule: Granule) -> u8 {
    match granule {
        Granule::Day { .. } => 1,
        Granule::Week { .. } | Granule::Weekend { .. } => 2,
        Granule::Month { .. } => 3,
        Granule::Quarter { .. } | Granule::Season { .. } => 4,
        Granule::Half { .. } => 5,
        Granule::Year { .. } => 6,
        Granule::Decade { .. } => 7,
        Granule::Century { .. } => 8,
    }
}

/// Moves a granule by `steps` of its own size.
pub fn shift(granule: Granule, steps: i32) -> Granule {
    match granule {
        Granule::Day { year, month, day } => {
            day_granule(day_number(year, month, day) + i64::from(steps))
        }
        Granule::Week { year, week } => {
            let (year, week) =
                calendar::iso_week(calendar::iso_week_monday(year, week) + 7 * i64::from(steps));
            Granule::Week { year, week }
        }
        Granule::Weekend { year, week } => {
            let (year, week) =
                calendar::iso_week(calendar::iso_week_monday(year, week) + 7 * i64::from(steps));
            Granule::Weekend { year, week }
        }
        Granule::Month { year, month } => {
            let (year, month) = calendar::add_months(year, month, steps);
            Granule::Month { year, month }
        }
        Granule::Quarter { year, quarter } => {
            let index = year * 4 + quarter - 1 + steps;
            Granule::Quarter {
                year: index.div_euclid(4),
                quarter: index.rem_euclid(4) + 1,
            }
        }
        Granule::Half { year, half } => {
            let index = year * 2 + half - 1 + steps;
            Granule::Half {
                year: index.div_euclid(2),
                half: index.rem_euclid(2) + 1,
            }
        }
        Granule::Season { year, season } => Granule::Season {
            year: year + steps,
            season,
        },
        Granule::Year { year } => Granule::Year { year: year + steps },
        Granule::Decade { decade } => Granule::Decade {
            decade: decade + steps,
        },
        Granule::Century { century } => Granule::Century {
            century: century + steps,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_move_by_their_own_size_across_years() {
        let quarter = Granule::Quarter {
            year: 2021,
            quarter: 1,
        };
        assert_eq!(
            shift(quarter, -1),
            Granule::Quarter {
                year: 2020,
                quarter: 4
            }
        );
        let week = Granule::Week {
            year: 2021,
            week: 52,
        };
        assert_eq!(
            shift(week, 1),
            Granule::Week {
                year: 2022,
                week: 1
            }
        );
        let day = Granule::Day {
            year: 2020,
            month: 2,
            day: 29,
        };
        assert_eq!(
            shift_by_unit(day, Unit { code: "Y" }, 1),
            Some(Granule::Day {
                year: 2021,
                month: 2,
                day: 28
            })
        );
        assert_eq!(
            shift_by_unit(Granule::Year { year: 2021 }, Unit { code: "M" }, 1),
            None
        );
        assert_eq!(
            containing(Unit { code: "WE" }, day_number(2021, 12, 13)),
            Some(Granule::Weekend {
                year: 2021,
                week: 50
            })
        );
    }
}
