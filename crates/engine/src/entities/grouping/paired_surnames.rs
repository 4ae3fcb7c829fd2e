//! The first pass: "Biden-Putin meeting", a name of two hyphen-joined surnames of people the
//! article names in full, is split into a mention of each person.
//!
//! It runs on the names as recognised, before any cluster exists; it must not know of
//! clusters, tokens or any later pass.

use super::Name;
use crate::entities::EntityKind;
use crate::span::Span;

/// "Biden-Putin meeting": two surnames of people the article names in full, joined by a
/// hyphen, are a mention of each person, not a name of its own.
pub(super) fn split_paired_surnames(text: &str, names: Vec<Name>) -> Vec<Name> {
    let surnames: crate::hash_maps::HashSet<&str> = names
        .iter()
        .filter(|name| name.kind == EntityKind::Person)
        .filter_map(|name| {
            let words: Vec<&str> = name.span.slice(text).split_whitespace().collect();
            (words.len() >= 2).then(|| words[words.len() - 1])
        })
        .collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let slice = name.span.slice(text);
        let pair = slice.split_once('-').filter(|(left, right)| {
            !right.contains('-') && surnames.contains(left) && surnames.contains(right)
        });
        match pair {
            Some((left, _)) if name.declared.is_none() => {
                let right_start = name.span.start + left.len() + 1;
                out.push(Name {
                    span: Span::new(name.span.start, name.span.start + left.len()),
                    kind: EntityKind::Person,
                    ..name.clone()
                });
                out.push(Name {
                    span: Span::new(right_start, name.span.end),
                    kind: EntityKind::Person,
                    ..name
                });
            }
            _ => out.push(name),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::render;

    #[test]
    fn two_surnames_joined_by_a_hyphen_are_two_people() {
        let (entities, _) = render(
            "[Joe Biden|PER] will call [Vladimir Putin|PER]. The [Biden-Putin|LOC] call is set.",
        );
        assert_eq!(
            entities,
            vec![
                "PERSON Joe Biden = *Joe Biden | Biden",
                "PERSON Vladimir Putin = *Vladimir Putin | Putin",
            ]
        );
    }
}
