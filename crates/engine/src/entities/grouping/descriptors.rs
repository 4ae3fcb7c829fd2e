//! The kind a common noun beside a name gives it (the nouns are data in
//! `lexicon/descriptors.txt`): a descriptor right before the name ("oil firm Yukos", "the film
//! The Chorus"), the head of an apposition after it ("Yukos, the oil firm,"), or of a predicate
//! ("Goldeneye was a wonderful movie."), or a plural one before a list the name is in ("firms
//! such as Google, Yahoo and Microsoft"). Only the head noun of the phrase counts: "a film
//! director" says nothing of a film, "a film about the war" does.
//!
//! It knows only the text around one name; which cluster the kind counts for is the caller's.

use crate::entities::EntityKind;
use crate::entities::lexicon::LEXICON;
use crate::entities::model::is_given_name;
use crate::span::Span;

/// Words after which a descriptor noun may end its own phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your",
];

/// Words that open an apposition ("Yukos, the oil firm"): without one, the words after a comma
/// are as likely the next clause ("In London, firms said").
const APPOSITION_OPENERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their"];

/// Words that may end a noun phrase after its head: a relative clause, a participle's object
/// or a prepositional phrase follows ("a film about the war", "a firm which").
const PHRASE_CLOSERS: &[&str] = &[
    "who", "which", "that", "whose", "about", "at", "based", "behind", "by", "for", "from", "in",
    "of", "on", "with",
];

/// Bytes read after a name for an apposition or a predicate: a noun phrase of a few words.
const LOOKAHEAD: usize = 96;
/// Words of a noun phrase looked at after its determiner.
const PHRASE_WORDS: usize = 6;

/// The kind the descriptor noun of `name` says, if any.
pub(super) fn described_kind(text: &str, name: Span) -> Option<EntityKind> {
    descriptor_before(text, name)
        .or_else(|| descriptor_after(text, name))
        .or_else(|| descriptor_of_a_list(text, name))
}

/// Words that open a list of examples after a plural descriptor ("firms such as").
const LIST_OPENERS: &[&str] = &[" such as ", " including ", " include ", " like "];
/// Bytes looked back from a name for the opening of the list it is in.
const LIST_LOOKBACK: usize = 160;
/// Lower-case words a list member's name may hold ("Edge of Darkness").
const NAME_CONNECTORS: &[&str] = &["of", "the", "and", "for", "in", "on", "de"];

/// The kind a plural descriptor says of the names listed after it: "firms such as Google, Yahoo
/// and Microsoft", "his film credits include Edge of Darkness, Vertical Limit and Beyond
/// Borders". Every member between the list's opening and the name must be a name (capitalised
/// words, with "of", "the" … inside), so that a clause after a list says nothing.
fn descriptor_of_a_list(text: &str, name: Span) -> Option<EntityKind> {
    // Most names are in no list: look back only after a list's opening or a separator.
    let right_before = text.get(..name.start)?;
    let in_a_list = LIST_OPENERS
        .iter()
        .chain(&[", ", " and ", " or "])
        .any(|separator| right_before.ends_with(separator));
    // The name must be a whole member, not a possessive before it ("France's Dassault") or a
    // part of a longer name ("Wales Students"): punctuation or a lower-case word follows it.
    let after = &text[name.end..];
    let whole_member = after.is_empty()
        || after.starts_with([',', '.', ';', ':', ')', '\n'])
        || after
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()));
    if !in_a_list || !whole_member {
        return None;
    }
    // A lower-case word after the list's only name may make it a modifier ("films including
    // Oscar nominee The Fisher King"); after the last of several, it is the sentence going on.
    let punctuated =
        !after.starts_with(' ') || after.starts_with(" and ") || after.starts_with(" or ");
    let mut from = name.start.saturating_sub(LIST_LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..name.start)?;
    let (opener_at, opener) = last_list_opener(before)?;
    let members = &before[opener_at + opener.len()..];
    if (members.is_empty() && !punctuated) || (!members.is_empty() && !only_names_listed(members))
    {
        return None;
    }
    let head = &before[..opener_at];
    let last = &head[head.rfind(' ').map_or(0, |space| space + 1)..];
    let pair_start = head[..head.len() - last.len()].trim_end_matches(' ');
    let pair = &head[pair_start.rfind(' ').map_or(0, |space| space + 1)..];
    [pair, last].into_iter().find_map(plural_descriptor)
}

