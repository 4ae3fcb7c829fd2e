//! A guard in front of tower-lsp-server's transport: it passes well-formed JSON-RPC frames
//! through and answers malformed ones itself.
//!
//! Why: tower-lsp-server 0.23 answers a body that is not JSON (or not JSON-RPC) with an error
//! and then stops reading its input, which ends the session; one bad message from a client
//! must not cost the user the server (0.24 reads its input the same way). This module knows
//! framing and JSON-RPC shapes only.
//!
//! Each frame is read once before the library reads it, without a JSON tree or a copy; which
//! frames pass is `envelope`'s.
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

use serde::Serialize;
use serde_json::Value;
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::notification::Notification;

use super::envelope::{check, error_response};

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
