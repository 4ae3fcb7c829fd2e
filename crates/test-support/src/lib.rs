//! A small scripted LSP client for tests and the latency benchmark: it frames JSON-RPC over
//! any pair of async streams (an in-process server over `tokio::io::duplex`, or the real
//! binary's stdin/stdout), answers the server's own requests, and collects notifications.
//!
//! It is not used by the server itself and knows nothing of its internals.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

use newsls_lsp::ServerOptions;

/// How long the client waits for any one message before it gives up (a hung server must fail
/// a test rather than hang it; this bounds a wait, it measures nothing).
const GIVE_UP_AFTER: Duration = Duration::from_secs(120);

type SharedWriter = Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Unpin + Send>>>;

pub struct TestClient {
    writer: SharedWriter,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications and server requests read while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
    /// What the client answers to `workspace/configuration` (one value per item).
    pub configuration: Arc<Mutex<Value>>,
}

async fn write_message(writer: &SharedWriter, message: &Value) -> std::io::Result<()> {
    let body = message.to_string();
    let mut writer = writer.lock().await;
    writer
        .write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes())
        .await?;
    writer.flush().await
}

/// Reads one framed message; `None` at the end of the stream.
async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    pub fn new<R, W>(reader: R, writer: W) -> TestClient
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: SharedWriter = Arc::new(tokio::sync::Mutex::new(Box::new(writer)));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (sender, incoming) = mpsc::unbounded_channel();
        let answer_writer = writer.clone();
        let answer_configuration = configuration.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(reader);
            while let Some(message) = read_message(&mut reader).await {
                let is_server_request =
                    message.get("method").is_some() && message.get("id").is_some();
                if is_server_request {
                    let result = match message["method"].as_str() {
                        Some("workspace/configuration") => {
                            let value = answer_configuration
                                .lock()
                                .map(|value| value.clone())
                                .unwrap_or(Value::Null);
                            let items = message["params"]["items"].as_array().map_or(1, Vec::len);
                            Value::Array(vec![value; items])
                        }
                        _ => Value::Null,
                    };
                    let answer = json!({ "jsonrpc": "2.0", "id": message["id"], "result": result });
                    if write_message(&answer_writer, &answer).await.is_err() {
                        break;
                    }
                }
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            configuration,
        }
    }

    /// A client connected to a server running in this process.
    /// Starts the real binary as `newsls lsp --stdio` and talks to it over its pipes; the child
    /// is killed when dropped.
    pub fn spawn_binary(binary: &std::path::Path) -> (TestClient, tokio::process::Child) {
        let mut child = tokio::process::Command::new(binary)
            .args(["lsp", "--stdio"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", binary.display()));
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            panic!("no pipes to {}", binary.display());
        };
        (TestClient::new(stdout, stdin), child)
    }

    pub fn in_process(options: ServerOptions) -> TestClient {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_reader, server_writer) = tokio::io::split(server_end);
        tokio::spawn(async move {
            newsls_lsp::serve(server_reader, server_writer, options).await;
        });
        let (client_reader, client_writer) = tokio::io::split(client_end);
        TestClient::new(client_reader, client_writer)
    }

    async fn next_message(&mut self) -> Value {
        match tokio::time::timeout(GIVE_UP_AFTER, self.incoming.recv()).await {
            Ok(Some(message)) => message,
            Ok(None) => panic!("the server closed the connection"),
            Err(_) => panic!("no message from the server for {GIVE_UP_AFTER:?}"),
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let message = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        write_message(&self.writer, &message)
            .await
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
    }

    /// Sends raw bytes (for malformed-message tests).
    pub async fn send_raw(&mut self, body: &str) {
        let mut writer = self.writer.lock().await;
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        writer
            .write_all(framed.as_bytes())
            .await
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
        let _ = writer.flush().await;
    }

    /// Sends bytes exactly as given, framing included (for wrong `Content-Length` tests).
    pub async fn send_bytes(&mut self, bytes: &[u8]) {
        let mut writer = self.writer.lock().await;
        writer
            .write_all(bytes)
            .await
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
        let _ = writer.flush().await;
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub async fn request_response(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        write_message(&self.writer, &message)
            .await
            .unwrap_or_else(|error| panic!("cannot write to the server: {error}"));
        self.response_to(json!(id)).await
    }

    /// Waits for the response with this id, keeping other messages for later.
    pub async fn response_to(&mut self, id: Value) -> Value {
        loop {
            let message = self.next_message().await;
            if message.get("method").is_none() && message.get("id") == Some(&id) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// Sends a request and returns its `result`; panics on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_response(method, params).await;
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    /// The first notification (or server request) matching `wanted`, from the backlog or the wire.
    pub async fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&wanted)
            && let Some(message) = self.backlog.remove(index)
        {
            return message;
        }
        loop {
            let message = self.next_message().await;
            if wanted(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// The next `publishDiagnostics` for `uri` with exactly this version.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .wait_for(|message| {
                message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri
                    && message["params"]["version"] == version
            })
            .await;
        // Moved out, not cloned: a long article's diagnostics are thousands of values, and
        // the latency benchmark must not time a copy of them that no editor makes.
        match message {
            Value::Object(mut message) => match message
                .get_mut("params")
                .and_then(|params| params.get_mut("diagnostics"))
                .map(Value::take)
            {
                Some(Value::Array(diagnostics)) => diagnostics,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// Forgets everything received so far that nobody asked for.
    pub fn clear_backlog(&mut self) {
        self.backlog.clear();
        while self.incoming.try_recv().is_ok() {}
    }

    /// `initialize` + `initialized` with the given client capabilities and options.
    pub async fn initialize(&mut self, capabilities: Value, extra: Value) -> Value {
        let mut params = json!({ "processId": null, "capabilities": capabilities });
        if let (Some(params), Some(extra)) = (params.as_object_mut(), extra.as_object()) {
            for (key, value) in extra {
                params.insert(key.clone(), value.clone());
            }
        }
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language_id, "version": version, "text": text } }),
        )
        .await;
    }

    /// One incremental change replacing `range` ((line, character) pairs) with `text`.
    pub async fn change(
        &mut self,
        uri: &str,
        version: i64,
        start: (u32, u32),
        end: (u32, u32),
        text: &str,
    ) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": {
                        "start": { "line": start.0, "character": start.1 },
                        "end": { "line": end.0, "character": end.1 }
                    },
                    "text": text
                }]
            }),
        )
        .await;
    }

    /// `shutdown` then `exit`.
    pub async fn shutdown(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}
