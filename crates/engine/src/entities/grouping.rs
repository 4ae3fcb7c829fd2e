//! Mention grouping within one article: names into entities (full name, surname, acronym,
//! user-declared aliases, misspellings), then roles, role nominals ("the spokesperson") and
//! personal pronouns linked to the one compatible person when that is clear, and last the
//! whole noun phrase around a name ("US President Joe Biden", "Irving, Texas") as a mention too.
//!
//! Works on name spans already recognised; it knows nothing of the tagger or its features.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::lexicon::{Gender, LEXICON, known_key};
use super::spelling::{is_near_miss, name_words};
use super::tokens::Token;
#[cfg(test)]
use super::tokens::tokenize;
use super::{Entity, EntityId, EntityKind, Mention, MentionKind};
use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use crate::rules::Code;
use crate::settings::DeclaredEntity;
use crate::span::{DisjointSpans, Span};

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

/// How much a byline ("By Jane Doe") counts for the person reading, against the tagger's
/// votes of one per word.
const BYLINE_VOTE: u32 = 10;
/// Bytes looked back from a name for the start of its line, to see whether it is a byline.
const BYLINE_LOOKBACK: usize = 256;
/// Words that are not part of an acronym's expansion ("North Atlantic Treaty Organisation").
const ACRONYM_SKIPPED: [&str; 6] = ["of", "the", "and", "for", "on", "de"];
/// Sentences back (besides the current one) in which a pronoun or role nominal looks for
/// its person.
const LINK_WINDOW_SENTENCES: usize = 2;

#[derive(Debug, Default)]
struct Cluster {
    names: Vec<usize>,
    others: Vec<Mention>,
    votes: [u32; 4],
    declared: Option<usize>,
    /// Index into the lexicon's known entities.
    known: Option<usize>,
    /// The kind given by the user or the known-entity list, which outranks the tagger's votes.
    fixed_kind: Option<EntityKind>,
    /// Roles in text order: (text, lower-case words).
    roles: Vec<(String, Vec<String>)>,
    gender: Option<Gender>,
}

fn kind_index(kind: EntityKind) -> usize {
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
    fn leading_kind(&self) -> EntityKind {
        if let Some(kind) = self.fixed_kind {
            return kind;
        }
        let mut best = 0;
        for index in 1..KINDS.len() {
            if self.votes[index] > self.votes[best] {
                best = index;
            }
        }
        KINDS[best]
    }
}

/// What the pass that links pronouns and role nominals asks at every token, answered from
/// indexes instead of a scan of every cluster (quadratic in long texts): which clusters were
/// mentioned in the last few sentences, and which persons hold a role ending in a given word.
struct LinkIndex {
    /// Every mention (name or other) as (start, cluster); the pass adds its links as it goes,
    /// so later links see them.
    mentions_by_start: BTreeSet<(usize, usize)>,
    /// Where each cluster's first name starts.
    first_name_start: Vec<usize>,
    /// Each cluster's roles with their places written canonically, by their last word (a
    /// role phrase matches a role only as its suffix).
    roles_by_last_word: HashMap<String, Vec<(usize, Vec<String>)>>,
}

impl LinkIndex {
    fn new(grouping: &Grouping) -> LinkIndex {
        let mut mentions_by_start = BTreeSet::new();
        let mut roles_by_last_word: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
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
    fn mentioned_in(&self, from: usize, to: usize) -> Vec<usize> {
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

struct Grouping<'a> {
    text: &'a str,
    document: &'a Document,
    names: Vec<Name>,
    words: Vec<Vec<String>>,
    clusters: Vec<Cluster>,
    /// Cluster of every name.
    owner: Vec<usize>,
    /// Misspelt names → the spelling used by the rest of the entity.
    corrections: HashMap<usize, String>,
    tokens: Vec<Token>,
    /// Cluster of the name each token belongs to.
    token_owner: Vec<Option<usize>>,
    /// Names of two words or more by their initials ("north atlantic treaty organisation" under
    /// "nato"), in text order: an acronym looks up its long forms here instead of rescanning
    /// every cluster, which made long articles quadratic.
    by_initials: HashMap<String, Vec<usize>>,
    /// Names `0..clustered` have been given a cluster; the rest are not in any cluster yet.
    clustered: usize,
    /// While names are clustered, look-ups that would otherwise scan every cluster for every
    /// name (quadratic in articles with thousands of names): the cluster of each declared and
    /// known entity, and the clusters holding a name by its first and last word (after titles:
    /// two names of one person share one of them) and by its given name.
    cluster_of_declared: HashMap<usize, usize>,
    cluster_of_known: HashMap<usize, usize>,
    clusters_by_name_end: HashMap<String, Vec<usize>>,
    clusters_by_given_name: HashMap<String, Vec<usize>>,
}

/// Groups the names of an article into entities (`tokens` are the tokens of `regions`) and finds their roles, nominal and pronoun
/// mentions; reports names that look like misspellings of another entity's name.
pub fn group(
    text: &str,
    document: &Document,
    regions: &[Span],
    tokens: Vec<Token>,
    names: Vec<Name>,
    declared: &[DeclaredEntity],
) -> (Vec<Entity>, Vec<Diagnostic>) {
    let names = split_paired_surnames(text, names);
    let words = names
        .iter()
        .map(|name| name_words(name.span.slice(text)))
        .collect::<Vec<Vec<String>>>();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, name_words) in words.iter().enumerate() {
        if name_words.len() >= 2 {
            by_initials
                .entry(initials(name_words))
                .or_default()
                .push(index);
        }
    }
    let mut grouping = Grouping {
        text,
        document,
        owner: vec![0; names.len()],
        names,
        words,
        clusters: Vec::new(),
        corrections: HashMap::new(),
        token_owner: vec![None; tokens.len()],
        tokens,
        by_initials,
        clustered: 0,
        cluster_of_declared: HashMap::new(),
        cluster_of_known: HashMap::new(),
        clusters_by_name_end: HashMap::new(),
        clusters_by_given_name: HashMap::new(),
    };
    grouping.cluster_names();
    grouping.merge_acronyms();
    let diagnostics = grouping.merge_misspellings();
    grouping.propagate_names(regions);
    grouping.index_tokens();
    grouping.find_roles();
    grouping.link_nominals_and_pronouns();
    grouping.drop_modifiers_of_role_nominals();
    grouping.add_full_noun_phrases();
    (grouping.entities(declared), diagnostics)
}

impl<'a> Grouping<'a> {
    fn name_text(&self, index: usize) -> &str {
        self.names[index].span.slice(self.text)
    }

