//! Acronyms and their long forms: "North Atlantic Treaty Organisation (NATO)", or an
//! all-capitals name spelling the initials of an earlier name. While names are clustered it
//! tells `names` which cluster an acronym joins; once all are clustered, it joins an acronym
//! used before its long form to it.
//!
//! It knows names, their words and owners only; nothing of tokens, roles or mentions.

use super::state::Grouping;
use crate::entities::EntityKind;

impl Grouping<'_> {
    /// An acronym used before its long form ("NATO … North Atlantic Treaty Organisation (NATO)")
    /// starts an entity of its own; this joins the two once all names are known.
    pub(super) fn merge_acronyms(&mut self) {
        for index in 0..self.names.len() {
            let Some(long) = self.acronym_cluster(index) else {
                continue;
            };
            let short = self.owner[index];
            if long != short && !self.clusters[short].names.is_empty() {
                let (from, into) = if long < short {
                    (short, long)
                } else {
                    (long, short)
                };
                self.merge(from, into);
            }
        }
    }

    /// "North Atlantic Treaty Organisation (NATO)": an all-capitals name that spells the
    /// initials of an earlier organisation, or stands in brackets right after it.
    pub(super) fn acronym_cluster(&self, index: usize) -> Option<usize> {
        let text = self.name_text(index);
        // Most names are no acronym: told before any string is built.
        let letters = || text.chars().filter(|c| *c != '.');
        // Capitals first: most names fail at their second letter, without counting them all.
        let is_acronym =
            letters().all(|c| c.is_uppercase()) && (2..=6).contains(&letters().count());
        if !is_acronym {
            return None;
        }
        let acronym = letters().collect::<String>().to_lowercase();
        let start = self.names[index].span.start;
        let before = self.text.get(..start).unwrap_or("").trim_end();
        if let Some(before_bracket) = before.strip_suffix('(') {
            let end = before_bracket.trim_end().len();
            // A bracket after a name also says where it is from ("Doug Flach (U.S.)"): it
            // defines an acronym only of a name that is no person, and a place only of a place.
            if let Some(long) = (0..index).rev().find(|&n| self.names[n].span.end == end)
                && self.words[long].len() >= 2
                && self.names[long].kind != EntityKind::Person
                && (self.names[index].kind != EntityKind::Place
                    || self.names[long].kind == EntityKind::Place)
            {
                return Some(self.owner[long]);
            }
        }
        // The latest entity holding a long form: owners only move to lower clusters on merges,
        // so the highest owner among the clustered long forms is that entity.
        self.by_initials
            .get(&acronym)?
            .iter()
            .take_while(|&&n| n < self.clustered)
            .map(|&n| self.owner[n])
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn a_place_in_brackets_after_a_person_is_no_acronym() {
        let (entities, _) = render(
            "[Tim Henman|PERSON] ([Britain|PLACE]) beat [Doug Flach|PERSON] ([U.S.|PLACE]) and \
             [Lisa Raymond|PERSON] ([U.S.|PLACE]).",
        );
        for person in ["Doug Flach", "Lisa Raymond"] {
            assert!(
                entities
                    .iter()
                    .any(|entity| entity.starts_with(&format!("PERSON {person} ="))),
                "{entities:?}"
            );
        }
    }

    #[test]
    fn acronyms_join_their_long_form_either_way() {
        let (entities, _) = render(
            "[NATO|ORG] met. The [North Atlantic Treaty Organisation|ORG] ([NATO|ORG]) said so.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG North Atlantic Treaty Organisation (NATO) = NATO | *North Atlantic Treaty Organisation | NATO"
            ]
        );
    }
}
