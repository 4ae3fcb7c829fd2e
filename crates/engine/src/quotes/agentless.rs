//! Agentless cues: words before a quote that say someone said, asked, called or chanted it
//! and name no one ("Blumenthal was asked, "…"", "what had been called the "Golden Week"",
//! "known online as "…"", "chants of "…""), and title verbs that name a work ("a book titled").

use super::lexicon;
use super::phrases::Tokens;
use super::sentence::sentence_around;
use super::tokens::TokenKind;

/// How far before a quote a passive speech or naming verb is looked for, in tokens.
pub const AGENTLESS_WINDOW: usize = 8;

impl Agentless {
    /// Whether the cue says the quote is someone's words while naming no one (not a title's or
    /// a scare quote's).
    pub fn names_a_speaker_unnamed(self) -> bool {
        matches!(self, Agentless::Passive | Agentless::Naming | Agentless::Crowd)
    }
}

/// How a quote's words are said to be someone's while no one is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agentless {
    /// A passive speech or naming verb: "was asked", "has been called", "is known as", "when
    /// asked".
    Passive,
    /// A naming participle after a noun: "a group called the …", "known online as".
    Naming,
    /// A crowd's chant or a sign: "chants of "…"", "signs of "…"", ""BERNIE!" chants".
    Crowd,
    /// A title verb: "a book titled "…"", "the ad, entitled "…"", "a group called the "…"".
    /// The quote names a work or a thing.
    Title,
    /// "so-called": the writer's own distance from the words, a scare quote.
    Distance,
}

/// Prepositions that introduce what a crowd chants or a sign says with no one named: "met
/// with chants of", "to chants of", "amid signs reading", "as the chants to".
const CROWD_PREPOSITIONS: [&str; 8] = ["with", "to", "of", "amid", "among", "as", "and", "from"];

/// Whether the crowd noun at `index` ("chants", "signs") is the crowd's words with no one
/// named: introduced by a preposition (past a determiner and up to two modifiers), and
/// followed by what says the words ("chants of", "signs reading", "chants:", or the quote).
/// "The crowd reprised the chant "…"", "supporters waved "…" signs" and "ran on the slogan
/// "…"" name who says them: the sentence's subject.
fn crowd_noun_at(view: Tokens, index: usize, quote: usize) -> bool {
    // A singular "cry", "shout" or "sign" is a noun only after a determiner ("and cry "…"" is
    // a verb).
    let plural = view.word(index).is_some_and(|word| word.ends_with('s'));
    let determined = index
        .checked_sub(1)
        .and_then(|before| view.word(before))
        .is_some_and(lexicon::is_determiner);
    if !plural && !determined {
        return false;
    }
    let introduces = index + 1 == quote
        || view.is_punct(index + 1, ':')
        || view.is_punct(index + 1, ',')
        || view.word(index + 1).is_some_and(|word| {
            matches!(
                word,
                "of" | "to" | "reading" | "saying" | "that" | "which" | "proclaiming" | "declaring"
            )
        });
    introduces && introduced_by_preposition(view, index)
}

/// Whether a preposition stands before the word at `index`, past a determiner and up to two
/// lower-case modifiers ("with chants", "to spontaneous chants", "and "…" chants").
fn introduced_by_preposition(view: Tokens, index: usize) -> bool {
    let mut at = index;
    for _ in 0..MODIFIERS_BEFORE_CROWD_NOUN + 1 {
        let Some(before) = at.checked_sub(1) else {
            return false;
        };
        let Some(word) = view.word(before) else {
            // Another quote before: `and "BERNIE!" chants` reads on past it.
            if matches!(
                view.tokens.get(before).map(|token| token.kind),
                Some(TokenKind::Quote(_))
            ) {
                at = before;
                continue;
            }
            return false;
        };
        let lower = lexicon::lower(word);
        if CROWD_PREPOSITIONS.contains(&lower.as_ref()) {
            return true;
        }
        let modifier = lexicon::is_determiner(&lower)
            || (view.is_lower_word(before)
                && !lower.ends_with("ed")
                && !lexicon::is_preposition(&lower)
                && !lexicon::is_function_word(&lower)
                && lexicon::pronoun_kind(&lower).is_none()
                && !lower.ends_with("'s")
                && !lower.ends_with("’s"));
        if !modifier {
            return false;
        }
        at = before;
    }
    false
}

/// How many modifiers may stand between a preposition and a crowd noun ("to spontaneous").
const MODIFIERS_BEFORE_CROWD_NOUN: usize = 2;

