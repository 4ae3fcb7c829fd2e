//! Whole-line patterns tried on one line at a time, each compiled only when a line may match it.
//!
//! Most lines of an article can match none of the boilerplate patterns, and compiling them all
//! was a large part of the start-up of a one-article process. `dates/starts.rs` reads from each
//! pattern the literal beginnings every match has; since a whole-line pattern matches from the
//! line's start, an ASCII line that begins with none of a pattern's beginnings (ASCII case
//! aside) cannot match it, and the pattern is compiled the first time a line does begin with
//! one. A pattern whose beginnings are unknown or a single character is tried, likewise, only
//! on lines that hold one of the strings every match holds (`.*\bwe use cookies\b.*`), found by
//! one automaton in one pass over the line; the patterns with neither are tried as one set.
//! A caller with many lines (a long text) tries all the patterns as one set: compiled once, it
//! passes over a line once, which is faster than the gates when compiling no longer dominates.
//! A line with a non-ASCII character is tried with all the patterns as one set: the beginnings
//! compare ASCII letters only, and a case-insensitive pattern reads the long s and the Kelvin
//! sign as "s" and "k".
//! It knows regular expressions, not what the lines are.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::dates::starts::{Placeholders, pattern_required, pattern_starts};
use crate::regexes::TwinRegex;

pub struct LineSet {
    /// Every pattern, for lines with a non-ASCII character.
    all: TwinRegex,
    /// The patterns tried only on lines that may match them, each alone.
    gated: Vec<TwinRegex>,
    /// By a line's first byte (lower case): the beginnings (lower case, at least two
    /// characters) of the gated patterns that start with it, and their patterns. A look-up per
    /// line, not a comparison with every beginning, keeps long texts as fast as one set was.
    by_first_byte: Vec<Vec<(String, usize)>>,
    /// The strings one of which every match of a pattern holds, for the gated patterns whose
    /// beginnings are unknown, in one automaton (one pass over a line), and their patterns.
    holds: Option<(AhoCorasick, Vec<usize>)>,
    /// The patterns with neither, as one set.
    rest: TwinRegex,
}

