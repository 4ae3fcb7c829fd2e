//! One walk through the tokens in text order, linking pronouns (`pronouns`), generic nominals
//! ("the company") and role nominals ("the spokesperson", `nominals`) to an entity, so that
//! each link can use the links before it; and the index it asks instead of scanning every
//! cluster at every token.
//!
//! It decides which token is tried as what, and where a link looks back to; it must not know
//! how a pronoun or a nominal finds its entity.

use crate::hash_maps::HashMap;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::words::canonical_places;
use super::state::Grouping;
use crate::entities::Mention;
use crate::entities::hashing::lower_hash;
use crate::entities::lexicon::{LEXICON, class, gazetteer_classes};

/// The lower-case hashes of the pronouns (`hashing::lower_hash`). The pronouns are ASCII, so a
/// word that matches one whatever its case has the same hash.
static PRONOUN_WORDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    LEXICON
        .pronouns
        .keys()
        .map(|pronoun| lower_hash(pronoun))
        .collect()
});

/// Sentences back (besides the current one) in which a pronoun or role nominal looks for
/// its person.
const LINK_WINDOW_SENTENCES: usize = 2;

/// What the pass that links pronouns and role nominals asks at every token, answered from
/// indexes instead of a scan of every cluster (quadratic in long texts): which clusters were
/// mentioned in the last few sentences, and which persons hold a role ending in a given word.
pub(super) struct LinkIndex {
    /// Every mention (name or other) as (start, cluster); the pass adds its links as it goes,
    /// so later links see them.
    pub(super) mentions_by_start: BTreeSet<(usize, usize)>,
    /// Where each cluster's first name starts.
    pub(super) first_name_start: Vec<usize>,
    /// Each cluster's roles with their places written canonically, by their last word (a
    /// role phrase matches a role only as its suffix).
    pub(super) roles_by_last_word: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl LinkIndex {
    fn new(grouping: &Grouping) -> LinkIndex {
        let mut mentions_by_start = BTreeSet::new();
        let mut roles_by_last_word: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::default();
        for (index, cluster) in grouping.clusters.iter().enumerate() {
            for &name in &cluster.names {
                mentions_by_start.insert((grouping.names[name].span.start, index));
            }
            for mention in &cluster.others {
                mentions_by_start.insert((mention.span.start, index));
            }
            for (_, role) in &cluster.roles {
                let canonical = canonical_places(role);
                if let Some(last) = canonical.last() {
                    roles_by_last_word
                        .entry(last.clone())
                        .or_default()
                        .push((index, canonical));
                }
            }
        }
        LinkIndex {
            mentions_by_start,
            first_name_start: (0..grouping.clusters.len())
                .map(|cluster| grouping.first_mention(cluster))
                .collect(),
            roles_by_last_word,
        }
    }

    /// The clusters with a mention starting in `from..to`, each once, in index order.
    pub(super) fn mentioned_in(&self, from: usize, to: usize) -> Vec<usize> {
        let mut clusters: Vec<usize> = self
            .mentions_by_start
            .range((from, 0)..(to, 0))
            .map(|&(_, cluster)| cluster)
            .collect();
        clusters.sort_unstable();
        clusters.dedup();
        clusters
    }
}

impl Grouping<'_> {
    /// Start of the window in which a pronoun or nominal at `offset` looks for its person.
    pub(super) fn window_start(&self, offset: usize) -> usize {
        match self.document.sentence_index_at(offset) {
            Some(index) => {
                self.document.sentences[index.saturating_sub(LINK_WINDOW_SENTENCES)].start
            }
            None => offset.saturating_sub(300),
        }
    }

    fn first_mention(&self, cluster: usize) -> usize {
        self.clusters[cluster]
            .names
            .iter()
            .map(|&n| self.names[n].span.start)
            .min()
            .unwrap_or(usize::MAX)
    }

    /// One pass in text order, so each link can use the links before it.
    pub(super) fn link_nominals_and_pronouns(&mut self) {
        let mut links = LinkIndex::new(self);
        let mut index = 0;
        while index < self.tokens.len() {
            if self.token_owner[index].is_some() {
                index += 1;
                continue;
            }
            let word = self.word(index);
            // Only a word spelt like a pronoun, told by its hash, is compared with each pronoun.
            let gender = PRONOUN_WORDS
                .contains(&self.lower[index])
                .then(|| LEXICON.pronoun_gender(word))
                .flatten();
            if let Some(gender) = gender {
                self.link_pronoun(&mut links, index, gender);
                index += 1;
                continue;
            }
            if (word.eq_ignore_ascii_case("the") || word.eq_ignore_ascii_case("this"))
                && let Some(head) = self.generic_nominal(&mut links, index)
            {
                index = head + 1;
                continue;
            }
            let next_is_name = self
                .token_owner
                .get(index + 1)
                .copied()
                .flatten()
                .is_some_and(|cluster| self.is_person(cluster));
            // `LEXICON.is_title_head(word)`, from the word's hash.
            let title_head = gazetteer_classes(&[self.lower[index]]) & class::TITLE_HEAD != 0;
            if !title_head || next_is_name {
                index += 1;
                continue;
            }
            let end = index;
            if let Some(linked) = self.nominal_at(&mut links, end) {
                index = linked;
            }
            index += 1;
        }
    }

    /// A pronoun or nominal linked to `cluster`, recorded where later links will look for it.
    pub(super) fn add_link(&mut self, links: &mut LinkIndex, cluster: usize, mention: Mention) {
        links
            .mentions_by_start
            .insert((mention.span.start, cluster));
        self.clusters[cluster].others.push(mention);
    }
}
