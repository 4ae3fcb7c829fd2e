//! A guard in front of tower-lsp-server's transport: it passes well-formed JSON-RPC frames
//! through and answers malformed ones itself.
//!
//! Why: tower-lsp-server 0.23 answers a body that is not JSON (or not JSON-RPC) with an error
//! and then stops reading its input, which ends the session; one bad message from a client
//! must not cost the user the server (0.24 reads its input the same way). This module knows
//! framing and JSON-RPC shapes only.
//!
//! Each frame is read once before the library reads it: one pass that checks the whole body as
//! strictly as the library's parse and keeps only the shape of `jsonrpc`, `method`, `params`,
//! `id` and `result` (`Envelope`; no JSON tree, no copy). Only a frame it does not pass (an
//! error response from the client, or a malformed frame) is read again, by the library's own
//! types, to answer it exactly as before.
//!
//! A wrong `Content-Length` desynchronises the stream, and the guard resynchronises it:
//! - not a number (or no `Content-Length` at all): a `-32700` error with a null id; the body
//!   that follows is garbage in front of the next header and is skipped (below);
//! - too short: the truncated body is not JSON, so a `-32700` error; the rest of the body is
//!   garbage in front of the next header and is skipped;
//! - too long: the body swallows the start of the next frame, so a `-32700` error for it and
//!   one for the headless remainder of the next frame, which is lost; the frames after it are
//!   served (a client that sends nothing more leaves the server waiting for the missing bytes,
//!   as any reader of this framing must);
//! - larger than `MAX_BODY`: a `-32600` error, and the announced bytes are read and dropped
//!   without being stored, so a hostile length cannot exhaust memory.
//!
//! Resynchronising: a header line that does not start with a header but contains
//! `Content-Length:` (the garbage ran into the next frame's header, as it does when a body
//! ends without a newline) is read from that header on. Header lines longer than
//! `MAX_HEADER_LINE` keep only their end, so endless garbage without a newline costs no memory.
//! Only the end of the input ends the session.

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::notification::Notification;

const PIPE_CAPACITY: usize = 1 << 20;

/// What the writer task sends to the client.
enum Outgoing {
    /// A frame body from the server, passed on unchanged.
    Raw(Vec<u8>),
    /// The guard's own answer to a malformed frame.
    Error(Value),
}

/// The largest body the guard accepts (a 100 MB article escaped into JSON fits).
const MAX_BODY: usize = 1 << 30;

/// The longest header line kept whole; only the end of a longer line is kept, enough to find
/// a `Content-Length` header that garbage ran into.
const MAX_HEADER_LINE: usize = 4096;

/// One frame read from the client.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    BadHeader,
    /// A `Content-Length` above the limit; its body is still to be skipped.
    TooLarge(usize),
    End,
}

/// Reads one line up to its `\n` (included), keeping at most the last `MAX_HEADER_LINE`
/// bytes; `None` at the end of the input.
async fn read_header_line<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        let available = match reader.fill_buf().await {
            Ok([]) | Err(_) => return None,
            Ok(available) => available,
        };
        let (taken, done) = match available.iter().position(|&byte| byte == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        line.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        if line.len() > MAX_HEADER_LINE {
            line.drain(..line.len() - MAX_HEADER_LINE);
        }
        if done {
            return Some(line);
        }
    }
}

/// The `Content-Length` value of a header line, also when garbage from a broken frame runs
/// into the header; `Some(None)` for a length that is not a number.
fn content_length(line: &str) -> Option<Option<usize>> {
    const NAME: &str = "content-length:";
    let lowercase = line.to_ascii_lowercase();
    let at = if lowercase.trim_start().starts_with(NAME) {
        lowercase.find(NAME)?
    } else {
        lowercase.rfind(NAME)?
    };
    Some(line[at + NAME.len()..].trim().parse::<usize>().ok())
}

