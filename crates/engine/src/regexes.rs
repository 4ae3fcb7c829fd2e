//! Built-in regular expressions compiled on first use, once for ASCII texts and once for others.
//!
//! Compiling is most of what a one-article process spends on its patterns, and a Unicode build
//! costs several times an ASCII one: under `(?i)` every letter is a class that case folding
//! looks up, and `\w`, `\s` and `.` become automata over multi-byte characters.
//! On a text of ASCII characters only, the ASCII build of a pattern (`unicode(false)`) finds
//! exactly what the Unicode build finds: each class of the Unicode build (`\w`, `\s`, `\d`, a
//! case-folded letter, a negated class, `.`, `\b`) has the same ASCII members as the ASCII
//! build's, the two automata differ only on bytes such a text does not hold, and alternatives
//! and groups keep their order and numbers. So a text is searched with the ASCII build when it
//! is ASCII and with the Unicode build otherwise, each compiled the first time a text needs it.
//! A pattern the ASCII syntax refuses (a non-ASCII character inside a class) has no ASCII build.
//! The tests compare the two builds on ASCII texts.
//!
//! It knows regular expressions, not what they are for.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex_automata::meta;
use regex_automata::util::{captures, syntax};

/// The syntax of an ASCII build: ASCII classes and case folding. Such a build may match bytes
/// that are not UTF-8 (its `.` is any byte but `\n`), which an ASCII text does not hold.
pub fn ascii_syntax() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false)
}

/// A text to search, with whether it is ASCII, read once for the many searches of one text.
#[derive(Debug, Clone, Copy)]
pub struct Haystack<'t> {
    pub text: &'t str,
    pub ascii: bool,
}

impl<'t> Haystack<'t> {
    pub fn new(text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            ascii: text.is_ascii(),
        }
    }
}

/// The two builds of a pattern, each compiled the first time a text needs it.
pub struct Builds<T> {
    ascii: OnceLock<Option<T>>,
    unicode: OnceLock<Option<T>>,
}

impl<T> Default for Builds<T> {
    fn default() -> Self {
        Builds {
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        }
    }
}

impl<T> Builds<T> {
    /// The build that searches a text (`ascii`: whether the text is ASCII): its ASCII build if
    /// the text is ASCII and the pattern has one, else its Unicode build. `build(ascii)`
    /// compiles one of them; `None` when the pattern has no such build.
    pub fn for_text(&self, ascii: bool, build: impl Fn(bool) -> Option<T>) -> Option<&T> {
        if ascii && let Some(found) = self.get(true, &build) {
            return Some(found);
        }
        self.get(false, &build)
    }

    /// One build, compiled by `build(ascii)` the first time it is asked for.
    pub fn get(&self, ascii: bool, build: impl Fn(bool) -> Option<T>) -> Option<&T> {
        let cell = if ascii { &self.ascii } else { &self.unicode };
        cell.get_or_init(|| build(ascii)).as_ref()
    }
}

/// Matches nothing: what a set of built-in patterns searches with if it does not compile.
static NOTHING: LazyLock<meta::Regex> =
    LazyLock::new(|| meta::Regex::new_many::<&str>(&[]).expect("no pattern compiles"));

/// One set of patterns (a match of any of them is a match), with its two builds.
pub struct TwinRegex {
    patterns: Vec<String>,
    builds: Builds<meta::Regex>,
}

impl TwinRegex {
    /// Patterns tried on one line or short passage at a time, compiled without the literal
    /// prefilter the regex crate would extract from them: extracting their literals was a large
    /// part of the start-up of a one-article process, and on a line a prefilter saves little.
    /// The prefilter changes how fast a match is found, never which.
    pub fn lines<P: AsRef<str>>(patterns: &[P]) -> TwinRegex {
        TwinRegex {
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            builds: Builds::default(),
        }
    }

    fn config(&self) -> meta::Config {
        meta::Config::new()
            .nfa_size_limit(Some(10 << 20))
            .hybrid_cache_capacity(2 << 20)
            .auto_prefilter(false)
    }

    /// The build that searches `text`: its ASCII build if `text` is ASCII and it has one.
    pub fn for_text(&self, text: &str) -> &meta::Regex {
        self.builds
            .for_text(text.is_ascii(), |ascii| self.build(ascii))
            .unwrap_or(&NOTHING)
    }

    fn build(&self, ascii: bool) -> Option<meta::Regex> {
        let mut builder = meta::Regex::builder();
        if ascii {
            // Empty matches can split no character of an ASCII text.
            builder
                .syntax(ascii_syntax())
                .configure(self.config().utf8_empty(false));
        } else {
            builder.configure(self.config());
        }
        // The patterns are fixed at compile time and checked by the tests.
        builder.build_many(&self.patterns).ok()
    }

    #[cfg(test)]
    fn ascii(&self) -> Option<&meta::Regex> {
        self.builds.get(true, |ascii| self.build(ascii))
    }

    #[cfg(test)]
    fn unicode(&self) -> &meta::Regex {
        self.builds
            .get(false, |ascii| self.build(ascii))
            .unwrap_or(&NOTHING)
    }

    /// Whether the patterns have an ASCII build (else ASCII texts lose its speed).
    #[cfg(test)]
    pub fn has_ascii_build(&self) -> bool {
        self.ascii().is_some()
    }