/// The agentless cue of the quote at `quote`, if it has one, and the token it is at: one
/// before the quote, or before the quote it is coordinated with (`known as "rabbit patches" or
/// "goat farms"`), or a crowd noun right after it (`loud jeers and "BERNIE!" chants`).
///
/// A quote is introduced by words that say someone said it and name no one (the cue
/// `names_a_speaker_unnamed`) after a passive speech or naming verb with no agent ("Blumenthal
/// was asked, "…"", "what had been called the "Golden Week"", "Pence was asked about the "…"
/// comment"), a naming participle after a noun ("many of them known as "rabbit patches"", "a
/// group called the "…""), or the chants and signs of a crowd ("chants of "…"", "signs of
/// "…""). A title verb ("a book titled "…"") names a work, not words someone said.
pub fn agentless_at(view: Tokens, quote: usize) -> Option<(Agentless, usize)> {
    if let Some(cue) = cue_before(view, quote) {
        return Some(cue);
    }
    if let Some(first) = coordinated_with(view, quote)
        && let Some(cue) = cue_before(view, first)
    {
        return Some(cue);
    }
    // A plural crowd noun right after the quote, introduced by a preposition (`drawing jeers
    // and "BERNIE!" chants`, not `waved "Girl Power" signs`), and not a verb with a subject
    // after it (`"…," cries the candidate`).
    view.word(quote + 1)
        .is_some_and(|word| lexicon::is_crowd_noun(word) && word.ends_with('s'))
        .then_some((Agentless::Crowd, quote + 1))
        .filter(|_| {
            !view.is_name_word(quote + 2)
                && view.word(quote + 2) != Some("the")
                && introduced_by_preposition(view, quote + 1)
        })
}

/// The quote that `quote` is coordinated with: `"…" or "…"`, `"…" or, simply, "…"`.
fn coordinated_with(view: Tokens, quote: usize) -> Option<usize> {
    let mut index = quote.checked_sub(1)?;
    let mut conjunction = false;
    for _ in 0..COORDINATION_WINDOW {
        match view.word(index) {
            Some(word) if matches!(word, "or" | "and") && !conjunction => conjunction = true,
            Some("simply" | "just" | "even" | "sometimes") => {}
            Some(_) => return None,
            None if view.is_punct(index, ',') => {}
            None => {
                let is_quote = matches!(
                    view.tokens.get(index).map(|token| token.kind),
                    Some(TokenKind::Quote(_))
                );
                return (is_quote && conjunction).then_some(index);
            }
        }
        index = index.checked_sub(1)?;
    }
    None
}

/// How many tokens may stand between two coordinated quotes ("or, simply,").
const COORDINATION_WINDOW: usize = 5;

/// Whether `word` makes the participle after it passive: a form of "be" or "get", or a
/// pronoun contracted with "is" ("she's seen as", "it's known as").
fn is_passive_auxiliary(word: &str) -> bool {
    if lexicon::is_passive_auxiliary(word) {
        return true;
    }
    let lower = lexicon::lower(word).replace('’', "'");
    lower.strip_suffix("'s").is_some_and(|base| {
        matches!(
            base,
            "it" | "he" | "she" | "that" | "what" | "who" | "there" | "which"
        )
    })
}

/// Title verbs: the quote after them is the name of a work or a thing, not words said.
fn is_title_verb(word: &str) -> bool {
    matches!(
        word,
        "titled" | "entitled" | "subtitled" | "headlined" | "named" | "renamed"
    )
}

/// Adverbs and time words that may stand between an auxiliary and its participle ("will
/// informally be dubbed", "was also asked").
fn is_inserted(view: Tokens, index: usize) -> bool {
    view.is_time_word(index)
        || view.word(index).is_some_and(|word| {
            (word.ends_with("ly") && word.len() > 4)
                || matches!(
                    word,
                    "also" | "often" | "widely" | "best" | "now" | "once" | "on" | "last" | "this"
                        | "yesterday" | "today" | "yet" | "again" | "still" | "never" | "not"
                        | "long" | "sometimes" | "even"
                )
        })
}

