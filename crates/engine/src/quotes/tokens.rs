//! The words around quotations: a token stream in which each quotation is a single token.
//!
//! Attribution reads the frame of a quote ("…," Psaki said.) without being misled by the
//! punctuation inside it, so quotes are atomic here. It knows nothing of speakers or verbs.

use crate::lexicon::ABBREVIATIONS;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// One punctuation character outside quotes.
    Punct(char),
    /// The quotation with this index in the quote list.
    Quote(usize),
    /// A paragraph break.
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Characters that join the parts of one word ("U.S", "Holtz-Eakin", "O’Rourke", "AT&T").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// Tokenizes the paragraphs, turning each quote (sorted, non-overlapping) into one token.
pub fn tokenize(text: &str, paragraphs: &[Span], quotes: &[Span]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut next_quote = 0;
    let mut cursor = 0;
    for paragraph in paragraphs {
        if paragraph.end <= cursor {
            continue;
        }
        let start = paragraph.start.max(cursor);
        if !tokens.is_empty() && start == paragraph.start {
            tokens.push(Token {
                span: Span::new(start, start),
                kind: TokenKind::Break,
            });
        }
        let mut position = start;
        while position < paragraph.end {
            while quotes
                .get(next_quote)
                .is_some_and(|quote| quote.start < position)
            {
                next_quote += 1;
            }
            if let Some(quote) = quotes
                .get(next_quote)
                .filter(|quote| quote.start == position)
            {
                tokens.push(Token {
                    span: *quote,
                    kind: TokenKind::Quote(next_quote),
                });
                next_quote += 1;
                position = quote.end.max(position + 1);
                continue;
            }
            let Some(c) = char_at(text, position) else {
                break;
            };
            if c.is_whitespace() {
                position += c.len_utf8();
                continue;
            }
            if c.is_alphanumeric() {
                let end = word_end(text, position, paragraph.end);
                tokens.push(Token {
                    span: Span::new(position, end),
                    kind: TokenKind::Word,
                });
                position = end;
                continue;
            }
            let end = position + c.len_utf8();
            tokens.push(Token {
                span: Span::new(position, end),
                kind: TokenKind::Punct(c),
            });
            position = end;
        }
        cursor = cursor.max(position);
    }
    tokens
}

/// The character at byte `at` (a character boundary), read without decoding when it is ASCII,
/// as most of the text is.
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// The end of the word starting at `start`: letters and digits, joined by inner joiners.
fn word_end(text: &str, start: usize, limit: usize) -> usize {
    let limit = limit.min(text.len());
    let mut position = start;
    let mut end = start;
    while position < limit {
        let Some(c) = char_at(text, position) else {
            break;
        };
        let after = position + c.len_utf8();
        if c.is_alphanumeric() {
            end = after;
        } else if !(is_joiner(c)
            && after < limit
            && char_at(text, after).is_some_and(char::is_alphanumeric))
        {
            break;
        }
        position = after;
    }
    end
}

/// Whether token `index` ends a sentence: a paragraph break, or `.`, `!`, `?` outside quotes
/// that does not close an abbreviation or an initial.
pub fn is_boundary(text: &str, tokens: &[Token], index: usize) -> bool {
    let Some(token) = tokens.get(index) else {
        return true;
    };
    match token.kind {
        TokenKind::Break => true,
        TokenKind::Punct('!' | '?' | '…') => true,
        TokenKind::Punct('.') => {
            // "(R-Ky.)", "Inc., the firm" or "U.S. officials": the period ends a word only.
            let continues = tokens.get(index + 1).is_some_and(|next| match next.kind {
                TokenKind::Punct(c) => matches!(c, ')' | ',' | ';'),
                TokenKind::Word => next
                    .span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase),
                _ => false,
            });
            if continues {
                return false;
            }
            let previous = index
                .checked_sub(1)
                .and_then(|previous| tokens.get(previous))
                .filter(|previous| {
                    previous.kind == TokenKind::Word && previous.span.end == token.span.start
                });
            !previous.is_some_and(|word| is_abbreviation(word.span.slice(text)))
        }
        _ => false,
    }
}

fn is_abbreviation(word: &str) -> bool {
    let mut letters = word.chars();
    let initial =
        matches!((letters.next(), letters.next()), (Some(first), None) if first.is_uppercase());
    initial || ABBREVIATIONS.contains(word) || (word.contains('.') && word.len() <= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_single_tokens() {
        let text = "\"We will see. Maybe,\" Mr. Biden said.";
        let quote = Span::new(0, 21);
        let tokens = tokenize(text, &[Span::new(0, text.len())], &[quote]);
        let shown: Vec<String> = tokens
            .iter()
            .map(|token| match token.kind {
                TokenKind::Quote(index) => format!("Q{index}"),
                _ => token.span.slice(text).to_string(),
            })
            .collect();
        assert_eq!(shown, vec!["Q0", "Mr", ".", "Biden", "said", "."]);
        assert!(!is_boundary(text, &tokens, 2), "Mr. is an abbreviation");
        assert!(is_boundary(text, &tokens, 5));
    }

    #[test]
    fn words_keep_inner_joiners() {
        let text = "U.S. envoy Holtz-Eakin’s AT&T talk";
        let tokens = tokenize(text, &[Span::new(0, text.len())], &[]);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            words,
            vec!["U.S", ".", "envoy", "Holtz-Eakin’s", "AT&T", "talk"]
        );
        // Letters beyond ASCII are letters; a joiner with no letter after it ends the word,
        // at the paragraph's end too.
        let text = "naïve Zürich café-goers said- no. Ends-";
        let tokens = tokenize(text, &[Span::new(0, text.len())], &[]);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            words,
            vec!["naïve", "Zürich", "café-goers", "said", "-", "no", ".", "Ends", "-"]
        );
    }

    #[test]
    fn quotes_over_paragraphs_and_breaks() {
        let text = "A said:\n\n\"One.\n\n\"Two.\" B.";
        let paragraphs = [Span::new(0, 7), Span::new(9, 14), Span::new(16, 25)];
        let quote = Span::new(9, 22);
        let tokens = tokenize(text, &paragraphs, &[quote]);
        let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TokenKind::Word,
                TokenKind::Word,
                TokenKind::Punct(':'),
                TokenKind::Break,
                TokenKind::Quote(0),
                TokenKind::Word,
                TokenKind::Punct('.'),
            ]
        );
    }
}
