//! What the passes' tests share: names marked in a text (`[name|KIND]`), grouped, and the
//! result rendered one line per entity and per finding.

use super::{Name, group};
use crate::document;
use crate::entities::EntityKind;
use crate::entities::hashing::lower_hash;
use crate::entities::tokens::tokenize;
use crate::span::Span;

/// Parses `[name|KIND]` marks into the plain text and its names.
fn annotated(marked: &str) -> (String, Vec<Name>) {
    let mut text = String::new();
    let mut names = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let (name, kind) = inner.split_once('|').unwrap_or((inner, "PER"));
        let start = text.len();
        text.push_str(name);
        names.push(Name {
            span: Span::new(start, text.len()),
            kind: EntityKind::parse(kind).unwrap_or(EntityKind::Other),
            declared: None,
            declared_kind: None,
        });
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    (text, names)
}

/// One line per entity: kind, canonical name, role, then the mentions (`*` on the
/// definition); and one line per finding: code, span text, fix.
pub(super) fn render(marked: &str) -> (Vec<String>, Vec<String>) {
    let (text, names) = annotated(marked);
    let document = document::parse(&text);
    let regions: Vec<Span> = document.paragraphs.iter().map(|p| p.span).collect();
    let mut tokens = Vec::new();
    for region in &regions {
        tokenize(&text, *region, &mut tokens);
    }
    let lower = tokens
        .iter()
        .map(|token| lower_hash(token.text(&text)))
        .collect();
    let (entities, diagnostics) = group(&text, &document, &regions, tokens, lower, names, &[]);
    let lines = entities
        .iter()
        .map(|entity| {
            let mentions: Vec<String> = entity
                .mentions
                .iter()
                .map(|mention| {
                    let star = if mention.span == entity.definition {
                        "*"
                    } else {
                        ""
                    };
                    format!("{star}{}", mention.span.slice(&text))
                })
                .collect();
            let role = entity.role.as_deref().map(|role| format!(" ({role})"));
            format!(
                "{} {}{} = {}",
                entity.kind.name(),
                entity.canonical,
                role.unwrap_or_default(),
                mentions.join(" | ")
            )
        })
        .collect();
    let findings = diagnostics
        .iter()
        .map(|diagnostic| {
            let fix = diagnostic.fix.as_ref().map(|fix| fix.replacement.as_str());
            // A finding that does not say which spelling is wrong is marked.
            let undecided = if diagnostic.message.contains("one of the two") {
                " (undecided)"
            } else {
                ""
            };
            format!(
                "{} {} -> {}{undecided}",
                diagnostic.code.name(),
                diagnostic.span.slice(&text),
                fix.unwrap_or("")
            )
        })
        .collect();
    (lines, findings)
}