/// The kind a lower-case plural descriptor says ("firms", "companies", "analysts"): only a
/// plural lists examples ("the club like Michael Owen did" compares).
fn plural_descriptor(noun: &str) -> Option<EntityKind> {
    if !noun.starts_with(|c: char| c.is_ascii_lowercase()) || !noun.ends_with('s') {
        return None;
    }
    LEXICON
        .descriptors
        .get(noun)
        .or_else(|| LEXICON.descriptors.get(singular(noun)?.as_str()))
        .copied()
}

/// The last list opening in `before` and where it starts: one backward pass over its spaces
/// (names in lists are common, and most windows hold no opening at all).
fn last_list_opener(before: &str) -> Option<(usize, &'static str)> {
    before
        .bytes()
        .enumerate()
        .rev()
        .filter(|&(_, byte)| byte == b' ')
        .find_map(|(at, _)| {
            let rest = &before[at..];
            LIST_OPENERS
                .iter()
                .find(|opener| rest.starts_with(*opener))
                .map(|opener| (at, *opener))
        })
}

/// The singular of a plural noun ("firms" → "firm", "companies" → "company").
fn singular(noun: &str) -> Option<String> {
    if let Some(stem) = noun.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    noun.strip_suffix('s').map(str::to_string)
}

/// Whether `members` ("Edge of Darkness, ", "Google, Yahoo and ") is a run of names, each
/// followed by a comma or "and"/"or", in one sentence.
fn only_names_listed(members: &str) -> bool {
    let Some(members) = members
        .strip_suffix(", ")
        .or_else(|| members.strip_suffix(" and "))
        .or_else(|| members.strip_suffix(", and "))
        .or_else(|| members.strip_suffix(" or "))
    else {
        return false;
    };
    members
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" or "))
        .all(|member| {
            let mut words = member.split(' ');
            words.next().is_some_and(starts_a_name)
                && words.all(|word| starts_a_name(word) || NAME_CONNECTORS.contains(&word))
        })
}

/// Whether a word may begin a name: a capital or a digit ("Edge", "36").
fn starts_a_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// The kind a lower-case descriptor noun right before the name gives it: "oil firm Yukos",
/// "analysts Gartner", "rapper Snoop Dogg", "the film The Chorus" (a title's own article between
/// them). Not after a determiner, where the noun may end a phrase before a clause the name
/// begins ("the band Smith founded"), nor across a line break or punctuation.
fn descriptor_before(text: &str, name: Span) -> Option<EntityKind> {
    let lower_word = |c: char| c.is_ascii_lowercase() || c == '-';
    let before = text.get(..name.start)?.strip_suffix(' ')?;
    let before = before
        .strip_suffix(" The")
        .or_else(|| before.strip_suffix(" A"))
        .unwrap_or(before);
    let before_last = before.trim_end_matches(lower_word);
    let name_text = text.get(name.start..name.end)?;
    let first_word = name_text.split(' ').next().unwrap_or(name_text);
    // A two-word descriptor ("car maker") first, then the noun alone ("firm").
    let before_pair = before_last
        .strip_suffix(' ')
        .map(|rest| rest.trim_end_matches(lower_word))
        .filter(|rest| rest.len() + 1 < before_last.len());
    let (kind, before_descriptor) = before_pair
        .and_then(|rest| Some((descriptor_before_a_name(&before[rest.len()..], first_word)?, rest)))
        .or_else(|| {
            let kind = descriptor_before_a_name(&before[before_last.len()..], first_word)?;
            Some((kind, before_last))
        })?;
    let after_determiner = previous_word(before_descriptor).is_some_and(|word| {
        DETERMINERS
            .iter()
            .any(|determiner| determiner.eq_ignore_ascii_case(word))
    });
    (!after_determiner).then_some(kind)
}