/// Reads and drops the body of a frame too large to store; false at the end of the input.
async fn skip_body<R: AsyncRead + Unpin>(reader: &mut BufReader<R>, length: usize) -> bool {
    let length = u64::try_from(length).unwrap_or(u64::MAX);
    let mut body = (&mut *reader).take(length);
    matches!(tokio::io::copy(&mut body, &mut tokio::io::sink()).await, Ok(read) if read == length)
}

/// Reads one frame; bodies longer than `max_body` are skipped (the client's input is bounded,
/// the server's own output is not).
async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>, max_body: usize) -> Frame {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let Some(line) = read_header_line(reader).await else {
            return Frame::End;
        };
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between frames
        }
        saw_header = true;
        if let Some(value) = content_length(line) {
            length = value;
        }
    }
    let Some(length) = length else {
        return Frame::BadHeader;
    };
    if length > max_body {
        return Frame::TooLarge(length);
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).await.is_err() {
        return Frame::End;
    }
    Frame::Body(body)
}

/// The error answer to a frame tower-lsp-server would choke on, or `None` if it is fine.
///
/// A well-formed message is read once, without building a JSON tree or copying its strings
/// (`Envelope`); anything that is not plainly a request, a notification or a successful
/// response (an error response, a message that is not an object, a malformed one) is read
/// again by `check_exactly`, which asks tower-lsp-server's own types.
fn check(body: &[u8]) -> Option<Value> {
    match serde_json::from_slice::<Envelope>(body) {
        Ok(envelope) if envelope.passes() => None,
        _ => check_exactly(body),
    }
}

/// What tower-lsp-server reads a frame as (its `jsonrpc::Message`, which is private): tried
/// as a response first, then as a request or notification.
#[derive(Deserialize)]
#[serde(untagged)]
#[expect(dead_code, reason = "only whether the frame parses matters")]
enum Message {
    Response(Response),
    Request(Request),
}

/// The slow and exact check, for frames the envelope does not pass: a parse error for a body
/// that is not JSON, an invalid request for JSON that tower-lsp-server does not take.
fn check_exactly(body: &[u8]) -> Option<Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            return Some(error_response(
                Value::Null,
                -32700,
                format!("Parse error: {error}"),
            ));
        }
    };
    if serde_json::from_slice::<Message>(body).is_ok() {
        return None;
    }
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Some(error_response(
        id,
        -32600,
        "Invalid request: not a JSON-RPC 2.0 message".to_string(),
    ))
}

/// The members of a message object that decide whether tower-lsp-server takes it, read in one
/// pass that checks the rest of the body as strictly as a full parse (escapes, numbers,
/// nesting) but keeps nothing of it.
#[derive(Default)]
struct Envelope {
    jsonrpc: Member,
    method: Member,
    params: Member,
    id: Member,
    result: Member,
}

/// How often a member occurs, and whether its (last) value has the shape the library wants.
#[derive(Default, Clone, Copy)]
struct Member {
    count: u8,
    fits: bool,
}

impl Member {
    fn record(&mut self, fits: bool) {
        self.count = self.count.saturating_add(1);
        self.fits = fits;
    }

    /// Present once, with a fitting value (the library rejects a repeated member).
    fn once(self) -> bool {
        self.count == 1 && self.fits
    }

    /// Absent, or present once with a fitting value.
    fn optional(self) -> bool {
        self.count == 0 || self.once()
    }
}

impl Envelope {
    /// Whether tower-lsp-server certainly takes the message: `"jsonrpc": "2.0"` and either a
    /// request or notification (a string `method`, if any; an integer, string or null `id`,
    /// if any) or a successful response (an `id` and a `result`).
    fn passes(&self) -> bool {
        let request = self.method.optional() && self.params.count <= 1 && self.id.optional();
        let response = self.id.once() && self.result.count == 1;
        self.jsonrpc.once() && (request || response)
    }
}

