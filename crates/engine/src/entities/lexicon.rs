//! The hand-written word lists of the entity analysis (gazetteers, titles, pronouns,
//! abbreviations), kept as data files in `lexicon/` and parsed once on first use.
//!
//! Lists only: it must not know how the tagger weighs them or how mentions are grouped.

use crate::hash_maps::{HashMap, HashSet};
use std::sync::LazyLock;

use super::EntityKind;
use super::hashing::{HashKeyed, lower_hash, phrase_hash};
use crate::lexicon::data_lines;

/// Grammatical gender of a pronoun or given name, used only to link "she"/"he" to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// Gazetteer classes a word sequence can belong to, as bit flags.
pub mod class {
    pub const PLACE: u8 = 1;
    pub const NATIONALITY: u8 = 2;
    pub const FIRST_NAME: u8 = 4;
    pub const ORG_WORD: u8 = 8;
    pub const TITLE_HEAD: u8 = 16;
    pub const TITLE_WORD: u8 = 32;
    /// Every class, for iterating the bits.
    pub const ALL: [u8; 6] = [
        PLACE,
        NATIONALITY,
        FIRST_NAME,
        ORG_WORD,
        TITLE_HEAD,
        TITLE_WORD,
    ];
}

pub struct Lexicon {
    pub abbreviations: HashSet<&'static str>,
    /// Acronyms that are common nouns ("IR", "USB", "CEO"): alone, never a name.
    pub common_acronyms: HashSet<&'static str>,
    /// Lower-case phrase (words joined by one space) → class flags.
    pub gazetteer: HashMap<String, u8>,
    /// The longest gazetteer phrase, in words.
    pub longest_phrase: usize,
    pub first_names: HashMap<String, Gender>,
    pub pronouns: HashMap<&'static str, Gender>,
    /// Well-known entities, each with its kind and names (the first is the fullest).
    pub known_entities: Vec<(EntityKind, Vec<&'static str>)>,
    /// Normalised name or alias → index into `known_entities`.
    pub known_names: HashMap<String, usize>,
    /// Closed-class words, lower case.
    pub function_words: HashSet<&'static str>,
    /// Common nouns that refer back to an organisation or place ("company" → ORG).
    pub nominal_heads: HashMap<&'static str, EntityKind>,
    /// Common nouns that say the kind of the name written just after them ("firm" → ORG in
    /// "oil firm Yukos").
    pub descriptors: HashMap<&'static str, EntityKind>,
    /// Descriptors that say the kind of a name after them only ("carrier Qantas"; "a letter
    /// carrier" after a name is a person's job).
    pub descriptors_before: HashMap<&'static str, EntityKind>,
    /// Posts only an organisation or a country has ("chief executive" ends in "executive"):
    /// whoever possesses one held by a named person is no person ("Oracle's chief executive
    /// Larry Ellison").
    pub posts: HashSet<&'static str>,
    /// Words before "at" that make what follows a workplace ("a director at Gartner", "works
    /// at"): every post, and the `at` lines of `lexicon/non_person_cues.txt`.
    pub posts_before_at: HashSet<&'static str>,
    /// Pieces of research whose author after "by" is a firm unless named by a given name ("a
    /// study by Gartner").
    pub research_works: HashSet<&'static str>,
    /// Verbs of saying after which "its" refers back to the name before them ("Peugeot warned
    /// that its profits …").
    pub verbs_before_its: HashSet<&'static str>,
}

impl Lexicon {
    /// Class flags of a lower-case word or phrase.
    pub fn classes(&self, lower_phrase: &str) -> u8 {
        self.gazetteer.get(lower_phrase).copied().unwrap_or(0)
    }

    pub fn is_title_head(&self, word: &str) -> bool {
        word_classes(word) & class::TITLE_HEAD != 0
    }

    /// A word that may sit inside a role phrase ("press", "of", "Secretary").
    pub fn is_title_word(&self, word: &str) -> bool {
        word_classes(word) & (class::TITLE_HEAD | class::TITLE_WORD) != 0
    }

    pub fn pronoun_gender(&self, word: &str) -> Option<Gender> {
        // Pronouns are short ASCII words: compare without allocating a lower-case copy.
        if word.len() > 8 {
            return None;
        }
        self.pronouns
            .iter()
            .find(|(pronoun, _)| pronoun.eq_ignore_ascii_case(word))
            .map(|(_, gender)| *gender)
    }

    pub fn first_name_gender(&self, word: &str) -> Option<Gender> {
        self.first_names.get(&word.to_lowercase()).copied()
    }

    /// The kind of a place or nationality phrase that can modify a role noun ("US", "United
    /// States", "Russian"): `Place` for places, `Other` for nationalities.
    pub fn place_or_nationality(&self, phrase: &str) -> Option<EntityKind> {
        if let Some(&index) = self.known_names.get(&known_key(phrase)) {
            return match self.known_entities.get(index) {
                Some((EntityKind::Place, _)) => Some(EntityKind::Place),
                _ => None,
            };
        }
        let classes = self.classes(&phrase.to_lowercase());
        if classes & class::PLACE != 0 {
            Some(EntityKind::Place)
        } else if classes & class::NATIONALITY != 0 {
            Some(EntityKind::Other)
        } else {
            None
        }
    }

