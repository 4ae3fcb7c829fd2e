//! Mention grouping within one article: names into entities (full name, surname, acronym,
//! user-declared aliases, misspellings), then roles, role nominals ("the spokesperson") and
//! personal pronouns linked to the one compatible person when that is clear, and last the
//! whole noun phrase around a name ("US President Joe Biden", "Irving, Texas") as a mention too,
//! and a name inside a longer one ("Google" in "Google Science Fair").
//!
//! Works on name spans already recognised; it knows nothing of the tagger or its features.
//!
//! One pass per file, run in this order by `group` on the shared state of `state.rs`:
//! `paired_surnames` (split "Biden-Putin") → `names` (names into clusters: same name, surname,
//! given name, declared and known entities, bylines) → `acronyms` (an acronym used before its
//! long form) → `short_forms` (a word of an organisation's longer name used alone is an
//! organisation) → `misspellings` (near-miss names, reported; which spelling is wrong is told by
//! `word_counts`) → `slips` (typing slips in other capitalised words, reported) → `propagation` (other occurrences
//! of a name the tagger missed) → `token_owners` (which cluster each token belongs to) →
//! `roles` (titles before a name, appositions after it; genders from given names) → `links`
//! (one walk in text order through `pronouns` and `nominals`, generic and role) → `modifiers`
//! (a country inside a linked role nominal is not a mention of its own) → `noun_phrases` (the
//! whole phrase around a name) → `nested_names` (a name the article uses alone, inside a longer
//! name) → `entities` (canonical names, definitions, mentions).
//! Each pass sees only what the passes before it left in the state.

mod acronyms;
mod descriptors;
mod entities;
mod links;
mod misspellings;
mod modifiers;
mod names;
mod nested_names;
mod nominals;
mod non_person_cues;
mod noun_phrases;
mod paired_surnames;
mod pronouns;
mod propagation;
mod roles;
mod short_forms;
mod slips;
mod state;
#[cfg(test)]
mod testing;
mod token_owners;
mod word_counts;
mod words;

use super::tokens::Token;
use super::{Entity, EntityKind};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::settings::DeclaredEntity;
use crate::span::Span;
use state::Grouping;

/// A name mention before grouping.
#[derive(Debug, Clone)]
pub struct Name {
    pub span: Span,
    pub kind: EntityKind,
    /// The user-declared entity this name or alias belongs to.
    pub declared: Option<usize>,
    /// The kind the user declared for it.
    pub declared_kind: Option<EntityKind>,
}

/// Groups the names of an article into entities (`tokens` are the tokens of `regions`, and
/// `lower` the lower-case hash of each one's word, `hashing::lower_hash`, which the tagger has
/// computed already) and finds their roles, nominal and pronoun mentions; reports names that
/// look like misspellings of another entity's name.
pub fn group(
    text: &str,
    document: &Document,
    regions: &[Span],
    tokens: Vec<Token>,
    lower: Vec<u64>,
    names: Vec<Name>,
    declared: &[DeclaredEntity],
) -> (Vec<Entity>, Vec<Diagnostic>) {
    let names = paired_surnames::split_paired_surnames(text, names);
    let mut grouping = Grouping::new(text, document, tokens, lower, names);
    grouping.cluster_names();
    grouping.merge_acronyms();
    grouping.take_kinds_from_long_forms();
    let counts = word_counts::WordCounts::new(&grouping.lower);
    let mut diagnostics = grouping.merge_misspellings(&counts);
    let slips = grouping.find_typing_slips(&counts, &diagnostics);
    diagnostics.extend(slips);
    grouping.propagate_names(regions);
    grouping.index_tokens();
    grouping.find_roles();
    grouping.link_nominals_and_pronouns();
    grouping.drop_modifiers_of_role_nominals();
    grouping.add_full_noun_phrases();
    grouping.add_names_inside_names();
    (grouping.entities(declared), diagnostics)
}