/// The kind a descriptor noun says of a name right after it, whose first word is `first_word`.
/// A noun that is also a person's job says nothing before a given name ("publisher Kimberly
/// Quinn", "letter carrier Bob Mason").
fn descriptor_before_a_name(noun: &str, first_word: &str) -> Option<EntityKind> {
    LEXICON.descriptors.get(noun).copied().or_else(|| {
        let kind = LEXICON.descriptors_before.get(noun)?;
        (!is_given_name(first_word)).then_some(*kind)
    })
}

/// The word that ends `before`, if a space separates it from what follows.
fn previous_word(before: &str) -> Option<&str> {
    let rest = before.strip_suffix(' ')?;
    let word_start = rest.trim_end_matches(char::is_alphabetic).len();
    Some(&rest[word_start..])
}

/// The kind the head noun of an apposition or a predicate after the name gives it: "Yukos, the
/// oil firm,", "Kano, a rapper who…", "A Very Long Engagement, a World War I drama featuring
/// Audrey Tautou", "Casino Royale is next Bond movie". The head must end the phrase (punctuation,
/// a relative pronoun, a preposition or a participle follows it). An apposition is not read
/// after a sentence-opening preposition, where the comma ends a phrase and the subject follows
/// ("In London, the firm said.").
fn descriptor_after(text: &str, name: Span) -> Option<EntityKind> {
    let rest = text.get(name.end..)?;
    let mut cut = rest.len().min(LOOKAHEAD);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &rest[..cut];
    let (phrase, apposition) = if let Some(phrase) = rest.strip_prefix(", ") {
        (phrase, true)
    } else if let Some(phrase) = rest
        .strip_prefix(" is ")
        .or_else(|| rest.strip_prefix(" was "))
    {
        (phrase, false)
    } else {
        return None;
    };
    // Most commas after a name open no apposition: read its first word before anything else.
    let first_word = phrase.split([' ', ',']).next().unwrap_or("");
    if apposition
        && (!APPOSITION_OPENERS.contains(&first_word) || opens_with_a_preposition(text, name.start))
    {
        return None;
    }
    let words = phrase_words(phrase);
    let (first, _) = words.first()?;
    let opened = APPOSITION_OPENERS.contains(first);
    if apposition && !opened {
        return None;
    }
    // A verb's participle after "is" or "was" is a passive ("Rock was voted best film").
    if !apposition && !opened && is_participle(first) {
        return None;
    }
    let skip = usize::from(opened);
    for index in skip..words.len().min(skip + PHRASE_WORDS) {
        let (word, closed) = words[index];
        // A second determiner opens another phrase ("the man behind the games group").
        if is_phrase_break(word) || DETERMINERS.contains(&word) {
            return None;
        }
        // A participle before a descriptor noun modifies it ("a global mining giant with …"):
        // the noun after it is the head.
        let modifies_a_descriptor = |at: usize| {
            !PHRASE_CLOSERS.contains(&words[at].0)
                && words
                    .get(at + 1)
                    .is_some_and(|(noun, _)| LEXICON.descriptors.contains_key(noun))
        };
        let closes = closed
            || words.get(index + 1).is_some_and(|(next, _)| {
                closes_a_phrase(next) && !modifies_a_descriptor(index + 1)
            });
        if !closes {
            continue;
        }
        let pair = (index > skip).then(|| {
            let start = words[index - 1].0.as_ptr() as usize - phrase.as_ptr() as usize;
            let end = word.as_ptr() as usize - phrase.as_ptr() as usize + word.len();
            &phrase[start..end]
        });
        return pair
            .and_then(|pair| LEXICON.descriptors.get(pair))
            .or_else(|| LEXICON.descriptors.get(word))
            .copied();
    }
    None
}

