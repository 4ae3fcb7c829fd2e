//! What one analysis of a document hands to the next: the results of steps that depend on one
//! paragraph's text alone (and on a fingerprint of whatever else they read), keyed by that
//! text. Typing in a long article changes one paragraph; the others are read again from here.
//!
//! The results kept: what each block of lines adds to the document's shape, the tagger's reading of each region's words and the static part of its
//! scores, the date patterns' matches in each paragraph, and the quote marks in each block.
//!
//! It must not change any result: an analysis gives the same `Analysis` with a fresh `Reuse`, a
//! warm one or none. An entry is used only when its text is byte-for-byte the same and its
//! fingerprint equal. The caller owns the `Reuse` and lends it to `analyze` for one analysis;
//! the parts of the analysis record what they used or made (`memo::Kept`), and those lists
//! become the next analysis's entries at the end. It knows nothing of documents or versions.

use super::dates::ParagraphMatches;
use super::document::BlockShape;
use super::entities::features::RegionWords;
use super::entities::model::RegionScores;
use super::memo::{Kept, Memo};
use super::quotes::BlockMarks;

/// The per-paragraph results of one analysis, for the next analysis of the same document.
#[derive(Default)]
pub struct Reuse {
    /// What each block of lines adds to the document's shape.
    pub(crate) document_blocks: Memo<BlockShape>,
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
        self.document_blocks.entries.len()
            + self.entity_words.entries.len()
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
    pub(crate) document_blocks: Kept<BlockShape>,
    pub(crate) entity_words: Kept<RegionWords>,
    pub(crate) static_scores: Kept<RegionScores>,
    pub(crate) date_matches: Kept<ParagraphMatches>,
    pub(crate) quote_marks: Kept<BlockMarks>,
}

impl KeptResults {
    /// Lists that record, or (`keep` false: no `Reuse` was lent) that keep nothing.
    pub(crate) fn new(keep: bool) -> KeptResults {
        KeptResults {
            document_blocks: Kept::new(keep),
            entity_words: Kept::new(keep),
            static_scores: Kept::new(keep),
            date_matches: Kept::new(keep),
            quote_marks: Kept::new(keep),
        }
    }

    /// Makes these results the ones the next analysis may reuse; what this analysis did not
    /// use is forgotten, so between analyses a document holds one version's paragraphs.
    pub(crate) fn store_in(self, reuse: &mut Reuse) {
        reuse.document_blocks = self.document_blocks.into_memo();
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

    /// Analyses each version with what the analysis of the one before kept, and checks that
    /// the step under test kept something (`kept`) and that the result equals a fresh analysis.
    fn each_equals_a_fresh_analysis(versions: &[String], kept: impl Fn(&Reuse) -> bool) {
        let mut reuse = Reuse::new();
        for (index, text) in versions.iter().enumerate() {
            let warm = analysed(text, Some(&mut reuse));
            assert!(kept(&reuse), "version {index}: nothing kept");
            assert_eq!(warm, analysed(text, None), "version {index}");
        }
    }

    /// Each version, analysed with what the analysis of the one before kept, equals a fresh
    /// analysis of its shape: blocks reused at new offsets (text inserted before them, the same
    /// block twice), blocks split and joined, boilerplate lines, promotions and phrases found
    /// whether the whole text holds them or not, and a text long enough to try the line
    /// patterns as one set.
    #[test]
    fn document_blocks_kept_from_the_last_analysis_are_those_of_the_new_text() {
        let header = "date: 2021-12-13\n\n";
        let body = "The talks went on all night. Mr. Smith left at 3 a.m. on Tuesday.";
        let promotion = "Exciting news! We are now on WhatsApp Channels. Subscribe today!";
        let wire = "    LONDON, March 3 - Shares rose.\n    Traders said so.";
        let long_tail = "A line of wire text\n".repeat(250);
        let versions = [
            format!("{header}Talks End\n\n{body}\n\nAdvertisement\n\n{body}\n"),
            format!("{header}Talks End\n\nA new first paragraph.\n\n{body}\n\nAdvertisement\n\n{body}\n"),
            format!("{header}Talks End\n\n{body}\n{promotion}\n\n{promotion}\n\n{body} Click here!\n"),
            format!("{header}Talks End\n\n{body}\n\n{promotion}\n{wire}\n\n{body}\n"),
            format!("{header}{body}\n\n{wire}\n\n{long_tail}\nSubscribe now\n\n{body}\n"),
            format!("{header}{body}\n\n{wire}\n\n{long_tail}\n{body}\n"),
            format!("{header}Talks End\n\n{body}\n\nAdvertisement\n\n{body}\n"),
        ];
        each_equals_a_fresh_analysis(&versions, |reuse| !reuse.document_blocks.entries.is_empty());
        // The versions hold what the test is about.
        let fresh = analysed(&versions[2], None);
        assert!(fresh.contains("Boilerplate"), "{fresh}");
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
        each_equals_a_fresh_analysis(&versions, |reuse| !reuse.quote_marks.entries.is_empty());
        for (index, text) in versions.iter().enumerate() {
            assert!(analysed(text, None).contains("Speech"), "version {index}: no quote found");
        }
    }
}
