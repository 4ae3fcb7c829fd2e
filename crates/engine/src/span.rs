//! Byte spans into the exact text of an article.
//!
//! Every position inside the engine is a byte offset, end-exclusive, on a char boundary.
//! Conversions to LSP positions or code-point offsets happen at the edges, never here.

use std::collections::BTreeMap;
use std::ops::Range;

/// A half-open byte range `[start, end)` into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The covered text, or "" when the span does not fit `text` (it never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Shrinks the span so that it has no leading or trailing whitespace in `text`.
    pub fn trim(self, text: &str) -> Span {
        let slice = self.slice(text);
        let leading = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        let start = self.start + leading;
        Span::new(start, start + trimmed.len())
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A growing set of spans that never overlap one another, for "does this span overlap one
/// already taken?" in logarithmic time: only the last span starting before it ends can.
#[derive(Debug, Default)]
pub struct DisjointSpans {
    end_by_start: BTreeMap<usize, usize>,
}

impl DisjointSpans {
    pub fn overlaps(&self, span: Span) -> bool {
        self.end_by_start
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start)
    }

    /// Adds `span`, which must not overlap a span already in the set.
    pub fn insert(&mut self, span: Span) {
        self.end_by_start.insert(span.start, span.end);
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn trim_and_slice() {
        let text = "  Hello world \n";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(span.slice(text), "Hello world");
        assert_eq!(Span::new(3, 100).slice(text), "");
    }
}
