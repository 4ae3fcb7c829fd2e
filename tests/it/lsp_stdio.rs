//! The real `newsls lsp` binary over stdio (clean exit, exit codes, broken frames, requests for
//! documents never opened), and semantic-token deltas and ranges checked against full results.
//! The helpers shared with the in-process tests are in `lsp`.

use std::sync::Arc;

use newsls_engine::{Input, Options, Settings, analyze};
use newsls_lsp::line_index::{LineIndex, PositionEncoding};
use newsls_test_support::TestClient;
use serde_json::{Value, json};

use super::lsp::{
    boilerplate, dated_names, expected, file_uri, is_chronological, seed, started, summary,
    symbol_names, type_quickly, utf16_client,
};

async fn spawn_binary() -> (TestClient, tokio::process::Child) {
    TestClient::spawn_binary(std::path::Path::new(env!("CARGO_BIN_EXE_newsls")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_seed_003_over_stdio_and_exits_cleanly() {
    let (path, original) = seed("003");
    let (mut client, mut child) = spawn_binary().await;
    client.initialize(utf16_client(), json!({})).await;
    let uri = file_uri(&path);
    client.open(&uri, "plaintext", 1, &original).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(
        summary(&diagnostics),
        expected(&original, &Settings::default(), PositionEncoding::Utf16)
    );
    assert!(
        summary(&diagnostics)
            .iter()
            .any(|d| d.0 == "boilerplate" && d.1 == 0)
    );

    // The seed's own findings: "on Sunday" resolved, a hover on it, "Blinken" linked.
    let lines = LineIndex::new(Arc::from(original.as_str()), PositionEncoding::Utf16);
    let position_of = |needle: &str, nth: usize| {
        let offset = original
            .match_indices(needle)
            .nth(nth)
            .map_or(usize::MAX, |(at, _)| at);
        lines.position(offset)
    };
    let sunday = position_of("Sunday", 0);
    assert!(
        summary(&diagnostics).iter().any(|d| d.0 == "relative-date"
            && d.1 == u64::from(sunday.line)
            && d.2 <= u64::from(sunday.character)),
        "{diagnostics:?}"
    );
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": { "line": sunday.line, "character": sunday.character + 2 } }))
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|value| value.contains("2021-12-12")),
        "{hover}"
    );
    let later_blinken = position_of("said Blinken", 0);
    let definition = client
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": { "line": later_blinken.line, "character": later_blinken.character + 6 } }),
        )
        .await;
    // The first "Antony Blinken" of the article itself (the ones before are page furniture).
    let document = analyze(
        &Input::new(&original, &Settings::default()),
        Options::default(),
    )
    .document;
    let first_full_name = original
        .match_indices("Antony Blinken")
        .map(|(at, _)| at)
        .find(|&at| {
            !document
                .boilerplate
                .iter()
                .any(|furniture| furniture.contains(at))
        })
        .map(|at| lines.position(at));
    let landed = (
        definition["range"]["start"]["line"].as_u64(),
        definition["range"]["start"]["character"].as_u64(),
    );
    assert_eq!(
        Some(landed),
        first_full_name.map(|at| (Some(u64::from(at.line)), Some(u64::from(at.character)))),
        "{definition}"
    );
    assert_eq!(definition["uri"], uri);

    let names = symbol_names(&mut client, &uri).await;
    let dated = dated_names(&names);
    assert!(is_chronological(&dated), "{names:?}");

    let mut text = original.clone();
    let typed: String = "Share this\nNew “line” é 😀. "
        .repeat(10)
        .chars()
        .take(200)
        .collect();
    let last_version = type_quickly(&mut client, &uri, &mut text, 1, 7, &typed).await;
    let published = client.diagnostics(&uri, last_version).await;
    assert_eq!(
        summary(&published),
        expected(&text, &Settings::default(), PositionEncoding::Utf16)
    );

    client.shutdown().await;
    let status = child.wait().await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(status.code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_status_1() {
    let (mut client, mut child) = spawn_binary().await;
    client.initialize(json!({}), json!({})).await;
    client.notify("exit", Value::Null).await;
    let status = child.wait().await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(status.code(), Some(1));
}

/// Applies LSP semantic-token edits to a flat integer array, as a client does.
fn apply_token_edits(mut data: Vec<u64>, edits: &[Value]) -> Vec<u64> {
    for edit in edits.iter().rev() {
        let start = edit["start"].as_u64().unwrap_or(0) as usize;
        let end = start + edit["deleteCount"].as_u64().unwrap_or(0) as usize;
        let inserted: Vec<u64> = edit["data"]
            .as_array()
            .map(|data| data.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        data.splice(start..end.min(data.len()), inserted);
    }
    data
}

fn token_data(result: &Value) -> Vec<u64> {
    result["data"]
        .as_array()
        .map(|data| data.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_token_deltas_and_ranges_agree_with_full_results() {
    let mut client = started(utf16_client(), json!({})).await;
    let (path, text) = seed("003");
    let uri = file_uri(&path);
    client.open(&uri, "plaintext", 1, &text).await;
    client.diagnostics(&uri, 1).await;
    let document = json!({ "uri": uri });
    let first = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        )
        .await;
    let first_id = first["resultId"].as_str().unwrap_or_default().to_string();
    assert!(!first_id.is_empty(), "a full result has an id: {first}");

    // A new paragraph naming a person at the top of the article shifts nothing before it.
    client
        .change(
            &uri,
            2,
            (2, 0),
            (2, 0),
            "Antony Blinken spoke on Sunday.\n\n",
        )
        .await;
    client.diagnostics(&uri, 2).await;
    let delta = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": first_id }),
        )
        .await;
    let edits = delta["edits"]
        .as_array()
        .unwrap_or_else(|| panic!("a delta answers a known id: {delta}"));
    let full = client
        .request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": document }),
        )
        .await;
    assert_eq!(
        apply_token_edits(token_data(&first), edits),
        token_data(&full)
    );
    let sent: usize = edits
        .iter()
        .map(|edit| edit["data"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        sent < token_data(&full).len(),
        "the delta is smaller than the result"
    );

    // A superseded id gets the whole result.
    let stale = client
        .request(
            "textDocument/semanticTokens/full/delta",
            json!({ "textDocument": document, "previousResultId": first_id }),
        )
        .await;
    assert_eq!(token_data(&stale), token_data(&full));

    // A range of the first lines returns the first tokens of the full result, not all of them.
    let range = client
        .request(
            "textDocument/semanticTokens/range",
            json!({ "textDocument": document, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 4, "character": 0 } } }),
        )
        .await;
    let in_range = token_data(&range);
    assert!(!in_range.is_empty() && in_range.len() < token_data(&full).len());
    assert_eq!(in_range[..], token_data(&full)[..in_range.len()]);
}

/// A request's answer is "nothing": a null or empty result, or a JSON-RPC error.
fn is_nothing(response: &Value) -> bool {
    let result = &response["result"];
    response["error"]["code"].is_i64()
        || result.is_null()
        || result.as_array().is_some_and(Vec::is_empty)
        || result["data"].as_array().is_some_and(Vec::is_empty)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_for_documents_never_opened_get_nothing_and_the_binary_goes_on() {
    let (path, _) = seed("003");
    let (mut client, mut child) = spawn_binary().await;
    client.initialize(utf16_client(), json!({})).await;
    // An untitled document nobody opened, and an article on disk the client never opened.
    for uri in ["untitled:never-opened", file_uri(&path).as_str()] {
        // Notifications about it first: they must not create it nor kill the server.
        client
            .change(uri, 2, (0, 0), (0, 5), "edited before being opened")
            .await;
        client
            .notify(
                "textDocument/didSave",
                json!({ "textDocument": { "uri": uri } }),
            )
            .await;
        client
            .notify(
                "textDocument/didClose",
                json!({ "textDocument": { "uri": uri } }),
            )
            .await;
        let document = json!({ "uri": uri });
        let position = json!({ "line": 3, "character": 4 });
        let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 40, "character": 0 } });
        let requests = [
            (
                "textDocument/hover",
                json!({ "textDocument": document, "position": position }),
            ),
            (
                "textDocument/definition",
                json!({ "textDocument": document, "position": position }),
            ),
            (
                "textDocument/references",
                json!({ "textDocument": document, "position": position, "context": { "includeDeclaration": true } }),
            ),
            (
                "textDocument/documentHighlight",
                json!({ "textDocument": document, "position": position }),
            ),
            (
                "textDocument/documentSymbol",
                json!({ "textDocument": document }),
            ),
            (
                "textDocument/codeAction",
                json!({ "textDocument": document, "range": range, "context": { "diagnostics": [] } }),
            ),
            ("textDocument/codeLens", json!({ "textDocument": document })),
            (
                "textDocument/semanticTokens/full",
                json!({ "textDocument": document }),
            ),
            (
                "textDocument/inlayHint",
                json!({ "textDocument": document, "range": range }),
            ),
        ];
        for (method, params) in requests {
            let response = client.request_response(method, params).await;
            assert!(is_nothing(&response), "{method} on {uri}: {response}");
        }
    }
    // Still serving: a document opened now is analysed, and the session ends cleanly.
    let uri = "untitled:opened-afterwards";
    client
        .open(uri, "plaintext", 1, "Advertisement\n\nText.")
        .await;
    assert_eq!(boilerplate(&client.diagnostics(uri, 1).await).len(), 1);
    client.shutdown().await;
    let status = child.wait().await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(status.code(), Some(0));
}

