//! Bad input is data, not a crash: arbitrary text and bytes, odd line ends, giant lines and
//! floods of quote marks all come back as an analysis whose every span slices the text.

use newsls_engine::Layer;
use newsls_engine::{Analysis, Input, Join, Options, Reuse, Settings, analyze};
use newsls_engine::{Decoded, decode};
use newsls_lsp::scheduler::SideBySide;
use newsls_output::annotations::to_json;
use proptest::prelude::*;
use serde_json::Value;

// The span checks the fuzz targets run: one definition of "every span slices the text".
use crate::harness::{all_spans, analyze_checked};

fn assert_spans_slice(text: &str, analysis: &Analysis) {
    for (what, span) in all_spans(analysis) {
        assert!(span.start <= span.end, "{what} span {span:?} is reversed");
        assert!(
            text.get(span.range()).is_some(),
            "{what} span {span:?} does not slice the text on char boundaries"
        );
    }
}

#[test]
fn hostile_texts() {
    let long_line = "word \u{201c}quoted\u{201d} on Tuesday, ".repeat(4_000);
    let quote_flood = "\"".repeat(100_000);
    let mixed_flood =
        "\u{201c}\u{2018}'\"\u{201d}\u{2019}\u{ab}\u{bb}\u{2039}\u{203a}\u{201e}\u{201a}"
            .repeat(10_000);
    let nested = format!(
        "He said {}x{}",
        "\u{201c}\u{2018}".repeat(5_000),
        "\u{2019}\u{201d}".repeat(5_000)
    );
    let texts = [
        String::new(),
        " \n\t\r\n  \u{feff}".to_string(),
        "\u{feff}".to_string(),
        "\r\r\r".to_string(),
        long_line,
        quote_flood,
        mixed_flood,
        nested,
        "date: 2021-13-45\n\nBad date header.".to_string(),
        "---\nunclosed front matter".to_string(),
        "Updated on: 31 February,2021\n\nBody.".to_string(),
        "\u{0}\u{1}\u{7f}\u{fffd}\u{10ffff}".to_string(),
        " \t \n".repeat(50_000),
    ];
    for text in &texts {
        analyze_checked(text);
    }
}

#[test]
fn a_five_megabyte_line_is_analysed_up_to_the_limit() {
    let line = "Biden said \u{201c}we will see\u{201d} on Tuesday, ".repeat(5 * 1024 * 1024 / 44);
    // A small limit keeps the debug-build test quick; the mechanism is the one of the 4 MB default.
    let settings = Settings {
        analysis_limit: 64 * 1024,
        ..Settings::default()
    };
    let analysis = analyze(&Input::new(&line, &settings), Options::default());
    assert_spans_slice(&line, &analysis);
    let limit = analysis
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.code.name() == "analysis-limit")
        .expect("the limit is reported");
    assert!(limit.span.start <= 64 * 1024 && line.is_char_boundary(limit.span.start));
    assert!(analysis.dates.iter().all(|date| date.span.end <= 64 * 1024));
}

#[test]
fn a_missing_date_is_one_diagnostic() {
    let analysis = analyze_checked("Plain text with no date.\n");
    let missing = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code.name() == "missing-publication-date")
        .count();
    assert_eq!(missing, 1);
    assert!(analysis.publication_date.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_spans_that_slice_it(text in "(\\PC|[\n\r\"'“”‘’«»]){0,400}") {
        analyze_checked(&text);
    }

    #[test]
    fn news_like_text_gives_spans_that_slice_it(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "said", "\"", "“", "”", "'", "’", "Mr.", "U.S.", "Biden", "on", "Tuesday", "Jan.", "10", "2021",
                "\n", "\n\n", "  ", "Advertisement", "-", "date:", "2021-12-29", "Putin", ".", ",", "é", "日本",
            ]),
            0..120,
        )
    ) {
        analyze_checked(&words.join(" "));
    }

    #[test]
    fn any_bytes_decode_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match decode(&bytes) {
            Decoded::Binary { first_nul } => prop_assert_eq!(bytes.get(first_nul), Some(&0)),
            Decoded::Text { text, diagnostics } => {
                prop_assert!(!bytes.contains(&0));
                let analysis = analyze_checked(&text);
                prop_assert!(analysis.diagnostics.len() < 10_000);
                for diagnostic in diagnostics {
                    prop_assert!(text.get(diagnostic.span.range()).is_some());
                }
            }
        }
    }
}

