//! Nominal mentions: a generic noun after a determiner ("the company", "this country") refers
//! to the organisation or place named last in the last few sentences; a role phrase ("the
//! spokesperson", "Kremlin spokesperson", "the US President") to the one person holding a role
//! it ends, however the role's country is written.
//!
//! Called by `links` at each candidate token; it must not know of pronouns, and reads roles as
//! `roles` found them.

use super::links::LinkIndex;
use super::state::Grouping;
use super::words::canonical_places;
use crate::entities::lexicon::LEXICON;
use crate::entities::spelling::name_words;
use crate::entities::{Mention, MentionKind};

impl Grouping<'_> {
    /// "the company", "this country": a common noun after a determiner that refers back to the
    /// organisation or place named last in the last few sentences. Returns the noun's token.
    pub(super) fn generic_nominal(
        &mut self,
        links: &mut LinkIndex,
        determiner: usize,
    ) -> Option<usize> {
        let head = determiner + 1;
        let noun = self.tokens.get(head)?.text(self.text);
        let kind = *LEXICON.nominal_heads.get(noun)?;
        if self.tokens[head].starts_segment || self.token_owner[head].is_some() {
            return None;
        }
        let offset = self.tokens[determiner].span.start;
        let window = self.window_start(offset);
        // The latest mention in the window of a cluster of the noun's kind.
        let &(_, latest) = links
            .mentions_by_start
            .range((window, 0)..(offset, 0))
            .rev()
            .find(|&&(_, cluster)| self.clusters[cluster].leading_kind() == kind)?;
        let span = self.span_of(determiner, head);
        self.add_link(
            links,
            latest,
            Mention {
                span,
                kind: MentionKind::Nominal,
            },
        );
        Some(head)
    }

    /// A role phrase ending at `head` that names one known person ("the spokesperson",
    /// "Kremlin spokesperson", "the US President"). Returns the last token used.
    pub(super) fn nominal_at(&mut self, links: &mut LinkIndex, head: usize) -> Option<usize> {
        // No person holds a role: no phrase can name one (nothing below links anything else).
        if links.roles_by_last_word.is_empty() {
            return None;
        }
        let start = self.role_start(head);
        let phrase: Vec<String> = (start..=head)
            .flat_map(|token| name_words(self.word(token)))
            .collect();
        let determiner = start > 0
            && !self.tokens[start].starts_segment
            && self.word(start - 1).eq_ignore_ascii_case("the");
        let sentence_initial_determiner = start > 0
            && self.tokens[start - 1].starts_segment
            && self.word(start - 1).eq_ignore_ascii_case("the");
        let determiner = determiner || sentence_initial_determiner;
        if !determiner && phrase.len() < 2 {
            return None;
        }
        let offset = self.tokens[head].span.start;
        let phrase = canonical_places(&phrase);
        let mut candidates: Vec<usize> = phrase
            .last()
            .and_then(|last| links.roles_by_last_word.get(last))
            .into_iter()
            .flatten()
            .filter(|(cluster, role)| {
                self.is_person(*cluster)
                    && links.first_name_start[*cluster] < offset
                    && role_matches_as_written(&phrase, role)
            })
            .map(|&(cluster, _)| cluster)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let chosen = match candidates[..] {
            [only] => only,
            _ => {
                let window = self.window_start(offset);
                let mentioned = links.mentioned_in(window, offset);
                let recent: Vec<usize> = candidates
                    .into_iter()
                    .filter(|cluster| mentioned.binary_search(cluster).is_ok())
                    .collect();
                match recent[..] {
                    [only] => only,
                    _ => return None,
                }
            }
        };
        let first = if determiner { start - 1 } else { start };
        let span = self.span_of(first, head);
        self.add_link(
            links,
            chosen,
            Mention {
                span,
                kind: MentionKind::Nominal,
            },
        );
        Some(head)
    }
}

/// A nominal phrase names a role when the role ends with the phrase ("spokesperson" of
/// "Kremlin spokesperson") and the phrase keeps the role's head noun.
fn role_matches_as_written(phrase: &[String], role: &[String]) -> bool {
    let before_of = role
        .iter()
        .position(|word| word == "of")
        .unwrap_or(role.len());
    let head = role[..before_of]
        .iter()
        .rev()
        .find(|word| LEXICON.is_title_head(word));
    let Some(head) = head else {
        return false;
    };
    let suffix = role.len() >= phrase.len() && role[role.len() - phrase.len()..] == *phrase;
    suffix && phrase.contains(head)
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn surname_pronoun_and_role_nominal() {
        let (entities, _) = render(
            "[White House|ORG] press secretary [Jen Psaki|PER] said so. [Psaki|PER] added that \
             she would wait. The [White House|ORG] press secretary left.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG White House = *White House | White House",
                "PERSON Jen Psaki (White House press secretary) = *Jen Psaki | Psaki | she | The White House press secretary",
            ]
        );
    }

    #[test]
    fn a_role_links_however_its_country_is_written() {
        let (entities, _) = render(
            "[United States|LOC] President [Joe Biden|PER] arrived. Later the [US|LOC] President \
             spoke. [US|LOC] President had already said so; [Russian|MISC] President \
             [Vladimir Putin|PER] agreed.",
        );
        assert_eq!(
            entities,
            vec![
                "PLACE United States = *United States",
                "PERSON Joe Biden (United States President) = United States President Joe Biden | *Joe Biden | the US President | \
                 US President",
                "OTHER Russian = *Russian",
                "PERSON Vladimir Putin (Russian President) = Russian President Vladimir Putin | *Vladimir Putin",
            ]
        );
    }

    #[test]
    fn generic_nominals_refer_to_the_last_fitting_name() {
        let (entities, _) = render(
            "[Acme Corp|ORG] opened an office in [Lyon|LOC]. The company said the city helped.",
        );
        assert_eq!(
            entities,
            vec![
                "ORG Acme Corp = *Acme Corp | The company",
                "PLACE Lyon = *Lyon | the city",
            ]
        );
    }
}
