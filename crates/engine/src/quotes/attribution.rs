//! Attribution: the speech cue and the speaker phrase of one quote, read from its sentence.
//!
//! One mechanism covers the orders news uses: a speech verb (or cue phrase) is found next to the
//! quote or earlier in its sentence, and its speaker is the noun phrase before it (`X said`) or,
//! inverted, after it (`said X`). It knows tokens and the lexicons, not entities or names.

use crate::span::Span;

use super::lexicon;
use super::phrases::{PhraseKind, SpeakerPhrase, Tokens};
use super::tokens::{TokenKind, is_boundary};

/// How far a sentence is read on each side of a quote, in tokens: keeps long texts linear.
const SENTENCE_WINDOW: usize = 80;
/// How far back an appositive ("Garin, a Democratic pollster …, said") is read, in tokens.
const APPOSITIVE_WINDOW: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub phrase: SpeakerPhrase,
    /// The speech verb or phrase ("said", "according to", or the colon of a headline).
    pub cue: Option<Span>,
}

/// The token range `[start, end)` of the sentence around token `index`, quotes counting as words.
pub fn sentence_around(view: Tokens, index: usize) -> (usize, usize) {
    let mut start = index;
    while start > 0
        && index - start < SENTENCE_WINDOW
        && !is_boundary(view.text, view.tokens, start - 1)
        && !ends_sentence_before(view, start - 1)
    {
        start -= 1;
    }
    let mut end = index + 1;
    while end < view.tokens.len()
        && end - index < SENTENCE_WINDOW
        && !is_boundary(view.text, view.tokens, end)
    {
        end += 1;
    }
    (start, end)
}

/// Whether token `index` is a quote that ends its sentence and a new one starts after it
/// (`… called the lines "unacceptable." Phoenix Mayor Greg Stanton wrote …`).
fn ends_sentence_before(view: Tokens, index: usize) -> bool {
    matches!(
        view.tokens.get(index).map(|token| token.kind),
        Some(TokenKind::Quote(_))
    ) && quote_ends_sentence(view, index)
        && view
            .word(index + 1)
            .is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase))
}

/// The lemma of the speech verb at `index`, unless a determiner makes it a noun ("a warning").
fn cue_verb(view: Tokens, index: usize) -> Option<&'static str> {
    let word = view.word(index)?;
    let sentence_initial = index == 0 || is_boundary(view.text, view.tokens, index - 1);
    if !sentence_initial && !word.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let lemma = lexicon::speech_verb_lemma(word)?;
    // "a warning", "his remarks", "a thunderous chant": a determiner or possessive before it,
    // with at most one adjective between, makes the word a noun.
    let determines = |before: &str| {
        lexicon::is_determiner(before) || before.ends_with("'s") || before.ends_with("’s")
    };
    let one_before = index.checked_sub(1).and_then(|before| view.word(before));
    let two_before = index.checked_sub(2).and_then(|before| view.word(before));
    let noun_use = one_before.is_some_and(determines)
        || (lexicon::is_nounlike(lemma)
            && !word.ends_with("ed")
            && !word.ends_with("ing")
            && one_before.is_some_and(|adjective| {
                adjective.chars().all(char::is_lowercase)
                    && !lexicon::is_skippable(adjective)
                    && lexicon::speech_verb_lemma(adjective).is_none()
                    && !adjective.ends_with("ed")
            })
            && two_before.is_some_and(determines));
    (!noun_use).then_some(lemma)
}

/// The length in tokens of the cue phrase starting at `index` ("according to").
fn cue_phrase(view: Tokens, index: usize) -> Option<usize> {
    lexicon::CUE_PHRASES.iter().find_map(|phrase| {
        phrase
            .iter()
            .enumerate()
            .all(|(offset, expected)| {
                view.word(index + offset)
                    .is_some_and(|word| word.eq_ignore_ascii_case(expected))
            })
            .then_some(phrase.len())
    })
}

/// Skips words that may stand between a speaker and the verb, backwards from `end` (exclusive).
fn skip_back(view: Tokens, mut end: usize, low: usize) -> usize {
    loop {
        if end > low
            && (view
                .word(end - 1)
                .is_some_and(|word| lexicon::is_skippable(word) && !view.is_name_word(end - 1))
                || view.is_time_word(end - 1))
        {
            end -= 1;
            continue;
        }
        if end > low && view.is_punct(end - 1, ')') {
            let open = (low..end - 1)
                .rev()
                .take(12)
                .find(|&index| view.is_punct(index, '('));
            if let Some(open) = open {
                end = open;
                continue;
            }
        }
        return end;
    }
}

