//! Word lists and patterns that drive the analyses, kept as data files beside this module.
//!
//! Each list is parsed once, on first use. The files are compiled into the binary, so the
//! engine reads nothing at run time; a malformed line is a bug caught by the tests below.

use crate::hash_maps::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::regexes::TwinRegex;

mod line_set;
pub use line_set::LineSet;

/// Lines of a data file, without comments and blank lines.
pub fn data_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Abbreviations whose period does not end a sentence.
pub static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("abbreviations.txt")).collect());

/// Month names and abbreviations (lower case) → month number.
pub static MONTHS: LazyLock<HashMap<&'static str, i8>> =
    LazyLock::new(|| numbered_names(include_str!("months.txt")));

/// Weekday names and abbreviations (lower case) → ISO weekday number (Monday = 1).
pub static WEEKDAYS: LazyLock<HashMap<&'static str, i8>> =
    LazyLock::new(|| numbered_names(include_str!("weekdays.txt")));

/// Month names as prose writes them ("January"), by month number − 1: the first spelling of
/// each line of `months.txt`, capitalized.
static MONTH_NAMES: LazyLock<Vec<String>> =
    LazyLock::new(|| full_names(include_str!("months.txt")));

/// Weekday names as prose writes them ("Monday"), by ISO weekday number − 1: the first
/// spelling of each line of `weekdays.txt`, capitalized.
static WEEKDAY_NAMES: LazyLock<Vec<String>> =
    LazyLock::new(|| full_names(include_str!("weekdays.txt")));

/// The first spelling of each line, capitalized, in the order of the lines.
fn full_names(source: &'static str) -> Vec<String> {
    data_lines(source)
        .filter_map(|line| line.split_whitespace().nth(1))
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// "January" for 1; out-of-range numbers are clamped to 1..=12.
pub fn month_name(month: i32) -> &'static str {
    MONTH_NAMES
        .get((month - 1).clamp(0, 11) as usize)
        .map_or("", String::as_str)
}

/// "Monday" for 1 (ISO numbering); out-of-range numbers are clamped to 1..=7.
pub fn weekday_name(weekday: i32) -> &'static str {
    WEEKDAY_NAMES
        .get((weekday - 1).clamp(0, 6) as usize)
        .map_or("", String::as_str)
}

/// Whether a word is a month's or a weekday's full name ("December", "tuesday"), not an
/// abbreviation ("Dec", "Tue").
pub fn is_full_month_or_weekday_name(word: &str) -> bool {
    MONTH_NAMES
        .iter()
        .chain(WEEKDAY_NAMES.iter())
        .any(|name| name.eq_ignore_ascii_case(word))
}

fn numbered_names(source: &'static str) -> HashMap<&'static str, i8> {
    let mut names = HashMap::default();
    for line in data_lines(source) {
        let mut words = line.split_whitespace();
        let Some(number) = words.next().and_then(|word| word.parse().ok()) else {
            continue;
        };
        for word in words {
            names.insert(word, number);
        }
    }
    names
}

/// A month name or abbreviation (any case, optional final period) → month number.
pub fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    // The names are ASCII: any other word is none of them.
    word.is_ascii().then(|| MONTHS.get(&*lower(word)).copied())?
}

/// Lower-cases only when needed, and a short ASCII word on the stack, so that neither the
/// common all-lower-case word nor a capitalised one costs an allocation (this runs on every
/// word around quotes and on every capitalised word asked whether it is a month or a weekday).
pub fn lower(word: &str) -> Lowered<'_> {
    if !word.chars().any(char::is_uppercase) {
        return Lowered::Borrowed(word);
    }
    if word.is_ascii() && word.len() <= INLINE_BYTES {
        let mut bytes = [0u8; INLINE_BYTES];
        bytes[..word.len()].copy_from_slice(word.as_bytes());
        bytes[..word.len()].make_ascii_lowercase();
        return Lowered::Inline(bytes, word.len() as u8);
    }
    Lowered::Owned(word.to_lowercase())
}

/// Longest word `lower` lower-cases on the stack.
const INLINE_BYTES: usize = 30;

/// A word in lower case: the word itself, a short ASCII copy, or a new string.
pub enum Lowered<'w> {
    Borrowed(&'w str),
    Inline([u8; INLINE_BYTES], u8),
    Owned(String),
}

impl std::ops::Deref for Lowered<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lowered::Borrowed(word) => word,
            // Only ASCII bytes are ever stored inline.
            Lowered::Inline(bytes, len) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Lowered::Owned(word) => word,
        }
    }
}

impl Lowered<'_> {
    pub fn into_owned(self) -> String {
        match self {
            Lowered::Owned(word) => word,
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for Lowered<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self)
    }
}

impl AsRef<str> for Lowered<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lowered<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

/// A weekday name or abbreviation (any case, optional final period) → ISO weekday number.
pub fn weekday_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    // The names are ASCII: any other word is none of them.
    word.is_ascii().then(|| WEEKDAYS.get(&*lower(word)).copied())?
}

/// The month alternatives of a regular expression, longest first so that "sept" beats "sep".
pub fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.keys().copied().collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.join("|")
}

/// Boilerplate patterns: whole-line patterns and in-line phrases.
pub struct BoilerplatePatterns {
    pub lines: LineSet,
    pub phrases: Vec<TwinRegex>,
}