    /// The number of patterns that compiled (0 if any of them did not).
    #[cfg(test)]
    pub fn pattern_len(&self) -> usize {
        self.unicode().pattern_len()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.for_text(text).find(text).map(|found| found.range())
    }

    /// Every non-overlapping match, in order.
    pub fn find_iter<'s, 't>(
        &'s self,
        text: &'t str,
    ) -> impl Iterator<Item = Range<usize>> + use<'s, 't> {
        self.for_text(text)
            .find_iter(text)
            .map(|found| found.range())
    }

    /// The groups of the first match.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        let regex = self.for_text(text);
        let mut groups = regex.create_captures();
        regex.captures(text, &mut groups);
        groups.is_match().then(|| Captures::new(text, groups))
    }

    /// The groups of every non-overlapping match, in order.
    pub fn captures_iter<'t>(&self, text: &'t str) -> Vec<Captures<'t>> {
        self.for_text(text)
            .captures_iter(text)
            .map(|groups| Captures::new(text, groups))
            .collect()
    }
}

/// The groups of one match, read by name or number.
pub struct Captures<'t> {
    text: &'t str,
    groups: captures::Captures,
}

/// One group of a match: its text and where it stands in the searched text.
#[derive(Debug, Clone, Copy)]
pub struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    pub fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'t> Captures<'t> {
    /// `groups` must come from a search of `text`.
    pub fn new(text: &'t str, groups: captures::Captures) -> Captures<'t> {
        Captures { text, groups }
    }

    /// The named group, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'t>> {
        self.group(self.groups.get_group_by_name(name))
    }

    /// The group numbered `index` (0: the whole match), if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Group<'t>> {
        self.group(self.groups.get_group(index))
    }

    fn group(&self, span: Option<regex_automata::Span>) -> Option<Group<'t>> {
        span.map(|span| Group {
            text: self.text,
            start: span.start,
            end: span.end,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Patterns with every class whose ASCII members the argument relies on.
    const PATTERNS: &[&str] = &[
        r"(?i)\bsept?\.?\s+\d{1,2}\b",
        r"(?i)^(?:by\s*:?\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}\s*(?:[|,].*)?$|[A-Z]{2,}\s*\|\s*$)",
        r"(?im)^[ \t]*(published|updated)[ \t]*:?[ \t]*(\S.*)$",
        r"(?i)(?-u:\b)(?:ask|kelvin|stock)s?(?-u:\b)",
        r"[^a-z0-9 ]+|\W\w|\D\d|\S\s|.{2}",
        r"(?:'|’)s\b|(?:-|–|—)",
    ];

    fn unicode(pattern: &str) -> meta::Regex {
        meta::Regex::new(pattern).expect("compiles")
    }

    fn same_everywhere(regex: &TwinRegex, plain: &meta::Regex, text: &str) {
        assert!(text.is_ascii());
        let ascii = regex.ascii().expect("an ASCII build");
        let found: Vec<_> = ascii.find_iter(text).map(|m| m.range()).collect();
        let expected: Vec<_> = plain.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(found, expected, "{text:?}");
        let groups = |regex: &meta::Regex| -> Vec<Vec<Option<Range<usize>>>> {
            regex
                .captures_iter(text)
                .map(|caps| {
                    (0..caps.group_len())
                        .map(|i| caps.get_group(i).map(|span| span.range()))
                        .collect()
                })
                .collect()
        };
        assert_eq!(groups(ascii), groups(plain), "{text:?}");
    }

    #[test]
    fn ascii_texts_are_searched_with_the_ascii_build_and_others_with_the_unicode_build() {
        let regex = TwinRegex::lines(&[r"(?i)\bk\w+"]);
        // The Kelvin sign is a "k" to a case-insensitive Unicode pattern, not to an ASCII one.
        assert_eq!(regex.find("a \u{212A}ey"), Some(2..7));
        assert_eq!(regex.find("a Key"), Some(2..5));
        // A non-ASCII character inside a class: no ASCII build, the Unicode one searches all.
        let refused = TwinRegex::lines(&["[’']s"]);
        assert!(refused.ascii().is_none());
        assert_eq!(refused.find("it's"), Some(2..4));
        assert_eq!(refused.find("it’s"), Some(2..6));
    }

    #[test]
    fn the_builds_agree_on_these_ascii_texts() {
        let texts = [
            "By John O'Neil-Smith, Reuters",
            "BY: JOHN SMITH | Updated",
            "Published: Feb 26, 1987 10:00",
            "updated:\n  Sept. 3 and sep 30 Kelvin's stocks ASK",
            "\t\u{b}\u{c} x_1 -- 'S -",
            "",
        ];
        for pattern in PATTERNS {
            let regex = TwinRegex::lines(&[pattern]);
            for text in texts {
                same_everywhere(&regex, &unicode(pattern), text);
            }
        }
    }

    proptest! {
        #[test]
        fn the_builds_agree_on_any_ascii_text(text in "[ -~\t\n\r\u{b}\u{c}\u{0}]{0,40}") {
            for pattern in PATTERNS {
                same_everywhere(&TwinRegex::lines(&[pattern]), &unicode(pattern), &text);
            }
        }
    }
}