    fn cluster_names(&mut self) {
        // The highest cluster holding each exact name, so that finding "the entity with the same
        // name" does not rescan every earlier mention (linear in long articles). In running text
        // the tagger's kind is not part of the key: it reads each occurrence in its own context
        // and may call "Google" a place once and an organisation later, but one article means one
        // entity by one spelling, and the cluster's votes settle the kind. An ALL-CAPS name (a
        // headline, a results table: "NEW YORK" the team and the city) keeps its kind apart.
        let mut exact: HashMap<Vec<String>, usize> = HashMap::new();
        let mut exact_kind: HashMap<Vec<String>, [Option<usize>; 4]> = HashMap::new();
        for index in 0..self.names.len() {
            self.clustered = index;
            if self.words[index].is_empty() {
                continue;
            }
            let kind = self.names[index].kind;
            let all_caps = !self.name_text(index).chars().any(char::is_lowercase);
            let same_name = if all_caps {
                exact_kind
                    .get(&self.words[index])
                    .and_then(|by_kind| by_kind[kind_index(kind)])
            } else {
                exact.get(&self.words[index]).copied()
            };
            let cluster = match self.find_cluster(index, same_name) {
                Some(cluster) => cluster,
                None => {
                    let known = self.known(index);
                    let fixed_kind = self.names[index].declared_kind.or_else(|| {
                        known
                            .and_then(|k| LEXICON.known_entities.get(k))
                            .map(|(kind, _)| *kind)
                    });
                    self.clusters.push(Cluster {
                        declared: self.names[index].declared,
                        known,
                        fixed_kind,
                        ..Cluster::default()
                    });
                    let created = self.clusters.len() - 1;
                    if let Some(declared) = self.names[index].declared {
                        self.cluster_of_declared.entry(declared).or_insert(created);
                    }
                    if let Some(known) = known {
                        self.cluster_of_known.entry(known).or_insert(created);
                    }
                    created
                }
            };
            let name = &self.names[index];
            let vote = if self.is_byline(name.span) {
                self.clusters[cluster].votes[0] += BYLINE_VOTE;
                0
            } else {
                self.words[index].len() as u32
            };
            self.clusters[cluster].votes[kind_index(name.kind)] += vote;
            if let Some(kind) = name.declared_kind {
                self.clusters[cluster].fixed_kind = Some(kind);
            }
            self.clusters[cluster].names.push(index);
            self.owner[index] = cluster;
            let words = &self.words[index];
            let untitled = &words[leading_titles(words)..];
            for end in [untitled.first(), untitled.last()].into_iter().flatten() {
                let clusters = self.clusters_by_name_end.entry(end.clone()).or_default();
                if clusters.last() != Some(&cluster) {
                    clusters.push(cluster);
                }
            }
            if words.len() >= 2 {
                let clusters = self
                    .clusters_by_given_name
                    .entry(words[0].clone())
                    .or_default();
                if clusters.last() != Some(&cluster) {
                    clusters.push(cluster);
                }
            }
            // Keys are cloned only for names not seen before (most mentions repeat a name).
            match exact.get_mut(words) {
                Some(highest) => *highest = (*highest).max(cluster),
                None => {
                    exact.insert(words.clone(), cluster);
                }
            }
            let by_kind = match exact_kind.get_mut(words) {
                Some(by_kind) => by_kind,
                None => exact_kind.entry(words.clone()).or_default(),
            };
            let highest = &mut by_kind[kind_index(kind)];
            *highest = Some(highest.map_or(cluster, |highest| highest.max(cluster)));
        }
        self.clustered = self.names.len();
    }

    /// The cluster a new name joins: the user-declared entity it names, the entity with the
    /// same name, the long form of an acronym, or the most recent person it shortens or lengthens.
    /// `same_name` is the highest cluster that already holds this exact name.
    fn find_cluster(&self, index: usize, same_name: Option<usize>) -> Option<usize> {
        let name = &self.names[index];
        if let Some(declared) = name.declared {
            return self.cluster_of_declared.get(&declared).copied();
        }
        if let Some(known) = self.known(index) {
            return self.cluster_of_known.get(&known).copied();
        }
        if let Some(found) = same_name {
            return Some(found);
        }
        let words = &self.words[index];
        if let Some(found) = self.acronym_cluster(index)
            && found < self.clusters.len()
        {
            return Some(found);
        }
        let may_be_person = |cluster: usize| {
            self.clusters[cluster].leading_kind() == EntityKind::Person
                || (name.kind == EntityKind::Person && self.clusters[cluster].fixed_kind.is_none())
        };
        // The most recently mentioned person whose name this shortens or lengthens; only
        // clusters sharing the first or last word can hold such a name.
        let untitled = &words[leading_titles(words)..];
        let mut sharing_an_end: Vec<usize> = [untitled.first(), untitled.last()]
            .into_iter()
            .flatten()
            .filter_map(|end| self.clusters_by_name_end.get(end))
            .flatten()
            .copied()
            .collect();
        sharing_an_end.sort_by_key(|&cluster| {
            std::cmp::Reverse(self.clusters[cluster].names.last().copied().unwrap_or(0))
        });
        sharing_an_end.dedup();
        if let Some(found) = sharing_an_end.into_iter().find(|&cluster| {
            may_be_person(cluster)
                && self.clusters[cluster]
                    .names
                    .iter()
                    .any(|&n| same_person_name(words, &self.words[n]))
        }) {
            return Some(found);
        }
        // A given name alone ("Daniel") names the one person of that given name, if only one.
        if words.len() != 1 || name.kind != EntityKind::Person {
            return None;
        }
        let mut by_given_name: Vec<usize> = self
            .clusters_by_given_name
            .get(&words[0])
            .into_iter()
            .flatten()
            .copied()
            .filter(|&cluster| may_be_person(cluster))
            .collect();
        by_given_name.sort_unstable();
        by_given_name.dedup();
        match by_given_name[..] {
            [only] => Some(only),
            _ => None,
        }
    }

    fn known(&self, index: usize) -> Option<usize> {
        if self.names[index].declared.is_some() {
            return None;
        }
        LEXICON
            .known_names
            .get(&known_key(self.name_text(index)))
            .copied()
    }

    /// Moves every name of cluster `from` into cluster `into`.
    fn merge(&mut self, from: usize, into: usize) {
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
        target.declared = target.declared.or(moved.declared);
        target.known = target.known.or(moved.known);
        target.fixed_kind = target.fixed_kind.or(moved.fixed_kind);
    }

    /// An acronym used before its long form ("NATO … North Atlantic Treaty Organisation (NATO)")
    /// starts an entity of its own; this joins the two once all names are known.
    fn merge_acronyms(&mut self) {
        for index in 0..self.names.len() {
            let Some(long) = self.acronym_cluster(index) else {
                continue;
            };
            let short = self.owner[index];
            if long != short && !self.clusters[short].names.is_empty() {
                let (from, into) = if long < short {
                    (short, long)
                } else {
                    (long, short)
                };
                self.merge(from, into);
            }
        }
    }

    /// "North Atlantic Treaty Organisation (NATO)": an all-capitals name that spells the
    /// initials of an earlier organisation, or stands in brackets right after it.
    fn acronym_cluster(&self, index: usize) -> Option<usize> {
        let text = self.name_text(index);
        let letters: String = text.chars().filter(|c| *c != '.').collect();
        let is_acronym =
            (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_uppercase());
        if !is_acronym {
            return None;
        }
        let acronym = letters.to_lowercase();
        let start = self.names[index].span.start;
        let before = self.text.get(..start).unwrap_or("").trim_end();
        if let Some(before_bracket) = before.strip_suffix('(') {
            let end = before_bracket.trim_end().len();
            if let Some(long) = (0..index).rev().find(|&n| self.names[n].span.end == end)
                && self.words[long].len() >= 2
            {
                return Some(self.owner[long]);
            }
        }
        // The latest entity holding a long form: owners only move to lower clusters on merges,
        // so the highest owner among the clustered long forms is that entity.
        self.by_initials
            .get(&acronym)?
            .iter()
            .take_while(|&&n| n < self.clustered)
            .map(|&n| self.owner[n])
            .max()
    }

