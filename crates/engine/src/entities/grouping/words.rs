//! Word-level facts about names that several passes share: courtesy titles, the initials an
//! acronym spells, and the title words the tagger took into a name.
//!
//! Pure functions of a name's lower-case words; they know nothing of clusters or the text.

use crate::entities::lexicon::LEXICON;
use crate::entities::spelling::name_words;

/// Words that are not part of an acronym's expansion ("North Atlantic Treaty Organisation").
const ACRONYM_SKIPPED: [&str; 6] = ["of", "the", "and", "for", "on", "de"];

/// Courtesy titles that stand right before a surname ("Mr Key", "Dr. Eastman").
pub(super) const HONORIFICS: [&str; 12] = [
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

/// First letters of the words of a long name, without "of", "the" and the like.
pub(super) fn initials(words: &[String]) -> String {
    words
        .iter()
        .filter(|word| !ACRONYM_SKIPPED.contains(&word.as_str()))
        .filter_map(|word| word.chars().next())
        .collect()
}

/// How many words at the start of a name are a courtesy title or role the tagger took into it
/// ("Professor Burrows"): they are not part of the name proper.
pub(super) fn leading_titles(words: &[String]) -> usize {
    words
        .iter()
        .take_while(|word| HONORIFICS.contains(&word.as_str()) || LEXICON.is_title_head(word))
        .count()
}

/// Role words with each place written by its fullest name ("us president" → "united states
/// president"), so that one role compares alike however the country is written.
pub(super) fn canonical_places(words: &[String]) -> Vec<String> {
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
