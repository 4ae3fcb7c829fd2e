//! The checks the fuzz targets run, shared with `tests/fuzz_regressions.rs` so that every
//! recorded crash input is replayed on every `cargo test` exactly as the fuzzer ran it.
//!
//! Included with `#[path]` rather than put in the library: the library should not carry
//! fuzzing code, and the fuzz crate must not be a member of the main workspace.

#![allow(dead_code)] // each includer uses a different part

use newsls_engine::{Analysis, Input, Options, Settings, Span, analyze};
use newsls_engine::{Decoded, decode};
use newsls_lsp::documents::DocumentStore;
use newsls_lsp::line_index::{LineIndex, PositionEncoding};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Every span an analysis reports, named for the failure message.
pub fn all_spans(analysis: &Analysis) -> Vec<(&'static str, Span)> {
    let mut spans = Vec::new();
    let document = &analysis.document;
    spans.extend(document.sentences.iter().map(|span| ("sentence", *span)));
    spans.extend(
        document
            .paragraphs
            .iter()
            .map(|paragraph| ("paragraph", paragraph.span)),
    );
    spans.extend(
        document
            .boilerplate
            .iter()
            .map(|span| ("boilerplate", *span)),
    );
    spans.extend(document.header.map(|span| ("header", span)));
    spans.extend(document.headline.map(|span| ("headline", span)));
    spans.extend(document.front_matter.map(|span| ("front matter", span)));
    if let Some(dct) = &analysis.publication_date {
        spans.extend(
            dct.candidates
                .iter()
                .filter_map(|candidate| candidate.span.map(|span| ("dct", span))),
        );
    }
    spans.extend(analysis.dates.iter().map(|date| ("date", date.span)));
    for entity in &analysis.entities {
        spans.push(("definition", entity.definition));
        spans.extend(
            entity
                .mentions
                .iter()
                .map(|mention| ("mention", mention.span)),
        );
    }
    for quote in &analysis.quotes {
        spans.push(("quote", quote.span));
        spans.extend(quote.cue.map(|cue| ("cue", cue)));
        spans.extend(
            quote
                .speaker
                .as_ref()
                .map(|speaker| ("speaker", speaker.span)),
        );
    }
    for event in &analysis.timeline {
        spans.push(("event date", event.date));
        spans.push(("event sentence", event.sentence));
    }
    for diagnostic in &analysis.diagnostics {
        spans.push(("diagnostic", diagnostic.span));
        spans.extend(diagnostic.fix.as_ref().map(|fix| ("fix", fix.span)));
    }
    spans
}

/// Analyses `text` and panics unless every span is in order and slices it on char boundaries.
pub fn analyze_checked(text: &str) -> Analysis {
    let analysis = analyze(&Input::new(text, &Settings::default()), Options::default());
    for (what, span) in all_spans(&analysis) {
        assert!(span.start <= span.end, "{what} span {span:?} is reversed");
        assert!(
            text.get(span.range()).is_some(),
            "{what} span {span:?} does not slice the text"
        );
    }
    analysis
}

/// The `analyze_bytes` target: bytes decoded as a file would be, then analysed.
pub fn analyze_bytes(bytes: &[u8]) {
    if let Decoded::Text { text, .. } = decode(bytes) {
        analyze_checked(&text);
    }
}

/// Reads the fuzz input front to back; running out of bytes reads as zeros, so every input
/// means something and a shorter input is a prefix of the same program.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// A line or column: mostly small, with the top values mapped near `u32::MAX` so that
    /// overflowing arithmetic and far-out-of-range positions are reached too.
    fn coordinate(&mut self) -> u32 {
        let byte = self.byte();
        if byte >= 0xF0 {
            u32::MAX - u32::from(0xFF - byte)
        } else {
            u32::from(byte)
        }
    }

    /// `length` bytes as text: ASCII bytes as themselves (control characters and line
    /// breaks included), the others as one of the characters that stress the conversions.
    fn text(&mut self, length: usize) -> String {
        /// 2-, 3- and 4-byte UTF-8 (surrogate pairs in UTF-16), quote marks, combining marks,
        /// a BOM and characters that are line breaks elsewhere but not in LSP (NEL, U+2028).
        const WIDE: [&str; 16] = [
            "é", "“", "”", "„", "«", "»", "😀", "\u{FEFF}", "\u{2028}", "\u{0301}", "—",
            "\u{FFFD}", "\r\n", "𝔸", "’", "\u{85}",
        ];
        let mut text = String::new();
        for _ in 0..length {
            let byte = self.byte();
            if byte.is_ascii() {
                text.push(char::from(byte));
            } else {
                text.push_str(WIDE[usize::from(byte & 0x0F)]);
            }
        }
        text
    }
}