/// Every `{start, end[, text]}` object anywhere in an annotation document.
fn json_spans(value: &Value, out: &mut Vec<(u64, u64, Option<String>)>) {
    match value {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
            ) {
                let text = map.get("text").and_then(Value::as_str).map(str::to_string);
                out.push((start, end, text));
            }
            map.values().for_each(|value| json_spans(value, out));
        }
        Value::Array(items) => items.iter().for_each(|value| json_spans(value, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// `newsls annotate --format json` promises code-point offsets: read back from the JSON
    /// text and converted to byte offsets, every span slices exactly its `text`.
    #[test]
    fn annotation_json_code_points_round_trip_to_the_text(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "said", "\"", "“", "”", "«", "»", "„", "’", "Mr.", "Biden", "Anna", "Müller", "on",
                "Tuesday", "3", "March", "2024", "\n", "\r\n", "\n\n", "date:", "2021-12-29", ".",
                ",", "é", "日本", "😀", "𝔸", "\u{301}", "Advertisement",
            ]),
            0..120,
        )
    ) {
        let text = words.join(" ");
        let analysis = analyze(&Input::new(&text, &Settings::default()), Options::default());
        let written = serde_json::to_string(&to_json("article.txt", &text, &analysis))
            .expect("the annotation document serialises");
        let document: Value = serde_json::from_str(&written).expect("and parses back");
        // Byte offset of code point n (and of the end of the text).
        let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
        let mut spans = Vec::new();
        json_spans(&document, &mut spans);
        let mentions: usize = analysis.entities.iter().map(|entity| entity.mentions.len()).sum();
        prop_assert!(spans.len() >= analysis.dates.len() + analysis.quotes.len() + mentions);
        for (start, end, slice) in spans {
            prop_assert!(start <= end, "reversed {start}..{end}");
            let bytes = usize::try_from(start).ok().and_then(|start| starts.get(start));
            let bytes_end = usize::try_from(end).ok().and_then(|end| starts.get(end));
            let (Some(&from), Some(&to)) = (bytes, bytes_end) else {
                return Err(TestCaseError::fail(format!("{start}..{end} is past the text")));
            };
            if let Some(slice) = slice {
                prop_assert_eq!(&text[from..to], slice.as_str());
            }
        }
    }
}

/// Runs the second part before the first.
struct SecondFirst;

impl Join for SecondFirst {
    fn join<A: Send, B: Send>(
        &self,
        first: impl FnOnce() -> A + Send,
        second: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        let second = second();
        (first(), second)
    }
}

#[test]
fn the_parts_an_analysis_runs_side_by_side_are_independent() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&seeds)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    assert!(texts.len() >= 5, "the seed articles are in seeds/");
    let long = texts.join("\n\n").repeat(4);
    texts.push(long);
    let settings = Settings::default();
    let layer = Layer::default();
    for text in &texts {
        let expected = format!(
            "{:?}",
            analyze(&Input::new(text, &settings), Options::default())
        );
        for (order, analysis) in [
            (
                "second first",
                analyze(
                    &Input::new(text, &settings).with_layer(&layer),
                    Options {
                        join: SecondFirst,
                        reuse: None,
                    },
                ),
            ),
            (
                "two threads",
                analyze(
                    &Input::new(text, &settings).with_layer(&layer),
                    Options {
                        join: SideBySide,
                        reuse: None,
                    },
                ),
            ),
        ] {
            assert!(format!("{analysis:?}") == expected, "{order} differs");
        }
    }
}

/// An analysis that reuses the paragraphs of earlier ones is the analysis of its own text:
/// edits that change one paragraph, that change what the article says about a word elsewhere
/// (a name written once in lower case changes how its capitalised uses read), that remove,
/// repeat and reorder paragraphs, each compared with a fresh analysis.
#[test]
fn an_analysis_reusing_earlier_paragraphs_is_the_analysis_of_its_text() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&seeds)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    assert!(texts.len() >= 5, "the seed articles are in seeds/");
    let article = texts.join("\n\n");
    let paragraphs: Vec<&str> = article.split("\n\n").collect();
    let middle = article.len() / 2;
    let middle = (middle..article.len())
        .find(|&at| article.is_char_boundary(at))
        .unwrap_or(article.len());
    let versions = vec![
        article.clone(),
        format!("{}x{}", &article[..middle], &article[middle..]),
        article.replacen("Blinken", "blinken", 1),
        article.replacen("Blinken", "BLINKEN", 1),
        paragraphs[1..].join("\n\n"),
        paragraphs
            .iter()
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n"),
        format!("{article}\n\n{article}"),
        article.clone(),
        // The whole article once more in lower case: every word is now also written in lower
        // case mid-sentence, which changes how the untouched paragraphs' names read.
        format!("{article}\n\n{}", article.to_lowercase()),
        article.clone(),
    ];
    let settings = Settings::default();
    let layer = Layer::default();
    let mut reuse = Reuse::new();
    for (index, text) in versions.iter().enumerate() {
        let expected = format!(
            "{:?}",
            analyze(&Input::new(text, &settings), Options::default())
        );
        let input = Input::new(text, &settings).with_layer(&layer);
        let one_thread = analyze(
            &input,
            Options {
                join: newsls_engine::Sequential,
                reuse: Some(&mut reuse),
            },
        );
        assert!(
            !reuse.is_empty(),
            "version {index}: nothing kept for the next analysis"
        );
        let two_threads = analyze(
            &input,
            Options {
                join: SideBySide,
                reuse: Some(&mut reuse),
            },
        );
        for (order, analysis) in [("one thread", one_thread), ("two threads", two_threads)] {
            assert!(
                format!("{analysis:?}") == expected,
                "version {index} ({order}) differs from a fresh analysis"
            );
        }
    }
}
