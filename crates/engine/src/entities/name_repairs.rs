//! Repairs of the tagger's name spans at their edges, on the spans the product uses: a name
//! the tagger split at a space is joined again (two names of one kind with only a space between
//! them, "M. McCague" read as "M." and "McCague", "First Chicago" and "NBD Corp."; a person's
//! name followed by a hyphenated given name, "Li Song-ho", "Kim In-so", which the tagger reads
//! apart as it rarely saw such names), and a person's name loses the score or number the tagger
//! took in after it in a results table ("W. Athey 111"), and any name the date it ran on into
//! ("Meet the Press on Sunday"); a "name" without a letter, or that is an acronym of a common
//! noun ("an IR port"), is dropped.
//!
//! It works on the tagger's name spans, the segment marks of the tokens and the word lists
//! (weekdays, months, known names, common acronyms) only: it must not know of features, weights or grouping. The model's own decoding (and so its training) is
//! untouched.

use super::EntityKind;
use super::lexicon::{LEXICON, known_key};
use super::tokens::Token;
use crate::lexicon;
use crate::span::Span;

/// The names of `names` (in text order) with their edges repaired.
pub fn repair_names(
    text: &str,
    tokens: &[Token],
    names: Vec<(Span, EntityKind)>,
) -> Vec<(Span, EntityKind)> {
    join_split_names(text, tokens, names)
        .into_iter()
        .filter_map(|(span, kind)| without_trailing_numbers(text, span, kind))
        .filter_map(|(span, kind)| without_trailing_date(text, span, kind))
        .filter(|(span, _)| !is_common_acronym(span.slice(text)))
        .collect()
}

/// An acronym that is a common noun ("an IR port", "USB sticks", "PCs"), not a name.
fn is_common_acronym(name: &str) -> bool {
    let singular = name.strip_suffix('s').unwrap_or(name);
    LEXICON.common_acronyms.contains(name) || LEXICON.common_acronyms.contains(singular)
}

/// Words that open a date after a name the tagger ran on into it ("Meet the Press on Sunday").
const DATE_PREPOSITIONS: [&str; 11] = [
    "on", "in", "at", "by", "since", "until", "from", "before", "after", "last", "next",
];

/// A name without the date the tagger took in after it ("Press on Sunday", "the Fed in March",
/// "Sununu Sunday"): a weekday, or a preposition and a weekday or month name, end no name,
/// unless the whole is a known name ("the Mail on Sunday"); `None` when nothing of the name is
/// left.
fn without_trailing_date(text: &str, span: Span, kind: EntityKind) -> Option<(Span, EntityKind)> {
    let name = span.slice(text);
    let mut words = name.rsplitn(3, ' ');
    let (Some(last), Some(preposition)) = (words.next(), words.next()) else {
        return Some((span, kind));
    };
    // Abbreviations ("Sun", "Mar") and "May" are names and words as often as dates.
    let date_word = last.starts_with(char::is_uppercase)
        && (lexicon::weekday_number(last).is_some() || lexicon::month_number(last).is_some())
        && last.len() > 3;
    // Looked up only for a name that ends in a date: building the key cost more than the rest.
    let known = || LEXICON.known_names.contains_key(&known_key(name));
    if date_word && DATE_PREPOSITIONS.contains(&preposition) && !known() {
        let kept = name[..name.len() - last.len() - preposition.len() - 1].trim_end();
        return (!kept.is_empty()).then(|| (Span::new(span.start, span.start + kept.len()), kind));
    }
    // A weekday right after a name is the day of what the sentence tells ("Sununu Sunday",
    // "the World Court Friday"); a month may be a surname ("Theresa May") and stays.
    // Holidays named after their day ("Good Friday", "Black Friday") are other names and keep it.
    if kind != EntityKind::Other
        && lexicon::weekday_number(last).is_some()
        && lexicon::is_full_month_or_weekday_name(last)
        && !known()
    {
        let kept = name[..name.len() - last.len()].trim_end();
        return Some((Span::new(span.start, span.start + kept.len()), kind));
    }
    Some((span, kind))
}

/// A person's name without the numbers after it ("J. Pooley 111", "J. Benjamin 4-17"); `None`
/// for a name without a letter ("4-0-25-0"). Other names keep theirs ("Euro 96", "Windows 95").
fn without_trailing_numbers(text: &str, span: Span, kind: EntityKind) -> Option<(Span, EntityKind)> {
    let name = span.slice(text);
    if !name.chars().any(char::is_alphabetic) {
        return None;
    }
    if kind != EntityKind::Person {
        return Some((span, kind));
    }
    let mut end = name.len();
    while let Some(space) = name[..end].rfind(' ')
        && !name[space + 1..end].chars().any(char::is_alphabetic)
    {
        end = space;
    }
    Some((Span::new(span.start, span.start + end), kind))
}

/// Joins the names of `names` (in text order) that the tagger split at a space.
fn join_split_names(
    text: &str,
    tokens: &[Token],
    names: Vec<(Span, EntityKind)>,
) -> Vec<(Span, EntityKind)> {
    let mut out: Vec<(Span, EntityKind)> = Vec::with_capacity(names.len());
    for (span, kind) in names {
        if let Some(last) = out.last_mut()
            && let Some(joined) = joined_kind(text, tokens, *last, (span, kind))
        {
            last.0 = Span::new(last.0.start, span.end);
            last.1 = joined;
            continue;
        }
        out.push((span, kind));
    }
    out
}