/// The byte offset of an LSP position in `text`, written from the specification and not from
/// `line_index`: lines end at `\n`, `\r\n` or a lone `\r`; a line past the end is the end of
/// the text; a column past the end of its line is the end of the line; a column inside a
/// character (a UTF-8 continuation byte or the second half of a surrogate pair) falls back to
/// the start of that character.
pub fn model_offset(text: &str, position: Position, encoding: PositionEncoding) -> usize {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find(['\n', '\r']) {
            None => return text.len(),
            Some(found) => {
                let at = line_start + found;
                let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
                line_start = at + if crlf { 2 } else { 1 };
            }
        }
    }
    let line_end = text[line_start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |found| line_start + found);
    let column = position.character as usize;
    let mut units = 0;
    for (index, character) in text[line_start..line_end].char_indices() {
        let width = match encoding {
            PositionEncoding::Utf8 => character.len_utf8(),
            PositionEncoding::Utf16 => character.len_utf16(),
        };
        if units + width > column {
            return line_start + index;
        }
        units += width;
    }
    line_end
}

/// Applies one content change to the `String` model; a reversed range is put in order.
pub fn model_apply(
    text: &mut String,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) {
    match change.range {
        None => *text = change.text.clone(),
        Some(range) => {
            let start = model_offset(text, range.start, encoding);
            let end = model_offset(text, range.end, encoding);
            text.replace_range(start.min(end)..start.max(end), &change.text);
        }
    }
}

/// The `lsp_edits` target. Input layout: a flag byte (bit 0: UTF-8 positions), a 16-bit
/// initial length and that many text bytes, then edits until the input ends, each an op byte
/// (low nibble 0xF: replace the whole text; bit 4: last change of its `didChange`), four
/// coordinates (start line, start column, end line, end column) for range edits, a length
/// byte and the new text.
pub fn lsp_edits(bytes: &[u8]) {
    let mut input = Reader { bytes };
    let encoding = if input.byte() & 1 == 1 {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    };
    let initial_length = usize::from(u16::from_le_bytes([input.byte(), input.byte()]));
    let initial = input.text(initial_length.min(input.bytes.len()));

    let uri: Uri = "file:///fuzz/article.txt".parse().expect("a valid URI");
    let store = DocumentStore::default();
    store.open(uri.clone(), "plaintext".to_string(), 0, &initial);
    let mut model = initial;
    let mut version = 0;
    let mut batch = Vec::new();
    while !input.is_empty() {
        let op = input.byte();
        let range = if op & 0x0F == 0x0F {
            None
        } else {
            let start = Position::new(input.coordinate(), input.coordinate());
            let end = Position::new(input.coordinate(), input.coordinate());
            Some(Range::new(start, end))
        };
        let length = usize::from(input.byte());
        let change = TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: input.text(length),
        };
        if let Some(range) = range {
            check_positions(&model, range, encoding);
        }
        model_apply(&mut model, &change, encoding);
        batch.push(change);
        if op & 0x10 != 0 || input.is_empty() {
            version += 1;
            assert!(
                store.change(&uri, version, &batch, encoding),
                "the document is open"
            );
            batch.clear();
            let text = store.text(&uri).expect("the document is open");
            assert!(
                text == model,
                "rope {text:?} != model {model:?} after version {version}"
            );
        }
    }
    analyze_checked(&model);
}

/// The line index (used for every position the server sends) agrees with the model, and a
/// valid offset survives the round trip through a position.
fn check_positions(text: &str, range: Range, encoding: PositionEncoding) {
    let lines = LineIndex::new(text.into(), encoding);
    for position in [range.start, range.end] {
        let offset = model_offset(text, position, encoding);
        assert_eq!(
            lines.offset(position),
            offset,
            "offset of {position:?} in {text:?}"
        );
        let back = lines.position(offset);
        assert_eq!(
            lines.offset(back),
            offset,
            "{offset} -> {back:?} -> elsewhere in {text:?}"
        );
    }
}
