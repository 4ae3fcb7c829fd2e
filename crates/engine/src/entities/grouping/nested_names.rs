//! A name inside a longer name is a mention of its own entity when the article also uses it
//! alone: "Google" in "Google Science Fair", "Texas" in "University of Texas", "U.S." in "U.S.
//! Air Force". A reader following Google through the article follows it there too, and
//! coreference annotators (GUM, OntoNotes) mark it; name layers that never nest (CoNLL,
//! spaCy's `doc.ents`) leave it out again with `entities::names_only`.
//!
//! It runs after clustering and adds mentions only: it must not change clusters, names or
//! kinds. A person's name holds no other entity's name ("John" in "John Smith" is that
//! person's given name, whoever else is called John).

use crate::hash_maps::HashMap;
use std::collections::hash_map::Entry;

use super::state::Grouping;
use crate::entities::{Mention, MentionKind};
use crate::span::Span;

/// Longest inner name looked for, in tokens: names of organisations rarely nest deeper.
const MAX_INNER_TOKENS: usize = 6;

impl Grouping<'_> {
    /// Adds "Google" in "Google Science Fair" to the entity the article calls "Google" alone.
    pub(super) fn add_names_inside_names(&mut self) {
        // The cluster each written name belongs to; a spelling two clusters share is
        // ambiguous and names no one.
        let mut cluster_of_text: HashMap<&str, Option<usize>> = HashMap::default();
        for (index, name) in self.names.iter().enumerate() {
            let text = name.span.slice(self.text);
            if !text.starts_with(char::is_uppercase) || text.chars().nth(1).is_none() {
                continue;
            }
            match cluster_of_text.entry(text) {
                Entry::Vacant(slot) => {
                    slot.insert(Some(self.owner[index]));
                }
                Entry::Occupied(mut slot) => {
                    if *slot.get() != Some(self.owner[index]) {
                        slot.insert(None);
                    }
                }
            }
        }
        let mut added: Vec<(usize, Span)> = Vec::new();
        // Which tokens of the current name an inner name took: one buffer for every name.
        let mut taken: Vec<bool> = Vec::new();
        for (index, name) in self.names.iter().enumerate() {
            let outer = self.owner[index];
            if self.is_person(outer) {
                continue;
            }
            let (Some(first), Some(last)) = (
                self.token_at(name.span.start),
                self.token_ending_at(name.span.end),
            ) else {
                continue;
            };
            // Longest inner names first, so that "New York" in "New York Stock Exchange" is
            // taken and "York" inside it is not looked for.
            taken.clear();
            taken.resize(last + 1 - first, false);
            for width in (1..=(last - first).min(MAX_INNER_TOKENS)).rev() {
                for start in first..=last + 1 - width {
                    let end = start + width - 1;
                    if taken[start - first..=end - first].iter().any(|&t| t) {
                        continue;
                    }
                    let span = self.span_of(start, end);
                    let Some(&Some(inner)) = cluster_of_text.get(span.slice(self.text)) else {
                        continue;
                    };
                    if inner == outer {
                        continue;
                    }
                    taken[start - first..=end - first].fill(true);
                    added.push((inner, span));
                }
            }
        }
        for (cluster, span) in added {
            self.clusters[cluster].others.push(Mention {
                span,
                kind: MentionKind::Name,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn a_name_used_alone_is_a_mention_inside_a_longer_name() {
        let (entities, _) = render(
            "[Google|ORG] said the [Google Science Fair|OTHER] opens at the [University of \
             Texas|ORG] in [Texas|LOC] on Monday.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Google = *Google | Google",
                "OTHER Google Science Fair = *Google Science Fair",
                "ORG University of Texas = *University of Texas",
                "PLACE Texas = Texas | *Texas",
            ]
        );
    }

    #[test]
    fn a_name_never_used_alone_is_no_mention() {
        let (entities, _) = render(
            "[Google Science Fair|OTHER] judges met at the [University of Texas|ORG] on Monday.",
        );
        assert_eq!(
            entities,
            vec![
                "OTHER Google Science Fair = *Google Science Fair",
                "ORG University of Texas = *University of Texas",
            ]
        );
    }
}