/// The kind of the one name that `first` and `second` are parts of, if they are.
fn joined_kind(
    text: &str,
    tokens: &[Token],
    (first, first_kind): (Span, EntityKind),
    (second, second_kind): (Span, EntityKind),
) -> Option<EntityKind> {
    // One space, on one line: a line break or any punctuation keeps two names apart (a list
    // of names wrapped over lines, "Tony Blair, Bill Clinton").
    if first.end > second.start || text.get(first.end..second.start) != Some(" ") {
        return None;
    }
    // Nor across a segment boundary ("... the U.S. The President ...").
    let at = tokens.partition_point(|token| token.span.start < second.start);
    if tokens
        .get(at)
        .is_none_or(|token| token.span.start != second.start || token.starts_segment)
    {
        return None;
    }
    let second_text = second.slice(text);
    if !second_text.starts_with(char::is_uppercase) {
        return None;
    }
    // A nationality or an event before a name is a name of its own ("American Tom Moody"):
    // only people and organisations are joined to their own kind.
    if first_kind == second_kind && matches!(first_kind, EntityKind::Person | EntityKind::Org) {
        // An organisation that ends in an acronym is whole: organisations side by side, as in
        // the head of a table of parties ("CDU / CSU SPD FDP Greens").
        let first_last = first.slice(text).rsplit(' ').next().unwrap_or("");
        if first_kind == EntityKind::Org && is_acronym(first_last) {
            return None;
        }
        return Some(first_kind);
    }
    if first_kind == EntityKind::Person && is_hyphenated_given_name(second_text) {
        return Some(EntityKind::Person);
    }
    None
}

/// One short word without a lower-case letter ("SPD", "U.S.").
fn is_acronym(word: &str) -> bool {
    !word.is_empty() && word.len() <= 6 && !word.contains(' ') && !word.chars().any(char::is_lowercase)
}

/// A given name written as two syllables joined by a hyphen, the second in lower case, as
/// Korean and Cantonese names are romanised ("Song-ho", "Che-cheung").
fn is_hyphenated_given_name(word: &str) -> bool {
    let Some((head, tail)) = word.split_once('-') else {
        return false;
    };
    let mut head_chars = head.chars();
    head_chars.next().is_some_and(char::is_uppercase)
        && head_chars.all(char::is_lowercase)
        && !tail.is_empty()
        && tail.chars().all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tokens::tokenize;

    /// Parses `[name|KIND]` marks, joins the names, and marks the result again.
    fn joined(marked: &str) -> String {
        let mut text = String::new();
        let mut names = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = open + rest[open..].find(']').unwrap();
            let (name, kind) = rest[open + 1..close].split_once('|').unwrap();
            let start = text.len();
            text.push_str(name);
            names.push((Span::new(start, text.len()), EntityKind::parse(kind).unwrap()));
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        let mut tokens = Vec::new();
        tokenize(&text, Span::new(0, text.len()), &mut tokens);
        let mut out = text.clone();
        for (span, kind) in repair_names(&text, &tokens, names).into_iter().rev() {
            let kind = match kind {
                EntityKind::Person => "PER",
                EntityKind::Org => "ORG",
                EntityKind::Place => "LOC",
                EntityKind::Other => "MISC",
            };
            out.replace_range(span.range(), &format!("[{}|{kind}]", span.slice(&text)));
        }
        out
    }

    #[test]
    fn a_name_split_at_a_space_is_joined() {
        assert_eq!(
            joined("Kent 214 ([M.|PER] [McCague|PER] 4-55), and [First Chicago|ORG] [NBD Corp.|ORG] in Illinois."),
            "Kent 214 ([M. McCague|PER] 4-55), and [First Chicago NBD Corp.|ORG] in Illinois."
        );
    }

    #[test]
    fn a_persons_name_ends_before_the_score_after_it() {
        assert_eq!(
            joined(
                "Sussex 363 ([W. Athey 111|PER], [J. Benjamin 4-17|PER]; [de Silva|PER] [4-0-25-0|PER]) \
                 at [Euro 96|MISC]."
            ),
            "Sussex 363 ([W. Athey|PER] 111, [J. Benjamin|PER] 4-17; [de Silva|PER] 4-0-25-0) \
             at [Euro 96|MISC]."
        );
    }

    #[test]
    fn a_hyphenated_given_name_joins_the_surname_before_it() {
        assert_eq!(
            joined("Red Cross president [Li|PER] [Song-ho|MISC] met [Kim|PER] [In-so|LOC]."),
            "Red Cross president [Li Song-ho|PER] met [Kim In-so|PER]."
        );
    }

    #[test]
    fn a_name_ends_before_the_date_after_it() {
        assert_eq!(
            joined(
                "He told [Meet the Press on Sunday|ORG] that [the Fed in March|ORG] and \
                 [The Mail on Sunday|ORG] and [Theresa May|PER] agreed. [John Sununu Sunday|PER] \
                 spoke on [Good Friday|MISC]."
            ),
            "He told [Meet the Press|ORG] on Sunday that [the Fed|ORG] in March and \
             [The Mail on Sunday|ORG] and [Theresa May|PER] agreed. [John Sununu|PER] Sunday \
             spoke on [Good Friday|MISC]."
        );
    }

    #[test]
    fn names_apart_stay_apart() {
        assert_eq!(
            joined(
                "[American|MISC] [Tom Moody|PER] and [Mike Sullivan|PER], [Willie|PER]\n[Wood|PER] \
                 saw [Lebed|PER] [Chechnya|LOC].\nPolls: [CDU / CSU|ORG] [SPD|ORG] [FDP|ORG] [Greens|ORG]"
            ),
            "[American|MISC] [Tom Moody|PER] and [Mike Sullivan|PER], [Willie|PER]\n[Wood|PER] \
             saw [Lebed|PER] [Chechnya|LOC].\nPolls: [CDU / CSU|ORG] [SPD|ORG] [FDP|ORG] [Greens|ORG]"
        );
    }
}