/// The shape of a JSON value, read without keeping it.
enum Shape {
    /// A string; whether it is the JSON-RPC version, "2.0".
    String {
        version: bool,
    },
    /// A number; whether it is an integer that fits an `i64` (a request id).
    Number {
        id: bool,
    },
    Null,
    Other,
}

impl Shape {
    /// A request id as tower-lsp-server takes it: an `i64`, a string or null.
    fn is_id(&self) -> bool {
        matches!(
            self,
            Shape::String { .. } | Shape::Number { id: true } | Shape::Null
        )
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Number { id: true })
    }

    fn visit_u64<E>(self, value: u64) -> Result<Shape, E> {
        Ok(Shape::Number {
            id: i64::try_from(value).is_ok(),
        })
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Number { id: false })
    }

    fn visit_str<E>(self, value: &str) -> Result<Shape, E> {
        Ok(Shape::String {
            version: value == "2.0",
        })
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(Shape::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_key::<Shape>()?.is_some() {
            map.next_value::<Shape>()?;
        }
        Ok(Shape::Other)
    }
}

/// A member name of the envelope.
enum Key {
    Jsonrpc,
    Method,
    Params,
    Id,
    Result,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_str<E>(self, name: &str) -> Result<Key, E> {
                Ok(match name {
                    "jsonrpc" => Key::Jsonrpc,
                    "method" => Key::Method,
                    "params" => Key::Params,
                    "id" => Key::Id,
                    "result" => Key::Result,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Envelope, D::Error> {
        struct EnvelopeVisitor;
        impl<'de> Visitor<'de> for EnvelopeVisitor {
            type Value = Envelope;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a JSON-RPC message object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
                let mut envelope = Envelope::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let shape = map.next_value::<Shape>()?;
                    match key {
                        Key::Jsonrpc => envelope
                            .jsonrpc
                            .record(matches!(shape, Shape::String { version: true })),
                        Key::Method => envelope
                            .method
                            .record(matches!(shape, Shape::String { .. })),
                        Key::Params => envelope.params.record(true),
                        Key::Id => envelope.id.record(shape.is_id()),
                        Key::Result => envelope.result.record(true),
                        Key::Other => {}
                    }
                }
                Ok(envelope)
            }
        }
        deserializer.deserialize_map(EnvelopeVisitor)
    }
}

fn error_response(id: Value, code: i64, message: String) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Wraps the client's streams; returns the streams to give tower-lsp-server instead.
/// A way for the server to send its own notifications straight to the client's stream, each
/// serialised once from its typed parameters.
///
/// Why: tower-lsp-server's `Client` first turns the parameters into a `serde_json::Value` tree
/// and then serialises the tree; for the diagnostics of a long article (thousands of findings,
/// a message of over a megabyte) that detour costs several times the serialisation itself,
/// on every edit. Notifications need no answer, so they can bypass the `Client`; they are
/// queued with the server's other messages, in the order sent.
#[derive(Clone)]
pub struct Outbox(mpsc::WeakUnboundedSender<Outgoing>);

#[derive(Serialize)]
struct NotificationMessage<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

impl Outbox {
    /// Queues a notification; `false` when the session's output is closed or the parameters
    /// cannot be serialised.
    pub fn notify<N: Notification>(&self, params: &N::Params) -> bool {
        let Some(sender) = self.0.upgrade() else {
            return false;
        };
        let message = NotificationMessage {
            jsonrpc: "2.0",
            method: N::METHOD,
            params,
        };
        match serde_json::to_vec(&message) {
            Ok(body) => sender.send(Outgoing::Raw(body)).is_ok(),
            Err(error) => {
                eprintln!(
                    "newsls: cannot serialise a {} notification: {error}",
                    N::METHOD
                );
                false
            }
        }
    }
}

/// Puts the guard between the client's streams and the server's: returns the server's input
/// and output streams, and the outbox for the server's own notifications. The outbox holds no
/// strong handle, so the output still closes when the server's side ends.
pub fn guard<I, O>(input: I, output: O) -> (DuplexStream, DuplexStream, Outbox)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (mut to_server, server_input) = tokio::io::duplex(PIPE_CAPACITY);
    let (server_output, from_server) = tokio::io::duplex(PIPE_CAPACITY);
    let (errors_sender, mut errors) = mpsc::unbounded_channel::<Outgoing>();
    let errors_sender_for_server = errors_sender.clone();
    let outbox = Outbox(errors_sender.downgrade());

