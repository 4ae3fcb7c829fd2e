//! Go-to-definition, references and document highlights of entities.
//!
//! Pure: the article's own analysis answers first; the workspace index (an argument) answers
//! for entities the article only names by a short form and for references in other files.

use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, Location};

use crate::documents::Snapshot;
use crate::workspace::WorkspaceIndex;
use newsls_engine::MentionKind;
use newsls_engine::{Analysis, Entity, EntityKind, Mention};

/// The entity mention under `offset`; when mentions nest ("US" inside "US President Joe
/// Biden"), the smallest one.
pub fn mention_at(analysis: &Analysis, offset: usize) -> Option<(&Entity, &Mention)> {
    analysis
        .entities
        .iter()
        .flat_map(|entity| entity.mentions.iter().map(move |mention| (entity, mention)))
        .filter(|(_, mention)| mention.span.contains(offset))
        .min_by_key(|(_, mention)| mention.span.len())
}

/// The defining mention of the entity at `offset`. When the article never gives the full name
/// (its canonical name is one word) and another file defines a longer name ending with it,
/// those definitions are returned instead.
pub fn definition(snapshot: &Snapshot, offset: usize, workspace: &WorkspaceIndex) -> Vec<Location> {
    let Some((entity, _)) = mention_at(&snapshot.analysis, offset) else {
        return Vec::new();
    };
    // Only people are named by a bare surname after a first full mention ("Blinken"); for
    // organisations and places a trailing word ("Press" in "The Associated Press") is no link.
    if entity.kind == EntityKind::Person && !entity.canonical.trim().contains(' ') {
        let elsewhere = workspace.definitions_of_short_form(
            entity.canonical.trim(),
            entity.kind,
            &snapshot.uri,
        );
        if !elsewhere.is_empty() {
            return elsewhere;
        }
    }
    vec![Location::new(
        snapshot.uri.clone(),
        snapshot.lines.range(entity.definition),
    )]
}

/// Every mention of the entity at `offset` in this article, then in the other indexed files.
pub fn references(
    snapshot: &Snapshot,
    offset: usize,
    include_declaration: bool,
    workspace: &WorkspaceIndex,
) -> Vec<Location> {
    let Some((entity, _)) = mention_at(&snapshot.analysis, offset) else {
        return Vec::new();
    };
    let mut locations: Vec<Location> = entity
        .mentions
        .iter()
        .filter(|mention| include_declaration || mention.span != entity.definition)
        .map(|mention| Location::new(snapshot.uri.clone(), snapshot.lines.range(mention.span)))
        .collect();
    locations.extend(workspace.mentions_elsewhere(&entity.canonical, entity.kind, &snapshot.uri));
    locations
}

/// The mentions of the entity at `offset`: the definition as a write, the others as reads.
pub fn highlights(snapshot: &Snapshot, offset: usize) -> Vec<DocumentHighlight> {
    let Some((entity, _)) = mention_at(&snapshot.analysis, offset) else {
        return Vec::new();
    };
    entity
        .mentions
        .iter()
        .map(|mention| DocumentHighlight {
            range: snapshot.lines.range(mention.span),
            kind: Some(if mention.span == entity.definition {
                DocumentHighlightKind::WRITE
            } else if matches!(mention.kind, MentionKind::Name | MentionKind::Phrase) {
                DocumentHighlightKind::READ
            } else {
                DocumentHighlightKind::TEXT
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot_with, span_of, uri};
    use crate::workspace::{FileIndex, IndexedEntity};
    use newsls_engine::EntityId;

    const TEXT: &str = "Antony Blinken spoke.\nLater, Blinken left. He smiled.";

    fn snapshot() -> Snapshot {
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(TEXT, &Default::default()), newsls_engine::Options::default());
        let mention = |needle, nth, kind| Mention {
            span: span_of(TEXT, needle, nth),
            kind,
        };
        analysis.entities = vec![Entity {
            id: EntityId(0),
            canonical: "Antony Blinken".into(),
            kind: EntityKind::Person,
            role: None,
            definition: span_of(TEXT, "Antony Blinken", 0),
            mentions: vec![
                mention("Antony Blinken", 0, MentionKind::Name),
                mention("Blinken", 1, MentionKind::Name),
                mention("He", 0, MentionKind::Pronoun),
            ],
        }];
        snapshot_with(TEXT, analysis)
    }

    #[test]
    fn a_later_mention_goes_to_the_first_full_name() {
        let snapshot = snapshot();
        let found = definition(
            &snapshot,
            span_of(TEXT, "Blinken", 1).start,
            &WorkspaceIndex::default(),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].range,
            snapshot.lines.range(span_of(TEXT, "Antony Blinken", 0))
        );
    }

    #[test]
    fn references_cross_files_and_highlights_mark_the_definition() {
        let snapshot = snapshot();
        let workspace = WorkspaceIndex::default();
        let other = uri("other.txt");
        let range = snapshot.lines.range(span_of(TEXT, "Blinken", 1));
        workspace.insert(
            other.clone(),
            FileIndex {
                entities: vec![IndexedEntity {
                    canonical: "Antony Blinken".into(),
                    kind: EntityKind::Person,
                    definition: range,
                    mentions: vec![range].into(),
                }],
                events: vec![],
            },
        );
        let offset = span_of(TEXT, "He", 0).start;
        assert_eq!(references(&snapshot, offset, true, &workspace).len(), 4);
        let without_declaration = references(&snapshot, offset, false, &workspace);
        assert_eq!(without_declaration.len(), 3);
        assert_eq!(without_declaration[2].uri, other);
        let kinds: Vec<_> = highlights(&snapshot, offset)
            .into_iter()
            .map(|h| h.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                Some(DocumentHighlightKind::WRITE),
                Some(DocumentHighlightKind::READ),
                Some(DocumentHighlightKind::TEXT)
            ]
        );
        assert!(highlights(&snapshot, span_of(TEXT, "spoke", 0).start).is_empty());
    }
}
