//! The recognition grammar: `patterns.txt` expanded with the word lists and compiled once.
//!
//! It knows how expressions look, not what they mean: normalization reads the named groups.
//! No I/O at run time (the data files are compiled in), no clock.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// Room for the lazy DFA of each pattern. The month, weekday and number alternations make
/// large automata; with the default room the matcher keeps rebuilding its states and slows
/// down several times.
const DFA_CACHE_BYTES: usize = 32 << 20;

use crate::lexicon::{MONTHS, WEEKDAYS, data_lines};

/// Which normalizer reads a pattern's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Date,
    Iso,
    Numeric,
    Year,
    Decade,
    Month,
    Weekday,
    Shift,
    Part,
    Season,
    Ago,
    Duration,
    Set,
    Time,
    PartOfDay,
    Reference,
    Holiday,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "date" => Kind::Date,
            "iso" => Kind::Iso,
            "numeric" => Kind::Numeric,
            "year" => Kind::Year,
            "decade" => Kind::Decade,
            "month" => Kind::Month,
            "weekday" => Kind::Weekday,
            "shift" => Kind::Shift,
            "part" => Kind::Part,
            "season" => Kind::Season,
            "ago" => Kind::Ago,
            "duration" => Kind::Duration,
            "set" => Kind::Set,
            "time" => Kind::Time,
            "partofday" => Kind::PartOfDay,
            "reference" => Kind::Reference,
            "holiday" => Kind::Holiday,
            _ => return None,
        })
    }
}

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

/// A fixed reference of `references.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub time: bool,
    /// A vague duration ("recent months" → PXM).
    pub duration: bool,
    /// "day+0", "day-1 TNI", "PRESENT_REF", …
    pub rule: &'static str,
}

/// Relative words before a unit, a weekday or a month, and how far they move from the
/// publication date's own unit (None: "this", decided by tense for weekdays and months).
pub const RELATIVE_WORDS: &[(&str, i32)] = &[
    ("this", 0),
    ("current", 0),
    ("same", 0),
    ("coming", 1),
    ("next", 1),
    ("following", 1),
    ("last", -1),
    ("past", -1),
    ("previous", -1),
    ("prior", -1),
    ("latest", -1),
    ("recent", -1),
    ("year-ago", -4),
    ("year-earlier", -4),
    ("prior-year", -4),
    ("year-before", -4),
];

/// Modifier words and phrases before a date → TIMEX3 mod ("early" → START).
pub const MODIFIER_WORDS: &[(&str, &str)] = &[
    ("early", "START"),
    ("earlier", "START"),
    ("the start of", "START"),
    ("the beginning of", "START"),
    ("mid", "MID"),
    ("the middle of", "MID"),
    ("late", "END"),
    ("later", "END"),
    ("the end of", "END"),
];

/// Quantity hedges before a duration → TIMEX3 mod.
pub const APPROX_WORDS: &[(&str, &str)] = &[
    ("about", "APPROX"),
    ("around", "APPROX"),
    ("nearly", "APPROX"),
    ("almost", "APPROX"),
    ("roughly", "APPROX"),
    ("approximately", "APPROX"),
    ("some", "APPROX"),
    ("more than", "MORE_THAN"),
    ("less than", "LESS_THAN"),
    ("at least", "EQUAL_OR_MORE"),
    ("up to", "EQUAL_OR_LESS"),
    ("at most", "EQUAL_OR_LESS"),
    ("no more than", "EQUAL_OR_LESS"),
];

pub const ORDINAL_WORDS: &[(&str, i32)] = &[
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("fourth", 4),
    ("4th", 4),
];

/// One compiled line of `patterns.txt`.
pub struct Pattern {
    pub kind: Kind,
    pub regex: Regex,
    /// Whether the expression is the group `x` of the match rather than the whole match.
    pub has_inner_span: bool,
}

pub struct Grammar {
    pub patterns: Vec<Pattern>,
    pub set: RegexSet,
    pub numbers: HashMap<&'static str, Option<i32>>,
    pub units: HashMap<&'static str, Unit>,
    pub references: HashMap<&'static str, Reference>,
    pub parts_of_day: HashMap<&'static str, &'static str>,
    pub seasons: HashMap<&'static str, &'static str>,
    /// Holiday names → their rule in `holidays.txt`.
    pub holidays: HashMap<&'static str, &'static str>,
}

