//! Typing slips in capitalised words the tagger did not take as names ("Resourcse" once,
//! "Resources" elsewhere): a word written once, that is a typist's slip of another word of the
//! article written more often (or as often and earlier), is reported with that spelling.
//!
//! Stricter than the name check (`misspellings`) because it is not limited to names: the slip
//! must be inside the word (the first letter kept, and the last unless the last two were
//! swapped: a changed ending makes another form of a word, a changed initial another word), both words long enough to be misspelt, the variant
//! written once and capitalised but not in capitals, neither a listed name or place (two
//! listed names one letter apart are two names), nor an ordinary word the news writes in lower
//! case beside a name it does not. It knows tokens, word counts and the model's vocabulary, not
//! clusters.

use crate::hash_maps::HashMap;

use crate::entities::hashing::{HashKeyed, SEED, mix};

use super::Name;
use super::state::Grouping;
use super::words::leading_titles;
use super::word_counts::WordCounts;
use crate::diagnostic::{Diagnostic, Fix};
use crate::entities::EntityKind;
use crate::entities::lexicon::{class, word_classes};
use crate::entities::model::{is_given_name, knows_spelling};
use crate::entities::spelling::{both_known, is_typing_slip, is_word_form};
use crate::rules::Code;

/// Whether `variant` is an ordinary word capitalised (in a title: "Being Julia") where `word` is
/// not one: the news the model learned from writes "being" in lower case, never "bening", so
/// "Being" is no slip of the name "Bening".
fn is_ordinary_word_beside_a_name(variant: &str, word: &str) -> bool {
    knows_spelling(&variant.to_lowercase()) && !knows_spelling(&word.to_lowercase())
}

/// Fewest letters of the longer word of a pair: shorter words differ by a letter on purpose.
const MIN_LETTERS: usize = 5;

