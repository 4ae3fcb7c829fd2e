//! Fuzz target: any bytes, decoded as a file would be, then analysed; every span must slice the text.
//!
//! Run with `RUSTC_BOOTSTRAP=1 cargo fuzz run analyze_bytes` (see fuzz/README.md).

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsls::analysis::input::{Decoded, decode};
use newsls::analysis::{Settings, analyze};

fuzz_target!(|bytes: &[u8]| {
    if let Decoded::Text { text, .. } = decode(bytes) {
        let analysis = analyze(&text, &Settings::default());
        for span in analysis
            .document
            .sentences
            .iter()
            .chain(analysis.dates.iter().map(|date| &date.span))
            .chain(analysis.quotes.iter().map(|quote| &quote.span))
            .chain(analysis.entities.iter().flat_map(|entity| entity.mentions.iter().map(|mention| &mention.span)))
            .chain(analysis.diagnostics.iter().map(|diagnostic| &diagnostic.span))
        {
            assert!(text.get(span.range()).is_some(), "span {span:?} does not slice the text");
        }
    }
});
