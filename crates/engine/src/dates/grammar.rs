//! The recognition grammar: `patterns.txt` expanded with the word lists, each pattern
//! compiled the first time a paragraph may hold one of its matches.
//!
//! It knows how expressions look, not what they mean: normalization reads the named groups.
//! No I/O at run time (the data files are compiled in), no clock.

use std::sync::LazyLock;

pub use super::matcher::Captures;
use super::matcher::Matcher;
use crate::regexes::{Builds, Haystack};
use super::starts::{PatternStarts, Placeholders, Triggers, fingerprint, pattern_starts};
use super::starts_table::STARTS_TABLE;
use super::words::WORDS;
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

/// One line of `patterns.txt`, expanded.
pub struct Pattern {
    pub kind: Kind,
    /// The regular expression, placeholders expanded.
    source: String,
    /// Compiled on first use: most articles need a fraction of the patterns, and compiling all
    /// of them was most of the start-up of a one-article process. Paragraphs of ASCII text are
    /// searched with the ASCII build, which finds the same matches in them and compiles
    /// several times faster (`crate::regexes`); others with the Unicode build.
    builds: Builds<Matcher>,
    /// Whether the expression is the group `x` of the match rather than the whole match.
    pub has_inner_span: bool,
}

impl Pattern {
    /// The regular expression, placeholders expanded.
    #[cfg(test)]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The compiled pattern that searches `text`; `None` if it does not compile (the tests
    /// compile every one).
    fn matcher(&self, text: Haystack) -> Option<&Matcher> {
        self.builds
            .for_text(text.ascii, |ascii| Matcher::new(&self.source, ascii))
    }

    #[cfg(test)]
    fn build(&self, ascii: bool) -> Option<&Matcher> {
        self.builds
            .get(ascii, |ascii| Matcher::new(&self.source, ascii))
    }

    /// The match that starts at `start` of `text`, if any.
    pub fn match_at(&self, text: Haystack, start: usize) -> Option<std::ops::Range<usize>> {
        self.matcher(text)?.match_at(text.text, start)
    }

    /// The groups of the match that starts at `start` of `text`.
    pub fn captures_at<'t>(&self, text: Haystack<'t>, start: usize) -> Option<Captures<'t>> {
        self.matcher(text)?.captures_at(text.text, start)
    }

    /// Every match in `text`: for texts the beginnings cannot guide (`Triggers::candidates`).
    pub fn find_all(&self, text: Haystack) -> Vec<std::ops::Range<usize>> {
        self.matcher(text)
            .map(|matcher| matcher.find_all(text.text))
            .unwrap_or_default()
    }
}

