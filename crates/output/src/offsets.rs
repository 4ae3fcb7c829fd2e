//! Byte offsets → code-point offsets and 1-based line/column, for JSON, brat and reports.
//!
//! Built once per text; ASCII texts take a shortcut where both offsets are equal.

/// Converts byte offsets of one text into code-point offsets and line/column positions.
pub struct OffsetIndex {
    /// Byte offset and cumulative extra bytes (UTF-8 length − 1) of each multi-byte char.
    wide_chars: Vec<(usize, usize)>,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    len: usize,
}

impl OffsetIndex {
    pub fn new(text: &str) -> OffsetIndex {
        let mut wide_chars = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (offset, c) in text.char_indices() {
                if c.len_utf8() > 1 {
                    extra += c.len_utf8() - 1;
                    wide_chars.push((offset, extra));
                }
            }
        }
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'\n')
                .map(|(index, _)| index + 1),
        );
        OffsetIndex {
            wide_chars,
            line_starts,
            len: text.len(),
        }
    }

    /// The code-point offset of a byte offset (clamped to the text).
    pub fn code_point(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Extra bytes of the multi-byte chars that start before `byte`.
        let before = self
            .wide_chars
            .partition_point(|&(offset, _)| offset < byte);
        let extra = if before == 0 {
            0
        } else {
            self.wide_chars[before - 1].1
        };
        byte - extra
    }

    /// 1-based line and 1-based column in code points.
    pub fn line_column(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let column = self.code_point(byte) - self.code_point(self.line_starts[line]);
        (line + 1, column + 1)
    }

    /// The byte range of a 1-based line, without its terminator.
    pub fn line_span(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len);
        let end = self.line_starts.get(line).map_or(self.len, |next| next - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        (start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::OffsetIndex;

    #[test]
    fn code_points_and_lines() {
        let text = "a’b\nc€d";
        let index = OffsetIndex::new(text);
        assert_eq!(index.code_point(0), 0);
        assert_eq!(index.code_point(1), 1);
        assert_eq!(index.code_point(4), 2); // 'b'
        assert_eq!(index.code_point(text.len()), text.chars().count());
        assert_eq!(index.line_column(6), (2, 1));
        assert_eq!(index.line_column(text.len()), (2, 4));
        assert_eq!(index.line_span(text, 1), (0, 5));
    }
}
