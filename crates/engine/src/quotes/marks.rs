//! Quote marks: which characters open and close quotations, and how they pair into top-level spans.
//!
//! It knows typography only (straight, curly, doubled-apostrophe and single marks, apostrophes,
//! quotes that continue over paragraphs), nothing about speakers or speech.
//! One pass over the text with a bounded stack, so any number of marks stays linear.

use crate::diagnostic::Diagnostic;
use crate::memo::{Kept, Memo};
use crate::rules::Code;
use crate::span::Span;

use super::lexicon;

/// Nesting deeper than this is not tracked: further opening marks are ignored.
const MAX_DEPTH: usize = 8;

/// A top-level quotation delimited by quote marks (nested quotations stay inside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    /// From the opening mark to the closing mark, both included; to the end of the paragraph
    /// when the quote never closes.
    pub span: Span,
    pub open_mark: Span,
    /// The closing mark, `None` when the quote never closes.
    pub close_mark: Option<Span>,
}

impl MarkedQuote {
    /// The quoted words without the marks.
    pub fn content(&self) -> Span {
        let end = self.close_mark.map_or(self.span.end, |mark| mark.start);
        Span::new(self.open_mark.end, end.max(self.open_mark.end))
    }
}

/// Marks pair only within their family. CJK corner brackets are families of their own: they
/// are unambiguous brackets (never apostrophes), and 「 must not be closed by ” or 』.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    /// 「」, half-width ｢｣ and vertical ﹁﹂: the primary quotation marks of CJK text.
    Corner,
    /// 『』 and vertical ﹃﹄: CJK quotations nested in corner brackets (and titles).
    WhiteCorner,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    family: Family,
    can_open: bool,
    can_close: bool,
}

/// Every character with Unicode's `Quotation_Mark` property, and the backtick.
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‚'
            | '‛'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '⹂'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〝'
            | '〞'
            | '〟'
            | '﹁'
            | '﹂'
            | '﹃'
            | '﹄'
            | '＂'
            | '＇'
            | '｢'
            | '｣'
            | '`'
    )
}

/// A character after which a quotation can open ("(", a dash, a space, another mark).
fn opens_after(previous: Option<char>) -> bool {
    previous.is_none_or(|c| {
        c.is_whitespace()
            || is_quote_char(c)
            || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/')
    })
}

/// A character before which a quotation can close (a space, punctuation, another mark).
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|c| {
        c.is_whitespace()
            || is_quote_char(c)
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '/' | '…'
            )
    })
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The word that starts at `rest` (letters only), for elision checks such as "'n'" and "'em".
fn leading_word(rest: &str) -> &str {
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(index, _)| index);
    &rest[..end]
}

/// The quote marks of one block at offsets from the block's start: they depend on the block's
/// text alone, so one analysis keeps them for the next (`Reuse::quote_marks`).
#[derive(Debug, Default)]
pub struct BlockMarks(Vec<Mark>);

/// The blocks' marks the last analysis kept, and the list this one keeps for the next.
pub(crate) struct MarksMemo<'a> {
    pub memo: &'a Memo<BlockMarks>,
    pub kept: &'a mut Kept<BlockMarks>,
}

impl MarksMemo<'_> {
    /// The quote marks of `span`, the last analysis's when its text is the same.
    fn marks_in(&mut self, text: &str, span: Span) -> Vec<Mark> {
        if !self.kept.keeps() {
            return marks_in(text, span);
        }
        let block = span.slice(text);
        let entry = self.memo.get_or(self.kept, block, 0, || {
            BlockMarks(marks_in(block, Span::new(0, block.len())))
        });
        entry
            .value
            .0
            .iter()
            .map(|mark| Mark {
                span: Span::new(span.start + mark.span.start, span.start + mark.span.end),
                ..*mark
            })
            .collect()
    }
}

