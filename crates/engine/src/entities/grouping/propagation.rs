//! Every other occurrence of a name the tagger found, spelt the same way, inside the regions
//! the tagger reads, becomes a name of the same cluster: the tagger reads each occurrence in
//! its own context and misses some. Names the article also writes in lower case, short or
//! function-word names, and occurrences inside longer names are left alone. Occurrences are
//! whole words: "Bush" is not in "Bushehr", and "ambush" is no lower-case use of it.
//!
//! It runs once the clusters are settled (after `misspellings`) and adds names only; it knows
//! nothing of tokens, roles or other mentions.


use std::ops::Range;

use super::Name;
use super::state::Grouping;
use crate::hash_maps::HashMap;
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
        let mut spellings: Vec<(usize, &str)> = Vec::with_capacity(self.names.len());
        // One buffer for every cluster's spellings.
        let mut own: Vec<&str> = Vec::new();
        for cluster in 0..self.clusters.len() {
            own.clear();
            own.extend(
                self.clusters[cluster]
                    .names
                    .iter()
                    .map(|&n| self.name_text(n)),
            );
            own.sort_unstable();
            own.dedup();
            spellings.extend(own.iter().map(|&spelling| (cluster, spelling)));
        }
        // Every occurrence of every spelling, and of its lower-case form (a name the article
        // also writes in lower case is not propagated), as whole words, in one pass over the
        // words of the text (a search per spelling made articles with thousands of names
        // quadratic, and one automaton per article cost more to build than the search).
        // Occurrences are then taken in the order of clusters, spellings and positions, so that
        // the first claim on a span wins.
        let lower_case: Vec<String> = spellings
            .iter()
            .map(|&(_, spelling)| spelling.to_lowercase())
            .collect();
        let candidates: Vec<bool> = spellings
            .iter()
            .zip(&lower_case)
            .map(|(&(_, spelling), lower)| propagates(spelling, lower))
            .collect();
        let (occurrences, used_in_lower_case) =
            whole_word_occurrences(self.text, &spellings, &lower_case, &candidates);
        let mut occurrences: Vec<(usize, usize)> = occurrences
            .into_iter()
            .filter(|&(spelling, _)| !used_in_lower_case[spelling])
            .collect();
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
            let free = {
                let index = taken.partition_point(|other| other.end <= span.start);
                taken.get(index).is_none_or(|other| !other.overlaps(span))
            };
            if free && !added_spans.overlaps(span) {
                added_spans.insert(span);
                added.push((span, cluster));
            }
        }
        for (span, cluster) in added {
            // "plane-making giant Bombardier": a descriptor here speaks for the entity as much
            // as one before a name the tagger found.
            self.count_descriptor(cluster, span);
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

/// Whether a name is worth looking for elsewhere: long enough, capitalised, and not a function
/// word. (One the article also writes in lower case, "Bush" and "bush", is not propagated
/// either: `whole_word_occurrences` tells.)
fn propagates(name: &str, lower_case: &str) -> bool {
    name.chars().count() >= 3
        && name.starts_with(char::is_uppercase)
        && !LEXICON.function_words.contains(lower_case)
}

/// The whole-word occurrences of the `candidates` among `spellings` in `text`, as (spelling
/// index, start), and for each spelling whether its lower-case form also stands as a whole
/// word. A whole word has no letter, digit or hyphen just before or after it.
///
/// One pass over the text for the bytes the spellings' first words begin with: where one
/// begins a word, the word there (its letters and digits) is looked up among those first
/// words, and only the spellings it begins are compared in full.
fn whole_word_occurrences(
    text: &str,
    spellings: &[(usize, &str)],
    lower_case: &[String],
    candidates: &[bool],
) -> (Vec<(usize, usize)>, Vec<bool>) {
    // The spellings by first word: sorted, so that each first word's spellings are one range,
    // found by one hash look-up (a map of vectors cost more to build than its look-ups saved,
    // and a binary search more to look up in long articles).
    let mut cased: Vec<(&str, usize)> = Vec::new();
    let mut lower: Vec<(&str, usize)> = Vec::new();
    let mut first_words = FirstWords::default();
    for (index, &(_, spelling)) in spellings.iter().enumerate() {
        if candidates[index] {
            let (cased_word, lower_word) = (first_word(spelling), first_word(&lower_case[index]));
            first_words.insert(cased_word);
            first_words.insert(lower_word);
            cased.push((cased_word, index));
            lower.push((lower_word, index));
        }
    }
    let mut occurrences = Vec::new();
    let mut used_in_lower_case = vec![false; spellings.len()];
    if cased.is_empty() {
        return (occurrences, used_in_lower_case);
    }
    cased.sort_unstable();
    lower.sort_unstable();
    let (cased_ranges, lower_ranges) = (ranges_by_word(&cased), ranges_by_word(&lower));
    let ends_word = |end: usize| {
        !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
    };
    // Only where a byte some first word begins with stands at the start of a word (after no
    // letter, digit or hyphen) is the word there looked up; the rest of the text is skipped a
    // byte at a time without decoding. A word that begins with a capital can only be a
    // spelling's first word, one that does not only a lower-case form's.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = bytes[at..]
        .iter()
        .position(|&byte| first_words.may_begin_with(byte))
    {
        // First bytes of words are never inside a character: `at` is on a boundary.
        at += offset;
        // Most of these bytes are inside a word, told by the byte before when it is ASCII.
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'-') {
            at += 1;
            continue;
        }
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        let begins_unjoined_word = c.is_alphanumeric()
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(|before| before.is_alphanumeric() || before == '-');
        if !begins_unjoined_word {
            at += c.len_utf8();
            continue;
        }
        let word = first_word(rest);
        if first_words.may_hold(word) {
            if c.is_uppercase() {
                for &(_, index) in &cased[cased_ranges.get(word).cloned().unwrap_or_default()] {
                    let spelling = spellings[index].1;
                    if rest.starts_with(spelling) && ends_word(at + spelling.len()) {
                        occurrences.push((index, at));
                    }
                }
            } else {
                for &(_, index) in &lower[lower_ranges.get(word).cloned().unwrap_or_default()] {
                    let spelling = lower_case[index].as_str();
                    if rest.starts_with(spelling) && ends_word(at + spelling.len()) {
                        used_in_lower_case[index] = true;
                    }
                }
            }
        }
        at += word.len();
    }
    (occurrences, used_in_lower_case)
}

