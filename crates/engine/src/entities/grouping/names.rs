//! Names into clusters, in text order: each name joins the user-declared or known entity it
//! names, the entity with the same name (with or without a leading "The"; an ALL-CAPS name only
//! one of its own kind), the long form of its acronym, the most recent person whose name it
//! shortens or lengthens ("Biden", "Joe Biden", "Professor Burrows"), or the one person of its
//! given name; else it starts a cluster. Each name votes for its cluster's kind, a byline ("By
//! Jane Doe") for a person, and so does a surname alone in the cluster of a full name the tagger
//! read as a person's; a descriptor noun before or after a name ("oil firm Yukos", "Yukos, the
//! oil firm") says the kind, over the tagger's votes, and a cue that it is no person
//! ("Gartner's principal analyst Kobita Desai") rules a person out.
//!
//! It must not know of tokens, roles or mentions other than names: those passes come later.

use crate::hash_maps::HashMap;

use super::descriptors::described_kind;
use super::non_person_cues::kind_instead_of_a_person;
use super::state::{Cluster, Grouping, kind_index};
use super::words::leading_titles;
use crate::entities::EntityKind;
use crate::entities::lexicon::{LEXICON, known_key};
use crate::entities::model::{is_given_name, is_listed_surname};
use crate::span::Span;

/// How much a byline ("By Jane Doe") counts for the person reading, against the tagger's
/// votes of one per word.
const BYLINE_VOTE: u32 = 10;
/// Mentions of a name alone, none read as a person's, that make it something else than the
/// person whose full name comes after them.
const MANY_READINGS: usize = 3;
/// Bytes looked back from a name for the start of its line, to see whether it is a byline.
const BYLINE_LOOKBACK: usize = 256;

