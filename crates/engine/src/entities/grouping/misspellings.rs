//! Near-miss names: an entity whose name is a near miss of a more frequent entity's name of
//! the same kind ("Vladamir Putin") joins it, and each misspelt mention is reported with the
//! spelling used elsewhere as its fix.
//!
//! It compares clustered names only (after `names` and `acronyms`); what counts as a near miss
//! is `spelling`'s, and it knows nothing of tokens, roles or mentions other than names.

use crate::hash_maps::HashMap;

use super::state::Grouping;
use super::word_counts::WordCounts;
use crate::diagnostic::{Diagnostic, Fix};
use crate::entities::spelling::{both_known, differ_in_capitals, edit_distance, is_near_miss};
use crate::rules::Code;

impl Grouping<'_> {
    /// Merges an entity whose name is a near miss of another entity's name into it, and
    /// reports each misspelt mention with the likely intended spelling. Of two spellings, the
    /// misspelling is the one the article writes less often (on a tie, later): the count of
    /// names in each entity does not tell, as the tagger may have split or missed some.
    pub(super) fn merge_misspellings(&mut self, counts: &WordCounts) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // A near miss keeps the number of words and the first letter of each word, so only
        // clusters with a spelling of the same initials are compared (comparing every pair of
        // clusters was quadratic in articles with thousands of names).
        // Initials are numbered once per name, and each number lists its clusters in order
        // (most clusters share their initials with no other: they are skipped at once).
        let mut numbers: HashMap<Vec<Option<char>>, usize> = HashMap::default();
        let initials_of: Vec<usize> = self
            .words
            .iter()
            .map(|words| {
                let next = numbers.len();
                *numbers.entry(word_initials(words)).or_insert(next)
            })
            .collect();
        let mut clusters_by_initials: Vec<Vec<usize>> = vec![Vec::new(); numbers.len()];
        for (cluster, entry) in self.clusters.iter().enumerate() {
            for &name in &entry.names {
                insert_sorted(&mut clusters_by_initials[initials_of[name]], cluster);
            }
        }
        // Buffers kept from cluster to cluster.
        let (mut small_initials, mut candidates): (Vec<usize>, Vec<usize>) = Default::default();
        for small in 0..self.clusters.len() {
            small_initials.clear();
            small_initials.extend(
                self.clusters[small]
                    .names
                    .iter()
                    .map(|&name| initials_of[name]),
            );
            small_initials.sort_unstable();
            small_initials.dedup();
            candidates.clear();
            candidates.extend(
                small_initials
                    .iter()
                    .flat_map(|&initials| &clusters_by_initials[initials])
                    .copied()
                    .filter(|&large| large != small),
            );
            if candidates.is_empty() {
                continue;
            }
            candidates.sort_unstable();
            candidates.dedup();
            // Of several entities the name may be a misspelling of, the closest spelling wins
            // ("Consevratives" joins "Conservatives", not "Conservative").
            let best = candidates
                .iter()
                .copied()
                .filter_map(|large| {
                    let matched = self.misspelt_names(small, large, counts)?;
                    let distance: usize = matched
                        .iter()
                        .map(|&(variant, intended)| {
                            name_distance(&self.words[variant], &self.words[intended])
                        })
                        .sum();
                    Some((distance, large, matched))
                })
                .min_by_key(|&(distance, large, _)| (distance, large));
            if let Some((_, large, matched)) = best {
                for (variant, intended) in matched {
                    let spelling = self.name_text(intended).to_string();
                    let span = self.names[variant].span;
                    let written = self.name_text(variant);
                    // When nothing but the order chose between two spellings written as
                    // often, the finding says so instead of asserting which one is wrong.
                    let message = if is_decided(counts, &self.words[variant], &self.words[intended]) {
                        format!(
                            "\"{written}\" looks like a misspelling of \"{spelling}\", as the name is spelt elsewhere"
                        )
                    } else {
                        format!(
                            "\"{written}\" is spelt \"{spelling}\" elsewhere in the article: one of the two is likely a misspelling"
                        )
                    };
                    diagnostics.push(
                        Diagnostic::new(Code::EntitySpelling, span, message)
                        .with_fix(Fix {
                            title: format!("Replace with \"{spelling}\""),
                            span,
                            replacement: spelling.clone(),
                        }),
                    );
                    self.corrections.insert(variant, spelling);
                }
                self.merge(small, large);
                for &initials in &small_initials {
                    let clusters = &mut clusters_by_initials[initials];
                    if let Ok(at) = clusters.binary_search(&small) {
                        clusters.remove(at);
                    }
                    insert_sorted(clusters, large);
                }
            }
        }
        diagnostics
    }
}

