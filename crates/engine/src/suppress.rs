//! Suppression comments: `newsls-disable-line`, `newsls-disable-next-line` and `newsls-disable-file`.
//!
//! Shared by the CLI and the language server because both go through `analyze`. A marker names
//! rules by code; without codes it silences every rule. Unknown codes are reported.

use std::sync::LazyLock;

use regex::Regex;

use super::diagnostic::Diagnostic;
use super::rules::Code;
use super::span::Span;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"newsls-disable-(line|next-line|file)\b[ \t]*([a-z0-9][a-z0-9, \t-]*?)?[ \t]*(?:-->|\*/|$)")
        .unwrap_or_else(|error| panic!("built-in suppression pattern: {error}"))
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Byte range of the lines covered.
    Lines(Span),
    File,
}

struct Suppression {
    scope: Scope,
    /// Empty: every rule.
    codes: Vec<Code>,
}

/// Removes suppressed findings and adds `invalid-annotation` for markers naming unknown rules.
pub fn apply(text: &str, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !text.contains("newsls-disable") {
        return diagnostics;
    }
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    for found in MARKER.captures_iter(text) {
        let Some(whole) = found.get(0) else { continue };
        let line = line_around(text, whole.start());
        let scope = match &found[1] {
            "line" => Scope::Lines(line),
            "next-line" => Scope::Lines(line_around(text, (line.end + 1).min(text.len()))),
            _ => Scope::File,
        };
        let mut codes = Vec::new();
        if let Some(list) = found.get(2) {
            for name in list
                .as_str()
                .split([',', ' ', '\t'])
                .filter(|name| !name.is_empty())
            {
                match Code::from_name(name) {
                    Some(code) => codes.push(code),
                    None => problems.push(Diagnostic::new(
                        Code::InvalidAnnotation,
                        Span::new(whole.start(), whole.end()),
                        format!("Unknown rule `{name}` in a newsls-disable comment: it suppresses nothing. See docs/rules.md for the codes."),
                    )),
                }
            }
        }
        suppressions.push(Suppression { scope, codes });
    }
    diagnostics.retain(|diagnostic| {
        !suppressions.iter().any(|suppression| {
            let in_scope = match suppression.scope {
                Scope::File => true,
                Scope::Lines(lines) => {
                    lines.contains(diagnostic.span.start) || lines.start == diagnostic.span.start
                }
            };
            in_scope
                && (suppression.codes.is_empty() || suppression.codes.contains(&diagnostic.code))
        })
    });
    diagnostics.extend(problems);
    diagnostics
}

/// The line containing `offset`, without its terminator.
fn line_around(text: &str, offset: usize) -> Span {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |index| offset + index);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap_or(0);
        Diagnostic::new(
            Code::Boilerplate,
            Span::new(start, start + needle.len()),
            "x",
        )
    }

    #[test]
    fn line_next_line_and_file_scopes() {
        let text = "Advertisement <!-- newsls-disable-line boilerplate -->\n<!-- newsls-disable-next-line -->\nShare\nTweet\n";
        let kept = apply(
            text,
            vec![
                finding(text, "Advertisement"),
                finding(text, "Share"),
                finding(text, "Tweet"),
            ],
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span.slice(text), "Tweet");

        let text = "Share\n<!-- newsls-disable-file boilerplate -->\n";
        assert!(apply(text, vec![finding(text, "Share")]).is_empty());
    }

    #[test]
    fn other_rules_are_kept_and_unknown_codes_reported() {
        let text = "Share <!-- newsls-disable-line ambiguous-date, no-such-rule -->";
        let kept = apply(text, vec![finding(text, "Share")]);
        let codes: Vec<Code> = kept.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::Boilerplate, Code::InvalidAnnotation]);
    }
}
