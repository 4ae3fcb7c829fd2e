//! Cheap checks on the characters around a match that a regular expression cannot express:
//! amounts and compound words that only look like dates, ages and rates that only look like
//! lengths of time, a title's "March", a quantity's "1990", the date word of a title ("The
//! Sunday Times", "the Today programme", "the film Halloween"), "today" meaning nowadays
//! ("today's youth", "the people of tomorrow"), a month that is a person's name ("Mrs May",
//! "May said"), and the sentence's final period.
//!
//! It decides whether a span can be a temporal expression at all; it must not know what one
//! means (that is normalization's job) nor which other expressions were found.

use crate::hash_maps::HashSet;
use std::sync::LazyLock;

use super::grammar::Kind;
use super::words::WORDS;
use crate::lexicon::data_lines;
use crate::span::Span;

/// A final period belongs to an abbreviation ("Dec.", "p.m.") but not to a full word
/// ("on 7 December."), where it ends the sentence.
pub fn without_sentence_period(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let Some(before_period) = slice.strip_suffix('.') else {
        return span;
    };
    let last_word = before_period
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let full_name = crate::lexicon::is_full_month_or_weekday_name(last_word);
    if full_name || last_word.chars().count() > 4 {
        Span::new(span.start, span.end - 1)
    } else {
        span
    }
}

/// Whether a word after a number makes it an amount: a unit of time ("25 years"), a share of
/// a hundred or a currency or scale word ("7 pct", "10 mln", "5 dlrs").
fn is_amount_word(word: &str) -> bool {
    const AMOUNTS: [&str; 14] = [
        "pct", "percent", "per", "mln", "million", "billion", "dlrs", "dollars", "cts", "cents",
        "shares", "points", "pence", "yen",
    ];
    AMOUNTS.contains(&word)
        || WORDS.units.contains_key(word)
        || word
            .strip_suffix('s')
            .is_some_and(|singular| WORDS.units.contains_key(singular))
}

/// Cheap checks on the characters around a match that a regular expression cannot express.
pub fn plausible(text: &str, span: Span, kind: Kind) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let previous = before.chars().next_back();
    let next = after.chars().next();
    let next_but_one = after.chars().nth(1);
    // Numbers that are amounts, not years or dates: "$2000", "1990%", "2,000", "1.5".
    let numeric = matches!(kind, Kind::Year | Kind::Numeric | Kind::Iso | Kind::Time);
    if numeric
        && (matches!(
            previous,
            Some('$' | '£' | '€' | '#' | '.' | ',' | '/' | ':')
        ) || matches!(next, Some('%'))
            || (matches!(next, Some('.' | ',' | '/' | ':' | '-'))
                && next_but_one.is_some_and(|c| c.is_ascii_digit())))
    {
        return false;
    }
    // A bare day number ("the 25 of April 24 and 25") that runs on into a number or an
    // amount is one: "on February 27 and 7-3/4 pct", "on Feb 2 and 4,284,693 gallons".
    if kind == Kind::Date && span.slice(text).bytes().all(|b| b.is_ascii_digit()) {
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(next, Some('%' | '-' | '/'))
            || (matches!(next, Some('.' | ',')) && next_but_one.is_some_and(|c| c.is_ascii_digit()))
            || (after.starts_with(' ') && is_amount_word(&next_word))
        {
            return false;
        }
    }
    // Part of a compound word ("the year-earlier period", "week-long"), except durations,
    // whose patterns take the compound whole.
    if kind != Kind::Duration && next == Some('-') && next_but_one.is_some_and(char::is_alphabetic)
    {
        return false;
    }
    if kind == Kind::Duration {
        let phrase = span.slice(text);
        // Ages ("a 9-year-old boy", "six years old") are not temporal expressions.
        let lower_after = after
            .trim_start()
            .chars()
            .take(3)
            .collect::<String>()
            .to_ascii_lowercase();
        if after.starts_with("-old") || lower_after.starts_with("old") {
            return false;
        }
        // A rate ("$1.76 a year", "$2 million a year", "5% a month") is not a duration.
        let previous_word = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let rate = previous_word
            .chars()
            .any(|c| c.is_ascii_digit() || c == '%')
            || matches!(
                previous_word.as_str(),
                "million" | "billion" | "thousand" | "hundred" | "percent" | "cents" | "dollars"
            );
        let with_article = phrase.starts_with("a ") || phrase.starts_with("an ");
        if rate && with_article {
            return false;
        }
    }
    // "March" after an article and before "for" or "of the" is the noun in a title ("the
    // annual March for Life", "the March of the Mothers"); the month takes a preposition
    // ("in March for health reasons").
    if kind == Kind::Month && span.slice(text).eq_ignore_ascii_case("march") {
        // Only the next few characters matter: lower-casing the whole rest of the text for
        // each "March" would make long articles quadratic.
        let lower_after: String = after
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let previous_word = before
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"'))
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(previous_word.as_str(), "the" | "a" | "annual")
            && (lower_after.starts_with(" for ") || lower_after.starts_with(" of the "))
        {
            return false;
        }
    }
    if kind == Kind::Month && names_a_person(span.slice(text), before, after) {
        return false;
    }
    if matches!(
        kind,
        Kind::Weekday | Kind::Reference | Kind::Holiday | Kind::Month | Kind::Season
    ) && names_a_title(before, after, kind == Kind::Weekday)
    {
        return false;
    }
    if kind == Kind::Reference
        && (means_an_era(span.slice(text), before, after) || ends_a_name(span.slice(text), before))
    {
        return false;
    }
    if kind == Kind::Set && begins_a_name(span.slice(text), after) {
        return false;
    }
    if kind == Kind::Time && is_capitalised_name_word(span.slice(text), before) {
        return false;
    }
    if kind == Kind::Year {
        // "1990 shares", "2000 people": a bare four-digit number followed by a plural noun
        // in lower case is a quantity.
        let following = after.trim_start();
        let word: String = following
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        // "fiscal 1989 sales" names a year whatever follows it.
        let fiscal = span.slice(text).to_ascii_lowercase().starts_with("fiscal");
        if !fiscal
            && after.starts_with(' ')
            && word.len() > 3
            && word.ends_with('s')
            && word.chars().all(|c| c.is_ascii_lowercase())
        {
            return false;
        }
    }
    true
}

