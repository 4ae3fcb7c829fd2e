//! Named entities: recognition of people, organisations and places, mention grouping,
//! canonical names, definitions and roles.
//!
//! Pure: the model is compiled into the binary; no files are read at run time.
//! The pipeline: `tokens` → `features` → `model` (recognition of name mentions) →
//! `grouping` (entities, pronouns, role nominals) → `spelling` (near-miss names);
//! `index` merges the entities of many articles. `perceptron` trains the model offline.

pub mod features;
pub mod grouping;
pub mod lexicon;
pub mod model;
pub mod perceptron;
pub mod spelling;
pub mod tokens;

use super::diagnostic::Diagnostic;
use super::document::{BlockKind, Document};
use super::settings::Settings;
use super::span::Span;

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
    Name,
    Pronoun,
    Nominal,
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

/// The parts of the article the tagger reads: every paragraph but web-page boilerplate.
fn regions(document: &Document) -> Vec<Span> {
    document
        .paragraphs
        .iter()
        .filter(|paragraph| paragraph.kind != BlockKind::Boilerplate)
        .map(|paragraph| paragraph.span)
        .collect()
}

/// Name mentions found by the tagger, in text order, outside boilerplate.
pub fn recognize(text: &str, document: &Document) -> Vec<(Span, EntityKind)> {
    recognize_in(text, document, &regions(document))
}

fn recognize_in(text: &str, document: &Document, regions: &[Span]) -> Vec<(Span, EntityKind)> {
    let Some(model) = model::SHIPPED.as_ref() else {
        return Vec::new();
    };
    let article = features::Article::new(text, regions);
    let tags = model::decode(model, &article, |_, _, _| {});
    model::spans(&article, &tags)
        .into_iter()
        .filter(|(span, _)| !document.is_boilerplate(*span))
        .collect()
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

/// Recognises and groups the entities of the article.
pub fn find(
    text: &str,
    document: &Document,
    settings: &Settings,
) -> (Vec<Entity>, Vec<Diagnostic>) {
    let regions = regions(document);
    let declared = declared_names(text, &regions, settings);
    let mut names: Vec<grouping::Name> = recognize_in(text, document, &regions)
        .into_iter()
        .filter(|(span, _)| !declared.iter().any(|name| name.span.overlaps(*span)))
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
    grouping::group(text, document, &regions, names, &settings.declared_entities)
}