/// Skips the same words forwards from `start`.
fn skip_forward(view: Tokens, mut start: usize, high: usize) -> usize {
    while start < high
        && (view
            .word(start)
            .is_some_and(|word| lexicon::is_skippable(word) && !view.is_name_word(start))
            || view.is_time_word(start))
    {
        start += 1;
    }
    start
}

/// The subject of the verb at `verb`: the noun phrase before it, past adverbs and appositives.
fn subject_before(view: Tokens, verb: usize, low: usize) -> Option<SpeakerPhrase> {
    subject_before_within(view, verb, low, 2)
}

/// `subject_before`, skipping at most `adverbials` prepositional phrases between the subject
/// and the verb ("Trump in his announcement speech called").
fn subject_before_within(
    view: Tokens,
    verb: usize,
    low: usize,
    adverbials: usize,
) -> Option<SpeakerPhrase> {
    let phrase = direct_subject(view, verb, low)?;
    if adverbials == 0 {
        return Some(phrase);
    }
    let first = (low..verb)
        .rev()
        .take(SENTENCE_WINDOW)
        .find(|&index| view.span(index).start == phrase.span.start);
    match first {
        Some(first)
            if first > low
                && view.word(first - 1).is_some_and(lexicon::is_preposition)
                && !matches!(phrase.kind, PhraseKind::Pronoun(_)) =>
        {
            subject_before_within(view, first - 1, low, adverbials - 1)
        }
        _ => Some(phrase),
    }
}

fn direct_subject(view: Tokens, verb: usize, low: usize) -> Option<SpeakerPhrase> {
    let end = skip_back(view, verb, low);
    if end == low {
        return None;
    }
    let last = end - 1;
    if view.is_punct(last, ',') {
        return appositive_subject(view, last, low);
    }
    // A coordinated verb shares the subject of the clause: "Cruz knocked Rubio and called him".
    if view
        .word(last)
        .is_some_and(|word| matches!(word, "and" | "but" | "then"))
    {
        return sentence_subject(view, low, last);
    }
    if view.word(last).is_some_and(|word| word == "who") && last > low {
        let mut before = last - 1;
        if view.is_punct(before, ',') && before > low {
            before -= 1;
        }
        return view.phrase_ending_at(before, low);
    }
    view.phrase_ending_at(last, low)
}

/// The subject of a verb preceded by a comma: the head of an appositive chain
/// ("Geoff Garin, a Democratic pollster, said"), or the phrase just before the comma.
fn appositive_subject(view: Tokens, comma: usize, low: usize) -> Option<SpeakerPhrase> {
    let mut floor = low.max(comma.saturating_sub(APPOSITIVE_WINDOW));
    // A leading adverbial ("In a statement to the Observer, her adviser, Jake Sullivan, said")
    // is not part of the chain.
    if view.word(low).is_some_and(lexicon::is_function_word)
        && let Some(first_comma) = (low..comma).find(|&index| view.is_punct(index, ','))
    {
        floor = floor.max(first_comma + 1);
    }
    let mut leftmost = None;
    for index in (floor + 1..comma).rev() {
        if matches!(
            view.tokens.get(index).map(|t| t.kind),
            Some(TokenKind::Quote(_))
        ) {
            break;
        }
        if !view.is_punct(index, ',') {
            continue;
        }
        let opens_appositive = view.word(index + 1).is_some_and(|word| {
            lexicon::is_determiner(word)
                || word.chars().next().is_some_and(char::is_lowercase)
                || word == "who"
        });
        if !opens_appositive {
            continue;
        }
        if let Some(phrase) = view.phrase_ending_at(index - 1, floor)
            && matches!(phrase.kind, PhraseKind::Name | PhraseKind::Pronoun(_))
        {
            leftmost = Some(phrase);
        }
    }
    leftmost.or_else(|| {
        let end = skip_back(view, comma, low);
        end.checked_sub(1)
            .filter(|&before| before >= low)
            .and_then(|before| view.phrase_ending_at(before, low))
    })
}