    tokio::spawn(async move {
        let mut reader = BufReader::new(input);
        loop {
            match read_frame(&mut reader, MAX_BODY).await {
                Frame::End => break,
                Frame::BadHeader => {
                    let message = "Parse error: a message without a numeric Content-Length header";
                    eprintln!("newsls: skipped a malformed message: {message}");
                    let _ = errors_sender.send(Outgoing::Error(error_response(
                        Value::Null,
                        -32700,
                        message.to_string(),
                    )));
                }
                Frame::TooLarge(length) => {
                    let message = format!(
                        "Invalid request: a message of {length} bytes (the limit is {MAX_BODY})"
                    );
                    eprintln!("newsls: skipped a malformed message: {message}");
                    // Answered before the skip, which lasts as long as the client's sending.
                    let _ = errors_sender.send(Outgoing::Error(error_response(
                        Value::Null,
                        -32600,
                        message,
                    )));
                    if !skip_body(&mut reader, length).await {
                        break;
                    }
                }
                Frame::Body(body) => match check(&body) {
                    Some(error) => {
                        eprintln!(
                            "newsls: skipped a malformed message: {}",
                            error["error"]["message"]
                        );
                        let _ = errors_sender.send(Outgoing::Error(error));
                    }
                    None => {
                        // The header, then the body as read: no framed copy of a long article.
                        let header = format!("Content-Length: {}\r\n\r\n", body.len());
                        if to_server.write_all(header.as_bytes()).await.is_err()
                            || to_server.write_all(&body).await.is_err()
                        {
                            break;
                        }
                    }
                },
            }
        }
        // Dropping `to_server` tells the server its client has gone.
    });

    // The server's frames and the guard's own answers go through one queue, so each frame
    // is written whole (reading a frame is not cancel-safe, so no select! over two readers).
    let server_frames = errors_sender_for_server;
    tokio::spawn(async move {
        let mut server = BufReader::new(from_server);
        while let Frame::Body(body) = read_frame(&mut server, usize::MAX).await {
            if server_frames.send(Outgoing::Raw(body)).is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        let mut output = output;
        while let Some(outgoing) = errors.recv().await {
            let body = match outgoing {
                Outgoing::Raw(body) => body,
                Outgoing::Error(error) => error.to_string().into_bytes(),
            };
            if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
                break;
            }
        }
        let _ = output.shutdown().await;
    });

    (server_input, server_output, outbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_rpc_messages_pass() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_none());
        assert!(check(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_none());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_none());
        assert_eq!(
            check(b"{ not json").map(|e| e["error"]["code"].clone()),
            Some(json!(-32700))
        );
        let invalid = check(br#"{"id":7,"hello":"world"}"#);
        assert_eq!(
            invalid.as_ref().map(|e| e["error"]["code"].clone()),
            Some(json!(-32600))
        );
        assert_eq!(invalid.map(|e| e["id"].clone()), Some(json!(7)));
    }

    /// Whether tower-lsp-server reads the frame as a message (its codec parses the body as
    /// its private `Message`, which `Message` here copies).
    fn library_reads(body: &[u8]) -> bool {
        std::str::from_utf8(body).is_ok_and(|text| serde_json::from_str::<Message>(text).is_ok())
    }