/// For each word of `sorted` (sorted by word), the range of its entries.
fn ranges_by_word<'w>(sorted: &[(&'w str, usize)]) -> HashMap<&'w str, Range<usize>> {
    let mut ranges: HashMap<&str, Range<usize>> = HashMap::default();
    for (at, &(word, _)) in sorted.iter().enumerate() {
        ranges
            .entry(word)
            .and_modify(|range| range.end = at + 1)
            .or_insert(at..at + 1);
    }
    ranges
}

/// The first bytes and lengths of a few words: a word of the text that no listed word shares
/// both with cannot be one of them, which is told without hashing or comparing it.
struct FirstWords {
    /// For each first byte, a bit for each length (lengths from 31 up share the last bit);
    /// and the same for each last byte. (32 bits: the tables are cleared for every article.)
    lengths_by_first_byte: [u32; 256],
    lengths_by_last_byte: [u32; 256],
}

impl Default for FirstWords {
    fn default() -> FirstWords {
        FirstWords {
            lengths_by_first_byte: [0; 256],
            lengths_by_last_byte: [0; 256],
        }
    }
}

impl FirstWords {
    fn length_bit(word: &str) -> u32 {
        1 << word.len().min(31)
    }

    fn insert(&mut self, word: &str) {
        if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) {
            self.lengths_by_first_byte[first as usize] |= Self::length_bit(word);
            self.lengths_by_last_byte[last as usize] |= Self::length_bit(word);
        }
    }

    /// False only when no word inserted begins with `byte`.
    fn may_begin_with(&self, byte: u8) -> bool {
        self.lengths_by_first_byte[byte as usize] != 0
    }

    /// False only when `word` is none of the words inserted.
    fn may_hold(&self, word: &str) -> bool {
        let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) else {
            return false;
        };
        self.lengths_by_first_byte[first as usize]
            & self.lengths_by_last_byte[last as usize]
            & Self::length_bit(word)
            != 0
    }
}

