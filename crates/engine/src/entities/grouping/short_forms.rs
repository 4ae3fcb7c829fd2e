//! A word of an organisation's longer name that the article also uses alone ("Peugeot" beside
//! "PSA Peugeot Citroen") is an organisation too, however the tagger read it alone ("Mitsubishi
//! in Peugeot link talks", a headline with little context): a reader takes the short form's
//! kind from the long one. A word the gazetteers list as a place or a given name keeps its own
//! reading ("Carlos" beside "Grupo Carlos Slim"), and so does the word after "of" ("Yugoslavia"
//! beside "Federal Republic of Yugoslavia"), the words of an ALL-CAPS headline's name, and a name
//! whose own words around it said its kind (a descriptor or a cue).
//!
//! It changes kinds only, not clusters: the short form may be the firm's parent, a brand or a
//! family ("Peugeot" and "PSA Peugeot Citroen" stay two entities). It runs after clustering:
//! a surname alone that shortens a person's full name is in that person's cluster by then.

use crate::hash_maps::HashSet;

use super::state::{Grouping, kind_index};
use crate::entities::EntityKind;
use crate::entities::lexicon::word_classes;
use crate::entities::model::{is_given_name, is_listed_place, is_listed_surname};

/// Words after a place's name that make an organisation's name an institution of that place
/// (lower case): the place's name before them stays a place.
const PLACE_INSTITUTION_WORDS: &[&str] = &[
    "county", "city", "community", "regional", "municipal", "township", "parish", "district",
    "state", "metropolitan", "provincial",
];

impl Grouping<'_> {
    /// Gives a one-word person or place the organisation's kind when it is a word of an
    /// organisation's longer name in the article.
    pub(super) fn take_kinds_from_long_forms(&mut self) {
        let mut words_of_organisations: HashSet<&str> = HashSet::default();
        let mut second_of_two: HashSet<&str> = HashSet::default();
        for cluster in &self.clusters {
            if cluster.names.is_empty() || cluster.leading_kind() != EntityKind::Org {
                continue;
            }
            for &name in &cluster.names {
                let words = &self.words[name];
                // A headline's capitals ("TROFEJ BEOGRAD TOURNAMENT") say little of which words
                // make the name.
                let all_caps = !self.name_text(name).chars().any(char::is_lowercase);
                if words.len() < 2 || all_caps {
                    continue;
                }
                // The word after "of" is the place an institution is of ("Federal Republic of
                // Yugoslavia", "Bank of America"), whatever the gazetteers know of it.
                let after_of = |at: usize| at > 0 && words[at - 1] == "of";
                // So is a word before a word that makes the name an institution of a place
                // ("Henrico County GOP", "Clarkston Community Center", "Manchester City").
                let before_place_word = |at: usize| {
                    words
                        .get(at + 1)
                        .is_some_and(|next| PLACE_INSTITUTION_WORDS.contains(&next.as_str()))
                };
                // The second of two words may be a surname in a person's name the tagger misread
                // ("Phillips Idowu" read as a firm, beside "Idowu" alone): a place only.
                let surname_place = words.len() == 2;
                for at in (0..words.len()).filter(|&at| !after_of(at) && !before_place_word(at)) {
                    if surname_place && at == 1 {
                        second_of_two.insert(words[at].as_str());
                    } else {
                        words_of_organisations.insert(words[at].as_str());
                    }
                }
            }
        }
        if words_of_organisations.is_empty() && second_of_two.is_empty() {
            return;
        }
        let mut short_forms = Vec::new();
        for (index, cluster) in self.clusters.iter().enumerate() {
            let kind = cluster.leading_kind();
            let spoken_for = cluster.fixed_kind.is_some()
                || cluster.is_told_no_person()
                || cluster.described.iter().any(|&vote| vote > 0);
            if cluster.names.is_empty()
                || spoken_for
                || !matches!(kind, EntityKind::Person | EntityKind::Place)
            {
                continue;
            }
            let mut one_word = cluster.names.iter().map(|&name| &self.words[name][..]);
            let Some([word]) = one_word.next() else {
                continue;
            };
            let same_word_throughout = one_word.all(|words| words.len() == 1 && words[0] == *word);
            // A listed surname read as a person's stays one: a name the tagger ran on into a
            // title or a list ("Deputy Chief of Staff Jake Sullivan and Deputy Chief" read as a
            // firm) is no organisation "Sullivan" shortens.
            let persons_surname = kind == EntityKind::Person && is_listed_surname(word);
            if same_word_throughout
                && !persons_surname
                && (words_of_organisations.contains(word.as_str())
                    || (kind == EntityKind::Place && second_of_two.contains(word.as_str())))
                && names_nothing_else(word)
            {
                short_forms.push(index);
            }
        }
        for cluster in short_forms {
            self.clusters[cluster].described[kind_index(EntityKind::Org)] += 1;
        }
    }
}