/// The agentless cue in the words before `quote`, within its sentence.
fn cue_before(view: Tokens, quote: usize) -> Option<(Agentless, usize)> {
    let (start, end) = sentence_around(view, quote);
    let low = quote.saturating_sub(AGENTLESS_WINDOW).max(start);
    let has_agent = (quote + 1..end).any(|after| view.word(after) == Some("by"));
    for index in (low..quote).rev() {
        let Some(word) = view.word(index) else {
            // A comma or colon may separate the verb from its quote ("was asked, "…"").
            if index + 1 == quote && (view.is_punct(index, ',') || view.is_punct(index, ':')) {
                continue;
            }
            return None;
        };
        let lower = lexicon::lower(word);
        if index + 3 >= quote && lexicon::is_crowd_noun(&lower) {
            return crowd_noun_at(view, index, quote).then_some((Agentless::Crowd, index));
        }
        // Only determiners and "as" between a title verb and its quote: "a book titled "…"",
        // "is titled "…"", "named as the "…"".
        let bare = || {
            (index + 1..quote).all(|between| {
                view.word(between).is_none_or(|word| {
                    lexicon::is_determiner(word)
                        || word == "as"
                        || (word.ends_with("ly") && word.len() > 4)
                        || word == "online"
                })
            })
        };
        if is_title_verb(&lower) {
            return bare().then_some((Agentless::Title, index));
        }
        // "so-called "…"" (or "so called") is the writer's own distance: a scare quote.
        let so_before = |at: usize| {
            view.word(at)
                .is_some_and(|word| matches!(lexicon::lower(word).as_ref(), "so" | "so-"))
        };
        if lower == "so-called"
            || (lower == "called"
                && index > start
                && (so_before(index - 1)
                    || (index > start + 1 && view.is_punct(index - 1, '-') && so_before(index - 2))))
        {
            return Some((Agentless::Distance, index));
        }
        let naming = lexicon::is_naming_participle(&lower);
        let speech = lexicon::speech_verb_lemma(&lower).is_some();
        if !naming && !speech {
            continue;
        }
        // An infinitive ("asked to confirm", "told to defend") leaves the verb before it to say
        // whose words these are.
        if index > start && view.word(index - 1) == Some("to") {
            continue;
        }
        let participle = naming
            || lower.ends_with("ed")
            || matches!(lower.as_ref(), "said" | "told" | "written");
        if !participle {
            // An active speech verb ("says", "saying") attributes the quote to its subject.
            return None;
        }
        if has_agent || (index + 1..quote).any(|between| view.word(between) == Some("by")) {
            return None;
        }
        let mut before = index;
        while before > start && is_inserted(view, before - 1) {
            before -= 1;
        }
        let previous = before.checked_sub(1).filter(|&previous| previous >= start);
        let previous_word = previous.and_then(|previous| view.word(previous));
        if previous_word.is_some_and(is_passive_auxiliary) {
            // "She opened up about being called "…"": whoever talks about it reports the
            // words, and the sentence's own speaker is theirs.
            let reported = previous_word.is_some_and(|word| lexicon::lower(word) == "being")
                && previous
                    .and_then(|previous| previous.checked_sub(1))
                    .and_then(|before| view.word(before))
                    .is_some_and(|word| lexicon::lower(word) == "about");
            return (!reported).then_some((Agentless::Passive, index));
        }
        // "When asked …", "if told …": a reduced passive after a subordinator.
        if previous_word.is_some_and(|word| {
            matches!(
                lexicon::lower(word).as_ref(),
                "when" | "if" | "once" | "unless" | "until" | "while" | "though" | "although"
            )
        }) {
            return Some((Agentless::Passive, index));
        }
        // Without an auxiliary only a naming participle right before its quote (past "the" and
        // "as") is a reduced passive: "a group called the …", "Lazar, 44, known online as …".
        // With an object it is active ("called the KKK "abhorrent""), and so it is after a name,
        // a pronoun, or, for "called", a comma ("Mitt Romney, called "…"").
        // A name, a pronoun, a relative or an auxiliary before the participle make it active
        // ("who Beck on Wednesday called", "which Trump had called a").
        let after_subject = previous.is_some_and(|previous| {
            view.is_name_word(previous)
                || view.word(previous).is_some_and(|word| {
                    lexicon::pronoun_kind(word).is_some()
                        || lexicon::is_auxiliary(word)
                        || matches!(word, "who" | "that" | "which" | "whom")
                })
                || (lower == "called" && view.is_punct(previous, ','))
        });
        if !naming || !bare() || after_subject {
            return None;
        }
        // After a noun, "called", "named" and "known as" give a thing its name ("a book called
        // "…"", "a group called the "…"", "the hacker known as "…""): a title, not words
        // someone said.
        let after_noun = previous_word.is_some_and(|word| {
            let lower = lexicon::lower(word);
            !lexicon::is_function_word(&lower)
                && !lexicon::is_determiner(&lower)
                && !lexicon::is_preposition(&lower)
                && lexicon::pronoun_kind(&lower).is_none()
                && !matches!(lower.as_ref(), "them" | "many" | "some" | "all" | "most" | "few")
        });
        let kind = if matches!(lower.as_ref(), "called" | "named" | "known") && after_noun {
            Agentless::Title
        } else {
            Agentless::Naming
        };
        return Some((kind, index));
    }
    None
}
