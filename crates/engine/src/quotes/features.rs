//! The features the learned models read about one quotation: its words, its marks, the words
//! around it, where it stands in the article, and what the attribution rules found.
//!
//! Every feature is a short name (`len=3`, `prev=called`, `alone`); the models in `model.rs` weigh
//! them. Each feature reads a bounded window of tokens, so the cost per quote is constant.

use super::agentless;
use super::attribution::{self, Attribution};
use super::sentence;
use super::classify;
use super::lexicon;
use super::marks::MarkedQuote;
use super::model::Features;
use super::phrases::{PhraseKind, Tokens};
use super::tokens::TokenKind;

/// What the features of a quote may read: the tokens and every quote's place among them.
#[derive(Clone, Copy)]
pub struct QuoteContext<'a> {
    pub view: Tokens<'a>,
    pub quotes: &'a [MarkedQuote],
    pub token_of_quote: &'a [Option<usize>],
    /// Whether each quote stands in the headline or a heading.
    pub in_heading: &'a [bool],
    /// Each quote's agentless cue and the token it is at (`agentless::agentless_at`).
    pub agentless: &'a [Option<(agentless::Agentless, usize)>],
}

/// How many tokens before a quote are searched for a passive speech or naming verb.
const PASSIVE_WINDOW: usize = 6;

fn bucket(count: usize) -> &'static str {
    match count {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=9 => "6-9",
        10..=19 => "10-19",
        _ => "20+",
    }
}

/// The name of a token for lexical features: the lower-case word, the punctuation character,
/// `QUOTE` for another quotation, `BREAK` for a paragraph break, `NONE` past either end.
fn token_name(view: Tokens, index: Option<usize>) -> String {
    let Some(token) = index.and_then(|index| view.tokens.get(index)) else {
        return "NONE".to_string();
    };
    match token.kind {
        TokenKind::Word => {
            let word = token.span.slice(view.text);
            if word.chars().all(|c| c.is_ascii_digit()) {
                "NUM".to_string()
            } else {
                lexicon::lower(word).into_owned()
            }
        }
        TokenKind::Punct(c) => c.to_string(),
        TokenKind::Quote(_) => "QUOTE".to_string(),
        TokenKind::Break => "BREAK".to_string(),
    }
}

/// A coarse class of a token: what kind of word or mark stands next to a quote.
fn token_class(view: Tokens, index: Option<usize>) -> &'static str {
    let Some(token) = index.and_then(|index| view.tokens.get(index)) else {
        return "none";
    };
    match token.kind {
        TokenKind::Break => "break",
        TokenKind::Quote(_) => "quote",
        TokenKind::Punct(c) => match c {
            ',' => "comma",
            ':' => "colon",
            '.' | '!' | '?' => "stop",
            '(' | ')' | '[' | ']' => "paren",
            '—' | '–' | '-' => "dash",
            _ => "punct",
        },
        TokenKind::Word => {
            let word = token.span.slice(view.text);
            let lower = lexicon::lower(word);
            if lexicon::is_determiner(&lower) {
                "determiner"
            } else if lower == "as" {
                "as"
            } else if lexicon::is_preposition(&lower) {
                "preposition"
            } else if lexicon::speech_verb_lemma(&lower).is_some() {
                "speech_verb"
            } else if lexicon::is_naming_participle(&lower) {
                "naming"
            } else if lexicon::pronoun_kind(&lower).is_some() {
                "pronoun"
            } else if word.ends_with("'s") || word.ends_with("’s") {
                "possessive"
            } else if word.chars().next().is_some_and(char::is_uppercase) {
                "capitalised"
            } else {
                "word"
            }
        }
    }
}

const FIRST_PERSON: [&str; 12] = [
    "i", "we", "me", "my", "our", "us", "i'm", "we're", "i've", "we've", "i'll", "we'll",
];
const SECOND_PERSON: [&str; 4] = ["you", "your", "you're", "you've"];
const AUXILIARIES: [&str; 26] = [
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "have", "has",
    "had", "do", "does", "did", "don't", "can't", "won't", "not", "be", "been", "am", "it's",
    "that's", "there's",
];
/// Forms of "be" and "get" that make a following participle passive ("was asked").
const PASSIVE_AUXILIARIES: [&str; 10] = [
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets",
];
/// Participles that name or label without a speaker ("known as", "dubbed", "titled").
const NAMING_PARTICIPLES: [&str; 16] = [
    "known",
    "called",
    "dubbed",
    "titled",
    "entitled",
    "nicknamed",
    "labeled",
    "labelled",
    "billed",
    "named",
    "termed",
    "branded",
    "designated",
    "marked",
    "described",
    "considered",
];

