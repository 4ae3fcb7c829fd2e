//! What one analysis of a document hands to the next: the results of steps that depend on one
//! paragraph's text alone (and on a fingerprint of whatever else they read), keyed by that
//! text. Typing in a long article changes one paragraph; the others are read again from here.
//!
//! It must not change any result: an analysis gives the same `Analysis` with a fresh `Reuse`, a
//! warm one or a disabled one. An entry is used only when its text is byte-for-byte the same and
//! its fingerprint equal. It knows nothing of documents or versions: whoever holds a `Reuse`
//! (the language server, one per open document) decides what it is reused for.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use super::dates::ParagraphMatches;
use super::entities::features::RegionWords;
use super::entities::model::RegionScores;

/// The per-paragraph results an analysis can reuse.
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
    /// Keeps results for the next analysis of the same document.
    pub fn new() -> Reuse {
        Reuse {
            entity_words: Memo::enabled(),
            static_scores: Memo::enabled(),
            date_matches: Memo::enabled(),
        }
    }

    /// Keeps nothing: for a one-off analysis, where storing would only cost time and memory.
    pub fn disabled() -> Reuse {
        Reuse::default()
    }

    /// Starts the next analysis: the last one's entries become reusable.
    pub fn next_analysis(&self) {
        self.entity_words.next_generation();
        self.static_scores.next_generation();
        self.date_matches.next_generation();
    }

    /// Forgets everything kept.
    pub fn clear(&self) {
        self.next_analysis();
        self.forget_unused();
    }

    /// Ends an analysis: what it did not reuse is forgotten, so that between analyses a
    /// document's memo holds one version's paragraphs.
    pub fn forget_unused(&self) {
        self.entity_words.forget_previous();
        self.static_scores.forget_previous();
        self.date_matches.forget_previous();
    }
}

/// One memoised result with what it was computed from.
pub struct Entry<V> {
    text: Box<str>,
    fingerprint: u64,
    pub value: V,
}

/// Results keyed by a paragraph's text and a fingerprint, over two generations: the entries
/// the current analysis used or made, and those of the one before.
pub struct Memo<V> {
    enabled: bool,
    generations: Mutex<Generations<V>>,
}

struct Generations<V> {
    current: HashMap<u64, Arc<Entry<V>>>,
    previous: HashMap<u64, Arc<Entry<V>>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            enabled: false,
            generations: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
            }),
        }
    }
}

impl<V> Memo<V> {
    fn enabled() -> Memo<V> {
        Memo {
            enabled: true,
            ..Memo::default()
        }
    }

    fn lock(&self) -> MutexGuard<'_, Generations<V>> {
        // Entries are whole once inserted: a panic elsewhere cannot leave one half-made.
        self.generations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn next_generation(&self) {
        let mut generations = self.lock();
        generations.previous = std::mem::take(&mut generations.current);
    }

    fn forget_previous(&self) {
        self.lock().previous = HashMap::new();
    }

    /// The result for `text` and `fingerprint`: remembered, or computed (outside the lock, so
    /// that threads computing different paragraphs do not wait for one another) and kept.
    pub fn get_or(
        &self,
        text: &str,
        fingerprint: u64,
        compute: impl FnOnce() -> V,
    ) -> Arc<Entry<V>> {
        if !self.enabled {
            return Arc::new(Entry {
                text: Box::default(),
                fingerprint,
                value: compute(),
            });
        }
        let key = {
            let mut hasher = DefaultHasher::new();
            text.hash(&mut hasher);
            fingerprint.hash(&mut hasher);
            hasher.finish()
        };
        let matches = |entry: &Entry<V>| entry.fingerprint == fingerprint && *entry.text == *text;
        {
            let mut generations = self.lock();
            if let Some(entry) = generations.current.get(&key).filter(|entry| matches(entry)) {
                return entry.clone();
            }
            if let Some(entry) = generations
                .previous
                .get(&key)
                .filter(|entry| matches(entry))
            {
                let entry = entry.clone();
                generations.current.insert(key, entry.clone());
                return entry;
            }
        }
        let entry = Arc::new(Entry {
            text: text.into(),
            fingerprint,
            value: compute(),
        });
        self.lock().current.insert(key, entry.clone());
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_result_is_reused_only_for_the_same_text_and_fingerprint() {
        let memo: Memo<usize> = Memo::enabled();
        let computed = Cell::new(0);
        let length = |text: &str| {
            computed.set(computed.get() + 1);
            text.len()
        };
        assert_eq!(
            memo.get_or("Biden spoke.", 1, || length("Biden spoke."))
                .value,
            12
        );
        assert_eq!(
            memo.get_or("Biden spoke.", 1, || length("Biden spoke."))
                .value,
            12
        );
        assert_eq!(computed.get(), 1);
        memo.get_or("Biden spoke.", 2, || length("Biden spoke."));
        memo.get_or("Biden spoke!", 1, || length("Biden spoke!"));
        assert_eq!(computed.get(), 3);
    }

    #[test]
    fn what_two_analyses_did_not_use_is_forgotten() {
        let memo: Memo<usize> = Memo::enabled();
        let computed = Cell::new(0);
        let get = |text: &str| {
            memo.get_or(text, 0, || {
                computed.set(computed.get() + 1);
                text.len()
            });
        };
        get("kept");
        get("dropped");
        memo.next_generation();
        get("kept");
        memo.next_generation();
        get("kept");
        get("dropped");
        assert_eq!(computed.get(), 3, "only \"dropped\" is computed again");
        memo.next_generation();
        get("kept");
        memo.forget_previous();
        memo.next_generation();
        get("dropped");
        assert_eq!(
            computed.get(),
            4,
            "what an analysis did not use is forgotten at its end"
        );
    }

    #[test]
    fn a_disabled_memo_keeps_nothing() {
        let memo: Memo<usize> = Memo::default();
        let computed = Cell::new(0);
        for _ in 0..2 {
            memo.get_or("text", 0, || {
                computed.set(computed.get() + 1);
                4
            });
        }
        assert_eq!(computed.get(), 2);
    }
}
