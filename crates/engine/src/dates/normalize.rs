//! Normalization: the named groups of one recognized expression → TIMEX3 type, value and mod,
//! resolved against the publication date and the tense of the clause.
//!
//! Pure: the publication date and the article's earlier dates come in as `Anchors`; nothing
//! here reads the clock. An expression that turns out not to be a date returns `None`.

use regex::Captures;

use super::calendar::{self, Granule, civil, day_number, weekday, weekday_name};
use super::context::{Tense, TenseCue};
use super::grammar::{
    APPROX_WORDS, GRAMMAR, Kind, MODIFIER_WORDS, ORDINAL_WORDS, RELATIVE_WORDS, Unit, group,
    lookup, normalize_words,
};
use super::{Resolution, TimexMod, TimexType};
use crate::lexicon::{month_number, weekday_number};

/// What normalization knows besides the expression itself.
#[derive(Debug, Clone, Copy)]
pub struct Anchors<'a> {
    /// The publication date as a day number, when its year is known.
    pub publication_day: Option<i64>,
    /// Month and day of a publication date whose year is unknown.
    pub publication_month_day: Option<(i32, i32)>,
    /// The governing tense of the clause.
    pub tense: TenseCue<'a>,
    /// Days named explicitly elsewhere in the article (a weekday may point at one of them).
    pub named_days: &'a [i64],
    /// The previous date of the same sentence ("third-quarter profit … a year earlier").
    pub previous_in_sentence: Option<Granule>,
    /// The previous date of the article ("in 1995 … the following year").
    pub previous_in_article: Option<Granule>,
    /// The quarter or half the article last named by number: the period a business report is
    /// about, which "the quarter", "the year-ago period" and "a year ago" refer to.
    pub reporting_period: Option<Granule>,
    /// Whether that period was named earlier in the same sentence ("… third-quarter … last year").
    pub reporting_period_in_sentence: bool,
    /// Whether the sentence named, before the expression, a stretch of several months that is
    /// not a quarter ("for the nine months, … a year earlier"): the comparison is then with
    /// that stretch of the year before, which no quarter value names, so the year does.
    pub months_stretch_in_sentence: bool,
    /// Whether numeric dates of this article put the day first (03/04 = 3 April).
    pub day_first: Option<bool>,
}

/// A normalized expression before it becomes a `TemporalExpression` and diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub timex_type: TimexType,
    pub value: String,
    pub modifier: Option<TimexMod>,
    pub resolution: Resolution,
    /// The calendar unit the value names, when it names one.
    pub granule: Option<Granule>,
    /// How the value was reached, after the value itself ("the Tuesday before publication …").
    pub reason: String,
    /// Why a reader cannot be sure of the value, for an `ambiguous-date` warning.
    pub doubt: Option<String>,
    /// A part-of-day code appended to a day ("NI"), for TIME values and explicit wording.
    pub part_of_day: Option<&'static str>,
}

impl Normalized {
    fn new(timex_type: TimexType, value: String, resolution: Resolution) -> Self {
        Normalized {
            timex_type,
            value,
            modifier: None,
            resolution,
            granule: None,
            reason: String::new(),
            doubt: None,
            part_of_day: None,
        }
    }

    fn granule(granule: Granule, resolution: Resolution, reason: String) -> Self {
        Normalized {
            granule: Some(granule),
            reason,
            ..Normalized::new(TimexType::Date, granule.value(), resolution)
        }
    }

    fn unresolved(value: String, reason: &str) -> Self {
        Normalized {
            reason: reason.to_string(),
            doubt: Some(reason.to_string()),
            ..Normalized::new(TimexType::Date, value, Resolution::Unresolved)
        }
    }

    fn with_modifier(mut self, modifier: Option<TimexMod>) -> Self {
        if modifier.is_some() {
            self.modifier = modifier;
        }
        self
    }
}

const NO_PUBLICATION_DATE: &str =
    "the publication date is unknown, so the expression cannot be resolved";
const NO_PUBLICATION_YEAR: &str =
    "the publication year is unknown, so the year of the expression cannot be resolved";

pub fn mod_from_name(name: &str) -> Option<TimexMod> {
    Some(match name {
        "START" => TimexMod::Start,
        "MID" => TimexMod::Mid,
        "END" => TimexMod::End,
        "APPROX" => TimexMod::Approx,
        "MORE_THAN" => TimexMod::MoreThan,
        "LESS_THAN" => TimexMod::LessThan,
        "EQUAL_OR_MORE" => TimexMod::EqualOrMore,
        "EQUAL_OR_LESS" => TimexMod::EqualOrLess,
        _ => return None,
    })
}

fn modifier(captures: &Captures) -> Option<TimexMod> {
    group(captures, "modifier")
        .and_then(|words| lookup(MODIFIER_WORDS, words))
        .and_then(mod_from_name)
}

fn approx(captures: &Captures) -> Option<TimexMod> {
    group(captures, "approx")
        .and_then(|words| lookup(APPROX_WORDS, words))
        .and_then(mod_from_name)
}

fn relative(captures: &Captures) -> Option<(String, i32)> {
    let word = group(captures, "rel")?;
    // "that year": the unit of the date the narrative is at (see `unit_shift`).
    let anaphoric = normalize_words(word) == "that";
    lookup(RELATIVE_WORDS, word)
        .or(anaphoric.then_some(0))
        .map(|offset| (normalize_words(word), offset))
}

/// A count in digits or words: Some(Some(n)), Some(None) for "several", None if no number.
/// "twenty four" adds, "a hundred" multiplies, "2 1/2" adds the fraction.
fn number(captures: &Captures) -> Option<Option<f64>> {
    let words = normalize_words(group(captures, "number")?);
    // "a few", "a couple of", "a hundred": the article only introduces the number.
    let words = match words.split_once(' ') {
        Some(("a" | "an", rest)) => rest.to_string(),
        _ => words,
    };
    let mut total = 0.0;
    for part in words
        .split(['-', ' '])
        .filter(|part| !part.is_empty() && *part != "of")
    {
        if let Ok(value) = part.parse::<f64>() {
            total += value;
        } else if let Some((numerator, denominator)) = part.split_once('/') {
            let numerator: f64 = numerator.parse().ok()?;
            let denominator: f64 = denominator.parse().ok()?;
            total += numerator / denominator;
        } else if part == "hundred" {
            total = f64::max(total, 1.0) * 100.0;
        } else {
            match GRAMMAR.numbers.get(part) {
                Some(Some(value)) => total += f64::from(*value),
                Some(None) => return Some(None),
                None => return None,
            }
        }
    }
    if group(captures, "half").is_some() {
        total += 0.5;
    }
    Some(Some(total))
}

