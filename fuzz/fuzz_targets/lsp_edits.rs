//! Fuzz target: an initial text and a sequence of incremental `didChange` edits (ranges out of
//! bounds, reversed, inside multi-byte characters and surrogate pairs, in UTF-8 and UTF-16),
//! applied through the server's document store; the text must equal a `String` model and the
//! analysis of the final text must give spans that slice it.
//!
//! Run with `RUSTC_BOOTSTRAP=1 cargo fuzz run lsp_edits` (see fuzz/README.md); the input
//! layout is described in `fuzz/harness/mod.rs`.

#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| harness::lsp_edits(bytes));
