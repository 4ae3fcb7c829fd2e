//! Property test of the document store: random edit sequences applied incrementally to the
//! rope (through LSP positions, in both encodings, with CRLF, lone CR, wide characters and
//! out-of-range positions) give the same text as applying them to a `String`.

use std::sync::Arc;

use crate::line_index::{LineIndex, PositionEncoding, apply_change};
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

/// The `String` model and position rules the `lsp_edits` fuzz target checks against, written
/// independently of `line_index`.
#[path = "../../../../fuzz/harness/mod.rs"]
mod harness;

mod incremental_analysis {
    //! Incremental edits through the server's document store, analysed by the function the
    //! server's workers call, must give exactly what a full analysis of the final text gives:
    //! the same findings, dates, quotes and entities, and the same LSP answers built from them.

    use super::harness::model_apply;
    use crate::documents::{Annotations, DocumentStore, Snapshot};
    use crate::features::{diagnostics, inlay, semantic_tokens, symbols};
    use crate::line_index::{LineIndex, PositionEncoding};
    use crate::scheduler::analyse_version;
    use newsls_engine::{Input, Options, Reuse, Settings, analyze};
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

    /// Fragments of news copy (quotes, speech verbs, dates, names, boilerplate) glued with the
    /// characters that stress positions, so that edits create and destroy findings.
    fn news_piece() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "“We will not give up,” said Anna Müller. ",
                "The minister said on Monday that ",
                "\"Never,\" he added. ",
                "On 3 March 2024 the council met. ",
                "Müller, 52, ",
                "last week ",
                "Click here to subscribe. ",
                "BERLIN (Reuters) - ",
                "«Oui», a-t-il dit. ",
                "yesterday",
                "😀",
                "é",
                "\n",
                "\r\n",
                "\r",
                "\n\n",
                " ",
                "’",
            ]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn change() -> impl Strategy<Value = TextDocumentContentChangeEvent> {
        let position = (0u32..12, 0u32..80).prop_map(|(line, column)| Position::new(line, column));
        (
            prop::option::weighted(0.95, (position.clone(), position)),
            news_piece(),
        )
            .prop_map(|(range, text)| TextDocumentContentChangeEvent {
                range: range.map(|(start, end)| Range::new(start, end)),
                range_length: None,
                text,
            })
    }

    fn snapshot(uri: &Uri, text: &str, version: i32, encoding: PositionEncoding) -> Snapshot {
        Snapshot {
            uri: uri.clone(),
            version,
            lines: LineIndex::new(text.into(), encoding),
            analysis: analyze(&Input::new(text, &Settings::default()), Options::default()),
            annotations: Annotations::default(),
        }
    }

    proptest! {
        // Each case analyses several texts of a few hundred bytes: keep the count modest.
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn incremental_edits_then_analysis_equal_a_full_analysis(
            initial in news_piece(),
            notifications in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..12),
            analysed_every in 1usize..4,
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let uri: Uri = "file:///corpus/article.txt".parse().expect("a valid URI");
            let store = DocumentStore::default();
            let (wake, _) = store.open(uri.clone(), "plaintext".into(), 0, &initial);
            let mut model = initial.clone();
            let mut version = 0;
            let mut worker_result = None;
            // As the server's worker does: each analysis reuses the paragraphs of the last.
            let mut reuse = Reuse::new();
            // The engine keeps paragraphs for any text it is given a `Reuse` with; the direct
            // analysis carries its own through every version, as the worker does while typing.
            let mut direct_reuse = Reuse::new();
            let mut direct_result = None;
            for changes in &notifications {
                version += 1;
                prop_assert!(store.change(&uri, version, changes, encoding));
                for change in changes {
                    model_apply(&mut model, change, encoding);
                }
                // The worker picks up some versions and not others, as debouncing does.
                if (version as usize).is_multiple_of(analysed_every) || version as usize == notifications.len() {
                    let current = store.text_for_worker(&uri, &wake).expect("open");
                    prop_assert_eq!(current.version, version);
                    let (snapshot, problems) = analyse_version(
                        uri.clone(), current, &Settings::default(), Annotations::default(), None, encoding,
                        &mut reuse,
                    );
                    prop_assert!(problems.is_empty());
                    let options = newsls_engine::Options {
                        join: newsls_engine::Sequential,
                        reuse: Some(&mut direct_reuse),
                    };
                    direct_result = Some(analyze(&Input::new(snapshot.text(), &Settings::default()), options));
                    worker_result = Some(snapshot);
                }
            }
            let incremental = worker_result.expect("the last version is always analysed");
            let full = snapshot(&uri, &model, version, encoding);
            prop_assert_eq!(incremental.version, version);
            prop_assert_eq!(incremental.text(), model.as_str());

            let (a, b) = (&incremental.analysis, &full.analysis);
            let reusing = direct_result.expect("analysed with the worker's result");
            prop_assert_eq!(format!("{reusing:?}"), format!("{b:?}"));
            prop_assert_eq!(format!("{:?}", a.diagnostics), format!("{:?}", b.diagnostics));
            prop_assert_eq!(format!("{:?}", a.dates), format!("{:?}", b.dates));
            prop_assert_eq!(format!("{:?}", a.quotes), format!("{:?}", b.quotes));
            prop_assert_eq!(format!("{:?}", a.entities), format!("{:?}", b.entities));
            prop_assert_eq!(format!("{:?}", a.publication_date), format!("{:?}", b.publication_date));

            prop_assert_eq!(diagnostics::all(&incremental), diagnostics::all(&full));
            prop_assert_eq!(semantic_tokens::semantic_tokens(&incremental), semantic_tokens::semantic_tokens(&full));
            prop_assert_eq!(symbols::outline(&incremental), symbols::outline(&full));
            let whole = newsls_engine::Span::new(0, model.len());
            // Inlay hints have no `PartialEq`: compare what is sent to the client.
            let hints = |snapshot: &Snapshot| serde_json::to_value(inlay::inlay_hints(snapshot, whole)).ok();
            prop_assert_eq!(hints(&incremental), hints(&full));
        }
    }
}
