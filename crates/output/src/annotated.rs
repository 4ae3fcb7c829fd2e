//! Annotated text: each line of the article followed by carets under what newsls found there,
//! the way compiler tests and rust-analyzer fixtures show expectations under the line they
//! speak of. Used by `newsls annotate --format text` and by the seed snapshot tests.
//!
//! A line longer than `WHOLE_LINE_BYTES` (a scraped page whose line breaks were lost) is not
//! printed whole above its marks: each mark gets a window of the line around it instead, so the
//! output grows with the number of marks, not with the line's length times the marks.

use std::fmt::Write;

use newsls_engine::{Analysis, Span};

use super::excerpt::{EXCERPT_CHARS, Excerpt};

/// The longest line printed whole with its marks under it.
const WHOLE_LINE_BYTES: usize = 4096;

/// One annotation to draw: where, and what to say.
struct Mark {
    span: Span,
    label: String,
}

fn marks(text: &str, analysis: &Analysis) -> Vec<Mark> {
    let mut marks = Vec::new();
    if let Some(dct) = &analysis.publication_date
        && let Some(span) = dct.span
    {
        marks.push(Mark {
            span,
            label: format!("publication date {}", dct.describe()),
        });
    }
    if let Some(headline) = analysis.document.headline {
        marks.push(Mark {
            span: headline,
            label: "headline".into(),
        });
    }
    for entity in &analysis.entities {
        for mention in &entity.mentions {
            let defining = if mention.span == entity.definition {
                ", definition"
            } else {
                ""
            };
            marks.push(Mark {
                span: mention.span,
                label: format!(
                    "{} {} (E{}{defining})",
                    entity.kind.name(),
                    entity.canonical,
                    entity.id.0
                ),
            });
        }
    }
    for date in &analysis.dates {
        let modifier = date
            .modifier
            .map(|m| format!(" mod={}", m.name()))
            .unwrap_or_default();
        marks.push(Mark {
            span: date.span,
            label: format!("{} {}{modifier}", date.timex_type.name(), date.value),
        });
    }
    for quote in &analysis.quotes {
        let speaker = quote.speaker.as_ref().map_or_else(
            || "no speaker".to_string(),
            |speaker| format!("speaker {}", speaker.name),
        );
        let cue = quote
            .cue
            .map(|cue| format!(", cue \"{}\"", cue.slice(text)))
            .unwrap_or_default();
        marks.push(Mark {
            span: quote.span,
            label: format!("quote ({}) {speaker}{cue}", quote.kind.name()),
        });
    }
    for diagnostic in &analysis.diagnostics {
        marks.push(Mark {
            span: diagnostic.span,
            label: format!(
                "{}[{}]: {}",
                diagnostic.severity, diagnostic.code, diagnostic.message
            ),
        });
    }
    marks.sort_by_key(|mark| (mark.span.start, std::cmp::Reverse(mark.span.end)));
    marks
}

/// The article with annotations drawn under each line. Spans crossing a line break are drawn
/// to the end of their first line and marked with `…`.
pub fn render(text: &str, analysis: &Analysis) -> String {
    let marks = marks(text, analysis);
    let mut out = String::new();
    let mut line_start = 0;
    let mut next_mark = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let windowed = content.len() > WHOLE_LINE_BYTES;
        if windowed {
            let _ = writeln!(
                out,
                "[a line of {} characters, shown around each mark]",
                content.chars().count()
            );
        } else {
            out.push_str(content);
            out.push('\n');
        }
        while next_mark < marks.len() && marks[next_mark].span.start < line_end.max(line_start + 1)
        {
            let mark = &marks[next_mark];
            next_mark += 1;
            if windowed {
                let window = Excerpt::around(
                    text,
                    (line_start, line_start + content.len()),
                    mark.span,
                    EXCERPT_CHARS,
                );
                let continues = if mark.span.end > line_start + content.len() {
                    "…"
                } else {
                    ""
                };
                let _ = writeln!(out, "{}{}{}", window.prefix, window.text, window.suffix);
                let _ = writeln!(
                    out,
                    "{}{}{continues} {}",
                    " ".repeat(window.marker_offset),
                    "^".repeat(window.marker_len),
                    mark.label
                );
                continue;
            }
            let start = mark
                .span
                .start
                .max(line_start)
                .min(line_start + content.len());
            let end = mark.span.end.min(line_start + content.len()).max(start);
            let indent = text
                .get(line_start..start)
                .map_or(0, |prefix| prefix.chars().count());
            let width = text
                .get(start..end)
                .map_or(0, |covered| covered.chars().count())
                .max(1);
            let continues = if mark.span.end > line_start + content.len() {
                "…"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{}{}{continues} {}",
                " ".repeat(indent),
                "^".repeat(width),
                mark.label
            );
        }
        line_start = line_end;
    }
    for mark in &marks[next_mark..] {
        let _ = writeln!(out, "(at end of text) {}", mark.label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsls_engine::{Input, Options, Settings, analyze};

    #[test]
    fn a_giant_line_is_shown_around_each_mark_and_the_output_stays_small() {
        let sentence = "Vladimir Putin met Antony Blinken on Sunday in Geneva. ";
        let line = sentence.repeat(2000);
        let settings = Settings {
            publication_date: Some(jiff::civil::date(2021, 12, 13)),
            ..Settings::default()
        };
        let analysis = analyze(&Input::new(&line, &settings), Options::default());
        let rendered = render(&line, &analysis);
        let marks = rendered
            .lines()
            .filter(|l| l.trim_start().starts_with('^'))
            .count();
        assert!(marks > 2000, "{marks} marks");
        // Two lines of at most a window each per mark, whatever the line's length.
        assert!(
            rendered.len() < marks * 2 * (EXCERPT_CHARS * 4 + 200),
            "{} bytes for {marks} marks",
            rendered.len()
        );
        let sunday = rendered
            .lines()
            .zip(rendered.lines().skip(1))
            .find(|(_, marks)| marks.contains("DATE 2021-12-12"))
            .expect("a date mark");
        let column = sunday.1.chars().take_while(|c| *c == ' ').count();
        let marked: String = sunday.0.chars().skip(column).take(6).collect();
        assert_eq!(marked, "Sunday");
    }
}