impl Grouping<'_> {
    /// Finds capitalised words written once that are a typing slip of another word of the
    /// article; `reported` are the name findings already made (a word inside one is skipped).
    pub(super) fn find_typing_slips(
        &self,
        counts: &WordCounts,
        reported: &[Diagnostic],
    ) -> Vec<Diagnostic> {
        // Each distinct capitalised spelling once (any case), by the token that first writes it.
        let mut first_of: HashKeyed<usize> = HashKeyed::default();
        let bytes = self.text.as_bytes();
        for (index, token) in self.tokens.iter().enumerate() {
            // Most tokens are short, or begin with a lower-case letter or punctuation: told
            // from the span and the first byte (as `is_capitalised_word` would) before the word
            // is sliced.
            let (start, end) = (token.span.start, token.span.end);
            if end - start < MIN_LETTERS - 1
                || bytes
                    .get(start)
                    .is_none_or(|&byte| byte.is_ascii() && !byte.is_ascii_uppercase())
            {
                continue;
            }
            let word = token.text(self.text);
            if is_capitalised_word(word) {
                first_of.entry(self.lower[index]).or_insert(index);
            }
        }
        let mut spellings: Vec<usize> = first_of.into_values().collect();
        spellings.sort_unstable();
        // The spellings that may be slips, by the cheap tests first: a few in an article.
        // A capital at the start of a sentence says nothing of a name ("There", "Three").
        let variants: Vec<usize> = spellings
            .iter()
            .copied()
            .filter(|&at| {
                let (variant, span) = (self.tokens[at].text(self.text), self.tokens[at].span);
                counts.of(variant).is_some_and(|seen| seen.count == 1)
                    && word_classes(variant) == 0
                    && !self.starts_sentence(at)
                    && !reported.iter().any(|finding| finding.span.overlaps(span))
            })
            .collect();
        if variants.is_empty() {
            return Vec::new();
        }
        // Symmetric deletion keys: two words one slip apart share the word itself or a key made
        // by deleting one letter after the first, so each pair is found without comparing all
        // pairs. Keys are hashes in one sorted list: no string is built per key. Two words that
        // share a key have the same first letter and lengths at most one letter apart, so only
        // the spellings that have those of a variant are keyed.
        let mut letters = Vec::new();
        let variant_keys: Vec<Vec<u64>> = variants
            .iter()
            .map(|&at| deletion_keys(self.tokens[at].text(self.text), &mut letters))
            .collect();
        let variant_shapes: Vec<Option<(char, usize)>> = variants
            .iter()
            .map(|&at| lower_case_shape(self.tokens[at].text(self.text)))
            .collect();
        let mut keys: Vec<(u64, usize)> = Vec::new();
        for &at in &spellings {
            let word = self.tokens[at].text(self.text);
            let Some((first, length)) = lower_case_shape(word) else {
                continue;
            };
            let may_share_a_key = variant_shapes.iter().flatten().any(|&(other_first, other_length)| {
                other_first == first && other_length.abs_diff(length) <= 1
            });
            if may_share_a_key {
                for key in deletion_keys(word, &mut letters) {
                    keys.push((key, at));
                }
            }
        }
        keys.sort_unstable();
        let mut pairs: Vec<(usize, &str)> = Vec::new();
        for (&at, variant_keys) in variants.iter().zip(variant_keys) {
            let variant = self.tokens[at].text(self.text);
            let mut intended: Option<&str> = None;
            for key in variant_keys {
                let from = keys.partition_point(|&(other, _)| other < key);
                for &(_, other_at) in keys[from..].iter().take_while(|&&(other, _)| other == key) {
                    let word = self.tokens[other_at].text(self.text);
                    if intended.is_none()
                        && other_at != at
                        && is_inner_slip(variant, word)
                        && word_classes(word) == 0
                        && !is_ordinary_word_beside_a_name(variant, word)
                        && !both_known(variant, word)
                        && counts.is_rarer(variant, word) == Some(true)
                    {
                        intended = Some(word);
                    }
                }
            }
            if let Some(intended) = intended {
                pairs.push((at, intended));
            }
        }
        let contexts = self.contexts_of(pairs.iter().map(|&(_, intended)| intended));
        let mut findings = Vec::new();
        for (at, intended) in pairs {
            if !self.same_name_context(at, &contexts[&intended.to_lowercase()]) {
                continue;
            }
            let (variant, span) = (self.tokens[at].text(self.text), self.tokens[at].span);
            findings.push(
                Diagnostic::new(
                    Code::EntitySpelling,
                    span,
                    format!(
                        "\"{variant}\" looks like a misspelling of \"{intended}\", as the word is spelt elsewhere"
                    ),
                )
                .with_fix(Fix {
                    title: format!("Replace with \"{intended}\""),
                    span,
                    replacement: intended.to_string(),
                }),
            );
        }
        findings.sort_by_key(|finding: &Diagnostic| finding.span.start);
        findings
    }

    /// Whether token `at` opens a sentence, its segment's or one quoted inside it (nothing but
    /// punctuation before it in its segment, or an opening quotation mark or colon right before).
    fn starts_sentence(&self, at: usize) -> bool {
        let mut index = at;
        loop {
            if self.tokens[index].starts_segment || index == 0 {
                return true;
            }
            index -= 1;
            let before = self.tokens[index].text(self.text);
            if before.chars().any(char::is_alphanumeric) {
                return false;
            }
            if before
                .chars()
                .any(|c| matches!(c, '"' | '“' | '‘' | '\'' | ':'))
            {
                return true;
            }
        }
    }

    /// The given name or initial right before token `at` ("M" of "M Horan", "Ian" of "Ian
    /// McDonald"), in lower case: it tells one person from another of a similar surname.
    fn name_word_before(&self, at: usize) -> Option<String> {
        if at == 0 || self.tokens[at].starts_segment {
            return None;
        }
        let before = self.tokens[at - 1].text(self.text);
        let letters: Vec<char> = before.chars().filter(|c| *c != '.').collect();
        let is_initial = letters.len() == 1 && letters[0].is_uppercase();
        let is_given_name = before.chars().next().is_some_and(char::is_uppercase)
            && word_classes(before) & class::FIRST_NAME != 0;
        (is_initial || is_given_name).then(|| before.to_lowercase())
    }

    /// The words of the recognised name just before and just after token `at`, in lower case
    /// ("jeremy" of "Jeremy Vine", "berger" of "Patrik Berger").
    fn name_neighbours(&self, at: usize) -> Neighbours {
        let word = |index: usize| self.tokens[index].text(self.text).to_lowercase();
        // A title before the name ("Mr", "President") is no part of who it is.
        let before = (at > 0 && !self.tokens[at].starts_segment && self.in_one_name(at - 1, at))
            .then(|| word(at - 1))
            .filter(|before| leading_titles(std::slice::from_ref(before)) == 0);
        let after = (at + 1 < self.tokens.len()
            && !self.tokens[at + 1].starts_segment
            && self.in_one_name(at, at + 1))
        .then(|| word(at + 1));
        (before, after)
    }

    /// Whether tokens `first` and `second` lie in one name the tagger recognised.
    fn in_one_name(&self, first: usize, second: usize) -> bool {
        self.name_holding(first)
            .is_some_and(|name| self.tokens[second].span.end <= name.span.end)
    }

    /// The kind of the recognised name that holds token `at`, if any.
    fn kind_at(&self, at: usize) -> Option<EntityKind> {
        self.name_holding(at).map(|name| name.kind)
    }

    /// The recognised name that holds the start of token `at`, if any.
    fn name_holding(&self, at: usize) -> Option<&Name> {
        let span = self.tokens[at].span;
        let after = self.names.partition_point(|name| name.span.end <= span.start);
        self.names
            .get(after)
            .filter(|name| name.span.start <= span.start)
    }

    /// For each word (any case), the name word before each occurrence and the kinds of the
    /// names it occurs in: one pass over the tokens.
    fn contexts_of<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
    ) -> HashMap<String, Context> {
        let mut contexts: HashMap<String, Context> = words
            .map(|word| (word.to_lowercase(), Context::default()))
            .collect();
        if contexts.is_empty() {
            return contexts;
        }
        for (index, token) in self.tokens.iter().enumerate() {
            if let Some(context) = contexts.get_mut(&token.text(self.text).to_lowercase()) {
                context.words_before.push(self.name_word_before(index));
                context.neighbours.push(self.name_neighbours(index));
                context.kinds.extend(self.kind_at(index));
            }
        }
        contexts
    }

    /// Whether the word at `at` is written as the other word is: after the same given name or
    /// initial when it has one ("M Horan" is not "A Horgan"), and not a person's name when the
    /// other is only ever a thing's ("founder Linus" the person is not "Linux" the product).
    fn same_name_context(&self, at: usize, intended: &Context) -> bool {
        let before_ok = match self.name_word_before(at) {
            Some(before) => intended
                .words_before
                .iter()
                .any(|other| other.as_deref() == Some(before.as_str())),
            None => true,
        };
        // Only a person against a thing: a misspelt word of an organisation's or a place's name
        // can change how the tagger reads it, a person's name seldom becomes a thing's.
        let kind_ok = match self.kind_at(at) {
            Some(EntityKind::Person) => {
                intended.kinds.is_empty() || intended.kinds.contains(&EntityKind::Person)
            }
            _ => true,
        };
        // Only people's names: an organisation's words stand in many places in its names
        // ("Nomura Securities", "Securities and Exchange Commission").
        let place_ok = self.kind_at(at) != Some(EntityKind::Person)
            || same_place_in_a_name(&self.name_neighbours(at), &intended.neighbours);
        before_ok && kind_ok && place_ok
    }
}