    /// The fullest name of a well-known place given one of its names ("US" → "United
    /// States"), so that roles compare alike however the country is written.
    pub fn canonical_place(&self, phrase: &str) -> Option<&'static str> {
        let &index = self.known_names.get(&known_key(phrase))?;
        match self.known_entities.get(index)? {
            (EntityKind::Place, names) => names.first().copied(),
            _ => None,
        }
    }
}

/// How a name is looked up among the known entities: lower case, periods dropped.
pub fn known_key(name: &str) -> String {
    // One allocation: it runs for every name and nominal of every article.
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            // Most names: lower-cased byte by byte.
            key.extend(
                word.bytes()
                    .filter(|&byte| byte != b'.')
                    .map(|byte| byte.to_ascii_lowercase() as char),
            );
        } else {
            for c in word.chars().filter(|&c| c != '.') {
                key.extend(c.to_lowercase());
            }
        }
    }
    key
}

fn gender(code: &str) -> Option<Gender> {
    match code {
        "f" => Some(Gender::Female),
        "m" => Some(Gender::Male),
        _ => None,
    }
}

fn add(gazetteer: &mut HashMap<String, u8>, phrase: &str, flags: u8) {
    let key = phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    *gazetteer.entry(key).or_insert(0) |= flags;
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut gazetteer = HashMap::default();
    for line in data_lines(include_str!("lexicon/places.txt")) {
        add(&mut gazetteer, line, class::PLACE);
    }
    for line in data_lines(include_str!("lexicon/nationalities.txt")) {
        add(&mut gazetteer, line, class::NATIONALITY);
    }
    for line in data_lines(include_str!("lexicon/org_words.txt")) {
        add(&mut gazetteer, line, class::ORG_WORD);
    }
    for line in data_lines(include_str!("lexicon/titles.txt")) {
        match line.split_once(' ') {
            Some(("head", word)) => add(&mut gazetteer, word, class::TITLE_HEAD),
            Some(("word", word)) => add(&mut gazetteer, word, class::TITLE_WORD),
            _ => {}
        }
    }
    let mut first_names = HashMap::default();
    for line in data_lines(include_str!("lexicon/first_names.txt")) {
        if let Some((code, name)) = line.split_once(' ')
            && let Some(gender) = gender(code)
        {
            first_names.insert(name.trim().to_lowercase(), gender);
            add(&mut gazetteer, name, class::FIRST_NAME);
        }
    }
    let pronouns = data_lines(include_str!("lexicon/pronouns.txt"))
        .filter_map(|line| {
            let (code, word) = line.split_once(' ')?;
            Some((word.trim(), gender(code)?))
        })
        .collect();
    let longest_phrase = gazetteer
        .keys()
        .map(|phrase| phrase.split(' ').count())
        .max()
        .unwrap_or(1);
    let known_entities: Vec<(EntityKind, Vec<&'static str>)> =
        data_lines(include_str!("lexicon/known_entities.txt"))
            .filter_map(|line| {
                let (kind, names) = line.split_once(' ')?;
                Some((
                    EntityKind::parse(kind)?,
                    names.split('|').map(str::trim).collect(),
                ))
            })
            .collect();
    let mut known_names = HashMap::default();
    for (index, (_, names)) in known_entities.iter().enumerate() {
        for name in names {
            known_names.insert(known_key(name), index);
        }
    }
    let nominal_heads = kinds_of_nouns(include_str!("lexicon/nominals.txt"));
    let descriptors = kinds_of_nouns(include_str!("lexicon/descriptors.txt"));
    let descriptors_before = kinds_of_nouns(include_str!("lexicon/descriptors_before.txt"));
    let non_person_cues = |use_of: &str| -> HashSet<&'static str> {
        data_lines(include_str!("lexicon/non_person_cues.txt"))
            .filter_map(|line| {
                let (used, word) = line.split_once(' ')?;
                (used == use_of).then_some(word.trim())
            })
            .collect()
    };
    let posts = non_person_cues("post");
    let posts_before_at = posts.iter().copied().chain(non_person_cues("at")).collect();
    let research_works = non_person_cues("report");
    let verbs_before_its = non_person_cues("its");
    Lexicon {
        posts,
        posts_before_at,
        research_works,
        verbs_before_its,
        function_words: data_lines(include_str!("lexicon/function_words.txt")).collect(),
        nominal_heads,
        descriptors,
        descriptors_before,
        known_entities,
        known_names,
        abbreviations: data_lines(include_str!("lexicon/abbreviations.txt")).collect(),
        common_acronyms: data_lines(include_str!("lexicon/common_acronyms.txt")).collect(),
        gazetteer,
        longest_phrase,
        first_names,
        pronouns,
    }
});

