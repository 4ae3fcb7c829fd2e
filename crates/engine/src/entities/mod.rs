//! Named entities: recognition of people, organisations and places, mention grouping,
//! canonical names, definitions and roles.
//!
//! Pure: the model is compiled into the binary; no files are read at run time.
//! The pipeline: `tokens` → `features` → `model` (recognition of name mentions) →
//! `name_repairs` (names the tagger split at a space, joined; scores off people's names) →
//! `grouping` (entities, pronouns, role nominals) → `spelling` (near-miss names).
//! `perceptron` trains the model offline; `hashing` is the leaf they all key words by, and
//! `table` the word clusters and large gazetteers the model file carries for the features.

pub mod features;
pub mod grouping;
mod hashing;
pub mod lexicon;
pub mod model;
// The averaged perceptron that trains the model: training code, for `examples/train_ner`.
#[cfg(feature = "internals")]
pub mod perceptron;
pub mod spelling;
mod name_repairs;
pub mod table;
pub mod tokens;

use crate::hash_maps::HashMap;

use super::diagnostic::Diagnostic;
use super::document::{BlockKind, Document};
use super::memo::{Kept, Memo};
use super::settings::Settings;
use super::span::Span;
use super::Join;
#[cfg(any(test, feature = "internals"))]
use super::Sequential;

/// An entity's index within its article's `Analysis::entities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Other,
}

impl EntityKind {
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
            EntityKind::Other => "OTHER",
        }
    }

    pub fn parse(name: &str) -> Option<EntityKind> {
        match name.trim().to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Some(EntityKind::Person),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityKind::Org),
            "PLACE" | "LOC" | "LOCATION" | "GPE" => Some(EntityKind::Place),
            "OTHER" | "MISC" => Some(EntityKind::Other),
            _ => None,
        }
    }
}

/// What kind of phrase a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A name as written ("Boris Yeltsin", "Yeltsin"), including one inside a longer name when
    /// the article also uses it alone ("Google" in "Google Science Fair").
    Name,
    Pronoun,
    /// A common-noun phrase ("the company", "the spokesperson").
    Nominal,
    /// The whole noun phrase around a name ("President Boris Yeltsin", "Irving, Texas").
    Phrase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest name the article uses ("Antony Blinken").
    pub canonical: String,
    pub kind: EntityKind,
    /// Role or title given by the text ("US Secretary of State").
    pub role: Option<String>,
    /// The first full-name mention.
    pub definition: Span,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// The entities as a layer of names marks them (CoNLL, spaCy's `doc.ents`): only the names,
/// none inside another name, no pronoun, common noun or phrase around a name. Every entity
/// keeps its id, so that quotes still point at their speakers; one known only by pronouns is
/// left with no mention.
pub fn names_only(entities: &[Entity]) -> Vec<Entity> {
    let mut names: Vec<Span> = entities
        .iter()
        .flat_map(|entity| entity.mentions.iter())
        .filter(|mention| mention.kind == MentionKind::Name)
        .map(|mention| mention.span)
        .collect();
    // By start, the longest first: a name is inside another when an earlier one in this order
    // reaches its end.
    names.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    names.dedup();
    let mut reach = 0;
    let mut nested = crate::hash_maps::HashSet::default();
    for span in &names {
        if reach >= span.end {
            nested.insert(*span);
        }
        reach = reach.max(span.end);
    }
    entities
        .iter()
        .map(|entity| Entity {
            mentions: entity
                .mentions
                .iter()
                .filter(|mention| {
                    mention.kind == MentionKind::Name && !nested.contains(&mention.span)
                })
                .cloned()
                .collect(),
            ..entity.clone()
        })
        .collect()
}

/// The parts of the article the tagger reads: every paragraph but web-page boilerplate.
fn regions(document: &Document) -> Vec<Span> {
    document
        .paragraphs
        .iter()
        .filter(|paragraph| paragraph.kind != BlockKind::Boilerplate)
        .map(|paragraph| paragraph.span)
        .collect()
}

#[cfg(any(test, feature = "internals"))]
/// Name mentions found by the tagger, in text order, outside boilerplate.
pub fn recognize(text: &str, document: &Document) -> Vec<(Span, EntityKind)> {
    recognize_in(
        text,
        document,
        &read_once(text, document),
    )
    .0
}