/// A quoted word as the word lists spell it: lower case, without the punctuation around it, with
/// a straight apostrophe. Lower-cased on the stack (`lexicon::lower`) and copied only for a
/// curly apostrophe: a long quote has hundreds of words, each read on every analysis.
fn with_normalised_word<T>(word: &str, read: impl FnOnce(&str) -> T) -> T {
    let lowered =
        lexicon::lower(word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'));
    if lowered.contains('’') {
        read(&lowered.replace('’', "'"))
    } else {
        read(&lowered)
    }
}

/// What the quoted words hold, read in one pass over them.
#[derive(Default)]
struct QuotedWords {
    first_person: bool,
    second_person: bool,
    auxiliary: bool,
    speech_verb: bool,
    /// The first word, normalised.
    first: Option<String>,
}

impl QuotedWords {
    fn read(words: &[&str]) -> QuotedWords {
        let mut read = QuotedWords::default();
        for (index, word) in words.iter().enumerate() {
            with_normalised_word(word, |word| {
                // Each list is looked up only until one word is found in it.
                read.first_person = read.first_person || FIRST_PERSON.contains(&word);
                read.second_person = read.second_person || SECOND_PERSON.contains(&word);
                read.auxiliary = read.auxiliary || AUXILIARIES.contains(&word);
                read.speech_verb =
                    read.speech_verb || lexicon::speech_verb_lemma(word).is_some();
                if index == 0 {
                    read.first = Some(word.to_string());
                }
            });
        }
        read
    }
}

/// Features of the quoted words alone.
fn content_features(features: &mut Features, text: &str, quote: &MarkedQuote) {
    let content = quote.content();
    let quoted = content.slice(text).trim();
    let words: Vec<&str> = quoted.split_whitespace().collect();
    features.add_value("len", bucket(words.len()));
    features.add_value("chars", bucket(quoted.chars().count() / 8));
    let first = quoted.chars().find(|c| c.is_alphanumeric());
    features.add(match first {
        Some(c) if c.is_uppercase() => "first=upper",
        Some(c) if c.is_lowercase() => "first=lower",
        Some(_) => "first=digit",
        None => "first=none",
    });
    let last = quoted.chars().last();
    features.add(match last {
        Some('.') => "last=.",
        Some(',') => "last=,",
        Some('!') => "last=!",
        Some('?') => "last=?",
        Some('…' | '-' | '—' | ';' | ':') => "last=dash",
        Some(c) if c.is_alphanumeric() => "last=word",
        _ => "last=other",
    });
    let inner_sentence = quoted
        .char_indices()
        .any(|(index, c)| matches!(c, '.' | '?' | '!') && index + 1 < quoted.len() && {
            let rest = &quoted[index + c.len_utf8()..];
            rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase)
        });
    features.flag("inner_sentence", inner_sentence);
    let read = QuotedWords::read(&words);
    features.flag("person1", read.first_person);
    features.flag("person2", read.second_person);
    features.flag("auxiliary", read.auxiliary);
    features.flag("speech_verb_inside", read.speech_verb);
    features.flag("at_or_hash", quoted.contains(['@', '#']));
    features.flag("url", quoted.contains("http") || quoted.contains("www."));
    features.flag(
        "numeric",
        !quoted.is_empty()
            && quoted
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | ':' | '.')),
    );
    features.flag("title_case", classify::is_title(text, content));
    let letters = quoted.chars().filter(|c| c.is_alphabetic()).count();
    features.flag(
        "all_caps",
        letters > 1 && !quoted.chars().any(char::is_lowercase),
    );
    let capitalised = words
        .iter()
        .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
        .count();
    if !words.is_empty() {
        features.add_count("caps_share", capitalised * 4 / words.len());
    }
    if words.len() <= 2
        && let Some(first) = &read.first {
            features.add_value("w1", first);
        }
    let mark = quote.open_mark.slice(text);
    features.add(match mark {
        "\"" | "＂" => "mark=straight",
        "“" | "„" | "«" | "‟" => "mark=curly",
        "''" | "``" => "mark=doubled",
        _ if mark.chars().count() == 1 => "mark=single",
        _ => "mark=other",
    });
    features.flag("unclosed", quote.close_mark.is_none());
}

