//! Speakers: from a speaker phrase to a canonical name and, when known, an entity.
//!
//! Names resolve to the fullest form the article uses ("Psaki" → "Jen Psaki"), roles to the
//! person the article gave that title ("the US President" → "Joe Biden"), pronouns to the
//! nearest earlier compatible speaker. When the entities module found mentions, a phrase that
//! overlaps one takes that entity. It knows tokens, phrases and entities, not quote marks.

use crate::hash_maps::HashMap;

use crate::entities::lexicon::{Gender, LEXICON};
use crate::entities::{Entity, EntityId, EntityKind};
use crate::span::Span;

use super::lexicon::{self, PronounKind};
use super::phrases::{PhraseKind, SpeakerPhrase, Tokens};

/// How many earlier names a role or pronoun is compared with: keeps resolution bounded.
const LOOKBACK_NAMES: usize = 200;
/// Words before a name read as its title ("Kremlin spokesperson Dmitry Peskov").
const TITLE_WORDS_BEFORE: usize = 4;

/// A name the article uses, with the title words written before it.
#[derive(Debug, Clone)]
struct NamedMention {
    start: usize,
    /// The name without titles or possessive ("Jen Psaki").
    name: String,
    /// Lower-case title and role words before the name ("white house press secretary").
    titles: Vec<String>,
}

/// A resolved speaker: what `Speaker` will say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub entity: Option<EntityId>,
    pub role: Option<String>,
    pub is_person: bool,
}

/// The names the article's words spell, before entities are known: they can be read beside
/// the entity analysis.
#[derive(Default)]
pub struct WrittenNames {
    mentions: Vec<NamedMention>,
    /// Lower-case last word → the fullest name ending in it.
    fullest: HashMap<String, String>,
}

/// Every name of one article, for resolving speaker phrases.
pub struct Names<'a> {
    text: &'a str,
    mentions: Vec<NamedMention>,
    /// Lower-case last word → the fullest name ending in it.
    fullest: HashMap<String, String>,
    entities: &'a [Entity],
    /// Every mention of a person, organisation or place entity as (span, entity index), sorted
    /// by start, and the longest mention's length: finding the mentions that overlap a phrase
    /// is a binary search, not a scan of the article's mentions for every quote.
    entity_mentions: Vec<(Span, usize)>,
    longest_mention: usize,
    /// Lower-case last word of a canonical name → the first such entity.
    entity_by_last_word: HashMap<String, usize>,
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn last_word(name: &str) -> String {
    name.split_whitespace()
        .last()
        .map(|word| strip_possessive(word).to_lowercase())
        .unwrap_or_default()
}

fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 4
        && !words.iter().any(|word| lexicon::is_organisation_word(word))
        && !words
            .iter()
            .all(|word| word.chars().all(|c| !c.is_lowercase()))
}

impl WrittenNames {
    /// Collects the names of the article from its tokens (quotes excluded: they are single tokens).
    pub fn collect(view: Tokens) -> WrittenNames {
        let mut mentions = Vec::new();
        let mut fullest: HashMap<String, String> = HashMap::default();
        // Each distinct spelling is cleaned once, with its key: an article repeats its names.
        let mut cleaned: HashMap<&str, (String, String)> = HashMap::default();
        let mut index = 0;
        while index < view.tokens.len() {
            if !view.is_name_word(index) {
                index += 1;
                continue;
            }
            let end = view.name_run_end(index, view.tokens.len());
            let low = index.saturating_sub(TITLE_WORDS_BEFORE);
            let mut first = index;
            while first > low
                && view.word(first - 1).is_some_and(|word| {
                    lexicon::is_role_noun(word)
                        || lexicon::is_title_cue(word)
                        || view.is_name_word(first - 1)
                })
            {
                first -= 1;
            }
            if let Some(phrase) = view.phrase(first, end)
                && let Some(name_span) = phrase.name
            {
                let (name, key) = cleaned
                    .entry(name_span.slice(view.text))
                    .or_insert_with_key(|written| {
                        let name = clean_name(written);
                        let key = last_word(&name);
                        (name, key)
                    });
                if !name.is_empty() {
                    let titles = phrase
                        .role
                        .map(|role| {
                            role.slice(view.text)
                                .split_whitespace()
                                .map(|word| word.trim_end_matches('.').to_lowercase())
                                .collect()
                        })
                        .unwrap_or_default();
                    let words = name.split_whitespace().count();
                    let better = fullest
                        .get(key.as_str())
                        .is_none_or(|known| words > known.split_whitespace().count());
                    if better && words <= 4 {
                        fullest.insert(key.clone(), name.clone());
                    }
                    mentions.push(NamedMention {
                        start: name_span.start,
                        name: name.clone(),
                        titles,
                    });
                }
            }
            index = end + 1;
        }
        WrittenNames { mentions, fullest }
    }
}