    /// "By Jane Doe", "Reported by: Jane Doe" at the start of a line.
    fn is_byline(&self, span: Span) -> bool {
        // A byline is short: looking back further than this for the line start (a scan to the
        // start of a giant one-line text for every name) cannot change the answer.
        let mut from = span.start.saturating_sub(BYLINE_LOOKBACK);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = self.text.get(from..span.start).unwrap_or("");
        let Some(line_start) = before
            .rfind('\n')
            .map(|index| index + 1)
            .or((from == 0).then_some(0))
        else {
            return false;
        };
        let line = before[line_start..].trim().trim_end_matches(':').trim_end();
        // Lower-casing shortens a character by at most a factor of three ("K" → "k"), so a
        // longer line cannot pass the length test: not lower-cased (most names are mid-line).
        if line.len() > 3 * 20 {
            return false;
        }
        let line = line.to_lowercase();
        line.len() <= 20 && (line == "by" || line.ends_with(" by"))
    }

    /// Merges an entity whose name is a near miss of a more frequent entity's name into it, and
    /// reports each misspelt mention with the likely intended spelling.
    fn merge_misspellings(&mut self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // A near miss keeps the number of words and the first letter of each word, so only
        // clusters with a spelling of the same initials are compared (comparing every pair of
        // clusters was quadratic in articles with thousands of names).
        let mut clusters_by_initials: HashMap<Vec<Option<char>>, BTreeSet<usize>> = HashMap::new();
        for (cluster, entry) in self.clusters.iter().enumerate() {
            for &name in &entry.names {
                clusters_by_initials
                    .entry(word_initials(&self.words[name]))
                    .or_default()
                    .insert(cluster);
            }
        }
        for small in 0..self.clusters.len() {
            let small_initials: BTreeSet<Vec<Option<char>>> = self.clusters[small]
                .names
                .iter()
                .map(|&name| word_initials(&self.words[name]))
                .collect();
            let candidates: BTreeSet<usize> = small_initials
                .iter()
                .filter_map(|initials| clusters_by_initials.get(initials))
                .flatten()
                .copied()
                .collect();
            for large in candidates {
                if small == large || self.clusters[small].names.is_empty() {
                    continue;
                }
                let (small_count, large_count) = (
                    self.clusters[small].names.len(),
                    self.clusters[large].names.len(),
                );
                // The more frequent spelling wins; on a tie, the earlier one.
                if small_count > large_count || (small_count == large_count && small < large) {
                    continue;
                }
                if self.clusters[small].leading_kind() != self.clusters[large].leading_kind() {
                    continue;
                }
                // Compare each distinct spelling once: a long article repeats the same names
                // hundreds of times, and comparing every occurrence pair made this quadratic.
                let mut matched = Vec::new();
                let mut verdicts: Vec<(&[String], Option<usize>)> = Vec::new();
                let large_spellings = distinct_spellings(&self.clusters[large].names, &self.words);
                for &variant in &self.clusters[small].names {
                    let words = self.words[variant].as_slice();
                    let intended = match verdicts.iter().find(|(seen, _)| *seen == words) {
                        Some((_, verdict)) => *verdict,
                        None => {
                            let verdict = large_spellings
                                .iter()
                                .copied()
                                .find(|&n| is_near_miss(words, &self.words[n]));
                            verdicts.push((words, verdict));
                            verdict
                        }
                    };
                    if let Some(intended) = intended {
                        matched.push((variant, intended));
                    }
                }
                if matched.is_empty() {
                    continue;
                }
                for (variant, intended) in matched {
                    let spelling = self.name_text(intended).to_string();
                    let span = self.names[variant].span;
                    diagnostics.push(
                        Diagnostic::new(
                            Code::EntitySpelling,
                            span,
                            format!(
                                "\"{}\" looks like a misspelling of \"{spelling}\", as the name is spelt elsewhere",
                                self.name_text(variant)
                            ),
                        )
                        .with_fix(Fix {
                            title: format!("Replace with \"{spelling}\""),
                            span,
                            replacement: spelling.clone(),
                        }),
                    );
                    self.corrections.insert(variant, spelling);
                }
                self.merge(small, large);
                for initials in &small_initials {
                    if let Some(clusters) = clusters_by_initials.get_mut(initials) {
                        clusters.remove(&small);
                        clusters.insert(large);
                    }
                }
            }
        }
        diagnostics
    }

    /// Every other occurrence of a name the tagger found once, spelt the same way, is a mention
    /// of the same entity: the tagger reads each occurrence in its own context and misses some
    /// ("posted to Twitter" after "the hashtag on Twitter"). Names that the article also uses as
    /// ordinary words, and occurrences inside longer names, are left alone.
    fn propagate_names(&mut self, regions: &[Span]) {
        let mut taken: Vec<Span> = self.names.iter().map(|name| name.span).collect();
        taken.sort_unstable();
        // Each cluster's distinct spellings, in the order they are tried.
        let mut spellings: Vec<(usize, &str)> = Vec::new();
        for cluster in 0..self.clusters.len() {
            let mut own: Vec<&str> = self.clusters[cluster]
                .names
                .iter()
                .map(|&n| self.name_text(n))
                .collect();
            own.sort_unstable();
            own.dedup();
            spellings.extend(own.into_iter().map(|spelling| (cluster, spelling)));
        }
        // Every occurrence of every spelling, and of its lower-case form (a name the article
        // also writes in lower case is not propagated), in one pass over the text (a search per
        // spelling made articles with thousands of names quadratic). Occurrences are then taken
        // in the order of clusters, spellings and positions, so that the first claim on a span
        // wins.
        let lower_case: Vec<String> = spellings
            .iter()
            .map(|&(_, spelling)| spelling.to_lowercase())
            .collect();
        let (patterns, users) = distinct_patterns(
            spellings
                .iter()
                .map(|&(_, spelling)| spelling)
                .chain(lower_case.iter().map(String::as_str)),
        );
        let mut used_in_lower_case = vec![false; spellings.len()];
        let mut occurrences: Vec<(usize, usize)> = Vec::new();
        for (pattern, at) in occurrences_of(self.text, &patterns) {
            for &user in &users[pattern] {
                match user.checked_sub(spellings.len()) {
                    Some(lower) => used_in_lower_case[lower] = true,
                    None => occurrences.push((user, at)),
                }
            }
        }
        let propagating: Vec<bool> = spellings
            .iter()
            .zip(&lower_case)
            .zip(used_in_lower_case)
            .map(|((&(_, spelling), lower), used)| propagates(spelling, lower, used))
            .collect();
        occurrences.retain(|&(spelling, _)| propagating[spelling]);
        occurrences.sort_unstable();
        let mut added: Vec<(Span, usize)> = Vec::new();
        let mut added_spans = DisjointSpans::default();
        for (pattern, at) in occurrences {
            let (cluster, spelling) = spellings[pattern];
            let span = Span::new(at, at + spelling.len());
            let region = regions.partition_point(|region| region.end <= at);
            if !regions
                .get(region)
                .is_some_and(|region| region.contains_span(span))
            {
                continue;
            }
            let before = self.text[..at].chars().next_back();
            let after = self.text[at + spelling.len()..].chars().next();
            let bounded = !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-');
            let free = {
                let index = taken.partition_point(|other| other.end <= span.start);
                taken.get(index).is_none_or(|other| !other.overlaps(span))
            };
            if bounded && free && !added_spans.overlaps(span) {
                added_spans.insert(span);
                added.push((span, cluster));
            }
        }
        for (span, cluster) in added {
            let index = self.names.len();
            self.names.push(Name {
                span,
                kind: self.clusters[cluster].leading_kind(),
                declared: None,
                declared_kind: None,
            });
            self.words.push(name_words(span.slice(self.text)));
            self.owner.push(cluster);
            self.clusters[cluster].names.push(index);
        }
        let names = &self.names;
        for cluster in &mut self.clusters {
            cluster.names.sort_by_key(|&n| names[n].span.start);
        }
    }