/// Words that make a month name beside them a person's name (`person_words.txt`).
struct PersonWords {
    /// Titles before a surname ("Mrs May").
    titles: HashSet<&'static str>,
    /// Speech verbs after a subject ("May said").
    verbs: HashSet<&'static str>,
}

static PERSON_WORDS: LazyLock<PersonWords> = LazyLock::new(|| {
    let source = include_str!("person_words.txt");
    PersonWords {
        titles: words_tagged(source, "title"),
        verbs: words_tagged(source, "verb"),
    }
});

/// Whether a month name alone is a person's name ("Theresa May" aside, which only the entities
/// know): after a title ("Mrs May") or before a speech verb ("May said", "April told").
fn names_a_person(month: &str, before: &str, after: &str) -> bool {
    if !crate::lexicon::is_full_month_or_weekday_name(month) {
        return false;
    }
    let previous_word = before
        .strip_suffix(' ')
        .map(|rest| {
            let word = rest.trim_end_matches('.');
            &word[word.trim_end_matches(char::is_alphabetic).len()..]
        })
        .unwrap_or("");
    let next_word = after
        .strip_prefix(' ')
        .map(|rest| rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
        .unwrap_or("");
    let words = &*PERSON_WORDS;
    words
        .titles
        .contains(previous_word.to_ascii_lowercase().as_str())
        || words.verbs.contains(next_word)
}

/// Nouns that make a date word beside them part of a title (`title_nouns.txt`).
struct TitleNouns {
    /// A work whose title follows the noun ("the film Halloween").
    before: HashSet<&'static str>,
    /// A programme or paper the date word names ("Radio 4's Today programme").
    after: HashSet<&'static str>,
    /// Capitalised, the second word of a newspaper's name ("Sunday Telegraph").
    paper: HashSet<&'static str>,
}

static TITLE_NOUNS: LazyLock<TitleNouns> = LazyLock::new(|| {
    let source = include_str!("title_nouns.txt");
    TitleNouns {
        before: words_tagged(source, "before"),
        after: words_tagged(source, "after"),
        paper: words_tagged(source, "paper"),
    }
});

/// The words of the lines of a word list that begin with `tag` ("before film").
fn words_tagged(source: &'static str, tag: &str) -> HashSet<&'static str> {
    data_lines(source)
        .filter_map(|line| {
            let (line_tag, word) = line.split_once(' ')?;
            (line_tag == tag).then(|| word.trim())
        })
        .collect()
}

/// Whether a word-like date expression (a weekday, "today", a holiday, a month, a season) is
/// part of a name rather than a date: after "the" and before a capitalised word ("The Sunday
/// Times", "the Sunday Telegraph"), a weekday before the capitalised second word of a
/// newspaper's name without "the" ("by Sunday Telegraph journalist Robert Peston"), after a
/// work noun ("the film Halloween"), or before a programme or paper noun ("Radio 4's Today
/// programme"). Only the words beside it are read.
fn names_a_title(before: &str, after: &str, weekday: bool) -> bool {
    let previous_word: String = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let following = after.strip_prefix(' ').unwrap_or("");
    let next_word: &str = following
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let nouns = &*TITLE_NOUNS;
    let capitalised_next = next_word.chars().next().is_some_and(char::is_uppercase)
        && next_word.chars().skip(1).any(char::is_lowercase);
    let next_lower = next_word.to_lowercase();
    (previous_word == "the" && capitalised_next && !is_date_word(next_word))
        || nouns.before.contains(previous_word.as_str())
        || nouns.after.contains(next_lower.as_str())
        || (weekday && capitalised_next && nouns.paper.contains(next_lower.as_str()))
}

/// Words that continue a date rather than a name after a date word ("the Sunday Morning" is
/// rare; "the Friday After" rarer): weekdays, months and parts of the day.
fn is_date_word(word: &str) -> bool {
    const DATE_WORDS: [&str; 8] = [
        "morning", "afternoon", "evening", "night", "day", "week", "weekend", "eve",
    ];
    DATE_WORDS.contains(&word.to_lowercase().as_str())
}

/// Head nouns that make "today's" mean nowadays (`nowadays_nouns.txt`).
static NOWADAYS_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("nowadays_nouns.txt")).collect());

