//! Annotation sessions through the language server (issue 9, editor part): on a temporary copy
//! of the seed articles with `[annotations] mode = "standoff"`, decisions taken through code
//! actions land in the sidecars (applied to the file system as a client would), never in the
//! articles; the re-analysis, `newsls check` and `newsls export --format brat` agree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsls_lsp::ServerOptions;
use newsls_lsp::line_index::{LineIndex, PositionEncoding};
use newsls_test_support::TestClient;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{Position, Range};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn client_capabilities() -> Value {
    json!({
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
            "didChangeWatchedFiles": { "dynamicRegistration": true }
        }
    })
}

/// A temporary corpus: the five seeds, `tests/fixtures/unattributed.txt` and a `newsls.toml`
/// in standoff mode.
fn standoff_corpus() -> (tempfile::TempDir, Vec<(PathBuf, String)>) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(
        folder.path().join("newsls.toml"),
        "[annotations]\nmode = \"standoff\"\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let mut articles = Vec::new();
    for entry in std::fs::read_dir(seeds_dir()).unwrap_or_else(|error| panic!("{error}")) {
        let entry = entry.unwrap_or_else(|error| panic!("{error}"));
        let name = entry.file_name();
        if !name.to_string_lossy().ends_with(".txt") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|error| panic!("{error}"));
        let copy = folder.path().join(&name);
        std::fs::write(&copy, &text).unwrap_or_else(|error| panic!("{error}"));
        articles.push((copy, text));
    }
    // An article whose one quotation is words said by no one named ("the council was told:
    // "…"") (the seeds' findings change as the analyses improve; this one is made to have
    // exactly that finding).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unattributed.txt");
    let text = std::fs::read_to_string(&fixture).unwrap_or_else(|error| panic!("{error}"));
    let copy = folder.path().join("unattributed.txt");
    std::fs::write(&copy, &text).unwrap_or_else(|error| panic!("{error}"));
    articles.push((copy, text));
    articles.sort();
    (folder, articles)
}

/// Where the fixture's unattributed quotation is.
const UNATTRIBUTED: &str = "We will not stop";

fn article<'a>(articles: &'a [(PathBuf, String)], prefix: &str) -> &'a (PathBuf, String) {
    articles
        .iter()
        .find(|(path, _)| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

/// The UTF-16 position of the `nth` occurrence of `needle`, `into` bytes into it.
fn position_of(text: &str, needle: &str, nth: usize, into: usize) -> Position {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .map(|(at, _)| at + into)
        .unwrap_or_else(|| panic!("no {needle} #{nth}"));
    LineIndex::new(Arc::from(text), PositionEncoding::Utf16).position(offset)
}

fn titles(actions: &Value) -> Vec<String> {
    actions
        .as_array()
        .map(|actions| {
            actions
                .iter()
                .filter_map(|action| action["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn code_actions(client: &mut TestClient, uri: &str, at: Position) -> Value {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": at, "end": at },
                "context": { "diagnostics": [] }
            }),
        )
        .await
}

fn path_of(uri: &str) -> PathBuf {
    PathBuf::from(
        uri.strip_prefix("file://")
            .unwrap_or_else(|| panic!("not a file URI: {uri}")),
    )
}

/// Applies a WorkspaceEdit's `documentChanges` to the file system as a client would; returns
/// the URIs it touched. It must not touch `forbidden` (the article).
fn apply_to_disk(edit: &Value, forbidden: &str) -> Vec<String> {
    let operations = edit["documentChanges"]
        .as_array()
        .unwrap_or_else(|| panic!("no documentChanges in {edit}"));
    let mut touched = Vec::new();
    for operation in operations {
        if operation["kind"] == "create" {
            let uri = operation["uri"].as_str().unwrap_or_default();
            assert_ne!(uri, forbidden, "the action creates the article");
            let path = path_of(uri);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
            }
            let ignore = operation["options"]["ignoreIfExists"] == true;
            assert!(ignore, "CreateFile without ignoreIfExists: {operation}");
            if !path.exists() {
                std::fs::write(&path, "").unwrap_or_else(|error| panic!("{error}"));
            }
            touched.push(uri.to_string());
        } else {
            let uri = operation["textDocument"]["uri"]
                .as_str()
                .unwrap_or_default();
            assert_ne!(uri, forbidden, "the action edits the article");
            let path = path_of(uri);
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            let edits = operation["edits"].as_array().cloned().unwrap_or_default();
            for edit in edits.iter().rev() {
                let lines = LineIndex::new(Arc::from(text.as_str()), PositionEncoding::Utf16);
                let range: Range = serde_json::from_value(edit["range"].clone())
                    .unwrap_or_else(|error| panic!("{error}"));
                let span = lines.span(range);
                text.replace_range(span.range(), edit["newText"].as_str().unwrap_or(""));
            }
            std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
            touched.push(uri.to_string());
        }
    }
    touched
}