/// The words of a phrase, each with whether something other than a space follows it
/// (punctuation, a line break, the end): the words end there.
fn phrase_words(phrase: &str) -> Vec<(&str, bool)> {
    let in_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let mut words = Vec::new();
    let mut rest = phrase;
    while words.len() <= PHRASE_WORDS + 1 {
        let end = rest.find(|c: char| !in_word(c)).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        let (word, after) = rest.split_at(end);
        let spaced = after.strip_prefix(' ');
        words.push((word, spaced.is_none()));
        match spaced {
            Some(next) => rest = next,
            None => break,
        }
    }
    words
}

/// A word that ends a noun phrase after its head: a relative pronoun, a preposition, or a
/// present participle ("a drama featuring").
fn closes_a_phrase(word: &str) -> bool {
    PHRASE_CLOSERS.contains(&word)
        || (word.len() > 5
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && word.ends_with("ing"))
}

/// A lower-case word shaped like a past participle ("voted", "offered").
fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.starts_with(|c: char| c.is_ascii_lowercase()) && word.ends_with("ed")
}

/// A word no noun phrase holds before its head: a conjunction, a preposition, a verb or a
/// pronoun from the function words ("Smith was in the film", "the film and TV star").
fn is_phrase_break(word: &str) -> bool {
    !DETERMINERS.contains(&word) && LEXICON.function_words.contains(word) && word != "new"
}