pub static GRAMMAR: LazyLock<Grammar> = LazyLock::new(build);

/// Alternation of words, longest first so that "sept" is tried before "sep".
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|word| regex::escape(word).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn build() -> Grammar {
    let mut numbers = HashMap::new();
    for line in data_lines(include_str!("numbers.txt")) {
        let mut words = line.split_whitespace();
        let value = words.next().and_then(|value| value.parse().ok());
        for word in words {
            numbers.insert(word, value);
        }
    }
    let mut units = HashMap::new();
    for line in data_lines(include_str!("units.txt")) {
        let mut words = line.split_whitespace();
        let (Some(code), Some(_count)) = (words.next(), words.next()) else {
            continue;
        };
        for word in words {
            units.insert(word, Unit { code });
        }
    }
    let mut references = HashMap::new();
    for line in data_lines(include_str!("references.txt")) {
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        if let [phrase, kind, rule] = fields[..] {
            references.insert(
                phrase,
                Reference {
                    time: kind == "TIME",
                    duration: kind == "DURATION",
                    rule,
                },
            );
        }
    }
    let coded = |source: &'static str| -> HashMap<&'static str, &'static str> {
        let mut map = HashMap::new();
        for line in data_lines(source) {
            let mut words = line.split_whitespace();
            if let Some(code) = words.next() {
                for word in words {
                    map.insert(word, code);
                }
            }
        }
        map
    };
    let parts_of_day = coded(include_str!("parts_of_day.txt"));
    let holidays: HashMap<&'static str, &'static str> = data_lines(include_str!("holidays.txt"))
        .filter_map(|line| line.split_once('|'))
        .map(|(name, rule)| (name.trim(), rule.trim()))
        .collect();
    let seasons = coded(include_str!("seasons.txt"));

    let number_words = alternation(numbers.keys().copied());
    let unit_words = alternation(units.keys().copied());
    // Full weekday names only: "Sun", "Sat" and "Wed" are ordinary words.
    let weekday_words = alternation(WEEKDAYS.keys().copied().filter(|word| word.len() >= 6));
    let month_names = alternation(MONTHS.keys().copied().filter(|word| word.len() >= 3));
    let full_month_names =
        alternation(MONTHS.keys().copied().filter(|word| {
            word.len() >= 5 || *word == "may" || *word == "june" || *word == "july"
        }));
    let placeholders: Vec<(&str, String)> = vec![
        ("month", format!("(?:{month_names})")),
        ("monthname", format!("(?:{full_month_names})")),
        ("weekday", format!("(?:{weekday_words})")),
        ("day", r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?".to_string()),
        ("year", r"(?:1[5-9][0-9]{2}|20[0-9]{2})".to_string()),
        (
            "number",
            format!(
                r"(?:[0-9]+(?:\.[0-9]+)?(?:\s+[1-9]/[1-9])?|(?:a|an|one)\s+hundred|a\s+few|(?:a\s+)?couple\s+of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b|(?:{number_words}))"
            ),
        ),
        ("unit", format!("(?:{unit_words})")),
        (
            "rel",
            format!(
                "(?:{})",
                alternation(RELATIVE_WORDS.iter().map(|(word, _)| *word))
            ),
        ),
        ("yearrel", "(?:this|last|next)".to_string()),
        (
            "modifier",
            format!(
                "(?:{})",
                alternation(MODIFIER_WORDS.iter().map(|(word, _)| *word))
            ),
        ),
        (
            "approx",
            format!(
                "(?:{})",
                alternation(APPROX_WORDS.iter().map(|(word, _)| *word))
            ),
        ),
        (
            "ordinal",
            format!(
                "(?:{})",
                alternation(ORDINAL_WORDS.iter().map(|(word, _)| *word))
            ),
        ),
        (
            "season",
            format!("(?:{})", alternation(seasons.keys().copied())),
        ),
        (
            "pod",
            format!("(?:{})", alternation(parts_of_day.keys().copied())),
        ),
        (
            "reference",
            format!("(?:{})", alternation(references.keys().copied())),
        ),
        (
            "holiday",
            format!(
                "(?:{})",
                alternation(holidays.keys().copied()).replace('\'', "['’]")
            ),
        ),
        ("ampm", r"(?:[ap]\.?\s?m\b\.?)".to_string()),
        ("zone", r"(?-i:[A-Z]{2,4}T|IST|UTC|GMT)".to_string()),
    ];

    let mut patterns = Vec::new();
    for line in data_lines(include_str!("patterns.txt")) {
        let Some((kind, pattern)) = line.split_once(':') else {
            continue;
        };
        let Some(kind) = Kind::parse(kind.trim()) else {
            continue;
        };
        let expanded = expand(pattern.trim(), &placeholders);
        // Patterns are fixed data; the tests compile every one of them.
        if let Ok(regex) = RegexBuilder::new(&expanded)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
        {
            let has_inner_span = regex.capture_names().any(|name| name == Some("x"));
            patterns.push(Pattern {
                kind,
                regex,
                has_inner_span,
            });
        }
    }
    let set = RegexSetBuilder::new(patterns.iter().map(|pattern| pattern.regex.as_str()))
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .unwrap_or_else(|_| RegexSet::empty());
    Grammar {
        patterns,
        set,
        numbers,
        units,
        references,
        parts_of_day,
        seasons,
        holidays,
    }
}