/// The letters and digits `text` begins with.
fn first_word(text: &str) -> &str {
    // ASCII letters and digits byte by byte; a non-ASCII byte sends the rest to `chars`.
    let bytes = text.as_bytes();
    let mut ascii = 0;
    while ascii < bytes.len() && bytes[ascii].is_ascii_alphanumeric() {
        ascii += 1;
    }
    if bytes.get(ascii).is_none_or(|&byte| byte.is_ascii()) {
        return &text[..ascii];
    }
    let end = text[ascii..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| ascii + at);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::{FirstWords, ranges_by_word, whole_word_occurrences};

    #[test]
    fn each_word_has_the_range_of_its_entries() {
        let sorted = [("Bank", 3), ("Bank", 7), ("Bush", 0), ("Turkey", 2), ("Turkey", 5)];
        let ranges = ranges_by_word(&sorted);
        assert_eq!(ranges.len(), 3);
        assert_eq!(ranges["Bank"], 0..2);
        assert_eq!(ranges["Bush"], 2..3);
        assert_eq!(ranges["Turkey"], 3..5);
    }

    #[test]
    fn first_words_rule_out_only_words_not_inserted() {
        let mut first_words = FirstWords::default();
        // Lengths from 31 bytes up are not told apart.
        let (long, longer) = ("a".repeat(40), "a".repeat(90));
        for word in ["Bank", "bank", "Überseering", &long] {
            first_words.insert(word);
        }
        for word in ["Bank", "bank", "Überseering", &long, &longer] {
            assert!(first_words.may_hold(word), "{word}");
        }
        for word in ["Banks", "Ban", "Cank", "tank", "Banc", "", "Über", "aaaaaaaaaa"] {
            assert!(!first_words.may_hold(word), "{word}");
        }
        assert!(first_words.may_begin_with(b'B') && first_words.may_begin_with("Ü".as_bytes()[0]));
        assert!(!first_words.may_begin_with(b'C') && !first_words.may_begin_with(b' '));
    }

    #[test]
    fn occurrences_are_whole_words_and_lower_case_words_are_noticed() {
        let text = "Bush spoke in Bushehr. An ambush. Turkey, turkey and pre-Turkey. Bank of Japan rose; the Bank fell.";
        let spellings = [(0, "Bush"), (1, "Turkey"), (2, "Bank of Japan"), (3, "Bank")];
        let lower: Vec<String> = spellings.iter().map(|(_, s)| s.to_lowercase()).collect();
        let (mut found, used) = whole_word_occurrences(text, &spellings, &lower, &[true; 4]);
        found.sort_unstable();
        let words: Vec<(usize, &str)> = found
            .iter()
            .map(|&(index, at)| (index, &text[at..at + spellings[index].1.len()]))
            .collect();
        assert_eq!(
            words,
            [(0, "Bush"), (1, "Turkey"), (2, "Bank of Japan"), (3, "Bank"), (3, "Bank")]
        );
        assert_eq!(found.iter().filter(|&&(index, _)| index == 1).count(), 1);
        // "ambush" is not the word "bush"; "turkey" is the word.
        assert_eq!(used, [false, true, false, false]);
    }

    #[test]
    fn words_after_letters_and_hyphens_of_any_script_are_not_whole_words() {
        let text = "Café Étienne said; xÉtienne, éÉtienne and Über-Étienne did not; «Étienne» did, étienne too.";
        let spellings = [(0, "Étienne")];
        let lower = vec!["étienne".to_string()];
        let (found, used) = whole_word_occurrences(text, &spellings, &lower, &[true]);
        let starts: Vec<usize> = found.iter().map(|&(_, at)| at).collect();
        assert_eq!(
            starts,
            [text.find("Étienne said").unwrap(), text.find("Étienne»").unwrap()]
        );
        assert_eq!(used, [true]);
    }
}
