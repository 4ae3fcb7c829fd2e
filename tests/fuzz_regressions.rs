//! Replays every input that once crashed newsls (fuzzers and property tests found them), so
//! that a fixed crash stays fixed. The inputs live in `fuzz/regressions/`.

use newsls::analysis::input::{Decoded, decode};
use newsls::analysis::{Settings, analyze};

#[test]
fn every_recorded_crash_input_is_analysed_cleanly() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&folder)
        .expect("fuzz/regressions exists")
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).expect("readable input");
        if let Decoded::Text { text, .. } = decode(&bytes) {
            let analysis = analyze(&text, &Settings::default());
            for diagnostic in &analysis.diagnostics {
                assert!(
                    text.get(diagnostic.span.range()).is_some(),
                    "{}",
                    entry.path().display()
                );
            }
            for sentence in &analysis.document.sentences {
                assert!(
                    text.get(sentence.range()).is_some(),
                    "{}",
                    entry.path().display()
                );
            }
        }
        replayed += 1;
    }
    assert!(
        replayed > 0,
        "no regression inputs found in {}",
        folder.display()
    );
}