/// A parse error the transport guard answered for a broken frame (it has no id to answer).
async fn frame_error(client: &mut TestClient) -> Value {
    client
        .wait_for(|message| {
            message.get("method").is_none()
                && message["id"].is_null()
                && message["error"]["code"].is_i64()
        })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_lengths_are_answered_and_the_binary_goes_on() {
    let (mut client, mut child) = spawn_binary().await;
    client.initialize(utf16_client(), json!({})).await;
    let uri = "untitled:frames";
    let text = "“We will see,” said Anna Smith on Monday.\n";
    client.open(uri, "plaintext", 1, text).await;
    client.diagnostics(uri, 1).await;
    let hover_params =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 3 } });
    let hover = |id: u32| {
        json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": hover_params })
            .to_string()
    };
    let served = |response: &Value| response["result"]["contents"]["value"].is_string();

    // Not a number: the frame is answered with a parse error; its body is skipped as garbage.
    client
        .send_bytes(format!("Content-Length: lots\r\n\r\n{}", hover(900)).as_bytes())
        .await;
    assert_eq!(frame_error(&mut client).await["error"]["code"], -32700);
    let response = client
        .request_response("textDocument/hover", hover_params.clone())
        .await;
    assert!(served(&response), "{response}");

    // Too short: the truncated body is a parse error; the rest of it is skipped as garbage.
    let body = hover(901);
    client
        .send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10).as_bytes())
        .await;
    assert_eq!(frame_error(&mut client).await["error"]["code"], -32700);
    let response = client
        .request_response("textDocument/hover", hover_params.clone())
        .await;
    assert!(served(&response), "{response}");

    // Too long: the body swallows the start of the next frame, which is lost (two parse
    // errors); the frames after it are served.
    let body = hover(902);
    let swallowed = hover(903);
    client
        .send_bytes(
            format!(
                "Content-Length: {}\r\n\r\n{body}Content-Length: {}\r\n\r\n{swallowed}",
                body.len() + 10,
                swallowed.len()
            )
            .as_bytes(),
        )
        .await;
    assert_eq!(frame_error(&mut client).await["error"]["code"], -32700);
    assert_eq!(frame_error(&mut client).await["error"]["code"], -32700);
    let response = client
        .request_response("textDocument/hover", hover_params.clone())
        .await;
    assert!(served(&response), "{response}");

    // Too large to accept: refused at once, without allocating it (which would abort the
    // process). The bytes that follow are skipped; this client cannot send a terabyte, so it
    // checks that the server is still alive and stops it.
    client
        .send_bytes(format!("Content-Length: {}\r\n\r\n{}", 1u64 << 40, " ".repeat(64)).as_bytes())
        .await;
    assert_eq!(frame_error(&mut client).await["error"]["code"], -32600);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        matches!(child.try_wait(), Ok(None)),
        "the server died on a huge Content-Length"
    );
    child.kill().await.unwrap_or_else(|error| panic!("{error}"));
}