impl<'a> Names<'a> {
    /// The article's written names together with its entities.
    pub fn new(text: &'a str, written: WrittenNames, entities: &'a [Entity]) -> Self {
        let WrittenNames { mentions, fullest } = written;
        let mut entity_mentions: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, entity)| entity.kind != EntityKind::Other)
            .flat_map(|(index, entity)| {
                entity
                    .mentions
                    .iter()
                    .map(move |mention| (mention.span, index))
            })
            .collect();
        entity_mentions.sort_unstable();
        let longest_mention = entity_mentions
            .iter()
            .map(|(span, _)| span.len())
            .max()
            .unwrap_or(0);
        let mut entity_by_last_word = HashMap::default();
        for (index, entity) in entities.iter().enumerate() {
            if entity.kind != EntityKind::Other {
                entity_by_last_word
                    .entry(last_word(&entity.canonical))
                    .or_insert(index);
            }
        }
        Names {
            text,
            mentions,
            fullest,
            entities,
            entity_mentions,
            longest_mention,
            entity_by_last_word,
        }
    }

    /// The fullest form of a name ("Psaki" → "Jen Psaki").
    pub fn fullest(&self, name: &str) -> String {
        let name = clean_name(name);
        self.fullest
            .get(&last_word(&name))
            .filter(|full| full.split_whitespace().count() >= name.split_whitespace().count())
            .cloned()
            .unwrap_or(name)
    }

    /// The person most recently given a title that matches `role` before `position`.
    fn person_with_role(&self, role: &str, position: usize) -> Option<&NamedMention> {
        let words: Vec<String> = role
            .split_whitespace()
            .map(|word| word.trim_end_matches('.').to_lowercase())
            .filter(|word| !lexicon::is_determiner(word))
            .collect();
        let head = words.last()?;
        let before = self
            .mentions
            .partition_point(|mention| mention.start < position);
        self.mentions[..before]
            .iter()
            .rev()
            .take(LOOKBACK_NAMES)
            .filter(|mention| mention.titles.contains(head))
            .map(|mention| {
                let shared = words
                    .iter()
                    .filter(|word| mention.titles.contains(word))
                    .count();
                (shared, mention)
            })
            // Most shared title words first; among equals the most recent (the first seen).
            .fold(
                None::<(usize, &NamedMention)>,
                |best, (shared, mention)| match best {
                    Some((best_shared, _)) if best_shared >= shared => best,
                    _ => Some((shared, mention)),
                },
            )
            .map(|(_, mention)| mention)
    }

    /// The nearest earlier name that looks like a person, for a pronoun with no earlier speaker.
    fn person_before(&self, position: usize) -> Option<&NamedMention> {
        let before = self
            .mentions
            .partition_point(|mention| mention.start < position);
        self.mentions[..before]
            .iter()
            .rev()
            .take(LOOKBACK_NAMES)
            .find(|mention| looks_like_person(&self.fullest(&mention.name)))
    }

    /// The entity with a mention overlapping `span`, if the entities module found one: people
    /// before organisations before places, then the largest overlap. Entities of other kinds
    /// (a bare title such as "US President") are left to role resolution.
    fn entity_at(&self, span: Span) -> Option<&'a Entity> {
        let rank = |kind: EntityKind| match kind {
            EntityKind::Person => 3,
            EntityKind::Org => 2,
            EntityKind::Place => 1,
            EntityKind::Other => 0,
        };
        // Mentions that overlap `span` start before it ends and no earlier than the longest
        // mention before its start.
        let earliest = span.start.saturating_sub(self.longest_mention);
        let from = self
            .entity_mentions
            .partition_point(|(mention, _)| mention.start < earliest);
        let to = self
            .entity_mentions
            .partition_point(|(mention, _)| mention.start < span.end);
        let mut overlap_by_entity: HashMap<usize, usize> = HashMap::default();
        for &(mention, index) in self.entity_mentions.get(from..to).unwrap_or(&[]) {
            if mention.overlaps(span) {
                let overlap = mention.end.min(span.end) - mention.start.max(span.start);
                let best = overlap_by_entity.entry(index).or_insert(0);
                *best = (*best).max(overlap);
            }
        }
        // People before organisations before places, then the largest overlap; on a tie, the
        // later entity.
        overlap_by_entity
            .into_iter()
            .max_by_key(|&(index, overlap)| (rank(self.entities[index].kind), overlap, index))
            .map(|(index, _)| &self.entities[index])
    }

    /// The part of a phrase that identifies its referent: the name, the pronoun, or the head
    /// noun of a role ("secretary" in "the White House press secretary", not "White House").
    fn key_span(&self, phrase: &SpeakerPhrase) -> Span {
        match phrase.kind {
            PhraseKind::Nominal | PhraseKind::Document => {
                let slice = phrase.span.slice(self.text);
                let head_start = slice
                    .trim_end()
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(index, c)| index + c.len_utf8());
                Span::new(phrase.span.start + head_start, phrase.span.end)
            }
            _ => phrase.source(),
        }
    }

    /// The entity whose canonical name ends with the same word as `name`.
    fn entity_named(&self, name: &str) -> Option<&'a Entity> {
        self.entity_by_last_word
            .get(&last_word(name))
            .map(|&index| &self.entities[index])
    }

    fn from_entity(entity: &Entity) -> Resolved {
        Resolved {
            name: entity.canonical.clone(),
            entity: Some(entity.id),
            role: entity.role.clone(),
            is_person: entity.kind == EntityKind::Person,
        }
    }

    /// Resolves a speaker phrase; `earlier` are the speakers already attributed before it.
    pub fn resolve(
        &self,
        phrase: &SpeakerPhrase,
        earlier: &[(usize, Resolved)],
    ) -> Option<Resolved> {
        if let Some(entity) = self.entity_at(self.key_span(phrase)) {
            return Some(Self::from_entity(entity));
        }
        let role_text = phrase.role.map(|role| role.slice(self.text).to_string());
        let resolved = match phrase.kind {
            // A written source ("the statement") is named as it stands.
            PhraseKind::Document => Resolved {
                name: phrase.span.slice(self.text).to_string(),
                entity: None,
                role: role_text,
                is_person: false,
            },
            PhraseKind::Name => {
                let name = self.fullest(phrase.source().slice(self.text));
                let is_person = looks_like_person(&name) || phrase.role.is_some();
                Resolved {
                    name,
                    entity: None,
                    role: role_text,
                    is_person,
                }
            }
            PhraseKind::Nominal => {
                let role = role_text.clone().unwrap_or_default();
                match self.person_with_role(&role, phrase.span.start) {
                    Some(person) => Resolved {
                        name: self.fullest(&person.name),
                        entity: None,
                        role: role_text,
                        is_person: true,
                    },
                    None => Resolved {
                        name: phrase.span.slice(self.text).to_string(),
                        entity: None,
                        role: role_text,
                        is_person: false,
                    },
                }
            }
            PhraseKind::Pronoun(kind) => {
                let wanted_person = kind != PronounKind::Group;
                let gender = LEXICON.pronoun_gender(phrase.source().slice(self.text));
                let from_speaker = earlier
                    .iter()
                    .rev()
                    .find(|(start, resolved)| {
                        *start < phrase.span.start
                            && resolved.is_person == wanted_person
                            && gender_fits(gender, &resolved.name)
                    })
                    .map(|(_, resolved)| resolved.clone());
                let from_name = || {
                    wanted_person
                        .then(|| self.person_before(phrase.span.start))
                        .flatten()
                        .map(|mention| Resolved {
                            name: self.fullest(&mention.name),
                            entity: None,
                            role: None,
                            is_person: true,
                        })
                };
                from_speaker.or_else(from_name).unwrap_or(Resolved {
                    name: phrase.span.slice(self.text).to_string(),
                    entity: None,
                    role: None,
                    is_person: wanted_person,
                })
            }
        };
        match self.entity_named(&resolved.name) {
            Some(entity)
                if resolved.entity.is_none() && resolved.name.contains(char::is_uppercase) =>
            {
                Some(Self::from_entity(entity))
            }
            _ => Some(resolved),
        }
    }
}

/// Whether a person's name can be what a pronoun of `gender` refers to: "she" is not "John
/// Krystek". A given name the lexicon does not know fits either.
fn gender_fits(gender: Option<Gender>, name: &str) -> bool {
    let given = name.split_whitespace().next().unwrap_or("");
    match (gender, LEXICON.first_name_gender(given)) {
        (Some(pronoun), Some(person)) => pronoun == person,
        _ => true,
    }
}

/// A name without possessive ending or stray punctuation ("Biden’s" → "Biden").
fn clean_name(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .map(|word| strip_possessive(word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')))
        .filter(|word| !word.is_empty())
        .collect();
    words.join(" ")
}
