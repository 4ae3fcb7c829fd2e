//! What one analysis of a document hands to the next: the results of steps that depend on one
//! paragraph's text alone (and on a fingerprint of whatever else they read), keyed by that
//! text. Typing in a long article changes one paragraph; the others are read again from here.
//!
//! It must not change any result: an analysis gives the same `Analysis` with a fresh `Reuse`, a
//! warm one or none. An entry is used only when its text is byte-for-byte the same and its
//! fingerprint equal. The caller owns the `Reuse` and lends it to `analyze` for one analysis;
//! nothing in it is shared between threads while an analysis runs: every part of the analysis
//! reads the last analysis's entries (`Memo`, read-only) and records what it used or made in
//! its own list (`Kept`), and the lists become the next analysis's entries at the end. It
//! knows nothing of documents or versions.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::dates::ParagraphMatches;
use super::entities::features::RegionWords;
use super::entities::model::RegionScores;

/// The per-paragraph results of one analysis, for the next analysis of the same document.
#[derive(Default)]
pub struct Reuse {
    /// The tagger's reading of each region's words.
    pub(crate) entity_words: Memo<RegionWords>,
    /// The static part of the tagger's scores of each region, fingerprinted by the whole
    /// article's evidence about the region's words.
    pub(crate) static_scores: Memo<RegionScores>,
    /// The date patterns' matches in each paragraph.
    pub(crate) date_matches: Memo<ParagraphMatches>,
}

impl Reuse {
    pub fn new() -> Reuse {
        Reuse::default()
    }

    /// How many paragraphs' results are kept (for tests and memory reports).
    pub fn len(&self) -> usize {
        self.entity_words.entries.len()
            + self.static_scores.entries.len()
            + self.date_matches.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What one analysis keeps of its parts for the next: one list per kind of result.
pub(crate) struct KeptResults {
    pub(crate) entity_words: Kept<RegionWords>,
    pub(crate) static_scores: Kept<RegionScores>,
    pub(crate) date_matches: Kept<ParagraphMatches>,
}

impl KeptResults {
    /// Lists that record, or (`keep` false: no `Reuse` was lent) that keep nothing.
    pub(crate) fn new(keep: bool) -> KeptResults {
        KeptResults {
            entity_words: Kept::new(keep),
            static_scores: Kept::new(keep),
            date_matches: Kept::new(keep),
        }
    }

    /// Makes these results the ones the next analysis may reuse; what this analysis did not
    /// use is forgotten, so between analyses a document holds one version's paragraphs.
    pub(crate) fn store_in(self, reuse: &mut Reuse) {
        reuse.entity_words = self.entity_words.into_memo();
        reuse.static_scores = self.static_scores.into_memo();
        reuse.date_matches = self.date_matches.into_memo();
    }
}

/// One memoised result with what it was computed from.
pub(crate) struct Entry<V> {
    text: Box<str>,
    fingerprint: u64,
    pub(crate) value: V,
}

/// The results of the last analysis, keyed by a hash of the paragraph's text and fingerprint.
pub(crate) struct Memo<V> {
    entries: HashMap<u64, Arc<Entry<V>>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            entries: HashMap::new(),
        }
    }
}

/// The results one part of an analysis used or made, in the order it asked for them.
pub(crate) struct Kept<V> {
    keep: bool,
    entries: Vec<(u64, Arc<Entry<V>>)>,
}

impl<V> Kept<V> {
    pub(crate) fn new(keep: bool) -> Kept<V> {
        Kept {
            keep,
            entries: Vec::new(),
        }
    }

    /// An empty list for another part of the same analysis (run beside this one).
    pub(crate) fn sibling(&self) -> Kept<V> {
        Kept::new(self.keep)
    }

    /// Adds what a part run beside this one kept.
    pub(crate) fn append(&mut self, other: Kept<V>) {
        self.entries.extend(other.entries);
    }

    fn into_memo(self) -> Memo<V> {
        Memo {
            entries: self.entries.into_iter().collect(),
        }
    }
}

fn key(text: &str, fingerprint: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    fingerprint.hash(&mut hasher);
    hasher.finish()
}

impl<V> Memo<V> {
    /// The result for `text` and `fingerprint`: the last analysis's, or computed now; recorded
    /// in `kept` either way (when it keeps anything).
    pub(crate) fn get_or(
        &self,
        kept: &mut Kept<V>,
        text: &str,
        fingerprint: u64,
        compute: impl FnOnce() -> V,
    ) -> Arc<Entry<V>> {
        if !kept.keep {
            return Arc::new(Entry {
                text: Box::default(),
                fingerprint,
                value: compute(),
            });
        }
        let key = key(text, fingerprint);
        let entry = self
            .entries
            .get(&key)
            .filter(|entry| entry.fingerprint == fingerprint && *entry.text == *text)
            .cloned()
            .unwrap_or_else(|| {
                Arc::new(Entry {
                    text: text.into(),
                    fingerprint,
                    value: compute(),
                })
            });
        kept.entries.push((key, entry.clone()));
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Runs `texts` through a memo as one analysis would, and returns the next one's memo.
    fn analysis(memo: &Memo<usize>, texts: &[(&str, u64)], computed: &Cell<usize>) -> Memo<usize> {
        let mut kept = Kept::new(true);
        for (text, fingerprint) in texts {
            let entry = memo.get_or(&mut kept, text, *fingerprint, || {
                computed.set(computed.get() + 1);
                text.len()
            });
            assert_eq!(entry.value, text.len());
        }
        kept.into_memo()
    }

    #[test]
    fn a_result_is_reused_only_for_the_same_text_and_fingerprint() {
        let computed = Cell::new(0);
        let memo = analysis(&Memo::default(), &[("Biden spoke.", 1)], &computed);
        assert_eq!(computed.get(), 1);
        analysis(
            &memo,
            &[("Biden spoke.", 1), ("Biden spoke.", 2), ("Biden spoke!", 1)],
            &computed,
        );
        assert_eq!(computed.get(), 3, "only the changed fingerprint and text are computed");
    }

    #[test]
    fn what_an_analysis_did_not_use_is_forgotten() {
        let computed = Cell::new(0);
        let first = analysis(&Memo::default(), &[("kept", 0), ("dropped", 0)], &computed);
        let second = analysis(&first, &[("kept", 0)], &computed);
        assert_eq!(computed.get(), 2);
        analysis(&second, &[("kept", 0), ("dropped", 0)], &computed);
        assert_eq!(computed.get(), 3, "\"dropped\" is computed again, \"kept\" is not");
    }

    #[test]
    fn a_list_that_keeps_nothing_reuses_nothing() {
        let computed = Cell::new(0);
        let memo = analysis(&Memo::default(), &[("text", 0)], &computed);
        let mut kept = Kept::new(false);
        memo.get_or(&mut kept, "text", 0, || {
            computed.set(computed.get() + 1);
            4
        });
        assert_eq!(computed.get(), 2);
        assert!(kept.into_memo().entries.is_empty());
    }

    #[test]
    fn parts_run_side_by_side_keep_their_results_together() {
        let computed = Cell::new(0);
        let memo: Memo<usize> = Memo::default();
        let mut first = Kept::new(true);
        let mut second = first.sibling();
        memo.get_or(&mut first, "a", 0, || 1);
        memo.get_or(&mut second, "bb", 0, || 2);
        first.append(second);
        let next = first.into_memo();
        analysis(&next, &[("a", 0), ("bb", 0)], &computed);
        assert_eq!(computed.get(), 0);
    }
}
