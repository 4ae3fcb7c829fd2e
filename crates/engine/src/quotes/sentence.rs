//! Sentences around a quote: where the sentence holding a token starts and ends, quotes counting
//! as words, and whether a quote closes its sentence.

use super::phrases::Tokens;
use super::tokens::{TokenKind, is_boundary};

/// How far a sentence is read on each side of a quote, in tokens: keeps long texts linear.
pub const SENTENCE_WINDOW: usize = 80;

/// The token range `[start, end)` of the sentence around token `index`, quotes counting as words.
pub fn sentence_around(view: Tokens, index: usize) -> (usize, usize) {
    let mut start = index;
    while start > 0
        && index - start < SENTENCE_WINDOW
        && !is_boundary(view.text, view.tokens, start - 1)
        && !ends_sentence_before(view, start - 1)
    {
        start -= 1;
    }
    let mut end = index + 1;
    while end < view.tokens.len()
        && end - index < SENTENCE_WINDOW
        && !is_boundary(view.text, view.tokens, end)
    {
        end += 1;
    }
    (start, end)
}

/// Whether token `index` is a quote that ends its sentence and a new one starts after it
/// (`… called the lines "unacceptable." Phoenix Mayor Greg Stanton wrote …`).
fn ends_sentence_before(view: Tokens, index: usize) -> bool {
    matches!(
        view.tokens.get(index).map(|token| token.kind),
        Some(TokenKind::Quote(_))
    ) && quote_ends_sentence(view, index)
        && view
            .word(index + 1)
            .is_some_and(|word| word.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the quoted text ends a sentence of its own ("…." or "…?" before the closing mark).
pub fn quote_ends_sentence(view: Tokens, quote: usize) -> bool {
    let quoted = view.span(quote).slice(view.text);
    let inner = quoted
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»'));
    inner.ends_with(['.', '!', '?', '…'])
}