fn unit(captures: &Captures) -> Option<Unit> {
    let unit_match = captures.name("unit")?;
    let written = unit_match.as_str();
    // An all-capitals short word is an acronym ("the recent SEC filing"), not "sec" or "min".
    if written.len() <= 3 && written.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    // A capitalized unit inside a phrase is part of a title ("This Week with David Brinkley",
    // "60 Minutes"): in running text units are lower case.
    let starts_phrase = captures
        .get(0)
        .is_some_and(|whole| whole.start() == unit_match.start());
    if !starts_phrase && written.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let word = written.to_ascii_lowercase();
    let singular = word
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| word.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| word.clone());
    GRAMMAR
        .units
        .get(word.as_str())
        .or_else(|| GRAMMAR.units.get(singular.as_str()))
        .copied()
}

/// Month and weekday names are proper nouns: "may" and "march" in lower case are not dates.
fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn day_granule(days: i64) -> Granule {
    let (year, month, day) = civil(days);
    Granule::Day { year, month, day }
}

/// "1 day", "3 days".
fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_string()
    } else {
        format!("{count} days")
    }
}

fn describe_day(days: i64) -> String {
    day_granule(days).describe()
}

/// A number with its unit for durations: "P3Y", "PT2H", "PXD".
/// A count that reads as a year ("1988" before a singular unit names a year's period).
fn looks_like_year(count: f64) -> bool {
    count.fract() == 0.0 && (1000.0..=2100.0).contains(&count)
}