/// Words that end the noun phrase after "today's": what follows them is no longer its head.
const PHRASE_ENDS: [&str; 38] = [
    "and", "or", "but", "is", "are", "was", "were", "will", "would", "can", "could", "may",
    "has", "have", "had", "who", "which", "that", "where", "when", "what", "in", "on", "at",
    "of", "for", "with", "to", "from", "by", "as", "than", "the", "a", "an", "do", "does", "not",
];

/// Whether "today", "tomorrow" or "yesterday" names an era rather than a day: "today's youth",
/// "in today's world where…", "tomorrow's leaders", "the people of tomorrow". The head of the
/// noun phrase decides, so "today's television debate" and "today's vote" stay days.
fn means_an_era(phrase: &str, before: &str, after: &str) -> bool {
    // Every fixed reference ("now", "recently") passes here: no allocation for them.
    if !["today", "tomorrow", "yesterday"]
        .iter()
        .any(|word| phrase.eq_ignore_ascii_case(word))
    {
        return false;
    }
    let possessive = after.strip_prefix("'s ").or_else(|| after.strip_prefix("’s "));
    if let Some(rest) = possessive {
        return era_noun_heads(rest);
    }
    // "the people of tomorrow", "the world of today"; not "as of today", "ahead of tomorrow".
    let mut previous = before
        .split_whitespace()
        .rev()
        .map(|word| word.to_lowercase());
    previous.next().as_deref() == Some("of")
        && previous
            .next()
            .is_some_and(|noun| NOWADAYS_NOUNS.contains(noun.as_str()))
}

/// Whether the noun phrase that starts `text` (at most three words, up to a function word or
/// punctuation) has a listed noun as its head: the noun ends the phrase, or is a plural, which
/// rarely modifies another noun ("today's computers use…", not "today's television debate").
fn era_noun_heads(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().take(4).collect();
    let word_of = |token: &str| -> String {
        token
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase()
    };
    for (index, token) in tokens.iter().take(3).enumerate() {
        let word = word_of(token);
        if word.is_empty() || PHRASE_ENDS.contains(&word.as_str()) {
            return false;
        }
        let ends_here = word.len() < token.len()
            || tokens.get(index + 1).is_none_or(|next| {
                let next = word_of(next);
                next.is_empty() || PHRASE_ENDS.contains(&next.as_str())
            });
        if NOWADAYS_NOUNS.contains(word.as_str()) && (ends_here || word.ends_with('s')) {
            return true;
        }
        if ends_here {
            return false;
        }
    }
    false
}

/// Whether a capitalised "Noon" or "Midnight" is a name in mid-sentence: after a comma in a
/// list of names ("Abbott, Noon, Paul") or after another capitalised word ("Christmas
/// Midnight Mass"). At a sentence's start or after a preposition ("at Noon") it is a time.
fn is_capitalised_name_word(phrase: &str, before: &str) -> bool {
    if !matches!(phrase, "Noon" | "Midnight" | "Midday") {
        return false;
    }
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    if trimmed.ends_with(',') {
        return true;
    }
    // The previous word, whole and capitalised, with a sentence going on before it.
    let rest = trimmed.trim_end_matches(char::is_alphabetic);
    let previous_word = &trimmed[rest.len()..];
    let earlier = rest.trim_end();
    previous_word.starts_with(char::is_uppercase)
        && rest.ends_with(char::is_whitespace)
        && !earlier.is_empty()
        && !earlier.ends_with(['.', '!', '?'])
}

/// Whether a capitalised frequency word begins a name: "the Daily Telegraph", "a Daily Record
/// poll", "the Weekly Standard" name newspapers, not a set of days.
fn begins_a_name(phrase: &str, after: &str) -> bool {
    phrase.starts_with(char::is_uppercase)
        && !phrase.contains(char::is_whitespace)
        && after
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// Whether a capitalised "Today" or "Tonight" ends a name after another capitalised word in
/// the middle of a sentence: "USA Today", "This is VOA Today." A sentence-initial "Today" has
/// sentence punctuation (or nothing) before its previous word's end.
fn ends_a_name(phrase: &str, before: &str) -> bool {
    if !matches!(phrase, "Today" | "Tonight") || !before.ends_with(' ') {
        return false;
    }
    let previous = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    previous.chars().next().is_some_and(char::is_uppercase)
        && previous.chars().last().is_some_and(char::is_alphanumeric)
}
