//! The whole noun phrase around a name, as a reader points at the person or place: "US
//! President Barack Obama", "Mr Key", "New Zealand's Prime Minister John Key", "Alvin Yeung of
//! the Civic Party", "Irving, Texas" (but not a list of places), added as a further mention.
//!
//! It runs after all linking, so that the role words are not read again as a nominal; it adds
//! mentions only, and must not change clusters or names.

use super::state::Grouping;
use super::words::HONORIFICS;
use crate::entities::lexicon::LEXICON;
use crate::entities::{EntityKind, Mention, MentionKind};
use crate::span::Span;

impl Grouping<'_> {
    /// The token index where `span` starts, if a token starts there.
    pub(super) fn token_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .tokens
            .partition_point(|token| token.span.start < offset);
        (self.tokens.get(index)?.span.start == offset).then_some(index)
    }

    /// The token index where `span` ends, if a token ends there.
    pub(super) fn token_ending_at(&self, offset: usize) -> Option<usize> {
        let index = self.tokens.partition_point(|token| token.span.end < offset);
        (self.tokens.get(index)?.span.end == offset).then_some(index)
    }

    /// The first token of the name (not a person's) that ends with token `last`, if any.
    fn name_ending_at(&self, last: usize, of_kind: impl Fn(EntityKind) -> bool) -> Option<usize> {
        let cluster = self.token_owner[last]?;
        if !of_kind(self.clusters[cluster].leading_kind()) {
            return None;
        }
        let mut first = last;
        while first > 0
            && self.token_owner[first - 1] == Some(cluster)
            && !self.tokens[first].starts_segment
        {
            first -= 1;
        }
        Some(first)
    }

    /// The last token of the name of kind `of_kind` that starts at token `first`, if any.
    fn name_starting_at(
        &self,
        first: usize,
        of_kind: impl Fn(EntityKind) -> bool,
    ) -> Option<usize> {
        let cluster = self.token_owner[first]?;
        if !of_kind(self.clusters[cluster].leading_kind()) {
            return None;
        }
        let mut last = first;
        while last + 1 < self.tokens.len()
            && self.token_owner[last + 1] == Some(cluster)
            && !self.tokens[last + 1].starts_segment
        {
            last += 1;
        }
        Some(last)
    }

    /// The whole noun phrase around a name, as a reader points at the person or place:
    /// "US President Barack Obama", "Mr Key", "New Zealand's Prime Minister John Key",
    /// "Alvin Yeung of the Civic Party", "Irving, Texas". Added as a further mention of the
    /// same entity (the bare name stays a mention of its own), after all linking, so that the
    /// role words are not read again as a nominal.
    pub(super) fn add_full_noun_phrases(&mut self) {
        let mut added: Vec<(usize, Span)> = Vec::new();
        let not_person = |kind: EntityKind| kind != EntityKind::Person;
        for cluster in 0..self.clusters.len() {
            let kind = self.clusters[cluster].leading_kind();
            for &name in &self.clusters[cluster].names {
                let span = self.names[name].span;
                let (Some(first), Some(last)) =
                    (self.token_at(span.start), self.token_ending_at(span.end))
                else {
                    continue;
                };
                let starts = |token: usize| self.tokens[token].starts_segment;
                let lower = |token: usize| self.word(token).to_lowercase();
                if kind == EntityKind::Person {
                    let mut start = first;
                    if start > 0
                        && !starts(start)
                        && HONORIFICS.contains(&lower(start - 1).as_str())
                    {
                        start -= 1;
                    } else if start > 0
                        && !starts(start)
                        && LEXICON.is_title_head(self.word(start - 1))
                        && self.word(start - 1).starts_with(char::is_uppercase)
                    {
                        start = self.role_start(start - 1);
                    }
                    // "New Zealand's Prime Minister John Key", "DAB's Starry Lee".
                    if start >= 2
                        && !starts(start)
                        && matches!(self.word(start - 1), "'s" | "’s")
                        && let Some(owner) = self.name_ending_at(start - 2, not_person)
                    {
                        start = owner;
                    }
                    if start < first {
                        added.push((cluster, Span::new(self.tokens[start].span.start, span.end)));
                    }
                    // "Alvin Yeung of the Civic Party", "Tanya Chan from the Civic Party".
                    let mut next = last + 1;
                    if next < self.tokens.len()
                        && !starts(next)
                        && matches!(self.word(next), "of" | "from")
                    {
                        next += 1;
                        if next < self.tokens.len() && lower(next) == "the" && !starts(next) {
                            next += 1;
                        }
                        if next < self.tokens.len()
                            && !starts(next)
                            && let Some(end) =
                                self.name_starting_at(next, |kind| kind == EntityKind::Org)
                        {
                            added.push((cluster, Span::new(span.start, self.tokens[end].span.end)));
                        }
                    }
                } else if kind == EntityKind::Place {
                    // "Irving, Texas": a place and the region it lies in, but not a list of
                    // places ("Canada, Sudan and Iran").
                    let comma = last + 1;
                    if comma + 1 >= self.tokens.len()
                        || self.word(comma) != ","
                        || starts(comma + 1)
                        || (first > 0 && self.word(first - 1) == ",")
                    {
                        continue;
                    }
                    let Some(end) =
                        self.name_starting_at(comma + 1, |kind| kind == EntityKind::Place)
                    else {
                        continue;
                    };
                    let region = self.span_of(comma + 1, end).slice(self.text);
                    if LEXICON.place_or_nationality(region) != Some(EntityKind::Place) {
                        continue;
                    }
                    // After "and" or "or", the next name may follow a "the" ("Hungary, Poland
                    // and the Czech Republic"); after a comma, "the" opens a new phrase
                    // ("Chicago, Illinois, the Evergreen Museum of McMinnville, Oregon").
                    let listed = self.tokens.get(end + 1).is_some_and(|token| {
                        let separator = token.text(self.text);
                        let mut next = end + 2;
                        if separator != "," && next < self.tokens.len() && lower(next) == "the" && !starts(next) {
                            next += 1;
                        }
                        matches!(separator, "," | "and" | "or")
                            && self.tokens.get(next).is_some_and(|after| {
                                self.token_owner[next].is_some()
                                    && after.text(self.text).starts_with(char::is_uppercase)
                            })
                    });
                    if !listed {
                        added.push((cluster, Span::new(span.start, self.tokens[end].span.end)));
                    }
                }
            }
        }
        for (cluster, span) in added {
            self.clusters[cluster].others.push(Mention {
                span,
                kind: MentionKind::Phrase,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn full_noun_phrases_around_names_are_mentions_too() {
        let (entities, _) = render(
            "[New Zealand|LOC]'s Prime Minister [John Key|PER] met [Alvin Yeung|PER] of the \
             [Civic Party|ORG] in [Irving|LOC], [Texas|LOC] on Monday. Mr [Key|PER] left.",
        );
        assert_eq!(
            entities,
            vec![
                "PLACE New Zealand = *New Zealand",
                "PERSON John Key (Prime Minister) = New Zealand's Prime Minister John Key | *John Key | Mr Key | Key",
                "PERSON Alvin Yeung = *Alvin Yeung | Alvin Yeung of the Civic Party",
                "ORG Civic Party = *Civic Party",
                "PLACE Irving = *Irving | Irving, Texas",
                "PLACE Texas = *Texas",
            ]
        );
    }

    #[test]
    fn a_place_and_its_region_before_the_next_item_of_a_list() {
        let (entities, _) = render(
            "Museums in [Chicago|LOC], [Illinois|LOC], the [Evergreen Museum|ORG] of \
             [McMinnville|LOC], [Oregon|LOC] and others.",
        );
        assert!(
            entities.contains(&"PLACE Chicago = *Chicago | Chicago, Illinois".to_string()),
            "{entities:?}"
        );
    }

    #[test]
    fn a_list_of_places_is_not_a_place_and_its_region() {
        let (entities, _) = render(
            "Teams came from [Canada|LOC], [Sudan|LOC] and [Iran|LOC]. Others from [Poland|LOC], \
             [Armenia|LOC], [Mexico|LOC]. It sells in [Hungary|LOC], [Poland|LOC] and the \
             [Czech Republic|LOC].",
        );
        assert!(
            entities.iter().all(|line| !line.contains(',')),
            "{entities:?}"
        );
    }
}
