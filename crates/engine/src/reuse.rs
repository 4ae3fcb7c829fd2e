//! What one analysis of a document hands to the next: the results of steps that depend on one
//! paragraph's text alone (and on a fingerprint of whatever else they read), keyed by that
//! text. Typing in a long article changes one paragraph; the others are read again from here.
//!
//! The results kept: the tagger's reading of each region's words and the static part of its
//! scores, the date patterns' matches in each paragraph, and the quote marks in each block.
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
use super::quotes::BlockMarks;

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
    /// The quote marks in each block quotes are read in.
    pub(crate) quote_marks: Memo<BlockMarks>,
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
            + self.quote_marks.entries.len()
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
    pub(crate) quote_marks: Kept<BlockMarks>,
}

impl KeptResults {
    /// Lists that record, or (`keep` false: no `Reuse` was lent) that keep nothing.
    pub(crate) fn new(keep: bool) -> KeptResults {
        KeptResults {
            entity_words: Kept::new(keep),
            static_scores: Kept::new(keep),
            date_matches: Kept::new(keep),
            quote_marks: Kept::new(keep),
        }
    }

    /// Makes these results the ones the next analysis may reuse; what this analysis did not
    /// use is forgotten, so between analyses a document holds one version's paragraphs.
    pub(crate) fn store_in(self, reuse: &mut Reuse) {
        reuse.entity_words = self.entity_words.into_memo();
        reuse.static_scores = self.static_scores.into_memo();
        reuse.date_matches = self.date_matches.into_memo();
        reuse.quote_marks = self.quote_marks.into_memo();
    }
}

#[cfg(test)]
mod tests {
    use super::Reuse;
    use crate::{Input, Options, Sequential, Settings, analyze};

    fn analysed(text: &str, reuse: Option<&mut Reuse>) -> String {
        let settings = Settings::default();
        let options = Options {
            join: Sequential,
            reuse,
        };
        format!("{:?}", analyze(&Input::new(text, &settings), options))
    }

    /// Each version, analysed with what the analysis of the one before kept, equals a fresh
    /// analysis: a block's quote marks are reused at the block's new offset (text inserted
    /// before it, the same block twice), and a block whose marks changed is read again (a
    /// closing mark removed, a quotation continued into the next paragraph, an apostrophe
    /// turned into a quote mark).
    #[test]
    fn quote_marks_kept_from_the_last_analysis_are_those_of_the_new_text() {
        let said = "“We will not give up,” said Anna Müller. \"Never,\" he added.";
        let header = "date: 2021-12-13\n\n";
        let versions = [
            format!("{header}{said}\n\nThe talks went on all night.\n\n{said}\n"),
            format!("{header}The minister spoke first.\n\n{said}\n\nThe talks went on all night.\n\n{said}\n"),
            format!(
                "{header}The minister spoke first.\n\n{}\n\nThe talks went on all night.\n\n{said}\n",
                said.replacen('”', "", 1)
            ),
            format!("{header}The minister spoke first.\n\n“We will not give up.\n\n“Not now,” she said. The talks went on all night.\n\n{said}\n"),
            format!("{header}The minister's aide spoke first.\n\n{said}\n\nThe talks went on all night.\n\n{said}\n"),
            format!("{header}The minister 'aide spoke first.\n\n{said}\n\nThe talks went on all night.\n\n{said}\n"),
            format!("{header}{said}\n\nThe talks went on all night.\n\n{said}\n"),
        ];
        let mut reuse = Reuse::new();
        for (index, text) in versions.iter().enumerate() {
            let warm = analysed(text, Some(&mut reuse));
            assert!(
                !reuse.quote_marks.entries.is_empty(),
                "version {index}: no block's marks kept"
            );
            assert!(warm.contains("Speech"), "version {index}: no quote found");
            assert_eq!(warm, analysed(text, None), "version {index}");
        }
    }
}
