//! The timeline outline (document symbols): one symbol per dated event, the resolved value
//! first in its name, sorted chronologically, then the headline and headings that hold no
//! dated event, marked undated. Hierarchical clients also get the entities of each event's
//! sentence as its children.
//!
//! Pure: built from the snapshot's timeline and document model only.

use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

use crate::documents::Snapshot;
use crate::workspace::entity_symbol_kind;
use newsls_engine::document::BlockKind;
use newsls_engine::timeline::summarize;

pub const UNDATED: &str = "undated";

#[allow(deprecated)] // `deprecated` is a required field of the ls-types structs.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
    selection_range: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

/// The outline, hierarchical.
pub fn outline(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let analysis = &snapshot.analysis;
    let text = snapshot.text();
    let lines = &snapshot.lines;
    // The engine's timeline is in chronological order already.
    let mut symbols: Vec<DocumentSymbol> = analysis
        .timeline
        .iter()
        .map(|event| {
            let mut children: Vec<DocumentSymbol> = Vec::new();
            for entity in &analysis.entities {
                if let Some(mention) = entity
                    .mentions
                    .iter()
                    .find(|mention| event.sentence.contains_span(mention.span))
                {
                    let range = lines.range(mention.span);
                    children.push(symbol(
                        entity.canonical.clone(),
                        Some(entity.kind.name().to_string()),
                        entity_symbol_kind(entity.kind),
                        range,
                        range,
                    ));
                }
            }
            children.sort_by_key(|child| child.range.start);
            // The sentence range must contain the date's range, as LSP requires.
            let range = lines.range(event.sentence.cover(event.date));
            let mut event_symbol = symbol(
                format!("{} {}", event.value, event.summary),
                Some(event.date.slice(text).to_string()),
                SymbolKind::EVENT,
                range,
                lines.range(event.date),
            );
            event_symbol.children = (!children.is_empty()).then_some(children);
            event_symbol
        })
        .collect();
    for paragraph in &analysis.document.paragraphs {
        if !matches!(paragraph.kind, BlockKind::Headline | BlockKind::Heading) {
            continue;
        }
        // A heading is dated when an event is told in it or in the section it opens.
        let section_end = analysis
            .document
            .paragraphs
            .iter()
            .find(|next| {
                next.span.start > paragraph.span.start && matches!(next.kind, BlockKind::Heading)
            })
            .map_or(text.len(), |next| next.span.start);
        let dated = analysis.timeline.iter().any(|event| {
            event.date.start >= paragraph.span.start && event.date.start < section_end
        });
        if !dated {
            let range = lines.range(paragraph.span);
            symbols.push(symbol(
                format!("{UNDATED} {}", summarize(paragraph.span.slice(text))),
                None,
                SymbolKind::STRING,
                range,
                range,
            ));
        }
    }
    symbols
}

/// The outline for clients without hierarchical symbols: the same order, flat.
#[allow(deprecated)]
pub fn flat_outline(snapshot: &Snapshot) -> Vec<SymbolInformation> {
    outline(snapshot)
        .into_iter()
        .map(|symbol| SymbolInformation {
            name: symbol.name,
            kind: symbol.kind,
            tags: None,
            deprecated: None,
            location: Location::new(snapshot.uri.clone(), symbol.range),
            container_name: Some(
                if symbol.kind == SymbolKind::EVENT {
                    "timeline"
                } else {
                    UNDATED
                }
                .to_string(),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot_with, span_of};
    use newsls_engine::TemporalExpression;
    use newsls_engine::dates::{Resolution, TimexType, TimexValue};

    #[test]
    fn events_sorted_by_date_then_undated_headings() {
        let text = "Talks collapse\n\nThe talks ended on Friday. They began on 1 June 2021.\n\nReactions\n\nNobody was surprised.\n";
        let mut analysis = newsls_engine::analyze(text, &Default::default());
        let date = |needle: &str, value: &str| TemporalExpression {
            span: span_of(text, needle, 0),
            timex_type: TimexType::Date,
            value: TimexValue::parse_date(value),
            modifier: None,
            resolution: Resolution::Explicit,
            basis: newsls_engine::dates::Basis::Written,
            explanation: String::new(),
        };
        analysis.dates = vec![
            date("Friday", "2021-06-04"),
            date("1 June 2021", "2021-06-01"),
        ];
        analysis.timeline =
            newsls_engine::timeline::build(text, &analysis.document, &analysis.dates);
        let names: Vec<String> = outline(&snapshot_with(text, analysis))
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert!(names[0].starts_with("2021-06-01 "), "{names:?}");
        assert!(names[1].starts_with("2021-06-04 "), "{names:?}");
        for name in &names[2..] {
            assert!(name.starts_with(UNDATED), "{names:?}");
        }
    }
}