    fn index_tokens(&mut self) {
        for (index, name) in self.names.iter().enumerate() {
            let first = self
                .tokens
                .partition_point(|token| token.span.start < name.span.start);
            for position in first..self.tokens.len() {
                if self.tokens[position].span.start >= name.span.end {
                    break;
                }
                self.token_owner[position] = Some(self.owner[index]);
            }
        }
    }

    fn is_person(&self, cluster: usize) -> bool {
        self.clusters[cluster].leading_kind() == EntityKind::Person
    }

    /// A token that may modify a role noun: part of an organisation's, place's or
    /// nationality's name ("White House", "Kremlin", "US", "Russian").
    fn is_modifier(&self, token: usize) -> bool {
        self.token_owner[token].is_some_and(|cluster| !self.is_person(cluster))
    }

    fn word(&self, token: usize) -> &'a str {
        self.tokens[token].text(self.text)
    }

    /// Tokens of a role phrase that ends at `head` (inclusive), going left through title words
    /// and modifiers, never past the start of a segment.
    fn role_start(&self, head: usize) -> usize {
        let mut start = head;
        while start > 0 && !self.tokens[start].starts_segment {
            let previous = start - 1;
            if self.token_owner[previous].is_some() && !self.is_modifier(previous) {
                break;
            }
            if LEXICON.is_title_word(self.word(previous)) || self.is_modifier(previous) {
                start = previous;
            } else {
                break;
            }
        }
        while start < head && self.word(start).eq_ignore_ascii_case("of") {
            start += 1;
        }
        start
    }

    fn span_of(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }

    /// Roles given next to person names: "White House press secretary Jen Psaki",
    /// "Dmitry Peskov, the Kremlin spokesperson,".
    fn find_roles(&mut self) {
        let mut found: Vec<(usize, String)> = Vec::new();
        for (index, name) in self.names.iter().enumerate() {
            let cluster = self.owner[index];
            if !self.is_person(cluster) {
                continue;
            }
            let first = self
                .tokens
                .partition_point(|token| token.span.start < name.span.start);
            if first >= self.tokens.len() || self.tokens[first].span.start != name.span.start {
                continue;
            }
            // Before the name.
            if first > 0
                && !self.tokens[first].starts_segment
                && LEXICON.is_title_head(self.word(first - 1))
            {
                let start = self.role_start(first - 1);
                found.push((
                    cluster,
                    self.span_of(start, first - 1).slice(self.text).to_string(),
                ));
                continue;
            }
            // After the name, as an apposition between commas.
            let after = self
                .tokens
                .partition_point(|token| token.span.start < name.span.end);
            if self
                .tokens
                .get(after)
                .is_some_and(|token| token.text(self.text) == ",")
            {
                let mut start = after + 1;
                if self.tokens.get(start).is_some_and(|token| {
                    matches!(
                        token.text(self.text).to_lowercase().as_str(),
                        "the" | "a" | "an"
                    )
                }) {
                    start += 1;
                }
                let mut end = start;
                while end < self.tokens.len()
                    && !self.tokens[end].starts_segment
                    && (LEXICON.is_title_word(self.word(end)) || self.is_modifier(end))
                {
                    end += 1;
                }
                let closed = self.tokens.get(end).is_none_or(|token| {
                    token.starts_segment || matches!(token.text(self.text), "," | "." | ";")
                });
                if end > start && closed && LEXICON.is_title_head(self.word(end - 1)) {
                    found.push((
                        cluster,
                        self.span_of(start, end - 1).slice(self.text).to_string(),
                    ));
                }
            }
        }
        for (cluster, role) in found {
            let words = name_words(&role);
            let roles = &mut self.clusters[cluster].roles;
            if !roles.iter().any(|(_, known)| *known == words) {
                roles.push((role, words));
            }
        }
        for cluster in 0..self.clusters.len() {
            if self.clusters[cluster].gender.is_none() {
                self.clusters[cluster].gender = self.clusters[cluster]
                    .names
                    .iter()
                    .filter(|&&n| self.words[n].len() >= 2)
                    .find_map(|&n| LEXICON.first_name_gender(&self.words[n][0]));
            }
        }
    }

