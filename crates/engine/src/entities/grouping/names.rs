//! Names into clusters, in text order: each name joins the user-declared or known entity it
//! names, the entity with the same name (an ALL-CAPS name only one of its own kind), the long
//! form of its acronym, the most recent person whose name it shortens or lengthens ("Biden",
//! "Joe Biden", "Professor Burrows"), or the one person of its given name; else it starts a
//! cluster. Each name votes for its cluster's kind, a byline ("By Jane Doe") for a person, and so
//! does a surname alone in the cluster of a full name the tagger read as a person's; a
//! descriptor noun before or after a name ("oil firm Yukos", "Yukos, the oil firm") says the kind, over the tagger's votes.
//!
//! It must not know of tokens, roles or mentions other than names: those passes come later.

use crate::hash_maps::HashMap;

use super::descriptors::described_kind;
use super::state::{Cluster, Grouping, kind_index};
use super::words::leading_titles;
use crate::entities::EntityKind;
use crate::entities::lexicon::{LEXICON, known_key};
use crate::span::Span;

/// How much a byline ("By Jane Doe") counts for the person reading, against the tagger's
/// votes of one per word.
const BYLINE_VOTE: u32 = 10;
/// Bytes looked back from a name for the start of its line, to see whether it is a byline.
const BYLINE_LOOKBACK: usize = 256;