/// The token indices of the sentence around `token` (quotes counting as words).
fn sentence(view: Tokens, token: usize) -> (usize, usize) {
    sentence::sentence_around(view, token)
}

/// The speech-verb lemma nearest to the quote in `range`, scanning from `from_end` backwards or
/// forwards.
fn nearest_cue(view: Tokens, range: std::ops::Range<usize>, backwards: bool) -> Option<&'static str> {
    let lemma = |index: usize| {
        view.word(index)
            .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
            .and_then(lexicon::speech_verb_lemma)
    };
    if backwards {
        range.rev().find_map(lemma)
    } else {
        range.into_iter().find_map(lemma)
    }
}

/// A passive speech or naming verb just before the quote with no agent ("was asked",
/// "known as", "what had been called the"), and the participle.
fn passive_before(view: Tokens, quote: usize, start: usize) -> Option<String> {
    let low = quote.saturating_sub(PASSIVE_WINDOW).max(start);
    for index in (low..quote).rev() {
        let Some(word) = view.word(index) else {
            continue;
        };
        let lower = lexicon::lower(word);
        let naming = NAMING_PARTICIPLES.contains(&lower.as_ref());
        let participle = naming
            || (lexicon::speech_verb_lemma(&lower).is_some()
                && (lower.ends_with("ed")
                    || matches!(lower.as_ref(), "said" | "told" | "written" | "asked")));
        if !participle {
            continue;
        }
        let auxiliary = (index.saturating_sub(3).max(start)..index).rev().any(|before| {
            view.word(before).is_some_and(|word| {
                PASSIVE_AUXILIARIES.contains(&lexicon::lower(word).as_ref())
            })
        });
        if auxiliary {
            return Some(format!("passive={lower}"));
        }
        if naming {
            return Some(format!("naming={lower}"));
        }
    }
    None
}

/// The speech model's features of a quote but those of the attribution rules' result: they
/// need no entities, so they are read beside them (`mark`), and `with_rule` completes them.
pub struct SpeechReading {
    /// The features the rules' come after: the quoted words and the heading.
    before_rule: Features,
    /// The features after them: the words around the quote, its sentence and cues ("no_token"
    /// for a quote outside the article's words). `None` when `index` named no quote.
    after_rule: Option<Features>,
}

impl SpeechReading {
    pub fn read(context: QuoteContext, index: usize) -> SpeechReading {
        let mut before_rule = Features::new();
        let view = context.view;
        let Some(quote) = context.quotes.get(index) else {
            return SpeechReading {
                before_rule,
                after_rule: None,
            };
        };
        content_features(&mut before_rule, view.text, quote);
        before_rule.flag("heading", context.in_heading.get(index).copied().unwrap_or(false));
        let mut after_rule = Features::new();
        match context.token_of_quote.get(index).copied().flatten() {
            Some(token) => context_features(&mut after_rule, context, index, token),
            None => after_rule.add("no_token"),
        }
        SpeechReading {
            before_rule,
            after_rule: Some(after_rule),
        }
    }

    /// The features of the quote for the speech model, given what the attribution rules
    /// found, in the order the model was trained with.
    pub fn with_rule(self, rule: Option<&Attribution>) -> Features {
        let mut features = self.before_rule;
        let Some(after_rule) = self.after_rule else {
            return features;
        };
        match rule {
            Some(attribution) => {
                features.add(match attribution.phrase.kind {
                    PhraseKind::Name => "rule=name",
                    PhraseKind::Pronoun(_) => "rule=pronoun",
                    PhraseKind::Nominal => "rule=nominal",
                    PhraseKind::Document => "rule=document",
                });
                features.flag("rule_cue", attribution.cue.is_some());
            }
            None => features.add("rule=none"),
        }
        features.names.extend(after_rule.names);
        features
    }
}

