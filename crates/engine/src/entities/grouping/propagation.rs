//! Every other occurrence of a name the tagger found, spelt the same way, inside the regions
//! the tagger reads, becomes a name of the same cluster: the tagger reads each occurrence in
//! its own context and misses some. Names the article also writes in lower case, short or
//! function-word names, and occurrences inside longer names are left alone. Occurrences are
//! whole words: "Bush" is not in "Bushehr", and "ambush" is no lower-case use of it.
//!
//! It runs once the clusters are settled (after `misspellings`) and adds names only; it knows
//! nothing of tokens, roles or other mentions.


use super::Name;
use crate::hash_maps::HashMap;
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
/// One pass over the places where a word begins: the word there (its letters and digits) is
/// looked up among the first words of the spellings, and only those are compared in full.
fn whole_word_occurrences(
    text: &str,
    spellings: &[(usize, &str)],
    lower_case: &[String],
    candidates: &[bool],
) -> (Vec<(usize, usize)>, Vec<bool>) {
    let mut cased: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut lower: HashMap<&str, Vec<usize>> = HashMap::default();
    for (index, &(_, spelling)) in spellings.iter().enumerate() {
        if candidates[index] {
            cased.entry(first_word(spelling)).or_default().push(index);
            lower
                .entry(first_word(&lower_case[index]))
                .or_default()
                .push(index);
        }
    }
    let mut occurrences = Vec::new();
    let mut used_in_lower_case = vec![false; spellings.len()];
    if cased.is_empty() {
        return (occurrences, used_in_lower_case);
    }
    let ends_word = |end: usize| {
        !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
    };
    // Word by word: a word that begins with a capital can only be a spelling's first word, one
    // that does not only a lower-case form's, so each word is looked up once.
    let mut at = 0;
    let mut joined_to_previous = false;
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        // ASCII punctuation and spaces, most of the text, byte by byte without decoding.
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            joined_to_previous = byte == b'-';
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if !c.is_alphanumeric() {
            joined_to_previous = c == '-';
            at += c.len_utf8();
            continue;
        }
        let rest = &text[at..];
        let word = first_word(rest);
        if !joined_to_previous {
            if c.is_uppercase() {
                for &index in cased.get(word).into_iter().flatten() {
                    let spelling = spellings[index].1;
                    if rest.starts_with(spelling) && ends_word(at + spelling.len()) {
                        occurrences.push((index, at));
                    }
                }
            } else {
                for &index in lower.get(word).into_iter().flatten() {
                    let spelling = lower_case[index].as_str();
                    if rest.starts_with(spelling) && ends_word(at + spelling.len()) {
                        used_in_lower_case[index] = true;
                    }
                }
            }
        }
        at += word.len();
        joined_to_previous = true;
    }
    (occurrences, used_in_lower_case)
}

/// The letters and digits `text` begins with.
fn first_word(text: &str) -> &str {
    // ASCII letters and digits byte by byte; a non-ASCII byte sends the rest to `chars`.
    let ascii = text
        .bytes()
        .position(|byte| !byte.is_ascii_alphanumeric())
        .unwrap_or(text.len());
    if text.as_bytes().get(ascii).is_none_or(|&byte| byte.is_ascii()) {
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
    use super::whole_word_occurrences;

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
}
