//! The `newsls check` report formats: human (compiler style), JSON lines, SARIF 2.1.0 and
//! GitHub Actions workflow commands.
//!
//! Lines and columns are 1-based, columns and offsets in code points.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::excerpt::{EXCERPT_CHARS, Excerpt};
use super::offsets::OffsetIndex;
use newsls_engine::RULES;
use newsls_engine::{Diagnostic, Severity};

/// The findings of one file, with its text for positions and excerpts.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Where a finding is, in every unit the formats need.
struct Location {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

fn locate(index: &OffsetIndex, diagnostic: &Diagnostic) -> Location {
    let (line, column) = index.line_column(diagnostic.span.start);
    let (end_line, end_column) = index.line_column(diagnostic.span.end);
    Location {
        line,
        column,
        end_line,
        end_column,
        start: index.code_point(diagnostic.span.start),
        end: index.code_point(diagnostic.span.end),
    }
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Information => "1;36",
        Severity::Hint => "1;32",
    }
}

/// Compiler-style text: `severity[code]: message`, `--> path:line:col`, the line, an underline.
pub fn human(report: &FileReport, color: bool) -> String {
    let index = OffsetIndex::new(report.text);
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        let location = locate(&index, diagnostic);
        let line = index.line_span(report.text, location.line);
        let excerpt = Excerpt::around(report.text, line, diagnostic.span, EXCERPT_CHARS);
        let gutter = location.line.to_string();
        let pad = " ".repeat(gutter.len());
        let (prefix, suffix, excerpt_text) = (excerpt.prefix, excerpt.suffix, excerpt.text);
        let (marker_offset, marker_len) = (excerpt.marker_offset, excerpt.marker_len);
        out.push_str(&format!(
            "{}{}\n{pad}{} {}:{}:{}\n{pad} {}\n{} {} {prefix}{excerpt_text}{suffix}\n{pad} {} {}{}\n\n",
            paint(
                &format!("{}[{}]", diagnostic.severity, diagnostic.code),
                severity_color(diagnostic.severity),
                color
            ),
            paint(&format!(": {}", diagnostic.message), "1", color),
            paint("-->", "1;34", color),
            report.path,
            location.line,
            location.column,
            paint("|", "1;34", color),
            paint(&gutter, "1;34", color),
            paint("|", "1;34", color),
            paint("|", "1;34", color),
            " ".repeat(marker_offset),
            paint(
                &"^".repeat(marker_len),
                severity_color(diagnostic.severity),
                color
            ),
        ));
    }
    out
}

/// One JSON object per finding.
pub fn json_findings(report: &FileReport) -> Vec<Value> {
    let index = OffsetIndex::new(report.text);
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let location = locate(&index, diagnostic);
            json!({
                "path": report.path,
                "line": location.line,
                "column": location.column,
                "end_line": location.end_line,
                "end_column": location.end_column,
                "start": location.start,
                "end": location.end,
                "code": diagnostic.code.name(),
                "severity": diagnostic.severity.name(),
                "message": diagnostic.message,
            })
        })
        .collect()
}

/// Escapes data for a GitHub workflow command (`%`, CR and LF; plus `:` and `,` in properties).
fn github_escape(text: &str, property: bool) -> String {
    let mut out = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// `::warning file=…,line=…,col=…,endColumn=…,title=…::message`, one line per finding.
pub fn github(report: &FileReport) -> String {
    let index = OffsetIndex::new(report.text);
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        let location = locate(&index, diagnostic);
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information | Severity::Hint => "notice",
        };
        let mut properties = format!(
            "file={},line={},col={}",
            github_escape(report.path, true),
            location.line,
            location.column
        );
        if location.end_line == location.line {
            properties.push_str(&format!(",endColumn={}", location.end_column));
        } else {
            properties.push_str(&format!(",endLine={}", location.end_line));
        }
        properties.push_str(&format!(
            ",title={}",
            github_escape(&format!("newsls {}", diagnostic.code), true)
        ));
        out.push_str(&format!(
            "::{command} {properties}::{}\n",
            github_escape(&diagnostic.message, false)
        ));
    }
    out
}

/// Collects results of many files into one SARIF 2.1.0 log. Each result is kept as its compact
/// JSON text, not as a JSON tree: a corpus, or one long article, has hundreds of thousands.
#[derive(Default)]
pub struct Sarif {
    results: Vec<Box<RawValue>>,
}

/// The SARIF log as written: the driver's rules as a tree, the results as their kept text.
#[derive(Serialize)]
pub struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun; 1],
}

