//! Speaker phrases: the noun phrase that names who speaks ("Psaki", "she", "the Kremlin",
//! "the White House press secretary", "US State Secretary Antony Blinken").
//!
//! Read from the token stream, forwards or backwards from a speech verb. It knows capitalisation,
//! titles, pronouns and role nouns, not quotes, verbs or the entities of the article.

use crate::hash_maps::HashMap;
use crate::span::Span;

use super::lexicon::{self, PronounKind};
use super::tokens::{Token, TokenKind};

/// Longest noun phrase read, in tokens; keeps every look-up bounded.
const MAX_PHRASE_TOKENS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// A proper name, possibly after a title ("President Biden", "the Kremlin").
    Name,
    Pronoun(PronounKind),
    /// A common noun phrase headed by a role ("the spokesperson", "Kremlin spokesperson").
    Nominal,
    /// A written source that cannot speak ("the statement").
    Document,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerPhrase {
    /// The whole phrase.
    pub span: Span,
    pub kind: PhraseKind,
    /// The proper-name part without titles ("Joe Biden" in "US President Joe Biden").
    pub name: Option<Span>,
    /// The title or role part ("US President", "White House press secretary").
    pub role: Option<Span>,
}

impl SpeakerPhrase {
    /// The span a speaker is reported at: the name when there is one, else the whole phrase.
    pub fn source(&self) -> Span {
        self.name.unwrap_or(self.span)
    }
}

/// What the word lists say of a capitalised word, the same wherever it stands.
#[derive(Clone, Copy)]
struct CapitalisedWord {
    /// Neither a function word nor a pronoun.
    can_name: bool,
    weekday: bool,
    month: bool,
}

