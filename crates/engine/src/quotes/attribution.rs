//! Attribution: the speech cue and the speaker phrase of one quote, read from its sentence.
//!
//! One mechanism covers the orders news uses: a speech verb (or cue phrase) is found next to the
//! quote or earlier in its sentence, and its speaker is the noun phrase before it (`X said`) or,
//! inverted, after it (`said X`). It knows tokens and the lexicons, not entities or names.

use crate::span::Span;

use super::lexicon;
use super::phrases::{PhraseKind, SpeakerPhrase, Tokens};
use super::agentless::{AGENTLESS_WINDOW, Agentless};
use super::sentence::{SENTENCE_WINDOW, quote_ends_sentence, sentence_around};
use super::tokens::{TokenKind, is_boundary};

/// How far back an appositive ("Garin, a Democratic pollster …, said") is read, in tokens.
const APPOSITIVE_WINDOW: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub phrase: SpeakerPhrase,
    /// The speech verb or phrase ("said", "according to", or the colon of a headline).
    pub cue: Option<Span>,
}

/// The lemma of the speech verb at `index`, unless a determiner makes it a noun ("a warning").
pub fn cue_verb(view: Tokens, index: usize) -> Option<&'static str> {
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
    // An auxiliary after the phrase ("after the man had posted") makes it a clause's subject,
    // and so does a subordinator before it.
    let auxiliary_between = (low..verb).any(|index| {
        view.span(index).start >= phrase.span.end
            && view.word(index).is_some_and(lexicon::is_auxiliary)
    });
    match first {
        Some(first)
            if first > low
                && !auxiliary_between
                && view.word(first - 1).is_some_and(|word| {
                    lexicon::is_preposition(word) && !lexicon::is_subordinator(word)
                })
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
        .or_else(|| relative_clause_head(view, last, low))
}

/// How far back a relative pronoun is looked for before a verb, in tokens.
const RELATIVE_WINDOW: usize = 15;

/// The noun phrase a relative clause ending at `last` depends on: "a White House official who
/// spoke anonymously to discuss internal strategy said" names the official.
fn relative_clause_head(view: Tokens, last: usize, low: usize) -> Option<SpeakerPhrase> {
    let floor = low.max(last.saturating_sub(RELATIVE_WINDOW));
    let relative = (floor..=last).rev().find(|&index| {
        view.word(index)
            .is_some_and(|word| matches!(word, "who" | "which"))
    })?;
    // The clause runs over words only: a comma or a quote between means another structure.
    if (relative + 1..=last).any(|index| view.word(index).is_none()) {
        return None;
    }
    let mut before = relative.checked_sub(1)?;
    if view.is_punct(before, ',') {
        before = before.checked_sub(1)?;
    }
    if before < low {
        return None;
    }
    view.phrase_ending_at(before, low)
}

/// Quotes of at most this many words may stand inside an appositive, as titles.
const TITLE_IN_APPOSITIVE_WORDS: usize = 6;

/// A party and state after a US politician's name: "R-Ky", "D-Mass", "I-Vt".
fn is_party_and_state(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(char::is_uppercase)
}

