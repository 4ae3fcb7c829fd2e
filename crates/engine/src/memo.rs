//! Results of one analysis kept for the next, keyed by the text they were computed from and a
//! fingerprint of whatever else they read: the machinery of `Reuse`, for any kind of result.
//!
//! Nothing in it is shared between threads while an analysis runs: a part of the analysis reads
//! the last analysis's entries (`Memo`, read-only) and records what it used or made in its own
//! list (`Kept`); parts run side by side keep sibling lists, appended when they are done. It
//! knows nothing of what the results are.

use crate::hash_maps::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

/// One memoised result with what it was computed from.
pub(crate) struct Entry<V> {
    text: Box<str>,
    fingerprint: u64,
    pub(crate) value: V,
}

/// The results of the last analysis, keyed by a hash of the paragraph's text and fingerprint.
pub(crate) struct Memo<V> {
    pub(crate) entries: HashMap<u64, Arc<Entry<V>>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            entries: HashMap::default(),
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

    /// Whether this list records anything: when it does not, nothing is reused either, so a
    /// result's fingerprint need not be computed.
    pub(crate) fn keeps(&self) -> bool {
        self.keep
    }

    /// An empty list for another part of the same analysis (run beside this one).
    pub(crate) fn sibling(&self) -> Kept<V> {
        Kept::new(self.keep)
    }

    /// Adds what a part run beside this one kept.
    pub(crate) fn append(&mut self, other: Kept<V>) {
        self.entries.extend(other.entries);
    }

    pub(crate) fn into_memo(self) -> Memo<V> {
        Memo {
            entries: self.entries.into_iter().collect(),
        }
    }
}

/// The key of a result: foldhash with a fixed seed (SipHash over every paragraph of a long
/// article was a few per cent of an analysis after an edit). The seed is fixed so that keys
/// agree from one analysis to the next; a collision costs a miss only, since an entry is used
/// only when its text and fingerprint are the same.
fn key(text: &str, fingerprint: u64) -> u64 {
    let mut hasher = foldhash::fast::FixedState::with_seed(0).build_hasher();
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