    /// Start of the window in which a pronoun or nominal at `offset` looks for its person.
    fn window_start(&self, offset: usize) -> usize {
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
    fn link_nominals_and_pronouns(&mut self) {
        let mut links = LinkIndex::new(self);
        let mut index = 0;
        while index < self.tokens.len() {
            if self.token_owner[index].is_some() {
                index += 1;
                continue;
            }
            let word = self.word(index);
            let start = self.tokens[index].span.start;
            if let Some(gender) = LEXICON.pronoun_gender(word) {
                let window = self.window_start(start);
                let candidates: Vec<usize> = links
                    .mentioned_in(window, start)
                    .into_iter()
                    .filter(|&cluster| {
                        self.is_person(cluster)
                            && self.clusters[cluster]
                                .gender
                                .is_none_or(|known| known == gender)
                    })
                    .collect();
                if let [cluster] = candidates[..] {
                    let span = self.tokens[index].span;
                    self.clusters[cluster].gender = Some(gender);
                    self.add_link(
                        &mut links,
                        cluster,
                        Mention {
                            span,
                            kind: MentionKind::Pronoun,
                        },
                    );
                }
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
            if !LEXICON.is_title_head(word) || next_is_name {
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

    /// "US" in "the US President" linked to a person is part of that person's mention, not a
    /// mention of its own: a speaker or reader of the phrase means the person.
    fn drop_modifiers_of_role_nominals(&mut self) {
        let mut nominals: Vec<Span> = Vec::new();
        for (cluster, entry) in self.clusters.iter().enumerate() {
            if self.is_person(cluster) {
                nominals.extend(
                    entry
                        .others
                        .iter()
                        .filter(|mention| mention.kind == MentionKind::Nominal)
                        .map(|mention| mention.span),
                );
            }
        }
        if nominals.is_empty() {
            return;
        }
        nominals.sort();
        for cluster in 0..self.clusters.len() {
            // Organisations ("the Kremlin spokesperson") stay: only countries and nationalities
            // are read as part of the role.
            if !matches!(
                self.clusters[cluster].leading_kind(),
                EntityKind::Place | EntityKind::Other
            ) {
                continue;
            }
            let names = &self.names;
            self.clusters[cluster].names.retain(|&name| {
                let span = names[name].span;
                let before = nominals.partition_point(|nominal| nominal.start <= span.start);
                !nominals[..before]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|nominal| nominal.contains_span(span))
            });
        }
    }

    /// A pronoun or nominal linked to `cluster`, recorded where later links will look for it.
    fn add_link(&mut self, links: &mut LinkIndex, cluster: usize, mention: Mention) {
        links
            .mentions_by_start
            .insert((mention.span.start, cluster));
        self.clusters[cluster].others.push(mention);
    }

    /// "the company", "this country": a common noun after a determiner that refers back to the
    /// organisation or place named last in the last few sentences. Returns the noun's token.
    fn generic_nominal(&mut self, links: &mut LinkIndex, determiner: usize) -> Option<usize> {
        let head = determiner + 1;
        let noun = self.tokens.get(head)?.text(self.text);
        let kind = *LEXICON.nominal_heads.get(noun)?;
        if self.tokens[head].starts_segment || self.token_owner[head].is_some() {
            return None;
        }
        let offset = self.tokens[determiner].span.start;
        let window = self.window_start(offset);
        // The latest mention in the window of a cluster of the noun's kind.
        let &(_, latest) = links
            .mentions_by_start
            .range((window, 0)..(offset, 0))
            .rev()
            .find(|&&(_, cluster)| self.clusters[cluster].leading_kind() == kind)?;
        let span = self.span_of(determiner, head);
        self.add_link(
            links,
            latest,
            Mention {
                span,
                kind: MentionKind::Nominal,
            },
        );
        Some(head)
    }

    /// A role phrase ending at `head` that names one known person ("the spokesperson",
    /// "Kremlin spokesperson", "the US President"). Returns the last token used.
    fn nominal_at(&mut self, links: &mut LinkIndex, head: usize) -> Option<usize> {
        let start = self.role_start(head);
        let phrase: Vec<String> = (start..=head)
            .flat_map(|token| name_words(self.word(token)))
            .collect();
        let determiner = start > 0
            && !self.tokens[start].starts_segment
            && self.word(start - 1).eq_ignore_ascii_case("the");
        let sentence_initial_determiner = start > 0
            && self.tokens[start - 1].starts_segment
            && self.word(start - 1).eq_ignore_ascii_case("the");
        let determiner = determiner || sentence_initial_determiner;
        if !determiner && phrase.len() < 2 {
            return None;
        }
        let offset = self.tokens[head].span.start;
        let phrase = canonical_places(&phrase);
        let mut candidates: Vec<usize> = phrase
            .last()
            .and_then(|last| links.roles_by_last_word.get(last))
            .into_iter()
            .flatten()
            .filter(|(cluster, role)| {
                self.is_person(*cluster)
                    && links.first_name_start[*cluster] < offset
                    && role_matches_as_written(&phrase, role)
            })
            .map(|&(cluster, _)| cluster)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let chosen = match candidates[..] {
            [only] => only,
            _ => {
                let window = self.window_start(offset);
                let mentioned = links.mentioned_in(window, offset);
                let recent: Vec<usize> = candidates
                    .into_iter()
                    .filter(|cluster| mentioned.binary_search(cluster).is_ok())
                    .collect();
                match recent[..] {
                    [only] => only,
                    _ => return None,
                }
            }
        };
        let first = if determiner { start - 1 } else { start };
        let span = self.span_of(first, head);
        self.add_link(
            links,
            chosen,
            Mention {
                span,
                kind: MentionKind::Nominal,
            },
        );
        Some(head)
    }

    /// The token index where `span` starts, if a token starts there.
    fn token_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .tokens
            .partition_point(|token| token.span.start < offset);
        (self.tokens.get(index)?.span.start == offset).then_some(index)
    }

    /// The token index where `span` ends, if a token ends there.
    fn token_ending_at(&self, offset: usize) -> Option<usize> {
        let index = self.tokens.partition_point(|token| token.span.end < offset);
        (self.tokens.get(index)?.span.end == offset).then_some(index)
    }

    /// The first token of the name (not a person's) that ends with token `last`, if any.
    fn name_ending_at(&self, last: usize, of_kind: impl Fn(EntityKind) -> bool) -> Option<usize> {
        let cluster = self.token_owner[last]?;
        if !of_kind(self.clusters[cluster].leading_kind()) {
            return None;
        }
        let mut first = last;
        while first > 0
            && self.token_owner[first - 1] == Some(cluster)
            && !self.tokens[first].starts_segment
        {
            first -= 1;
        }
        Some(first)
    }

    /// The last token of the name of kind `of_kind` that starts at token `first`, if any.
    fn name_starting_at(
        &self,
        first: usize,
        of_kind: impl Fn(EntityKind) -> bool,
    ) -> Option<usize> {
        let cluster = self.token_owner[first]?;
        if !of_kind(self.clusters[cluster].leading_kind()) {
            return None;
        }
        let mut last = first;
        while last + 1 < self.tokens.len()
            && self.token_owner[last + 1] == Some(cluster)
            && !self.tokens[last + 1].starts_segment
        {
            last += 1;
        }
        Some(last)
    }

    /// The whole noun phrase around a name, as a reader points at the person or place:
    /// "US President Barack Obama", "Mr Key", "New Zealand's Prime Minister John Key",
    /// "Alvin Yeung of the Civic Party", "Irving, Texas". Added as a further mention of the
    /// same entity (the bare name stays a mention of its own), after all linking, so that the
    /// role words are not read again as a nominal.
    fn add_full_noun_phrases(&mut self) {
        let mut added: Vec<(usize, Span)> = Vec::new();
        let not_person = |kind: EntityKind| kind != EntityKind::Person;
        for cluster in 0..self.clusters.len() {
            let kind = self.clusters[cluster].leading_kind();
            for &name in &self.clusters[cluster].names {
                let span = self.names[name].span;
                let (Some(first), Some(last)) =
                    (self.token_at(span.start), self.token_ending_at(span.end))
                else {
                    continue;
                };
                let starts = |token: usize| self.tokens[token].starts_segment;
                let lower = |token: usize| self.word(token).to_lowercase();
                if kind == EntityKind::Person {
                    let mut start = first;
                    if start > 0
                        && !starts(start)
                        && HONORIFICS.contains(&lower(start - 1).as_str())
                    {
                        start -= 1;
                    } else if start > 0
                        && !starts(start)
                        && LEXICON.is_title_head(self.word(start - 1))
                        && self.word(start - 1).starts_with(char::is_uppercase)
                    {
                        start = self.role_start(start - 1);
                    }
                    // "New Zealand's Prime Minister John Key", "DAB's Starry Lee".
                    if start >= 2
                        && !starts(start)
                        && matches!(self.word(start - 1), "'s" | "’s")
                        && let Some(owner) = self.name_ending_at(start - 2, not_person)
                    {
                        start = owner;
                    }
                    if start < first {
                        added.push((cluster, Span::new(self.tokens[start].span.start, span.end)));
                    }
                    // "Alvin Yeung of the Civic Party", "Tanya Chan from the Civic Party".
                    let mut next = last + 1;
                    if next < self.tokens.len()
                        && !starts(next)
                        && matches!(self.word(next), "of" | "from")
                    {
                        next += 1;
                        if next < self.tokens.len() && lower(next) == "the" && !starts(next) {
                            next += 1;
                        }
                        if next < self.tokens.len()
                            && !starts(next)
                            && let Some(end) =
                                self.name_starting_at(next, |kind| kind == EntityKind::Org)
                        {
                            added.push((cluster, Span::new(span.start, self.tokens[end].span.end)));
                        }
                    }
                } else if kind == EntityKind::Place {
                    // "Irving, Texas": a place and the region it lies in, but not a list of
                    // places ("Canada, Sudan and Iran").
                    let comma = last + 1;
                    if comma + 1 >= self.tokens.len()
                        || self.word(comma) != ","
                        || starts(comma + 1)
                        || (first > 0 && self.word(first - 1) == ",")
                    {
                        continue;
                    }
                    let Some(end) =
                        self.name_starting_at(comma + 1, |kind| kind == EntityKind::Place)
                    else {
                        continue;
                    };
                    let region = self.span_of(comma + 1, end).slice(self.text);
                    if LEXICON.place_or_nationality(region) != Some(EntityKind::Place) {
                        continue;
                    }
                    let listed = self.tokens.get(end + 1).is_some_and(|token| {
                        matches!(token.text(self.text), "," | "and" | "or")
                            && self.tokens.get(end + 2).is_some_and(|after| {
                                self.token_owner[end + 2].is_some()
                                    && after.text(self.text).starts_with(char::is_uppercase)
                            })
                    });
                    if !listed {
                        added.push((cluster, Span::new(span.start, self.tokens[end].span.end)));
                    }
                }
            }
        }
        for (cluster, span) in added {
            self.clusters[cluster].others.push(Mention {
                span,
                kind: MentionKind::Name,
            });
        }
    }

    fn entities(&self, declared: &[DeclaredEntity]) -> Vec<Entity> {
        let mut entities: Vec<Entity> = Vec::new();
        for cluster in &self.clusters {
            let Some(&first_name) = cluster.names.first() else {
                continue;
            };
            let spelled_right: Vec<usize> = cluster
                .names
                .iter()
                .copied()
                .filter(|n| !self.corrections.contains_key(n))
                .collect();
            let candidates = if spelled_right.is_empty() {
                &cluster.names
            } else {
                &spelled_right
            };
            // The fullest name: most words, then most letters (a title aside), then as written
            // in running text rather than in an ALL-CAPS title or dateline, then first used.
            let fullest = candidates
                .iter()
                .copied()
                .max_by_key(|&n| {
                    let titles = leading_titles(&self.words[n]);
                    (
                        self.words[n].len() - titles,
                        self.words[n][titles..]
                            .iter()
                            .map(String::len)
                            .sum::<usize>(),
                        self.name_text(n).chars().any(char::is_lowercase),
                        std::cmp::Reverse(n),
                    )
                })
                .unwrap_or(first_name);
            let declared_entity = cluster.declared.and_then(|index| declared.get(index));
            // An acronym the article spells out is named with both: "North Atlantic Treaty
            // Organisation (NATO)".
            let acronym = candidates.iter().copied().find(|&n| {
                let text = self.name_text(n);
                text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && text.chars().all(|c| c.is_uppercase() || c == '.')
                    && initials(&self.words[fullest]) == self.words[n].join("")
            });
            let fullest_words = self.words[fullest].clone();
            let canonical = match (declared_entity, acronym) {
                (Some(entity), _) => entity.name.clone(),
                (None, Some(acronym)) if acronym != fullest => {
                    format!("{} ({})", self.name_text(fullest), self.name_text(acronym))
                }
                _ => self.name_text(fullest).to_string(),
            };
            let definition_words = match declared_entity {
                Some(entity) => name_words(&entity.name),
                None => fullest_words,
            };
            let definition = cluster
                .names
                .iter()
                .copied()
                .find(|&n| self.words[n] == definition_words)
                .unwrap_or(fullest);
            let kind = cluster.leading_kind();
            let role = declared_entity
                .and_then(|entity| entity.role.clone())
                .or_else(|| cluster.roles.first().map(|(text, _)| text.clone()));
            let mut mentions: Vec<Mention> = cluster
                .names
                .iter()
                .map(|&n| Mention {
                    span: self.names[n].span,
                    kind: if self.name_text(n).starts_with(char::is_lowercase) {
                        MentionKind::Nominal
                    } else {
                        MentionKind::Name
                    },
                })
                .chain(cluster.others.iter().cloned())
                .collect();
            mentions.sort_by_key(|mention| mention.span);
            mentions.dedup_by_key(|mention| mention.span);
            entities.push(Entity {
                id: EntityId(0),
                canonical,
                kind,
                role,
                definition: self.names[definition].span,
                mentions,
            });
        }
        entities.sort_by_key(|entity| entity.mentions.first().map(|mention| mention.span));
        for (index, entity) in entities.iter_mut().enumerate() {
            entity.id = EntityId(index);
        }
        entities
    }
}

/// Courtesy titles that stand right before a surname ("Mr Key", "Dr. Eastman").
const HONORIFICS: [&str; 12] = [
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
];

/// "Biden-Putin meeting": two surnames of people the article names in full, joined by a
/// hyphen, are a mention of each person, not a name of its own.
fn split_paired_surnames(text: &str, names: Vec<Name>) -> Vec<Name> {
    let surnames: std::collections::HashSet<&str> = names
        .iter()
        .filter(|name| name.kind == EntityKind::Person)
        .filter_map(|name| {
            let words: Vec<&str> = name.span.slice(text).split_whitespace().collect();
            (words.len() >= 2).then(|| words[words.len() - 1])
        })
        .collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let slice = name.span.slice(text);
        let pair = slice.split_once('-').filter(|(left, right)| {
            !right.contains('-') && surnames.contains(left) && surnames.contains(right)
        });
        match pair {
            Some((left, _)) if name.declared.is_none() => {
                let right_start = name.span.start + left.len() + 1;
                out.push(Name {
                    span: Span::new(name.span.start, name.span.start + left.len()),
                    kind: EntityKind::Person,
                    ..name.clone()
                });
                out.push(Name {
                    span: Span::new(right_start, name.span.end),
                    kind: EntityKind::Person,
                    ..name
                });
            }
            _ => out.push(name),
        }
    }
    out
}

/// First letters of the words of a long name, without "of", "the" and the like.
fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|word| !ACRONYM_SKIPPED.contains(&word.as_str()))
        .filter_map(|word| word.chars().next())
        .collect()
}

