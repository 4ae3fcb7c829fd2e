//! Roles given next to person names: before the name ("White House press secretary Jen
//! Psaki") or in apposition after it ("Dmitry Peskov, the Kremlin spokesperson,"); and each
//! person's gender from a given name, where the lexicon knows it. Also what a role phrase is
//! (title words and the names of organisations, places and nationalities that modify them),
//! which `nominals` and `noun_phrases` read again.
//!
//! It reads clusters and token owners (after `token_owners`); it must not know of pronouns or
//! nominals, which are linked from the roles it finds.

use super::state::Grouping;
use crate::entities::lexicon::LEXICON;
use crate::entities::spelling::name_words;

impl Grouping<'_> {
    /// A token that may modify a role noun: part of an organisation's, place's or
    /// nationality's name ("White House", "Kremlin", "US", "Russian").
    fn is_modifier(&self, token: usize) -> bool {
        self.token_owner[token].is_some_and(|cluster| !self.is_person(cluster))
    }

    /// Tokens of a role phrase that ends at `head` (inclusive), going left through title words
    /// and modifiers, never past the start of a segment.
    pub(super) fn role_start(&self, head: usize) -> usize {
        let mut start = head;
        while start > 0 && !self.tokens[start].starts_segment {
            let previous = start - 1;
            if self.token_owner[previous].is_some() && !self.is_modifier(previous) {
                break;
            }
            if LEXICON.is_title_word(self.word(previous)) || self.is_modifier(previous) {
                start = previous;
            } else {
                break;
            }
        }
        while start < head && self.word(start).eq_ignore_ascii_case("of") {
            start += 1;
        }
        start
    }

    /// Roles given next to person names: "White House press secretary Jen Psaki",
    /// "Dmitry Peskov, the Kremlin spokesperson,".
    pub(super) fn find_roles(&mut self) {
        let mut found: Vec<(usize, String)> = Vec::new();
        for (index, name) in self.names.iter().enumerate() {
            let cluster = self.owner[index];
            if !self.is_person(cluster) {
                continue;
            }
            let first = self
                .tokens
                .partition_point(|token| token.span.start < name.span.start);
            if first >= self.tokens.len() || self.tokens[first].span.start != name.span.start {
                continue;
            }
            // Before the name.
            if first > 0
                && !self.tokens[first].starts_segment
                && LEXICON.is_title_head(self.word(first - 1))
            {
                let start = self.role_start(first - 1);
                found.push((
                    cluster,
                    self.span_of(start, first - 1).slice(self.text).to_string(),
                ));
                continue;
            }
            // After the name, as an apposition between commas.
            let after = self
                .tokens
                .partition_point(|token| token.span.start < name.span.end);
            if self
                .tokens
                .get(after)
                .is_some_and(|token| token.text(self.text) == ",")
            {
                let mut start = after + 1;
                if self.tokens.get(start).is_some_and(|token| {
                    matches!(
                        token.text(self.text).to_lowercase().as_str(),
                        "the" | "a" | "an"
                    )
                }) {
                    start += 1;
                }
                let mut end = start;
                while end < self.tokens.len()
                    && !self.tokens[end].starts_segment
                    && (LEXICON.is_title_word(self.word(end)) || self.is_modifier(end))
                {
                    end += 1;
                }
                let closed = self.tokens.get(end).is_none_or(|token| {
                    token.starts_segment || matches!(token.text(self.text), "," | "." | ";")
                });
                if end > start && closed && LEXICON.is_title_head(self.word(end - 1)) {
                    found.push((
                        cluster,
                        self.span_of(start, end - 1).slice(self.text).to_string(),
                    ));
                }
            }
        }
        for (cluster, role) in found {
            let words = name_words(&role);
            let roles = &mut self.clusters[cluster].roles;
            if !roles.iter().any(|(_, known)| *known == words) {
                roles.push((role, words));
            }
        }
        for cluster in 0..self.clusters.len() {
            if self.clusters[cluster].gender.is_none() {
                self.clusters[cluster].gender = self.clusters[cluster]
                    .names
                    .iter()
                    .filter(|&&n| self.words[n].len() >= 2)
                    .find_map(|&n| LEXICON.first_name_gender(&self.words[n][0]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn role_in_apposition_and_its_nominal() {
        let (entities, _) = render(
            "[Dmitry Peskov|PER], the [Kremlin|ORG] spokesperson, spoke. The spokesperson added more.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Dmitry Peskov (Kremlin spokesperson) = *Dmitry Peskov | the Kremlin spokesperson | The spokesperson",
                "ORG Kremlin = *Kremlin",
            ]
        );
    }
}
