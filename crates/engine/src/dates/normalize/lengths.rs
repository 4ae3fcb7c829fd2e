//! Lengths of time as TIMEX3 writes them: a count of a unit → "P3Y", "PT2H", "P2Y6M", "PXD".
//!
//! Shared by the normalizers of durations, sets, "ago" and unit shifts; it must not know
//! anchors, tenses or the calendar.

use crate::dates::words::Unit;

/// A count that reads as a year ("1988" before a singular unit names a year's period).
pub fn looks_like_year(count: f64) -> bool {
    count.fract() == 0.0 && (1000.0..=2100.0).contains(&count)
}

/// A number with its unit for durations: "P3Y", "PT2H", "PXD".
pub fn duration_value(count: Option<f64>, unit: Unit) -> String {
    let (factor, designator, time) = match unit.code {
        "DE" => (10.0, "Y", false),
        "CE" => (100.0, "Y", false),
        "H" => (6.0, "M", false),
        // TimeML writes quarters as their own designator ("the past two quarters" is P2Q).
        "Q" => (1.0, "Q", false),
        "TH" => (1.0, "H", true),
        "TM" => (1.0, "M", true),
        "TS" => (1.0, "S", true),
        other => (1.0, other, false),
    };
    let prefix = if time { "PT" } else { "P" };
    match count {
        Some(count) => {
            let amount = count * factor;
            // A fraction is written in the next smaller unit: P2Y6M, PT5H30M, PT1M30S.
            let smaller = match (designator, time) {
                ("Y", false) => Some((12.0, "M")),
                ("D", false) => Some((24.0, "H")),
                ("H", true) => Some((60.0, "M")),
                ("M", true) => Some((60.0, "S")),
                _ => None,
            };
            match smaller {
                _ if amount.fract() == 0.0 => format!("{prefix}{}{designator}", amount as i64),
                Some((per, small)) if (amount * per).fract() == 0.0 => {
                    let whole = amount.trunc() as i64;
                    let rest = (amount.fract() * per).round() as i64;
                    let separator = if designator == "D" { "T" } else { "" };
                    format!("{prefix}{whole}{designator}{separator}{rest}{small}")
                }
                _ => format!("{prefix}{amount}{designator}"),
            }
        }
        None => {
            let designator = match unit.code {
                "DE" => "DE",
                "CE" => "CE",
                _ => designator,
            };
            format!("{prefix}X{designator}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_fractions_of_units() {
        let unit = |code| Unit { code };
        assert_eq!(duration_value(Some(3.0), unit("Y")), "P3Y");
        assert_eq!(duration_value(Some(2.5), unit("Y")), "P2Y6M");
        assert_eq!(duration_value(Some(1.5), unit("D")), "P1DT12H");
        assert_eq!(duration_value(Some(1.5), unit("TM")), "PT1M30S");
        assert_eq!(duration_value(Some(2.0), unit("DE")), "P20Y");
        assert_eq!(duration_value(None, unit("DE")), "PXDE");
        assert_eq!(duration_value(None, unit("TH")), "PTXH");
        assert_eq!(duration_value(Some(2.0), unit("Q")), "P2Q");
    }
}
