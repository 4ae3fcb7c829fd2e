//! The editor features, each a pure function from an analysed snapshot (analysis, text and
//! line index) and a position or range to ls-types values.
//!
//! They know nothing of the client connection, of scheduling or of other documents (the
//! cross-file parts take the workspace index as an argument). Unit-testable without a client.

pub mod actions;
pub mod decisions;
pub mod diagnostics;
pub mod hover;
pub mod inlay;
pub mod lens;
pub mod navigation;
pub mod semantic_tokens;
pub mod symbols;
pub mod timeline;

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::Arc;

    use tower_lsp_server::ls_types::Uri;

    use crate::documents::Snapshot;
    use crate::line_index::{LineIndex, PositionEncoding};
    use newsls_engine::{Analysis, Input, Options, Settings, analyze};

    pub fn uri(name: &str) -> Uri {
        format!("file:///corpus/{name}")
            .parse()
            .unwrap_or_else(|_| panic!("test uri {name}"))
    }

    /// A snapshot of `text` with a hand-made analysis (to test features before the engines land).
    pub fn snapshot_with(text: &str, analysis: Analysis) -> Snapshot {
        Snapshot {
            uri: uri("article.txt"),
            version: 1,
            lines: LineIndex::new(Arc::from(text), PositionEncoding::Utf16),
            analysis,
            annotations: Default::default(),
        }
    }

    pub fn snapshot(text: &str) -> Snapshot {
        snapshot_with(text, analyze(&Input::new(text, &Settings::default()), Options::default()))
    }

    /// The byte span of the `nth` (0-based) occurrence of `needle`.
    pub fn span_of(text: &str, needle: &str, nth: usize) -> newsls_engine::Span {
        let start = text
            .match_indices(needle)
            .nth(nth)
            .map(|(start, _)| start)
            .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the text"));
        newsls_engine::Span::new(start, start + needle.len())
    }
}