impl Grouping<'_> {
    /// Each name of entity `small` that misspells a name of entity `large`, with the name it
    /// misspells; `None` unless every spelling of `small` is such a misspelling.
    fn misspelt_names(
        &self,
        small: usize,
        large: usize,
        counts: &WordCounts,
    ) -> Option<Vec<(usize, usize)>> {
        if self.clusters[small].names.is_empty()
            || self.clusters[small].leading_kind() != self.clusters[large].leading_kind()
        {
            return None;
        }
        // When the article's words do not tell which spelling is rarer, the entity with more
        // names wins; on a tie, the earlier one.
        let (small_count, large_count) = (
            self.clusters[small].names.len(),
            self.clusters[large].names.len(),
        );
        let small_is_rarer =
            small_count < large_count || (small_count == large_count && small > large);
        // Compare each distinct spelling once: a long article repeats the same names hundreds
        // of times, and comparing every occurrence pair made this quadratic.
        let mut matched = Vec::new();
        let mut verdicts: Vec<(&[String], Option<usize>)> = Vec::new();
        let large_spellings = distinct_spellings(&self.clusters[large].names, &self.words, |n| {
            self.name_text(n).chars().any(char::is_lowercase)
        });
        for &variant in &self.clusters[small].names {
            // A name in capitals is a code, a ticker or a headline ("BASF.F", "WSBK-TV"): codes
            // differ by a letter on purpose, and headlines are not checked.
            if !self.name_text(variant).chars().any(char::is_lowercase) {
                continue;
            }
            let words = self.words[variant].as_slice();
            let intended = match verdicts.iter().find(|(seen, _)| *seen == words) {
                Some((_, verdict)) => *verdict,
                None => {
                    // A spelling already reported as a misspelling is never the intended one.
                    let verdict = large_spellings
                        .iter()
                        .copied()
                        .filter(|&n| {
                            !self.corrections.contains_key(&n)
                                && is_near_miss(words, &self.words[n])
                                && !differ_in_capitals(
                                    self.name_text(variant),
                                    self.name_text(n),
                                )
                                && !both_known(self.name_text(variant), self.name_text(n))
                                && is_misspelling(counts, words, &self.words[n])
                                    .unwrap_or(small_is_rarer)
                        })
                        .min_by_key(|&n| name_distance(words, &self.words[n]));
                    verdicts.push((words, verdict));
                    verdict
                }
            };
            if let Some(intended) = intended {
                matched.push((variant, intended));
            }
        }
        // Every spelling of the entity must be a near miss of the other's: a name that is not
        // ("C Thomson" beside "Thomson" and "Thompson") says they are two.
        if matched.is_empty() || verdicts.iter().any(|(_, verdict)| verdict.is_none()) {
            return None;
        }
        Some(matched)
    }
}

/// Whether `variant` is the misspelling of the near-miss pair (`variant`, `intended`), by how
/// often the article writes the word where they differ; `None` when its words do not tell.
fn is_misspelling(counts: &WordCounts, variant: &[String], intended: &[String]) -> Option<bool> {
    let (variant_word, intended_word) = variant
        .iter()
        .zip(intended)
        .find(|(a, b)| a != b)?;
    counts.is_rarer(variant_word, intended_word)
}

/// Whether the article's counts or the news vocabulary chose the misspelling of the pair, not
/// their order alone.
fn is_decided(counts: &WordCounts, variant: &[String], intended: &[String]) -> bool {
    variant
        .iter()
        .zip(intended)
        .find(|(a, b)| a != b)
        .is_none_or(|(a, b)| counts.tells_apart(a, b))
}

/// Letters changed between two names of as many words.
fn name_distance(a: &[String], b: &[String]) -> usize {
    a.iter().zip(b).map(|(a, b)| edit_distance(a, b)).sum()
}

/// Adds `cluster` to the sorted `clusters`, unless it is there.
fn insert_sorted(clusters: &mut Vec<usize>, cluster: usize) {
    if let Err(at) = clusters.binary_search(&cluster) {
        clusters.insert(at, cluster);
    }
}

/// The first letter of each word: a near miss of a name has the same ones.
fn word_initials(words: &[String]) -> Vec<Option<char>> {
    words.iter().map(|word| word.chars().next()).collect()
}