impl Grouping<'_> {
    pub(super) fn cluster_names(&mut self) {
        let keys = NameKeys::new(&self.words);
        let known_entities = self.known_entities();
        // The highest cluster holding each exact name, so that finding "the entity with the same
        // name" does not rescan every earlier mention (linear in long articles). In running text
        // the tagger's kind is not part of the key: it reads each occurrence in its own context
        // and may call "Google" a place once and an organisation later, but one article means one
        // entity by one spelling, and the cluster's votes settle the kind. An ALL-CAPS name (a
        // headline, a results table: "NEW YORK" the team and the city) keeps its kind apart.
        // One entry per name: the highest cluster of any kind, and of each kind.
        let mut exact: Vec<Option<(usize, [Option<usize>; 4])>> = vec![None; keys.spellings];
        let mut index = ClusterIndex {
            by_name_end: ClustersByWord::new(keys.distinct_words),
            by_given_name: ClustersByWord::new(keys.distinct_words),
        };
        for name in 0..self.names.len() {
            self.clustered = name;
            if self.words[name].is_empty() {
                continue;
            }
            let kind = self.names[name].kind;
            let all_caps = !self.name_text(name).chars().any(char::is_lowercase);
            let same_name = exact[keys.spelling[name]].and_then(|(highest, by_kind)| {
                if all_caps {
                    by_kind[kind_index(kind)]
                } else {
                    Some(highest)
                }
            });
            let known = known_entities[name];
            let cluster = match self.find_cluster(name, same_name, known, &keys, &index) {
                Some(cluster) => cluster,
                None => {
                    let fixed_kind = self.names[name].declared_kind.or_else(|| {
                        known
                            .and_then(|k| LEXICON.known_entities.get(k))
                            .map(|(kind, _)| *kind)
                    });
                    self.clusters.push(Cluster {
                        declared: self.names[name].declared,
                        known,
                        fixed_kind,
                        ..Cluster::default()
                    });
                    let created = self.clusters.len() - 1;
                    if let Some(declared) = self.names[name].declared {
                        self.cluster_of_declared.entry(declared).or_insert(created);
                    }
                    if let Some(known) = known {
                        self.cluster_of_known.entry(known).or_insert(created);
                    }
                    created
                }
            };
            let mention = &self.names[name];
            let vote = if self.is_byline(mention.span) {
                self.clusters[cluster].votes[0] += BYLINE_VOTE;
                0
            } else {
                self.words[name].len() as u32
            };
            self.clusters[cluster].votes[kind_index(mention.kind)] += vote;
            if let Some(kind) = mention.declared_kind {
                self.clusters[cluster].fixed_kind = Some(kind);
            }
            self.count_descriptor(cluster, self.names[name].span);
            if self.words[name].len() >= 2 && is_given_name(&self.words[name][0]) {
                self.clusters[cluster].full_personal_names += 1;
            }
            self.clusters[cluster].names.push(name);
            self.owner[name] = cluster;
            for end in keys.untitled_ends[name].into_iter().flatten() {
                index.by_name_end.add(end, cluster);
            }
            if let Some(first) = keys.first_word[name]
                && self.words[name].len() >= 2
            {
                index.by_given_name.add(first, cluster);
            }
            match &mut exact[keys.spelling[name]] {
                Some((highest, by_kind)) => {
                    *highest = (*highest).max(cluster);
                    let of_kind = &mut by_kind[kind_index(kind)];
                    *of_kind = Some(of_kind.map_or(cluster, |highest| highest.max(cluster)));
                }
                entry @ None => {
                    let mut by_kind = [None; 4];
                    by_kind[kind_index(kind)] = Some(cluster);
                    *entry = Some((cluster, by_kind));
                }
            }
        }
        self.clustered = self.names.len();
        self.settle_surname_votes(&keys);
    }

    /// A surname alone that is also a place or a firm ("Jordan", "Ford") is often read so by
    /// the tagger, every time, and outvotes the one full name it shortens ("director Neil
    /// Jordan ... Jordan said"): the cluster then becomes a place. The surname joined the
    /// person's cluster because it shortens a person's name, which is the reading chosen, so in
    /// a cluster holding such a full name its surname votes for a person.
    fn settle_surname_votes(&mut self, keys: &NameKeys) {
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
                let untitled = &words[keys.titles[name]..];
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
                    _ => &words[keys.titles[name]..],
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
        keys: &NameKeys,
        clusters_by: &ClusterIndex,
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
        // A cluster the tagger misread may still be a person's, when the new name is read as
        // one; but a full name does not join a name alone the article has made something else:
        // named three times or more and never read as a person's ("Ford reported … Ford
        // declined … Ford said" before "Bill Ford"), or given another kind by a descriptor. A
        // cue that a name alone is no person ("Clinton's campaign chairman John Podesta") does
        // not keep the full name out: a person's full name outweighs it (`Cluster`).
        // Twice is not enough: a headline and a first line often misread a surname ("Nadal"
        // twice before "Rafael Nadal"). A surname alone after a misread full name still joins
        // it: the full name was the person's.
        let full_name = keys.untitled(index, words).len() >= 2;
        let may_be_person = |cluster: usize| {
            let cluster = &self.clusters[cluster];
            let person = kind_index(EntityKind::Person);
            let names_alone = cluster.names.iter().all(|&n| self.words[n].len() == 1);
            let made_something_else = (cluster.described.iter().any(|&vote| vote > 0)
                && cluster.described[person] == 0)
                || (cluster.names.len() >= MANY_READINGS && cluster.votes[person] == 0);
            cluster.leading_kind() == EntityKind::Person
                || (name.kind == EntityKind::Person
                    && cluster.fixed_kind.is_none()
                    && !(full_name && names_alone && made_something_else))
        };
        // The most recently mentioned person whose name this shortens or lengthens; only
        // clusters sharing the first or last word can hold such a name.
        let untitled = keys.untitled(index, words);
        let mut sharing_an_end: Vec<usize> = keys.untitled_ends[index]
            .into_iter()
            .flatten()
            .flat_map(|end| clusters_by.by_name_end.clusters(end))
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
                    .any(|&n| same_person_name(untitled, keys.untitled(n, &self.words[n])))
        }) {
            return Some(found);
        }
        // A given name alone ("Daniel") names the one person of that given name, if only one.
        if words.len() != 1 || name.kind != EntityKind::Person {
            return None;
        }
        let mut by_given_name: Vec<usize> = keys.first_word[index]
            .into_iter()
            .flat_map(|given| clusters_by.by_given_name.clusters(given))
            .filter(|&cluster| may_be_person(cluster))
            .collect();
        by_given_name.sort_unstable();
        by_given_name.dedup();
        match by_given_name[..] {
            [only] => Some(only),
            _ => None,
        }
    }

    /// The known entity each name names (none for a declared one), looked up once per
    /// spelling as written: most mentions repeat one.
    fn known_entities(&self) -> Vec<Option<usize>> {
        let text = self.text;
        let mut by_spelling: HashMap<&str, Option<usize>> =
            HashMap::with_capacity_and_hasher(self.names.len(), Default::default());
        self.names
            .iter()
            .map(|name| {
                if name.declared.is_some() {
                    return None;
                }
                *by_spelling
                    .entry(name.span.slice(text))
                    .or_insert_with_key(|written| {
                        LEXICON.known_names.get(&known_key(written)).copied()
                    })
            })
            .collect()
    }

    /// Counts for `cluster` the kind a descriptor noun beside its name at `span` gives it, and
    /// whether the words around say it is no person.
    pub(super) fn count_descriptor(&mut self, cluster: usize, span: Span) {
        if let Some(kind) = described_kind(self.text, span) {
            self.clusters[cluster].described[kind_index(kind)] += 1;
        }
        if let Some(kind) = kind_instead_of_a_person(self.text, span) {
            self.clusters[cluster].not_person[kind_index(kind)] += 1;
        }
    }

    /// "By Jane Doe", "Reported by: Jane Doe" at the start of a line.
    fn is_byline(&self, span: Span) -> bool {
        // A byline's line ends in "by" (and spaces or a colon) right before the name; most
        // names are after no such word, told without looking for the start of their line.
        // (No other letter lower-cases to "b" or "y".)
        let tail = self.text[..span.start]
            .trim_end()
            .trim_end_matches(':')
            .trim_end();
        let mut last_letters = tail.chars().rev();
        if !(matches!(last_letters.next(), Some('y' | 'Y'))
            && matches!(last_letters.next(), Some('b' | 'B')))
        {
            return false;
        }
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

/// What clustering asks of each name's words, worked out once before it: most mentions repeat
/// a name, and hashing or copying its words at every mention, and finding its titles at every
/// comparison, cost more than the clustering itself. Words and whole names are numbered,
/// so that the indexes below are vectors, not maps keyed by copied strings.
struct NameKeys {
    /// How many leading titles each name has (`leading_titles`).
    titles: Vec<usize>,
    /// The number of each name's words: the same for names with the same words.
    spelling: Vec<usize>,
    spellings: usize,
    /// The numbers of each name's first and last word after titles.
    untitled_ends: Vec<[Option<usize>; 2]>,
    /// The number of each name's first word (a given name, when the name has more).
    first_word: Vec<Option<usize>>,
    distinct_words: usize,
}

impl NameKeys {
    fn new<'w>(words: &'w [Vec<String>]) -> NameKeys {
        // Sized for every name at once: growing them cost more than the look-ups.
        let mut word_numbers: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(2 * words.len(), Default::default());
        let mut spelling_numbers: HashMap<&[String], usize> =
            HashMap::with_capacity_and_hasher(words.len(), Default::default());
        let mut keys = NameKeys {
            titles: Vec::with_capacity(words.len()),
            spelling: Vec::with_capacity(words.len()),
            spellings: 0,
            untitled_ends: Vec::with_capacity(words.len()),
            first_word: Vec::with_capacity(words.len()),
            distinct_words: 0,
        };
        for name_words in words {
            let next = spelling_numbers.len();
            keys.spelling.push(
                *spelling_numbers
                    .entry(without_leading_article(name_words))
                    .or_insert(next),
            );
            let mut number = |word: &'w String| number_of(&mut word_numbers, word);
            let titles = leading_titles(name_words);
            let untitled = &name_words[titles..];
            keys.titles.push(titles);
            keys.untitled_ends
                .push([untitled.first().map(&mut number), untitled.last().map(&mut number)]);
            keys.first_word.push(name_words.first().map(&mut number));
        }
        keys.spellings = spelling_numbers.len();
        keys.distinct_words = word_numbers.len();
        keys
    }

    /// The words of name `name` (`words`) after its titles.
    fn untitled<'w>(&self, name: usize, words: &'w [String]) -> &'w [String] {
        &words[self.titles[name]..]
    }
}