/// The quote marks of `span`, in text order, with what each can do.
fn marks_in(text: &str, span: Span) -> Vec<Mark> {
    let slice = span.slice(text);
    let mut marks = Vec::new();
    let bytes = slice.as_bytes();
    let mut previous: Option<char> = None;
    let mut index = 0;
    while index < slice.len() {
        // ASCII other than quote marks and "<" is only ever the character before a mark: a
        // run of it is skipped at once (most of a text is such a run).
        let run = bytes[index..]
            .iter()
            .position(|&byte| matches!(byte, b'\'' | b'"' | b'`' | b'<' | 0x80..))
            .unwrap_or(bytes.len() - index);
        if run > 0 {
            previous = Some(char::from(bytes[index + run - 1]));
            index += run;
            continue;
        }
        let Some(c) = slice[index..].chars().next() else {
            break;
        };
        if c == '<'
            && let Some(end) = markup_tag_end(slice, index)
        {
            // A tag separates what stands on either side as a space does; the marks inside
            // ("<tweet author=\"x\">") delimit attributes, not quotations.
            previous = Some(' ');
            index = end;
            continue;
        }
        if is_format_char(c) {
            // Invisible direction marks do not change what a mark stands next to.
            index += c.len_utf8();
            continue;
        }
        let start = span.start + index;
        let char_after = |at: usize| slice.get(at..).and_then(|rest| rest.chars().next());
        let mut width = c.len_utf8();
        let mut next = char_after(index + width);
        let mut family = None;
        let (mut can_open, mut can_close) = (false, false);
        match c {
            // Two apostrophes or backticks are a double mark (the NYT's ''…'', LaTeX's ``…'').
            '\'' | '`' if next == Some(c) => {
                width = 2;
                next = char_after(index + width);
                family = Some(Family::Double);
                can_open = opens_after(previous) && !is_space(next);
                can_close = c == '\'' && !is_space(previous) && closes_before(next);
                if c == '\'' && !can_open && !can_close {
                    // Spaced on both sides (", '' said"): the pairing decides.
                    (can_open, can_close) = (true, true);
                }
            }
            // The full-width marks of CJK typesetting behave as their ASCII forms.
            '"' | '＂' => {
                family = Some(Family::Double);
                can_open = opens_after(previous) && !is_space(next);
                can_close = !is_space(previous) && closes_before(next);
                if !can_open && !can_close {
                    (can_open, can_close) = (true, true);
                }
            }
            // ‟ and ⹂ are the reversed forms of “ and „; 〝 opens CJK double-prime quotes.
            '“' | '„' | '«' | '‟' | '⹂' | '〝' => {
                family = Some(Family::Double);
                can_open = true;
                // A misused opening mark at the end of a quotation ("…wrong.“ Then").
                can_close = !is_space(previous) && !opens_after(previous) && closes_before(next);
            }
            '”' | '»' | '〞' | '〟' => {
                family = Some(Family::Double);
                can_close = true;
                can_open = is_space(previous) && !is_space(next);
            }
            // Single guillemets are never apostrophes: they pair as « and » do (› also opens,
            // for the inverted Germanic ›…‹).
            '‹' => {
                family = Some(Family::Single);
                can_open = true;
                can_close = !is_space(previous) && !opens_after(previous) && closes_before(next);
            }
            '›' => {
                family = Some(Family::Single);
                can_close = true;
                can_open = is_space(previous) && !is_space(next);
            }
            '「' | '｢' | '﹁' => (family, can_open) = (Some(Family::Corner), true),
            '」' | '｣' | '﹂' => (family, can_close) = (Some(Family::Corner), true),
            '『' | '﹃' => (family, can_open) = (Some(Family::WhiteCorner), true),
            '』' | '﹄' => (family, can_close) = (Some(Family::WhiteCorner), true),
            '\'' | '‘' | '’' | '‚' | '‛' | '＇' => {
                let rest = slice.get(index + width..).unwrap_or("");
                let between_letters = is_word_char(previous) && is_word_char(next);
                let elision = next.is_some_and(|c| c.is_ascii_digit())
                    || lexicon::is_elision(leading_word(rest));
                if !between_letters {
                    family = Some(Family::Single);
                    // ’ opens too, for the Nordic ’…’ (elisions such as ’90s are excluded).
                    can_open = matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '＇')
                        && opens_after(previous)
                        && !is_space(next)
                        && !elision;
                    can_close =
                        // ‘ closes the German ‚…‘.
                        matches!(c, '\'' | '’' | '‘' | '＇') && !is_space(previous) && closes_before(next);
                }
            }
            _ => {}
        }
        if let Some(family) = family {
            marks.push(Mark {
                span: Span::new(start, start + width),
                family,
                can_open,
                can_close,
            });
        }
        // A double mark is the same character twice.
        previous = Some(c);
        index += width;
    }
    marks
}

/// Bytes looked ahead from a "<" for the ">" that ends a markup tag: tags are short, and a
/// bound keeps a text full of "<" linear.
const MAX_TAG_BYTES: usize = 512;