/// A name index for each distinct spelling among `names` (words compared in lower case), in
/// order: the first one written with lower-case letters, else the first (the fix offered is
/// this name as written, and a headline's capitals are not how prose spells it).
fn distinct_spellings(names: &[usize], words: &[Vec<String>], has_lower_case: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut distinct: Vec<usize> = Vec::new();
    for &name in names {
        match distinct.iter().position(|&seen| words[seen] == words[name]) {
            None => distinct.push(name),
            Some(at) if !has_lower_case(distinct[at]) && has_lower_case(name) => distinct[at] = name,
            Some(_) => {}
        }
    }
    distinct
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;
    use super::insert_sorted;

    #[test]
    fn clusters_stay_sorted_and_once() {
        let mut clusters = Vec::new();
        for cluster in [5, 1, 9, 5, 3, 1] {
            insert_sorted(&mut clusters, cluster);
        }
        assert_eq!(clusters, [1, 3, 5, 9]);
    }

    #[test]
    fn misspelt_name_joins_the_entity_and_is_reported() {
        let (entities, findings) = render(
            "[Vladimir Putin|PER] spoke. [Vladimir Putin|PER] left. [Vladamir Putin|PER] returned.",
        );
        assert_eq!(
            entities,
            vec!["PERSON Vladimir Putin = *Vladimir Putin | Vladimir Putin | Vladamir Putin"]
        );
        assert_eq!(
            findings,
            vec!["entity-spelling Vladamir Putin -> Vladimir Putin"]
        );
    }

    #[test]
    fn the_spelling_the_article_writes_more_often_is_the_right_one() {
        // The tagger took one "London" into a longer name, so the entity of the misspelling
        // has as many names as the right one: the words of the article decide.
        let (_, findings) = render(
            "[London|LOC] rose. [London Stock Exchange|ORG] fell. In London, [Lodnon|LOC] said.",
        );
        assert_eq!(findings, vec!["entity-spelling Lodnon -> London"]);
    }

    #[test]
    fn when_only_the_order_chooses_the_finding_does_not_say_which_is_wrong() {
        let (_, findings) = render("[Arcleor|ORG] bid for it. The [Arcelor|ORG] offer rose.");
        assert_eq!(findings, vec!["entity-spelling Arcelor -> Arcleor (undecided)"]);
        let (_, findings) = render(
            "[Arcelor|ORG] bid. [Arcelor|ORG] rose. The [Arcleor|ORG] offer rose.",
        );
        assert_eq!(findings, vec!["entity-spelling Arcleor -> Arcelor"]);
    }

    #[test]
    fn two_spellings_the_news_knows_are_two_words() {
        let (_, findings) = render(
            "[BBC Three|ORG] showed it. [BBC Three|ORG] again. [BBC There|ORG] then.",
        );
        assert!(findings.is_empty(), "{findings:?}");
        // Words that differ only in case are the same word: the slip is where they differ.
        let (_, findings) = render(
            "[BANK OF NEW ENGLAND|ORG] said. [Bank of New England|ORG] rose. \
             [Bank of New Engalnd|ORG] fell.",
        );
        assert_eq!(
            findings,
            vec!["entity-spelling Bank of New Engalnd -> Bank of New England"]
        );
        // A slip the news never wrote is still one.
        let (_, findings) =
            render("[BBC Three|ORG] showed it. [BBC Three|ORG] again. [BBC Threee|ORG] then.");
        assert_eq!(findings, vec!["entity-spelling BBC Threee -> BBC Three"]);
    }

    #[test]
    fn the_intended_spelling_is_the_closest_one() {
        let (_, findings) = render(
            "A [Conservative|ORG] spokesman spoke. The [Conservatives|ORG] won. The \
             [Consevratives|ORG] agreed, and the [Conservatives|ORG] left.",
        );
        assert_eq!(
            findings,
            vec!["entity-spelling Consevratives -> Conservatives"]
        );
    }

    #[test]
    fn names_in_capitals_and_other_people_are_not_misspellings() {
        for marked in [
            "[WJBK-TV|ORG] said. [WJBK-TV|ORG] added. [WSBK-TV|ORG] declined.",
            "[BASF|ORG] rose. [BASF|ORG] fell. [BASF.F|ORG] closed.",
            "[Joe Biden|PER] spoke. [Joe Biden|PER] left. [Jill Biden|PER] stayed.",
            // A country and its people's adjective are two forms of one word.
            "Imports from [West Germany|LOC] rose. [West German|MISC] and Dutch amounts fell.",
        ] {
            let (_, findings) = render(marked);
            assert!(findings.is_empty(), "{marked}: {findings:?}");
        }
    }
}