/// The names the tagger finds in the words, and their tokens (for grouping, to tokenize once).
fn recognize_in(
    text: &str,
    document: &Document,
    words: &Words,
) -> (Vec<(Span, EntityKind)>, Vec<tokens::Token>) {
    let article = &words.article;
    let tokens: Vec<tokens::Token> = article.infos.iter().map(|info| info.token).collect();
    let (Some(model), Some(static_scores)) = (model::SHIPPED.as_ref(), &words.static_scores) else {
        return (Vec::new(), tokens);
    };
    let tags = model::tag(model, article, static_scores);
    let names = name_repairs::repair_names(text, &tokens, model::spans(article, &tags))
        .into_iter()
        .filter(|(span, _)| !document.is_boilerplate(*span))
        .collect();
    (names, tokens)
}

/// Occurrences of the names and aliases declared in `newsls.toml`, as whole words in `regions`.
fn declared_names(text: &str, regions: &[Span], settings: &Settings) -> Vec<grouping::Name> {
    let mut out = Vec::new();
    for (index, entity) in settings.declared_entities.iter().enumerate() {
        let declared_kind = entity.kind.as_deref().and_then(EntityKind::parse);
        let kind = declared_kind.unwrap_or(EntityKind::Person);
        for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
            let alias = alias.trim();
            if alias.is_empty() {
                continue;
            }
            for region in regions {
                let slice = region.slice(text);
                for (at, _) in slice.match_indices(alias) {
                    let end = at + alias.len();
                    let before = slice[..at].chars().next_back();
                    let after = slice[end..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    out.push(grouping::Name {
                        span: Span::new(region.start + at, region.start + end),
                        kind,
                        declared: Some(index),
                        declared_kind,
                    });
                }
            }
        }
    }
    out
}

/// Cuts a name the tagger ran on past a lower-case "in" ("Daniel Montalvo in September"): a
/// name of capitalised words does not go on with "in". A long institutional name with its own
/// small words may ("Organisation for Security and Cooperation in Europe") and is kept whole.
/// Drops "AM" / "PM" after a clock time.
fn before_in(text: &str, span: Span, kind: EntityKind) -> Option<(Span, EntityKind)> {
    let slice = span.slice(text);
    // "10:23 AM": the half of the day after a clock time is not a name.
    let after_digit = text
        .get(..span.start)
        .is_some_and(|before| before.trim_end().ends_with(|c: char| c.is_ascii_digit()));
    if after_digit && matches!(slice, "AM" | "PM" | "A.M." | "P.M." | "a.m." | "p.m.") {
        return None;
    }
    match slice.find(" in ") {
        Some(at)
            if slice[..at]
                .split_whitespace()
                .all(|word| word.starts_with(|c: char| !c.is_lowercase())) =>
        {
            let kept = slice[..at].trim_end();
            (!kept.is_empty()).then(|| (Span::new(span.start, span.start + kept.len()), kind))
        }
        Some(_) => Some((span, kind)),
        None => Some((span, kind)),
    }
}

