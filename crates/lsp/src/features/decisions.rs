//! Code actions of an annotation session (standoff mode): each one records a decision in the
//! article's sidecar, never an edit of the article (docs/annotation-sessions.md, section 2).
//!
//! Pure: the server reads the sidecar's current text and passes it in; every action carries a
//! `WorkspaceEdit` that creates the sidecar if needed (`CreateFile`, ignoreIfExists) and replaces
//! its whole text with `layer_source` of the old layer plus the new record, so the editor can
//! undo it.

use std::path::Path;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use crate::documents::Snapshot;
use crate::line_index::LineIndex;
use newsls_engine::{Basis, Decision, Layer, Record, Resolution, TimexValue, make_anchor};
use newsls_engine::{Diagnostic, EntityKind, QuoteKind, Span};
use newsls_project::standoff::{fresh_id, layer_source, parse_layer};

/// The sidecar as it is now: where it is and its text ("" when it does not exist yet).
pub struct Sidecar<'a> {
    pub path: &'a Path,
    pub uri: Uri,
    pub source: &'a str,
}

/// The decisions an annotator can record for what overlaps `range` (a byte span). None when
/// the sidecar has unreadable lines: rewriting it would drop them.
pub fn standoff_actions(
    snapshot: &Snapshot,
    range: Span,
    sidecar: &Sidecar<'_>,
) -> Vec<CodeActionOrCommand> {
    let text = snapshot.text();
    let (layer, problems) = parse_layer(sidecar.source, text, sidecar.path);
    if !problems.is_empty() {
        return Vec::new();
    }
    let analysis = &snapshot.analysis;
    let touches =
        |span: Span| span.overlaps(range) || span.contains(range.start) || span.end == range.start;
    let finding_at = |span: Span| {
        analysis
            .diagnostics
            .iter()
            .find(|diagnostic| diagnostic.span.overlaps(span))
    };
    let mut offers: Vec<(String, Span, Decision, Option<&Diagnostic>)> = Vec::new();

    for quote in analysis.quotes.iter().filter(|quote| touches(quote.span)) {
        let finding = finding_at(quote.span);
        for entity in &analysis.entities {
            if matches!(entity.kind, EntityKind::Person | EntityKind::Org) {
                offers.push((
                    format!("Attribute to {}", entity.canonical),
                    quote.span,
                    Decision::QuoteSpeaker {
                        name: entity.canonical.clone(),
                    },
                    finding,
                ));
            }
        }
        for (title, kind) in [
            ("Not speech: title", QuoteKind::Title),
            ("Not speech: scare quote", QuoteKind::Scare),
        ] {
            offers.push((
                title.to_string(),
                quote.span,
                Decision::QuoteKind { kind },
                finding,
            ));
        }
    }

    for date in analysis.dates.iter().filter(|date| touches(date.span)) {
        if date.resolution == Resolution::Unresolved || !date.value.is_fully_specified() {
            continue;
        }
        let finding = finding_at(date.span);
        let mut values = vec![date.value.to_string()];
        values.extend(date_alternatives(date.basis, &date.value));
        for value in values {
            offers.push((
                format!("Set date to {value}"),
                date.span,
                Decision::DateValue { value },
                finding,
            ));
        }
    }

    if let Some((entity, mention)) = super::navigation::mention_at(analysis, range.start) {
        for other in &analysis.entities {
            if other.id != entity.id && other.kind == entity.kind {
                offers.push((
                    format!("Same entity as {}", other.canonical),
                    mention.span,
                    Decision::EntityMerge {
                        into: other.canonical.clone(),
                    },
                    None,
                ));
            }
        }
        offers.push((
            "Not an entity".to_string(),
            mention.span,
            Decision::MentionUnlink,
            None,
        ));
    }

    for diagnostic in analysis.diagnostics.iter().filter(|d| touches(d.span)) {
        offers.push((
            format!("Dismiss `{}` here", diagnostic.code.name()),
            diagnostic.span,
            Decision::Dismiss {
                code: diagnostic.code,
                reason: String::new(),
            },
            Some(diagnostic),
        ));
    }

    offers
        .into_iter()
        .map(|(title, span, decision, diagnostic)| {
            let record = new_record(text, &layer, span, decision);
            let mut layer = layer.clone();
            layer.records.push(record);
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|diagnostic| vec![to_lsp(snapshot, diagnostic)]),
                edit: Some(sidecar_edit(snapshot, sidecar, &layer_source(text, &layer))),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// A record of `decision` about `span`, anchored in the current text.
pub fn new_record(text: &str, layer: &Layer, span: Span, decision: Decision) -> Record {
    let code_point_start = text
        .get(..span.start)
        .map_or(0, |before| before.chars().count());
    Record {
        id: fresh_id(layer, &decision, code_point_start),
        anchor: make_anchor(text, span),
        decision,
        author: None,
        note: None,
    }
}

/// Creates the sidecar if needed and replaces its whole text with `new_source`.
fn sidecar_edit(snapshot: &Snapshot, sidecar: &Sidecar<'_>, new_source: &str) -> WorkspaceEdit {
    let old = LineIndex::new(
        std::sync::Arc::from(sidecar.source),
        snapshot.lines.encoding(),
    );
    let whole = old.range(Span::new(0, sidecar.source.len()));
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: sidecar.uri.clone(),
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let replace = DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: sidecar.uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(whole, new_source.to_string()))],
    });
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![create, replace])),
        ..WorkspaceEdit::default()
    }
}

/// Other plausible values of a resolved date, from how it was resolved: a week either side
/// when a weekday fixed the day ("on Tuesday"), a year either side when the year was inferred
/// ("16 June"); none when the text wrote it, when it was counted ("yesterday", "a year
/// earlier"), or when a weekday written beside the date chose its year ("Saturday, April 25").
pub fn date_alternatives(basis: Basis, value: &TimexValue) -> Vec<String> {
    let Some(date) = value.day() else {
        return Vec::new();
    };
    let step = if basis.is_weekday() {
        jiff::Span::new().days(7)
    } else if basis == Basis::YearInferred {
        jiff::Span::new().years(1)
    } else {
        return Vec::new();
    };
    [date.checked_sub(step), date.checked_add(step)]
        .into_iter()
        .filter_map(Result::ok)
        .map(|date| date.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_moves_by_a_week_and_a_yearless_date_by_a_year() {
        let alternatives =
            |basis: Basis, value: &str| date_alternatives(basis, &TimexValue::parse_date(value));
        assert_eq!(
            alternatives(Basis::WeekdayNearPublication, "2021-12-14"),
            vec!["2021-12-07", "2021-12-21"]
        );
        assert_eq!(
            alternatives(Basis::WeekdayNearOtherDate, "2021-12-14T22:00"),
            vec!["2021-12-07", "2021-12-21"]
        );
        assert_eq!(
            alternatives(Basis::YearInferred, "2021-06-16"),
            vec!["2020-06-16", "2022-06-16"]
        );
        assert!(alternatives(Basis::Written, "2021-06-16").is_empty());
        assert!(alternatives(Basis::CountedFromPublication, "2021-12-28").is_empty());
        assert!(alternatives(Basis::YearFromWeekday, "1998-04-25").is_empty());
        assert!(alternatives(Basis::CountedFromPublication, "2021-W49").is_empty());
    }
}
