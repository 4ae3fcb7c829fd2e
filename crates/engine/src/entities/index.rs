//! The corpus index: the entities of many articles merged into corpus-wide entries with a
//! canonical name, aliases, a definition and every mention, for cross-article definition,
//! references, workspace symbols and spelling checks.
//!
//! Pure: the caller analyses the articles and passes their entities and texts in; articles are
//! named by an id the caller chooses (a path, a URI). It knows nothing of files or the LSP.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::spelling::{is_near_miss, name_words};
use super::{Entity, EntityKind, MentionKind};
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::Code;
use crate::settings::DeclaredEntity;
use crate::span::Span;

/// One article's contribution to the index.
#[derive(Debug, Clone, Copy)]
pub struct ArticleEntities<'a> {
    pub article: &'a str,
    pub text: &'a str,
    pub entities: &'a [Entity],
}

/// A mention somewhere in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub article: String,
    pub span: Span,
    pub kind: MentionKind,
    /// The mention's text, as written.
    pub text: String,
}

/// One corpus-wide entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub canonical: String,
    pub kind: EntityKind,
    pub role: Option<String>,
    /// Every name the corpus (or newsls.toml) uses for it, as written.
    pub aliases: BTreeSet<String>,
    /// The first defining mention, in the order the articles were given.
    pub definition: Option<Location>,
    /// Every mention, article by article in the order given, in text order within an article.
    pub mentions: Vec<Location>,
    /// Declared by the user in newsls.toml.
    pub declared: bool,
}

#[derive(Debug, Clone, Default)]
pub struct CorpusIndex {
    entries: Vec<IndexEntry>,
    /// Normalised name or alias → entry.
    by_name: HashMap<String, usize>,
}

fn key(name: &str) -> String {
    name_words(name).join(" ")
}

