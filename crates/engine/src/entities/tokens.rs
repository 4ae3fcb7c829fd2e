//! Word tokens for the entity tagger, with exact byte spans, and their grouping into segments.
//!
//! A segment is a run of tokens the tagger reads as one sentence: it ends after a stand-alone
//! `.`, `!` or `?`, before a word that opens sentences after an abbreviation's period ("the
//! U.S. The"), and at a line break after a line that ends a sentence or is short (a headline, a
//! byline or a dateline). It knows nothing of the model or of the document parser,
//! so that the trained weights do not change when the shared sentence splitter does.

use super::lexicon::LEXICON;
use crate::span::Span;

/// A line shorter than this (in bytes) reads as a title, byline or table row, never as a
/// wrapped line of running text, so the next line starts a new segment.
const SHORT_LINE_BYTES: usize = 45;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// The first token of its segment.
    pub starts_segment: bool,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that stay inside a word when a word character follows them
/// ("U.S", "Jean-Marie", "O'Neill", "AT&T", "1996-08-22").
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '\'' | '’' | '&' | '/' | ',' | '_')
}

/// Splits `region` of `text` into tokens. Possessive `'s` is a token of its own, so that a name
/// span never includes it; a period stays on abbreviations and initials.
pub fn tokenize(text: &str, region: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(region.range()) else {
        return;
    };
    let base = region.start;
    let first_token = out.len();
    let mut chars = slice.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || c == '\u{feff}' {
            continue;
        }
        if !is_word_char(c) {
            push(out, base + start, base + start + c.len_utf8());
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(index, next)) = chars.peek() {
            if is_word_char(next) {
                end = index + next.len_utf8();
                chars.next();
                continue;
            }
            if is_joiner(next) {
                let after = slice[index + next.len_utf8()..].chars().next();
                // A comma joins only digits ("1,000"); other joiners join any word characters.
                let joins = match next {
                    ',' => {
                        after.is_some_and(|a| a.is_ascii_digit())
                            && slice[..index].ends_with(|p: char| p.is_ascii_digit())
                    }
                    _ => after.is_some_and(is_word_char),
                };
                if joins {
                    end = index + next.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let word = &slice[start..end];
        // Possessive clitic: "Moscow's" → "Moscow" + "'s".
        let possessive = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|clitic| word.len() > clitic.len() && word.ends_with(*clitic));
        if let Some(clitic) = possessive {
            let split = end - clitic.len();
            push(out, base + start, base + split);
            push(out, base + split, base + end);
            continue;
        }
        // A period after an abbreviation or initial belongs to it.
        if let Some(&(index, '.')) = chars.peek()
            && keeps_period(word)
        {
            end = index + 1;
            chars.next();
        }
        push(out, base + start, base + end);
    }
    mark_segments(text, &mut out[first_token..]);
}

fn push(out: &mut Vec<Token>, start: usize, end: usize) {
    out.push(Token {
        span: Span::new(start, end),
        starts_segment: false,
    });
}

/// Initials ("J"), dotted abbreviations ("U.S") and listed abbreviations ("Mr", "Corp").
fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    let single_letter =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    single_letter
        || (word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2))
        || LEXICON.abbreviations.contains(word)
}

fn is_sentence_end(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "…")
}

/// Words that begin a sentence far more often than they continue a name, in Title Case: after
/// an abbreviation whose period may also end the sentence ("… to the U.S. The President …"),
/// one of them starts a new segment.
const SENTENCE_OPENERS: [&str; 18] = [
    "The", "An", "He", "She", "It", "They", "We", "This", "These", "Those", "But", "In", "His",
    "Her", "Its", "Their", "There", "When",
];

/// A word of three characters or more ending in a period ("U.S.", "Corp."): the period may
/// end the sentence too. A single initial ("M.") never does.
fn ends_in_abbreviation_period(token: &str) -> bool {
    token.len() > 2 && token.ends_with('.')
}

fn is_closing(token: &str) -> bool {
    matches!(token, "\"" | "'" | "”" | "’" | ")" | "]")
}

/// Marks the first token of every segment.
fn mark_segments(text: &str, tokens: &mut [Token]) {
    let mut after_sentence_end = true;
    let mut previous: Option<Token> = None;
    for token in tokens.iter_mut() {
        let word = token.text(text);
        let line_break = previous.is_some_and(|previous| {
            let gap = text.get(previous.span.end..token.span.start).unwrap_or("");
            // Most gaps are one space: the line breaks are counted only in a gap that has one.
            gap.contains('\n')
                && (gap.bytes().filter(|&byte| byte == b'\n').count() >= 2
                    || line_ends_segment(text, previous.span.end))
        });
        let after_abbreviation = previous.is_some_and(|previous| {
            ends_in_abbreviation_period(previous.text(text)) && SENTENCE_OPENERS.contains(&word)
        });
        if previous.is_none()
            || line_break
            || after_abbreviation
            || (after_sentence_end && !is_closing(word))
        {
            token.starts_segment = true;
        }
        if is_sentence_end(word) {
            after_sentence_end = true;
        } else if !is_closing(word) {
            after_sentence_end = false;
        }
        previous = Some(*token);
    }
}

/// Whether the line that ends at `line_end` closes a segment: it is short, or it ends a sentence.
fn line_ends_segment(text: &str, line_end: usize) -> bool {
    let before = text.get(..line_end).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let line = before.get(line_start..).unwrap_or("").trim();
    line.len() < SHORT_LINE_BYTES || line.ends_with(['.', '!', '?', ':', '"', '”', '\'', '’', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        tokens
            .iter()
            .map(|token| {
                let marker = if token.starts_segment { "|" } else { "" };
                format!("{marker}{}", token.text(text))
            })
            .collect()
    }

    #[test]
    fn possessives_abbreviations_and_joiners() {
        assert_eq!(
            words("Moscow's U.S. envoy Mr. O'Neill met AT&T in 1,000 Jean-Marie towns."),
            vec![
                "|Moscow",
                "'s",
                "U.S.",
                "envoy",
                "Mr.",
                "O'Neill",
                "met",
                "AT&T",
                "in",
                "1,000",
                "Jean-Marie",
                "towns",
                "."
            ]
        );
    }

    #[test]
    fn segments_end_at_sentences_and_short_lines() {
        assert_eq!(
            words(
                "SOCCER - WIN\nLONDON 1996\nHe said \"no.\" Then a long line that wraps over\nthe end."
            ),
            vec![
                "|SOCCER", "-", "WIN", "|LONDON", "1996", "|He", "said", "\"", "no", ".", "\"",
                "|Then", "a", "long", "line", "that", "wraps", "over", "the", "end", "."
            ]
        );
    }

    #[test]
    fn a_sentence_may_end_with_an_abbreviation() {
        assert_eq!(
            words("Visas to the U.S. The President acted. U.S. President Biden and M. Hill."),
            vec![
                "|Visas", "to", "the", "U.S.", "|The", "President", "acted", ".", "|U.S.",
                "President", "Biden", "and", "M.", "Hill", "."
            ]
        );
    }

    #[test]
    fn spans_slice_the_text_on_char_boundaries() {
        let text = "“Zürich’s” — naïve Ærø…";
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        for token in &tokens {
            assert!(text.get(token.span.range()).is_some_and(|s| !s.is_empty()));
        }
        assert_eq!(words(text)[1], "Zürich");
    }
}