/// Two names of one person: a surname alone and the full name, or the same first and last name
/// with or without a middle name.
/// How many words at the start of a name are a courtesy title or role the tagger took into it
/// ("Professor Burrows"): they are not part of the name proper.
fn leading_titles(words: &[String]) -> usize {
    words
        .iter()
        .take_while(|word| HONORIFICS.contains(&word.as_str()) || LEXICON.is_title_head(word))
        .count()
}

fn same_person_name(a: &[String], b: &[String]) -> bool {
    let (a, b) = (&a[leading_titles(a)..], &b[leading_titles(b)..]);
    let (Some(a_first), Some(a_last), Some(b_first), Some(b_last)) =
        (a.first(), a.last(), b.first(), b.last())
    else {
        return false;
    };
    match (a.len(), b.len()) {
        (1, 1) => false,
        (1, _) => a_first == b_last,
        (_, 1) => b_first == a_last,
        _ => a_first == b_first && a_last == b_last,
    }
}

/// A nominal phrase names a role when the role ends with the phrase ("spokesperson" of
/// "Kremlin spokesperson") and the phrase keeps the role's head noun.
/// Role words with each place written by its fullest name ("us president" → "united states
/// president"), so that one role compares alike however the country is written.
fn canonical_places(words: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len() + 1);
    let mut at = 0;
    while at < words.len() {
        let longest = (1..=3.min(words.len() - at)).rev().find_map(|length| {
            let phrase = words.get(at..at + length)?.join(" ");
            Some((length, LEXICON.canonical_place(&phrase)?))
        });
        match longest {
            Some((length, canonical)) => {
                out.extend(name_words(canonical));
                at += length;
            }
            None => {
                out.extend(words.get(at).cloned());
                at += 1;
            }
        }
    }
    out
}

