//! The timeline outline (document symbols): one symbol per dated event, the resolved value
//! first in its name, sorted chronologically, then the headline and headings that hold no
//! dated event, marked undated. Hierarchical clients also get the entities of each event's
//! sentence as its children.
//!
//! Pure: built from the snapshot's timeline and document model only.

use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

use crate::analysis::document::BlockKind;
use crate::analysis::timeline::summarize;
use crate::lsp::documents::Snapshot;
use crate::lsp::workspace::entity_symbol_kind;

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

/// A key that orders TIMEX3 values by the day they start, then by time of day: "2021-W49"
/// (from Monday 6 December) comes before "2021-12-12", "2021" before "2021-04". Text order
/// (the engine's) is kept between values that start together.
pub fn chronological_key(value: &str) -> (String, String) {
    let year: Option<i16> = value.get(..4).and_then(|year| year.parse().ok());
    let Some(year) = year else {
        return (value.to_string(), String::new());
    };
    let rest = &value[4..];
    let month_start = |month: u8| format!("{year:04}-{month:02}-01");
    let start = if let Some(week) = rest.strip_prefix("-W") {
        week.get(..2)
            .and_then(|week| week.parse::<i8>().ok())
            .and_then(|week| {
                jiff::civil::ISOWeekDate::new(year, week, jiff::civil::Weekday::Monday).ok()
            })
            .map_or_else(|| month_start(1), |monday| monday.date().to_string())
    } else if let Some(quarter) = rest.strip_prefix("-Q") {
        let quarter: u8 = quarter.get(..1).and_then(|q| q.parse().ok()).unwrap_or(1);
        month_start(quarter.clamp(1, 4) * 3 - 2)
    } else if let Some(half) = rest.strip_prefix("-H") {
        month_start(if half.starts_with('2') { 7 } else { 1 })
    } else if let Some(season) = rest
        .strip_prefix('-')
        .filter(|r| r.len() >= 2 && r.as_bytes()[0].is_ascii_alphabetic())
    {
        let month = match season.get(..2) {
            Some("SP") => 3,
            Some("SU") => 6,
            Some("FA") => 9,
            Some("WI") => 12,
            _ => 1,
        };
        month_start(month)
    } else {
        let month = rest.get(1..3).filter(|_| rest.starts_with('-'));
        let day = rest.get(4..6).filter(|_| rest.get(3..4) == Some("-"));
        match (month, day) {
            (Some(month), Some(day)) => format!("{year:04}-{month}-{day}"),
            (Some(month), None) => format!("{year:04}-{month}-01"),
            _ => month_start(1),
        }
    };
    let time = value
        .split_once('T')
        .map(|(_, time)| time.to_string())
        .unwrap_or_default();
    (start, time)
}

/// The outline, hierarchical.
pub fn outline(snapshot: &Snapshot) -> Vec<DocumentSymbol> {
    let analysis = &snapshot.analysis;
    let text = snapshot.text();
    let lines = &snapshot.lines;
    let mut events: Vec<&crate::analysis::TimelineEvent> = analysis.timeline.iter().collect();
    events.sort_by_cached_key(|event| chronological_key(&event.value));
    let mut symbols: Vec<DocumentSymbol> = events
        .into_iter()
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
    use crate::analysis::TemporalExpression;
    use crate::analysis::dates::{Resolution, TimexType};
    use crate::lsp::features::test_support::{snapshot_with, span_of};

    #[test]
    fn weeks_quarters_and_months_sort_by_the_day_they_start() {
        let mut values = vec![
            "2021-12-13T10:23",
            "2021-W49",
            "2021-12-12",
            "2021",
            "2021-Q4",
            "2020-SU",
            "2021-12",
        ];
        values.sort_by_key(|value| chronological_key(value));
        assert_eq!(
            values,
            vec![
                "2020-SU",
                "2021",
                "2021-Q4",
                "2021-12",
                "2021-W49",
                "2021-12-12",
                "2021-12-13T10:23"
            ]
        );
    }

    #[test]
    fn events_sorted_by_date_then_undated_headings() {
        let text = "Talks collapse\n\nThe talks ended on Friday. They began on 1 June 2021.\n\nReactions\n\nNobody was surprised.\n";
        let mut analysis = crate::analysis::analyze(text, &Default::default());
        let date = |needle: &str, value: &str| TemporalExpression {
            span: span_of(text, needle, 0),
            timex_type: TimexType::Date,
            value: value.into(),
            modifier: None,
            resolution: Resolution::Explicit,
            explanation: String::new(),
        };
        analysis.dates = vec![
            date("Friday", "2021-06-04"),
            date("1 June 2021", "2021-06-01"),
        ];
        analysis.timeline =
            crate::analysis::timeline::build(text, &analysis.document, &analysis.dates);
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