/// The subject of the sentence: its first noun phrase followed by a verb-like word, past a
/// leading adverbial ("Early in his campaign, Trump attacked Romney, calling him …").
fn sentence_subject(view: Tokens, start: usize, end: usize) -> Option<SpeakerPhrase> {
    let mut index = start;
    if view.word(start).is_some_and(lexicon::is_function_word)
        && let Some(comma) = (start..end.min(start + 12)).find(|&i| view.is_punct(i, ','))
    {
        index = comma + 1;
    }
    while index < end && index - start < SENTENCE_WINDOW {
        let Some((phrase, last)) = view.phrase_starting_at(index, end) else {
            index += 1;
            continue;
        };
        let possessive = view
            .word(last)
            .is_some_and(|word| word.ends_with("'s") || word.ends_with("’s"));
        let next = skip_forward(view, last + 1, end);
        let verb_like = !possessive
            && view.word(next).is_some_and(|word| {
                word.chars().next().is_some_and(char::is_lowercase)
                    && !lexicon::is_function_word(word)
                    && !lexicon::is_determiner(word)
            });
        if verb_like {
            return Some(phrase);
        }
        index = last + 1;
    }
    None
}

/// Whether a verb-like word follows a speaker phrase: a known speech verb, or an unknown verb
/// in the past tense or present third person ("fumed", "quips") right after a quote.
fn is_any_verb(view: Tokens, index: usize) -> bool {
    cue_verb(view, index).is_some()
        || view.word(index).is_some_and(|word| {
            word.chars().all(|c| c.is_lowercase() || c == '-')
                && word.len() > 3
                && (word.ends_with("ed") || word.ends_with("es"))
                && !lexicon::is_skippable(word)
        })
}

/// Whether the quoted text ends a sentence of its own ("…." or "…?" before the closing mark).
fn quote_ends_sentence(view: Tokens, quote: usize) -> bool {
    let quoted = view.span(quote).slice(view.text);
    let inner = quoted
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»'));
    inner.ends_with(['.', '!', '?', '…'])
}

/// Whether the words after a verb open a clause of their own ("said he would"), which makes
/// the verb the start of a new sentence rather than the attribution of the quote before it.
fn opens_clause(view: Tokens, after_verb: usize, end: usize) -> bool {
    if after_verb >= end {
        return false;
    }
    view.word(after_verb).is_some_and(|word| {
        word == "that" || lexicon::pronoun_kind(word).is_some() || view.is_name_word(after_verb)
    })
}

/// The speaker of the verb at `verb` (`X said`, or `said X` when the verb allows inversion).
fn speaker_of_verb(
    view: Tokens,
    verb: usize,
    lemma: &str,
    (start, end): (usize, usize),
) -> Option<SpeakerPhrase> {
    let inverted = (!lexicon::takes_addressee(lemma))
        .then(|| view.phrase_starting_at(verb + 1, end))
        .flatten()
        .map(|(phrase, last)| with_appositive_name(view, phrase, last, end));
    // `…, said Kunin.`: after a comma, a phrase that closes the clause is the inverted subject.
    if let Some((phrase, last)) = inverted
        && verb > start
        && view.is_punct(verb - 1, ',')
        && (last + 1 >= end || view.is_punct(last + 1, ',') || view.is_punct(last + 1, '.'))
    {
        let _ = last;
        return Some(phrase);
    }
    if let Some(subject) = subject_before(view, verb, start) {
        return Some(subject);
    }
    inverted.map(|(phrase, _)| phrase)
}

/// Prefers the name in apposition to a role after a verb: `said his best friend at Lehigh,
/// Bruce Turry, who …` names Bruce Turry. Returns the phrase and its last token.
fn with_appositive_name(
    view: Tokens,
    phrase: SpeakerPhrase,
    last: usize,
    end: usize,
) -> (SpeakerPhrase, usize) {
    if phrase.kind != PhraseKind::Nominal {
        return (phrase, last);
    }
    let mut next = last + 1;
    // A short prepositional phrase ("at Lehigh", "for the campaign") may come first.
    if view
        .word(next)
        .is_some_and(|word| matches!(word, "at" | "for" | "of" | "from" | "with" | "in"))
    {
        next = (next + 1..end.min(next + 6))
            .find(|&index| view.is_punct(index, ','))
            .unwrap_or(next);
    }
    if view.is_punct(next, ',')
        && let Some((name, name_last)) = view.phrase_starting_at(next + 1, end)
        && name.kind == PhraseKind::Name
    {
        return (name, name_last);
    }
    (phrase, last)
}

