//! Every seed article rendered as annotated text (each line followed by carets under what newsls
//! found there), snapshot-tested with insta. Review changes with `cargo insta review`; the gold
//! test (tests/gold.rs) keeps floors so that a careless snapshot update cannot hide a regression.

use std::path::PathBuf;

use newsls_engine::{Input, Options, Settings, analyze};
use newsls_output::annotated;

#[test]
fn seed_articles_annotated() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<String> = std::fs::read_dir(&seeds)
        .expect("seeds/")
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "the five seed articles");
    for name in names {
        let text = std::fs::read_to_string(seeds.join(&name)).expect("seed");
        let rendered = annotated::render(
            &text,
            &analyze(&Input::new(&text, &Settings::default()), Options::default()),
        );
        insta::assert_snapshot!(name.trim_end_matches(".txt").to_string(), rendered);
    }
}