impl Grouping<'_> {
    pub(super) fn cluster_names(&mut self) {
        // The highest cluster holding each exact name, so that finding "the entity with the same
        // name" does not rescan every earlier mention (linear in long articles). In running text
        // the tagger's kind is not part of the key: it reads each occurrence in its own context
        // and may call "Google" a place once and an organisation later, but one article means one
        // entity by one spelling, and the cluster's votes settle the kind. An ALL-CAPS name (a
        // headline, a results table: "NEW YORK" the team and the city) keeps its kind apart.
        // One entry per name: the highest cluster of any kind, and of each kind.
        let mut exact: HashMap<Vec<String>, (usize, [Option<usize>; 4])> = HashMap::default();
        for index in 0..self.names.len() {
            self.clustered = index;
            if self.words[index].is_empty() {
                continue;
            }
            let kind = self.names[index].kind;
            let all_caps = !self.name_text(index).chars().any(char::is_lowercase);
            let same_name =
                exact
                    .get(&self.words[index])
                    .and_then(|&(highest, by_kind)| {
                        if all_caps {
                            by_kind[kind_index(kind)]
                        } else {
                            Some(highest)
                        }
                    });
            // The known entity the name names, looked up once for both uses.
            let known = self.known(index);
            let cluster = match self.find_cluster(index, same_name, known) {
                Some(cluster) => cluster,
                None => {
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
            self.count_descriptor(cluster, self.names[index].span);
            self.clusters[cluster].names.push(index);
            self.owner[index] = cluster;
            let words = &self.words[index];
            let untitled = &words[leading_titles(words)..];
            for end in [untitled.first(), untitled.last()].into_iter().flatten() {
                add_cluster(&mut self.clusters_by_name_end, end, cluster);
            }
            if words.len() >= 2 {
                add_cluster(&mut self.clusters_by_given_name, &words[0], cluster);
            }
            // Keys are cloned only for names not seen before (most mentions repeat a name).
            match exact.get_mut(words) {
                Some((highest, by_kind)) => {
                    *highest = (*highest).max(cluster);
                    let of_kind = &mut by_kind[kind_index(kind)];
                    *of_kind = Some(of_kind.map_or(cluster, |highest| highest.max(cluster)));
                }
                None => {
                    let mut by_kind = [None; 4];
                    by_kind[kind_index(kind)] = Some(cluster);
                    exact.insert(words.clone(), (cluster, by_kind));
                }
            }
        }
        self.clustered = self.names.len();
        self.settle_surname_votes();
    }

    /// A surname alone that is also a place or a firm ("Jordan", "Ford") is often read so by
    /// the tagger, every time, and outvotes the one full name it shortens ("director Neil
    /// Jordan ... Jordan said"): the cluster then becomes a place. The surname joined the
    /// person's cluster because it shortens a person's name, which is the reading chosen, so in
    /// a cluster holding such a full name its surname votes for a person.
    fn settle_surname_votes(&mut self) {
        for cluster in 0..self.clusters.len() {
            let Cluster {
                names,
                votes,
                fixed_kind,
                ..
            } = &self.clusters[cluster];
            // Nothing to move when every vote is a person's already (most clusters).
            let others = votes.iter().sum::<u32>() - votes[kind_index(EntityKind::Person)];
            if fixed_kind.is_some() || names.len() < 2 || others == 0 {
                continue;
            }
            // The surnames of the full names (two words or more, after titles) the tagger read
            // as a person's.
            let mut surnames: Vec<&String> = Vec::new();
            for &name in names {
                let words = &self.words[name];
                if words.len() < 2 || self.names[name].kind != EntityKind::Person {
                    continue;
                }
                let untitled = &words[leading_titles(words)..];
                if untitled.len() >= 2
                    && let Some(last) = untitled.last()
                    && !surnames.contains(&last)
                {
                    surnames.push(last);
                }
            }
            if surnames.is_empty() {
                continue;
            }
            let mut moved = [0u32; 4];
            for &name in names {
                let words = &self.words[name];
                let kind = self.names[name].kind;
                if kind == EntityKind::Person {
                    continue;
                }
                let untitled = match words.len() {
                    1 => &words[..],
                    _ => &words[leading_titles(words)..],
                };
                if untitled.len() == 1
                    && surnames.contains(&&untitled[0])
                    && !self.is_byline(self.names[name].span)
                {
                    // The vote `cluster_names` gave it.
                    moved[kind_index(kind)] += words.len() as u32;
                }
            }
            let votes = &mut self.clusters[cluster].votes;
            for (index, moved) in moved.into_iter().enumerate() {
                votes[index] -= moved;
                votes[kind_index(EntityKind::Person)] += moved;
            }
        }
    }

    /// The cluster a new name joins: the user-declared entity it names, the entity with the
    /// same name, the long form of an acronym, or the most recent person it shortens or lengthens.
    /// `same_name` is the highest cluster that already holds this exact name, `known` the known
    /// entity it names (`known`).
    fn find_cluster(
        &self,
        index: usize,
        same_name: Option<usize>,
        known: Option<usize>,
    ) -> Option<usize> {
        let name = &self.names[index];
        if let Some(declared) = name.declared {
            return self.cluster_of_declared.get(&declared).copied();
        }
        if let Some(known) = known {
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

    /// "By Jane Doe", "Reported by: Jane Doe" at the start of a line.
    /// Counts for `cluster` the kind a descriptor noun beside its name at `span` gives it.
    pub(super) fn count_descriptor(&mut self, cluster: usize, span: Span) {
        if let Some(kind) = described_kind(self.text, span) {
            self.clusters[cluster].described[kind_index(kind)] += 1;
        }
    }

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
}

/// Adds `cluster` to the clusters listed under `word`, unless it is the last listed already; the
/// word is copied only when it is new to the index (most names repeat words already seen).
fn add_cluster(index: &mut HashMap<String, Vec<usize>>, word: &str, cluster: usize) {
    match index.get_mut(word) {
        Some(clusters) => {
            if clusters.last() != Some(&cluster) {
                clusters.push(cluster);
            }
        }
        None => {
            index.insert(word.to_string(), vec![cluster]);
        }
    }
}

/// Words no person's name holds, though titles and organisations that end in one do ("The
/// Diary of Alicia Keys", "Bank of England").
const NOT_IN_A_PERSONS_NAME: &[&str] = &["of", "the", "and", "for"];

/// Two names of one person: a surname alone and the full name, or the same first and last name
/// with or without a middle name.
fn same_person_name(a: &[String], b: &[String]) -> bool {
    let (a, b) = (&a[leading_titles(a)..], &b[leading_titles(b)..]);
    let (Some(a_first), Some(a_last), Some(b_first), Some(b_last)) =
        (a.first(), a.last(), b.first(), b.last())
    else {
        return false;
    };
    let ends_agree = match (a.len(), b.len()) {
        (1, 1) => false,
        (1, _) => a_first == b_last,
        (_, 1) => b_first == a_last,
        _ => a_first == b_first && a_last == b_last,
    };
    // Read only when the ends agree: most pairs looked at do not.
    ends_agree
        && !a
            .iter()
            .chain(b)
            .any(|word| NOT_IN_A_PERSONS_NAME.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

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
    fn a_title_ending_in_a_persons_name_is_not_that_person() {
        let (entities, _) = render(
            "[Alicia Keys|PER] won. [Keys|PER] sang. Keys' album The [Diary of Alicia Keys|PER] sold.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Alicia Keys = *Alicia Keys | Keys | Keys | Alicia Keys",
                "OTHER Diary of Alicia Keys = *Diary of Alicia Keys",
            ]
        );
    }

    #[test]
    fn a_surname_that_is_also_a_place_stays_the_persons() {
        let (entities, _) = render(
            "[Neil Jordan|PER] spoke in [Venice|LOC]. [Jordan|LOC] said the film was \
             hard. [Jordan|LOC] added that [Jordan|LOC] never slept.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Neil Jordan = *Neil Jordan | Jordan | Jordan | Jordan",
                "PLACE Venice = *Venice",
            ]
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
}