/// Attributes the quote at token `quote` from its own sentence, or returns `None`.
pub fn attribute(view: Tokens, quote: usize) -> Option<Attribution> {
    let (start, end) = sentence_around(view, quote);
    after_quote(view, quote, end)
        .or_else(|| before_quote(view, quote, start))
        .or_else(|| later_in_sentence(view, quote, end))
}

/// `"…," X said` / `"…," said X` / `"…": X` / `"…," according to X`.
fn after_quote(view: Tokens, quote: usize, end: usize) -> Option<Attribution> {
    let mut next = quote + 1;
    while next < end
        && ['(', ',', '—', '–', '-']
            .iter()
            .any(|&c| view.is_punct(next, c))
    {
        next += 1;
    }
    if next >= end {
        return None;
    }
    // `"…," X said` and `"…" said X` need a quote that ends its clause (a comma, a question or
    // exclamation mark, a comma after it) or opens the sentence; a quote inside running
    // text ("the “kind of problems” Sanders had answering") is followed by its own sentence.
    let quoted = view.span(quote).slice(view.text);
    let inner = quoted
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»'));
    let (sentence_start, _) = sentence_around(view, quote);
    let closes_clause = inner.ends_with([',', '?', '!', '.', '—', '-', '…'])
        || next > quote + 1
        || sentence_start == quote;
    if view.is_punct(next, ':') {
        let (phrase, last) = view.phrase_starting_at(next + 1, end)?;
        if phrase.kind == PhraseKind::Document {
            return None;
        }
        let verb = skip_forward(view, last + 1, end);
        let cue = if cue_verb(view, verb).is_some() {
            view.span(verb)
        } else {
            view.span(next)
        };
        return Some(Attribution {
            phrase,
            cue: Some(cue),
        });
    }
    if let Some(length) = cue_phrase(view, next) {
        let (phrase, _) = view.phrase_starting_at(next + length, end)?;
        return Some(Attribution {
            phrase,
            cue: Some(view.span(next).cover(view.span(next + length - 1))),
        });
    }
    if !closes_clause {
        return None;
    }
    let ends_sentence = quote_ends_sentence(view, quote);
    let verb = skip_forward(view, next, end);
    if let Some(lemma) = cue_verb(view, verb) {
        if lexicon::takes_addressee(lemma) {
            return None;
        }
        let (phrase, last) = view.phrase_starting_at(verb + 1, end)?;
        if ends_sentence && opens_clause(view, skip_forward(view, last + 1, end), end) {
            return None;
        }
        return Some(Attribution {
            phrase,
            cue: Some(view.span(verb)),
        });
    }
    let (phrase, last) = view.phrase_starting_at(next, end)?;
    let mut verb = skip_forward(view, last + 1, end);
    if view.is_punct(verb, ',') {
        // An appositive between the speaker and the verb: "…," Garin, a pollster, said.
        verb = (verb + 1..end.min(verb + APPOSITIVE_WINDOW))
            .find(|&index| view.is_punct(index - 1, ',') && cue_verb(view, index).is_some())?;
    }
    if !is_any_verb(view, verb) {
        return None;
    }
    // After a quote that ends its sentence, "Kasich said he would …" starts a new one.
    if ends_sentence && opens_clause(view, skip_forward(view, verb + 1, end), end) {
        return None;
    }
    if cue_verb(view, verb).is_none() && ends_sentence {
        return None;
    }
    Some(Attribution {
        phrase,
        cue: Some(view.span(verb)),
    })
}

/// `X said, "…"` / `X said that … "partial" …` / `According to X, "…"` / `X: "…"`.
fn before_quote(view: Tokens, quote: usize, start: usize) -> Option<Attribution> {
    for index in (start..quote).rev() {
        if let Some(length) = cue_phrase(view, index) {
            if let Some((phrase, _)) = view.phrase_starting_at(index + length, quote) {
                return Some(Attribution {
                    phrase,
                    cue: Some(view.span(index).cover(view.span(index + length - 1))),
                });
            }
            continue;
        }
        let Some(lemma) = cue_verb(view, index) else {
            continue;
        };
        let participle = view.word(index).is_some_and(|word| word.ends_with("ing"));
        let phrase = if participle {
            // A participle ("…, saying") takes the subject of the sentence.
            sentence_subject(view, start, index)
                .or_else(|| speaker_of_verb(view, index, lemma, (start, quote)))
        } else {
            speaker_of_verb(view, index, lemma, (start, quote))
        };
        if let Some(phrase) = phrase {
            return Some(Attribution {
                phrase,
                cue: Some(view.span(index)),
            });
        }
    }
    // A speaker and any verb before a colon: `Kasich resisted: "…"`.
    if quote >= 2 && view.is_punct(quote - 1, ':') && is_any_verb(view, quote - 2)
        && let Some(phrase) = subject_before(view, quote - 2, start) {
            return Some(Attribution {
                phrase,
                cue: Some(view.span(quote - 2)),
            });
        }
    // A headline or transcript speaker: `Trump: "…"`.
    if quote >= 2 && view.is_punct(quote - 1, ':') {
        let phrase = view.phrase_ending_at(quote - 2, start)?;
        if phrase.kind == PhraseKind::Name && view.span(start).start >= phrase.span.start {
            return Some(Attribution {
                phrase,
                cue: Some(view.span(quote - 1)),
            });
        }
    }
    None
}