fn role_matches_as_written(phrase: &[String], role: &[String]) -> bool {
    let before_of = role
        .iter()
        .position(|word| word == "of")
        .unwrap_or(role.len());
    let head = role[..before_of]
        .iter()
        .rev()
        .find(|word| LEXICON.is_title_head(word));
    let Some(head) = head else {
        return false;
    };
    let suffix = role.len() >= phrase.len() && role[role.len() - phrase.len()..] == *phrase;
    suffix && phrase.contains(head)
}

/// The first name index of each distinct spelling among `names`, in order.
/// The first letter of each word: a near miss of a name has the same ones.
fn word_initials(words: &[String]) -> Vec<Option<char>> {
    words.iter().map(|word| word.chars().next()).collect()
}

/// Up to this many strings are sought one by one; more are compiled into one automaton, whose
/// construction costs more than a few searches of a news article but keeps a text with
/// thousands of names linear.
const SEPARATE_SEARCHES_MAX: usize = 24;

/// Most patterns searched with a DFA (see `occurrences_of`).
const DFA_PATTERNS_MAX: usize = 1000;

/// Shortest text searched with a DFA (see `occurrences_of`).
const DFA_TEXT_MIN: usize = 64 * 1024;

/// Whether a name is worth looking for elsewhere: long enough, capitalised, and never used by
/// the article in lower case ("Bush" and "bush").
fn propagates(name: &str, lower_case: &str, used_in_lower_case: bool) -> bool {
    name.chars().count() >= 3
        && name.starts_with(char::is_uppercase)
        && !LEXICON.function_words.contains(lower_case)
        && !used_in_lower_case
}

/// Every occurrence, overlapping ones included, of every non-empty pattern in `text`, as
/// (pattern index, start), in no particular order.
fn occurrences_of(text: &str, patterns: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if patterns.len() <= SEPARATE_SEARCHES_MAX {
        for (index, pattern) in patterns.iter().enumerate() {
            let Some(first) = pattern.chars().next() else {
                continue;
            };
            let mut from = 0;
            while let Some(found) = text.get(from..).and_then(|rest| rest.find(pattern)) {
                out.push((index, from + found));
                from += found + first.len_utf8();
            }
        }
        return out;
    }
    // A DFA searches several times faster, but building it costs more than searching a short
    // article, and its tables grow with the patterns times the alphabet: for short texts, and
    // past a few hundred names (a corpus pasted into one file), the compact NFA.
    let kind = if text.len() >= DFA_TEXT_MIN && patterns.len() <= DFA_PATTERNS_MAX {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    let automaton = AhoCorasick::builder()
        .kind(Some(kind))
        .build(patterns.iter().filter(|pattern| !pattern.is_empty()));
    // Patterns are names of the article: building fails only past the automaton's size limits,
    // and then the names are simply not propagated.
    if let Ok(automaton) = automaton {
        let non_empty: Vec<usize> = (0..patterns.len())
            .filter(|&index| !patterns[index].is_empty())
            .collect();
        for found in automaton.find_overlapping_iter(text) {
            out.push((non_empty[found.pattern().as_usize()], found.start()));
        }
    }
    out
}

/// The distinct strings of `strings` (patterns for one automaton) and, for each, the indices
/// of `strings` it stands for.
fn distinct_patterns<'s>(
    strings: impl Iterator<Item = &'s str>,
) -> (Vec<&'s str>, Vec<Vec<usize>>) {
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    for (user, string) in strings.enumerate() {
        let pattern = *index_of.entry(string).or_insert_with(|| {
            patterns.push(string);
            users.push(Vec::new());
            patterns.len() - 1
        });
        users[pattern].push(user);
    }
    (patterns, users)
}