pub struct Grammar {
    pub patterns: Vec<Pattern>,
    /// Where each pattern's matches can begin.
    pub triggers: Triggers,
    /// The beginnings as `starts.rs` reads them from the patterns, and whether the triggers
    /// were made from the generated table, for the tests.
    #[cfg(test)]
    starts: Vec<Option<PatternStarts>>,
    #[cfg(test)]
    from_table: bool,
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
    let words = &*WORDS;
    let number_words = alternation(words.numbers.keys().copied());
    let unit_words = alternation(words.units.keys().copied());
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
            format!("(?:{})", alternation(words.relative.keys().copied())),
        ),
        ("yearrel", "(?:this|last|next)".to_string()),
        (
            "modifier",
            format!("(?:{})", alternation(words.modifiers.keys().copied())),
        ),
        (
            "approx",
            format!("(?:{})", alternation(words.hedges.keys().copied())),
        ),
        (
            "ordinal",
            format!("(?:{})", alternation(words.ordinals.keys().copied())),
        ),
        (
            "season",
            format!("(?:{})", alternation(words.seasons.keys().copied())),
        ),
        (
            "pod",
            format!("(?:{})", alternation(words.parts_of_day.keys().copied())),
        ),
        (
            "reference",
            format!("(?:{})", alternation(words.references.keys().copied())),
        ),
        (
            "holiday",
            format!(
                "(?:{})",
                alternation(words.holidays.keys().copied()).replace('\'', "(?:'|’)")
            ),
        ),
        (
            "decadeword",
            format!("(?:{})", alternation(words.decades.keys().copied())),
        ),
        (
            "adverb",
            format!("(?:{})", alternation(words.set_adverbs.keys().copied())),
        ),
        ("ampm", r"(?:[ap]\.?\s?m\b\.?)".to_string()),
        ("zone", r"(?-i:[A-Z]{2,4}T|IST|UTC|GMT)".to_string()),
    ];

    let mut patterns = Vec::new();
    let mut unexpanded = Vec::new();
    for line in data_lines(include_str!("patterns.txt")) {
        let Some((kind, pattern)) = line.split_once(':') else {
            continue;
        };
        let Some(kind) = Kind::parse(kind.trim()) else {
            continue;
        };
        let source = expand(pattern.trim(), &placeholders);
        unexpanded.push(pattern.trim());
        // Patterns are fixed data; the tests compile every one of them.
        patterns.push(Pattern {
            kind,
            has_inner_span: source.contains("(?P<x>"),
            source,
            builds: Builds::default(),
        });
    }
    let from_table = STARTS_TABLE.fingerprint
        == fingerprint(patterns.iter().map(|p| p.source.as_str()))
        && STARTS_TABLE.starts.len() == patterns.len();
    let starts = if from_table {
        STARTS_TABLE
            .starts
            .iter()
            .map(|starts| starts.as_ref().map(|starts| starts.to_starts()))
            .collect()
    } else {
        read_starts(&unexpanded, &placeholders)
    };
    let triggers = Triggers::new(&starts);
    #[cfg(test)]
    let starts = read_starts(&unexpanded, &placeholders);
    Grammar {
        patterns,
        triggers,
        #[cfg(test)]
        starts,
        #[cfg(test)]
        from_table,
    }
}

/// The beginnings of each pattern, read from the patterns before expansion: each placeholder
/// is read once.
fn read_starts(unexpanded: &[&str], placeholders: &[(&str, String)]) -> Vec<Option<PatternStarts>> {
    let analysed = Placeholders::new(placeholders);
    unexpanded
        .iter()
        .map(|pattern| pattern_starts(pattern, &analysed))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let lines = data_lines(include_str!("patterns.txt")).count();
        assert_eq!(GRAMMAR.patterns.len(), lines);
        for pattern in &GRAMMAR.patterns {
            assert!(pattern.build(false).is_some(), "{}", pattern.source);
            // Every pattern has an ASCII build, or ASCII paragraphs lose its speed.
            assert!(pattern.build(true).is_some(), "{}", pattern.source);
        }
    }

    #[test]
    fn every_pattern_has_bounded_beginnings() {
        // A pattern without them would send every paragraph down the slow path. Read from the
        // expanded pattern, they are those the grammar reads with its placeholders.
        for (pattern, starts) in GRAMMAR.patterns.iter().zip(&GRAMMAR.starts) {
            let expanded = pattern_starts(&pattern.source, &Placeholders::none());
            assert!(expanded.is_some(), "{}", pattern.source);
            assert_eq!(&expanded, starts, "{}", pattern.source);
        }
    }

    #[test]
    fn the_generated_starts_table_is_up_to_date() {
        let fingerprint = fingerprint(GRAMMAR.patterns.iter().map(|p| p.source.as_str()));
        let expected = super::super::starts::render_table(fingerprint, &GRAMMAR.starts);
        if std::env::var_os("NEWSLS_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/dates/starts_table.rs");
            std::fs::write(path, &expected).expect("writes the table");
        }
        assert!(
            include_str!("starts_table.rs") == expected,
            "dates/starts_table.rs is stale: regenerate it with \
             `NEWSLS_BLESS=1 cargo test -p newsls-engine starts_table`"
        );
        assert!(GRAMMAR.from_table, "the grammar reads its beginnings from the table");
        // The table gives back what it was made of.
        let read: Vec<_> = super::super::starts_table::STARTS_TABLE
            .starts
            .iter()
            .map(|starts| starts.as_ref().map(|starts| starts.to_starts()))
            .collect();
        assert_eq!(read, GRAMMAR.starts);
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