/// `"…" is how Trump described it`: a cue later in the sentence with its subject after the quote.
fn later_in_sentence(view: Tokens, quote: usize, end: usize) -> Option<Attribution> {
    if quote_ends_sentence(view, quote) {
        return None;
    }
    (quote + 1..end).find_map(|index| {
        let lemma = cue_verb(view, index)?;
        let phrase = speaker_of_verb(view, index, lemma, (quote + 1, end))?;
        Some(Attribution {
            phrase,
            cue: Some(view.span(index)),
        })
    })
}

/// Whether the quote is a sentence of its own: no words around it but conjunctions and
/// adverbs (words after a quote that ends with a period begin the next sentence).
pub fn stands_alone(view: Tokens, quote: usize) -> bool {
    let (start, end) = sentence_around(view, quote);
    let end = if quote_ends_sentence(view, quote) {
        quote + 1
    } else {
        end
    };
    let words_outside = (start..end)
        .filter(|&index| index != quote)
        .filter_map(|index| view.word(index))
        .filter(|word| {
            let participle = word.ends_with("ing") && lexicon::speech_verb_lemma(word).is_some();
            !matches!(lexicon::lower(word).as_ref(), "and" | "but" | "so" | "or")
                && !lexicon::is_skippable(word)
                && !participle
        })
        .count();
    words_outside == 0
}

/// The speaker of the sentence before the one holding `quote` (same or previous paragraph),
/// for a quote that stands alone after it: `Howard continued his remarks.` then the quote.
pub fn from_previous_sentence(view: Tokens, quote: usize) -> Option<Attribution> {
    let (start, _) = sentence_around(view, quote);
    let mut boundary = start.checked_sub(1)?;
    if view
        .tokens
        .get(boundary)
        .is_some_and(|t| t.kind == TokenKind::Break)
    {
        boundary = boundary.checked_sub(1)?;
    }
    let (previous_start, _) = sentence_around(view, boundary);
    let attribution = before_quote(view, boundary + 1, previous_start)?;
    Some(Attribution {
        phrase: attribution.phrase,
        cue: None,
    })
}

/// The subject of the sentence around an embedded quote with no speech cue
/// ("Rubio also bemoaned the climate in which people “literally hate each other”"),
/// or the speaker named before a headline colon ("Carson: Cruz taking 'Benghazi' approach").
pub fn from_sentence_subject(view: Tokens, quote: usize) -> Option<Attribution> {
    let (start, end) = sentence_around(view, quote);
    if let Some((phrase, last)) = view.phrase_starting_at(start, quote)
        && view.is_punct(last + 1, ':')
    {
        return Some(Attribution {
            phrase,
            cue: Some(view.span(last + 1)),
        });
    }
    let phrase = sentence_subject(view, start, quote.min(end))?;
    Some(Attribution { phrase, cue: None })
}

/// The attribution of an introducing clause that ends with a colon just before `quote`
/// (`He listed the qualities:` then the quote, possibly in the next paragraph).
pub fn introduced_by_colon(view: Tokens, quote: usize) -> Option<Attribution> {
    let mut before = quote.checked_sub(1)?;
    if view
        .tokens
        .get(before)
        .is_some_and(|t| t.kind == TokenKind::Break)
    {
        before = before.checked_sub(1)?;
    }
    if !view.is_punct(before, ':') {
        return None;
    }
    let (start, _) = sentence_around(view, before);
    before_quote(view, before + 1, start).or_else(|| {
        // `He then listed the qualities …:` introduces what its subject says.
        let phrase = sentence_subject(view, start, before)?;
        Some(Attribution {
            phrase,
            cue: Some(view.span(before)),
        })
    })
}
