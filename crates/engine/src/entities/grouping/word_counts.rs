//! How often each word of the article is written, whatever its case, and where first: what
//! decides which of two spellings is the misspelling (the rarer one; on a tie, the one the
//! news the model learned from does not know, else the later).
//!
//! Keyed by the word's lower-case hash, so counting allocates nothing per token. It knows
//! tokens, their text and the model's vocabulary only, not names, clusters or kinds.

use crate::entities::hashing::{HashKeyed, lower_hash};
use crate::entities::model::knows_spelling;

/// Occurrences of one spelling: how many, and the index of the first token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrences {
    pub(super) count: u32,
    pub(super) first: usize,
}

/// The article's words by lower-case spelling.
pub(super) struct WordCounts {
    by_word: HashKeyed<Occurrences>,
}

impl WordCounts {
    /// Counts the words of the article's tokens, given by their lower-case hashes.
    pub(super) fn new(lower: &[u64]) -> WordCounts {
        // Sized for every token at once (never iterated, so its order does not matter).
        let mut by_word: HashKeyed<Occurrences> =
            HashKeyed::with_capacity_and_hasher(lower.len(), Default::default());
        for (index, &word) in lower.iter().enumerate() {
            let entry = by_word
                .entry(word)
                .or_insert(Occurrences {
                    count: 0,
                    first: index,
                });
            entry.count += 1;
        }
        WordCounts { by_word }
    }

    pub(super) fn of(&self, word: &str) -> Option<Occurrences> {
        self.by_word.get(&lower_hash(word)).copied()
    }

    /// Whether `variant` is the misspelling of the pair (`variant`, `intended`): it is written
    /// less often in the article; on a tie, it is the one of the two unknown to the news the
    /// model learned from ("Arcleor" beside "Arcelor", whichever comes first), else the one
    /// first written later. `None` when the article's words do not tell (neither is a word of
    /// it as written, e.g. a name with punctuation inside).
    pub(super) fn is_rarer(&self, variant: &str, intended: &str) -> Option<bool> {
        self.verdict(variant, intended).map(|(rarer, _)| rarer)
    }

    /// Whether the article's counts or the news vocabulary tell the two spellings apart;
    /// when they do not, `is_rarer` falls back on their order, which is a guess.
    pub(super) fn tells_apart(&self, variant: &str, intended: &str) -> bool {
        self.verdict(variant, intended)
            .is_none_or(|(_, decided)| decided)
    }

    /// `is_rarer`'s answer, and whether more than the order of the two decided it.
    fn verdict(&self, variant: &str, intended: &str) -> Option<(bool, bool)> {
        match (self.of(variant), self.of(intended)) {
            (Some(v), Some(i)) if v.count == i.count => {
                match (knows_spelling(variant), knows_spelling(intended)) {
                    (false, true) => Some((true, true)),
                    (true, false) => Some((false, true)),
                    _ => Some((v.first > i.first, false)),
                }
            }
            (Some(v), Some(i)) => Some((v.count < i.count, true)),
            (None, Some(_)) => Some((true, true)),
            (Some(_), None) => Some((false, true)),
            (None, None) => None,
        }
    }
}
