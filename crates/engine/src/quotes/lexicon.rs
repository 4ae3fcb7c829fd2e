//! The word lists of quote attribution: speech verbs, cue phrases, titles, pronouns, role nouns.
//!
//! The lists are data files beside this module, compiled into the binary and parsed once.
//! This module knows words, not texts: it has no notion of spans, quotes or documents.

use crate::hash_maps::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::lexicon::data_lines;
pub use crate::lexicon::lower;

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PronounKind {
    /// One person ("he", "she").
    Person,
    /// An organisation or several people ("they", "it", "we").
    Group,
    /// The speaker themselves ("I").
    SelfReference,
}

/// Every inflection of a speech verb (lower case) → its lemma.
pub static SPEECH_VERBS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut verbs = HashMap::default();
    for line in data_lines(include_str!("speech_verbs.txt")) {
        let mut words = line.split_whitespace();
        let Some(lemma) = words.next() else {
            continue;
        };
        verbs.insert(lemma, lemma);
        for word in words {
            verbs.insert(word, lemma);
        }
    }
    verbs
});

/// Multi-word cues whose source follows them ("according to the Kremlin").
pub static CUE_PHRASES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    data_lines(include_str!("cue_phrases.txt"))
        .map(|line| line.split_whitespace().collect())
        .collect()
});

fn word_set(source: &'static str) -> HashSet<&'static str> {
    data_lines(source).flat_map(str::split_whitespace).collect()
}

/// Title, office and nationality words that stand before a name ("US Secretary of State").
pub static TITLE_CUES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("title_cues.txt")));

/// Common nouns that can head a speaker phrase ("the spokesperson").
pub static ROLE_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("role_nouns.txt")));

/// Written sources that cannot speak themselves ("the statement read").
pub static DOCUMENT_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("documents.txt")));

pub static PRONOUNS: LazyLock<HashMap<&'static str, PronounKind>> = LazyLock::new(|| {
    let mut pronouns = HashMap::default();
    for line in data_lines(include_str!("pronouns.txt")) {
        let mut words = line.split_whitespace();
        let kind = match words.next() {
            Some("person") => PronounKind::Person,
            Some("group") => PronounKind::Group,
            Some("self") => PronounKind::SelfReference,
            _ => continue,
        };
        for word in words {
            pronouns.insert(word, kind);
        }
    }
    pronouns
});

/// The class names of grammar_words.txt, each one bit of a word's class mask.
const CLASSES: [&str; 15] = [
    "skip",
    "determiner",
    "function",
    "elision",
    "small",
    "addressee",
    "organisation",
    "nounlike",
    "preposition",
    "auxiliary",
    "subordinator",
    "naming",
    "irregular",
    "crowd",
    "",
];

/// Every word of grammar_words.txt → the mask of the classes it belongs to, so that a class
/// test costs one hash look-up.
static GRAMMAR_WORDS: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, u16> = HashMap::default();
    for line in data_lines(include_str!("grammar_words.txt")) {
        let Some((class, members)) = line.split_once(':') else {
            continue;
        };
        let Some(bit) = CLASSES.iter().position(|name| *name == class.trim()) else {
            continue;
        };
        for word in members.split_whitespace() {
            *words.entry(word).or_default() |= 1 << bit;
        }
    }
    words
});

fn in_class(class: &str, lower: &str) -> bool {
    let Some(bit) = CLASSES.iter().position(|name| *name == class) else {
        return false;
    };
    GRAMMAR_WORDS
        .get(lower)
        .is_some_and(|mask| mask & (1 << bit) != 0)
}

/// The lemma of a speech verb form ("said" → "say").
pub fn speech_verb_lemma(word: &str) -> Option<&'static str> {
    SPEECH_VERBS.get(lower(word).as_ref()).copied()
}

pub fn is_title_cue(word: &str) -> bool {
    TITLE_CUES.contains(lower(word.trim_end_matches('.')).as_ref())
}

pub fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains(lower(word).as_ref())
}

pub fn is_document_noun(word: &str) -> bool {
    DOCUMENT_NOUNS.contains(lower(word).as_ref())
}

pub fn pronoun_kind(word: &str) -> Option<PronounKind> {
    PRONOUNS.get(lower(word).as_ref()).copied()
}

/// Words that may stand between a speaker and the speech verb.
pub fn is_skippable(word: &str) -> bool {
    let lower = lower(word);
    in_class("skip", &lower)
        || (lower.len() > 4 && lower.ends_with("ly") && word == lower.as_ref())
        || super::super::lexicon::weekday_number(word).is_some()
        || word.chars().all(|c| c.is_ascii_digit())
}

pub fn is_determiner(word: &str) -> bool {
    in_class("determiner", &lower(word))
}

/// Speech-verb lemmas whose base forms are also nouns ("a thunderous chant").
pub fn is_nounlike(lemma: &str) -> bool {
    in_class("nounlike", lemma)
}

