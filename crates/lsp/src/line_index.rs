//! The only place where byte offsets and LSP positions are converted into each other.
//!
//! Inside newsls every position is a byte offset into the text; editors speak in lines and
//! columns counted in UTF-16 code units (the default) or UTF-8 bytes (when negotiated).
//! Line breaks are `\n`, `\r\n` and a lone `\r`, as in the LSP specification. A position past
//! the end of its line, or a line past the end of the text, is clamped, never an error.
//! It knows nothing of the analysis beyond `Span`, and nothing of documents or clients.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use newsls_engine::Span;

/// How the columns of a position are counted, as negotiated in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (no conversion cost for us), else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(offered) if offered.contains(&PositionEncodingKind::UTF8) => {
                PositionEncoding::Utf8
            }
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, text: &str) -> usize {
        match self {
            PositionEncoding::Utf8 => text.len(),
            // One unit per character (per byte that is not a continuation byte), two for
            // characters outside the BMP (four-byte sequences): a byte count the compiler
            // vectorizes, where `encode_utf16` decodes every character. Every position in a
            // long line with curly quotes is counted from the line's start.
            PositionEncoding::Utf16 => text
                .bytes()
                .map(|byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0))
                .sum(),
        }
    }
}

/// A text with its line starts, answering position questions in one encoding.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text: Arc<str>,
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// Whether each line is pure ASCII, where columns are byte differences in every encoding.
    ascii_lines: Vec<bool>,
    encoding: PositionEncoding,
}