/// A list of "KIND noun" lines as noun → kind.
fn kinds_of_nouns(list: &'static str) -> HashMap<&'static str, EntityKind> {
    data_lines(list)
        .filter_map(|line| {
            let (kind, noun) = line.split_once(' ')?;
            Some((noun.trim(), EntityKind::parse(kind)?))
        })
        .collect()
}

/// The hand-written gazetteer, keyed by phrase hash.
static GAZETTEER: LazyLock<HashKeyed<u8>> = LazyLock::new(|| {
    LEXICON
        .gazetteer
        .iter()
        .map(|(phrase, &classes)| {
            let words: Vec<u64> = phrase.split(' ').map(lower_hash).collect();
            (phrase_hash(&words), classes)
        })
        .collect()
});

/// Gazetteer classes of one word, looked up without allocating.
pub(crate) fn word_classes(word: &str) -> u8 {
    GAZETTEER
        .get(&phrase_hash(&[lower_hash(word)]))
        .copied()
        .unwrap_or(0)
}

/// Gazetteer classes of a phrase, given the lower-case hashes of its words.
pub(crate) fn gazetteer_classes(word_hashes: &[u64]) -> u8 {
    GAZETTEER
        .get(&phrase_hash(word_hashes))
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every list must parse; a typo in a gender or class code is a bug.
    #[test]
    fn every_line_parses() {
        for line in data_lines(include_str!("lexicon/first_names.txt")) {
            let (code, _) = line.split_once(' ').unwrap_or(("", ""));
            assert!(gender(code).is_some(), "bad first-name line {line:?}");
        }
        for line in data_lines(include_str!("lexicon/pronouns.txt")) {
            let (code, _) = line.split_once(' ').unwrap_or(("", ""));
            assert!(gender(code).is_some(), "bad pronoun line {line:?}");
        }
        for line in data_lines(include_str!("lexicon/known_entities.txt"))
            .chain(data_lines(include_str!("lexicon/nominals.txt")))
            .chain(data_lines(include_str!("lexicon/descriptors.txt")))
            .chain(data_lines(include_str!("lexicon/descriptors_before.txt")))
        {
            let (kind, _) = line.split_once(' ').unwrap_or(("", ""));
            assert!(
                EntityKind::parse(kind).is_some(),
                "bad known-entity line {line:?}"
            );
        }
        for line in data_lines(include_str!("lexicon/non_person_cues.txt")) {
            assert!(
                ["post ", "at ", "report ", "its "]
                    .iter()
                    .any(|use_of| line.starts_with(use_of)),
                "bad post line {line:?}"
            );
        }
        for line in data_lines(include_str!("lexicon/titles.txt")) {
            assert!(
                line.starts_with("head ") || line.starts_with("word "),
                "bad title line {line:?}"
            );
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(LEXICON.classes("new zealand"), class::PLACE);
        assert_ne!(LEXICON.classes("moscow") & class::PLACE, 0);
        assert_ne!(LEXICON.classes("russian") & class::NATIONALITY, 0);
        assert_ne!(LEXICON.classes("corp.") & class::ORG_WORD, 0);
        assert!(LEXICON.is_title_head("Spokesperson"));
        assert!(LEXICON.is_title_word("press"));
        assert!(!LEXICON.is_title_word("said"));
        assert_eq!(LEXICON.pronoun_gender("She"), Some(Gender::Female));
        assert_eq!(LEXICON.first_name_gender("Jen"), Some(Gender::Female));
        assert!(LEXICON.abbreviations.contains("Mr"));
        assert!(LEXICON.function_words.contains("with"));
        assert!(LEXICON.longest_phrase >= 3);
        assert_eq!(LEXICON.nominal_heads.get("company"), Some(&EntityKind::Org));
        let nato = LEXICON.known_names.get(&known_key("NATO")).copied();
        assert!(nato.is_some());
        assert_eq!(
            LEXICON
                .known_names
                .get(&known_key("North Atlantic Treaty Organisation"))
                .copied(),
            nato
        );
        assert_eq!(
            LEXICON.known_names.get(&known_key("U.S.")),
            LEXICON.known_names.get(&known_key("America"))
        );
    }

    #[test]
    fn places_and_nationalities_that_modify_roles() {
        assert_eq!(LEXICON.canonical_place("US"), Some("United States"));
        assert_eq!(LEXICON.canonical_place("U.S."), Some("United States"));
        assert_eq!(LEXICON.canonical_place("Kremlin"), None);
        assert_eq!(
            LEXICON.place_or_nationality("United States"),
            Some(EntityKind::Place)
        );
        assert_eq!(
            LEXICON.place_or_nationality("Russian"),
            Some(EntityKind::Other)
        );
        assert_eq!(LEXICON.place_or_nationality("Press"), None);
    }
}
