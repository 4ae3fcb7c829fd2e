//! Turning the bytes of a file into text the engine can analyse.
//!
//! Pure: it takes bytes already read. Invalid UTF-8 is decoded lossily and reported at the
//! first bad byte; text with NUL bytes is treated as binary and not analysed.

use std::borrow::Cow;

use super::diagnostic::Diagnostic;
use super::rules::Code;
use super::span::Span;

#[derive(Debug)]
pub enum Decoded<'a> {
    /// Text to analyse, with an `invalid-utf8` diagnostic when bytes had to be replaced.
    Text {
        text: Cow<'a, str>,
        diagnostics: Vec<Diagnostic>,
    },
    /// A binary file: it has a NUL byte at this offset and is not analysed.
    Binary { first_nul: usize },
}

/// Decodes a file's bytes. Spans of the returned diagnostics point into the decoded text.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(first_nul) = memchr_nul(bytes) {
        return Decoded::Binary { first_nul };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded::Text {
            text: Cow::Borrowed(text),
            diagnostics: Vec::new(),
        },
        Err(error) => {
            // The prefix up to the first bad byte decodes unchanged, so its offset is the same
            // in both texts; the replacement character that follows is 3 bytes long.
            let first_bad = error.valid_up_to();
            let bad_len = error.error_len().unwrap_or(bytes.len() - first_bad);
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replacement = '\u{fffd}'.len_utf8();
            let diagnostic = Diagnostic::new(
                Code::InvalidUtf8,
                Span::new(first_bad, (first_bad + replacement).min(text.len())),
                format!(
                    "The file is not valid UTF-8: byte 0x{:02X} at byte offset {first_bad} (and {} more bad sequence(s) after it) \
                     was replaced with U+FFFD. Re-save the file as UTF-8.",
                    bytes[first_bad],
                    count_bad_sequences(&bytes[first_bad + bad_len..]),
                ),
            );
            Decoded::Text {
                text: Cow::Owned(text),
                diagnostics: vec![diagnostic],
            }
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&byte| byte == 0)
}

fn count_bad_sequences(mut bytes: &[u8]) -> usize {
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return count,
            Err(error) => {
                count += 1;
                let skip = error.valid_up_to()
                    + error
                        .error_len()
                        .unwrap_or(bytes.len() - error.valid_up_to());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_borrowed() {
        match decode("caf\u{e9}".as_bytes()) {
            Decoded::Text { text, diagnostics } => {
                assert!(matches!(text, Cow::Borrowed(_)));
                assert!(diagnostics.is_empty());
            }
            Decoded::Binary { .. } => panic!("text taken for binary"),
        }
    }

    #[test]
    fn invalid_utf8_is_reported_at_the_first_bad_byte() {
        match decode(b"abc\xe9def\xff") {
            Decoded::Text { text, diagnostics } => {
                assert_eq!(text, "abc\u{fffd}def\u{fffd}");
                assert_eq!(diagnostics[0].code, Code::InvalidUtf8);
                assert_eq!(diagnostics[0].span.slice(&text), "\u{fffd}");
                assert_eq!(diagnostics[0].span.start, 3);
                assert!(diagnostics[0].message.contains("0xE9"));
                assert!(diagnostics[0].message.contains("1 more"));
            }
            Decoded::Binary { .. } => panic!("text taken for binary"),
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Decoded::Binary { first_nul: 4 }
        ));
        assert!(matches!(decode(b""), Decoded::Text { .. }));
    }
}
