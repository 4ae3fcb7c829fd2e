//! Choosing the year the text leaves out ("Jan 10", "June", "the third quarter", "Christmas",
//! "12.07.21"): the occurrence near publication the clause's tense points to, with the doubt
//! a reader would have.
//!
//! Shared by the normalizers of yearless units; it must not know how a unit was written, only
//! the unit, the publication date and the tense.

use super::anchors::Anchors;
use super::normalized::{NO_PUBLICATION_DATE, NO_PUBLICATION_YEAR, Normalized};
use super::wording::{days, describe_day, tense_phrase};
use crate::dates::Basis;
use crate::dates::calendar::{Granule, civil};
use crate::dates::context::{Tense, TenseCue};
use crate::dates::value::{Unplaced, Yearless};
use crate::strings::joined;

/// Picks the year of a yearless granule ("Jan 10", "June", "the third quarter"), as
/// HeidelTime does: a past-tense clause takes the latest occurrence not after publication, a
/// future-tense clause the first not before it, and a clause without tense the nearest.
/// Returns the granule, the reasoning and any doubt.
pub fn choose_year(
    make: impl Fn(i32) -> Option<Granule>,
    publication_day: i64,
    tense: TenseCue,
) -> Option<(Granule, String, Option<String>)> {
    let (publication_year, _, _) = civil(publication_day);
    let candidates: Vec<(i64, Granule)> = (-1..=1)
        .filter_map(|delta| make(publication_year + delta))
        .map(|granule| (granule.offset_from(publication_day), granule))
        .collect();
    let nearest = candidates.iter().min_by_key(|(offset, _)| offset.abs())?;
    // A verb's tense is followed strictly; a hint (often a bare "-ed" verb: "a bombing killed
    // a guard") makes the other side count eight times as far.
    const AGAINST_HINT: i64 = 8;
    let chosen = match (tense.tense, tense.strong) {
        (Tense::Past, true) => candidates
            .iter()
            .filter(|(offset, _)| *offset <= 0)
            .max_by_key(|(offset, _)| *offset),
        (Tense::Future, true) => candidates
            .iter()
            .filter(|(offset, _)| *offset >= 0)
            .min_by_key(|(offset, _)| *offset),
        (Tense::Past, false) => candidates
            .iter()
            .min_by_key(|(offset, _)| offset.abs() * if *offset > 0 { AGAINST_HINT } else { 1 }),
        (Tense::Future, false) => candidates
            .iter()
            .min_by_key(|(offset, _)| offset.abs() * if *offset < 0 { AGAINST_HINT } else { 1 }),
        (Tense::Present | Tense::Unknown, _) => Some(nearest),
    }
    .unwrap_or(nearest);
    // Even a verb's tense may belong to another event of the clause ("said the offer expires
    // Nov. 16"): an occurrence six times nearer on the other side of publication wins.
    const MUCH_NEARER: i64 = 6;
    let chosen = if nearest.0.abs() * MUCH_NEARER < chosen.0.abs() {
        nearest
    } else {
        chosen
    };
    let (offset, granule) = *chosen;
    let where_ = match offset {
        0 => "which contains the publication date".to_string(),
        offset if offset < 0 => joined(&[&days(-offset), " before publication"]),
        offset => joined(&[&days(offset), " after publication"]),
    };
    let rule = match (tense.tense, tense.strong) {
        (Tense::Past, true) => "the latest such date up to",
        (Tense::Future, true) => "the first such date from",
        _ => "the nearest such date to",
    };
    let reason = joined(&[
        rule,
        " the publication date (",
        &describe_day(publication_day),
        "), ",
        &where_,
        "; ",
        &tense_phrase(tense),
    ]);
    // Genuinely uncertain: the other side of publication is much nearer than the tense's
    // choice, or there is no tense and the two sides are about as near.
    let other = candidates
        .iter()
        .filter(|(other_offset, _)| other_offset.signum() != offset.signum() && *other_offset != 0)
        .min_by_key(|(other_offset, _)| other_offset.abs());
    let has_tense = matches!(tense.tense, Tense::Past | Tense::Future);
    let against_tense =
        (tense.tense == Tense::Past && offset > 0) || (tense.tense == Tense::Future && offset < 0);
    let doubt = match other {
        Some((other_offset, other)) if offset != 0 => {
            let (other_distance, distance) = (other_offset.abs(), offset.abs());
            if against_tense {
                Some(format!(
                    "the year is not given; the clause's {} points to {}, but {} is much nearer the publication date and was taken",
                    tense_phrase(tense),
                    other.value(),
                    granule.value()
                ))
            } else if has_tense && other_distance * 3 < distance {
                Some(format!(
                    "the year is not given; the clause's {} points to {}, but {} is much nearer the publication date",
                    tense_phrase(tense),
                    granule.value(),
                    other.value()
                ))
            } else if !has_tense && other_distance < distance * 2 {
                Some(format!(
                    "the year is not given and no tense decides; {} is almost as near the publication date as {}",
                    other.value(),
                    granule.value()
                ))
            } else {
                None
            }
        }
        _ => None,
    };
    Some((granule, reason, doubt))
}

/// Resolves a granule whose year the text leaves out (`template`, any year), or explains why
/// it cannot.
pub fn resolve_yearless(template: Granule, anchors: &Anchors) -> Normalized {
    // A quarter, half or season is a long period the clause's event only falls in or reports
    // on ("will report third-quarter results"), so its tense is only a hint.
    let tense = match template {
        // A quarter or half is a reporting period: the latest one begun by publication,
        // unless a verb puts it in the future ("will report fourth-quarter results" is ambiguous,
        // "expects a loss in the first quarter" is not).
        Granule::Quarter { .. } | Granule::Half { .. }
            if !(anchors.tense.tense == Tense::Future && anchors.tense.strong) =>
        {
            TenseCue {
                tense: Tense::Past,
                strong: true,
                ..anchors.tense
            }
        }
        Granule::Season { .. } => TenseCue {
            strong: false,
            ..anchors.tense
        },
        _ => anchors.tense,
    };
    let yearless = || match Yearless::of(template) {
        Some(yearless) => Unplaced::Yearless(yearless),
        None => Unplaced::Written(template.value().into()),
    };
    match anchors.publication_day {
        Some(publication_day) => {
            match choose_year(
                |year| Some(template.with_year(year)),
                publication_day,
                tense,
            ) {
                Some((granule, reason, doubt)) => Normalized {
                    doubt,
                    ..Normalized::granule(granule, Basis::YearInferred, reason)
                },
                None => Normalized::unresolved(yearless(), NO_PUBLICATION_YEAR),
            }
        }
        None if anchors.publication_month_day.is_some() => {
            Normalized::unresolved(yearless(), NO_PUBLICATION_YEAR)
        }
        None => Normalized::unresolved(yearless(), NO_PUBLICATION_DATE),
    }
}

/// Two-digit years: the century that puts the year at most ten years after publication.
pub fn expand_two_digit_year(two_digits: i32, anchors: &Anchors) -> i32 {
    let reference = anchors.publication_day.map_or(2000, |days| civil(days).0);
    let century = reference.div_euclid(100) * 100;
    let year = century + two_digits;
    if year > reference + 10 {
        year - 100
    } else {
        year
    }
}
