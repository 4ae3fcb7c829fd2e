//! End-to-end tests of the language server: in-process over an in-memory pipe for each
//! feature, and a few that start the real `newsls lsp` binary over stdio.
//!
//! Expectations are computed from the pure `analyze` on the same text where possible, so the
//! tests check the server's plumbing (sync, versions, positions, configuration), not the engine.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsls_engine::TimexValue;
use newsls_engine::{Input, Options, Settings, analyze};
use newsls_lsp::ServerOptions;
use newsls_lsp::line_index::{LineIndex, PositionEncoding};
use newsls_test_support::TestClient;
use serde_json::{Value, json};

pub(crate) fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

pub(crate) fn seed(prefix: &str) -> (PathBuf, String) {
    let entry = std::fs::read_dir(seeds_dir())
        .unwrap_or_else(|error| panic!("seeds folder: {error}"))
        .filter_map(|entry| entry.ok())
        .find(|entry| entry.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|error| panic!("{error}"));
    (entry.path(), text)
}

pub(crate) fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

pub(crate) fn utf16_client() -> Value {
    json!({
        "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } },
        "window": { "workDoneProgress": true },
        "workspace": { "configuration": true, "didChangeWatchedFiles": { "dynamicRegistration": true } }
    })
}

pub(crate) fn utf8_client() -> Value {
    let mut capabilities = utf16_client();
    capabilities["general"] = json!({ "positionEncodings": ["utf-8", "utf-16"] });
    capabilities
}

pub(crate) fn boilerplate(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "boilerplate")
        .collect()
}

pub(crate) async fn started(capabilities: Value, extra: Value) -> TestClient {
    let mut client = TestClient::in_process(ServerOptions { test_methods: true });
    client.initialize(capabilities, extra).await;
    client
}

/// (code, start line, start character, end line, end character) of published diagnostics.
pub(crate) fn summary(diagnostics: &[Value]) -> Vec<(String, u64, u64, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            let at = |key: &str, field: &str| d["range"][key][field].as_u64().unwrap_or(u64::MAX);
            (
                d["code"].as_str().unwrap_or("").to_string(),
                at("start", "line"),
                at("start", "character"),
                at("end", "line"),
                at("end", "character"),
            )
        })
        .collect()
}