/// The features of the words around the quote at `token`, its sentence and cues.
fn context_features(features: &mut Features, context: QuoteContext, index: usize, token: usize) {
    let view = context.view;
    let previous = token.checked_sub(1);
    let before_previous = token.checked_sub(2);
    let prev = token_name(view, previous);
    let prev2 = token_name(view, before_previous);
    let next = token_name(view, Some(token + 1));
    let next2 = token_name(view, Some(token + 2));
    features.add_value("prev_class", token_class(view, previous));
    features.add_value("next_class", token_class(view, Some(token + 1)));
    features.add_value("prev", &prev);
    features.add_value("prev2", &prev2);
    features.add_joined(&["prev2+prev=", &prev2, "_", &prev]);
    features.add_value("next", &next);
    features.add_value("next2", &next2);
    features.flag(
        "prev_name",
        previous.is_some_and(|previous| view.is_name_word(previous)),
    );
    features.flag(
        "prev_possessive",
        previous
            .and_then(|previous| view.word(previous))
            .is_some_and(|word| word.ends_with("'s") || word.ends_with("’s")),
    );
    features.flag("next_lower", view.is_lower_word(token + 1));
    features.flag("next_name", view.is_name_word(token + 1));
    let (start, end) = sentence(view, token);
    features.flag("sentence_start", start == token);
    features.flag("sentence_end", end == token + 1);
    features.flag("alone", attribution::stands_alone(view, token));
    let paragraph_start = previous.is_none_or(|previous| {
        view.tokens
            .get(previous)
            .is_some_and(|t| t.kind == TokenKind::Break)
    });
    let paragraph_end = view
        .tokens
        .get(token + 1)
        .is_none_or(|t| t.kind == TokenKind::Break);
    features.flag("para_start", paragraph_start);
    features.flag("para_end", paragraph_end);
    features.flag("para_only", paragraph_start && paragraph_end);
    match nearest_cue(view, start..token, true) {
        Some(lemma) => {
            features.add("cue_before");
            features.add_value("cue_before", lemma);
        }
        None => features.add("no_cue_before"),
    }
    match nearest_cue(view, token + 1..end, false) {
        Some(lemma) => {
            features.add("cue_after");
            features.add_value("cue_after", lemma);
        }
        None => features.add("no_cue_after"),
    }
    if let Some((cue, _)) = context.agentless.get(index).copied().flatten() {
        features.add("agentless");
        features.add(match cue {
            agentless::Agentless::Crowd => "agentless=crowd",
            agentless::Agentless::Passive => "agentless=passive",
            agentless::Agentless::Naming => "agentless=naming",
            agentless::Agentless::Title => "agentless=title",
            agentless::Agentless::Distance => "agentless=distance",
        });
    }
    if let Some(passive) = passive_before(view, token, start) {
        features.add(passive.split('=').next().unwrap_or("passive").to_string());
        features.add(passive);
        let agent = (token + 1..end).any(|after| view.word(after) == Some("by"));
        features.flag("agent_by", agent);
    }
    let other_quotes = (start..end)
        .filter(|&other| {
            other != token
                && matches!(
                    view.tokens.get(other).map(|t| t.kind),
                    Some(TokenKind::Quote(_))
                )
        })
        .count();
    features.add_value("other_quotes", bucket(other_quotes));
    let words_in_sentence = (start..end).filter(|&at| view.word(at).is_some()).count();
    features.add_value("sentence_words", bucket(words_in_sentence / 3));
}

/// Features for the sourceless model: the speech features and what candidates the article
/// offers around a quote that no rule attributed (their sources, from `candidates`).
pub fn sourceless_features(speech: &Features, candidate_sources: &[&str], has_person: bool) -> Features {
    // Few quotes in a corpus name no source, so this model reads only the general features:
    // the words themselves (`prev=said`, `passive=asked`) would be learnt from a handful of
    // articles.
    let mut features = Features::new();
    for name in &speech.names {
        let lexical = [
            "prev=", "prev2", "next=", "next2", "w1=", "cue_before=", "cue_after=", "passive=",
            "naming=", "chars=", "caps_share=", "sentence_words=",
        ]
            .iter()
            .any(|prefix| name.starts_with(prefix));
        if !lexical {
            features.add(name.clone());
        }
    }
    for source in candidate_sources {
        features.add_value("cand", source);
    }
    features.add_value("candidates", bucket(candidate_sources.len()));
    features.flag("cand_person", has_person);
    features
}