pub static BOILERPLATE: LazyLock<BoilerplatePatterns> = LazyLock::new(|| {
    let mut lines = Vec::new();
    let mut phrases = Vec::new();
    for line in data_lines(include_str!("boilerplate.txt")) {
        // ASCII word boundaries: a Unicode `\b` makes the regex engine give up its DFA on any
        // line with a non-ASCII character (a curly quote is enough) and fall back to a much
        // slower NFA, which dominated the analysis of long articles. The patterns are English.
        let line = line.replace(r"\b", r"(?-u:\b)");
        let line = line.as_str();
        match line.strip_prefix("phrase:") {
            Some(phrase) => phrases.push(format!(r"(?i)(?-u:\b){}", phrase.trim())),
            None => lines.push(line.to_string()),
        }
    }
    BoilerplatePatterns {
        // The patterns are fixed at compile time and checked by the tests below.
        lines: LineSet::new(&lines),
        phrases: phrases
            .iter()
            .map(|phrase| TwinRegex::lines(&[phrase]))
            .collect(),
    }
});

/// Promotions of a site's own channels (`promotions.txt`): a short line naming a platform
/// and a call to action.
pub struct PromotionPatterns {
    pub platforms: TwinRegex,
    pub calls: TwinRegex,
    /// Longer lines are article text, whatever words they hold.
    pub max_line_bytes: usize,
}

pub static PROMOTIONS: LazyLock<PromotionPatterns> = LazyLock::new(|| {
    let words = |kind: &str| {
        let alternatives: Vec<String> = data_lines(include_str!("promotions.txt"))
            .filter_map(|line| line.strip_prefix(kind))
            .map(|word| regex::escape(word.trim()).replace(' ', r"\s+"))
            .collect();
        // Fixed at compile time and checked by the tests below.
        TwinRegex::lines(&[format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"))])
    };
    PromotionPatterns {
        platforms: words("platform:"),
        calls: words("call:"),
        max_line_bytes: 300,
    }
});

impl PromotionPatterns {
    pub fn is_promotion(&self, line: &str) -> bool {
        line.len() <= self.max_line_bytes && self.platforms.is_match(line) && self.calls.is_match(line)
    }
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

    #[test]
    fn every_boilerplate_pattern_compiles() {
        for line in data_lines(include_str!("boilerplate.txt")) {
            let pattern = line.strip_prefix("phrase:").unwrap_or(line).trim();
            assert!(
                Regex::new(pattern).is_ok(),
                "bad boilerplate pattern {pattern:?}"
            );
        }
        assert!(BOILERPLATE.lines.all().pattern_len() > 0);
        // A set of patterns that does not compile falls back to no pattern at all.
        assert!(BOILERPLATE.phrases.iter().all(|phrase| phrase.pattern_len() == 1));
        assert_eq!(PROMOTIONS.platforms.pattern_len(), 1);
        assert_eq!(PROMOTIONS.calls.pattern_len(), 1);
        assert!(!BOILERPLATE.phrases.is_empty());
        let all = BOILERPLATE.phrases.iter().chain([
            BOILERPLATE.lines.all(),
            &PROMOTIONS.platforms,
            &PROMOTIONS.calls,
        ]);
        for regex in all {
            assert!(regex.has_ascii_build());
        }
    }

    #[test]
    fn a_short_line_with_a_platform_and_a_call_to_action_is_a_promotion() {
        assert!(PROMOTIONS.is_promotion(
            "\"Exciting news! Mid-day is now on WhatsApp Channels Subscribe today by clicking the link and stay updated with the latest news!\" Click here!"
        ));
        assert!(PROMOTIONS.is_promotion("Follow us on Google News for the latest updates."));
        assert!(!PROMOTIONS.is_promotion("The app was downloaded two million times."));
        assert!(!PROMOTIONS.is_promotion("Subscribers to the WhatsApp service rose."));
        let long = format!("{} Subscribe to our newsletter.", "Word ".repeat(80));
        assert!(!PROMOTIONS.is_promotion(&long), "a long line is article text");
    }

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("DEC"), Some(12));
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(month_number("Février"), None);
        assert_eq!(weekday_number("WED."), Some(3));
        assert_eq!(weekday_number("Wednesdays-and-Thursdays"), None);
        assert_eq!(weekday_number("Tuesday"), Some(2));
        assert_eq!(MONTHS.values().collect::<HashSet<_>>().len(), 12);
        assert_eq!(WEEKDAYS.values().collect::<HashSet<_>>().len(), 7);
    }

    #[test]
    fn full_names_come_from_the_first_spelling_in_order() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(5), "May");
        assert_eq!(month_name(12), "December");
        assert_eq!(weekday_name(1), "Monday");
        assert_eq!(weekday_name(7), "Sunday");
        for number in 1..=12 {
            assert_eq!(month_number(month_name(number)), Some(number as i8));
        }
        for number in 1..=7 {
            assert_eq!(weekday_number(weekday_name(number)), Some(number as i8));
        }
        assert!(is_full_month_or_weekday_name("december"));
        assert!(is_full_month_or_weekday_name("Tuesday"));
        assert!(!is_full_month_or_weekday_name("Dec"));
        assert!(!is_full_month_or_weekday_name("Tue"));
    }

    #[test]
    fn abbreviations_are_loaded() {
        assert!(ABBREVIATIONS.contains("U.S"));
        assert!(ABBREVIATIONS.contains("Mr"));
        assert!(!ABBREVIATIONS.contains("said"));
    }
}