/// Whether no gazetteer lists `word` (lower case) as a place, a nationality, a given name, a
/// title or a generic word of organisations' names ("bank", "motors").
fn names_nothing_else(word: &str) -> bool {
    word_classes(word) == 0 && !is_listed_place(word) && !is_given_name(word)
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn a_word_of_an_organisations_name_used_alone_is_an_organisation() {
        // A headline's short form the tagger read as a place, and a surname-like one read as a
        // person, take the kind of the firm whose longer name holds them; a country inside a
        // bank's name (a place after "of"), a given name inside a firm's and a word of a
        // headline's name keep their own kind, and so does a person whose full name is in the
        // article, or whose full name the tagger read as a firm's (the second of two words).
        let (entities, _) = render(
            "[Nissan|ORG] in [Vauclair|LOC] link talks\n\n[Nissan|ORG] is in talks with car maker \
             [Groupe Vauclair Renard|ORG]. [Bank of Ruritania|ORG] and [Ruritania|LOC] agreed, as \
             did [Grupo Carlos Slim|ORG] and [Carlos|PER]. [Hart Media Group|ORG] hired \
             [Joe Media|PER]. [Media|PER] smiled. Pundit tips [Okoro|LOC] for gold\n\nHe backs [Femi Okoro|ORG] to win. [Okoro|PER] jumped and [Okoro|PER] won.\n\n[TROFEJ ZLATNI|ORG] RESULTS\n\n[Trofej|LOC] won.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Nissan = *Nissan | Nissan",
                "ORG Vauclair = *Vauclair | Vauclair",
                "ORG Groupe Vauclair Renard = *Groupe Vauclair Renard",
                "ORG Bank of Ruritania = *Bank of Ruritania",
                "PLACE Ruritania = Ruritania | *Ruritania",
                "ORG Grupo Carlos Slim = *Grupo Carlos Slim",
                "PERSON Carlos = Carlos | *Carlos",
                "ORG Hart Media Group = *Hart Media Group",
                "PERSON Joe Media = Media | *Joe Media | Media",
                "PERSON Okoro = *Okoro | Okoro | Okoro | Okoro",
                "ORG Femi Okoro = *Femi Okoro",
                "ORG TROFEJ ZLATNI = *TROFEJ ZLATNI",
                "PLACE Trofej = *Trofej",
            ]
        );
    }

    #[test]
    fn a_place_an_institution_is_named_after_stays_a_place() {
        // "Clarkston Community Center" is of the town; "Vauclair Motors" is the firm Vauclair.
        let (entities, _) = render(
            "He works at [Quarnby Community Center|ORG]. [Quarnby|LOC] welcomed him. \
             [Vauclair Motors|ORG] grew. [Vauclair|LOC] rose.",
        );
        assert!(entities.contains(&"PLACE Quarnby = Quarnby | *Quarnby".to_string()), "{entities:?}");
        assert!(entities.contains(&"ORG Vauclair = Vauclair | *Vauclair".to_string()), "{entities:?}");
    }

    #[test]
    fn a_listed_surname_read_as_a_persons_is_no_short_form() {
        // The tagger ran a title and a list into one "firm"; the surname alone stays a person's.
        let (entities, _) = render(
            "Aides were [Deputy Chief of Staff Jake Sullivan and Deputy Chief|ORG] of Staff Ann \
             Lee. [Sullivan|PER] searched his mail.",
        );
        assert!(
            entities.contains(&"PERSON Sullivan = Sullivan | *Sullivan | his".to_string()),
            "{entities:?}"
        );
    }
}
