//! Reading the words a match captured: its modifier, hedge, relative word, count and unit, and
//! whether a name is written as one.
//!
//! Shared by the normalizers; it knows the group names of `patterns.txt` and the word tables,
//! never what a kind of expression means.


use crate::dates::TimexMod;
use crate::dates::grammar::{Captures, group};
use crate::dates::words::{Relative, Unit, WORDS, lookup, normalize_words};

/// "early", "the end of" → START, END.
pub fn modifier(captures: &Captures) -> Option<TimexMod> {
    group(captures, "modifier").and_then(|words| lookup(&WORDS.modifiers, words))
}

/// "about", "more than" → APPROX, MORE_THAN; "or so" after the count ("a week or so ago") →
/// APPROX.
pub fn hedge(captures: &Captures) -> Option<TimexMod> {
    group(captures, "approx")
        .and_then(|words| lookup(&WORDS.hedges, words))
        .or_else(|| group(captures, "approxafter").map(|_| TimexMod::Approx))
}

/// The relative word, in lower case, and where it points.
pub fn relative(captures: &Captures) -> Option<(String, Relative)> {
    let word = group(captures, "rel")?;
    // "that year": the unit of the date the narrative is at (see `unit_shifts`).
    let anaphoric = normalize_words(word) == "that";
    lookup(&WORDS.relative, word)
        .or(anaphoric.then_some(Relative::Units(0)))
        .map(|relative| (normalize_words(word), relative))
}

/// A count in digits or words: Some(Some(n)), Some(None) for "several", None if no number.
/// "twenty four" adds, "a hundred" multiplies, "2 1/2" adds the fraction.
pub fn number(captures: &Captures) -> Option<Option<f64>> {
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
            match WORDS.numbers.get(part) {
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

/// The calendar unit of the match; `None` for an acronym or a title that only looks like one.
pub fn unit(captures: &Captures) -> Option<Unit> {
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
    WORDS
        .units
        .get(word.as_str())
        .or_else(|| WORDS.units.get(singular.as_str()))
        .copied()
}

/// Month and weekday names are proper nouns: "may" and "march" in lower case are not dates.
pub fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "last", "this", "next" before "year" → −1, 0, 1.
pub fn year_delta(captures: &Captures) -> Option<i32> {
    // "next year's first quarter" or "the first quarter of next year".
    group(captures, "yearrel")
        .or_else(|| group(captures, "yearrel2"))
        .map(|word| match word.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    })
}