impl CapitalisedWord {
    fn of(word: &str) -> CapitalisedWord {
        CapitalisedWord {
            can_name: !lexicon::is_function_word(word) && lexicon::pronoun_kind(word).is_none(),
            weekday: crate::lexicon::weekday_number(word).is_some(),
            month: crate::lexicon::month_number(word).is_some(),
        }
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Read-only helpers over the tokens of one text.
#[derive(Clone, Copy)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Whether each token is a name word, when computed once up front: speaker search asks
    /// about the same tokens many times, and each answer costs several lexicon look-ups.
    name_words: Option<&'a [bool]>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Tokens {
            text,
            tokens,
            name_words: None,
        }
    }

    /// Whether each token is a name word, to pass to `with_name_words`. What the word lists say
    /// of a capitalised word is looked up once per distinct word: an article repeats its names,
    /// and the look-ups were most of the cost.
    pub fn name_word_flags(&self) -> Vec<bool> {
        let mut known: HashMap<&str, CapitalisedWord> = HashMap::default();
        (0..self.tokens.len())
            .map(|index| {
                self.word(index).is_some_and(|word| {
                    starts_upper(word)
                        && self.is_name_word_as(
                            index,
                            word,
                            *known
                                .entry(word)
                                .or_insert_with(|| CapitalisedWord::of(word)),
                        )
                })
            })
            .collect()
    }

    /// The same view, answering `is_name_word` from `flags` (from `name_word_flags`).
    pub fn with_name_words(self, flags: &'a [bool]) -> Self {
        Tokens {
            name_words: Some(flags),
            ..self
        }
    }

    pub fn word(&self, index: usize) -> Option<&'a str> {
        self.tokens
            .get(index)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| token.span.slice(self.text))
    }

    pub fn is_punct(&self, index: usize, c: char) -> bool {
        self.tokens
            .get(index)
            .is_some_and(|token| token.kind == TokenKind::Punct(c))
    }

    pub fn span(&self, index: usize) -> Span {
        self.tokens.get(index).map_or(Span::default(), |t| t.span)
    }

    /// A capitalised word that can be part of a name ("Biden", "U.S", not "The" or "But").
    pub fn is_name_word(&self, index: usize) -> bool {
        match self.name_words {
            Some(flags) => flags.get(index).copied().unwrap_or(false),
            None => self.looks_like_name_word(index),
        }
    }

    fn looks_like_name_word(&self, index: usize) -> bool {
        self.word(index).is_some_and(|word| {
            starts_upper(word) && self.is_name_word_as(index, word, CapitalisedWord::of(word))
        })
    }

    /// Whether the capitalised `word` at `index`, of which the word lists say `class`, is a name
    /// word: it is one unless it is a function word, a pronoun, or a time word there.
    fn is_name_word_as(&self, index: usize, word: &str, class: CapitalisedWord) -> bool {
        class.can_name && !self.is_time_word_as(index, word, class.weekday, class.month)
    }

    /// A capitalised name word with a possessive ending ("Gowdy's" in "Gowdy's office"): it
    /// determines the noun phrase that follows it, as "the" does.
    pub fn is_possessive_name(&self, index: usize) -> bool {
        self.is_name_word(index)
            && self
                .word(index)
                .is_some_and(|word| word.ends_with("'s") || word.ends_with("’s"))
    }

    /// A capitalised title word ("Secretary" in "Secretary of State").
    fn is_title_word(&self, index: usize) -> bool {
        self.is_name_word(index) && self.word(index).is_some_and(lexicon::is_title_cue)
    }

    /// A weekday, or a month before a day number ("Friday", "May 4"; not "Theresa May").
    pub fn is_time_word(&self, index: usize) -> bool {
        self.word(index).is_some_and(|word| {
            self.is_time_word_as(
                index,
                word,
                crate::lexicon::weekday_number(word).is_some(),
                crate::lexicon::month_number(word).is_some(),
            )
        })
    }

    /// `is_time_word` for the `word` at `index`, given whether it names a weekday or a month.
    fn is_time_word_as(&self, index: usize, word: &str, weekday: bool, month: bool) -> bool {
        weekday
            || (month
                && (word.len() > 3
                    || self.word(index + 1).is_some_and(|next| {
                        next.chars().next().is_some_and(|c| c.is_ascii_digit())
                    })))
    }

    pub fn is_lower_word(&self, index: usize) -> bool {
        self.word(index)
            .is_some_and(|word| word.chars().next().is_some_and(char::is_lowercase))
    }

    /// Whether the period at `index` belongs to an abbreviated name part ("Mr.", "J.", "Sen.").
    fn is_name_period(&self, index: usize) -> bool {
        self.is_punct(index, '.')
            && index > 0
            && self.word(index - 1).is_some_and(|word| {
                word.chars().count() <= 4 && word.chars().next().is_some_and(char::is_uppercase)
            })
            && self.is_name_word(index + 1)
    }

    /// The first token of the run of name words ending at `end` (inclusive), not before `low`.
    pub fn name_run_start(&self, end: usize, low: usize) -> usize {
        let mut start = end;
        while start > low && end - start < MAX_PHRASE_TOKENS {
            let before = start - 1;
            if self.is_name_word(before) || self.is_name_period(before) {
                start = before;
            } else if before > low
                && self.word(before).is_some_and(|word| word == "of")
                && self.is_title_word(before - 1)
            {
                start = before - 1;
            } else {
                break;
            }
        }
        if self.is_punct(start, '.') {
            start += 1;
        }
        start
    }

    /// The last token of the run of name words starting at `start` (inclusive), before `high`.
    pub fn name_run_end(&self, start: usize, high: usize) -> usize {
        let mut end = start;
        while end + 1 < high && end - start < MAX_PHRASE_TOKENS {
            let after = end + 1;
            if self.is_name_word(after) || self.is_name_period(after) {
                end = after;
            } else if after + 1 < high
                && self.word(after).is_some_and(|word| word == "of")
                && self.is_title_word(end)
                && self.is_name_word(after + 1)
            {
                end = after + 1;
            } else {
                break;
            }
        }
        end
    }

    /// Builds the phrase of tokens `start..=end` and decides its kind from its head (last word).
    pub fn phrase(&self, start: usize, end: usize) -> Option<SpeakerPhrase> {
        let head = self.word(end)?;
        let span = self.span(start).cover(self.span(end));
        if start == end
            && let Some(kind) = lexicon::pronoun_kind(head)
        {
            return Some(SpeakerPhrase {
                span,
                kind: PhraseKind::Pronoun(kind),
                name: None,
                role: None,
            });
        }
        if self.is_name_word(end) {
            let run_start = self.name_run_start(end, start);
            // Titles lead the run ("US President Joe Biden"); the name is what follows the last one.
            let last_title = (run_start..=end).rev().find(|&index| {
                self.word(index)
                    .is_some_and(|word| lexicon::is_title_cue(word) || word == "of")
            });
            let mut name_start = last_title.map_or(run_start, |index| index + 1);
            while name_start <= end && self.is_punct(name_start, '.') {
                name_start += 1;
            }
            let first_role = (start..end.min(name_start))
                .find(|&index| self.word(index).is_some_and(|w| !lexicon::is_determiner(w)));
            let role = first_role
                .filter(|&first| first < name_start)
                .map(|first| self.span(first).cover(self.span(name_start - 1)));
            if name_start > end {
                // Only titles ("the US President"): a role to resolve, not a name.
                return Some(SpeakerPhrase {
                    span,
                    kind: PhraseKind::Nominal,
                    name: None,
                    role: Some(role.unwrap_or(span)),
                });
            }
            return Some(SpeakerPhrase {
                span,
                kind: PhraseKind::Name,
                name: Some(self.span(name_start).cover(self.span(end))),
                role,
            });
        }
        let kind = if lexicon::is_document_noun(head) {
            PhraseKind::Document
        } else if lexicon::is_role_noun(head)
            || self.word(start).is_some_and(lexicon::is_determiner)
            || self.is_possessive_name(start)
        {
            // Any noun after a determiner can speak ("the heckler yelled", "the investor said").
            PhraseKind::Nominal
        } else {
            return None;
        };
        let first = (start..=end)
            .find(|&index| self.word(index).is_some_and(|w| !lexicon::is_determiner(w)))
            .unwrap_or(start);
        Some(SpeakerPhrase {
            span,
            kind,
            name: None,
            role: Some(self.span(first).cover(self.span(end))),
        })
    }

    /// The noun phrase that ends at token `end`, not reaching before `low`.
    pub fn phrase_ending_at(&self, end: usize, low: usize) -> Option<SpeakerPhrase> {
        let head = self.word(end)?;
        if lexicon::pronoun_kind(head).is_some() {
            return self.phrase(end, end);
        }
        let known_head = lexicon::is_role_noun(head) || lexicon::is_document_noun(head);
        let mut start = if self.is_name_word(end) {
            self.name_run_start(end, low)
        } else if self.is_lower_word(end)
            && (known_head
                || (!lexicon::is_skippable(head)
                    && !lexicon::is_function_word(head)
                    // A participle is a verb here ("a website linked to …"), not a head noun.
                    && !head.ends_with("ed")
                    && !head.ends_with("ing")))
        {
            end
        } else {
            return None;
        };
        // Modifiers before the head: role nouns, adjectives, names, up to a determiner.
        while start > low && end - start < MAX_PHRASE_TOKENS {
            let before = start - 1;
            let Some(word) = self.word(before) else {
                break;
            };
            if lexicon::is_determiner(word) {
                start = before;
                break;
            }
            let modifier = if self.is_name_word(before) {
                true
            } else {
                self.is_lower_word(before)
                    && (!lexicon::is_skippable(word) || matches!(word, "first" | "former" | "late"))
                    && !lexicon::is_function_word(word)
                    && lexicon::speech_verb_lemma(word).is_none()
                    && !word.ends_with("ing")
                    && !word.ends_with("ed")
            };
            if !modifier {
                break;
            }
            start = before;
        }
        // An unknown common noun is a speaker only with its determiner ("the heckler") or a
        // possessive name ("Gowdy's office").
        if !self.is_name_word(end)
            && !known_head
            && !self.word(start).is_some_and(lexicon::is_determiner)
            && !self.is_possessive_name(start)
        {
            return None;
        }
        self.phrase(start, end)
    }

    /// The noun phrase that starts at token `start`, not reaching `high`.
    /// Returns the phrase and the index of its last token.
    pub fn phrase_starting_at(&self, start: usize, high: usize) -> Option<(SpeakerPhrase, usize)> {
        let first = self.word(start)?;
        if lexicon::pronoun_kind(first).is_some() {
            return self.phrase(start, start).map(|phrase| (phrase, start));
        }
        let mut end = start;
        let opens = lexicon::is_determiner(first)
            || self.is_name_word(start)
            || (self.is_lower_word(start) && lexicon::is_title_cue(first));
        if !opens
            && !(self.is_lower_word(start)
                && (lexicon::is_role_noun(first) || lexicon::is_document_noun(first)))
        {
            return None;
        }
        let mut last_head = None;
        let mut last_noun = None;
        while end < high && end - start < MAX_PHRASE_TOKENS {
            let Some(word) = self.word(end) else {
                if self.is_name_period(end) {
                    end += 1;
                    continue;
                }
                break;
            };
            let is_head = if self.is_name_word(end) {
                end = self.name_run_end(end, high);
                true
            } else if end == start && (lexicon::is_determiner(word) || lexicon::is_title_cue(word))
            {
                false
            } else if self.is_lower_word(end)
                && !lexicon::is_skippable(word)
                && !lexicon::is_function_word(word)
                && lexicon::speech_verb_lemma(word).is_none()
                && !(last_head.is_some() && word.ends_with("ed"))
            {
                last_noun = Some(end);
                lexicon::is_role_noun(word) || lexicon::is_document_noun(word)
            } else {
                break;
            };
            if is_head {
                last_head = Some(end);
            }
            end += 1;
        }
        // With no known head, a determiner phrase right before a speech verb is the speaker
        // ("the investor said"), as is one that closes an inverted attribution ("said the
        // designer, who …").
        let before_verb = self
            .word(end)
            .is_some_and(|word| lexicon::speech_verb_lemma(word).is_some());
        let closes = end >= high
            || self.is_punct(end, ',')
            || self.is_punct(end, '.')
            || self.is_punct(end, ';')
            || self.word(end) == Some("who");
        // A possessive name determines the nouns after it ("Gowdy's office assured").
        let possessive_head = last_head
            .filter(|&head| self.is_possessive_name(head))
            .and(last_noun)
            .filter(|&noun| last_head.is_some_and(|head| noun > head));
        let head = possessive_head.or(last_head).or(last_noun
            .filter(|_| lexicon::is_determiner(first) && (before_verb || closes)));
        head.and_then(|head| self.phrase(start, head).map(|phrase| (phrase, head)))
    }

    /// The speaker phrase after an inverted speech verb: `phrase_starting_at`, or lower-case
    /// modifiers before a name ("said conservative activist Bob Klaus").
    pub fn inverted_phrase_at(&self, start: usize, high: usize) -> Option<(SpeakerPhrase, usize)> {
        if let Some(found) = self.phrase_starting_at(start, high) {
            return Some(found);
        }
        let mut index = start;
        while index < high
            && index - start < 4
            && self.is_lower_word(index)
            && self.word(index).is_some_and(|word| {
                !lexicon::is_skippable(word)
                    && !lexicon::is_function_word(word)
                    && !lexicon::is_determiner(word)
                    && !lexicon::is_preposition(word)
                    && lexicon::speech_verb_lemma(word).is_none()
                    && lexicon::pronoun_kind(word).is_none()
            })
        {
            index += 1;
        }
        if index == start || !self.is_name_word(index) {
            return None;
        }
        let (_, last) = self.phrase_starting_at(index, high)?;
        let phrase = self.phrase(start, last)?;
        Some((phrase, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::tokens::tokenize;

    fn tokens(text: &str) -> Vec<Token> {
        tokenize(text, &[Span::new(0, text.len())], &[])
    }

    fn describe(text: &str, phrase: Option<SpeakerPhrase>) -> String {
        match phrase {
            None => "none".into(),
            Some(phrase) => format!(
                "{:?} {:?} name={:?} role={:?}",
                phrase.kind,
                phrase.span.slice(text),
                phrase.name.map(|span| span.slice(text)),
                phrase.role.map(|span| span.slice(text)),
            ),
        }
    }

    fn ending_before_last(text: &str) -> String {
        let tokens = tokens(text);
        let view = Tokens::new(text, &tokens);
        describe(text, view.phrase_ending_at(tokens.len() - 2, 0))
    }

    fn starting_at_second(text: &str) -> String {
        let tokens = tokens(text);
        let view = Tokens::new(text, &tokens);
        describe(
            text,
            view.phrase_starting_at(1, tokens.len())
                .map(|(phrase, _)| phrase),
        )
    }

    #[test]
    fn names_with_titles() {
        assert_eq!(
            ending_before_last("US Secretary of State Antony Blinken said"),
            "Name \"US Secretary of State Antony Blinken\" name=Some(\"Antony Blinken\") role=Some(\"US Secretary of State\")"
        );
        assert_eq!(
            ending_before_last("White House press secretary Jen Psaki said"),
            "Name \"White House press secretary Jen Psaki\" name=Some(\"Jen Psaki\") role=Some(\"White House press secretary\")"
        );
        assert_eq!(
            ending_before_last("so Mr. Holtz-Eakin added"),
            "Name \"Mr. Holtz-Eakin\" name=Some(\"Holtz-Eakin\") role=Some(\"Mr.\")"
        );
        assert_eq!(
            ending_before_last("that the Kremlin said"),
            "Name \"the Kremlin\" name=Some(\"Kremlin\") role=None"
        );
    }

    #[test]
    fn roles_pronouns_and_documents() {
        assert_eq!(
            ending_before_last("The spokesperson added"),
            "Nominal \"The spokesperson\" name=None role=Some(\"spokesperson\")"
        );
        assert_eq!(
            ending_before_last("Kremlin spokesperson added"),
            "Nominal \"Kremlin spokesperson\" name=None role=Some(\"Kremlin spokesperson\")"
        );
        assert_eq!(
            ending_before_last("US President had"),
            "Nominal \"US President\" name=None role=Some(\"US President\")"
        );
        assert_eq!(
            ending_before_last("then she said"),
            "Pronoun(Person) \"she\" name=None role=None"
        );
        assert_eq!(
            ending_before_last("the statement read"),
            "Document \"the statement\" name=None role=Some(\"statement\")"
        );
        assert_eq!(ending_before_last("deal said"), "none");
    }

    #[test]
    fn inverted_phrases_after_the_verb() {
        assert_eq!(
            starting_at_second("said the US President, while"),
            "Nominal \"the US President\" name=None role=Some(\"US President\")"
        );
        assert_eq!(
            starting_at_second("said the economist Jared Bernstein, a former"),
            "Name \"the economist Jared Bernstein\" name=Some(\"Jared Bernstein\") role=Some(\"economist\")"
        );
        assert_eq!(
            starting_at_second("added Blinken."),
            "Name \"Blinken\" name=Some(\"Blinken\") role=None"
        );
        assert_eq!(starting_at_second("said that it"), "none");
    }
}
