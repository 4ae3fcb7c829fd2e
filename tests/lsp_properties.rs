//! Property test of the document store: random edit sequences applied incrementally to the
//! rope (through LSP positions, in both encodings, with CRLF, lone CR, wide characters and
//! out-of-range positions) give the same text as applying them to a `String`.

use std::sync::Arc;

use newsls::lsp::line_index::{LineIndex, PositionEncoding, apply_change};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

/// Characters chosen to hit every conversion case: ASCII, 2-, 3- and 4-byte UTF-8 (a
/// surrogate pair in UTF-16), and all three line breaks.
fn piece() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!["a", "b", " ", "é", "“", "😀", "\n", "\r\n", "\r"]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
struct Edit {
    start: (u32, u32),
    end: (u32, u32),
    text: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    // Lines and columns run past the text on purpose: they must be clamped the same way.
    ((0u32..8, 0u32..12), (0u32..8, 0u32..12), piece()).prop_map(|(start, end, text)| Edit {
        start,
        end,
        text,
    })
}

fn apply_to_string(text: &mut String, edit: &Edit, encoding: PositionEncoding) {
    let lines = LineIndex::new(Arc::from(text.as_str()), encoding);
    let span = lines.span(Range::new(
        Position::new(edit.start.0, edit.start.1),
        Position::new(edit.end.0, edit.end.1),
    ));
    text.replace_range(span.range(), &edit.text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn incremental_edits_match_string_edits(
        initial in piece(),
        edits in prop::collection::vec(edit(), 1..30),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
        let mut rope = Rope::from_str(&initial);
        let mut expected = initial.clone();
        for edit in &edits {
            let range = Range::new(
                Position::new(edit.start.0, edit.start.1),
                Position::new(edit.end.0, edit.end.1),
            );
            apply_change(&mut rope, Some(range), &edit.text, encoding);
            apply_to_string(&mut expected, edit, encoding);
            prop_assert_eq!(rope.to_string(), expected.clone());
        }
    }
}
