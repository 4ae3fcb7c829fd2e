//! brat standoff (`.ann`) for the analysis: `T` lines for entities, dates and quotes,
//! `A` lines for date values and quote kinds, `R` lines from quotes to their speakers.
//!
//! Offsets are code points, as brat counts them; spans crossing line breaks become fragments,
//! because brat's text field may not contain a newline.

use std::fmt::Write;

use super::offsets::OffsetIndex;
use newsls_engine::{Analysis, AnnotationKind, Span};

/// The `annotation.conf` that makes brat accept the types used below.
pub const ANNOTATION_CONF: &str = "[entities]\nPERSON\nORG\nPLACE\nOTHER\nDATE\nTIME\nDURATION\nSET\nQuote\nSpeaker\n\n[relations]\nSpeaker Arg1:Quote, Arg2:<ENTITY>\n\n[events]\n\n[attributes]\nValue Arg:<ENTITY>\nKind Arg:Quote, Value:speech|title|scare\n";

struct Writer<'a> {
    text: &'a str,
    index: OffsetIndex,
    out: String,
    next_t: usize,
    next_a: usize,
    next_r: usize,
}

impl Writer<'_> {
    /// Writes a `T` line and returns its id.
    fn text_bound(&mut self, label: &str, span: Span) -> String {
        self.next_t += 1;
        let id = format!("T{}", self.next_t);
        let fragments = fragments(self.text, span);
        let offsets: Vec<String> = fragments
            .iter()
            .map(|fragment| {
                format!(
                    "{} {}",
                    self.index.code_point(fragment.start),
                    self.index.code_point(fragment.end)
                )
            })
            .collect();
        let covered: Vec<&str> = fragments
            .iter()
            .map(|fragment| fragment.slice(self.text))
            .collect();
        let _ = writeln!(
            self.out,
            "{id}\t{label} {}\t{}",
            offsets.join(";"),
            covered.join(" ")
        );
        id
    }

    fn attribute(&mut self, name: &str, target: &str, value: &str) {
        self.next_a += 1;
        let value: String = value.split_whitespace().collect::<Vec<_>>().join("_");
        let _ = writeln!(self.out, "A{}\t{name} {target} {value}", self.next_a);
    }

    fn relation(&mut self, name: &str, from: &str, to: &str) {
        self.next_r += 1;
        let _ = writeln!(self.out, "R{}\t{name} Arg1:{from} Arg2:{to}", self.next_r);
    }
}

/// The parts of a span between line breaks, each trimmed, empty parts dropped.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (offset, _) in span.slice(text).match_indices(['\n', '\r']) {
        out.push(Span::new(start, span.start + offset).trim(text));
        start = span.start + offset + 1;
    }
    out.push(Span::new(start, span.end).trim(text));
    out.retain(|fragment| !fragment.is_empty());
    if out.is_empty() {
        out.push(span);
    }
    out
}

/// The `.ann` file for one article.
pub fn to_ann(text: &str, analysis: &Analysis) -> String {
    let mut writer = Writer {
        text,
        index: OffsetIndex::new(text),
        out: String::new(),
        next_t: 0,
        next_a: 0,
        next_r: 0,
    };
    let mut mention_ids = Vec::new();
    for entity in &analysis.entities {
        for mention in &entity.mentions {
            let id = writer.text_bound(entity.kind.name(), mention.span);
            mention_ids.push((entity.id, mention.span, id));
        }
    }
    for date in &analysis.dates {
        let id = writer.text_bound(date.timex_type.name(), date.span);
        writer.attribute("Value", &id, &date.value.to_string());
    }
    let mut next_note = 0;
    for quote in &analysis.quotes {
        let id = writer.text_bound("Quote", quote.span);
        writer.attribute("Kind", &id, quote.kind.name());
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        // Link to the speaker's mention when the entities module found it, or to the source
        // phrase; an annotator's attribution names the speaker without a phrase in the text.
        if speaker.span != quote.span {
            let target = mention_ids
                .iter()
                .find(|(_, span, _)| *span == speaker.span)
                .map(|(_, _, id)| id.clone())
                .unwrap_or_else(|| writer.text_bound("Speaker", speaker.span));
            writer.relation("Speaker", &id, &target);
        }
        next_note += 1;
        let _ = writeln!(
            writer.out,
            "#{next_note}\tAnnotatorNotes {id}\tspeaker: {} ({})",
            speaker.name,
            analysis.origin(quote.span, AnnotationKind::Quote).name()
        );
    }
    writer.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_spans_become_fragments() {
        let text = "ab\ncd";
        assert_eq!(
            fragments(text, Span::new(0, 5)),
            vec![Span::new(0, 2), Span::new(3, 5)]
        );
    }
}
