//! The last step: each cluster with a name becomes an `Entity`: its canonical name (the
//! declared one, else the fullest name spelt right, with its acronym), kind, role, defining
//! mention and all its mentions; entities in order of their first mention.
//!
//! It reads the state the passes left and changes nothing; it must not find mentions itself.

use super::state::Grouping;
use super::words::{initials, leading_titles};
use crate::entities::spelling::name_words;
use crate::entities::{Entity, EntityId, Mention, MentionKind};
use crate::settings::DeclaredEntity;

impl Grouping<'_> {
    /// The entities of the clusters that kept a name.
    pub(super) fn entities(&self, declared: &[DeclaredEntity]) -> Vec<Entity> {
        let mut entities: Vec<Entity> = Vec::new();
        for cluster in &self.clusters {
            let Some(&first_name) = cluster.names.first() else {
                continue;
            };
            // Without a misspelling in the article (most), every name is spelt right: no list.
            let spelled_right: Vec<usize> = if self.corrections.is_empty() {
                Vec::new()
            } else {
                cluster
                    .names
                    .iter()
                    .copied()
                    .filter(|n| !self.corrections.contains_key(n))
                    .collect()
            };
            let candidates = if spelled_right.is_empty() {
                &cluster.names
            } else {
                &spelled_right
            };
            // The fullest name: most words, then most letters (a title aside), then as written
            // in running text rather than in an ALL-CAPS title or dateline, then first used.
            let fullest = candidates
                .iter()
                .copied()
                .max_by_key(|&n| {
                    let titles = leading_titles(&self.words[n]);
                    (
                        self.words[n].len() - titles,
                        self.words[n][titles..]
                            .iter()
                            .map(String::len)
                            .sum::<usize>(),
                        self.name_text(n).chars().any(char::is_lowercase),
                        std::cmp::Reverse(n),
                    )
                })
                .unwrap_or(first_name);
            let declared_entity = cluster.declared.and_then(|index| declared.get(index));
            // An acronym the article spells out is named with both: "North Atlantic Treaty
            // Organisation (NATO)".
            let acronym = candidates.iter().copied().find(|&n| {
                let text = self.name_text(n);
                text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && text.chars().all(|c| c.is_uppercase() || c == '.')
                    && initials(&self.words[fullest]) == self.words[n].join("")
            });
            let canonical = match (declared_entity, acronym) {
                (Some(entity), _) => entity.name.clone(),
                (None, Some(acronym)) if acronym != fullest => {
                    format!("{} ({})", self.name_text(fullest), self.name_text(acronym))
                }
                _ => self.name_text(fullest).to_string(),
            };
            let declared_words = declared_entity.map(|entity| name_words(&entity.name));
            let definition_words = declared_words.as_deref().unwrap_or(&self.words[fullest]);
            let definition = cluster
                .names
                .iter()
                .copied()
                .find(|&n| self.words[n] == definition_words)
                .unwrap_or(fullest);
            let kind = cluster.leading_kind();
            let role = declared_entity
                .and_then(|entity| entity.role.clone())
                .or_else(|| cluster.roles.first().map(|(text, _)| text.clone()));
            let mut mentions: Vec<Mention> = cluster
                .names
                .iter()
                .map(|&n| Mention {
                    span: self.names[n].span,
                    kind: if self.name_text(n).starts_with(char::is_lowercase) {
                        MentionKind::Nominal
                    } else {
                        MentionKind::Name
                    },
                })
                .chain(cluster.others.iter().cloned())
                .collect();
            mentions.sort_by_key(|mention| mention.span);
            mentions.dedup_by_key(|mention| mention.span);
            entities.push(Entity {
                id: EntityId(0),
                canonical,
                kind,
                role,
                definition: self.names[definition].span,
                mentions,
            });
        }
        entities.sort_by_key(|entity| entity.mentions.first().map(|mention| mention.span));
        for (index, entity) in entities.iter_mut().enumerate() {
            entity.id = EntityId(index);
        }
        entities
    }
}