    /// The guard passes exactly the frames the library reads, whichever way it decides.
    #[test]
    fn the_guard_passes_exactly_what_the_library_reads() {
        let deep = |depth: usize| {
            format!(
                r#"{{"jsonrpc":"2.0","method":"x","params":{}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        let frames: Vec<String> = [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":[null]}"#,
            r#"{"jsonrpc":"2.0","id":null,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":0}"#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":1,"code":2,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","method":null}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":1.5}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":9223372036854775807}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":9223372036854775808}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":-9223372036854775808}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":{"a":1}}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":true}"#,
            r#"{"jsonrpc":"1.0","method":"x"}"#,
            r#"{"jsonrpc":2.0,"method":"x"}"#,
            r#"{"jsonrpc":"2.\u0030","method":"x"}"#,
            r#"{"method":"x"}"#,
            r#"{"jsonrpc":"2.0","jsonrpc":"2.0","method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":1,"params":2}"#,
            r#"{"jsonrpc":"2.0","method":"x","id":1,"id":2}"#,
            r#"{"jsonrpc":"2.0","method":"x","result":1,"result":2}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":1,"method":5}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":1,"result":2}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":1,"result":2,"error":{"code":1,"message":""}}"#,
            r#"{"jsonrpc":"2.0","method":"x","other":1,"other":2}"#,
            r#"{"jsonrpc":"2.0","\u006dethod":"x"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"\udc00"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"\ud83d\ude00"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"\ud83d\u0041"}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":{"\ud800":1}}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":1e400}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":-0}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":01}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":"a\u0000b"}"#,
            "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"a\tb\"}",
            r#"{"jsonrpc":"2.0","method":"x","params":"\q"}"#,
            r#"["2.0","exit"]"#,
            r#"["2.0"]"#,
            r#"["2.0","exit",null,1,5]"#,
            r#"[{"jsonrpc":"2.0","method":"exit"}]"#,
            r#""2.0""#,
            "null",
            "",
            " ",
            "{",
            "{}",
            r#"{"jsonrpc":"2.0","method":"x"} trailing"#,
            r#"{"jsonrpc":"2.0","method":"x"}  "#,
        ]
        .into_iter()
        .map(str::to_string)
        .chain([deep(100), deep(200)])
        .collect();
        for frame in &frames {
            assert_eq!(
                check(frame.as_bytes()).is_none(),
                library_reads(frame.as_bytes()),
                "{frame}"
            );
        }
        let not_utf8 = b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}";
        assert!(!library_reads(not_utf8));
        assert!(check(not_utf8).is_some());
        // Ordinary messages are decided by the envelope alone, in one pass.
        for frame in &frames[..4] {
            let envelope = serde_json::from_str::<Envelope>(frame);
            assert!(envelope.is_ok_and(|envelope| envelope.passes()), "{frame}");
        }
    }

