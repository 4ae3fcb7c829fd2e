//! `newsls/timeline`: the dated events of one document or of the whole workspace, in
//! chronological order, with the entities of each event's sentence (docs/lsp.md).
//!
//! Pure: built from the workspace index's entries. It knows nothing of the client connection.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{Range, TextDocumentIdentifier, Uri};

use crate::workspace::{FileIndex, IndexEntry};
use newsls_engine::EntityKind;

pub const METHOD: &str = "newsls/timeline";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineParams {
    /// One document's events; the whole workspace's when absent.
    #[serde(default)]
    pub text_document: Option<TextDocumentIdentifier>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineResult {
    pub events: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineParticipant {
    pub name: String,
    /// "person", "organization", "place" or "other".
    pub kind: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// The TIMEX3 value ("2021-12-12", "2021-W49", "XXXX-WXX-2").
    pub value: String,
    /// First and last day of the value ("YYYY-MM-DD"); null when it is not on the calendar.
    pub start: Option<String>,
    pub end: Option<String>,
    pub granularity: &'static str,
    /// The date expression as written.
    pub text: String,
    pub summary: String,
    pub uri: Uri,
    pub range: Range,
    pub sentence_range: Range,
    pub entities: Vec<TimelineParticipant>,
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

/// The events of the given index entries, in chronological order, then by file and position.
pub fn timeline(files: &[(Uri, Arc<IndexEntry>)]) -> TimelineResult {
    let mut events: Vec<(&Uri, &FileIndex, usize)> = files
        .iter()
        .flat_map(|(uri, entry)| {
            let file: &FileIndex = entry;
            (0..file.events.len()).map(move |index| (uri, file, index))
        })
        .collect();
    events.sort_by(
        |(left_uri, left_file, left), (right_uri, right_file, right)| {
            let (left, right) = (&left_file.events[*left], &right_file.events[*right]);
            left.value
                .chronological_cmp(&right.value)
                .then_with(|| left_uri.as_str().cmp(right_uri.as_str()))
                .then(left.date.start.cmp(&right.date.start))
        },
    );
    TimelineResult {
        events: events
            .into_iter()
            .map(|(uri, file, index)| {
                let event = &file.events[index];
                let days = event.value.days();
                TimelineEntry {
                    value: event.value.to_string(),
                    start: days.map(|(first, _)| first.to_string()),
                    end: days.map(|(_, last)| last.to_string()),
                    granularity: event.value.granularity().name(),
                    text: event.text.to_string(),
                    summary: event.summary.to_string(),
                    uri: uri.clone(),
                    range: event.date,
                    sentence_range: event.sentence,
                    entities: event
                        .participants
                        .iter()
                        .filter_map(|&entity| file.entities.get(entity))
                        .map(|entity| TimelineParticipant {
                            name: entity.canonical.to_string(),
                            kind: kind_name(entity.kind),
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::uri;
    use crate::line_index::{LineIndex, PositionEncoding};
    use crate::workspace::WorkspaceIndex;
    use newsls_engine::{Input, Options, Settings, analyze};

    fn index(workspace: &WorkspaceIndex, name: &str, text: &str) {
        let settings = Settings {
            publication_date: Some(jiff::civil::date(2021, 12, 13)),
            ..Settings::default()
        };
        let analysis = analyze(&Input::new(text, &settings), Options::default());
        let lines = LineIndex::new(Arc::from(text), PositionEncoding::Utf16);
        workspace.insert(uri(name), FileIndex::build(&analysis, &lines));
    }

    #[test]
    fn events_of_every_file_in_the_order_of_their_first_day() {
        let workspace = WorkspaceIndex::default();
        index(
            &workspace,
            "b.txt",
            "Antony Blinken spoke last week. Sales fell in the third quarter.\n",
        );
        index(
            &workspace,
            "a.txt",
            "The minister Angela Merkel arrived on December 1. She left on Sunday.\n",
        );
        let result = timeline(&workspace.entries());
        let values: Vec<&str> = result
            .events
            .iter()
            .map(|event| event.value.as_str())
            .collect();
        assert_eq!(values, ["2021-Q3", "2021-12-01", "2021-W49", "2021-12-12"]);
        let starts: Vec<&str> = result
            .events
            .iter()
            .filter_map(|event| event.start.as_deref())
            .collect();
        assert_eq!(
            starts,
            ["2021-07-01", "2021-12-01", "2021-12-06", "2021-12-12"]
        );
        let week = &result.events[2];
        assert_eq!(
            (week.granularity, week.text.as_str()),
            ("week", "last week")
        );
        assert_eq!(week.end.as_deref(), Some("2021-12-12"));
        assert!(week.uri.as_str().ends_with("b.txt"));
        assert_eq!(
            week.entities,
            [TimelineParticipant {
                name: "Antony Blinken".into(),
                kind: "person"
            }]
        );
    }
}
