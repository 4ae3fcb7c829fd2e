//! One compiled pattern: where the match that starts at a given offset ends, and its groups.
//!
//! Only what recognition needs is built: one forward automaton (no reverse one, no literal
//! prefilter), since every search is anchored where a match may begin; compiling is most of
//! what a one-article process spends on a pattern. It knows regular expressions, not dates.

use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};

pub use crate::regexes::Captures;
use crate::regexes::ascii_syntax;

/// Room for the lazy DFA of each pattern. The month, weekday and number alternations make
/// large automata; with the default room the matcher keeps rebuilding its states and slows
/// down several times.
const DFA_CACHE_BYTES: usize = 32 << 20;

type MakeCache<T> = Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled pattern. Searches share it across threads; each thread borrows its own scratch
/// space from a pool, as the regex crate does.
pub struct Matcher {
    /// Finds where the match that starts at an offset ends.
    dfa: DFA,
    dfa_caches: Pool<dfa::Cache, MakeCache<dfa::Cache>>,
    /// Reads a match's groups: a match is short, and backtracking over it is several times
    /// faster than the PikeVM, as in the regex crate.
    backtracker: BoundedBacktracker,
    backtracker_caches: Pool<backtrack::Cache, MakeCache<backtrack::Cache>>,
    /// Reads the groups of matches too long to backtrack over, and searches when the lazy DFA
    /// cannot (it gives up only on patterns with a Unicode word boundary, which the grammar
    /// does not write).
    pikevm: PikeVM,
    pikevm_caches: Pool<pikevm::Cache, MakeCache<pikevm::Cache>>,
}

impl Matcher {
    /// `None` if the pattern does not compile. `ascii`: the build for ASCII texts only, which
    /// finds what the Unicode build finds in them and compiles several times faster
    /// (`crate::regexes`); `None` if the ASCII syntax refuses the pattern.
    pub fn new(pattern: &str, ascii: bool) -> Option<Matcher> {
        let mut compiler = thompson::Compiler::new();
        if ascii {
            compiler.syntax(ascii_syntax());
        }
        let nfa = compiler
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(Some(10 << 20))
                    .shrink(false)
                    // Empty matches can split no character of an ASCII text.
                    .utf8(!ascii),
            )
            .build(pattern)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(DFA_CACHE_BYTES)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let backtracker = BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let for_caches = backtracker.clone();
        let backtracker_caches: Pool<_, MakeCache<_>> =
            Pool::new(Box::new(move || for_caches.create_cache()));
        let for_caches = dfa.clone();
        let dfa_caches: Pool<_, MakeCache<_>> =
            Pool::new(Box::new(move || for_caches.create_cache()));
        let for_caches = pikevm.clone();
        let pikevm_caches: Pool<_, MakeCache<_>> =
            Pool::new(Box::new(move || for_caches.create_cache()));
        Some(Matcher {
            dfa,
            dfa_caches,
            backtracker,
            backtracker_caches,
            pikevm,
            pikevm_caches,
        })
    }

    /// The match that starts at `start` of `text`, if any: the one a search from `start` would
    /// report (alternatives tried in order, as the regex crate does).
    pub fn match_at(&self, text: &str, start: usize) -> Option<Range<usize>> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(&mut self.dfa_caches.get(), &input) {
            Ok(found) => found.map(|end| start..end.offset()),
            Err(_) => {
                let mut groups = self.pikevm.create_captures();
                self.pikevm
                    .search(&mut self.pikevm_caches.get(), &input, &mut groups);
                groups.get_match().map(|found| found.range())
            }
        }
    }

    /// The groups of the match that starts at `start` of `text`. They are read within the
    /// match only, as the regex crate does: the alternatives that win are the same there.
    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        let whole = self.match_at(text, start)?;
        let input = Input::new(text).range(whole).anchored(Anchored::Yes);
        let mut groups = self.pikevm.create_captures();
        let backtracked = self.backtracker.try_search(
            &mut self.backtracker_caches.get(),
            &input,
            &mut groups,
        );
        if backtracked.is_err() {
            self.pikevm
                .search(&mut self.pikevm_caches.get(), &input, &mut groups);
        }
        groups.is_match().then(|| Captures::new(text, groups))
    }

    /// Every match in `text`, searched from each offset on.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.pikevm
            .find_iter(&mut self.pikevm_caches.get(), text)
            .map(|found| found.range())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_matches_and_groups_are_those_of_the_regex_crate() {
        let pattern = r"(?i)(?-u:\b)(?:(?P<a>jan)|(?P<b>january))(?:\s+(?P<day>[0-9]+))?";
        let regex = regex::Regex::new(pattern).expect("compiles");
        let text = "On January 5 and in jan, not in xjan 7.";
        for ascii in [false, true] {
            let matcher = Matcher::new(pattern, ascii).expect("compiles");
            check(&matcher, &regex, text);
        }
    }

    fn check(matcher: &Matcher, regex: &regex::Regex, text: &str) {
        for start in 0..=text.len() {
            let expected = regex
                .captures_at(text, start)
                .filter(|found| found.get(0).is_some_and(|whole| whole.start() == start));
            let found = matcher.captures_at(text, start);
            assert_eq!(
                found.as_ref().and_then(|found| found.get(0)).map(|g| g.range()),
                expected.as_ref().and_then(|found| found.get(0)).map(|g| g.range()),
                "at {start}"
            );
            for name in ["a", "b", "day"] {
                assert_eq!(
                    found.as_ref().and_then(|found| found.name(name)).map(|g| g.range()),
                    expected.as_ref().and_then(|found| found.name(name)).map(|g| g.range()),
                    "{name} at {start}"
                );
            }
        }
        let all: Vec<_> = regex.find_iter(text).map(|found| found.range()).collect();
        assert_eq!(matcher.find_all(text), all);
    }
}