fn distinct_spellings(names: &[usize], words: &[Vec<String>]) -> Vec<usize> {
    let mut distinct: Vec<usize> = Vec::new();
    for &name in names {
        if !distinct.iter().any(|&seen| words[seen] == words[name]) {
            distinct.push(name);
        }
    }
    distinct
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;

    /// Parses `[name|KIND]` marks into the plain text and its names.
    fn annotated(marked: &str) -> (String, Vec<Name>) {
        let mut text = String::new();
        let mut names = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let Some(close) = rest[open..].find(']') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            let (name, kind) = inner.split_once('|').unwrap_or((inner, "PER"));
            let start = text.len();
            text.push_str(name);
            names.push(Name {
                span: Span::new(start, text.len()),
                kind: EntityKind::parse(kind).unwrap_or(EntityKind::Other),
                declared: None,
                declared_kind: None,
            });
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        (text, names)
    }

    /// One line per entity: kind, canonical name, role, then the mentions (`*` on the
    /// definition); and one line per finding: code, span text, fix.
    fn render(marked: &str) -> (Vec<String>, Vec<String>) {
        let (text, names) = annotated(marked);
        let document = document::parse(&text);
        let regions: Vec<Span> = document.paragraphs.iter().map(|p| p.span).collect();
        let mut tokens = Vec::new();
        for region in &regions {
            tokenize(&text, *region, &mut tokens);
        }
        let (entities, diagnostics) = group(&text, &document, &regions, tokens, names, &[]);
        let lines = entities
            .iter()
            .map(|entity| {
                let mentions: Vec<String> = entity
                    .mentions
                    .iter()
                    .map(|mention| {
                        let star = if mention.span == entity.definition {
                            "*"
                        } else {
                            ""
                        };
                        format!("{star}{}", mention.span.slice(&text))
                    })
                    .collect();
                let role = entity.role.as_deref().map(|role| format!(" ({role})"));
                format!(
                    "{} {}{} = {}",
                    entity.kind.name(),
                    entity.canonical,
                    role.unwrap_or_default(),
                    mentions.join(" | ")
                )
            })
            .collect();
        let findings = diagnostics
            .iter()
            .map(|diagnostic| {
                let fix = diagnostic.fix.as_ref().map(|fix| fix.replacement.as_str());
                format!(
                    "{} {} -> {}",
                    diagnostic.code.name(),
                    diagnostic.span.slice(&text),
                    fix.unwrap_or("")
                )
            })
            .collect();
        (lines, findings)
    }

    #[test]
    fn full_noun_phrases_around_names_are_mentions_too() {
        let (entities, _) = render(
            "[New Zealand|LOC]'s Prime Minister [John Key|PER] met [Alvin Yeung|PER] of the \
             [Civic Party|ORG] in [Irving|LOC], [Texas|LOC] on Monday. Mr [Key|PER] left.",
        );
        assert_eq!(
            entities,
            vec![
                "PLACE New Zealand = *New Zealand",
                "PERSON John Key (Prime Minister) = New Zealand's Prime Minister John Key | *John Key | Mr Key | Key",
                "PERSON Alvin Yeung = *Alvin Yeung | Alvin Yeung of the Civic Party",
                "ORG Civic Party = *Civic Party",
                "PLACE Irving = *Irving | Irving, Texas",
                "PLACE Texas = *Texas",
            ]
        );
    }

    #[test]
    fn two_surnames_joined_by_a_hyphen_are_two_people() {
        let (entities, _) = render(
            "[Joe Biden|PER] will call [Vladimir Putin|PER]. The [Biden-Putin|LOC] call is set.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Joe Biden = *Joe Biden | Biden",
                "PERSON Vladimir Putin = *Vladimir Putin | Putin",
            ]
        );
    }

    #[test]
    fn a_title_in_the_name_does_not_hide_the_surname() {
        let (entities, _) =
            render("[John Burrows|PER] chairs the panel. [Professor Burrows|PER] said so.");
        assert_eq!(
            entities,
            vec!["PERSON John Burrows = *John Burrows | Professor Burrows"]
        );
    }

    #[test]
    fn a_list_of_places_is_not_a_place_and_its_region() {
        let (entities, _) = render(
            "Teams came from [Canada|LOC], [Sudan|LOC] and [Iran|LOC]. Others from [Poland|LOC], \
             [Armenia|LOC], [Mexico|LOC].",
        );
        assert!(
            entities.iter().all(|line| !line.contains(',')),
            "{entities:?}"
        );
    }

    #[test]
    fn one_spelling_is_one_entity_whatever_the_tagger_read() {
        let (entities, _) = render(
            "[Google|LOC] said so. Later [Google|ORG] and [Twitter|ORG] agreed. [GOLD COAST|LOC] \
             beat [GOLD COAST|ORG].",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Google = *Google | Google",
                "ORG Twitter = *Twitter",
                "PLACE GOLD COAST = *GOLD COAST",
                "ORG GOLD COAST = *GOLD COAST",
            ]
        );
    }

    #[test]
    fn surname_pronoun_and_role_nominal() {
        let (entities, _) = render(
            "[White House|ORG] press secretary [Jen Psaki|PER] said so. [Psaki|PER] added that \
             she would wait. The [White House|ORG] press secretary left.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG White House = *White House | White House",
                "PERSON Jen Psaki (White House press secretary) = *Jen Psaki | Psaki | she | The White House press secretary",
            ]
        );
    }

    #[test]
    fn full_name_after_surname_and_role_with_nationality() {
        let (entities, _) = render(
            "[Biden|PER] spoke first. Then [US|LOC] President [Joe Biden|PER] arrived. Later the \
             [US|LOC] President said [Moscow|LOC]'s offer stood.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Joe Biden (US President) = Biden | US President Joe Biden | *Joe Biden | the US President",
                "PLACE US = *US",
                "PLACE Moscow = *Moscow",
            ]
        );
    }

    #[test]
    fn a_role_links_however_its_country_is_written() {
        let (entities, _) = render(
            "[United States|LOC] President [Joe Biden|PER] arrived. Later the [US|LOC] President \
             spoke. [US|LOC] President had already said so; [Russian|MISC] President \
             [Vladimir Putin|PER] agreed.",
        );
        assert_eq!(
            entities,
            vec![
                "PLACE United States = *United States",
                "PERSON Joe Biden (United States President) = United States President Joe Biden | *Joe Biden | the US President | \
                 US President",
                "OTHER Russian = *Russian",
                "PERSON Vladimir Putin (Russian President) = Russian President Vladimir Putin | *Vladimir Putin",
            ]
        );
    }

    #[test]
    fn acronyms_join_their_long_form_either_way() {
        let (entities, _) = render(
            "[NATO|ORG] met. The [North Atlantic Treaty Organisation|ORG] ([NATO|ORG]) said so.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG North Atlantic Treaty Organisation (NATO) = NATO | *North Atlantic Treaty Organisation | NATO"
            ]
        );
    }

    #[test]
    fn role_in_apposition_and_its_nominal() {
        let (entities, _) = render(
            "[Dmitry Peskov|PER], the [Kremlin|ORG] spokesperson, spoke. The spokesperson added more.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Dmitry Peskov (Kremlin spokesperson) = *Dmitry Peskov | the Kremlin spokesperson | The spokesperson",
                "ORG Kremlin = *Kremlin",
            ]
        );
    }

    #[test]
    fn pronouns_link_only_when_one_person_fits() {
        let (entities, _) = render("[John Smith|PER] met [Mary Jones|PER]. She said he agreed.");
        assert_eq!(
            entities,
            vec![
                "PERSON John Smith = *John Smith | he",
                "PERSON Mary Jones = *Mary Jones | She",
            ]
        );
        let (entities, _) = render("[Smith|PER] met [Jones|PER]. She left.");
        assert_eq!(
            entities,
            vec!["PERSON Smith = *Smith", "PERSON Jones = *Jones"]
        );
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
    fn byline_names_a_person_and_known_names_keep_their_kind() {
        let (entities, _) = render(
            "Reported by: [Bhavya Sukheja|ORG]\n\nThe [Kremlin|LOC] said the [US|ORG] and [U.S.|LOC] agreed.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Bhavya Sukheja = *Bhavya Sukheja",
                "ORG Kremlin = *Kremlin",
                "PLACE US = *US | U.S.",
            ]
        );
    }

    #[test]
    fn generic_nominals_refer_to_the_last_fitting_name() {
        let (entities, _) = render(
            "[Acme Corp|ORG] opened an office in [Lyon|LOC]. The company said the city helped.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Acme Corp = *Acme Corp | The company",
                "PLACE Lyon = *Lyon | the city",
            ]
        );
    }
}
