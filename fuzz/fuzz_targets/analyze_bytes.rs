//! Fuzz target: any bytes, decoded as a file would be, then analysed; every span must slice the text.
//!
//! Run with `RUSTC_BOOTSTRAP=1 cargo fuzz run analyze_bytes` (see fuzz/README.md).

#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| harness::analyze_bytes(bytes));