/// Runs the action titled by `pick` at `at`, writes its edit to disk, tells the server, and
/// waits until the article's diagnostics satisfy `settled`. Returns the chosen title.
async fn decide(
    client: &mut TestClient,
    uri: &str,
    at: Position,
    pick: impl Fn(&str) -> bool,
    settled: impl Fn(&[Value]) -> bool,
) -> String {
    let actions = code_actions(client, uri, at).await;
    let action = actions
        .as_array()
        .and_then(|actions| {
            actions
                .iter()
                .find(|action| action["title"].as_str().is_some_and(&pick))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no such action among {:?}", titles(&actions)));
    let touched = apply_to_disk(&action["edit"], uri);
    let changes: Vec<Value> = touched
        .iter()
        .map(|uri| json!({ "uri": uri, "type": 2 }))
        .collect();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": changes }),
        )
        .await;
    loop {
        let diagnostics = client.diagnostics(uri, 1).await;
        if settled(&diagnostics) {
            break;
        }
    }
    action["title"].as_str().unwrap_or_default().to_string()
}

fn has(diagnostics: &[Value], code: &str, line: u32) -> bool {
    diagnostics
        .iter()
        .any(|d| d["code"] == code && d["range"]["start"]["line"] == line)
}

/// Whether a finding of `code` covers `at` (on one line).
fn covers(diagnostics: &[Value], code: &str, at: Position) -> bool {
    diagnostics.iter().any(|d| {
        let range = &d["range"];
        d["code"] == code
            && range["start"]["line"] == at.line
            && range["start"]["character"].as_u64() <= Some(u64::from(at.character))
            && range["end"]["character"].as_u64() >= Some(u64::from(at.character))
    })
}

fn sidecar(folder: &Path, article: &Path) -> String {
    let name = article
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_default();
    std::fs::read_to_string(
        folder
            .join(".newsls/annotations")
            .join(format!("{name}.jsonl")),
    )
    .unwrap_or_default()
}

fn newsls(args: &[&str]) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsls"))
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot run newsls: {error}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standoff_session_through_code_actions_leaves_the_articles_untouched() {
    let (folder, articles) = standoff_corpus();
    let (path_001, text_001) = article(&articles, "001").clone();
    let (path_003, text_003) = article(&articles, "unattributed").clone();
    let (before_rc, _) = newsls(&["check", &path_001.to_string_lossy()]);
    assert_eq!(before_rc, 1, "seed 001 has warnings before the session");

    let mut client = TestClient::in_process(ServerOptions { test_methods: true });
    client
        .initialize(
            client_capabilities(),
            json!({ "rootUri": file_uri(folder.path()) }),
        )
        .await;
    let uri_001 = file_uri(&path_001);
    let uri_003 = file_uri(&path_003);
    client.open(&uri_001, "plaintext", 1, &text_001).await;
    let first = client.diagnostics(&uri_001, 1).await;
    let quote = position_of(&text_001, "large-scale cyberattack", 0, 3);
    // A scare quote is no one's words: it carries no unattributed-quote finding.
    assert!(!has(&first, "unattributed-quote", quote.line), "{first:?}");
    client.open(&uri_003, "plaintext", 1, &text_003).await;
    let first_003 = client.diagnostics(&uri_003, 1).await;

    // 1. Attribute the scare-quoted ‘large-scale cyberattack’ to an entity the action offers.
    let offered = titles(&code_actions(&mut client, &uri_001, quote).await);
    assert!(
        offered.iter().any(|t| t == "Not speech: title")
            && offered.iter().any(|t| t == "Not speech: scare quote"),
        "{offered:?}"
    );
    assert!(
        !offered.iter().any(|t| t.starts_with("Suppress")),
        "standoff mode offers no text edits: {offered:?}"
    );
    let title = decide(
        &mut client,
        &uri_001,
        quote,
        |title| title.starts_with("Attribute to "),
        |d| !has(d, "unattributed-quote", quote.line),
    )
    .await;
    let speaker = title.trim_start_matches("Attribute to ").to_string();
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri_001 }, "position": quote }),
        )
        .await;
    let hover = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        hover.contains("✎ manual: decided by an annotator") && hover.contains(&speaker),
        "{hover}"
    );

    // 2. Set the value of the ambiguous "in mid-June".
    let mid_june = position_of(&text_001, "mid-June", 0, 2);
    assert!(has(&first, "ambiguous-date", mid_june.line), "{first:?}");
    decide(
        &mut client,
        &uri_001,
        mid_june,
        |title| title.starts_with("Set date to "),
        |d| !has(d, "ambiguous-date", mid_june.line),
    )
    .await;

    // 3. Dismiss the relative-date finding on "last month".
    let last_month = position_of(&text_001, "last month", 0, 2);
    assert!(covers(&first, "relative-date", last_month), "{first:?}");
    decide(
        &mut client,
        &uri_001,
        last_month,
        |title| title == "Dismiss `relative-date` here",
        |d| !covers(d, "relative-date", last_month),
    )
    .await;

    // 4. The quotation without a speaker is marked not speech (a title).
    let exciting = position_of(&text_003, UNATTRIBUTED, 0, 2);
    assert!(has(&first_003, "unattributed-quote", exciting.line));
    decide(
        &mut client,
        &uri_003,
        exciting,
        |title| title == "Not speech: title",
        |d| !has(d, "unattributed-quote", exciting.line),
    )
    .await;
    let lenses = client
        .request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri_001 } }),
        )
        .await;
    let lens = lenses[0]["command"]["title"].as_str().unwrap_or_default();
    assert!(
        lens.contains("1 manual") && lens.contains("3 decisions (0 lost)"),
        "{lens}"
    );
    client.shutdown().await;

    // The articles are byte-identical; the sidecars hold the decisions.
    for (path, text) in &articles {
        let now = std::fs::read(path).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(now, text.as_bytes(), "{} was edited", path.display());
    }
    let layer_001 = sidecar(folder.path(), &path_001);
    assert!(
        layer_001.contains("\"decision\":\"quote-speaker\"")
            && layer_001.contains(&format!("\"speaker\":{}", json!(speaker))),
        "{layer_001}"
    );
    assert!(
        layer_001.contains("\"decision\":\"date-value\""),
        "{layer_001}"
    );
    assert!(
        layer_001.contains("\"decision\":\"dismiss\"")
            && layer_001.contains("\"code\":\"relative-date\""),
        "{layer_001}"
    );
    assert_eq!(layer_001.lines().count(), 3, "{layer_001}");
    let layer_003 = sidecar(folder.path(), &path_003);
    assert!(
        layer_003.contains("\"decision\":\"quote-kind\"")
            && layer_003.contains("\"kind\":\"title\""),
        "{layer_003}"
    );

    // The CLI agrees: the two warnings of seed 001 are resolved, and the brat export records
    // the manual attribution.
    let (rc, out) = newsls(&["check", &path_001.to_string_lossy()]);
    assert_eq!(rc, 0, "{out}");
    assert!(!out.contains("large-scale cyberattack’ on"), "{out}");
    let brat = folder.path().join("brat");
    let (rc, out) = newsls(&[
        "export",
        &path_001.to_string_lossy(),
        "--format",
        "brat",
        "--out-dir",
        &brat.to_string_lossy(),
    ]);
    assert_eq!(rc, 0, "{out}");
    let ann: String = std::fs::read_dir(&brat)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "ann"))
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    assert!(
        ann.contains(&format!("speaker: {speaker} (manual)")),
        "{ann}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_sidecar_is_reported_on_the_sidecar_and_the_article_still_analysed() {
    let (folder, articles) = standoff_corpus();
    let (path, text) = article(&articles, "unattributed").clone();
    let sidecar_dir = folder.path().join(".newsls/annotations");
    std::fs::create_dir_all(&sidecar_dir).unwrap_or_else(|error| panic!("{error}"));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_default();
    let sidecar = sidecar_dir.join(format!("{name}.jsonl"));
    std::fs::write(&sidecar, "{ not json\n").unwrap_or_else(|error| panic!("{error}"));
    let mut client = TestClient::in_process(ServerOptions { test_methods: true });
    client
        .initialize(
            client_capabilities(),
            json!({ "rootUri": file_uri(folder.path()) }),
        )
        .await;
    let uri = file_uri(&path);
    client.open(&uri, "plaintext", 1, &text).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "unattributed-quote"),
        "{diagnostics:?}"
    );
    let sidecar_uri = file_uri(&sidecar);
    let message = client
        .wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == sidecar_uri.as_str()
        })
        .await;
    let on_sidecar = &message["params"]["diagnostics"];
    assert_eq!(on_sidecar[0]["code"], "invalid-annotation", "{message}");
    assert_eq!(on_sidecar[0]["range"]["start"]["line"], 0);
    // No decision is offered while the sidecar has unreadable lines (rewriting it would drop them).
    let at = position_of(&text, UNATTRIBUTED, 0, 3);
    assert!(titles(&code_actions(&mut client, &uri, at).await).is_empty());
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_records_a_decision_over_stdio() {
    let (folder, articles) = standoff_corpus();
    let (path, text) = article(&articles, "unattributed").clone();
    let (mut client, mut child) =
        TestClient::spawn_binary(std::path::Path::new(env!("CARGO_BIN_EXE_newsls")));
    client
        .initialize(
            client_capabilities(),
            json!({ "rootUri": file_uri(folder.path()) }),
        )
        .await;
    let uri = file_uri(&path);
    client.open(&uri, "plaintext", 1, &text).await;
    let exciting = position_of(&text, UNATTRIBUTED, 0, 2);
    let first = client.diagnostics(&uri, 1).await;
    assert!(
        has(&first, "unattributed-quote", exciting.line),
        "{first:?}"
    );
    decide(
        &mut client,
        &uri,
        exciting,
        |title| title == "Not speech: title",
        |d| !has(d, "unattributed-quote", exciting.line),
    )
    .await;
    client.shutdown().await;
    let status = child.wait().await.unwrap_or_else(|error| panic!("{error}"));
    assert!(status.success(), "{status}");
    assert_eq!(
        std::fs::read(&path).unwrap_or_default(),
        text.as_bytes(),
        "the article was edited"
    );
    let layer = sidecar(folder.path(), &path);
    assert!(
        layer.contains("\"decision\":\"quote-kind\"") && layer.contains("\"kind\":\"title\""),
        "{layer}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsaved_sidecar_open_in_the_editor_is_the_layer() {
    let (folder, articles) = standoff_corpus();
    let (path, text) = article(&articles, "unattributed").clone();
    let mut client = TestClient::in_process(ServerOptions { test_methods: true });
    client
        .initialize(
            client_capabilities(),
            json!({ "rootUri": file_uri(folder.path()) }),
        )
        .await;
    let uri = file_uri(&path);
    client.open(&uri, "plaintext", 1, &text).await;
    let exciting = position_of(&text, UNATTRIBUTED, 0, 2);
    assert!(has(
        &client.diagnostics(&uri, 1).await,
        "unattributed-quote",
        exciting.line
    ));
    let actions = code_actions(&mut client, &uri, exciting).await;
    let action = actions
        .as_array()
        .and_then(|actions| actions.iter().find(|a| a["title"] == "Not speech: title"))
        .cloned()
        .unwrap_or_else(|| panic!("no 'Not speech: title' in {:?}", titles(&actions)));
    let edit = &action["edit"]["documentChanges"][1];
    let sidecar_uri = edit["textDocument"]["uri"].as_str().unwrap_or_default();
    // The client applies the edit to a buffer it opened for the purpose and does not save it.
    client.open(sidecar_uri, "jsonl", 1, "").await;
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": sidecar_uri, "version": 2 },
                "contentChanges": [{ "range": edit["edits"][0]["range"], "text": edit["edits"][0]["newText"] }]
            }),
        )
        .await;
    loop {
        let diagnostics = client.diagnostics(&uri, 1).await;
        if !has(&diagnostics, "unattributed-quote", exciting.line) {
            break;
        }
    }
    assert!(!path_of(sidecar_uri).exists(), "nothing was saved");
    // The next action builds on the buffer, not on the (missing) file.
    let january = position_of(&text, "January", 0, 1);
    let actions = code_actions(&mut client, &uri, january).await;
    let dismiss = actions
        .as_array()
        .and_then(|actions| {
            actions.iter().find(|a| {
                a["title"]
                    .as_str()
                    .is_some_and(|title| title.starts_with("Dismiss"))
            })
        })
        .cloned()
        .unwrap_or_else(|| panic!("no Dismiss in {:?}", titles(&actions)));
    let new_text = dismiss["edit"]["documentChanges"][1]["edits"][0]["newText"]
        .as_str()
        .unwrap_or_default();
    assert!(
        new_text.contains("\"decision\":\"quote-kind\"")
            && new_text.contains("\"decision\":\"dismiss\""),
        "{new_text}"
    );
    client.shutdown().await;
}