/// The end of the markup tag that opens at `at` ("<tweet pic=\"\" author=\"x\">", "</a>"):
/// a "<" followed by a letter or "/", up to the next ">" on the same line.
fn markup_tag_end(slice: &str, at: usize) -> Option<usize> {
    let rest = slice.get(at + 1..)?;
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
        return None;
    }
    let window = &rest.as_bytes()[..rest.len().min(MAX_TAG_BYTES)];
    let end = window.iter().position(|&b| b == b'>' || b == b'<' || b == b'\n')?;
    (window[end] == b'>').then_some(at + 1 + end + 1)
}

/// Invisible formatting characters (direction marks, zero-width spaces) that scraped text
/// leaves beside quote marks ("\u{202A}”Sorry Sarah…”").
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether spaces, after a sentence's final punctuation, stand just before `at` (within the
/// paragraph that starts at `paragraph_start`).
fn follows_sentence_end(text: &str, paragraph_start: usize, at: usize) -> bool {
    let before = &text[paragraph_start..at];
    let trimmed = before.trim_end();
    trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', '…'])
}

#[derive(Debug, Clone, Copy)]
struct Open {
    mark: Span,
    family: Family,
}

/// Pairs the quote marks of the paragraphs into top-level quotes, and reports unbalanced marks.
///
/// A double quotation still open at the end of a paragraph continues when the next paragraph
/// opens with a double mark (news style for quotes over several paragraphs), or closes after
/// the next paragraph's citation line when that paragraph's first double mark closes;
/// otherwise it is unbalanced and runs to the end of its paragraph.
pub(crate) fn pair(
    text: &str,
    paragraphs: &[Span],
    mut memo: MarksMemo,
) -> (Vec<MarkedQuote>, Vec<Diagnostic>) {
    let mut quotes = Vec::new();
    let mut diagnostics = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut continuing = false;
    // Whether the previous paragraph's quotation is closed by this paragraph's first double mark.
    let mut closed_after_citation = false;
    // The marks of the next paragraph when they were read already (to see whether it closes a
    // quotation left open), so that each paragraph is scanned once.
    let mut upcoming: Option<Vec<Mark>> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let mut marks = upcoming
            .take()
            .unwrap_or_else(|| memo.marks_in(text, *paragraph));
        if std::mem::take(&mut closed_after_citation)
            && let Some(citation_close) = marks.iter().position(|mark| mark.family == Family::Double)
        {
            // The closing mark after a citation line belongs to the quotation before it.
            marks.remove(citation_close);
        }
        let mut marks = marks.iter().peekable();
        if continuing {
            // The reopening mark of a continued quotation belongs to the quotation already open.
            marks.next_if(|mark| {
                mark.family == Family::Double && mark.span.start == paragraph.start
            });
        }
        for mark in marks {
            let top_matches = stack.last().is_some_and(|open| open.family == mark.family);
            // A double mark that can only open, after the end of a sentence inside an open
            // double quotation, reopens that quotation: a quote over several paragraphs whose
            // line breaks were lost ('she said. "The trouble is… have got. "As a result…"').
            if mark.family == Family::Double
                && mark.can_open
                && !mark.can_close
                && top_matches
                && follows_sentence_end(text, paragraph.start, mark.span.start)
            {
                continue;
            }
            let closes = if mark.can_open && mark.can_close {
                top_matches
            } else {
                mark.can_close
            };
            if closes {
                // Only the innermost few entries are searched, so a flood of marks stays linear.
                let found = stack
                    .iter()
                    .rev()
                    .take(MAX_DEPTH)
                    .position(|open| open.family == mark.family)
                    .map(|from_top| stack.len() - 1 - from_top);
                if let Some(position) = found {
                    let open = stack[position];
                    stack.truncate(position);
                    if stack.is_empty() {
                        quotes.push(MarkedQuote {
                            span: Span::new(open.mark.start, mark.span.end),
                            open_mark: open.mark,
                            close_mark: Some(mark.span),
                        });
                    }
                    continue;
                }
                if !mark.can_open {
                    if mark.family == Family::Double && stack.is_empty() {
                        diagnostics.push(Diagnostic::new(
                            Code::UnbalancedQuote,
                            mark.span,
                            "Closing quotation mark with no opening mark",
                        ));
                    }
                    continue;
                }
            }
            if mark.can_open && stack.len() < MAX_DEPTH {
                stack.push(Open {
                    mark: mark.span,
                    family: mark.family,
                });
            }
        }

        // Single marks left open were apostrophes; a double one may continue in the next paragraph.
        let outer_double = stack
            .iter()
            .find(|open| open.family == Family::Double)
            .copied();
        stack.clear();
        continuing = false;
        let Some(open) = outer_double else {
            continue;
        };
        let next_reopens = paragraphs.get(index + 1).is_some_and(|next| {
            next.slice(text).starts_with(['“', '"', '„', '«']) || next.slice(text).starts_with("''")
        });
        if next_reopens {
            stack.push(open);
            continuing = true;
            continue;
        }
        upcoming = paragraphs
            .get(index + 1)
            .map(|next| memo.marks_in(text, *next));
        if upcoming.as_deref().is_some_and(first_double_only_closes) {
            // A block quotation and its citation on the next line, closed after the citation
            // ('"We are going to… stimulus.' / 'Josh Bivens, Economic Policy Institute."'):
            // the next paragraph closes the quotation before opening any. That closing mark
            // is the quotation's, and so nothing is unbalanced; the quotation itself, what was
            // said, is its own paragraph, and the line it closes after is no part of it: most
            // often the speaker's name, which attribution then finds beside the quotation.
            quotes.push(MarkedQuote {
                span: Span::new(open.mark.start, paragraph.end.max(open.mark.end)),
                open_mark: open.mark,
                close_mark: None,
            });
            closed_after_citation = true;
        } else {
            diagnostics.push(Diagnostic::new(
                Code::UnbalancedQuote,
                open.mark,
                "Quotation mark that is never closed",
            ));
            quotes.push(MarkedQuote {
                span: Span::new(open.mark.start, paragraph.end.max(open.mark.end)),
                open_mark: open.mark,
                close_mark: None,
            });
        }
    }
    quotes.sort_by_key(|quote| quote.span);
    (quotes, diagnostics)
}

