//! The state the grouping passes share: the names with their words, the clusters they form,
//! the article's tokens and which cluster each belongs to, and the look-up tables the passes
//! keep so that long articles stay linear; with the few questions every pass asks of it (a
//! name's text, a token's word, whether a cluster is a person) and the one way clusters merge.
//!
//! It holds no pass's logic: it must not know how names are matched, roles read or mentions
//! linked.

use crate::hash_maps::HashMap;

use super::Name;
use super::words::initials;
use crate::document::Document;
use crate::entities::lexicon::Gender;
use crate::entities::spelling::name_words;
use crate::entities::tokens::Token;
use crate::entities::{EntityKind, Mention};
use crate::span::Span;

/// One entity in the making: its names, its other mentions and what is known of it.
#[derive(Debug, Default)]
pub(super) struct Cluster {
    pub(super) names: Vec<usize>,
    pub(super) others: Vec<Mention>,
    /// The tagger's votes for each kind (`kind_index`), one per word of each name.
    pub(super) votes: [u32; 4],
    /// Votes of descriptor nouns before its names ("oil firm Yukos"): what the text says the
    /// entity is outranks what the tagger guessed from the name's letters, every time.
    pub(super) described: [u32; 4],
    /// Cues in the words around its names that it is no person (`non_person_cues`: "Gartner's
    /// principal analyst Kobita Desai"), each counted for the kind it is instead (a place when
    /// the gazetteers list the name as one, else an organisation): a person the tagger or the
    /// descriptors read becomes the kind most of them say.
    pub(super) not_person: [u32; 4],
    /// Its names of two words or more that open with a listed given name ("Hillary Clinton"):
    /// a person's full name, which no cue around a one-word mention outweighs ("Clinton's
    /// campaign chairman John Podesta" says nothing against her).
    pub(super) full_personal_names: u32,
    pub(super) declared: Option<usize>,
    /// Index into the lexicon's known entities.
    pub(super) known: Option<usize>,
    /// The kind given by the user or the known-entity list, which outranks the tagger's votes.
    pub(super) fixed_kind: Option<EntityKind>,
    /// Roles in text order: (text, lower-case words).
    pub(super) roles: Vec<(String, Vec<String>)>,
    pub(super) gender: Option<Gender>,
}

pub(super) fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::Place,
    EntityKind::Other,
];

impl Cluster {
    pub(super) fn leading_kind(&self) -> EntityKind {
        if let Some(kind) = self.fixed_kind {
            return kind;
        }
        let votes = if self.described.iter().any(|&vote| vote > 0) {
            &self.described
        } else {
            &self.votes
        };
        let mut best = 0;
        for index in 1..KINDS.len() {
            if votes[index] > votes[best] {
                best = index;
            }
        }
        if best == 0 && self.is_told_no_person() && self.full_personal_names == 0 {
            best = 1;
            for index in 2..KINDS.len() {
                if self.not_person[index] > self.not_person[best] {
                    best = index;
                }
            }
        }
        KINDS[best]
    }

    /// Whether the words around one of its names say it is no person.
    pub(super) fn is_told_no_person(&self) -> bool {
        self.not_person.iter().any(|&vote| vote > 0)
    }
}

/// The state of one article's grouping, passed from pass to pass.
pub(super) struct Grouping<'a> {
    pub(super) text: &'a str,
    pub(super) document: &'a Document,
    pub(super) names: Vec<Name>,
    pub(super) words: Vec<Vec<String>>,
    pub(super) clusters: Vec<Cluster>,
    /// Cluster of every name.
    pub(super) owner: Vec<usize>,
    /// Misspelt names → the spelling used by the rest of the entity.
    pub(super) corrections: HashMap<usize, String>,
    pub(super) tokens: Vec<Token>,
    /// The lower-case hash of each token's word (`hashing::lower_hash`).
    pub(super) lower: Vec<u64>,
    /// Cluster of the name each token belongs to.
    pub(super) token_owner: Vec<Option<usize>>,
    /// Names of two words or more by their initials ("north atlantic treaty organisation" under
    /// "nato"), in text order: an acronym looks up its long forms here instead of rescanning
    /// every cluster, which made long articles quadratic.
    pub(super) by_initials: HashMap<String, Vec<usize>>,
    /// Names `0..clustered` have been given a cluster; the rest are not in any cluster yet.
    pub(super) clustered: usize,
    /// While names are clustered, look-ups that would otherwise scan every cluster for every
    /// name (quadratic in articles with thousands of names): the cluster of each declared and
    /// known entity. (The clusters holding a name's words are `names`' own index.)
    pub(super) cluster_of_declared: HashMap<usize, usize>,
    pub(super) cluster_of_known: HashMap<usize, usize>,
}

impl<'a> Grouping<'a> {
    /// The state before any pass: every name alone, in no cluster yet.
    pub(super) fn new(
        text: &'a str,
        document: &'a Document,
        tokens: Vec<Token>,
        lower: Vec<u64>,
        names: Vec<Name>,
    ) -> Grouping<'a> {
        let words = names
            .iter()
            .map(|name| name_words(name.span.slice(text)))
            .collect::<Vec<Vec<String>>>();
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
        for (index, name_words) in words.iter().enumerate() {
            if name_words.len() >= 2 {
                by_initials
                    .entry(initials(name_words))
                    .or_default()
                    .push(index);
            }
        }
        Grouping {
            text,
            document,
            owner: vec![0; names.len()],
            names,
            words,
            clusters: Vec::new(),
            corrections: HashMap::default(),
            token_owner: vec![None; tokens.len()],
            tokens,
            lower,
            by_initials,
            clustered: 0,
            cluster_of_declared: HashMap::default(),
            cluster_of_known: HashMap::default(),
        }
    }

    pub(super) fn name_text(&self, index: usize) -> &str {
        self.names[index].span.slice(self.text)
    }

    /// Moves every name of cluster `from` into cluster `into`.
    pub(super) fn merge(&mut self, from: usize, into: usize) {
        let moved = std::mem::take(&mut self.clusters[from]);
        for &name in &moved.names {
            self.owner[name] = into;
        }
        let target = &mut self.clusters[into];
        target.names.extend(moved.names);
        target.names.sort_unstable();
        target.others.extend(moved.others);
        for (vote, added) in target.votes.iter_mut().zip(moved.votes) {
            *vote += added;
        }
        for (vote, added) in target.described.iter_mut().zip(moved.described) {
            *vote += added;
        }
        for (vote, added) in target.not_person.iter_mut().zip(moved.not_person) {
            *vote += added;
        }
        target.full_personal_names += moved.full_personal_names;
        target.declared = target.declared.or(moved.declared);
        target.known = target.known.or(moved.known);
        target.fixed_kind = target.fixed_kind.or(moved.fixed_kind);
    }

    pub(super) fn is_person(&self, cluster: usize) -> bool {
        self.clusters[cluster].leading_kind() == EntityKind::Person
    }

    pub(super) fn word(&self, token: usize) -> &'a str {
        self.tokens[token].text(self.text)
    }

    pub(super) fn span_of(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }
}