pub fn is_preposition(word: &str) -> bool {
    in_class("preposition", &lower(word))
}

/// Capitalised words that are never part of a name ("The", "But", "According").
pub fn is_function_word(word: &str) -> bool {
    in_class("function", &lower(word.trim_end_matches('.')))
}

pub fn is_elision(word: &str) -> bool {
    in_class("elision", &lower(word))
}

pub fn is_small_title_word(word: &str) -> bool {
    in_class("small", &lower(word))
}

/// Last words of organisation names ("House", "Committee").
pub fn is_organisation_word(word: &str) -> bool {
    in_class("organisation", &lower(word))
}

/// Auxiliaries: a subject stands right before them ("the man had posted").
pub fn is_auxiliary(word: &str) -> bool {
    in_class("auxiliary", &lower(word))
}

/// Words that open a subordinate clause ("after the man had posted"), not a prepositional phrase.
pub fn is_subordinator(word: &str) -> bool {
    in_class("subordinator", &lower(word))
}

/// Participles that name or label without a speaker ("known as", "dubbed", "so-called").
pub fn is_naming_participle(word: &str) -> bool {
    in_class("naming", &lower(word))
}

/// What crowds and signs say with no one named ("chants of", "signs reading").
pub fn is_crowd_noun(word: &str) -> bool {
    in_class("crowd", &lower(word))
}

/// Irregular past forms of common verbs ("went", "spoke"): a finite verb after a subject.
pub fn is_irregular_past(word: &str) -> bool {
    in_class("irregular", &lower(word))
}

/// Forms of "be" and "get" that make a following participle passive ("was asked").
pub fn is_passive_auxiliary(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "got" | "gets" | "'s"
    )
}

/// Speech verbs whose following noun phrase is the addressee ("told Biden").
pub fn takes_addressee(lemma: &str) -> bool {
    in_class("addressee", lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_have_their_inflections() {
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("told", "tell"),
            ("added", "add"),
            ("asserted", "assert"),
            ("noted", "note"),
            ("insisted", "insist"),
            ("acknowledged", "acknowledge"),
            ("warned", "warn"),
            ("Acknowledges", "acknowledge"),
        ] {
            assert_eq!(speech_verb_lemma(form), Some(lemma), "{form}");
        }
        assert_eq!(speech_verb_lemma("expelled"), None);
        assert_eq!(
            speech_verb_lemma("states"),
            None,
            "a noun more often than a verb"
        );
    }

    #[test]
    fn cue_phrases_and_word_classes() {
        assert!(CUE_PHRASES.contains(&vec!["according", "to"]));
        assert!(is_title_cue("Secretary"));
        assert!(is_title_cue("U.S."));
        assert!(!is_title_cue("Blinken"));
        assert!(is_role_noun("spokesperson"));
        assert!(is_document_noun("statement"));
        assert_eq!(pronoun_kind("She"), Some(PronounKind::Person));
        assert_eq!(pronoun_kind("they"), Some(PronounKind::Group));
        assert_eq!(pronoun_kind("Psaki"), None);
        assert!(is_skippable("also") && is_skippable("Friday") && is_skippable("4"));
        assert!(is_skippable("repeatedly") && !is_skippable("Kelly"));
        assert!(is_determiner("the") && !is_determiner("spokesperson"));
        assert!(is_function_word("According") && !is_function_word("Biden"));
        assert!(is_elision("n") && is_small_title_word("the"));
        assert!(is_preposition("during") && !is_preposition("said"));
        assert!(takes_addressee("tell") && !takes_addressee("say"));
        assert!(is_organisation_word("House") && !is_organisation_word("Psaki"));
    }

    #[test]
    fn every_data_line_is_well_formed() {
        for line in data_lines(include_str!("grammar_words.txt")) {
            let class = line.split_once(':').map_or("", |(class, _)| class.trim());
            assert!(
                !class.is_empty() && CLASSES.contains(&class),
                "grammar line without a known class: {line}"
            );
        }
        for line in data_lines(include_str!("pronouns.txt")) {
            let class = line.split_whitespace().next().unwrap_or("");
            assert!(
                matches!(class, "person" | "group" | "self"),
                "bad pronoun class {class}"
            );
        }
        assert!(SPEECH_VERBS.len() > 100);
    }

    #[test]
    fn lower_cases_short_long_and_non_ascii_words() {
        assert_eq!(&*lower("said"), "said");
        assert_eq!(&*lower("Said"), "said");
        assert_eq!(&*lower("ÉTÉ"), "été");
        let long = "Supercalifragilisticexpialidociously";
        assert_eq!(&*lower(long), long.to_lowercase());
        assert!(lower("Being") == "being");
        assert_eq!(format!("{}", lower("MP")), "mp");
    }
}