/// Whether the sentence holding the name at `start` opens with a preposition right before it
/// ("In London, …", "For Yukos, …").
fn opens_with_a_preposition(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let Some(word) = previous_word(before) else {
        return false;
    };
    let opener = before[..before.len() - word.len() - 1].trim_end_matches([' ', '"', '“']);
    let sentence_start = opener.is_empty() || opener.ends_with(['\n', '.', '!', '?']);
    // A title's own article ("A Very Long Engagement, a drama") is no preposition.
    sentence_start
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && is_phrase_break(&word.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn a_descriptor_before_the_name_says_its_kind() {
        // The tagger reads an unknown one-word firm as a surname or a town; the noun before it
        // says what it is, in every mention of the entity, however often the tagger read it
        // otherwise, and wherever the name is found (the second "Bombardier" is found by
        // propagation, not by the tagger). After a determiner the noun may end
        // its own phrase ("the band Smith founded") and says nothing of the name.
        let (entities, _) = render(
            "Research came from analysts [Gartner|PER]. [Gartner|PER] expects growth. \
             Mortgage company [Fannie Mae|PER] and [Fannie Mae|PER], [Fannie Mae|PER], \
             [Fannie Mae|PER], [Fannie Mae|PER], [Fannie Mae|PER] and [Fannie Mae|PER]. \
             Sales at oil firm [Yukos|LOC] fell, and French car maker [Peugeot|PER] gained. Shares in [Umbro|PER] rose, said rapper \
             [Kano|LOC]. It is the band [Smith|PER] founded. “Good” [Blair|PER] said. \
             [Bombardier|PER] fell. So did plane-making giant Bombardier. The comedy \
             [Napoleon Dynamite|PER] won, as did road trip comedy [Sideways|ORG].",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Gartner = *Gartner | Gartner",
                "ORG Fannie Mae = *Fannie Mae | Fannie Mae | Fannie Mae | Fannie Mae | Fannie Mae | Fannie Mae | Fannie Mae",
                "ORG Yukos = *Yukos",
                "ORG Peugeot = *Peugeot",
                "PERSON Umbro = *Umbro",
                "PERSON Kano = *Kano",
                "PERSON Smith = *Smith",
                "PERSON Blair = *Blair",
                "ORG Bombardier = *Bombardier | Bombardier",
                "PERSON Napoleon Dynamite = *Napoleon Dynamite",
                "OTHER Sideways = *Sideways",
            ]
        );
    }

    #[test]
    fn a_plural_descriptor_before_a_list_says_the_kind_of_its_names() {
        // Each member of the list is described, the first and the last alike; a name after the
        // list (past a lower-case word) is not.
        let (entities, _) = render(
            "His film credits include [Edge of Darkness|ORG], [Vertical Limit|PLACE] and \
             [Beyond Borders|PER]. Tech firms such as [Zoomr|PER] and [Qwest|LOC] grew, like \
             companies including [Acme|PER], said [Ann Lee|PER]. Films including [Oscar|PER] \
             nominee Big Fish won. He left a club like [Michael Owen|PER] did. Firms such as [France|LOC]'s \
             [Dassault|ORG] and sides such as [Wales|LOC] Students.",
        );
        assert_eq!(
            entities,
            vec![
                "OTHER Edge of Darkness = *Edge of Darkness",
                "OTHER Vertical Limit = *Vertical Limit",
                "OTHER Beyond Borders = *Beyond Borders",
                "ORG Zoomr = *Zoomr",
                "ORG Qwest = *Qwest",
                "ORG Acme = *Acme",
                "PERSON Ann Lee = *Ann Lee",
                "PERSON Oscar = *Oscar",
                "PERSON Michael Owen = *Michael Owen",
                "PLACE France = *France",
                "ORG Dassault = *Dassault",
                "PLACE Wales = *Wales",
            ]
        );
    }

    #[test]
    fn the_head_of_an_apposition_or_a_predicate_says_its_kind() {
        // BBC film news: titles the tagger reads as people or organisations, said to be films by
        // the phrase after them. Only the phrase's head counts ("a film director" is a person,
        // "the film and TV star" ends at "and"); a sentence-opening preposition's comma is no
        // apposition; the title's own "The" after a descriptor does not hide it.
        let (entities, _) = render(
            "It saw off A [Very Long Engagement|ORG].\n\nA [Very Long Engagement|ORG], a World War I \
             drama featuring [Audrey Tautou|PER]. [Casino Royale|ORG] is next Bond movie\n\n\
             [Goldeneye|ORG] was a wonderful movie. [Yukos|PER], the Russian oil firm, fell. \
             [Beyond Borders|PER] is a film about aid workers. Jugnot, star of the Oscar-nominated \
             film The [Chorus|PER], won.\n\n[Campbell|PER] is a film director. [Jolie|PER] was in the \
             film. [Owen|PER], the film and TV star, came. In [London|PER], the firm said so. \
             [Kano|LOC], the singer who won, came. [Bob Mason|PER], a retired letter carrier, \
             left carrier [Qantas|PER] and publisher [Kimberly Quinn|PER] met games publisher [Sega|PER]. [Rock|PER] was voted best comedy film. [San|ORG], \
             the man behind the games group which failed, spoke. [Kestrel|PER] is a global \
             mining giant with mines.",
        );
        assert_eq!(
            entities,
            vec![
                "OTHER Very Long Engagement = *Very Long Engagement | Very Long Engagement",
                "PERSON Audrey Tautou = *Audrey Tautou",
                "OTHER Casino Royale = *Casino Royale",
                "OTHER Goldeneye = *Goldeneye",
                "ORG Yukos = *Yukos",
                "OTHER Beyond Borders = *Beyond Borders",
                "OTHER Chorus = *Chorus",
                "PERSON Campbell = *Campbell",
                "PERSON Jolie = *Jolie",
                "PERSON Owen = *Owen",
                "PERSON London = *London",
                "PERSON Kano = *Kano",
                "PERSON Bob Mason = *Bob Mason",
                "ORG Qantas = *Qantas",
                "PERSON Kimberly Quinn = *Kimberly Quinn",
                "ORG Sega = *Sega",
                "PERSON Rock = *Rock",
                "ORG San = *San",
                "ORG Kestrel = *Kestrel",
            ]
        );
    }
}
