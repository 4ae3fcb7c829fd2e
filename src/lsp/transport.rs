//! A guard in front of tower-lsp-server's transport: it passes well-formed JSON-RPC frames
//! through and answers malformed ones itself.
//!
//! Why: tower-lsp-server 0.23 answers a body that is not JSON (or not JSON-RPC) with an error
//! and then stops reading its input, which ends the session; one bad message from a client
//! must not cost the user the server. This module knows framing and JSON-RPC shapes only.

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

const PIPE_CAPACITY: usize = 1 << 20;

/// What the writer task sends to the client.
enum Outgoing {
    /// A frame body from the server, passed on unchanged.
    Raw(Vec<u8>),
    /// The guard's own answer to a malformed frame.
    Error(Value),
}

/// One frame read from the client.
enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`.
    BadHeader,
    End,
}

async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Frame {
    let mut length = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between frames
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Frame::BadHeader;
    };
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).await.is_err() {
        return Frame::End;
    }
    Frame::Body(body)
}

/// The error answer to a frame tower-lsp-server would choke on, or `None` if it is fine.
fn check(body: &[u8]) -> Option<Value> {
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
    if serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value.clone()).is_ok()
    {
        return None;
    }
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    Some(error_response(
        id,
        -32600,
        "Invalid request: not a JSON-RPC 2.0 message".to_string(),
    ))
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
pub fn guard<I, O>(input: I, output: O) -> (DuplexStream, DuplexStream)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (mut to_server, server_input) = tokio::io::duplex(PIPE_CAPACITY);
    let (server_output, from_server) = tokio::io::duplex(PIPE_CAPACITY);
    let (errors_sender, mut errors) = mpsc::unbounded_channel::<Outgoing>();
    let errors_sender_for_server = errors_sender.clone();

    tokio::spawn(async move {
        let mut reader = BufReader::new(input);
        loop {
            match read_frame(&mut reader).await {
                Frame::End => break,
                Frame::BadHeader => {
                    let _ = errors_sender.send(Outgoing::Error(error_response(
                        Value::Null,
                        -32700,
                        "Parse error: a message without a Content-Length header".to_string(),
                    )));
                }
                Frame::Body(body) => match check(&body) {
                    Some(error) => {
                        let _ = errors_sender.send(Outgoing::Error(error));
                    }
                    None => {
                        if to_server.write_all(&frame(&body)).await.is_err() {
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
        while let Frame::Body(body) = read_frame(&mut server).await {
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

    (server_input, server_output)
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
}