/// The subject of a verb preceded by a comma: the head of an appositive chain
/// ("Geoff Garin, a Democratic pollster, said"), or the phrase just before the comma.
fn appositive_subject(view: Tokens, comma: usize, low: usize) -> Option<SpeakerPhrase> {
    let mut floor = low.max(comma.saturating_sub(APPOSITIVE_WINDOW));
    // A leading adverbial ("In a statement to the Observer, her adviser, Jake Sullivan, said")
    // is not part of the chain.
    if view
        .word(low)
        .is_some_and(|word| lexicon::is_function_word(word) && !lexicon::is_determiner(word))
        && let Some(first_comma) = (low..comma).find(|&index| view.is_punct(index, ','))
    {
        floor = floor.max(first_comma + 1);
    }
    let mut leftmost = None;
    for index in (floor + 1..comma).rev() {
        // A long quotation ends the search; a short one is a title inside the appositive
        // ("Hemsley, the co-author of "Going Viral," said").
        if matches!(
            view.tokens.get(index).map(|t| t.kind),
            Some(TokenKind::Quote(_))
        ) && view.span(index).slice(view.text).split_whitespace().count() > TITLE_IN_APPOSITIVE_WORDS
        {
            break;
        }
        if !view.is_punct(index, ',') {
            continue;
        }
        let opens_appositive = view.word(index + 1).is_some_and(|word| {
            lexicon::is_determiner(word)
                || word.chars().next().is_some_and(char::is_lowercase)
                || word == "who"
                // "Holger Schmieding of Berenberg, Germany's largest private bank, warned"
                || view.is_possessive_name(index + 1)
                // "Sen. Rand Paul, R-Ky., told"
                || is_party_and_state(word)
        });
        if !opens_appositive {
            continue;
        }
        if let Some(phrase) = view
            .phrase_ending_at(index - 1, floor)
            .map(|phrase| head_before_preposition(view, phrase, floor))
            && matches!(
                phrase.kind,
                PhraseKind::Name | PhraseKind::Pronoun(_) | PhraseKind::Nominal
            )
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

/// The phrase a prepositional phrase ending in a common noun depends on, when it can speak:
/// "the judge in the case, which lasted seven days, said" names the judge, not the case; "the
/// head of Acme, which …" keeps the name.
fn head_before_preposition(view: Tokens, phrase: SpeakerPhrase, floor: usize) -> SpeakerPhrase {
    if matches!(phrase.kind, PhraseKind::Name | PhraseKind::Pronoun(_)) {
        return phrase;
    }
    let first = (floor..view.tokens.len())
        .take_while(|&index| view.span(index).start <= phrase.span.start)
        .find(|&index| view.span(index).start == phrase.span.start);
    let head = first
        .filter(|&first| first > floor + 1)
        .filter(|&first| {
            view.word(first - 1).is_some_and(|word| {
                lexicon::is_preposition(word) && !lexicon::is_subordinator(word)
            })
        })
        .and_then(|first| view.phrase_ending_at(first - 2, floor));
    match head {
        Some(head) if matches!(head.kind, PhraseKind::Name | PhraseKind::Nominal) => head,
        _ => phrase,
    }
}

/// The subject of the sentence: its first noun phrase followed by a verb-like word, past a
/// leading adverbial ("Early in his campaign, Trump attacked Romney, calling him …").
pub fn sentence_subject(view: Tokens, start: usize, end: usize) -> Option<SpeakerPhrase> {
    let mut index = start;
    // A leading adverbial ("Early in his campaign,") is skipped; a pronoun is the subject itself.
    if view
        .word(start)
        .is_some_and(|word| lexicon::is_function_word(word) && lexicon::pronoun_kind(word).is_none())
        && let Some(comma) = (start..end.min(start + 12)).find(|&i| view.is_punct(i, ','))
    {
        index = comma + 1;
    }
    while index < end && index - start < SENTENCE_WINDOW {
        // A subordinate clause ("even as shares of Valeant were tumbling,") has its own subject.
        let clause_start = index == start || view.is_punct(index - 1, ',');
        if clause_start
            && view.word(index).is_some_and(|word| {
                lexicon::is_subordinator(word)
                    || (word.eq_ignore_ascii_case("even")
                        && view.word(index + 1).is_some_and(lexicon::is_subordinator))
            })
            && let Some(comma) =
                (index + 1..end.min(index + SUBORDINATE_WINDOW)).find(|&i| view.is_punct(i, ','))
        {
            index = comma + 1;
            continue;
        }
        let Some((phrase, last)) = view.phrase_starting_at(index, end) else {
            index += 1;
            continue;
        };
        let possessive = view
            .word(last)
            .is_some_and(|word| word.ends_with("'s") || word.ends_with("’s"));
        if !possessive {
            if verb_follows(view, phrase, last + 1, end) {
                return Some(phrase);
            }
            // "Ségolène Royal, alluded" ends an appositive; "Royal, a minister, alluded" holds one.
            if view.is_punct(last + 1, ',') {
                let closing = (last + 2..end.min(last + 2 + APPOSITIVE_WINDOW / 3))
                    .find(|&i| view.is_punct(i, ','));
                let after_first = view.is_lower_word(last + 2)
                    && is_verb_form(view, skip_forward(view, last + 2, end));
                let after_closing = closing.is_some_and(|closing| {
                    view.is_lower_word(closing + 1)
                        && verb_follows(view, phrase, closing + 1, end)
                        && (last + 2..closing).all(|i| view.word(i).is_some() || view.is_punct(i, '.'))
                });
                if after_first || after_closing {
                    return Some(phrase);
                }
            }
        }
        index = last + 1;
    }
    None
}

/// Words a subordinate clause may run before its comma.
const SUBORDINATE_WINDOW: usize = 25;

/// A finite verb form: a speech verb, a past or third-person form, or an irregular past.
fn is_verb_form(view: Tokens, index: usize) -> bool {
    view.word(index).is_some_and(|word| {
        word.chars().next().is_some_and(char::is_lowercase)
            && !lexicon::is_function_word(word)
            && !lexicon::is_determiner(word)
            && (lexicon::speech_verb_lemma(word).is_some()
                || lexicon::is_auxiliary(word)
                || lexicon::is_irregular_past(word)
                || word.ends_with("ed")
                || (word.ends_with('s') && !word.ends_with("ss") && word.len() > 3))
    })
}

/// Whether a verb follows the phrase from `from` on (past adverbs and auxiliaries): a finite
/// form, or any lower-case word after an auxiliary or a plural or pronoun subject.
fn verb_follows(view: Tokens, phrase: SpeakerPhrase, from: usize, end: usize) -> bool {
    let next = skip_forward(view, from, end);
    let auxiliary = (from..next).any(|i| view.word(i).is_some_and(lexicon::is_auxiliary));
    let plural = matches!(phrase.kind, PhraseKind::Pronoun(_))
        || phrase.span.slice(view.text).ends_with('s');
    view.word(next).is_some_and(|word| {
        word.chars().next().is_some_and(char::is_lowercase)
            && !lexicon::is_function_word(word)
            && !lexicon::is_determiner(word)
            && (auxiliary || plural || is_verb_form(view, next))
    })
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

/// Whether a comma or colon at `index` (after adverbs) is followed by a quotation.
fn introduces_next_quote(view: Tokens, index: usize) -> bool {
    let index = skip_forward(view, index, view.tokens.len());
    (view.is_punct(index, ',') || view.is_punct(index, ':'))
        && matches!(
            view.tokens.get(index + 1).map(|token| token.kind),
            Some(TokenKind::Quote(_))
        )
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
    // An infinitive takes the subject of the clause it depends on ("He went on to say").
    if verb > start
        && view.word(verb - 1) == Some("to")
        && let Some(subject) = sentence_subject(view, start, verb - 1)
    {
        return Some(subject);
    }
    let inverted = (!lexicon::takes_addressee(lemma))
        .then(|| view.inverted_phrase_at(verb + 1, end))
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
/// `agentless` is the quote's agentless cue (`agentless_at`), read once by the caller.
pub fn attribute(
    view: Tokens,
    quote: usize,
    agentless: Option<(Agentless, usize)>,
) -> Option<Attribution> {
    let (start, end) = sentence_around(view, quote);
    // Words that say the quote was said, asked, called or chanted and name no one: only a
    // reporting clause before them speaks it ("Mr. Regalado said, Mr. Trump is seen as "…"");
    // a crowd's chant is the crowd's, whoever speaks after it ("to chants of "Marco!," the
    // senator said his campaign …").
    let agentless = agentless.filter(|(cue, _)| cue.names_a_speaker_unnamed());
    if let Some((cue, at)) = agentless {
        let spoken = |attribution: &Attribution| {
            attribution
                .cue
                .is_some_and(|cue| lexicon::speech_verb_lemma(cue.slice(view.text)).is_some())
        };
        // After a quote that ends its sentence only a bare `"…?" he asked.` speaks it, not
        // `"…?" He did not answer.`
        let bare = |attribution: &Attribution| {
            let phrase = attribution.phrase.span;
            !quote_ends_sentence(view, quote)
                || (quote + 1..end).all(|at| {
                    let span = view.span(at);
                    Some(span) == attribution.cue
                        || (span.start >= phrase.start && span.end <= phrase.end)
                        || view.is_punct(at, '.')
                })
        };
        if cue != Agentless::Crowd
            && let Some(attribution) = after_quote(view, quote, end)
                .or_else(|| later_in_sentence(view, quote, end))
                .filter(|attribution| spoken(attribution) && bare(attribution))
        {
            // `Freddy, as he was known, "…" Mr. Trump said.`
            return Some(attribution);
        }
        return (at < quote)
            .then(|| before_quote(view, at, start))
            .flatten();
    }
    // A speech verb right before the quote ("someone shouted, "Cruz," Beck joked") owns it.
    let introduced = quote >= 2
        && (view.is_punct(quote - 1, ',') || view.is_punct(quote - 1, ':'))
        && cue_verb(view, quote - 2).is_some();
    if introduced
        && agentless.is_none()
        && let Some(attribution) = before_quote(view, quote, start)
    {
        return Some(attribution);
    }
    if let Some(attribution) = after_quote(view, quote, end) {
        return Some(attribution);
    }
    if let Some(agent) = passive_agent(view, quote) {
        return Some(agent);
    }
    before_quote(view, quote, start)
        .or_else(|| later_in_sentence(view, quote, end))
        .or_else(|| signed_after(view, quote))
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
        let (phrase, last) = view.inverted_phrase_at(verb + 1, end)?;
        if ends_sentence && opens_clause(view, skip_forward(view, last + 1, end), end) {
            return None;
        }
        if ends_sentence && introduces_next_quote(view, last + 1) {
            return None;
        }
        return Some(Attribution {
            phrase,
            cue: Some(view.span(verb)),
        });
    }
    // `"…!" beamed Donald Hartley, who …`: an unknown past-tense verb, then a name that closes
    // the clause.
    if verb == next
        && is_any_verb(view, verb)
        && let Some((phrase, last)) = view.inverted_phrase_at(verb + 1, end)
        && phrase.kind == PhraseKind::Name
        && (last + 1 >= end || view.is_punct(last + 1, ',') || view.is_punct(last + 1, '.'))
    {
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
    // After a quote that ends its sentence, "Kasich said he would …" starts a new one, as does
    // "The company said its moves …": only a bare "X said." attributes the quote before it.
    if ends_sentence
        && (opens_clause(view, skip_forward(view, verb + 1, end), end)
            || view.word(skip_forward(view, verb + 1, end)).is_some())
    {
        return None;
    }
    if cue_verb(view, verb).is_none() && ends_sentence {
        return None;
    }
    // `"…?" He answered, "…"`: after a question, the verb introduces the next quote.
    if ends_sentence && introduces_next_quote(view, verb + 1) {
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
        // "with many marchers chanting": the phrase before the participle is its subject.
        let absolute = participle
            .then(|| index.checked_sub(1))
            .flatten()
            .filter(|&before| before > start && view.word(before).is_some())
            .and_then(|before| view.phrase_ending_at(before, start))
            .filter(|phrase| {
                let first = (start..index).find(|&i| view.span(i).start == phrase.span.start);
                first.is_some_and(|first| {
                    first > start
                        && view
                            .word(first - 1)
                            .is_some_and(|word| matches!(word, "with" | "as"))
                })
            });
        let phrase = if let Some(absolute) = absolute {
            Some(absolute)
        } else if participle {
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
        if let Some(phrase) = view.phrase_ending_at(quote - 2, start)
            && phrase.kind == PhraseKind::Name
            && view.span(start).start >= phrase.span.start
        {
            return Some(Attribution {
                phrase,
                cue: Some(view.span(quote - 1)),
            });
        }
        // A clause that introduces the quote with a colon speaks it ("the Daily News focuses on
        // how many people …: "…"").
        if let Some(phrase) = sentence_subject(view, start, quote - 1)
            && phrase.kind != PhraseKind::Document
        {
            return Some(Attribution {
                phrase,
                cue: Some(view.span(quote - 1)),
            });
        }
    }
    None
}

/// The agent of a passive speech or naming verb before the quote: "often labeled as a "witch
/// hunt" by Democrats", "derisively known by some Republicans as a "hug"".
pub fn passive_agent(view: Tokens, quote: usize) -> Option<Attribution> {
    let (start, end) = sentence_around(view, quote);
    let low = quote.saturating_sub(AGENTLESS_WINDOW).max(start);
    let verb = (low..quote).rev().find(|&index| {
        view.word(index).is_some_and(|word| {
            let lower = lexicon::lower(word);
            lexicon::is_naming_participle(&lower)
                || (lexicon::speech_verb_lemma(&lower).is_some() && lower.ends_with("ed"))
        })
    })?;
    let by = (verb + 1..end.min(quote + 4))
        .find(|&index| index != quote && view.word(index) == Some("by"))?;
    let (phrase, _) = view.phrase_starting_at(by + 1, end)?;
    if phrase.kind == PhraseKind::Document {
        return None;
    }
    Some(Attribution {
        phrase,
        cue: Some(view.span(verb)),
    })
}

/// A stand-alone quote signed in the next paragraph: `"…"` then `- Hillary Clinton.`
pub fn signed_after(view: Tokens, quote: usize) -> Option<Attribution> {
    let is_break = |index: usize| {
        view.tokens
            .get(index)
            .is_some_and(|token| token.kind == TokenKind::Break)
    };
    let mut next = quote + 1;
    if view.is_punct(next, '.') {
        next += 1;
    }
    if !is_break(next) {
        return None;
    }
    let dash = next + 1;
    if !(view.is_punct(dash, '-') || view.is_punct(dash, '—') || view.is_punct(dash, '–')) {
        return None;
    }
    let (phrase, last) = view.phrase_starting_at(dash + 1, view.tokens.len().min(dash + 12))?;
    let closes = last + 1 >= view.tokens.len()
        || is_break(last + 1)
        || (view.is_punct(last + 1, '.') && (last + 2 >= view.tokens.len() || is_break(last + 2)));
    (closes && phrase.kind == PhraseKind::Name).then_some(Attribution {
        phrase,
        cue: Some(view.span(dash)),
    })
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
    // The first word that counts decides: the rest need not be read.
    !(start..end)
        .filter(|&index| index != quote)
        .filter_map(|index| view.word(index))
        .any(|word| {
            let participle = word.ends_with("ing") && lexicon::speech_verb_lemma(word).is_some();
            !matches!(lexicon::lower(word).as_ref(), "and" | "but" | "so" | "or")
                && !lexicon::is_skippable(word)
                && !participle
        })
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

/// How far after a headline quote its lede is looked for, in tokens.
const LEDE_WINDOW: usize = 60;

/// The speaker of a headline quote named in the article's first sentence: `'We will not be
/// intimidated'` then `The Home Secretary, Amber Rudd, has said …`. The lede's first speech
/// verb and its subject, as in a quote's own sentence.
pub fn from_lede(view: Tokens, quote: usize) -> Option<Attribution> {
    let limit = view.tokens.len().min(quote + LEDE_WINDOW);
    let first_break = (quote + 1..limit).find(|&at| view.tokens[at].kind == TokenKind::Break)?;
    let lede = (first_break + 1..limit).find(|&at| view.tokens[at].kind != TokenKind::Break)?;
    let (start, end) = sentence_around(view, lede);
    (lede..end).find_map(|index| {
        let lemma = cue_verb(view, index)?;
        let phrase = speaker_of_verb(view, index, lemma, (start, end))?;
        (phrase.kind != PhraseKind::Document).then_some(Attribution {
            phrase,
            cue: Some(view.span(index)),
        })
    })
}
