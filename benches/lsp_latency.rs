//! Benchmark of the language server as an editor sees it: the time from sending a `didChange`
//! to receiving the `publishDiagnostics` of that version (debounce included), on a 10 KB and a
//! 1 MB article, p50 and p95; and the server's resident memory once a corpus is indexed.
//!
//! It drives the real `newsls lsp` binary over stdio. `cargo bench --bench lsp_latency` runs it
//! fully; under `cargo test` (no `--bench` flag) it only does a few edits as a smoke test.
//! The memory figure needs a corpus: `NEWSLS_BENCH_CORPUS=/path/to/reuters21578`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsls_lsp::line_index::{LineIndex, PositionEncoding};
use newsls_test_support::TestClient;
use serde_json::{Value, json};

fn seeds_text() -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An article of about `bytes` bytes: a date header, then seed paragraphs repeated.
fn article(bytes: usize) -> String {
    let body = seeds_text();
    let mut text = String::from("date: 2021-12-13\n\n");
    while text.len() < bytes {
        text.push_str(&body);
        text.push_str("\n\n");
    }
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

async fn spawn_server() -> (TestClient, tokio::process::Child) {
    TestClient::spawn_binary(std::path::Path::new(env!("CARGO_BIN_EXE_newsls")))
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Types `edits` characters one at a time (each awaited) and returns the latencies, sorted.
async fn measure(label: &str, bytes: usize, edits: usize) {
    let (mut client, mut child) = spawn_server().await;
    client.initialize(json!({}), json!({})).await;
    let text = article(bytes);
    let uri = format!("untitled:bench-{label}");
    client.open(&uri, "plaintext", 1, &text).await;
    client.diagnostics(&uri, 1).await;
    // Edit in the middle of the article, on a line end, alternating insert and delete so the
    // size stays the same.
    let lines = LineIndex::new(Arc::from(text.as_str()), PositionEncoding::Utf16);
    let line = lines.line_count() as u32 / 2;
    let at = lines.position(lines.line_span(line as usize).end);
    let mut latencies = Vec::with_capacity(edits);
    for index in 0..edits {
        let version = index as i64 + 2;
        let started = Instant::now();
        if index % 2 == 0 {
            client
                .change(
                    &uri,
                    version,
                    (at.line, at.character),
                    (at.line, at.character),
                    "x",
                )
                .await;
        } else {
            client
                .change(
                    &uri,
                    version,
                    (at.line, at.character),
                    (at.line, at.character + 1),
                    "",
                )
                .await;
        }
        let diagnostics = client.diagnostics(&uri, version).await;
        // Received and parsed: freeing the parsed message is not part of the latency.
        latencies.push(started.elapsed());
        drop(diagnostics);
        client.clear_backlog();
    }
    latencies.sort();
    println!(
        "lsp_latency/{label}: {} KB, {edits} edits: didChange→publishDiagnostics p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        text.len() / 1024,
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.95).as_secs_f64() * 1000.0,
        percentile(&latencies, 1.0).as_secs_f64() * 1000.0,
    );
    client.shutdown().await;
    let _ = child.wait().await;
}

/// The `VmRSS` and `VmHWM` lines of a process (Linux only).
fn memory_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map(|status| {
            status
                .lines()
                .filter(|line| line.starts_with("VmRSS") || line.starts_with("VmHWM"))
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_else(|_| "unknown (no /proc)".to_string())
}

async fn measure_corpus_memory(corpus: &Path) {
    let (mut client, mut child) = spawn_server().await;
    let pid = child.id().unwrap_or(0);
    let started = Instant::now();
    let root = format!("file://{}", corpus.display());
    client
        .initialize(
            json!({ "window": { "workDoneProgress": true } }),
            json!({ "rootUri": root }),
        )
        .await;
    let end = client
        .wait_for(|message: &Value| {
            message["method"] == "$/progress" && message["params"]["value"]["kind"] == "end"
        })
        .await;
    let indexing = started.elapsed();
    let symbols = client
        .request("workspace/symbol", json!({ "query": "reuter" }))
        .await;
    println!(
        "lsp_latency/corpus: {} in {:.1} s; memory: {}; workspace/symbol \"reuter\": {} results",
        end["params"]["value"]["message"].as_str().unwrap_or("?"),
        indexing.as_secs_f64(),
        memory_of(pid),
        symbols.as_array().map_or(0, Vec::len),
    );
    client.shutdown().await;
    let _ = child.wait().await;
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("tokio: {error}"));
    runtime.block_on(async {
        if full {
            measure("10kb", 10 * 1024, 300).await;
            measure("1mb", 1024 * 1024, 20).await;
            if let Some(corpus) = std::env::var_os("NEWSLS_BENCH_CORPUS") {
                measure_corpus_memory(Path::new(&corpus)).await;
            } else {
                println!(
                    "lsp_latency/corpus: skipped (set NEWSLS_BENCH_CORPUS to a corpus folder)"
                );
            }
        } else {
            measure("smoke", 10 * 1024, 4).await;
        }
    });
}