#[derive(Serialize)]
struct SarifRun {
    tool: Value,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    results: Vec<Box<RawValue>>,
}

impl Sarif {
    pub fn add(&mut self, report: &FileReport) {
        let index = OffsetIndex::new(report.text);
        for diagnostic in report.diagnostics {
            let location = locate(&index, diagnostic);
            let level = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Information | Severity::Hint => "note",
            };
            let rule_index = RULES
                .iter()
                .position(|rule| rule.code == diagnostic.code)
                .unwrap_or(0);
            let result = json!({
                "ruleId": diagnostic.code.name(),
                "ruleIndex": rule_index,
                "level": level,
                "message": {"text": diagnostic.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": sarif_uri(report.path)},
                        "region": {
                            "startLine": location.line,
                            "startColumn": location.column,
                            "endLine": location.end_line,
                            "endColumn": location.end_column,
                            "charOffset": location.start,
                            "charLength": location.end - location.start,
                        }
                    }
                }]
            });
            // A `Value` always serialises.
            if let Ok(raw) = serde_json::value::to_raw_value(&result) {
                self.results.push(raw);
            }
        }
    }

    pub fn finish(self) -> SarifLog {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.name,
                    "name": kebab_to_pascal(rule.name),
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.why},
                    "helpUri": format!("{}#{}", RULES_DOC_URL, rule.name),
                    "help": {"text": format!("{} Example: {}", rule.why, rule.example)},
                    "defaultConfiguration": {"level": match rule.default_severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Information | Severity::Hint => "note",
                    }},
                })
            })
            .collect();
        SarifLog {
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [SarifRun {
                tool: json!({"driver": {
                    "name": "newsls",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": RULES_DOC_URL,
                    "rules": rules,
                }}),
                column_kind: "unicodeCodePoints",
                results: self.results,
            }],
        }
    }
}

/// Where the rule documentation lives, for links from SARIF and the LSP.
pub const RULES_DOC_URL: &str = "https://github.com/newsls/newsls/blob/main/docs/rules.md";

fn kebab_to_pascal(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative URI reference for a path: forward slashes, RFC 3986 path characters kept, every
/// other byte percent-encoded (`%` itself first of all). A `:` in the first segment is encoded
/// too, so that the path cannot be read as a URI scheme.
fn sarif_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let first_slash = path.find('/').unwrap_or(path.len());
    let mut uri = String::with_capacity(path.len());
    for (offset, byte) in path.bytes().enumerate() {
        let path_char = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (byte == b':' && offset > first_slash);
        if path_char {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsls_engine::{Code, Span};

    /// The source line and the underline of the one finding in `human`'s output.
    fn snippet(text: &str, span: Span) -> (String, String) {
        let diagnostics = [Diagnostic::new(Code::Boilerplate, span, "x".to_string())];
        let report = FileReport {
            path: "a.txt",
            text,
            diagnostics: &diagnostics,
        };
        let out = human(&report, false);
        let lines: Vec<&str> = out.lines().collect();
        let source = lines[3]
            .split_once(" | ")
            .map(|(_, line)| line)
            .unwrap_or("");
        let underline = lines[4]
            .split_once(" | ")
            .map(|(_, line)| line)
            .unwrap_or("");
        (source.to_string(), underline.to_string())
    }

    #[test]
    fn a_long_line_is_shown_in_a_window_of_the_same_width_around_any_finding() {
        let line = "é".repeat(300) + "Click here!" + &"x".repeat(5000);
        let start = "é".repeat(300).len();
        for span in [
            Span::new(start, start + "Click here!".len()),
            // A span running to the end of a long line (a boilerplate line) is cut as well.
            Span::new(start, line.len()),
        ] {
            let (source, underline) = snippet(&line, span);
            assert_eq!(source.chars().count(), EXCERPT_CHARS + 2, "{source}");
            assert!(source.starts_with('…') && source.ends_with('…'));
            let marker = underline.trim_start();
            let column = underline.chars().count() - marker.chars().count();
            assert_eq!(
                source.chars().skip(column).take(5).collect::<String>(),
                "Click"
            );
            assert!(marker.chars().all(|c| c == '^'));
        }
        let (source, underline) = snippet("Short line.", Span::new(6, 10));
        assert_eq!(
            (source.as_str(), underline.as_str()),
            ("Short line.", "      ^^^^")
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            sarif_uri("corpus/100% sure #1?.txt"),
            "corpus/100%25%20sure%20%231%3F.txt"
        );
        assert_eq!(sarif_uri("a\\b/caf\u{e9}.txt"), "a/b/caf%C3%A9.txt");
    }
}