/// The words of a name around one of its words: (before, after), lower case.
type Neighbours = (Option<String>, Option<String>);

/// Whether a word with `variant` around it in its name can be a slip of one with `intended`
/// around its occurrences: a surname is no slip of a given name ("Jeremy Vine", "Vince
/// Cable"), and the rest of a name, where both have it, must agree somewhere ("Allan Bogle" is
/// not "Anna Boyle", "Patrik Berger" not "Patrick Vieira").
fn same_place_in_a_name(variant: &Neighbours, intended: &[Neighbours]) -> bool {
    let in_a_name = |(before, after): &Neighbours| before.is_some() || after.is_some();
    if !in_a_name(variant) || !intended.iter().any(in_a_name) {
        return true;
    }
    let shape = |(before, after): &Neighbours| (before.is_some(), after.is_some());
    // Given names before a surname must agree; a title may stand there as well ("Mr").
    fn given(word: &Option<String>) -> Option<&str> {
        word.as_deref().filter(|word| is_given_name(word))
    }
    let agrees = |mine: Option<&str>, theirs: Vec<Option<&str>>| match mine {
        Some(word) if theirs.iter().any(Option::is_some) => theirs.contains(&Some(word)),
        _ => true,
    };
    intended.iter().any(|other| shape(other) == shape(variant))
        && agrees(given(&variant.0), intended.iter().map(|other| given(&other.0)).collect())
        && agrees(
            variant.1.as_deref(),
            intended.iter().map(|other| other.1.as_deref()).collect(),
        )
}