    proptest::proptest! {
        /// Message-like objects built from the members that matter, repeated or not, with
        /// values of every shape: the guard passes a frame exactly when the library reads it.
        #[test]
        fn the_guard_agrees_with_the_library_on_any_message(
            members in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "jsonrpc", "method", "params", "id", "result", "error", "other",
                    ]),
                    proptest::sample::select(vec![
                        r#""2.0""#, r#""x""#, "null", "true", "0", "-7", "1.5", "1e400",
                        "18446744073709551615", "[]", r#"["2.0"]"#, "{}",
                        r#"{"code":1,"message":"m"}"#, r#"{"code":"1","message":"m"}"#,
                        r#""\ud800""#, r#""\u00e9""#,
                    ]),
                ),
                0..7,
            )
        ) {
            let body = format!(
                "{{{}}}",
                members
                    .iter()
                    .map(|(key, value)| format!(r#""{key}":{value}"#))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            proptest::prop_assert_eq!(
                check(body.as_bytes()).is_none(),
                library_reads(body.as_bytes()),
                "{}",
                body
            );
        }
    }

    #[test]
    fn content_length_is_found_after_garbage() {
        assert_eq!(content_length("Content-Length: 12"), Some(Some(12)));
        assert_eq!(content_length("content-length:7 "), Some(Some(7)));
        assert_eq!(content_length("Content-Length: lots"), Some(None));
        assert_eq!(content_length("Content-Type: utf-8"), None);
        // The rest of a truncated body ran into the next header.
        assert_eq!(
            content_length(r#"ms":{}}Content-Length: 52"#),
            Some(Some(52))
        );
    }

    /// Frames with wrong lengths, each followed by a good one: every good frame after the
    /// damage is read again, except the one a too-long length swallowed.
    #[tokio::test]
    async fn the_reader_resynchronises_after_wrong_lengths() {
        let good = |id: u32| format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
        let framed = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let mut input = String::new();
        input += &format!("Content-Length: lots\r\n\r\n{}", good(1));
        input += &framed(&good(2));
        input += &format!("Content-Length: {}\r\n\r\n{}", good(3).len() - 4, good(3));
        input += &framed(&good(4));
        input += &format!("Content-Length: {}\r\n\r\n{}", good(5).len() + 4, good(5));
        input += &framed(&good(6));
        input += &framed(&good(7));
        // Endless garbage without a newline is kept short, and the header after it still found.
        input += &"x".repeat(3 * MAX_HEADER_LINE);
        input += &framed(&good(8));
        input += &format!("Content-Length: {}\r\n\r\n", u64::from(u32::MAX) * 4);
        input += "the client gave up";
        let mut reader = BufReader::new(input.as_bytes());
        let mut read = Vec::new();
        loop {
            match read_frame(&mut reader, MAX_BODY).await {
                Frame::End => break,
                Frame::BadHeader => read.push("bad header".to_string()),
                Frame::TooLarge(length) => {
                    read.push("too large".to_string());
                    if !skip_body(&mut reader, length).await {
                        break;
                    }
                }
                Frame::Body(body) => read.push(match check(&body) {
                    None => String::from_utf8_lossy(&body).into_owned(),
                    Some(_) => "not json".to_string(),
                }),
            }
        }
        let expected = vec![
            "bad header".to_string(),
            good(2),
            "not json".to_string(),
            good(4),
            "not json".to_string(),
            "bad header".to_string(),
            good(7),
            good(8),
            "too large".to_string(),
        ];
        assert_eq!(read, expected);
    }

    /// The outbox's notifications reach the client framed and whole, beside the server's own
    /// frames; once the session's output is gone, sending reports failure instead of blocking.
    #[tokio::test]
    async fn outbox_notifications_reach_the_client() {
        use tower_lsp_server::ls_types::notification::PublishDiagnostics;
        use tower_lsp_server::ls_types::{Diagnostic, PublishDiagnosticsParams, Range};

        let (client_input, _client_writes) = tokio::io::duplex(1 << 16);
        let (client_output, mut client_reads) = tokio::io::duplex(1 << 16);
        let (_server_input, server_output, outbox) = guard(client_input, client_output);
        let params = PublishDiagnosticsParams {
            uri: "untitled:a".parse().unwrap_or_else(|_| panic!("uri")),
            diagnostics: vec![Diagnostic::new_simple(
                Range::default(),
                "a “quoted” finding".into(),
            )],
            version: Some(7),
        };
        assert!(outbox.notify::<PublishDiagnostics>(&params));
        let mut reader = BufReader::new(&mut client_reads);
        let Frame::Body(body) = read_frame(&mut reader, MAX_BODY).await else {
            panic!("no frame reached the client");
        };
        let message: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(message["jsonrpc"], "2.0");
        assert_eq!(message["method"], "textDocument/publishDiagnostics");
        assert_eq!(message["params"]["version"], 7);
        assert_eq!(
            message["params"]["diagnostics"][0]["message"],
            "a “quoted” finding"
        );
        // The client hangs up and the server's side closes: the writer ends, and so does the
        // outbox.
        drop(server_output);
        drop(_client_writes);
        drop(reader);
        let mut closed = false;
        for _ in 0..100 {
            if !outbox.notify::<PublishDiagnostics>(&params) {
                closed = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(
            closed,
            "the outbox still accepts messages after the session ended"
        );
    }
}