/// The words that spell a name, without a leading "the": "The Chorus" and "Chorus" (the
/// tagger leaves a sentence's first "The" out of a title) are one spelling, as are "The Times"
/// and "Times". Not when what is left may be a person's surname ("The Hague" and William
/// Hague).
fn without_leading_article(words: &[String]) -> &[String] {
    match words {
        [the, rest @ ..] if the == "the" && !rest.is_empty() => {
            let surname = matches!(rest, [word] if is_listed_surname(word) || is_given_name(word));
            if surname { words } else { rest }
        }
        _ => words,
    }
}

/// The number of `word` among `numbers`, the next one when it is new.
fn number_of<'w>(numbers: &mut HashMap<&'w str, usize>, word: &'w str) -> usize {
    let next = numbers.len();
    *numbers.entry(word).or_insert(next)
}

/// The clusters holding a name, by the numbers (`NameKeys`) of the name's first and last word
/// after titles (two names of one person share one of them) and of its given name.
struct ClusterIndex {
    by_name_end: ClustersByWord,
    by_given_name: ClustersByWord,
}

/// Clusters listed under word numbers, latest first: one list through one vector, so that a
/// word new to the index costs no allocation of its own.
struct ClustersByWord {
    /// For each word, its latest entry.
    latest: Vec<Option<usize>>,
    /// A cluster and the entry listed before it under the same word.
    entries: Vec<(usize, Option<usize>)>,
}

