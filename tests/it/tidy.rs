//! House rules checked on every `cargo test`, for what the crate graph cannot enforce: module
//! headers, no ignored or should-panic tests, a pure engine (its source and its dependencies),
//! no `unwrap()` outside tests, no process or network use, files of one concern (no file over
//! 1,000 lines, no import cycles between the files of a crate), and generated docs that are up
//! to date.

use std::collections::{BTreeMap, BTreeSet};
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

/// The source folders of the crates that ship in the `newsls` binary.
const PRODUCT: &[&str] = &[
    "src",
    "crates/engine/src",
    "crates/project/src",
    "crates/output/src",
    "crates/lsp/src",
];

/// Every folder of Rust code in the repository.
const ALL_CODE: &[&str] = &[
    "src",
    "crates",
    "tests",
    "benches",
    "examples",
    "fuzz/fuzz_targets",
    "fuzz/harness",
];

fn files_in(folders: &[&str]) -> Vec<PathBuf> {
    folders
        .iter()
        .flat_map(|folder| rust_files(&root().join(folder)))
        .collect()
}

/// The part of a source file before its `#[cfg(test)]` module.
fn non_test_part(source: &str) -> &str {
    source
        .find("#[cfg(test)]")
        .map_or(source, |at| &source[..at])
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let missing: Vec<String> = files_in(ALL_CODE)
        .into_iter()
        .filter(|path| !read(path).trim_start().starts_with("//!"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` header: {missing:#?}"
    );
}

#[test]
fn no_ignored_or_should_panic_tests() {
    let forbidden = [concat!("#[", "ignore"), concat!("#[", "should_panic")];
    let mut found = Vec::new();
    for path in files_in(ALL_CODE) {
        let source = read(&path);
        for marker in forbidden {
            if source.contains(marker) {
                found.push(format!("{}: {marker}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_file_is_over_a_thousand_lines() {
    let long: Vec<String> = files_in(ALL_CODE)
        .into_iter()
        .filter_map(|path| {
            let lines = read(&path).lines().count();
            (lines > 1000).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these into files of one concern: {long:#?}"
    );
}

#[test]
fn the_analysis_engine_is_pure() {
    // The engine must not know about LSP, JSON, files, processes, the network, threads or the
    // clock. Its manifest keeps the crates out; its source keeps std's out.
    let forbidden = [
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
        "Mutex",
        "RwLock",
    ];
    let mut found = Vec::new();
    for path in rust_files(&root().join("crates/engine/src")) {
        let source = read(&path);
        for word in forbidden {
            if non_test_part(&source).contains(word) {
                found.push(format!("{}: {word}", path.display()));
            }
        }
    }
    let manifest = read(&root().join("crates/engine/Cargo.toml"));
    // foldhash only hashes: built without `std`, it seeds from addresses, never the clock.
    let allowed = [
        "aho-corasick",
        "foldhash",
        "jiff",
        "regex",
        "regex-automata",
    ];
    for dependency in section_keys(&manifest, "dependencies") {
        if !allowed.contains(&dependency.as_str()) {
            found.push(format!("crates/engine/Cargo.toml: depends on {dependency}"));
        }
    }
    assert!(
        found.is_empty(),
        "the analysis engine uses what it must not know: {found:#?}"
    );
}

/// The keys of a `[section]` of a TOML manifest (the dependencies' names).
fn section_keys(manifest: &str, section: &str) -> Vec<String> {
    manifest
        .split(&format!("[{section}]"))
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split(['=', '.', ' ']).next())
        .map(str::to_string)
        .collect()
}

#[test]
fn no_unwrap_outside_tests() {
    let mut found = Vec::new();
    for path in files_in(PRODUCT) {
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
        "docs/rules.md is stale: regenerate it with `NEWSLS_BLESS=1 cargo test --test it tidy`"
    );
}

#[test]
fn newsls_starts_no_process_and_opens_no_connection() {
    // newsls reads files and talks over stdio; nothing in a corpus or a `newsls.toml` may make it
    // run a program or reach the network. The test client (crates/test-support), which starts
    // the newsls binary itself for tests and benchmarks, is no part of the product.
    let words = [
        "process::Command",
        "Command::new",
        "tokio::process",
        "os::unix::process",
        "execv",
        "libc::",
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
        "newsls_test_support",
    ];
    let mut found = Vec::new();
    for path in files_in(PRODUCT) {
        let source = read(&path);
        for word in words {
            if source.contains(word) {
                found.push(format!("{}: {word}", path.display()));
            }
        }
    }
    let manifests = [
        "Cargo.toml",
        "crates/engine/Cargo.toml",
        "crates/project/Cargo.toml",
        "crates/output/Cargo.toml",
        "crates/lsp/Cargo.toml",
    ];
    for manifest in manifests {
        let dependencies = section_keys(&read(&root().join(manifest)), "dependencies");
        for crate_name in [
            "reqwest",
            "ureq",
            "hyper",
            "curl",
            "isahc",
            "attohttpc",
            "surf",
            "newsls-test-support",
        ] {
            if dependencies.iter().any(|name| name == crate_name) {
                found.push(format!("{manifest} [dependencies]: {crate_name}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "newsls must not run programs or use the network: {found:#?}"
    );
}

/// A module of a crate, as the path of names from the crate root ("dates::normalize").
type ModulePath = Vec<String>;

/// The module each source file of a crate is, without test-only files.
fn modules_of(src: &Path) -> BTreeMap<ModulePath, PathBuf> {
    rust_files(src)
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(src).ok()?.with_extension("");
            let mut names: ModulePath = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                names.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                names.pop();
            }
            if names.iter().any(|name| name == "tests") {
                return None;
            }
            Some((names, path))
        })
        .collect()
}

/// The modules of the same crate that a file names through `crate::`, `super::` or `self::`
/// (outside its tests), resolved to the longest module path that exists.
fn imports(
    module: &ModulePath,
    source: &str,
    modules: &BTreeMap<ModulePath, PathBuf>,
) -> BTreeSet<ModulePath> {
    let code = non_test_part(source);
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    for (start, _) in code.char_indices() {
        let rest = &code[start..];
        let Some(prefix) = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|prefix| rest.starts_with(prefix))
        else {
            continue;
        };
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let path: Vec<&str> = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or_default()
            .split("::")
            .filter(|part| !part.is_empty())
            .collect();
        // Where the path starts: the crate root, this module, or its parent.
        let mut base: ModulePath = match prefix {
            "crate::" => Vec::new(),
            "self::" => module.clone(),
            _ => module[..module.len().saturating_sub(1)].to_vec(),
        };
        let mut names = path[1..].iter().peekable();
        while names.peek() == Some(&&"super") {
            names.next();
            base.pop();
        }
        let names: Vec<String> = names.map(|name| name.to_string()).collect();
        let target = (0..=names.len()).rev().find_map(|take| {
            let mut candidate = base.clone();
            candidate.extend(names[..take].iter().cloned());
            modules.contains_key(&candidate).then_some(candidate)
        });
        // A module naming its own ancestors (their shared types) is no cycle.
        if let Some(target) = target
            && target != *module
            && !module.starts_with(&target)
        {
            found.insert(target);
        }
    }
    found
}

/// The groups of modules that import one another, directly or through others (Tarjan).
fn cycles(edges: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Vec<Vec<ModulePath>> {
    struct Search<'a> {
        edges: &'a BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        index: BTreeMap<&'a ModulePath, usize>,
        low: BTreeMap<&'a ModulePath, usize>,
        stack: Vec<&'a ModulePath>,
        next: usize,
        found: Vec<Vec<ModulePath>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, module: &'a ModulePath) {
            self.index.insert(module, self.next);
            self.low.insert(module, self.next);
            self.next += 1;
            self.stack.push(module);
            for target in self.edges.get(module).into_iter().flatten() {
                if !self.index.contains_key(target) {
                    self.visit(target);
                    let low = self.low[module].min(self.low[target]);
                    self.low.insert(module, low);
                } else if self.stack.contains(&target) {
                    let low = self.low[module].min(self.index[target]);
                    self.low.insert(module, low);
                }
            }
            if self.low[module] == self.index[module] {
                let mut group = Vec::new();
                while let Some(member) = self.stack.pop() {
                    group.push(member.clone());
                    if member == module {
                        break;
                    }
                }
                if group.len() > 1 {
                    self.found.push(group);
                }
            }
        }
    }
    let mut search = Search {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for module in edges.keys() {
        if !search.index.contains_key(module) {
            search.visit(module);
        }
    }
    search.found
}

#[test]
fn the_files_of_a_crate_do_not_import_one_another_in_a_circle() {
    let mut found = Vec::new();
    for src in PRODUCT {
        let modules = modules_of(&root().join(src));
        let edges: BTreeMap<ModulePath, BTreeSet<ModulePath>> = modules
            .iter()
            .map(|(module, path)| (module.clone(), imports(module, &read(path), &modules)))
            .collect();
        for group in cycles(&edges) {
            let names: Vec<String> = group
                .iter()
                .map(|module| format!("{src}: {}", module.join("::")))
                .collect();
            found.push(names);
        }
    }
    assert!(found.is_empty(), "import cycles: {found:#?}");
}

/// The cycle check itself must see a cycle: three files naming one another in a circle.
#[test]
fn the_cycle_check_finds_a_cycle() {
    let module = |names: &[&str]| {
        names
            .iter()
            .map(|name| name.to_string())
            .collect::<Vec<_>>()
    };
    let modules: BTreeMap<ModulePath, PathBuf> = [
        (module(&[]), PathBuf::from("lib.rs")),
        (module(&["a"]), PathBuf::from("a.rs")),
        (module(&["b"]), PathBuf::from("b/mod.rs")),
        (module(&["b", "c"]), PathBuf::from("b/c.rs")),
    ]
    .into_iter()
    .collect();
    let a = imports(&module(&["a"]), "use crate::b::c::Thing;", &modules);
    let c = imports(&module(&["b", "c"]), "use super::super::a::X;", &modules);
    let b = imports(
        &module(&["b"]),
        "pub use self::c::Thing; use super::a;",
        &modules,
    );
    assert_eq!(a, [module(&["b", "c"])].into_iter().collect());
    assert_eq!(c, [module(&["a"])].into_iter().collect());
    assert!(b.contains(&module(&["b", "c"])) && b.contains(&module(&["a"])));
    let edges = [
        (module(&["a"]), a),
        (module(&["b", "c"]), c),
        (module(&["b"]), BTreeSet::new()),
    ]
    .into_iter()
    .collect();
    assert_eq!(cycles(&edges).len(), 1);
}