impl LineIndex {
    pub fn new(text: Arc<str>, encoding: PositionEncoding) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut ascii_lines = Vec::new();
        let mut line_is_ascii = true;
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            let line_break_len = match byte {
                b'\n' => 1,
                b'\r' if bytes.get(index + 1) == Some(&b'\n') => 2,
                b'\r' => 1,
                _ => 0,
            };
            if line_break_len > 0 {
                ascii_lines.push(line_is_ascii);
                line_is_ascii = true;
                index += line_break_len;
                line_starts.push(index);
            } else {
                line_is_ascii &= byte.is_ascii();
                index += 1;
            }
        }
        ascii_lines.push(line_is_ascii);
        LineIndex {
            text,
            line_starts,
            ascii_lines,
            encoding,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn shared_text(&self) -> Arc<str> {
        self.text.clone()
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of line `line` without its terminator; the last line when `line` is too large.
    pub fn line_span(&self, line: usize) -> Span {
        let line = line.min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The line holding byte `offset` (an offset inside a line break belongs to its line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The LSP position of a byte offset; offsets past the end or inside a character are
    /// moved back to the nearest character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let line_span = self.line_span(line);
        let offset = offset.min(line_span.end);
        let column = if self.ascii_lines[line] {
            offset - line_span.start
        } else {
            self.encoding.units(&self.text[line_span.start..offset])
        };
        Position::new(to_u32(line), to_u32(column))
    }

    /// The byte offset of an LSP position, clamped to the end of its line and of the text.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let line_span = self.line_span(line);
        let column = position.character as usize;
        if self.ascii_lines[line] || self.encoding == PositionEncoding::Utf8 {
            let offset = line_span.start + column.min(line_span.len());
            return floor_char_boundary(&self.text, offset);
        }
        let mut units = 0;
        for (index, character) in self.text[line_span.range()].char_indices() {
            let next = units + character.len_utf16();
            // A column inside a surrogate pair falls back to the start of the character.
            if next > column {
                return line_span.start + index;
            }
            units = next;
        }
        line_span.end
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte span of an LSP range; a reversed range is put in order.
    pub fn span(&self, range: Range) -> Span {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        Span::new(start.min(end), start.max(end))
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The char index in `rope` of an LSP position, clamped like `LineIndex::offset`.
///
/// The rope is built with ropey's `cr_lines` feature only, so its lines break exactly where
/// LSP lines break (`\n`, `\r\n`, `\r`) and the two conversions agree.
pub fn rope_char_index(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    let mut content_chars = line_slice.len_chars();
    if content_chars > 0 && line_slice.char(content_chars - 1) == '\n' {
        content_chars -= 1;
    }
    if content_chars > 0 && line_slice.char(content_chars - 1) == '\r' {
        content_chars -= 1;
    }
    let content = line_slice.slice(..content_chars);
    let column = position.character as usize;
    let char_in_line = match encoding {
        PositionEncoding::Utf8 => content.byte_to_char(column.min(content.len_bytes())),
        PositionEncoding::Utf16 => {
            let column = column.min(content.len_utf16_cu());
            let index = content.utf16_cu_to_char(column);
            // Inside a surrogate pair ropey rounds up; the line index rounds down, so do we.
            if content.char_to_utf16_cu(index) > column {
                index.saturating_sub(1)
            } else {
                index
            }
        }
    };
    line_start + char_in_line
}

/// Applies one `didChange` content change to a rope: a range edit, or the whole text.
pub fn apply_change(
    rope: &mut Rope,
    range: Option<Range>,
    new_text: &str,
    encoding: PositionEncoding,
) {
    match range {
        None => *rope = Rope::from_str(new_text),
        Some(range) => {
            let start = rope_char_index(rope, range.start, encoding);
            let end = rope_char_index(rope, range.end, encoding);
            let (start, end) = (start.min(end), start.max(end));
            rope.remove(start..end);
            rope.insert(start, new_text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str, encoding: PositionEncoding) -> LineIndex {
        LineIndex::new(Arc::from(text), encoding)
    }

    #[test]
    fn utf16_units_are_counted_from_bytes_as_the_standard_library_encodes_them() {
        for text in [
            "",
            "plain",
            "“Quoted” café",
            "a😀b𝄞c",
            "ÿ\u{7ff}\u{800}\u{ffff}\u{10000}",
        ] {
            assert_eq!(
                PositionEncoding::Utf16.units(text),
                text.encode_utf16().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn utf16_and_utf8_columns_differ_after_wide_characters() {
        let text = "é😀x\nnext";
        let x = text.find('x').unwrap_or(0);
        assert_eq!(
            index(text, PositionEncoding::Utf16).position(x),
            Position::new(0, 3)
        );
        assert_eq!(
            index(text, PositionEncoding::Utf8).position(x),
            Position::new(0, 6)
        );
        assert_eq!(
            index(text, PositionEncoding::Utf16).offset(Position::new(0, 3)),
            x
        );
        assert_eq!(
            index(text, PositionEncoding::Utf8).offset(Position::new(0, 6)),
            x
        );
    }

    #[test]
    fn positions_past_the_line_end_are_clamped() {
        let text = "ab\r\ncd\rlast";
        let lines = index(text, PositionEncoding::Utf16);
        assert_eq!(lines.line_count(), 3);
        assert_eq!(lines.offset(Position::new(0, 99)), 2);
        assert_eq!(lines.offset(Position::new(1, 99)), 6);
        assert_eq!(lines.offset(Position::new(2, 2)), 9);
        assert_eq!(lines.offset(Position::new(99, 0)), text.len());
        assert_eq!(lines.position(3), Position::new(0, 2));
        assert_eq!(lines.position(100), Position::new(2, 4));
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_rounds_down_in_both_conversions() {
        let text = "a😀b";
        let lines = index(text, PositionEncoding::Utf16);
        assert_eq!(lines.offset(Position::new(0, 2)), 1);
        let rope = Rope::from_str(text);
        assert_eq!(
            rope_char_index(&rope, Position::new(0, 2), PositionEncoding::Utf16),
            1
        );
    }

    #[test]
    fn rope_edits_follow_crlf_lines() {
        let mut rope = Rope::from_str("one\r\ntwo\rthree");
        let at = |line, character| Position::new(line, character);
        apply_change(
            &mut rope,
            Some(Range::new(at(1, 0), at(1, 99))),
            "2",
            PositionEncoding::Utf16,
        );
        apply_change(
            &mut rope,
            Some(Range::new(at(2, 5), at(2, 5))),
            "!",
            PositionEncoding::Utf8,
        );
        assert_eq!(rope.to_string(), "one\r\n2\rthree!");
    }
}
