//! Which frames tower-lsp-server takes as a message, decided by reading each frame once: one
//! pass over the body that checks all of it as strictly as the library's own parse (escapes,
//! numbers, nesting) and keeps only the shape of `jsonrpc`, `method`, `params`, `id` and
//! `result` (`Envelope`; no JSON tree, no copy). A frame the envelope does not pass (an error
//! response from the client, a message that is not an object, a malformed one) is read again
//! by the library's own types, and answered as before.
//!
//! It knows JSON-RPC shapes only; framing is `transport`'s.

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The error answer to a frame tower-lsp-server would choke on, or `None` if it is fine.
///
/// A well-formed message is read once, without building a JSON tree or copying its strings
/// (`Envelope`); anything that is not plainly a request, a notification or a successful
/// response (an error response, a message that is not an object, a malformed one) is read
/// again by `check_exactly`, which asks tower-lsp-server's own types.
pub(crate) fn check(body: &[u8]) -> Option<Value> {
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

pub(crate) fn error_response(id: Value, code: i64, message: String) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
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
}
