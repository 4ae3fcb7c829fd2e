//! A window of a line around a span, for showing a finding on a line that may be megabytes
//! long (a scraped page whose line breaks were lost): at most a given number of characters,
//! starting a quarter of that before the span, with `…` where the line goes on. Only the
//! characters near the span are read, so the cost does not grow with the line.

use newsls_engine::Span;

/// The widest excerpt of a line shown under a finding, in characters.
pub const EXCERPT_CHARS: usize = 100;

pub struct Excerpt<'a> {
    pub prefix: &'static str,
    pub text: &'a str,
    pub suffix: &'static str,
    /// Columns from the excerpt's first character (after the prefix) to the underline.
    pub marker_offset: usize,
    /// The underline's length: the span's part inside the excerpt, at least one column.
    pub marker_len: usize,
}

impl<'a> Excerpt<'a> {
    /// The window of the line `line_start..line_end` of `text` around `span`, at most `width`
    /// characters wide.
    pub fn around(
        text: &'a str,
        (line_start, line_end): (usize, usize),
        span: Span,
        width: usize,
    ) -> Excerpt<'a> {
        let span_start = span.start.clamp(line_start, line_end);
        let span_end = span.end.clamp(span_start, line_end);
        let before = &text[line_start..span_start];
        let window_start = before
            .char_indices()
            .rev()
            .nth((width / 4).max(1) - 1)
            .map_or(line_start, |(offset, _)| line_start + offset);
        let window_end = text[window_start..line_end]
            .char_indices()
            .nth(width)
            .map_or(line_end, |(offset, _)| window_start + offset);
        let prefix = if window_start > line_start { "…" } else { "" };
        let columns = |from: usize, to: usize| text[from..to.max(from)].chars().count();
        let marker_offset = columns(window_start, span_start) + prefix.chars().count();
        let marker_len = columns(span_start, span_end.min(window_end)).max(1);
        Excerpt {
            prefix,
            text: &text[window_start..window_end],
            suffix: if window_end < line_end { "…" } else { "" },
            marker_offset,
            marker_len,
        }
    }
}