/// Whether the first double mark of a paragraph's `marks` closes a quotation: it can only close, or it
/// is the paragraph's one double mark, spaced on both sides ('Institute. "'), which has
/// nothing in its own paragraph to pair with.
fn first_double_only_closes(marks: &[Mark]) -> bool {
    let mut doubles = marks.iter().filter(|mark| mark.family == Family::Double);
    match (doubles.next(), doubles.next()) {
        (Some(first), None) => first.can_close,
        (Some(first), Some(_)) => first.can_close && !first.can_open,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pair` with nothing reused or kept.
    fn pair_alone(text: &str, paragraphs: &[Span]) -> (Vec<MarkedQuote>, Vec<Diagnostic>) {
        let memo = MarksMemo {
            memo: &Memo::default(),
            kept: &mut Kept::new(false),
        };
        pair(text, paragraphs, memo)
    }

    /// The text of each top-level quote of a one-paragraph-per-blank-line text.
    fn quotes(text: &str) -> Vec<&str> {
        let document = crate::document::parse(text);
        let paragraphs: Vec<Span> = document.paragraphs.iter().map(|p| p.span).collect();
        pair_alone(text, &paragraphs)
            .0
            .iter()
            .map(|quote| quote.span.slice(text))
            .collect()
    }

    fn unbalanced(text: &str) -> Vec<&str> {
        let document = crate::document::parse(text);
        let paragraphs: Vec<Span> = document.paragraphs.iter().map(|p| p.span).collect();
        pair_alone(text, &paragraphs)
            .1
            .iter()
            .map(|diagnostic| diagnostic.span.slice(text))
            .collect()
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quotes("He said \"we win,\" and “we go.” Done."),
            vec!["\"we win,\"", "“we go.”"]
        );
    }

    #[test]
    fn mixed_marks_pair_by_family() {
        assert_eq!(
            quotes(
                "“That is my hope and expectation. We’re working on it,\" said the US President."
            ),
            vec!["“That is my hope and expectation. We’re working on it,\""]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quotes(
                "Moscow’s ‘large-scale cyberattack’ in the ’90s, rock ’n’ roll and rock 'n' roll, the leaders' meeting."
            ),
            vec!["‘large-scale cyberattack’"]
        );
    }

    #[test]
    fn single_quotes_in_headlines() {
        assert_eq!(
            quotes("'We will see': Joe Biden acknowledges it"),
            vec!["'We will see'"]
        );
        assert_eq!(
            quotes("Meeting between Biden-Putin 'unlikely', says Antony Blinken"),
            vec!["'unlikely'"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        assert_eq!(
            quotes("He said, \"They call it 'fake news' and ‘lies’ now.\" Then left."),
            vec!["\"They call it 'fake news' and ‘lies’ now.\""]
        );
        assert_eq!(
            quotes("he said, ''the country is on the 'wrong track.'.'' Then"),
            vec!["''the country is on the 'wrong track.'.''"]
        );
    }

    #[test]
    fn quotes_continue_over_paragraphs() {
        let text = "She said: \"First part.\n\n\"Second part.\n\n\"Last part.\" Then she left.";
        assert_eq!(
            quotes(text),
            vec!["\"First part.\n\n\"Second part.\n\n\"Last part.\""]
        );
        assert!(unbalanced(text).is_empty());
    }

    #[test]
    fn a_quote_reopened_after_a_lost_paragraph_break_continues() {
        let text = "\"Children have hobbies,\" she said. \"The trouble is computers. \"As a result, \
                    there is less ballet.\" Then she left.";
        assert_eq!(
            quotes(text),
            vec![
                "\"Children have hobbies,\"",
                "\"The trouble is computers. \"As a result, there is less ballet.\""
            ]
        );
        assert!(unbalanced(text).is_empty());
        // The same with curly marks.
        let curly = "She said. “The trouble is computers. “As a result, less ballet.” Then.";
        assert_eq!(
            quotes(curly),
            vec!["“The trouble is computers. “As a result, less ballet.”"]
        );
        // Not after a sentence's end: a nested quotation, as before.
        assert_eq!(
            quotes("He said, \"They call it \"fake\" now.\" Then."),
            vec!["\"They call it \"fake\" now.\""]
        );
    }

    #[test]
    fn unclosed_quote_is_reported_and_the_rest_still_pairs() {
        let text = "He said, \"we will win.\n\nLater, she said \"no.\"";
        assert_eq!(quotes(text), vec!["\"we will win.", "\"no.\""]);
        assert_eq!(unbalanced(text), vec!["\""]);
        assert_eq!(unbalanced("It was over.” Then"), vec!["”"]);
    }

    #[test]
    fn marks_in_markup_and_beside_direction_marks() {
        // Attribute quotes of an embedded tag are not quotation marks.
        let tweet = "Sanders wrote:\n\n<tweet pic=\"\" author=\"BernieSanders\">Act now.</tweet>.";
        assert!(quotes(tweet).is_empty());
        assert!(unbalanced(tweet).is_empty());
        assert_eq!(quotes("<p>\"Yes,\" he said.</p>"), vec!["\"Yes,\""]);
        // "a < b" is no tag: the marks after it still pair.
        assert_eq!(quotes("If a < b, \"yes\" he said."), vec!["\"yes\""]);
        // A closing-shaped mark after an invisible direction mark opens, as at a line start.
        let comment = "\u{202A}”Sorry Sarah, you should have said it!!” posted Sharon.";
        assert_eq!(quotes(comment), vec!["”Sorry Sarah, you should have said it!!”"]);
        assert!(unbalanced(comment).is_empty());
    }

    #[test]
    fn a_block_quotation_closed_after_its_citation_line() {
        let text = "Economists disagree.\n\n\"We are going to need stimulus.\n\nJosh Bivens, EPI.\"\n\nThen.";
        assert_eq!(
            quotes(text),
            vec!["\"We are going to need stimulus."]
        );
        assert!(unbalanced(text).is_empty());
        let spaced = "\"We need stimulus.\n\nJosh Bivens, EPI. \"\n\nThen.";
        assert_eq!(quotes(spaced), vec!["\"We need stimulus."]);
        assert!(unbalanced(spaced).is_empty());
        // A paragraph whose first mark opens a new quotation does not continue the open one.
        assert_eq!(
            unbalanced("He said, \"we will win.\n\nLater, she said \"no.\""),
            vec!["\""]
        );
    }

    #[test]
    fn floods_of_marks_stay_bounded() {
        let flood = "\"".repeat(100_000);
        let found = quotes(&flood);
        assert!(found.len() <= 50_000);
        let nested = "“‘".repeat(50_000);
        let found = quotes(&nested);
        assert!(found.len() <= 1);
    }
}