/// Takes a role off the front of a name the tagger ran together with it: "US President Joe
/// Biden" is the person "Joe Biden" (the role is found again by grouping). A name keeps its
/// title word when what follows could be an organisation's name ("General Electric").
///
/// A name that is only a role ("US President", "Prime Minister") is not a name: the role words
/// are dropped and a place or nationality before them ("US", "Russian") is kept as its own name,
/// so that grouping reads the role as a nominal of the person who holds it.
fn without_role(text: &str, span: Span, kind: EntityKind) -> Vec<(Span, EntityKind)> {
    let slice = span.slice(text);
    if lexicon::LEXICON
        .known_names
        .contains_key(&lexicon::known_key(slice))
    {
        return vec![(span, kind)];
    }
    let words: Vec<(usize, &str)> = slice
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - slice.as_ptr() as usize, word))
        .collect();
    let role_only = words.last().is_some_and(|(_, word)| {
        word.starts_with(char::is_uppercase) && lexicon::LEXICON.is_title_head(word)
    });
    if role_only {
        let first_role_word = words
            .iter()
            .rposition(|(_, word)| !lexicon::LEXICON.is_title_word(word))
            .map_or(0, |last| last + 1);
        let Some(&(role_at, _)) = words.get(first_role_word) else {
            return vec![(span, kind)];
        };
        let modifier = slice.get(..role_at).unwrap_or("").trim_end();
        if modifier.is_empty() {
            return Vec::new();
        }
        return match lexicon::LEXICON.place_or_nationality(modifier) {
            Some(kind) => vec![(Span::new(span.start, span.start + modifier.len()), kind)],
            None => vec![(span, kind)],
        };
    }
    let person = without_role_before_name(text, span, kind);
    let mut out = Vec::with_capacity(2);
    if person.0.start > span.start {
        // "US President Joe Biden": "US" is a place of its own.
        let first_role_word = words
            .iter()
            .position(|(_, word)| lexicon::LEXICON.is_title_word(word));
        if let Some(&(role_at, _)) = first_role_word.and_then(|index| words.get(index)) {
            let modifier = slice.get(..role_at).unwrap_or("").trim_end();
            if let Some(kind) = lexicon::LEXICON.place_or_nationality(modifier) {
                out.push((Span::new(span.start, span.start + modifier.len()), kind));
            }
        }
    }
    out.push(person);
    out
}

fn without_role_before_name(text: &str, span: Span, kind: EntityKind) -> (Span, EntityKind) {
    let slice = span.slice(text);
    let words: Vec<(usize, &str)> = slice
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - slice.as_ptr() as usize, word))
        .collect();
    let Some(head) = words
        .iter()
        .rposition(|(_, word)| lexicon::LEXICON.is_title_head(word))
    else {
        return (span, kind);
    };
    let tail = &words[head + 1..];
    let capitalised = |word: &str| word.starts_with(char::is_uppercase);
    let organisation_word =
        |word: &str| lexicon::LEXICON.classes(&word.to_lowercase()) & lexicon::class::ORG_WORD != 0;
    let splits = !tail.is_empty()
        && words[head].1.starts_with(char::is_uppercase)
        && tail
            .iter()
            .all(|(_, word)| capitalised(word) && !organisation_word(word))
        && (head > 0 || tail.len() >= 2 || lexicon::LEXICON.first_name_gender(tail[0].1).is_some());
    match tail.first() {
        Some((offset, _)) if splits => {
            (Span::new(span.start + offset, span.end), EntityKind::Person)
        }
        _ => (span, kind),
    }
}

#[cfg(any(test, feature = "internals"))]
/// Recognises and groups the entities of the article (one stage alone, for tests and benchmarks).
pub fn find(
    text: &str,
    document: &Document,
    settings: &Settings,
) -> (Vec<Entity>, Vec<Diagnostic>) {
    find_in(
        text,
        document,
        settings,
        read_once(text, document),
    )
}

/// The article's words with what the tagger reads of them and the static part of its scores:
/// the first part of finding entities, the one that can be split across threads (through
/// `join`).
pub struct Words {
    regions: Vec<Span>,
    article: features::Article,
    /// `None` when the shipped model is unusable (then no names are recognised).
    static_scores: Option<model::StaticScores>,
}

/// What a reading of the words may reuse from the last analysis of the same document, and
/// where it records what it used or made for the next.
pub(crate) struct WordsMemo<'a> {
    pub words: &'a Memo<features::RegionWords>,
    pub kept_words: &'a mut Kept<features::RegionWords>,
    pub scores: &'a Memo<model::RegionScores>,
    pub kept_scores: &'a mut Kept<model::RegionScores>,
}

/// `read`, one thread, nothing reused or kept.
#[cfg(any(test, feature = "internals"))]
fn read_once(text: &str, document: &Document) -> Words {
    let memo = WordsMemo {
        words: &Memo::default(),
        kept_words: &mut Kept::new(false),
        scores: &Memo::default(),
        kept_scores: &mut Kept::new(false),
    };
    read(text, document, &Sequential, memo)
}

pub(crate) fn read(text: &str, document: &Document, join: &impl Join, memo: WordsMemo) -> Words {
    let regions = regions(document);
    let table = model::SHIPPED
        .as_ref()
        .map_or(table::Table::EMPTY, |model| *model.table());
    let article =
        features::Article::joined(text, &regions, &table, join, memo.words, memo.kept_words);
    let static_scores = model::SHIPPED.as_ref().map(|model| {
        model::StaticScores::new(model, text, &article, join, memo.scores, memo.kept_scores)
    });
    Words {
        regions,
        article,
        static_scores,
    }
}