fn duration_value(count: Option<f64>, unit: Unit) -> String {
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

/// The granule of `unit` that contains `days`.
fn containing(unit: Unit, days: i64) -> Option<Granule> {
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
fn shift_by_unit(granule: Granule, unit: Unit, steps: i32) -> Option<Granule> {
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
fn coarseness(granule: Granule) -> u8 {
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
fn shift(granule: Granule, steps: i32) -> Granule {
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

fn tense_phrase(tense: TenseCue) -> String {
    let name = match tense.tense {
        Tense::Past => "past",
        Tense::Future => "future",
        Tense::Present => "present",
        Tense::Unknown => return "no tense cue".to_string(),
    };
    match tense.word {
        Some(word) => format!("{name} tense, \"{word}\""),
        None => format!("{name} tense"),
    }
}

/// Picks the year of a yearless granule ("Jan 10", "June", "the third quarter"), as
/// HeidelTime does: a past-tense clause takes the latest occurrence not after publication, a
/// future-tense clause the first not before it, and a clause without tense the nearest.
/// Returns the granule, the reasoning and any doubt.
fn choose_year(
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
        offset if offset < 0 => format!("{} before publication", days(-offset)),
        offset => format!("{} after publication", days(offset)),
    };
    let rule = match (tense.tense, tense.strong) {
        (Tense::Past, true) => "the latest such date up to",
        (Tense::Future, true) => "the first such date from",
        _ => "the nearest such date to",
    };
    let reason = format!(
        "{rule} the publication date ({}), {where_}; {}",
        describe_day(publication_day),
        tense_phrase(tense)
    );
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

/// Resolves a granule whose year the text leaves out, or explains why it cannot.
fn resolve_yearless(template: Granule, year_x_value: String, anchors: &Anchors) -> Normalized {
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
    match anchors.publication_day {
        Some(publication_day) => {
            match choose_year(
                |year| Some(template.with_year(year)),
                publication_day,
                tense,
            ) {
                Some((granule, reason, doubt)) => Normalized {
                    doubt,
                    ..Normalized::granule(granule, Resolution::Relative, reason)
                },
                None => Normalized::unresolved(year_x_value, NO_PUBLICATION_YEAR),
            }
        }
        None if anchors.publication_month_day.is_some() => {
            Normalized::unresolved(year_x_value, NO_PUBLICATION_YEAR)
        }
        None => Normalized::unresolved(year_x_value, NO_PUBLICATION_DATE),
    }
}

/// Two-digit years: the century that puts the year at most ten years after publication.
fn expand_two_digit_year(two_digits: i32, anchors: &Anchors) -> i32 {
    let reference = anchors.publication_day.map_or(2000, |days| civil(days).0);
    let century = reference.div_euclid(100) * 100;
    let year = century + two_digits;
    if year > reference + 10 {
        year - 100
    } else {
        year
    }
}

/// Normalizes one recognized expression; `None` when it is not a temporal expression after all.
pub fn normalize(kind: Kind, captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    match kind {
        Kind::Date => calendar_date(captures, anchors),
        Kind::Iso => {
            let year = group(captures, "year")?.parse().ok()?;
            let month = group(captures, "mnum")?.parse().ok()?;
            let day = group(captures, "dnum")?.parse().ok()?;
            calendar::is_valid_date(year, month, day).then(|| {
                Normalized::granule(
                    Granule::Day { year, month, day },
                    Resolution::Explicit,
                    "explicit ISO date".into(),
                )
            })
        }
        Kind::Numeric => numeric_date(captures, anchors),
        Kind::Year => {
            let year = year_number(captures)?;
            // A year in words after a month or "the winter of", as transcripts spell them:
            // "January nineteen ninety-seven", "the winter of nineteen ninety-four".
            if let Some(month_word) = group(captures, "month") {
                if !capitalized(month_word) {
                    return None;
                }
                let month = i32::from(month_number(month_word)?);
                return Some(Normalized::granule(
                    Granule::Month { year, month },
                    Resolution::Explicit,
                    "explicit month and year".into(),
                ));
            }
            if let Some(season) = group(captures, "season") {
                let season = *GRAMMAR.seasons.get(season.to_ascii_lowercase().as_str())?;
                return Some(Normalized::granule(
                    Granule::Season { year, season },
                    Resolution::Explicit,
                    "explicit season and year".into(),
                ));
            }
            Some(Normalized::granule(
                Granule::Year { year },
                Resolution::Explicit,
                "explicit year".into(),
            ))
        }
        Kind::Decade => decade(captures, anchors),
        Kind::Month => month(captures, anchors),
        Kind::Weekday => weekday_expression(captures, anchors),
        Kind::Shift => unit_shift(captures, anchors),
        Kind::Part => part_of_year(captures, anchors),
        Kind::Season => season(captures, anchors),
        Kind::Ago => ago(captures, anchors),
        Kind::Duration => {
            let unit = unit(captures)?;
            // "a half", "three-quarters": fractions, not lengths of time.
            let whole = captures.get(0)?.as_str().to_ascii_lowercase();
            if unit.code == "H" || whole.contains("-quarters") {
                return None;
            }
            // "a second term", "a second group": the ordinal (another), far more common in news
            // than a length of one second.
            if unit.code == "TS" && normalize_words(&whole) == "a second" {
                return None;
            }
            let count = number(captures).unwrap_or(None);
            // "the 1988 quarter": a year naming a period, not 1988 quarters.
            if count.is_some_and(looks_like_year) && !whole.contains('-') && !whole.ends_with('s') {
                return None;
            }
            let mut normalized = Normalized::new(
                TimexType::Duration,
                duration_value(count, unit),
                Resolution::Explicit,
            );
            normalized.modifier = approx(captures);
            normalized.reason = "a length of time".into();
            Some(normalized)
        }
        Kind::Set => set(captures),
        Kind::Time => clock_time(captures, anchors),
        Kind::PartOfDay => {
            let dayref = group(captures, "dayref").or_else(|| group(captures, "dayref2"))?;
            let pod = group(captures, "pod").or_else(|| group(captures, "pod2"))?;
            let offset = match dayref.to_ascii_lowercase().as_str() {
                "yesterday" | "last" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            let code = *GRAMMAR
                .parts_of_day
                .get(pod.to_ascii_lowercase().as_str())?;
            Some(day_relative(offset, Some(code), anchors))
        }
        Kind::Reference => reference(captures, anchors),
        Kind::Holiday => holiday(captures, anchors),
    }
}

/// A year in digits, or in words ("nineteen ninety-six", "two thousand and one").
fn year_number(captures: &Captures) -> Option<i32> {
    if let Some(digits) = group(captures, "year") {
        return digits.parse().ok();
    }
    let tens = group(captures, "tens")
        .or_else(|| group(captures, "units"))
        .map_or(Some(0.0), |words| {
            let mut total = 0.0;
            for part in normalize_words(words).split(['-', ' ']) {
                if part == "hundred" {
                    return Some(0.0);
                }
                total += f64::from((*GRAMMAR.numbers.get(part)?)?);
            }
            Some(total)
        })? as i32;
    if group(captures, "thousands").is_some() {
        return Some(2000 + tens);
    }
    let hundreds = match group(captures, "hundreds")?.to_ascii_lowercase().as_str() {
        "eighteen" => 1800,
        _ => 1900,
    };
    Some(hundreds + tens)
}

fn calendar_date(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let month_word = group(captures, "month")?;
    if !capitalized(month_word) {
        return None;
    }
    let month = i32::from(month_number(month_word)?);
    let year: Option<i32> = group(captures, "year").and_then(|year| year.parse().ok());
    let Some(day_text) = group(captures, "day") else {
        // "December 2021".
        let year = year?;
        return Some(Normalized::granule(
            Granule::Month { year, month },
            Resolution::Explicit,
            "explicit month and year".into(),
        ));
    };
    let day: i32 = day_text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    if !calendar::is_valid_date(year.unwrap_or(2000), month, day) {
        return None;
    }
    let mut normalized = match year {
        Some(year) => Normalized::granule(
            Granule::Day { year, month, day },
            Resolution::Explicit,
            "explicit date".into(),
        ),
        None => {
            // "Saturday, April 25": the weekday picks the year among those near publication.
            let named_weekday = group(captures, "weekday").and_then(weekday_number);
            let by_weekday =
                named_weekday
                    .zip(anchors.publication_day)
                    .and_then(|(named, publication_day)| {
                        choose_year(
                            |year| {
                                (calendar::is_valid_date(year, month, day)
                                    && weekday(day_number(year, month, day)) == i32::from(named))
                                .then_some(Granule::Day { year, month, day })
                            },
                            publication_day,
                            anchors.tense,
                        )
                    });
            match by_weekday {
                Some((granule, reason, _)) => Normalized::granule(
                    granule,
                    Resolution::Relative,
                    format!(
                        "the year near publication in which it falls on the weekday named: {reason}"
                    ),
                ),
                None => resolve_yearless(
                    Granule::Day {
                        year: 2000,
                        month,
                        day,
                    },
                    format!("XXXX-{month:02}-{day:02}"),
                    anchors,
                ),
            }
        }
    };
    // A weekday beside the date must agree with it.
    if let (Some(weekday_word), Some(Granule::Day { year, month, day })) =
        (group(captures, "weekday"), normalized.granule)
        && let Some(named) = weekday_number(weekday_word)
    {
        let actual = weekday(day_number(year, month, day));
        if actual != i32::from(named) {
            normalized.doubt = Some(format!(
                "{day} {} {year} was a {}, not a {}",
                calendar::month_name(month),
                weekday_name(actual),
                weekday_name(i32::from(named))
            ));
        }
    }
    Some(normalized)
}

fn numeric_date(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if group(captures, "sep")? != group(captures, "sep2")? {
        return None;
    }
    let first: i32 = group(captures, "first")?.parse().ok()?;
    let second: i32 = group(captures, "second")?.parse().ok()?;
    let year_text = group(captures, "yy")?;
    let mut doubts = Vec::new();
    let year = if year_text.len() == 2 {
        let year = expand_two_digit_year(year_text.parse().ok()?, anchors);
        doubts.push(format!(
            "the two-digit year '{year_text}' was read as {year}"
        ));
        year
    } else {
        year_text.parse().ok()?
    };
    let (month, day) = match (first <= 12, second <= 12) {
        (true, false) => (first, second),
        (false, true) => (second, first),
        (false, false) => return None,
        (true, true) if first == second => (first, second),
        (true, true) => {
            let day_first = anchors.day_first.unwrap_or(false);
            let (month, day) = if day_first {
                (second, first)
            } else {
                (first, second)
            };
            doubts.push(format!(
                "the day/month order cannot be decided: {first} {} or {second} {}; read {} (the {} order{})",
                calendar::month_name(second),
                calendar::month_name(first),
                if day_first { "day first" } else { "month first" },
                if day_first { "day-month" } else { "month-day" },
                if anchors.day_first.is_some() {
                    ", as in this article's other numeric dates"
                } else {
                    ", the US convention"
                }
            ));
            (month, day)
        }
    };
    if !calendar::is_valid_date(year, month, day) {
        return None;
    }
    let mut normalized = Normalized::granule(
        Granule::Day { year, month, day },
        Resolution::Explicit,
        "numeric date".into(),
    );
    if !doubts.is_empty() {
        normalized.doubt = Some(doubts.join("; "));
    }
    Some(normalized)
}

/// Decades in words ("the nineties") and their digit.
const DECADE_WORDS: &[(&str, i32)] = &[
    ("twenties", 2),
    ("thirties", 3),
    ("forties", 4),
    ("fifties", 5),
    ("sixties", 6),
    ("seventies", 7),
    ("eighties", 8),
    ("nineties", 9),
];

fn decade(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    // "the 20th century" is the 1900s: TIMEX3 writes a century as its hundreds digits ("19").
    if let Some(ordinal) = group(captures, "ordcentury") {
        let ordinal: i32 = ordinal.parse().ok()?;
        return Some(
            Normalized::granule(
                Granule::Century {
                    century: ordinal - 1,
                },
                Resolution::Explicit,
                "a century".into(),
            )
            .with_modifier(modifier(captures)),
        );
    }
    let digit: i32 = match group(captures, "decadeword") {
        // "the nineties": the tens word names the decade's digit; without the article it is
        // an age ("in his sixties").
        Some(word) if group(captures, "article").is_some() => lookup(DECADE_WORDS, word)?,
        Some(_) => return None,
        None => group(captures, "decade")?.parse().ok()?,
    };
    let decade = match group(captures, "century") {
        Some(century) => century.parse::<i32>().ok()? * 10 + digit,
        None => {
            // "the '80s": the latest such decade not after publication.
            let year = anchors.publication_day.map_or(1999, |days| civil(days).0);
            let decade = year.div_euclid(100) * 10 + digit;
            if decade * 10 > year {
                decade - 10
            } else {
                decade
            }
        }
    };
    Some(
        Normalized::granule(
            Granule::Decade { decade },
            Resolution::Explicit,
            "a decade".into(),
        )
        .with_modifier(modifier(captures)),
    )
}

fn month(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let month_word = group(captures, "month")?;
    if !capitalized(month_word) {
        return None;
    }
    let month = i32::from(month_number(month_word)?);
    let template = Granule::Month { year: 2000, month };
    let unresolved = format!("XXXX-{month:02}");
    let modifier = modifier(captures);
    let Some(publication_day) = anchors.publication_day else {
        return Some(resolve_yearless(template, unresolved, anchors).with_modifier(modifier));
    };
    let (publication_year, publication_month, _) = civil(publication_day);
    let described = describe_day(publication_day);
    if let Some(year_word) = group(captures, "yearrel") {
        let delta = match year_word.to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let year = publication_year + delta;
        return Some(
            Normalized::granule(
                Granule::Month { year, month },
                Resolution::Relative,
                format!("{year_word} year, from the publication date ({described})"),
            )
            .with_modifier(modifier),
        );
    }
    let normalized = match relative(captures) {
        Some((word, offset)) if offset != 0 => {
            // "next June" is the first June after the publication month, "last June" the last before.
            let year = if offset > 0 {
                if month > publication_month {
                    publication_year
                } else {
                    publication_year + 1
                }
            } else if month < publication_month {
                publication_year
            } else {
                publication_year - 1
            };
            Normalized::granule(
                Granule::Month { year, month },
                Resolution::Relative,
                format!(
                    "\"{word}\" {}, counted from the publication date ({described})",
                    calendar::month_name(month)
                ),
            )
        }
        Some((word, _)) => Normalized::granule(
            Granule::Month {
                year: publication_year,
                month,
            },
            Resolution::Relative,
            format!("\"{word}\" means the publication year ({described})"),
        ),
        None => resolve_yearless(template, unresolved, anchors),
    };
    Some(normalized.with_modifier(modifier))
}

fn weekday_expression(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let weekday_word = group(captures, "weekday")?;
    if !capitalized(weekday_word) {
        return None;
    }
    let named = i32::from(weekday_number(weekday_word)?);
    let part_of_day = group(captures, "pod")
        .and_then(|word| GRAMMAR.parts_of_day.get(word.to_ascii_lowercase().as_str()))
        .copied();
    let Some((day, reason, doubt)) = weekday_day(named, captures, anchors) else {
        let reason = if anchors.publication_month_day.is_some() {
            NO_PUBLICATION_YEAR
        } else {
            NO_PUBLICATION_DATE
        };
        let mut normalized = Normalized::unresolved(format!("XXXX-WXX-{named}"), reason);
        normalized.part_of_day = part_of_day;
        return Some(normalized);
    };
    // A weekday with "morning" or "night" ("Friday night") is annotated in news corpora as the
    // day itself (TimeBank/TempEval-3 mostly give DATE with the plain day: the night is how
    // the day is told, often tagged apart), so that part of day is kept for the explanation
    // only. "Friday evening", "Friday afternoon" name a time of that day: TIME, 1989-10-27TEV.
    let mut normalized = Normalized::granule(day_granule(day), Resolution::Relative, reason);
    normalized.doubt = doubt;
    normalized.part_of_day = part_of_day;
    if let Some(code @ ("EV" | "AF")) = part_of_day {
        normalized.timex_type = TimexType::Time;
        normalized.value = format!("{}T{code}", normalized.value);
    }
    Some(normalized)
}

/// The day a weekday names: "next"/"last" count from publication; otherwise a day the article
/// names explicitly, else the tense of the clause chooses the one before or after publication.
/// Returns the day, the reasoning and any doubt; `None` without a publication date.
fn weekday_day(
    named: i32,
    captures: &Captures,
    anchors: &Anchors,
) -> Option<(i64, String, Option<String>)> {
    let publication_day = anchors.publication_day?;
    let publication_weekday = weekday(publication_day);
    let back = i64::from((publication_weekday - named).rem_euclid(7));
    let ahead = i64::from((named - publication_weekday).rem_euclid(7));
    let described = describe_day(publication_day);
    let name = weekday_name(named);
    // "Wednesday's ruling", "Friday's close": news names a reported event by its day, and an
    // event already reported on is past, whatever the tense of the clause around it.
    let possessive = group(captures, "possessive").is_some();
    let tense = if possessive {
        Tense::Past
    } else {
        anchors.tense.tense
    };
    let tense_note = if possessive {
        "a day named for an event already reported".to_string()
    } else {
        tense_phrase(anchors.tense)
    };
    // "the previous Friday", "the following Monday": counted from the day the narrative is
    // at (the day the article last named), not from publication.
    let narrative_day = anchors
        .previous_in_article
        .and_then(|granule| match granule {
            Granule::Day { year, month, day } => Some(day_number(year, month, day)),
            _ => None,
        });
    let resolved = match (relative(captures), narrative_day) {
        (Some((word, offset)), Some(from))
            if matches!(word.as_str(), "previous" | "prior" | "following") =>
        {
            let from_weekday = weekday(from);
            let day = if offset > 0 {
                from + i64::from((named - from_weekday - 1).rem_euclid(7) + 1)
            } else {
                from - i64::from((from_weekday - named - 1).rem_euclid(7) + 1)
            };
            (
                day,
                format!(
                    "\"{word} {name}\": counted from {}, the day the article last named",
                    describe_day(from)
                ),
                None,
            )
        }
        _ => match relative(captures) {
            Some((word, offset)) if offset > 0 => (
                publication_day + if ahead == 0 { 7 } else { ahead },
                format!("\"{word} {name}\": the first {name} after publication ({described})"),
                None,
            ),
            Some((word, offset)) if offset < 0 => (
                publication_day - if back == 0 { 7 } else { back },
                format!("\"{word} {name}\": the last {name} before publication ({described})"),
                None,
            ),
            _ => {
                // A date named in the article that falls on this weekday within a week of
                // publication is what the weekday refers to, when the clause's tense agrees or
                // the weekday is used as a name ("the Tuesday call" after "7 December").
                let definite = group(captures, "determiner").is_some();
                let named_day = anchors.named_days.iter().copied().find(|day| {
                    let agrees = match tense {
                        Tense::Past => *day <= publication_day,
                        Tense::Future => *day >= publication_day,
                        Tense::Present | Tense::Unknown => true,
                    };
                    weekday(*day) == named
                        && (day - publication_day).abs() <= 7
                        && (agrees || definite)
                });
                match named_day {
                    Some(day) => (
                        day,
                        format!(
                            "the {name} named as {} elsewhere in the article",
                            describe_day(day)
                        ),
                        None,
                    ),
                    None if tense == Tense::Future => (
                        publication_day + ahead,
                        format!(
                            "the {name} {} publication ({described}); {}",
                            if ahead == 0 { "of" } else { "after" },
                            tense_note
                        ),
                        None,
                    ),
                    // No tense at all ("Arafat meet separately Monday"): the nearer of the two,
                    // the one before on a tie.
                    None if tense == Tense::Unknown && ahead < back => (
                        publication_day + ahead,
                        format!(
                            "the {name} after publication ({described}), nearer than the one before; {tense_note}"
                        ),
                        Some(format!(
                            "no past or future tense decides between the {name} before and the {name} after publication ({described}); the nearer one, after, was taken"
                        )),
                    ),
                    None => {
                        let doubt = (tense != Tense::Past && back != 0).then(|| {
                        format!(
                            "no past or future tense decides between the {name} before and the {name} after publication ({described}); the one before was taken"
                        )
                    });
                        (
                            publication_day - back,
                            format!(
                                "the {name} {} publication ({described}); {}",
                                if back == 0 { "of" } else { "before" },
                                tense_note
                            ),
                            doubt,
                        )
                    }
                }
            }
        },
    };
    Some(resolved)
}

/// "the year-ago period", "year-earlier": the reporting period the article last named (else
/// the last complete quarter before publication), a year earlier for the year-ago words.
fn reporting_period(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let (word, steps) = relative(captures).unwrap_or_else(|| ("the".to_string(), 0));
    // A day the article named ("the six months ended Oct. 1") is not a period it reports on.
    let named_period = anchors.previous_in_article.filter(|previous| {
        !matches!(previous, Granule::Day { .. }) || anchors.reporting_period.is_some()
    });
    let (period, source) = match anchors.reporting_period.or(named_period) {
        Some(previous) => (
            previous,
            format!("{}, the period the article last named", previous.describe()),
        ),
        None => {
            let publication_day = anchors.publication_day?;
            let quarter = shift(containing(Unit { code: "Q" }, publication_day)?, -1);
            (
                quarter,
                format!(
                    "{}, the last complete quarter before publication",
                    quarter.describe()
                ),
            )
        }
    };
    // "for the nine months, … the year-earlier period": that stretch of the year before, which
    // only the year can name.
    let period = if anchors.months_stretch_in_sentence
        && let (Granule::Quarter { .. } | Granule::Half { .. }, Some(year)) =
            (period, period.year())
    {
        Granule::Year { year }
    } else {
        period
    };
    let explicit_year: Option<i32> = group(captures, "year").and_then(|year| year.parse().ok());
    let granule = match (explicit_year, period.year()) {
        // "the 1988 period": the reporting period in that year.
        (Some(year), Some(_)) => period.with_year(year),
        (Some(year), None) => Granule::Year { year },
        (None, Some(year)) if steps == -4 => period.with_year(year - 1),
        (None, None) if steps == -4 => shift(period, -1),
        (None, _) => period,
    };
    Some(Normalized::granule(
        granule,
        Resolution::Relative,
        format!("\"{word}\": counted from {source}"),
    ))
}

/// "By year-end": the end (TIMEX3 mod END) of the publication year, or of the year before
/// for "since year-end"; "year-end" without a preposition is not a date ("year-end results").
fn year_end(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let preposition = normalize_words(group(captures, "prep")?);
    if !matches!(
        preposition.as_str(),
        "by" | "around"
            | "at"
            | "before"
            | "until"
            | "till"
            | "since"
            | "through"
            | "after"
            | "near"
            | "toward"
            | "towards"
    ) {
        return None;
    }
    let Some(publication_day) = anchors.publication_day else {
        return Some(
            Normalized::unresolved("XXXX".into(), NO_PUBLICATION_DATE)
                .with_modifier(Some(TimexMod::End)),
        );
    };
    let (publication_year, _, _) = civil(publication_day);
    let (year, reason) = if preposition == "since" {
        (
            publication_year - 1,
            "\"since year-end\": the last end of a year before publication",
        )
    } else {
        (publication_year, "the end of the year of publication")
    };
    Some(
        Normalized::granule(
            Granule::Year { year },
            Resolution::Relative,
            format!("{reason} ({})", describe_day(publication_day)),
        )
        .with_modifier(Some(TimexMod::End)),
    )
}

/// A stretch of several months that is not a quarter nor a year ("the nine months"), as
/// business reports compare them with the same months of the year before.
pub fn is_months_stretch(normalized: &Normalized) -> bool {
    normalized.timex_type == TimexType::Duration
        && normalized
            .value
            .strip_prefix('P')
            .and_then(|rest| rest.strip_suffix('M'))
            .and_then(|count| count.parse::<u32>().ok())
            .is_some_and(|months| months > 3 && months < 12)
}

fn unit_shift(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if captures.name("unit").is_none() {
        return reporting_period(captures, anchors);
    }
    let unit = unit(captures)?;
    // "the year ended March 31": the fiscal year closing then, reported as a stretch of twelve
    // months (TimeBank annotates it DURATION P1Y), whatever calendar year it falls in.
    if group(captures, "ending").is_some() && unit.code == "Y" {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            duration_value(Some(1.0), unit),
            Resolution::Explicit,
        );
        normalized.reason = "a fiscal year named by the day it ends: a length of time".into();
        return Some(normalized);
    }
    let modifier = modifier(captures);
    let relative = relative(captures);
    let offset = relative.as_ref().map(|(_, offset)| *offset);
    // "the past decade", "the last hour": a stretch of time, not a calendar unit.
    if unit.is_time() || (matches!(unit.code, "DE" | "CE") && offset.is_some_and(|o| o < 0)) {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            duration_value(Some(1.0), unit),
            Resolution::Explicit,
        );
        normalized.reason = "a length of time".into();
        return Some(normalized);
    }
    let Some(publication_day) = anchors.publication_day else {
        let value = match unit.code {
            "Y" => "XXXX".to_string(),
            "M" => "XXXX-XX".to_string(),
            "W" => "XXXX-WXX".to_string(),
            "D" => "XXXX-XX-XX".to_string(),
            "Q" => "XXXX-QX".to_string(),
            "WE" => "XXXX-WXX-WE".to_string(),
            _ => "XXXX".to_string(),
        };
        return Some(Normalized::unresolved(value, NO_PUBLICATION_DATE).with_modifier(modifier));
    };
    let current = containing(unit, publication_day)?;
    let described = describe_day(publication_day);
    let future = anchors.tense.tense == Tense::Future;
    // "the following year", "the previous day", "that same month", "later that year" count
    // from the date the narrative is at, not from publication: the unit that contains it
    // ("in June 1998 … later that year" is 1998), or, for the ordinal words, a unit counted
    // from a coarser date ("in 1995 … the following month").
    let anaphoric = relative.as_ref().is_some_and(|(word, _)| word == "that");
    if anaphoric
        && anchors
            .previous_in_article
            .is_some_and(|previous| coarseness(previous) > coarseness(current))
    {
        // "that day" after only a year or a month points at no datable day.
        return None;
    }
    if let Some((word, steps)) = &relative
        && matches!(
            word.as_str(),
            "following" | "previous" | "prior" | "same" | "that"
        )
        && let Some(previous) = anchors.previous_in_article
        && (coarseness(previous) <= coarseness(current) || !anaphoric)
    {
        let (first_day, _) = previous.bounds();
        let base = containing(unit, first_day)?;
        return Some(
            Normalized::granule(
                shift(base, *steps),
                Resolution::Relative,
                format!(
                    "\"{word}\", counted from {}, the date the article last named",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "third-quarter profit rose from $5 million last year": that quarter of last year.
    if let (Some((word, -1)), "Y", true, Some(period)) = (
        &relative,
        unit.code,
        anchors.reporting_period_in_sentence && !anchors.months_stretch_in_sentence,
        anchors.reporting_period,
    ) && let Some(year) = period.year()
    {
        return Some(Normalized::granule(
            period.with_year(year - 1),
            Resolution::Relative,
            format!(
                "\"{word} year\" beside {}: that period a year before",
                period.describe()
            ),
        ));
    }
    let (granule, reason) = match relative {
        Some((word, -4)) => {
            // "the year-ago quarter": the same unit one year before the one reported on.
            let reported = if let Some(previous @ Granule::Quarter { .. }) = anchors
                .reporting_period
                .or(anchors.previous_in_article)
                .filter(|_| unit.code == "Q")
            {
                previous
            } else if unit.code == "Q" && !future {
                shift(current, -1)
            } else {
                current
            };
            let granule = match reported.year() {
                Some(year) => reported.with_year(year - 1),
                None => shift(reported, -1),
            };
            (
                granule,
                format!("\"{word}\": one year before, counted from publication ({described})"),
            )
        }
        Some((word, steps)) => (
            shift(current, steps),
            match steps {
                0 => format!("\"{word}\": the one containing the publication date ({described})"),
                1 => format!("\"{word}\": the one after the publication date ({described})"),
                _ => format!("\"{word}\": the one before the publication date ({described})"),
            },
        ),
        None if unit.code == "Q" && anchors.reporting_period.is_some() => (
            anchors.reporting_period.unwrap_or(current),
            "the quarter the article reports on".to_string(),
        ),
        None if unit.code == "Q" && !future => (
            shift(current, -1),
            format!(
                "the quarter reported on: the last complete quarter before publication ({described})"
            ),
        ),
        None if unit.code == "WE" => {
            let weekday_now = weekday(publication_day);
            let steps = if weekday_now >= 6 || future { 0 } else { -1 };
            (
                shift(current, steps),
                format!("the weekend nearest publication ({described}) in the clause's tense"),
            )
        }
        None => (
            current,
            format!("the one containing the publication date ({described})"),
        ),
    };
    Some(Normalized::granule(granule, Resolution::Relative, reason).with_modifier(modifier))
}

fn part_of_year(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let half = group(captures, "unit")?.eq_ignore_ascii_case("half");
    let ordinal = match group(captures, "final") {
        // "the last half of 1989", "the latter half": the final one of the year; "the last
        // quarter" without a year is the one before publication (a shift, not this).
        Some(word) => {
            let of_year = captures.name("year2").is_some();
            if !of_year && !word.eq_ignore_ascii_case("latter") {
                return None;
            }
            if half { 2 } else { 4 }
        }
        None => lookup(ORDINAL_WORDS, group(captures, "ordinal")?)?,
    };
    if half && ordinal > 2 {
        return None;
    }
    let make = |year: i32| {
        if half {
            Granule::Half {
                year,
                half: ordinal,
            }
        } else {
            Granule::Quarter {
                year,
                quarter: ordinal,
            }
        }
    };
    let explicit_year: Option<i32> = group(captures, "year")
        .or_else(|| group(captures, "year2"))
        .and_then(|year| year.parse().ok());
    if let Some(year) = explicit_year {
        return Some(Normalized::granule(
            make(year),
            Resolution::Explicit,
            "explicit year".into(),
        ));
    }
    let unresolved = if half {
        format!("XXXX-H{ordinal}")
    } else {
        format!("XXXX-Q{ordinal}")
    };
    let Some(publication_day) = anchors.publication_day else {
        return Some(resolve_yearless(make(2000), unresolved, anchors));
    };
    let (publication_year, _, _) = civil(publication_day);
    let described = describe_day(publication_day);
    let year_delta =
        group(captures, "yearrel").map(|word| match word.to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
    if let Some(delta) = year_delta {
        return Some(Normalized::granule(
            make(publication_year + delta),
            Resolution::Relative,
            format!("counted from the publication year ({described})"),
        ));
    }
    match relative(captures) {
        Some((word, -4)) => {
            let (granule, reason, doubt) =
                choose_year(|year| Some(make(year)), publication_day, anchors.tense)?;
            let granule = granule.with_year(granule.year().unwrap_or(publication_year) - 1);
            Some(Normalized {
                doubt,
                ..Normalized::granule(
                    granule,
                    Resolution::Relative,
                    format!("\"{word}\": a year before {reason}"),
                )
            })
        }
        Some((word, offset)) => Some(Normalized::granule(
            make(publication_year + offset.signum()),
            Resolution::Relative,
            format!("\"{word}\", counted from the publication year ({described})"),
        )),
        None => Some(resolve_yearless(make(2000), unresolved, anchors)),
    }
}

fn season(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    if captures.name("yearend").is_some() {
        return year_end(captures, anchors);
    }
    let code = *GRAMMAR
        .seasons
        .get(group(captures, "season")?.to_ascii_lowercase().as_str())?;
    let modifier = modifier(captures);
    let template = Granule::Season {
        year: 2000,
        season: code,
    };
    if let Some(year) = group(captures, "year").and_then(|year| year.parse().ok()) {
        return Some(
            Normalized::granule(
                Granule::Season { year, season: code },
                Resolution::Explicit,
                "explicit season and year".into(),
            )
            .with_modifier(modifier),
        );
    }
    let Some(publication_day) = anchors.publication_day else {
        return Some(
            resolve_yearless(template, format!("XXXX-{code}"), anchors).with_modifier(modifier),
        );
    };
    let (publication_year, _, _) = civil(publication_day);
    let described = describe_day(publication_day);
    let candidates: Vec<Granule> = (-1..=1)
        .map(|delta| template.with_year(publication_year + delta))
        .collect();
    let normalized = match relative(captures) {
        Some((word, offset)) => {
            let chosen = match offset.signum() {
                1 => candidates
                    .iter()
                    .copied()
                    .find(|season| season.offset_from(publication_day) > 0),
                -1 => candidates
                    .iter()
                    .rev()
                    .copied()
                    .find(|season| season.offset_from(publication_day) < 0),
                _ => candidates
                    .iter()
                    .copied()
                    .find(|season| season.year() == Some(publication_year)),
            }?;
            Normalized::granule(
                chosen,
                Resolution::Relative,
                format!("\"{word}\", counted from the publication date ({described})"),
            )
        }
        None => resolve_yearless(template, format!("XXXX-{code}"), anchors),
    };
    Some(normalized.with_modifier(modifier))
}

fn ago(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let unit = unit(captures)?;
    let count = number(captures)?;
    let direction = normalize_words(group(captures, "direction")?);
    let sign = if matches!(direction.as_str(), "ago" | "earlier") {
        -1
    } else {
        1
    };
    let modifier = approx(captures);
    // "three days later", "an hour earlier": TimeML annotates the length of time (DURATION
    // P3D), "later" being only the signal that relates it to an event. Years and quarters
    // stay dates: "a year earlier" in a report names the comparable period.
    if matches!(direction.as_str(), "earlier" | "later")
        && (matches!(unit.code, "D" | "W") || unit.is_time())
    {
        let mut normalized = Normalized::new(
            TimexType::Duration,
            duration_value(count, unit),
            Resolution::Explicit,
        );
        normalized.modifier = modifier;
        normalized.reason = format!("a length of time, \"{direction}\" relating it to an event");
        return Some(normalized);
    }
    let Some(count) = count else {
        let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return Some(
            Normalized::new(TimexType::Date, value.into(), Resolution::Relative)
                .with_modifier(modifier),
        );
    };
    let Some(publication_day) = anchors.publication_day else {
        return Some(
            Normalized::unresolved("XXXX-XX-XX".into(), NO_PUBLICATION_DATE)
                .with_modifier(modifier),
        );
    };
    let steps = (count as i32) * sign;
    // "for the nine months, … a year earlier": that stretch of the year before, which no
    // quarter names; the year does. A day named in the sentence ("the six months ended
    // Aug. 12") is still the anchor, below.
    if unit.code == "Y"
        && steps.abs() == 1
        && anchors.months_stretch_in_sentence
        && let Some(previous) = anchors.reporting_period.or(anchors.previous_in_sentence)
        && let (Granule::Quarter { .. } | Granule::Half { .. } | Granule::Year { .. }, Some(year)) =
            (previous, previous.year())
    {
        return Some(
            Normalized::granule(
                Granule::Year { year: year + steps },
                Resolution::Relative,
                format!(
                    "{count} year(s) {direction} than the months of {year} the sentence reports on"
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "a year ago" in a report on the third quarter means that quarter a year before. Only a
    // single year compares periods so; "41 years ago" after "early December" in the same
    // sentence is a year counted from publication, not that December 41 years before.
    if unit.code == "Y"
        && steps.abs() == 1
        && let Some(previous) = anchors.reporting_period.or(anchors.previous_in_sentence)
        && let (Granule::Quarter { .. } | Granule::Half { .. } | Granule::Month { .. }, Some(year)) =
            (previous, previous.year())
    {
        return Some(
            Normalized::granule(
                previous.with_year(year + steps),
                Resolution::Relative,
                format!(
                    "{count} year(s) {direction} than {}, the period the article reports on",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    // "earlier" and "later" count from a date named before them in the sentence ("on Nov. 2,
    // … a year earlier"), "ago" from publication.
    if matches!(direction.as_str(), "earlier" | "later")
        && let Some(previous) = anchors.previous_in_sentence
        && let Some(moved) = shift_by_unit(previous, unit, steps)
    {
        return Some(
            Normalized::granule(
                moved,
                Resolution::Relative,
                format!(
                    "{direction}, counted from {}, the date named before it in the sentence",
                    previous.describe()
                ),
            )
            .with_modifier(modifier),
        );
    }
    let (base, steps) = match unit.code {
        "DE" => (
            Granule::Year {
                year: civil(publication_day).0,
            },
            steps * 10,
        ),
        "CE" => (
            Granule::Year {
                year: civil(publication_day).0,
            },
            steps * 100,
        ),
        code if code.starts_with('T') => (day_granule(publication_day), 0),
        _ => (containing(unit, publication_day)?, steps),
    };
    Some(
        Normalized::granule(
            shift(base, steps),
            Resolution::Relative,
            format!(
                "{direction}, counted from the publication date ({})",
                describe_day(publication_day)
            ),
        )
        .with_modifier(modifier),
    )
}

fn set(captures: &Captures) -> Option<Normalized> {
    let value = if let Some(adverb) = group(captures, "adverb") {
        match adverb.to_ascii_lowercase().as_str() {
            "daily" | "nightly" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "quarterly" => "P3M",
            "hourly" => "PT1H",
            _ => "P1Y",
        }
        .to_string()
    } else if let Some(weekday_word) = group(captures, "weekday") {
        format!("XXXX-WXX-{}", weekday_number(weekday_word)?)
    } else if let Some(month_word) = group(captures, "month") {
        // "each July": that month of every year ("each may" is the verb).
        if !capitalized(month_word) {
            return None;
        }
        format!("XXXX-{:02}", month_number(month_word)?)
    } else {
        let unit = unit(captures)?;
        let mut count = number(captures).unwrap_or(Some(1.0));
        if captures
            .get(0)?
            .as_str()
            .to_ascii_lowercase()
            .contains("other")
        {
            count = count.map(|count| count * 2.0);
        }
        duration_value(count, unit)
    };
    let mut normalized = Normalized::new(TimexType::Set, value, Resolution::Explicit);
    normalized.reason = "a recurring time".into();
    Some(normalized)
}

fn clock_time(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let (hour, minute) = if let Some(noon) = group(captures, "noon") {
        if noon.eq_ignore_ascii_case("noon") || noon.eq_ignore_ascii_case("midday") {
            (12, 0)
        } else {
            (24, 0)
        }
    } else {
        let mut hour: i32 = group(captures, "hour")?.parse().ok()?;
        let minute: i32 = group(captures, "minute").map_or(Some(0), |m| m.parse().ok())?;
        if let Some(ampm) = group(captures, "ampm") {
            if !(1..=12).contains(&hour) {
                return None;
            }
            let afternoon = ampm.to_ascii_lowercase().starts_with('p');
            if afternoon && hour < 12 {
                hour += 12;
            } else if !afternoon && hour == 12 {
                hour = 0;
            }
        } else if hour > 24 {
            return None;
        }
        (hour, minute)
    };
    let clock = format!("T{hour:02}:{minute:02}");
    if captures.name("month").is_some() {
        // "5 p.m. EST Nov. 9": the clock time on that date.
        let date = calendar_date(captures, anchors)?;
        let value = match date.granule {
            Some(granule) => format!("{}{clock}", granule.value()),
            None => format!("{}{clock}", date.value),
        };
        return Some(Normalized {
            timex_type: TimexType::Time,
            value,
            ..date
        });
    }
    if let Some(weekday_word) = group(captures, "weekday") {
        let named = i32::from(weekday_number(weekday_word)?);
        let normalized = match weekday_day(named, captures, anchors) {
            Some((day, reason, doubt)) => Normalized {
                doubt,
                reason,
                ..Normalized::new(
                    TimexType::Time,
                    format!("{}{clock}", day_granule(day).value()),
                    Resolution::Relative,
                )
            },
            None => Normalized {
                timex_type: TimexType::Time,
                ..Normalized::unresolved(format!("XXXX-WXX-{named}{clock}"), NO_PUBLICATION_DATE)
            },
        };
        return Some(normalized);
    }
    // A bare clock time ("at 10 p.m.") is on the day the narrative last named, as TimeML
    // anchors it to the reference time; without such a day, on the publication date.
    let named_day = anchors
        .previous_in_sentence
        .or(anchors.previous_in_article)
        .filter(|granule| matches!(granule, Granule::Day { .. }));
    if let (Some(day), Some(_)) = (named_day, anchors.publication_day) {
        let mut normalized = Normalized::new(
            TimexType::Time,
            format!("{}{clock}", day.value()),
            Resolution::Relative,
        );
        normalized.reason = format!("a time on the day last named ({})", day.value());
        return Some(normalized);
    }
    Some(match anchors.publication_day {
        Some(days) => {
            let mut normalized = Normalized::new(
                TimexType::Time,
                format!("{}{clock}", day_granule(days).value()),
                Resolution::Relative,
            );
            normalized.reason = format!("a time on the publication date ({})", describe_day(days));
            normalized
        }
        None => Normalized {
            timex_type: TimexType::Time,
            ..Normalized::unresolved(format!("XXXX-XX-XX{clock}"), NO_PUBLICATION_DATE)
        },
    })
}

/// A day counted from the publication date, with an optional part of day ("yesterday", "tonight").
fn day_relative(offset: i64, part_of_day: Option<&'static str>, anchors: &Anchors) -> Normalized {
    let timex_type = if part_of_day.is_some() {
        TimexType::Time
    } else {
        TimexType::Date
    };
    let suffix = part_of_day
        .map(|code| format!("T{code}"))
        .unwrap_or_default();
    let mut normalized = match anchors.publication_day {
        Some(days) => {
            let mut normalized = Normalized::granule(
                day_granule(days + offset),
                Resolution::Relative,
                match offset {
                    0 => format!("the publication date ({})", describe_day(days)),
                    -1 => format!("the day before publication ({})", describe_day(days)),
                    1 => format!("the day after publication ({})", describe_day(days)),
                    _ => format!(
                        "{} {} publication ({})",
                        self::days(offset.abs()),
                        if offset < 0 { "before" } else { "after" },
                        describe_day(days)
                    ),
                },
            );
            normalized.value.push_str(&suffix);
            normalized
        }
        None => Normalized::unresolved(format!("XXXX-XX-XX{suffix}"), NO_PUBLICATION_DATE),
    };
    normalized.timex_type = timex_type;
    normalized.part_of_day = part_of_day;
    normalized
}

fn reference(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let phrase = normalize_words(group(captures, "reference")?);
    let reference = GRAMMAR.references.get(phrase.as_str())?;
    let modifier = modifier(captures);
    let mut rule = reference.rule.split_whitespace();
    let head = rule.next()?;
    let normalized = if let Some(offset) = head.strip_prefix("day") {
        let offset: i64 = offset.trim_start_matches('+').parse().ok()?;
        let part_of_day = rule
            .next()
            .map(|code| code.trim_start_matches('T'))
            .and_then(|code| {
                GRAMMAR
                    .parts_of_day
                    .values()
                    .copied()
                    .find(|known| *known == code)
            });
        day_relative(offset, part_of_day, anchors)
    } else {
        let mut normalized = Normalized::new(
            if reference.time {
                TimexType::Time
            } else if reference.duration {
                TimexType::Duration
            } else {
                TimexType::Date
            },
            head.to_string(),
            Resolution::Relative,
        );
        normalized.reason = match head {
            _ if reference.duration => "an unspecified stretch of time up to publication",
            "PRESENT_REF" => "the present, as of publication",
            "PAST_REF" => "an unspecified time before publication",
            _ => "an unspecified time after publication",
        }
        .into();
        normalized
    };
    Some(normalized.with_modifier(modifier))
}

/// The day of a holiday in a given year, from its rule in `holidays.txt`.
fn holiday_day(rule: &str, year: i32) -> Option<Granule> {
    let fields: Vec<i32> = rule
        .split([' ', '-'])
        .filter_map(|field| field.parse().ok())
        .collect();
    match fields[..] {
        [month, day] => {
            calendar::is_valid_date(year, month, day).then_some(Granule::Day { year, month, day })
        }
        [month, named_weekday, rank] => {
            let first = day_number(year, month, 1);
            let to_weekday = i64::from((named_weekday - weekday(first)).rem_euclid(7));
            Some(day_granule(first + to_weekday + 7 * i64::from(rank - 1)))
        }
        // Some days after that weekday: US Election Day is the Tuesday after the first Monday.
        [month, named_weekday, rank, after] => {
            let first = day_number(year, month, 1);
            let to_weekday = i64::from((named_weekday - weekday(first)).rem_euclid(7));
            Some(day_granule(
                first + to_weekday + 7 * i64::from(rank - 1) + i64::from(after),
            ))
        }
        _ => None,
    }
}

fn holiday(captures: &Captures, anchors: &Anchors) -> Option<Normalized> {
    let name = group(captures, "holiday")?;
    if !capitalized(name) {
        return None;
    }
    let key = normalize_words(&name.replace('’', "'"));
    let rule = *GRAMMAR.holidays.get(key.as_str())?;
    let Some(publication_day) = anchors.publication_day else {
        let value = match holiday_day(rule, 2000)? {
            Granule::Day { month, day, .. } if !rule.contains(' ') => {
                format!("XXXX-{month:02}-{day:02}")
            }
            _ => "XXXX-XX-XX".to_string(),
        };
        return Some(Normalized::unresolved(value, NO_PUBLICATION_DATE));
    };
    // "next Christmas", "last Thanksgiving": the nearest one strictly after or before publication.
    if let Some((word, offset)) = relative(captures).filter(|(_, offset)| *offset != 0) {
        let (publication_year, _, _) = civil(publication_day);
        let granule = (-1..=1)
            .filter_map(|delta| holiday_day(rule, publication_year + delta))
            .map(|granule| (granule.offset_from(publication_day), granule))
            .filter(|(from, _)| from.signum() == i64::from(offset.signum()))
            .min_by_key(|(from, _)| from.abs())
            .map(|(_, granule)| granule)?;
        return Some(Normalized::granule(
            granule,
            Resolution::Relative,
            format!(
                "\"{word} {name}\", counted from the publication date ({})",
                describe_day(publication_day)
            ),
        ));
    }
    let tense = anchors.tense;
    let (granule, reason, doubt) =
        choose_year(|year| holiday_day(rule, year), publication_day, tense)?;
    Some(Normalized {
        doubt,
        ..Normalized::granule(granule, Resolution::Relative, format!("{name}: {reason}"))
    })
}