impl LineSet {
    /// `bodies`: what each pattern matches, as the whole line, case-insensitively.
    pub fn new(bodies: &[String]) -> LineSet {
        let whole = |body: &String| format!("(?i)^(?:{body})$");
        let mut gated = Vec::new();
        let mut by_first_byte: Vec<Vec<(String, usize)>> = vec![Vec::new(); 256];
        let mut held: Vec<(String, Vec<String>)> = Vec::new();
        let mut rest = Vec::new();
        for body in bodies {
            let pattern = whole(body);
            let beginnings = pattern_starts(&pattern, &Placeholders::none())
                .map(|starts| starts.prefixes)
                .filter(|prefixes| prefixes.iter().all(|p| p.chars().nth(1).is_some()));
            let index = gated.len();
            if let Some(beginnings) = beginnings {
                for beginning in beginnings {
                    let first = usize::from(beginning.as_bytes()[0].to_ascii_lowercase());
                    by_first_byte[first].push((beginning, index));
                }
            } else if let Some(required) = pattern_required(&pattern) {
                held.push((pattern, required));
                continue;
            } else {
                rest.push(pattern);
                continue;
            }
            gated.push(TwinRegex::lines(&[&pattern]));
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(held.iter().flat_map(|(_, required)| required));
        let holds = match automaton {
            Ok(automaton) => {
                let mut holders = Vec::new();
                for (pattern, required) in held {
                    holders.extend(required.iter().map(|_| gated.len()));
                    gated.push(TwinRegex::lines(&[&pattern]));
                }
                Some((automaton, holders))
            }
            // Fixed patterns, checked by the tests: this does not happen.
            Err(_) => {
                rest.extend(held.into_iter().map(|(pattern, _)| pattern));
                None
            }
        };
        LineSet {
            all: TwinRegex::lines(&bodies.iter().map(whole).collect::<Vec<_>>()),
            gated,
            by_first_byte,
            holds,
            rest: TwinRegex::lines(&rest),
        }
    }

    /// Whether the whole of `line` matches one of the patterns. `one_set`: try them as one set
    /// (compiled once, one pass over the line), which is faster for a caller with many lines.
    pub fn is_match(&self, line: &str, one_set: bool) -> bool {
        if one_set || !line.is_ascii() {
            return self.all.is_match(line);
        }
        let begins = line.as_bytes().first().is_some_and(|&first| {
            self.by_first_byte[usize::from(first.to_ascii_lowercase())]
                .iter()
                .any(|(beginning, index)| {
                    line.get(..beginning.len())
                        .is_some_and(|start| start.eq_ignore_ascii_case(beginning))
                        && self.gated[*index].is_match(line)
                })
        });
        if begins {
            return true;
        }
        let holds = self.holds.as_ref().is_some_and(|(automaton, holders)| {
            automaton
                .find_overlapping_iter(line)
                .any(|found| self.gated[holders[found.pattern().as_usize()]].is_match(line))
        });
        holds || self.rest.is_match(line)
    }

    /// How many patterns are tried only where they may match.
    #[cfg(test)]
    pub fn gated_len(&self) -> usize {
        self.gated.len()
    }

    /// All the patterns as one set, for the tests.
    #[cfg(test)]
    pub fn all(&self) -> &TwinRegex {
        &self.all
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use regex_automata::meta;

    use crate::lexicon::{BOILERPLATE, data_lines};

    /// The boilerplate patterns as one plain Unicode regular expression.
    fn plain() -> meta::Regex {
        let patterns: Vec<String> = data_lines(include_str!("boilerplate.txt"))
            .filter(|line| !line.starts_with("phrase:"))
            .map(|line| format!("(?i)^(?:{})$", line.replace(r"\b", r"(?-u:\b)")))
            .collect();
        meta::Regex::new_many(&patterns).expect("compiles")
    }

    /// The words and signs of the boilerplate patterns, to build lines that nearly match.
    fn vocabulary() -> Vec<String> {
        let mut words: Vec<String> = include_str!("boilerplate.txt")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .flat_map(|line| line.split(|c: char| !c.is_ascii_alphanumeric() && c != '-'))
            .filter(|word| !word.is_empty())
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        words.extend(["|", ">", ":", "!", ".", "2024", "x", "The", "ſ"].map(String::from));
        words
    }

    #[test]
    fn most_patterns_are_tried_only_where_they_may_match() {
        assert!(BOILERPLATE.lines.gated_len() >= 20, "{}", BOILERPLATE.lines.gated_len());
        let lines = &BOILERPLATE.lines;
        for line in [
            "Advertisement",
            "Sponsored Content",
            "Share | Tweet | Email",
            "FOLLOW US ON Twitter",
            "Read more: the story",
            "Home > World",
            "whatsapp-button",
            "We use cookies to improve your experience.",
            "Assembly Elections 2024 Lok Elections 2024",
            "Follow us on Facebook ſ",
            &format!("We use cookies{}", " and more".repeat(150)),
        ] {
            assert!(lines.is_match(line, false), "{line}");
            assert!(lines.is_match(line, true), "{line}");
        }
        for line in ["The minister said.", "Shares rose 5 pct.", "Home sales fell."] {
            assert!(!lines.is_match(line, false), "{line}");
            assert!(!lines.is_match(line, true), "{line}");
        }
    }

    proptest! {
        #[test]
        fn the_gated_set_matches_what_the_whole_set_matches(
            picks in prop::collection::vec((any::<prop::sample::Index>(), 0..4usize, any::<bool>()), 1..7)
        ) {
            let vocabulary = vocabulary();
            let mut line = String::new();
            for (index, separator, upper) in picks {
                let word = index.get(&vocabulary);
                line.push_str(&if upper { word.to_uppercase() } else { word.clone() });
                line.push_str([" ", "", "  ", ": "][separator]);
            }
            let long = format!("{line}{}", " x".repeat(520));
            for line in [line.as_str(), line.trim_end(), &long] {
                let expected = plain().is_match(line);
                prop_assert_eq!(BOILERPLATE.lines.is_match(line, false), expected, "{:?}", line);
                prop_assert_eq!(BOILERPLATE.lines.is_match(line, true), expected, "{:?}", line);
            }
        }
    }
}
