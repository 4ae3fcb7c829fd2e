//! The word tables of temporal expressions, read once from the data files beside this module:
//! what each number, calendar unit, relative word, modifier, hedge, ordinal, decade word,
//! recurrence adverb, season, part of day, holiday and fixed reference means.
//!
//! It knows what words mean, not where they stand: the grammar spells the tables' words into
//! its patterns, and normalization looks up the words a match captured. No I/O at run time
//! (the files are compiled in), no clock. A malformed line is a bug the tests below catch.

use crate::hash_maps::{HashMap, HashSet};
use std::sync::LazyLock;

use super::value::{PartOfDay, TimeReference, TimexValue};
use super::{TimexMod, TimexType};
use crate::lexicon::data_lines;

/// A calendar unit of `units.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// TIMEX3 designator: "Y", "M", "W", "D", "WE", "Q", "H", "DE", "CE", "TH", "TM", "TS".
    pub code: &'static str,
}

impl Unit {
    pub fn is_time(self) -> bool {
        self.code.starts_with('T')
    }
}

/// Where a relative word of `relative_words.txt` points from the publication date's own unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// A number of whole units: "this" 0, "next" 1, "last" −1.
    Units(i32),
    /// The same unit a year before, whatever the unit: "the year-ago quarter", "year-earlier".
    YearBefore,
}

impl Relative {
    /// −1 for a word that points back, 1 forward, 0 for "this".
    pub fn direction(self) -> i32 {
        match self {
            Relative::Units(units) => units.signum(),
            Relative::YearBefore => -1,
        }
    }
}

/// A fixed reference of `references.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// The publication date shifted by whole days ("yesterday"), at a part of the day ("tonight").
    Day {
        offset: i64,
        part_of_day: Option<PartOfDay>,
    },
    /// A value the words fix: a vague reference ("now": PRESENT_REF) or a vague length of time
    /// ("recent months": PXM).
    Fixed {
        timex_type: TimexType,
        value: TimexValue,
    },
}

pub struct Words {
    /// Number words → value; `None` for an unspecified quantity ("several").
    pub numbers: HashMap<&'static str, Option<i32>>,
    pub units: HashMap<&'static str, Unit>,
    pub relative: HashMap<&'static str, Relative>,
    /// Words before a date → its mod ("early" → START).
    pub modifiers: HashMap<&'static str, TimexMod>,
    /// Quantity hedges before a length of time → its mod ("about" → APPROX).
    pub hedges: HashMap<&'static str, TimexMod>,
    /// Ordinals of quarters and halves → their number.
    pub ordinals: HashMap<&'static str, i32>,
    /// "nineties" → 9.
    pub decades: HashMap<&'static str, i32>,
    /// Adverbs of recurrence → the SET value ("daily" → P1D).
    pub set_adverbs: HashMap<&'static str, &'static str>,
    /// Season words → TIMEX3 season code ("autumn" → FA).
    pub seasons: HashMap<&'static str, &'static str>,
    pub parts_of_day: HashMap<&'static str, PartOfDay>,
    pub references: HashMap<&'static str, Reference>,
    /// Holiday names → their rule in `holidays.txt`.
    pub holidays: HashMap<&'static str, &'static str>,
    /// Prepositions that make "year-end" a date.
    pub year_end_prepositions: HashSet<&'static str>,
}

pub static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    numbers: numbered(include_str!("numbers.txt"), |value| match value {
        "X" => Some(None),
        number => number.parse().ok().map(Some),
    }),
    units: units(include_str!("units.txt")),
    relative: numbered(include_str!("relative_words.txt"), |value| match value {
        "year-1" => Some(Relative::YearBefore),
        units => units.parse().ok().map(Relative::Units),
    }),
    modifiers: phrases(include_str!("modifiers.txt"), TimexMod::from_name),
    hedges: phrases(include_str!("hedges.txt"), TimexMod::from_name),
    ordinals: numbered(include_str!("ordinals.txt"), |number| number.parse().ok()),
    decades: numbered(include_str!("decades.txt"), |digit| digit.parse().ok()),
    set_adverbs: numbered(include_str!("set_adverbs.txt"), Some),
    seasons: numbered(include_str!("seasons.txt"), Some),
    parts_of_day: numbered(include_str!("parts_of_day.txt"), PartOfDay::from_code),
    references: phrases(include_str!("references.txt"), reference),
    holidays: phrases(include_str!("holidays.txt"), Some),
    year_end_prepositions: data_lines(include_str!("year_end_prepositions.txt")).collect(),
});

