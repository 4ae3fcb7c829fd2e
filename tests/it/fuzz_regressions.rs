//! Replays every input that once crashed newsls (fuzzers and property tests found them), so
//! that a fixed crash stays fixed. The inputs live in `fuzz/regressions/`.
//!
//! Every input goes through every fuzz target's check (any bytes are a valid input to each),
//! with the very code the targets run: `fuzz/harness/mod.rs`.

use crate::harness;

use std::path::PathBuf;

fn regression_inputs() -> Vec<(PathBuf, Vec<u8>)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&folder)
        .expect("fuzz/regressions exists")
        .flatten()
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("readable input");
            (entry.path(), bytes)
        })
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "no regression inputs found in {}",
        folder.display()
    );
    inputs
}

/// Runs one check on every input, naming the input that fails.
fn replay(check: fn(&[u8])) {
    for (path, bytes) in regression_inputs() {
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
}

#[test]
fn every_recorded_crash_input_is_analysed_cleanly() {
    replay(harness::analyze_bytes);
}

#[test]
fn every_recorded_crash_input_is_edited_cleanly() {
    replay(harness::lsp_edits);
}

/// The model the `lsp_edits` target checks the document store against must itself follow the
/// LSP rules, or the fuzzer would be comparing two wrong answers.
#[test]
fn the_edit_model_clamps_like_the_specification() {
    use newsls_lsp::line_index::PositionEncoding::{Utf8, Utf16};
    use tower_lsp_server::ls_types::Position;
    let text = "a😀b\r\nçd\rlast\n";
    let at = |line, character| Position::new(line, character);
    assert_eq!(harness::model_offset(text, at(0, 1), Utf16), 1);
    assert_eq!(harness::model_offset(text, at(0, 2), Utf16), 1); // inside the surrogate pair
    assert_eq!(harness::model_offset(text, at(0, 3), Utf16), 5);
    assert_eq!(harness::model_offset(text, at(0, 3), Utf8), 1); // inside the 4-byte char
    assert_eq!(harness::model_offset(text, at(0, 99), Utf8), 6); // before "\r\n"
    assert_eq!(harness::model_offset(text, at(1, 1), Utf8), 8); // inside "ç" → its start
    assert_eq!(harness::model_offset(text, at(1, 2), Utf8), 10);
    assert_eq!(harness::model_offset(text, at(2, 4), Utf16), 16);
    assert_eq!(harness::model_offset(text, at(3, 0), Utf16), text.len());
    assert_eq!(harness::model_offset(text, at(4, 0), Utf16), text.len());
    assert_eq!(
        harness::model_offset(text, at(u32::MAX, 7), Utf8),
        text.len()
    );
}
