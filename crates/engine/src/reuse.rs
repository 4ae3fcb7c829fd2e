//! What one analysis of a document hands to the next: the results of steps that depend on one
//! paragraph's text alone (and on a fingerprint of whatever else they read), keyed by that
//! text. Typing in a long article changes one paragraph; the others are read again from here.
//!
//! It must not change any result: an analysis gives the same `Analysis` with a fresh `Reuse`, a
//! warm one or none. An entry is used only when its text is byte-for-byte the same and its
//! fingerprint equal. The caller owns the `Reuse` and lends it to `analyze` for one analysis;
//! the parts of the analysis record what they used or made (`memo::Kept`), and those lists
//! become the next analysis's entries at the end. It knows nothing of documents or versions.

use super::dates::ParagraphMatches;
use super::entities::features::RegionWords;
use super::entities::model::RegionScores;
use super::memo::{Kept, Memo};

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