impl CorpusIndex {
    /// Builds the index from the articles (in the order given) and the declared entities.
    pub fn build<'a>(
        articles: impl IntoIterator<Item = ArticleEntities<'a>>,
        declared: &[DeclaredEntity],
    ) -> CorpusIndex {
        let mut index = CorpusIndex::default();
        for entity in declared {
            let kind = entity
                .kind
                .as_deref()
                .and_then(EntityKind::parse)
                .unwrap_or(EntityKind::Person);
            let entry = index.entries.len();
            let mut aliases: BTreeSet<String> = entity.aliases.iter().cloned().collect();
            aliases.insert(entity.name.clone());
            for alias in &aliases {
                index.by_name.insert(key(alias), entry);
            }
            index.entries.push(IndexEntry {
                canonical: entity.name.clone(),
                kind,
                role: entity.role.clone(),
                aliases,
                definition: None,
                mentions: Vec::new(),
                declared: true,
            });
        }
        for article in articles {
            for entity in article.entities {
                index.add(article, entity);
            }
        }
        index
    }

    fn add(&mut self, article: ArticleEntities, entity: &Entity) {
        let names: Vec<String> = entity
            .mentions
            .iter()
            .filter(|mention| mention.kind == MentionKind::Name)
            .map(|mention| mention.span.slice(article.text).to_string())
            .filter(|name| !name.is_empty())
            .collect();
        let entry = self.matching_entry(entity, &names).unwrap_or_else(|| {
            self.entries.push(IndexEntry {
                canonical: entity.canonical.clone(),
                kind: entity.kind,
                role: None,
                aliases: BTreeSet::new(),
                definition: None,
                mentions: Vec::new(),
                declared: false,
            });
            self.entries.len() - 1
        });
        let target = &mut self.entries[entry];
        // The fullest canonical name wins, unless the user declared one.
        if !target.declared
            && name_words(&entity.canonical).len() > name_words(&target.canonical).len()
        {
            target.canonical = entity.canonical.clone();
        }
        if target.role.is_none() {
            target.role = entity.role.clone();
        }
        if target.definition.is_none() {
            target.definition = Some(Location {
                article: article.article.to_string(),
                span: entity.definition,
                kind: MentionKind::Name,
                text: entity.definition.slice(article.text).to_string(),
            });
        }
        target
            .mentions
            .extend(entity.mentions.iter().map(|mention| Location {
                article: article.article.to_string(),
                span: mention.span,
                kind: mention.kind,
                text: mention.span.slice(article.text).to_string(),
            }));
        let canonical = entity.canonical.clone();
        for name in names.into_iter().chain(std::iter::once(canonical)) {
            self.by_name.entry(key(&name)).or_insert(entry);
            self.entries[entry].aliases.insert(name);
        }
    }

    /// The entry an article's entity belongs to: same canonical name, a shared name that is
    /// unambiguous across articles (a full name, not a lone surname), or a near-miss spelling.
    fn matching_entry(&self, entity: &Entity, names: &[String]) -> Option<usize> {
        let compatible = |entry: usize| {
            let existing = &self.entries[entry];
            existing.declared || existing.kind == entity.kind
        };
        if let Some(&entry) = self.by_name.get(&key(&entity.canonical))
            && compatible(entry)
        {
            return Some(entry);
        }
        for name in names {
            let words = name_words(name);
            let unambiguous = words.len() >= 2 || entity.kind != EntityKind::Person;
            if unambiguous
                && let Some(&entry) = self.by_name.get(&words.join(" "))
                && compatible(entry)
            {
                return Some(entry);
            }
        }
        let canonical = name_words(&entity.canonical);
        self.entries.iter().position(|entry| {
            entry.kind == entity.kind
                && entry
                    .aliases
                    .iter()
                    .any(|alias| is_near_miss(&canonical, &name_words(alias)))
        })
    }

    pub fn entries(&self) -> &[IndexEntry] {
        &self.entries
    }

    /// The entry named `name` (canonical name or alias, any case), or failing that the one
    /// whose name `name` misspells.
    pub fn lookup(&self, name: &str) -> Option<&IndexEntry> {
        if let Some(&entry) = self.by_name.get(&key(name)) {
            return self.entries.get(entry);
        }
        let words = name_words(name);
        self.entries.iter().find(|entry| {
            entry
                .aliases
                .iter()
                .any(|alias| is_near_miss(&words, &name_words(alias)))
        })
    }

    /// The entry with a mention at `offset` of `article`.
    pub fn entry_at(&self, article: &str, offset: usize) -> Option<&IndexEntry> {
        self.entries.iter().find(|entry| {
            entry
                .mentions
                .iter()
                .any(|mention| mention.article == article && mention.span.contains(offset))
        })
    }

    /// Where the entity named `name` is defined.
    pub fn definition(&self, name: &str) -> Option<&Location> {
        self.lookup(name)?.definition.as_ref()
    }

    /// Every mention of the entity named `name`, across the corpus.
    pub fn references(&self, name: &str) -> &[Location] {
        self.lookup(name)
            .map_or(&[], |entry| entry.mentions.as_slice())
    }

    /// Workspace symbols: entries whose canonical name or an alias contains `query` (any case),
    /// in index order.
    pub fn symbols(&self, query: &str) -> Vec<&IndexEntry> {
        let query = query.to_lowercase();
        self.entries
            .iter()
            .filter(|entry| {
                std::iter::once(&entry.canonical)
                    .chain(&entry.aliases)
                    .any(|name| name.to_lowercase().contains(&query))
            })
            .collect()
    }

    /// `entity-spelling` findings across the corpus: name mentions spelt as a near miss of the
    /// entry's usual spelling, by article.
    pub fn spelling_diagnostics(&self) -> BTreeMap<String, Vec<Diagnostic>> {
        let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for entry in &self.entries {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for mention in &entry.mentions {
                if mention.kind == MentionKind::Name {
                    *counts.entry(mention.text.as_str()).or_default() += 1;
                }
            }
            for mention in &entry.mentions {
                if mention.kind != MentionKind::Name {
                    continue;
                }
                let words = name_words(&mention.text);
                let own = counts.get(mention.text.as_str()).copied().unwrap_or(0);
                let intended = counts
                    .iter()
                    .find(|(name, count)| **count > own && is_near_miss(&words, &name_words(name)));
                let intended = intended.map(|(name, _)| name.to_string()).or_else(|| {
                    (entry.declared && is_near_miss(&words, &name_words(&entry.canonical)))
                        .then(|| entry.canonical.clone())
                });
                if let Some(intended) = intended {
                    out.entry(mention.article.clone()).or_default().push(
                        Diagnostic::new(
                            Code::EntitySpelling,
                            mention.span,
                            format!(
                                "\"{}\" looks like a misspelling of \"{intended}\", as the name is spelt elsewhere in the corpus",
                                mention.text
                            ),
                        )
                        .with_fix(Fix {
                            title: format!("Replace with \"{intended}\""),
                            span: mention.span,
                            replacement: intended.clone(),
                        }),
                    );
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{EntityId, Mention};

    /// An entity whose mentions are the given substrings of `text`, each found after the last.
    fn entity(text: &str, canonical: &str, kind: EntityKind, names: &[&str]) -> Entity {
        let mut from = 0;
        let mut mentions = Vec::new();
        for name in names {
            let at = from + text[from..].find(name).unwrap_or(0);
            from = at + name.len();
            mentions.push(Mention {
                span: Span::new(at, from),
                kind: MentionKind::Name,
            });
        }
        Entity {
            id: EntityId(0),
            canonical: canonical.to_string(),
            kind,
            role: None,
            definition: mentions[0].span,
            mentions,
        }
    }

    #[test]
    fn merges_articles_and_answers_queries() {
        let first = "Vladimir Putin met Joe Biden. Putin left.";
        let second = "Russian leader Vladamir Putin spoke. Smith agreed.";
        let third = "Mr Putin, whom the Kremlin calls Vladimir Putin, and John Smith.";
        let entities_1 = vec![
            entity(
                first,
                "Vladimir Putin",
                EntityKind::Person,
                &["Vladimir Putin", "Putin"],
            ),
            entity(first, "Joe Biden", EntityKind::Person, &["Joe Biden"]),
        ];
        let entities_2 = vec![
            entity(
                second,
                "Vladamir Putin",
                EntityKind::Person,
                &["Vladamir Putin"],
            ),
            entity(second, "Smith", EntityKind::Person, &["Smith"]),
        ];
        let entities_3 = vec![
            entity(
                third,
                "Vladimir Putin",
                EntityKind::Person,
                &["Vladimir Putin"],
            ),
            entity(third, "John Smith", EntityKind::Person, &["John Smith"]),
        ];
        let declared = vec![DeclaredEntity {
            name: "Joseph R. Biden".to_string(),
            aliases: vec!["Joe Biden".to_string(), "Biden".to_string()],
            kind: Some("PERSON".to_string()),
            role: Some("US President".to_string()),
        }];
        let index = CorpusIndex::build(
            [
                ArticleEntities {
                    article: "a.txt",
                    text: first,
                    entities: &entities_1,
                },
                ArticleEntities {
                    article: "b.txt",
                    text: second,
                    entities: &entities_2,
                },
                ArticleEntities {
                    article: "c.txt",
                    text: third,
                    entities: &entities_3,
                },
            ],
            &declared,
        );
        let putin = index
            .lookup("vladimir putin")
            .map(|entry| entry.canonical.as_str());
        assert_eq!(putin, Some("Vladimir Putin"));
        // The misspelling in b.txt joined the entry, and a lookup by it finds the entry too.
        assert_eq!(index.references("Vladimir Putin").len(), 4);
        assert_eq!(
            index.lookup("Vladamir Putin").map(|e| e.canonical.as_str()),
            Some("Vladimir Putin")
        );
        let definition = index
            .definition("Putin")
            .map(|location| location.article.as_str());
        assert_eq!(definition, Some("a.txt"));
        // The declared entity keeps its name and role and takes the article's mentions.
        let biden = index.lookup("Biden");
        assert_eq!(biden.map(|e| e.canonical.as_str()), Some("Joseph R. Biden"));
        assert_eq!(biden.and_then(|e| e.role.as_deref()), Some("US President"));
        assert_eq!(index.references("Joe Biden").len(), 1);
        // A lone surname in another article is not merged with a full name.
        assert_eq!(index.symbols("smith").len(), 2);
        assert_eq!(
            index.entry_at("b.txt", 15).map(|e| e.canonical.as_str()),
            Some("Vladimir Putin")
        );
        let spelling = index.spelling_diagnostics();
        let flagged: Vec<&str> = spelling
            .get("b.txt")
            .into_iter()
            .flatten()
            .filter_map(|d| d.fix.as_ref().map(|fix| fix.replacement.as_str()))
            .collect();
        assert_eq!(flagged, vec!["Vladimir Putin"]);
        assert!(!spelling.contains_key("a.txt"));
    }
}
