//! Code actions: the engine's fix for each finding under the cursor (make a date explicit, fix
//! an entity's spelling…), an attribution placeholder for an unattributed quote, a resolved
//! date after a relative one, and suppression comments for a line or the whole file.
//!
//! Pure: edits are computed from the snapshot; the suppression comments are the forms that
//! `analysis::suppress` (and so the CLI) honours.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use crate::documents::Snapshot;
use newsls_engine::Resolution;
use newsls_engine::{Code, Diagnostic, Span};

pub const SPEAKER_PLACEHOLDER: &str = " [SPEAKER] said";

fn action(
    snapshot: &Snapshot,
    title: String,
    kind: CodeActionKind,
    edits: Vec<(Span, String)>,
    diagnostic: Option<&Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edits = edits
        .into_iter()
        .map(|(span, new_text)| TextEdit::new(snapshot.lines.range(span), new_text))
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|diagnostic| vec![to_lsp(snapshot, diagnostic)]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(
            snapshot.uri.clone(),
            edits,
        )]))),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The actions for the findings overlapping `range` (a byte span; an empty span is the cursor).
pub fn code_actions(snapshot: &Snapshot, range: Span) -> Vec<CodeActionOrCommand> {
    let analysis = &snapshot.analysis;
    let text = snapshot.text();
    let touches =
        |span: Span| span.overlaps(range) || span.contains(range.start) || span.end == range.start;
    let mut actions = Vec::new();
    for diagnostic in analysis.diagnostics.iter().filter(|d| touches(d.span)) {
        if let Some(fix) = &diagnostic.fix {
            actions.push(action(
                snapshot,
                fix.title.clone(),
                CodeActionKind::QUICKFIX,
                vec![(fix.span, fix.replacement.clone())],
                Some(diagnostic),
                true,
            ));
        } else if let Some(fallback) = fallback_fix(snapshot, diagnostic) {
            actions.push(fallback);
        }
    }
    // Suppressions come after the fixes, once per rule (not once per finding).
    let mut suppressed: Vec<Code> = Vec::new();
    for diagnostic in analysis.diagnostics.iter().filter(|d| touches(d.span)) {
        if suppressed.contains(&diagnostic.code) {
            continue;
        }
        suppressed.push(diagnostic.code);
        let name = diagnostic.code.name();
        let line = snapshot
            .lines
            .line_span(snapshot.lines.line_of(diagnostic.span.start));
        actions.push(action(
            snapshot,
            format!("Suppress `{name}` on this line"),
            CodeActionKind::QUICKFIX,
            vec![(
                Span::new(line.end, line.end),
                format!(" <!-- newsls-disable-line {name} -->"),
            )],
            Some(diagnostic),
            false,
        ));
        // At the end of the file, because a `date:` header must stay on the first line.
        let needs_line_break = !text.is_empty() && !text.ends_with('\n');
        actions.push(action(
            snapshot,
            format!("Suppress `{name}` in this file"),
            CodeActionKind::QUICKFIX,
            vec![(
                Span::new(text.len(), text.len()),
                format!(
                    "{}<!-- newsls-disable-file {name} -->\n",
                    if needs_line_break { "\n" } else { "" }
                ),
            )],
            Some(diagnostic),
            false,
        ));
    }
    actions
}

/// A fix the server can offer when the engine gave none.
fn fallback_fix(snapshot: &Snapshot, diagnostic: &Diagnostic) -> Option<CodeActionOrCommand> {
    let analysis = &snapshot.analysis;
    match diagnostic.code {
        Code::UnattributedQuote | Code::UndecidedSpeaker => {
            let quote = analysis
                .quotes
                .iter()
                .find(|quote| quote.span.overlaps(diagnostic.span))
                .map_or(diagnostic.span, |quote| quote.span);
            Some(action(
                snapshot,
                "Add an attribution placeholder".to_string(),
                CodeActionKind::QUICKFIX,
                vec![(
                    Span::new(quote.end, quote.end),
                    SPEAKER_PLACEHOLDER.to_string(),
                )],
                Some(diagnostic),
                true,
            ))
        }
        Code::RelativeDate | Code::AmbiguousDate => {
            let date = analysis
                .dates
                .iter()
                .find(|date| date.span.overlaps(diagnostic.span))
                .filter(|date| {
                    date.resolution != Resolution::Unresolved && date.value.is_fully_specified()
                })?;
            Some(action(
                snapshot,
                format!("Make the date explicit ({})", date.value),
                CodeActionKind::QUICKFIX,
                vec![(
                    Span::new(date.span.end, date.span.end),
                    format!(" ({})", date.value),
                )],
                Some(diagnostic),
                true,
            ))
        }
        Code::EntitySpelling => {
            let (span, replacement) = closest_spelling(snapshot, diagnostic.span)?;
            Some(action(
                snapshot,
                format!("Change the spelling to “{replacement}”"),
                CodeActionKind::QUICKFIX,
                vec![(span, replacement)],
                Some(diagnostic),
                true,
            ))
        }
        _ => None,
    }
}