/// What a fresh analysis of `text` says, in the same form.
pub(crate) fn expected(
    text: &str,
    settings: &Settings,
    encoding: PositionEncoding,
) -> Vec<(String, u64, u64, u64, u64)> {
    let lines = LineIndex::new(Arc::from(text), encoding);
    analyze(&Input::new(text, settings), Options::default())
        .diagnostics
        .iter()
        .map(|d| {
            let range = lines.range(d.span);
            (
                d.code.name().to_string(),
                range.start.line.into(),
                range.start.character.into(),
                range.end.line.into(),
                range.end.character.into(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_is_chosen_when_offered_and_utf16_otherwise() {
    let mut client = TestClient::in_process(ServerOptions::default());
    let result = client.initialize(utf8_client(), json!({})).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);

    let mut client = TestClient::in_process(ServerOptions::default());
    let result = client.initialize(json!({}), json!({})).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_003_boilerplate_lines_are_published_with_rule_codes_and_links() {
    let (_, text) = seed("003");
    let mut client = started(utf16_client(), json!({})).await;
    let uri = "file:///corpus/003.txt";
    client.open(uri, "plaintext", 1, &text).await;
    let diagnostics = client.diagnostics(uri, 1).await;
    assert_eq!(
        summary(&diagnostics),
        expected(&text, &Settings::default(), PositionEncoding::Utf16)
    );
    let first_lines: Vec<u64> = diagnostics
        .iter()
        .filter(|d| d["code"] == "boilerplate")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap_or(u64::MAX))
        .take(3)
        .collect();
    assert_eq!(first_lines, vec![0, 1, 2]);
    let boilerplate = &diagnostics[0];
    assert_eq!(boilerplate["source"], "newsls");
    assert!(
        boilerplate["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.ends_with("rules.md#boilerplate")),
        "{boilerplate}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn columns_follow_the_negotiated_encoding() {
    let text = "date: 2021-12-13\nÉté 😀 “news”. Click here!\n";
    for (capabilities, encoding) in [
        (utf16_client(), PositionEncoding::Utf16),
        (utf8_client(), PositionEncoding::Utf8),
    ] {
        let mut client = started(capabilities, json!({})).await;
        let uri = "untitled:encoding";
        client.open(uri, "markdown", 3, text).await;
        let published = summary(&client.diagnostics(uri, 3).await);
        assert_eq!(published, expected(text, &Settings::default(), encoding));
        let click = published
            .iter()
            .find(|d| d.0 == "boilerplate" && d.1 == 1)
            .map(|d| d.2);
        let byte_column = text
            .lines()
            .nth(1)
            .and_then(|line| line.find("Click"))
            .map(|c| c as u64);
        let char_column = text
            .lines()
            .nth(1)
            .and_then(|line| line.split("Click").next())
            .map(|prefix| prefix.encode_utf16().count() as u64);
        let wanted = if encoding == PositionEncoding::Utf8 {
            byte_column
        } else {
            char_column
        };
        assert_eq!(click, wanted, "{encoding:?}: {published:?}");
    }
}

/// What a hover at `offset` must name: the smallest entity mention or date around it (the
/// canonical name or the value); entities first on equal spans.
fn innermost_subject(analysis: &newsls_engine::Analysis, offset: usize) -> String {
    let mentions = analysis.entities.iter().flat_map(|entity| {
        entity
            .mentions
            .iter()
            .filter(move |mention| mention.span.contains(offset))
            .map(move |mention| (mention.span.len(), 0, entity.canonical.clone()))
    });
    let dates = analysis
        .dates
        .iter()
        .filter(|date| date.span.contains(offset))
        .map(|date| (date.span.len(), 1, date.value.to_string()));
    mentions
        .chain(dates)
        .min_by_key(|(len, rank, _)| (*len, *rank))
        .map(|(_, _, text)| text)
        .unwrap_or_default()
}

/// The names of a document's symbols (the outline), in the order the server gives them.
pub(crate) async fn symbol_names(client: &mut TestClient, uri: &str) -> Vec<String> {
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    symbols
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str().map(str::to_string))
        .collect()
}

/// The outline names that are dated events (the undated ones start with "undated").
pub(crate) fn dated_names(names: &[String]) -> Vec<&String> {
    names
        .iter()
        .filter(|name| !name.starts_with("undated"))
        .collect()
}

/// Whether outline names (value first) are in chronological order of their values.
pub(crate) fn is_chronological(names: &[&String]) -> bool {
    let values: Vec<TimexValue> = names
        .iter()
        .map(|name| TimexValue::parse_date(name.split(' ').next().unwrap_or("")))
        .collect();
    values
        .windows(2)
        .all(|pair| pair[0].chronological_cmp(&pair[1]).is_le())
}

/// Types `inserted` one character at a time at the end of line `line` of the document.
pub(crate) async fn type_quickly(
    client: &mut TestClient,
    uri: &str,
    text: &mut String,
    first_version: i64,
    line: u32,
    inserted: &str,
) -> i64 {
    let mut version = first_version;
    for character in inserted.chars() {
        let lines = LineIndex::new(Arc::from(text.as_str()), PositionEncoding::Utf16);
        let line_span = lines.line_span(line as usize);
        let at = lines.position(line_span.end);
        version += 1;
        client
            .change(
                uri,
                version,
                (at.line, at.character),
                (at.line, at.character),
                &character.to_string(),
            )
            .await;
        text.insert(line_span.end, character);
    }
    version
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_quick_edits_end_in_the_diagnostics_of_the_final_text() {
    let (_, original) = seed("003");
    let mut client = started(utf16_client(), json!({})).await;
    let uri = "file:///corpus/003.txt";
    client.open(uri, "plaintext", 1, &original).await;
    client.diagnostics(uri, 1).await;
    let mut text = original.clone();
    // Mostly on line 5, with a boilerplate line typed in between, multi-byte characters included.
    let typed: String = "Advertisement\nHéllo “wörld” 😀 and more words. "
        .repeat(5)
        .chars()
        .take(200)
        .collect();
    let last_version = type_quickly(&mut client, uri, &mut text, 1, 5, &typed).await;
    assert_eq!(last_version, 201);
    let published = client.diagnostics(uri, last_version).await;
    assert_eq!(
        summary(&published),
        expected(&text, &Settings::default(), PositionEncoding::Utf16)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_documents_opened_back_to_back_all_get_diagnostics() {
    let mut client = started(utf16_client(), json!({})).await;
    let (_, text) = seed("003");
    for index in 0..1000 {
        client
            .open(&format!("untitled:doc-{index}"), "plaintext", 1, &text)
            .await;
    }
    for index in 0..1000 {
        let diagnostics = client
            .diagnostics(&format!("untitled:doc-{index}"), 1)
            .await;
        assert!(!diagnostics.is_empty(), "document {index}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_requests_get_errors_and_the_server_goes_on() {
    let mut client = started(utf16_client(), json!({})).await;
    let unknown = client
        .request_response("newsls/noSuchMethod", json!({}))
        .await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = client
        .request_response("textDocument/hover", json!({ "nonsense": 1 }))
        .await;
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    client.send_raw("{ this is not json").await;
    let parse_error = client.response_to(Value::Null).await;
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    client.send_raw(r#"{"id": 41, "hello": "world"}"#).await;
    let invalid = client.response_to(json!(41)).await;
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    let panicked = client
        .request_response("newsls/testPanic", json!(null))
        .await;
    assert_eq!(panicked["error"]["code"], -32603, "{panicked}");

    // Still alive: a document opens and is analysed, a hover past the end of a line is clamped.
    let uri = "untitled:alive";
    client
        .open(uri, "plaintext", 1, "Advertisement\n\nText.")
        .await;
    assert_eq!(boilerplate(&client.diagnostics(uri, 1).await).len(), 1);
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 99, "character": 999 } }),
        )
        .await;
    assert_eq!(hover, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_languages_are_not_served() {
    let mut client = started(utf16_client(), json!({})).await;
    client
        .open("file:///corpus/main.rs", "rust", 1, "Advertisement\n")
        .await;
    client
        .open(
            "file:///corpus/notes.log",
            "plaintext",
            1,
            "Advertisement\n",
        )
        .await;
    client
        .open("file:///corpus/a.txt", "plaintext", 1, "Advertisement\n")
        .await;
    client
        .open("file:///corpus/b.news", "news", 1, "Advertisement\n")
        .await;
    // Vim-family editors and Helix name plain text `text`.
    client
        .open("file:///corpus/c.txt", "text", 1, "Advertisement\n")
        .await;
    client.diagnostics("file:///corpus/a.txt", 1).await;
    client.diagnostics("file:///corpus/b.news", 1).await;
    client.diagnostics("file:///corpus/c.txt", 1).await;
    for uri in ["file:///corpus/main.rs", "file:///corpus/notes.log"] {
        let symbols = client
            .request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            )
            .await;
        assert_eq!(symbols, Value::Null, "{uri} is not served");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_come_from_initialization_options_pushes_and_pulls() {
    let text = "Advertisement\n\nThe talks went on.\n";
    let off =
        json!({ "initializationOptions": { "newsls": { "rules": { "boilerplate": "off" } } } });
    let mut client = started(json!({}), off).await;
    let uri = "untitled:settings";
    client.open(uri, "plaintext", 1, text).await;
    assert!(boilerplate(&client.diagnostics(uri, 1).await).is_empty());

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "newsls": { "rules": { "boilerplate": "error" } } } }),
        )
        .await;
    let pushed = client.diagnostics(uri, 1).await;
    let pushed = boilerplate(&pushed);
    assert_eq!(pushed.len(), 1);
    assert_eq!(pushed[0]["severity"], 1);

    // A client that supports pulls is asked with workspace/configuration when told to.
    let mut client = started(utf16_client(), json!({})).await;
    client.open(uri, "plaintext", 1, text).await;
    assert_eq!(boilerplate(&client.diagnostics(uri, 1).await).len(), 1);
    if let Ok(mut answer) = client.configuration.lock() {
        *answer = json!({ "rules": { "boilerplate": "off" } });
    }
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
    client
        .wait_for(|message| message["method"] == "workspace/configuration")
        .await;
    assert!(boilerplate(&client.diagnostics(uri, 1).await).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_newsls_toml_reanalyses_the_open_documents() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let config = folder.path().join("newsls.toml");
    std::fs::write(&config, "[rules]\nboilerplate = \"off\"\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let article = folder.path().join("article.txt");
    std::fs::write(&article, "Advertisement\n\nText.\n").unwrap_or_else(|error| panic!("{error}"));
    let mut client = started(
        utf16_client(),
        json!({ "rootUri": file_uri(folder.path()) }),
    )
    .await;
    client
        .wait_for(|message| message["method"] == "client/registerCapability")
        .await;
    let uri = file_uri(&article);
    client
        .open(&uri, "plaintext", 1, "Advertisement\n\nText.\n")
        .await;
    assert!(boilerplate(&client.diagnostics(&uri, 1).await).is_empty());
    std::fs::write(&config, "[rules]\nboilerplate = \"error\"\n")
        .unwrap_or_else(|error| panic!("{error}"));
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
        )
        .await;
    let after = client.diagnostics(&uri, 1).await;
    let after = boilerplate(&after);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["severity"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workspace_is_indexed_in_the_background_with_progress() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    for entry in std::fs::read_dir(seeds_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        if entry.path().extension().is_some_and(|ext| ext == "txt") {
            std::fs::copy(entry.path(), folder.path().join(entry.file_name()))
                .unwrap_or_else(|error| panic!("{error}"));
        }
    }
    let mut client = started(
        utf16_client(),
        json!({ "workspaceFolders": [{ "uri": file_uri(folder.path()), "name": "seeds" }] }),
    )
    .await;
    client
        .wait_for(|message| message["method"] == "window/workDoneProgress/create")
        .await;
    let begin = client
        .wait_for(|message| {
            message["method"] == "$/progress" && message["params"]["value"]["kind"] == "begin"
        })
        .await;
    assert_eq!(begin["params"]["value"]["title"], "Indexing articles");
    let end = client
        .wait_for(|message| {
            message["method"] == "$/progress" && message["params"]["value"]["kind"] == "end"
        })
        .await;
    assert_eq!(end["params"]["value"]["message"], "5 articles indexed");
    // Every entity and dated event of the seeds is a workspace symbol (none until the engines land).
    let symbols = client
        .request("workspace/symbol", json!({ "query": "" }))
        .await;
    let expected_count: usize = std::fs::read_dir(folder.path())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let analysis = analyze(
                &Input::new(
                    &std::fs::read_to_string(entry.path()).unwrap_or_default(),
                    &Settings::default(),
                ),
                Options::default(),
            );
            analysis.entities.len() + analysis.timeline.len()
        })
        .sum();
    assert_eq!(symbols.as_array().map(Vec::len), Some(expected_count));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suppress_action_applied_as_an_edit_silences_the_finding() {
    let mut text = String::from("date: 2021-12-13\n\nAdvertisement\n\nThe talks went on.\n");
    let mut client = started(utf16_client(), json!({})).await;
    let uri = "untitled:actions";
    client.open(uri, "plaintext", 1, &text).await;
    assert_eq!(boilerplate(&client.diagnostics(uri, 1).await).len(), 1);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 2 } },
                "context": { "diagnostics": [] }
            }),
        )
        .await;
    let action = actions
        .as_array()
        .and_then(|actions| {
            actions
                .iter()
                .find(|a| a["title"] == "Suppress `boilerplate` on this line")
        })
        .cloned()
        .unwrap_or_else(|| panic!("no suppression action in {actions}"));
    let edit = &action["edit"]["changes"][uri][0];
    let lines = LineIndex::new(Arc::from(text.as_str()), PositionEncoding::Utf16);
    let position = |key: &str| {
        tower_lsp_server::ls_types::Position::new(
            edit["range"][key]["line"].as_u64().unwrap_or(0) as u32,
            edit["range"][key]["character"].as_u64().unwrap_or(0) as u32,
        )
    };
    let span = lines.span(tower_lsp_server::ls_types::Range::new(
        position("start"),
        position("end"),
    ));
    let new_text = edit["newText"].as_str().unwrap_or("");
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": edit["range"], "text": new_text }] }),
        )
        .await;
    text.replace_range(span.range(), new_text);
    assert!(
        text.contains("Advertisement <!-- newsls-disable-line boilerplate -->"),
        "{text}"
    );
    assert!(boilerplate(&client.diagnostics(uri, 2).await).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_feature_answers_on_every_seed() {
    let mut client = started(utf16_client(), json!({})).await;
    for prefix in ["000", "001", "002", "003", "004"] {
        let (path, text) = seed(prefix);
        let uri = file_uri(&path);
        client.open(&uri, "plaintext", 1, &text).await;
        client.diagnostics(&uri, 1).await;
        let document = json!({ "uri": uri });
        let analysis = analyze(&Input::new(&text, &Settings::default()), Options::default());

        let names = symbol_names(&mut client, &uri).await;
        let dated = dated_names(&names);
        assert_eq!(dated.len(), analysis.timeline.len(), "{prefix}: {names:?}");
        assert!(
            is_chronological(&dated),
            "{prefix}: not chronological: {names:?}"
        );
        if let Some(first_undated) = names.iter().position(|name| name.starts_with("undated")) {
            assert!(
                names[first_undated..]
                    .iter()
                    .all(|name| name.starts_with("undated")),
                "{prefix}: {names:?}"
            );
        }

        let tokens = client
            .request(
                "textDocument/semanticTokens/full",
                json!({ "textDocument": document }),
            )
            .await;
        let data_len = tokens["data"].as_array().map_or(usize::MAX, Vec::len);
        assert_eq!(data_len % 5, 0, "{prefix}");
        assert!(
            data_len / 5 >= analysis.dates.len(),
            "{prefix}: every date is a token"
        );

        let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9999, "character": 0 } });
        let hints = client
            .request(
                "textDocument/inlayHint",
                json!({ "textDocument": document, "range": whole }),
            )
            .await;
        assert!(hints.is_array(), "{prefix}: {hints}");

        // Hover and definition on every entity mention and date.
        let lines = LineIndex::new(Arc::from(text.as_str()), PositionEncoding::Utf16);
        for entity in &analysis.entities {
            for mention in &entity.mentions {
                let innermost = analysis
                    .entities
                    .iter()
                    .flat_map(|other| other.mentions.iter())
                    .filter(|other| other.span.contains(mention.span.start))
                    .min_by_key(|other| other.span.len());
                if innermost.is_some_and(|other| other.span != mention.span) {
                    continue; // a smaller mention of another entity starts here
                }
                let at = lines.position(mention.span.start);
                let position = json!({ "line": at.line, "character": at.character });
                let hover = client
                    .request(
                        "textDocument/hover",
                        json!({ "textDocument": document, "position": position }),
                    )
                    .await;
                let wanted_text = innermost_subject(&analysis, mention.span.start);
                assert!(
                    hover["contents"]["value"]
                        .as_str()
                        .is_some_and(|value| value.contains(&wanted_text)),
                    "{prefix}: {wanted_text} not in {hover}"
                );
                let definition = client
                    .request(
                        "textDocument/definition",
                        json!({ "textDocument": document, "position": position }),
                    )
                    .await;
                let definition = if definition.is_array() {
                    definition[0].clone()
                } else {
                    definition
                };
                if entity.kind == newsls_engine::EntityKind::Person
                    && !entity.canonical.contains(' ')
                {
                    // A bare surname may be defined in another open file; any answer will do.
                    assert!(
                        !definition.is_null(),
                        "{prefix}: no definition for {}",
                        entity.canonical
                    );
                    continue;
                }
                let wanted = lines.range(entity.definition);
                assert_eq!(
                    definition["range"]["start"]["line"], wanted.start.line,
                    "{prefix}: {definition}"
                );
                assert_eq!(
                    definition["range"]["start"]["character"], wanted.start.character,
                    "{prefix}: {definition}"
                );
            }
        }
        for date in &analysis.dates {
            let at = lines.position(date.span.start);
            let hover = client
                .request("textDocument/hover", json!({ "textDocument": document, "position": { "line": at.line, "character": at.character } }))
                .await;
            let wanted_text = innermost_subject(&analysis, date.span.start);
            assert!(
                hover["contents"]["value"]
                    .as_str()
                    .is_some_and(|value| value.contains(&wanted_text)),
                "{prefix}: {wanted_text} not in {hover}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_file_opens_and_the_server_stays_responsive() {
    let (_, article) = seed("003");
    let huge = article.repeat(10 * 1024 * 1024 / article.len() + 1);
    // A small analysis limit keeps the test about the server, whatever the engines' speed.
    let limit = json!({ "initializationOptions": { "newsls": { "maxAnalysisBytes": 64 * 1024 } } });
    let mut client = started(utf16_client(), limit).await;
    client.open("untitled:huge", "plaintext", 1, &huge).await;
    client
        .open("untitled:small", "plaintext", 1, "Advertisement\n")
        .await;
    assert_eq!(
        boilerplate(&client.diagnostics("untitled:small", 1).await).len(),
        1
    );
    // An edit at the very end (beyond the analysed part) is applied and answered.
    let lines = LineIndex::new(Arc::from(huge.as_str()), PositionEncoding::Utf16);
    let end = lines.position(huge.len());
    client
        .change(
            "untitled:huge",
            2,
            (end.line, end.character),
            (end.line, end.character),
            "\nThe end.",
        )
        .await;
    let diagnostics = client.diagnostics("untitled:huge", 2).await;
    assert!(
        diagnostics.iter().any(|d| d["code"] == "analysis-limit"),
        "the limit is reported"
    );
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": "untitled:huge" }, "position": { "line": end.line + 1, "character": 3 } }))
        .await;
    assert_eq!(hover, Value::Null);
}

/// A settings change analyses the open documents again, then asks a client that announced
/// `refreshSupport` to pull its inlay hints, code lenses and semantic tokens again; an edit
/// asks for nothing, and a client without `refreshSupport` is never asked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_settings_change_refreshes_inlay_hints_where_the_client_supports_it() {
    let text = "Advertisement\n\nThe talks went on.\n";
    let is_refresh = |message: &Value| {
        message["method"]
            .as_str()
            .is_some_and(|method| method.starts_with("workspace/") && method.ends_with("/refresh"))
    };
    for supported in [true, false] {
        let capabilities = if supported {
            json!({ "workspace": {
                "inlayHint": { "refreshSupport": true },
                "codeLens": { "refreshSupport": true },
                "semanticTokens": { "refreshSupport": true },
            } })
        } else {
            json!({})
        };
        let mut client = started(capabilities, json!({})).await;
        let uri = "untitled:refresh";
        client.open(uri, "plaintext", 1, text).await;
        client.diagnostics(uri, 1).await;
        client.change(uri, 2, (2, 0), (2, 0), "Yes. ").await;
        client.diagnostics(uri, 2).await;
        client
            .notify(
                "workspace/didChangeConfiguration",
                json!({ "settings": { "newsls": { "rules": { "boilerplate": "error" } } } }),
            )
            .await;
        let reanalysed = client.diagnostics(uri, 2).await;
        assert_eq!(boilerplate(&reanalysed)[0]["severity"], 1);
        if supported {
            for method in [
                "workspace/inlayHint/refresh",
                "workspace/codeLens/refresh",
                "workspace/semanticTokens/refresh",
            ] {
                let asked = client.wait_for(|message| message["method"] == method).await;
                assert!(asked["id"].is_number(), "{asked}");
            }
        }
        // No other refresh is on its way: none arrives after a round trip and a pause.
        client
            .request("workspace/symbol", json!({ "query": "" }))
            .await;
        let late = tokio::time::timeout(
            std::time::Duration::from_millis(500),
            client.wait_for(is_refresh),
        )
        .await;
        assert!(late.is_err(), "supported: {supported}: {late:?}");
    }
}