/// Where a word is written: the name word before each occurrence, the words of its name around
/// it, and the kinds of the names that hold it.
#[derive(Default)]
struct Context {
    words_before: Vec<Option<String>>,
    neighbours: Vec<Neighbours>,
    kinds: Vec<EntityKind>,
}

/// A word with a capital initial and a lower-case letter after it, letters only ("Resources",
/// "McDonald"; not "NATO", "U.S." or "Jean-Marie").
fn is_capitalised_word(word: &str) -> bool {
    // Most tokens are short, or lower-case words and punctuation, told apart by their length
    // (a letter is a byte or more) and first byte.
    if word.len() < MIN_LETTERS - 1
        || word
            .as_bytes()
            .first()
            .is_none_or(|&byte| byte.is_ascii() && !byte.is_ascii_uppercase())
    {
        return false;
    }
    if word.is_ascii() {
        // The same tests, byte by byte.
        let bytes = word.as_bytes();
        return bytes.len() >= MIN_LETTERS - 1
            && bytes.iter().all(u8::is_ascii_alphabetic)
            && bytes[1..].iter().any(u8::is_ascii_lowercase);
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && word.chars().skip(1).any(char::is_lowercase)
        && word.chars().count() >= MIN_LETTERS - 1
}

/// The first letter of `word` in lower case and how many letters it has in lower case (as
/// `deletion_keys` reads it); `None` for an empty word.
fn lower_case_shape(word: &str) -> Option<(char, usize)> {
    if word.is_ascii() {
        let first = *word.as_bytes().first()?;
        return Some((first.to_ascii_lowercase() as char, word.len()));
    }
    let mut letters = word.chars().flat_map(char::to_lowercase);
    let first = letters.next()?;
    Some((first, 1 + letters.count()))
}

/// Hashes of the word in lower case and of the word with each letter but the first deleted
/// in turn (`letters` is a buffer kept between calls).
fn deletion_keys(word: &str, letters: &mut Vec<char>) -> Vec<u64> {
    letters.clear();
    if word.is_ascii() {
        letters.extend(word.bytes().map(|byte| byte.to_ascii_lowercase() as char));
    } else {
        letters.extend(word.chars().flat_map(char::to_lowercase));
    }
    // The hash of the letters before the deleted one is the running hash of the whole word so
    // far: only the letters after it are hashed again.
    let fold = |hash: u64, letters: &[char]| {
        letters
            .iter()
            .fold(hash, |hash, &c| mix(hash, c as u64))
    };
    let mut keys = Vec::with_capacity(letters.len());
    if letters.is_empty() {
        return keys;
    }
    keys.push(fold(SEED, letters));
    let mut before = mix(SEED, letters[0] as u64);
    for skipped in 1..letters.len() {
        keys.push(fold(before, &letters[skipped + 1..]));
        before = mix(before, letters[skipped] as u64);
    }
    keys
}

/// Whether `variant` is `word` with one typing slip inside it: the same first letter, the
/// same last letter unless the last two were swapped ("Resourcse"), the longer at least
/// `MIN_LETTERS` long, and not another form of the word.
fn is_inner_slip(variant: &str, word: &str) -> bool {
    let (v, w) = (variant.to_lowercase(), word.to_lowercase());
    let (v_letters, w_letters) = (v.chars().count(), w.chars().count());
    let same_ending = v.chars().last() == w.chars().last();
    v_letters.max(w_letters) >= MIN_LETTERS
        && v.chars().next() == w.chars().next()
        && (same_ending || last_two_swapped(&v, &w))
        && !is_word_form(&v, &w)
        && is_typing_slip(&v, &w)
}

/// Whether `a` is `b` with its last two letters swapped ("resourcse" / "resources").
fn last_two_swapped(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.chars().rev(), b.chars().rev());
    let (a_last, a_before, b_last, b_before) = (a.next(), a.next(), b.next(), b.next());
    a_last.is_some() && a_last == b_before && a_before == b_last && a.eq(b)
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;
    use super::{deletion_keys, is_capitalised_word, lower_case_shape};

    #[test]
    fn capitalised_words_have_a_capital_then_a_lower_case_letter_and_letters_only() {
        for word in ["Resources", "McDonald", "Élan", "Ölgaard"] {
            assert!(is_capitalised_word(word), "{word}");
        }
        for word in ["NATO", "U.S.", "Jean-Marie", "resources", "Abc", "ÉLAN", "Éla", "Ab1cd", ""] {
            assert!(!is_capitalised_word(word), "{word}");
        }
    }

    #[test]
    fn the_shape_is_the_first_letter_and_length_deletion_keys_read() {
        assert_eq!(lower_case_shape("Resources"), Some(('r', 9)));
        // "İ" is two letters in lower case.
        assert_eq!(lower_case_shape("İzmir"), Some(('i', 6)));
        assert_eq!(lower_case_shape(""), None);
        let mut letters = Vec::new();
        assert_eq!(deletion_keys("İzmir", &mut letters).len(), 6);
    }

    #[test]
    fn a_word_written_once_that_is_a_slip_of_another_is_reported() {
        let (_, findings) = render(
            "Borealis Resources Inc said its Canadian unit will merge. Shares of Borealis Resourcse rose.",
        );
        assert_eq!(findings, vec!["entity-spelling Resourcse -> Resources"]);
    }

    #[test]
    fn the_earlier_of_two_spellings_written_once_is_the_right_one() {
        let (_, findings) = render("The Treasury said so. Later the Treausry denied it.");
        assert_eq!(findings, vec!["entity-spelling Treausry -> Treasury"]);
    }

    #[test]
    fn on_a_tie_the_spelling_the_news_does_not_know_is_the_slip() {
        // Written once each, the misspelling first: the model's vocabulary knows "Treasury".
        let (_, findings) = render("The Treausry said so. Later the Treasury denied it.");
        assert_eq!(findings, vec!["entity-spelling Treausry -> Treasury"]);
    }

    #[test]
    fn other_forms_and_other_words_are_not_slips() {
        for text in [
            // A changed ending makes another form of a word.
            "The Republican said. Two Republicans agreed.",
            // A changed initial is another word; capitals are headlines.
            "Mason said. Later Jason said. BOREALIS RESOURCES said.",
            // Two spellings written twice each are two words.
            "Carson met Carlson. Carson and Carlson spoke.",
            // Short words differ by a letter on purpose.
            "Mali and Bali. Later Mail.",
            // A sentence's first word is capitalised whatever it is.
            "Three men came. The count was done. There was no more.",
            // Different initials, different people.
            "A Horgan scored and S Horgan passed. M Horan missed.",
            // An ordinary word in a title is no slip of a name beside it.
            "Swank faces Annette Bening, a nominee for the farce Being Julia.",
            // The other words of the names tell people apart.
            "Interviewed on [Jeremy Vine|PER]'s show, he spoke. Spokesman [Vince Cable|PER] agreed.",
            "[Paul Rowan|PER] and [Allan Bogle|PER] ran. [Paul Brizzel|PER] and [Anna Boyle|PER] won.",
            "The marking was slack and [Patrick Vieira|PER] missed. Later [Patrik Berger|PER] scored.",
            // A changed last letter makes another word ("famed" / "Famer"), unless the last
            // two letters were swapped.
            "Famed doctor Ferdie Pacheco spoke of Hall of Famer Angelo Dundee.",
        ] {
            let (_, findings) = render(text);
            assert!(findings.is_empty(), "{text}: {findings:?}");
        }
    }
}