/// Lines of a value, then every word that has it ("2 two couple").
fn numbered<T>(
    source: &'static str,
    read: impl Fn(&'static str) -> Option<T>,
) -> HashMap<&'static str, T>
where
    T: Copy,
{
    let mut table = HashMap::default();
    for line in data_lines(source) {
        let mut words = line.split_whitespace();
        let Some(value) = words.next().and_then(&read) else {
            continue;
        };
        for word in words {
            table.insert(word, value);
        }
    }
    table
}

/// Lines of a TIMEX3 designator, how many of it, then every spelling ("Y 1 year yr").
fn units(source: &'static str) -> HashMap<&'static str, Unit> {
    let mut units = HashMap::default();
    for line in data_lines(source) {
        let mut words = line.split_whitespace();
        let (Some(code), Some(_count)) = (words.next(), words.next()) else {
            continue;
        };
        for word in words {
            units.insert(word, Unit { code });
        }
    }
    units
}

/// Lines of a phrase, "|", then what it means ("the end of | END").
fn phrases<T>(
    source: &'static str,
    read: impl Fn(&'static str) -> Option<T>,
) -> HashMap<&'static str, T> {
    data_lines(source)
        .filter_map(|line| line.split_once('|'))
        .filter_map(|(phrase, meaning)| Some((phrase.trim(), read(meaning.trim())?)))
        .collect()
}

/// "DATE | day-1", "TIME | day+0 TNI", "DATE | PRESENT_REF", "DURATION | PXM".
fn reference(rule: &'static str) -> Option<Reference> {
    let (kind, rule) = rule.split_once('|')?;
    let mut words = rule.split_whitespace();
    let head = words.next()?;
    if let Some(offset) = head.strip_prefix("day") {
        return Some(Reference::Day {
            offset: offset.trim_start_matches('+').parse().ok()?,
            part_of_day: match words.next() {
                Some(code) => Some(PartOfDay::from_code(code.trim_start_matches('T'))?),
                None => None,
            },
        });
    }
    let (timex_type, value) = match kind.trim() {
        "DURATION" => (TimexType::Duration, TimexValue::Duration(head.into())),
        "DATE" => (
            TimexType::Date,
            TimexValue::Reference(TimeReference::from_code(head)?),
        ),
        _ => return None,
    };
    Some(Reference::Fixed { timex_type, value })
}

/// Lower-cased words of a phrase joined by single spaces ("the  end of" → "the end of").
pub fn normalize_words(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a captured phrase means in a table; a final hyphen ("mid-") is not part of the phrase.
pub fn lookup<T: Copy>(table: &HashMap<&'static str, T>, phrase: &str) -> Option<T> {
    let phrase = normalize_words(phrase.trim_end_matches('-'));
    table.get(phrase.as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of a data file defines something.
    fn entries(source: &str) -> usize {
        data_lines(source)
            .map(|line| match line.split_once('|') {
                Some(_) => 1,
                None => line.split_whitespace().count().saturating_sub(1).max(1),
            })
            .sum()
    }

    #[test]
    fn every_line_of_every_table_loads() {
        assert_eq!(WORDS.numbers.len(), entries(include_str!("numbers.txt")));
        assert_eq!(
            WORDS.relative.len(),
            entries(include_str!("relative_words.txt"))
        );
        assert_eq!(
            WORDS.modifiers.len(),
            entries(include_str!("modifiers.txt"))
        );
        assert_eq!(WORDS.hedges.len(), entries(include_str!("hedges.txt")));
        assert_eq!(WORDS.ordinals.len(), entries(include_str!("ordinals.txt")));
        assert_eq!(WORDS.decades.len(), entries(include_str!("decades.txt")));
        assert_eq!(
            WORDS.set_adverbs.len(),
            entries(include_str!("set_adverbs.txt"))
        );
        assert_eq!(WORDS.seasons.len(), entries(include_str!("seasons.txt")));
        assert_eq!(
            WORDS.parts_of_day.len(),
            entries(include_str!("parts_of_day.txt"))
        );
        assert_eq!(
            WORDS.references.len(),
            entries(include_str!("references.txt"))
        );
        assert_eq!(WORDS.holidays.len(), entries(include_str!("holidays.txt")));
        // units.txt: designator, count, then the spellings.
        let unit_words: usize = data_lines(include_str!("units.txt"))
            .map(|line| line.split_whitespace().count() - 2)
            .sum();
        assert_eq!(WORDS.units.len(), unit_words);
    }

    #[test]
    fn words_mean_what_the_files_say() {
        assert_eq!(WORDS.numbers.get("twenty"), Some(&Some(20)));
        assert_eq!(WORDS.numbers.get("several"), Some(&None));
        assert_eq!(WORDS.units.get("decade").map(|unit| unit.code), Some("DE"));
        assert_eq!(WORDS.seasons.get("autumn"), Some(&"FA"));
        assert_eq!(WORDS.parts_of_day.get("night"), Some(&PartOfDay::Night));
        assert_eq!(WORDS.holidays.get("thanksgiving"), Some(&"11 4 4"));
        assert_eq!(WORDS.relative.get("next"), Some(&Relative::Units(1)));
        assert_eq!(WORDS.relative.get("year-ago"), Some(&Relative::YearBefore));
        assert_eq!(lookup(&WORDS.modifiers, "mid-"), Some(TimexMod::Mid));
        assert_eq!(
            lookup(&WORDS.hedges, "no  more than"),
            Some(TimexMod::EqualOrLess)
        );
        assert_eq!(WORDS.ordinals.get("3rd"), Some(&3));
        assert_eq!(WORDS.decades.get("nineties"), Some(&9));
        assert_eq!(WORDS.set_adverbs.get("nightly"), Some(&"P1D"));
        assert!(WORDS.year_end_prepositions.contains("since"));
        assert_eq!(
            WORDS.references.get("last night"),
            Some(&Reference::Day {
                offset: -1,
                part_of_day: Some(PartOfDay::Night)
            })
        );
        assert_eq!(
            WORDS.references.get("recent months"),
            Some(&Reference::Fixed {
                timex_type: TimexType::Duration,
                value: TimexValue::Duration("PXM".into())
            })
        );
    }
}