/// Finds the entities of the article from its words (see `read`).
pub fn find_in(
    text: &str,
    document: &Document,
    settings: &Settings,
    words: Words,
) -> (Vec<Entity>, Vec<Diagnostic>) {
    let declared = declared_names(text, &words.regions, settings);
    let (recognized, tokens) = recognize_in(text, document, &words);
    // The tokens' lower-case hashes, which grouping counts words by, are the tagger's own.
    let lower = words.article.infos.iter().map(|info| info.lower).collect();
    // The tagger's features are not needed by grouping: freed before it, as a long article's
    // features are large.
    let Words { regions, .. } = words;
    let mut stripped: HashMap<(&str, EntityKind), Vec<(Span, EntityKind)>> = HashMap::default();
    let mut names: Vec<grouping::Name> = recognized
        .into_iter()
        .filter(|(span, _)| !declared.iter().any(|name| name.span.overlaps(*span)))
        .filter_map(|(span, kind)| before_in(text, span, kind))
        .flat_map(|(span, kind)| {
            // A name recurs through an article: each spelling of each kind is stripped of its
            // role once (it depends on the name's own words only).
            let name = span.slice(text);
            let parts = stripped
                .entry((name, kind))
                .or_insert_with(|| without_role(name, Span::new(0, name.len()), kind));
            parts
                .iter()
                .map(|(part, kind)| {
                    (
                        Span::new(span.start + part.start, span.start + part.end),
                        *kind,
                    )
                })
                .collect::<Vec<_>>()
        })
        .map(|(span, kind)| grouping::Name {
            span,
            kind,
            declared: None,
            declared_kind: None,
        })
        .collect();
    names.extend(declared);
    names.sort_by_key(|name| name.span);
    names.dedup_by_key(|name| name.span);
    grouping::group(
        text,
        document,
        &regions,
        tokens,
        lower,
        names,
        &settings.declared_entities,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(name: &str) -> (&str, EntityKind) {
        let names = without_role(name, Span::new(0, name.len()), EntityKind::Other);
        // The last name is the person; a place before the role comes first.
        match names.last() {
            Some(&(span, kind)) => (span.slice(name), kind),
            None => ("", EntityKind::Other),
        }
    }

    #[test]
    fn a_country_before_a_role_stays_a_place() {
        let name = "US President Joe Biden";
        let names: Vec<(&str, EntityKind)> =
            without_role(name, Span::new(0, name.len()), EntityKind::Person)
                .into_iter()
                .map(|(span, kind)| (span.slice(name), kind))
                .collect();
        assert_eq!(
            names,
            vec![("US", EntityKind::Place), ("Joe Biden", EntityKind::Person)]
        );
    }

    #[test]
    fn roles_come_off_names() {
        assert_eq!(
            stripped("US President Joe Biden"),
            ("Joe Biden", EntityKind::Person)
        );
        assert_eq!(
            stripped("President Joe Biden"),
            ("Joe Biden", EntityKind::Person)
        );
        assert_eq!(
            stripped("Secretary of State Antony Blinken"),
            ("Antony Blinken", EntityKind::Person)
        );
        assert_eq!(
            stripped("President Biden"),
            ("President Biden", EntityKind::Other)
        );
        assert_eq!(
            stripped("General Electric"),
            ("General Electric", EntityKind::Other)
        );
        assert_eq!(
            stripped("General Motors Corp"),
            ("General Motors Corp", EntityKind::Other)
        );
        assert_eq!(stripped("Prime Minister"), ("", EntityKind::Other));
        assert_eq!(stripped("US President"), ("US", EntityKind::Place));
        assert_eq!(
            stripped("United States President"),
            ("United States", EntityKind::Place)
        );
        assert_eq!(
            stripped("Russian President"),
            ("Russian", EntityKind::Other)
        );
        assert_eq!(
            stripped("White House Press Secretary"),
            ("White House Press Secretary", EntityKind::Other)
        );
    }
}
