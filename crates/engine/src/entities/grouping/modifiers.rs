//! "US" in "the US President" linked to a person is part of that person's mention, not a
//! mention of its own: once nominals are linked, the names of places and nationalities inside
//! a person's role nominal are dropped from their clusters.
//!
//! It reads the nominals `links` made; it must not know how they were found.

use super::state::Grouping;
use crate::entities::{EntityKind, MentionKind};
use crate::span::Span;

impl Grouping<'_> {
    /// "US" in "the US President" linked to a person is part of that person's mention, not a
    /// mention of its own: a speaker or reader of the phrase means the person.
    pub(super) fn drop_modifiers_of_role_nominals(&mut self) {
        let mut nominals: Vec<Span> = Vec::new();
        for (cluster, entry) in self.clusters.iter().enumerate() {
            if self.is_person(cluster) {
                nominals.extend(
                    entry
                        .others
                        .iter()
                        .filter(|mention| mention.kind == MentionKind::Nominal)
                        .map(|mention| mention.span),
                );
            }
        }
        if nominals.is_empty() {
            return;
        }
        nominals.sort();
        for cluster in 0..self.clusters.len() {
            // Organisations ("the Kremlin spokesperson") stay: only countries and nationalities
            // are read as part of the role.
            if !matches!(
                self.clusters[cluster].leading_kind(),
                EntityKind::Place | EntityKind::Other
            ) {
                continue;
            }
            let names = &self.names;
            self.clusters[cluster].names.retain(|&name| {
                let span = names[name].span;
                let before = nominals.partition_point(|nominal| nominal.start <= span.start);
                !nominals[..before]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|nominal| nominal.contains_span(span))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn full_name_after_surname_and_role_with_nationality() {
        let (entities, _) = render(
            "[Biden|PER] spoke first. Then [US|LOC] President [Joe Biden|PER] arrived. Later the \
             [US|LOC] President said [Moscow|LOC]'s offer stood.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Joe Biden (US President) = Biden | US President Joe Biden | *Joe Biden | the US President",
                "PLACE US = *US",
                "PLACE Moscow = *Moscow",
            ]
        );
    }
}