/// The name of another entity (of the same kind) closest to the misspelled text, when it is a
/// near miss (at most two letters away, by whole name or by last name).
fn closest_spelling(snapshot: &Snapshot, span: Span) -> Option<(Span, String)> {
    let analysis = &snapshot.analysis;
    let written = span.slice(snapshot.text());
    let kind = super::navigation::mention_at(analysis, span.start)
        .map(|(entity, _)| (entity.id, entity.kind));
    let mut best: Option<(usize, String)> = None;
    for entity in &analysis.entities {
        if kind.is_some_and(|(id, kind)| id == entity.id || kind != entity.kind) {
            continue;
        }
        let last_name = entity.canonical.rsplit(' ').next().unwrap_or("");
        for candidate in [entity.canonical.as_str(), last_name] {
            let distance = edit_distance(written, candidate);
            if distance > 0 && distance <= 2 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
                best = Some((distance, candidate.to_string()));
            }
        }
    }
    best.map(|(_, name)| (span, name))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot, snapshot_with, span_of};
    use newsls_engine::{Quote, QuoteKind};

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|action| match action {
                CodeActionOrCommand::CodeAction(action) => action.title.clone(),
                CodeActionOrCommand::Command(command) => command.title.clone(),
            })
            .collect()
    }

    #[test]
    fn a_suppression_comment_silences_the_finding_for_the_engine_too() {
        let text = "date: 2021-12-13\n\nAdvertisement\n\nThe minister spoke.";
        let snapshot = snapshot(text);
        let at = span_of(text, "Advertisement", 0);
        let actions = code_actions(&snapshot, Span::new(at.start, at.start));
        let names = titles(&actions);
        assert!(
            names.contains(&"Suppress `boilerplate` on this line".to_string()),
            "{names:?}"
        );
        for title in [
            "Suppress `boilerplate` on this line",
            "Suppress `boilerplate` in this file",
        ] {
            let Some(CodeActionOrCommand::CodeAction(action)) = actions
                .iter()
                .find(|a| titles(std::slice::from_ref(a))[0] == title)
            else {
                panic!("no action {title}");
            };
            let edits = action
                .edit
                .as_ref()
                .and_then(|edit| edit.changes.as_ref())
                .and_then(|changes| changes.get(&snapshot.uri))
                .cloned()
                .unwrap_or_default();
            let mut edited = text.to_string();
            for edit in edits.iter().rev() {
                let span = snapshot.lines.span(edit.range);
                edited.replace_range(span.range(), &edit.new_text);
            }
            let after = newsls_engine::analyze(&newsls_engine::Input::new(&edited, &Default::default()), newsls_engine::Options::default());
            assert!(
                !after
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::Boilerplate),
                "{title}: {edited}"
            );
        }
    }

    #[test]
    fn a_misspelled_name_is_respelled_like_the_other_entity() {
        use newsls_engine::{Mention, MentionKind};
        use newsls_engine::{Entity, EntityId, EntityKind};
        let text = "Vladimir Putin met Biden. Later Vladamir Putin left.";
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(text, &Default::default()), newsls_engine::Options::default());
        let entity = |id, canonical: &str, span| Entity {
            id: EntityId(id),
            canonical: canonical.into(),
            kind: EntityKind::Person,
            role: None,
            definition: span,
            mentions: vec![Mention {
                span,
                kind: MentionKind::Name,
            }],
        };
        let wrong = span_of(text, "Vladamir Putin", 0);
        analysis.entities = vec![
            entity(0, "Vladimir Putin", span_of(text, "Vladimir Putin", 0)),
            entity(1, "Vladamir Putin", wrong),
        ];
        analysis.diagnostics = vec![Diagnostic::new(Code::EntitySpelling, wrong, "near miss")];
        let actions = code_actions(
            &snapshot_with(text, analysis),
            Span::new(wrong.start, wrong.start),
        );
        assert_eq!(
            titles(&actions)[0],
            "Change the spelling to “Vladimir Putin”"
        );
        assert_eq!(edit_distance("Vladamir", "Vladimir"), 1);
    }

    #[test]
    fn an_unattributed_quote_gets_a_placeholder() {
        let text = "\"Exciting news!\" was all it said.";
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(text, &Default::default()), newsls_engine::Options::default());
        let quote = span_of(text, "\"Exciting news!\"", 0);
        analysis.quotes = vec![Quote {
            span: quote,
            kind: QuoteKind::Speech,
            speaker: None,
            cue: None,
        }];
        analysis.diagnostics = vec![Diagnostic::new(
            Code::UnattributedQuote,
            quote,
            "no speaker",
        )];
        let actions = code_actions(&snapshot_with(text, analysis), Span::new(3, 3));
        assert_eq!(titles(&actions)[0], "Add an attribution placeholder");
    }
}
