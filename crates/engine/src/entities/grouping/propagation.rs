//! Every other occurrence of a name the tagger found, spelt the same way, inside the regions
//! the tagger reads, becomes a name of the same cluster: the tagger reads each occurrence in
//! its own context and misses some. Names the article also writes in lower case, short or
//! function-word names, and occurrences inside longer names are left alone.
//!
//! It runs once the clusters are settled (after `misspellings`) and adds names only; it knows
//! nothing of tokens, roles or other mentions.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::Name;
use super::state::Grouping;
use crate::entities::lexicon::LEXICON;
use crate::entities::spelling::name_words;
use crate::span::{DisjointSpans, Span};

impl Grouping<'_> {
    /// Every other occurrence of a name the tagger found once, spelt the same way, is a mention
    /// of the same entity: the tagger reads each occurrence in its own context and misses some
    /// ("posted to Twitter" after "the hashtag on Twitter"). Names that the article also uses as
    /// ordinary words, and occurrences inside longer names, are left alone.
    pub(super) fn propagate_names(&mut self, regions: &[Span]) {
        let mut taken: Vec<Span> = self.names.iter().map(|name| name.span).collect();
        taken.sort_unstable();
        // Each cluster's distinct spellings, in the order they are tried.
        let mut spellings: Vec<(usize, &str)> = Vec::new();
        for cluster in 0..self.clusters.len() {
            let mut own: Vec<&str> = self.clusters[cluster]
                .names
                .iter()
                .map(|&n| self.name_text(n))
                .collect();
            own.sort_unstable();
            own.dedup();
            spellings.extend(own.into_iter().map(|spelling| (cluster, spelling)));
        }
        // Every occurrence of every spelling, and of its lower-case form (a name the article
        // also writes in lower case is not propagated), in one pass over the text (a search per
        // spelling made articles with thousands of names quadratic). Occurrences are then taken
        // in the order of clusters, spellings and positions, so that the first claim on a span
        // wins.
        let lower_case: Vec<String> = spellings
            .iter()
            .map(|&(_, spelling)| spelling.to_lowercase())
            .collect();
        let (patterns, users) = distinct_patterns(
            spellings
                .iter()
                .map(|&(_, spelling)| spelling)
                .chain(lower_case.iter().map(String::as_str)),
        );
        let mut used_in_lower_case = vec![false; spellings.len()];
        let mut occurrences: Vec<(usize, usize)> = Vec::new();
        for (pattern, at) in occurrences_of(self.text, &patterns) {
            for &user in &users[pattern] {
                match user.checked_sub(spellings.len()) {
                    Some(lower) => used_in_lower_case[lower] = true,
                    None => occurrences.push((user, at)),
                }
            }
        }
        let propagating: Vec<bool> = spellings
            .iter()
            .zip(&lower_case)
            .zip(used_in_lower_case)
            .map(|((&(_, spelling), lower), used)| propagates(spelling, lower, used))
            .collect();
        occurrences.retain(|&(spelling, _)| propagating[spelling]);
        occurrences.sort_unstable();
        let mut added: Vec<(Span, usize)> = Vec::new();
        let mut added_spans = DisjointSpans::default();
        for (pattern, at) in occurrences {
            let (cluster, spelling) = spellings[pattern];
            let span = Span::new(at, at + spelling.len());
            let region = regions.partition_point(|region| region.end <= at);
            if !regions
                .get(region)
                .is_some_and(|region| region.contains_span(span))
            {
                continue;
            }
            let before = self.text[..at].chars().next_back();
            let after = self.text[at + spelling.len()..].chars().next();
            let bounded = !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-');
            let free = {
                let index = taken.partition_point(|other| other.end <= span.start);
                taken.get(index).is_none_or(|other| !other.overlaps(span))
            };
            if bounded && free && !added_spans.overlaps(span) {
                added_spans.insert(span);
                added.push((span, cluster));
            }
        }
        for (span, cluster) in added {
            let index = self.names.len();
            self.names.push(Name {
                span,
                kind: self.clusters[cluster].leading_kind(),
                declared: None,
                declared_kind: None,
            });
            self.words.push(name_words(span.slice(self.text)));
            self.owner.push(cluster);
            self.clusters[cluster].names.push(index);
        }
        let names = &self.names;
        for cluster in &mut self.clusters {
            cluster.names.sort_by_key(|&n| names[n].span.start);
        }
    }
}

/// Up to this many strings are sought one by one; more are compiled into one automaton, whose
/// construction costs more than a few searches of a news article but keeps a text with
/// thousands of names linear.
const SEPARATE_SEARCHES_MAX: usize = 24;

/// Most patterns searched with a DFA (see `occurrences_of`).
const DFA_PATTERNS_MAX: usize = 1000;

/// Shortest text searched with a DFA (see `occurrences_of`).
const DFA_TEXT_MIN: usize = 64 * 1024;

/// Whether a name is worth looking for elsewhere: long enough, capitalised, and never used by
/// the article in lower case ("Bush" and "bush").
fn propagates(name: &str, lower_case: &str, used_in_lower_case: bool) -> bool {
    name.chars().count() >= 3
        && name.starts_with(char::is_uppercase)
        && !LEXICON.function_words.contains(lower_case)
        && !used_in_lower_case
}

/// Every occurrence, overlapping ones included, of every non-empty pattern in `text`, as
/// (pattern index, start), in no particular order.
fn occurrences_of(text: &str, patterns: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if patterns.len() <= SEPARATE_SEARCHES_MAX {
        for (index, pattern) in patterns.iter().enumerate() {
            let Some(first) = pattern.chars().next() else {
                continue;
            };
            let mut from = 0;
            while let Some(found) = text.get(from..).and_then(|rest| rest.find(pattern)) {
                out.push((index, from + found));
                from += found + first.len_utf8();
            }
        }
        return out;
    }
    // A DFA searches several times faster, but building it costs more than searching a short
    // article, and its tables grow with the patterns times the alphabet: for short texts, and
    // past a few hundred names (a corpus pasted into one file), the compact NFA.
    let kind = if text.len() >= DFA_TEXT_MIN && patterns.len() <= DFA_PATTERNS_MAX {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    let automaton = AhoCorasick::builder()
        .kind(Some(kind))
        .build(patterns.iter().filter(|pattern| !pattern.is_empty()));
    // Patterns are names of the article: building fails only past the automaton's size limits,
    // and then the names are simply not propagated.
    if let Ok(automaton) = automaton {
        let non_empty: Vec<usize> = (0..patterns.len())
            .filter(|&index| !patterns[index].is_empty())
            .collect();
        for found in automaton.find_overlapping_iter(text) {
            out.push((non_empty[found.pattern().as_usize()], found.start()));
        }
    }
    out
}

/// The distinct strings of `strings` (patterns for one automaton) and, for each, the indices
/// of `strings` it stands for.
fn distinct_patterns<'s>(
    strings: impl Iterator<Item = &'s str>,
) -> (Vec<&'s str>, Vec<Vec<usize>>) {
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    for (user, string) in strings.enumerate() {
        let pattern = *index_of.entry(string).or_insert_with(|| {
            patterns.push(string);
            users.push(Vec::new());
            patterns.len() - 1
        });
        users[pattern].push(user);
    }
    (patterns, users)
}