impl ClustersByWord {
    fn new(words: usize) -> ClustersByWord {
        ClustersByWord {
            latest: vec![None; words],
            entries: Vec::new(),
        }
    }

    /// Lists `cluster` under `word`, unless it is the latest listed there already.
    fn add(&mut self, word: usize, cluster: usize) {
        let latest = self.latest[word];
        if latest.is_some_and(|entry| self.entries[entry].0 == cluster) {
            return;
        }
        self.entries.push((cluster, latest));
        self.latest[word] = Some(self.entries.len() - 1);
    }

    /// The clusters listed under `word`, latest first.
    fn clusters(&self, word: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.latest[word], |&entry| self.entries[entry].1)
            .map(|entry| self.entries[entry].0)
    }
}

/// Words no person's name holds, though titles and organisations that end in one do ("The
/// Diary of Alicia Keys", "Bank of England").
const NOT_IN_A_PERSONS_NAME: &[&str] = &["of", "the", "and", "for"];

/// Two names of one person, given their words after titles: a surname alone and the full name,
/// or the same first and last name with or without a middle name.
fn same_person_name(a: &[String], b: &[String]) -> bool {
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
    use super::ClustersByWord;

    #[test]
    fn clusters_are_listed_by_word_latest_first_once_in_a_row() {
        let mut index = ClustersByWord::new(3);
        for (word, cluster) in [(0, 4), (2, 1), (0, 4), (0, 6), (2, 1), (0, 4)] {
            index.add(word, cluster);
        }
        assert_eq!(index.clusters(0).collect::<Vec<_>>(), [4, 6, 4]);
        assert_eq!(index.clusters(1).count(), 0);
        assert_eq!(index.clusters(2).collect::<Vec<_>>(), [1]);
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
    fn a_full_name_is_not_the_firm_the_article_named_by_its_surname() {
        // A firm named three times before the person who shares its name, or described as a
        // firm once, is another entity than the person; a surname misread twice before the
        // full name is still the person's.
        let (entities, _) = render(
            "[Tarrant|ORG] reported a loss. [Tarrant|ORG] declined to comment. [Tarrant|LOC] \
             shares fell. Its chairman [Bill Tarrant|PER] said sales fell. Rival car maker \
             [Denholm|PER] gained and [Sue Denholm|PER] left. [Vance|ORG] and [Vance|LOC] \
             spoke first; [Ken Vance|PER] spoke again.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Tarrant = *Tarrant | Tarrant | Tarrant",
                "PERSON Bill Tarrant (chairman) = *Bill Tarrant",
                "ORG Denholm = *Denholm",
                "PERSON Sue Denholm = *Sue Denholm",
                "PERSON Ken Vance = Vance | Vance | *Ken Vance",
            ]
        );
    }

    #[test]
    fn a_title_with_and_without_its_article_is_one_entity() {
        // The tagger leaves a sentence's first "The" out of a title it keeps elsewhere; a place
        // named "The" and a surname is not the person of that surname (who is still given the
        // "Hague" inside the city's name by `nested_names`, another matter).
        let (entities, _) = render(
            "It lost to the hit, [The Lantern|ORG]. [Lantern|OTHER], a film about a lighthouse, \
             won. Talks in [The Hague|LOC] went on, said [Hague|PER].",
        );
        assert_eq!(
            entities,
            vec![
                "OTHER The Lantern = *The Lantern | Lantern",
                "PLACE The Hague = *The Hague",
                "PERSON Hague = Hague | *Hague",
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