/// Expands `{name}` and `{name:group}` placeholders into named groups, makes `\b` an ASCII
/// boundary (the Unicode one slows the matcher on non-ASCII text) and turns on case folding.
pub fn expand(pattern: &str, placeholders: &[(&str, String)]) -> String {
    let mut out = String::from("(?i)");
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[1..close];
        let (name, group) = inner.split_once(':').unwrap_or((inner, inner));
        match placeholders.iter().find(|(key, _)| *key == name) {
            Some((_, body)) => {
                let group = if name == "monthname" && group == "monthname" {
                    "month"
                } else {
                    group
                };
                out.push_str(&format!("(?P<{group}>{body})"));
            }
            // Not a placeholder: a repetition such as {2,4}.
            None => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.replace(r"\b", r"(?-u:\b)")
}

/// The text of a named group, if it took part in the match.
pub fn group<'t>(captures: &Captures<'t>, name: &str) -> Option<&'t str> {
    captures.name(name).map(|found| found.as_str())
}

/// Lower-cased words of a phrase joined by single spaces ("the  end of" → "the end of").
pub fn normalize_words(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn lookup<T: Copy>(table: &[(&str, T)], phrase: &str) -> Option<T> {
    let phrase = normalize_words(phrase.trim_end_matches('-'));
    table
        .iter()
        .find(|(word, _)| *word == phrase)
        .map(|(_, value)| *value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let lines = data_lines(include_str!("patterns.txt")).count();
        assert_eq!(GRAMMAR.patterns.len(), lines);
        assert_eq!(GRAMMAR.set.len(), lines);
    }

    #[test]
    fn word_lists_load() {
        assert_eq!(GRAMMAR.numbers.get("twenty"), Some(&Some(20)));
        assert_eq!(GRAMMAR.numbers.get("several"), Some(&None));
        assert_eq!(
            GRAMMAR.units.get("decade").map(|unit| unit.code),
            Some("DE")
        );
        assert_eq!(GRAMMAR.seasons.get("autumn"), Some(&"FA"));
        assert_eq!(GRAMMAR.parts_of_day.get("night"), Some(&"NI"));
        assert!(GRAMMAR.references.contains_key("yesterday"));
        assert_eq!(GRAMMAR.holidays.get("thanksgiving"), Some(&"11 4 4"));
    }

    #[test]
    fn placeholders_expand_to_named_groups() {
        let placeholders = vec![("year", "[0-9]{4}".to_string())];
        assert_eq!(
            expand(r"\b{year:second}{2}", &placeholders),
            r"(?i)(?-u:\b)(?P<second>[0-9]{4}){2}"
        );
    }
}
