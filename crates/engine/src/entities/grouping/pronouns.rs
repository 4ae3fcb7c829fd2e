//! Personal pronouns: "she", "he" linked to the one person of a compatible gender mentioned in
//! the last few sentences, when there is exactly one; the link fixes the person's gender.
//!
//! Called by `links` at each pronoun; it must not know of nominals or roles.

use super::links::LinkIndex;
use super::state::Grouping;
use crate::entities::lexicon::Gender;
use crate::entities::{Mention, MentionKind};

impl Grouping<'_> {
    /// Links the pronoun at token `index`, of `gender`, to the one person it can refer to.
    pub(super) fn link_pronoun(&mut self, links: &mut LinkIndex, index: usize, gender: Gender) {
        let start = self.tokens[index].span.start;
        let window = self.window_start(start);
        let candidates: Vec<usize> = links
            .mentioned_in(window, start)
            .into_iter()
            .filter(|&cluster| {
                self.is_person(cluster)
                    && self.clusters[cluster]
                        .gender
                        .is_none_or(|known| known == gender)
            })
            .collect();
        if let [cluster] = candidates[..] {
            let span = self.tokens[index].span;
            self.clusters[cluster].gender = Some(gender);
            self.add_link(
                links,
                cluster,
                Mention {
                    span,
                    kind: MentionKind::Pronoun,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn pronouns_link_only_when_one_person_fits() {
        let (entities, _) = render("[John Smith|PER] met [Mary Jones|PER]. She said he agreed.");
        assert_eq!(
            entities,
            vec![
                "PERSON John Smith = *John Smith | he",
                "PERSON Mary Jones = *Mary Jones | She",
            ]
        );
        let (entities, _) = render("[Smith|PER] met [Jones|PER]. She left.");
        assert_eq!(
            entities,
            vec!["PERSON Smith = *Smith", "PERSON Jones = *Jones"]
        );
    }
}
