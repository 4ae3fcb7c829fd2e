//! House rules checked on every `cargo test`: module headers, no ignored or should-panic tests,
//! a pure analysis engine, no `unwrap()` outside tests, and generated docs that are up to date.

use std::path::{Path, PathBuf};

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "snapshots") {
                continue;
            }
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The part of a source file before its `#[cfg(test)]` module.
fn non_test_part(source: &str) -> &str {
    source
        .find("#[cfg(test)]")
        .map_or(source, |at| &source[..at])
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let mut missing = Vec::new();
    for folder in [
        "src",
        "tests",
        "benches",
        "examples",
        "fuzz/fuzz_targets",
        "fuzz/harness",
    ] {
        for path in rust_files(&root().join(folder)) {
            if !read(&path).trim_start().starts_with("//!") {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files without a `//!` header: {missing:#?}"
    );
}

#[test]
fn no_ignored_or_should_panic_tests() {
    let forbidden = [concat!("#[", "ignore"), concat!("#[", "should_panic")];
    let mut found = Vec::new();
    for folder in ["src", "tests"] {
        for path in rust_files(&root().join(folder)) {
            let source = read(&path);
            for marker in forbidden {
                if source.contains(marker) {
                    found.push(format!("{}: {marker}", path.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_analysis_engine_is_pure() {
    // The engine must not know about LSP, JSON, files, processes, the network, threads or the clock.
    let forbidden = [
        "serde_json",
        "tower_lsp",
        "ls_types",
        "lsp_types",
        "tokio",
        "rayon",
        "std::fs",
        "std::io",
        "std::net",
        "std::process",
        "std::thread",
        "std::env",
        "SystemTime",
        "Instant::now",
        "Zoned::now",
        "Timestamp::now",
        "::now()",
        "crate::lsp",
        "crate::cli",
        "crate::output",
        "crate::config",
    ];
    let mut found = Vec::new();
    for path in rust_files(&root().join("src/analysis")) {
        let source = read(&path);
        for word in forbidden {
            if source.contains(word) {
                found.push(format!("{}: {word}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the analysis engine uses what it must not know: {found:#?}"
    );
}

#[test]
fn no_unwrap_outside_tests() {
    let mut found = Vec::new();
    for path in rust_files(&root().join("src")) {
        let source = read(&path);
        for (number, line) in non_test_part(&source).lines().enumerate() {
            if line.contains(".unwrap()") && !line.trim_start().starts_with("//") {
                found.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "`unwrap()` in non-test code: handle the error or explain with `expect`: {found:#?}"
    );
}

#[test]
fn rules_doc_is_up_to_date() {
    let path = root().join("docs/rules.md");
    let expected = newsls_engine::rules_markdown();
    if std::env::var_os("NEWSLS_BLESS").is_some() {
        std::fs::write(&path, &expected)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: regenerate it with `NEWSLS_BLESS=1 cargo test --test tidy`"
    );
}

#[test]
fn newsls_starts_no_process_and_opens_no_connection() {
    // newsls reads files and talks over stdio; nothing in a corpus or a `newsls.toml` may make it
    // run a program or reach the network. The one exception is the test client in
    // `src/lsp/harness.rs`, which starts the newsls binary itself for tests and benchmarks
    // (checked below to be used by nothing else in `src/`).
    let process = [
        "process::Command",
        "Command::new",
        "tokio::process",
        "os::unix::process",
        "execv",
        "libc::",
    ];
    let network = [
        "std::net",
        "tokio::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "UnixStream",
        "UnixListener",
        // Crate paths, so that "curly quotes" is not the curl crate.
        "reqwest::",
        "ureq::",
        "hyper::",
        "curl::",
    ];
    let harness = root().join("src/lsp/harness.rs");
    let mut found = Vec::new();
    for path in rust_files(&root().join("src")) {
        let source = read(&path);
        let words = network
            .iter()
            .chain(process.iter().filter(|_| path != harness));
        for word in words {
            if source.contains(word) {
                found.push(format!("{}: {word}", path.display()));
            }
        }
        let declares_harness = path.ends_with("src/lsp/mod.rs");
        if path != harness && !declares_harness && source.contains("harness") {
            found.push(format!("{}: uses the test harness", path.display()));
        }
    }
    let manifest = read(&root().join("Cargo.toml"));
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    for crate_name in [
        "reqwest",
        "ureq",
        "hyper",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
    ] {
        let declared = dependencies.lines().any(|line| {
            line.trim_start().starts_with(&format!("{crate_name} "))
                || line.trim_start().starts_with(&format!("{crate_name}="))
        });
        if declared {
            found.push(format!("Cargo.toml [dependencies]: {crate_name}"));
        }
    }
    assert!(
        found.is_empty(),
        "newsls must not run programs or use the network: {found:#?}"
    );
}
