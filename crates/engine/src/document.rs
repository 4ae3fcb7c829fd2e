//! The article model: header, front matter, headline, paragraphs, sentences and boilerplate.
//!
//! Everything later analyses need to know about the shape of a text, found without any
//! knowledge of dates, entities or quotes. It never fails: any text has a (possibly empty) shape.

use std::sync::LazyLock;

use super::diagnostic::Diagnostic;
use super::lexicon::{ABBREVIATIONS, BOILERPLATE, PROMOTIONS};
use super::memo::{Kept, Memo};
use super::regexes::TwinRegex;
use super::rules::Code;
use super::span::Span;

/// What a block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// YAML front matter of a Markdown file (`---` … `---`).
    FrontMatter,
    /// A `date: …` header line of a corpus file.
    Header,
    /// "Updated …", "Published …", "By …" lines: about the article, not of it.
    Metadata,
    /// The article's title.
    Headline,
    /// A section heading inside the article (a short line with no final period, or a Markdown heading).
    Heading,
    /// Running text.
    Body,
    /// Web-page furniture scraped with the article.
    Boilerplate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
    /// Indices into `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub front_matter: Option<Span>,
    /// The leading `date …` header (a line, or the prefix of the first line).
    pub header: Option<Span>,
    pub headline: Option<Span>,
    pub paragraphs: Vec<Paragraph>,
    /// Every sentence of every non-boilerplate paragraph, in text order.
    pub sentences: Vec<Span>,
    /// Boilerplate lines and phrases, in text order and disjoint.
    pub boilerplate: Vec<Span>,
}

impl Document {
    pub fn sentence_index_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .sentences
            .partition_point(|sentence| sentence.end <= offset);
        self.sentences
            .get(index)
            .filter(|sentence| sentence.start <= offset)
            .map(|_| index)
    }

    pub fn sentence_at(&self, offset: usize) -> Option<Span> {
        self.sentence_index_at(offset)
            .map(|index| self.sentences[index])
    }

    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let index = self
            .paragraphs
            .partition_point(|paragraph| paragraph.span.end <= offset);
        self.paragraphs
            .get(index)
            .filter(|paragraph| paragraph.span.start <= offset)
    }

    pub fn is_boilerplate(&self, span: Span) -> bool {
        // The spans are disjoint and in order: only the last one starting before `span` ends
        // can overlap it (a scan of every span made long articles quadratic).
        let before_end = self
            .boilerplate
            .partition_point(|boilerplate| boilerplate.start < span.end);
        before_end
            .checked_sub(1)
            .is_some_and(|index| self.boilerplate[index].overlaps(span))
    }

    /// Paragraphs whose text is the article's own prose (headline, headings and body).
    pub fn prose_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|paragraph| {
            matches!(
                paragraph.kind,
                BlockKind::Headline | BlockKind::Heading | BlockKind::Body
            )
        })
    }
}

// Tried on one line each, so compiled without a prefilter (`TwinRegex::lines`).
static HEADER_DATE: LazyLock<TwinRegex> = LazyLock::new(|| {
    TwinRegex::lines(&[r"(?i)^[ \t]*date(?:[ \t]*:[ \t]*|[ \t]+)(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ][0-9:.+\-Z]+)?|unknown|n/?a|none)\b"])
});

static METADATA_LINE: LazyLock<TwinRegex> = LazyLock::new(|| {
    TwinRegex::lines(&[r"(?i)^(?:(?:last |first )?(?:updated|published|posted|modified)(?: on)?\s*:?\s+\S.*\d|by\s*:?\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}\s*(?:[|,].*)?$|reported by\s*:.*|[A-Z]{2,}\s*\|\s*$)"])
});

const BOM: char = '\u{feff}';
const HEADLINE_MAX_BYTES: usize = 300;
const HEADING_MAX_BYTES: usize = 120;
/// Above this many lines, a text's lines are tried with the boilerplate patterns as one set.
const LINES_FOR_ONE_SET: usize = 200;

/// One line of the text, without its terminator (`\n` or `\r\n`).
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            let end = if index > start && text.as_bytes()[index - 1] == b'\r' {
                index - 1
            } else {
                index
            };
            out.push(Line {
                span: Span::new(start, end),
            });
            start = index + 1;
        }
    }
    if start < text.len() {
        out.push(Line {
            span: Span::new(start, text.len()),
        });
    }
    out
}

fn is_blank(text: &str, span: Span) -> bool {
    span.slice(text)
        .chars()
        .all(|c| c.is_whitespace() || c == BOM)
}

/// Parses the shape of an article.
#[cfg(any(test, feature = "internals"))]
pub fn parse(text: &str) -> Document {
    parse_reusing(text, &Memo::default(), &mut Kept::new(false))
}

/// `parse`, with each block's reading the last analysis's (`memo`) when its text is the same;
/// what it read or reused is recorded in `kept`.
pub(crate) fn parse_reusing(
    text: &str,
    memo: &Memo<BlockShape>,
    kept: &mut Kept<BlockShape>,
) -> Document {
    let all_lines = lines(text);
    let mut document = Document::default();
    let mut first_line = 0;

    // YAML front matter: "---" on the first line, closed by "---" or "...".
    if let Some(first) = all_lines.first()
        && first.span.slice(text).trim_start_matches(BOM).trim_end() == "---"
        && let Some(close) = all_lines
            .iter()
            .skip(1)
            .position(|line| matches!(line.span.slice(text).trim_end(), "---" | "..."))
    {
        let close = close + 1;
        document.front_matter = Some(Span::new(0, all_lines[close].span.end));
        first_line = close + 1;
    }

    // Body lines, with the header prefix cut off the first non-blank line.
    let mut body_lines: Vec<Line> = Vec::with_capacity(all_lines.len());
    let mut header_seen = document.front_matter.is_some();
    for line in &all_lines[first_line..] {
        let mut line = *line;
        if !header_seen && !is_blank(text, line.span) {
            header_seen = true;
            let slice = line.span.slice(text).trim_start_matches(BOM);
            let offset = line.span.len() - slice.len();
            if let Some(found) = HEADER_DATE.find(slice) {
                let header = Span::new(
                    line.span.start + offset,
                    line.span.start + offset + found.end,
                );
                document.header = Some(header.trim(text));
                line.span = Span::new(header.end, line.span.end);
            }
        }
        body_lines.push(line);
    }

    // Kept for the next analysis, most blocks are reused and the few read again are cheaper
    // to check line by line than the whole text is to search: the checks are all left open.
    let checks = if kept.keeps() {
        LineChecks::open(body_lines.len())
    } else {
        LineChecks::for_text(text, body_lines.len())
    };
    for block in group_paragraphs(text, &body_lines) {
        if !kept.keeps() {
            // Nothing is kept for a next analysis: the block is read straight into the document.
            add_paragraph(text, &mut document, &block, &checks);
            continue;
        }
        let (Some(first), Some(last)) = (block.first(), block.last()) else {
            continue;
        };
        let start = first.span.start;
        let block_text = &text[start..last.span.end];
        let shape = memo.get_or(kept, block_text, 0, || {
            BlockShape::read(text, &block, &checks, start)
        });
        shape.value.add_to(&mut document, start);
    }
    choose_headline(text, &mut document);
    document.boilerplate = disjoint_in_order(std::mem::take(&mut document.boilerplate));
    document
}

/// Sorts spans and merges the overlapping ones, so that a lookup needs to look at one neighbour.
fn disjoint_in_order(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Which boilerplate checks the lines of a text need. The promotion and phrase patterns have no
/// anchors, so a match in a line is a match in the whole text: a pattern the text never matches
/// is not tried on its lines. One pass over the text costs far less than a search per line,
/// which is mostly the search's set-up (most texts hold no promotion and no boilerplate phrase).
struct LineChecks {
    /// On a long text the whole-line patterns are tried as one set, compiled once: faster over
    /// many lines than testing each line for the patterns it may match (`LineSet`).
    many_lines: bool,
    promotions: bool,
    /// For each of `BOILERPLATE.phrases`, whether the text holds it.
    phrases: Vec<bool>,
}

impl LineChecks {
    /// Every check tried on every line: the same findings, without searching the whole text.
    fn open(line_count: usize) -> LineChecks {
        LineChecks {
            many_lines: line_count > LINES_FOR_ONE_SET,
            promotions: true,
            phrases: vec![true; BOILERPLATE.phrases.len()],
        }
    }

    fn for_text(text: &str, line_count: usize) -> LineChecks {
        LineChecks {
            many_lines: line_count > LINES_FOR_ONE_SET,
            promotions: PROMOTIONS.platforms.is_match(text),
            phrases: BOILERPLATE
                .phrases
                .iter()
                .map(|phrase| phrase.is_match(text))
                .collect(),
        }
    }
}

/// What one block of lines adds to the document, with offsets from the block's start. It
/// depends on the block's text alone (the checks of `LineChecks` change how fast a line is
/// found boilerplate, never whether), so it is kept for the next analysis (see `Reuse`).
#[derive(Debug, Default)]
pub struct BlockShape {
    /// The paragraph's span and kind; none for a block of blank lines.
    paragraph: Option<(Span, BlockKind)>,
    sentences: Vec<Span>,
    boilerplate: Vec<Span>,
}

impl BlockShape {
    fn read(text: &str, lines: &[Line], checks: &LineChecks, start: usize) -> BlockShape {
        let mut scratch = Document::default();
        add_paragraph(text, &mut scratch, lines, checks);
        let relative = |span: Span| Span::new(span.start - start, span.end - start);
        BlockShape {
            paragraph: scratch
                .paragraphs
                .pop()
                .map(|paragraph| (relative(paragraph.span), paragraph.kind)),
            sentences: scratch.sentences.into_iter().map(relative).collect(),
            boilerplate: scratch.boilerplate.into_iter().map(relative).collect(),
        }
    }

    fn add_to(&self, document: &mut Document, start: usize) {
        let absolute = |span: &Span| Span::new(span.start + start, span.end + start);
        document
            .boilerplate
            .extend(self.boilerplate.iter().map(absolute));
        let first_sentence = document.sentences.len();
        document.sentences.extend(self.sentences.iter().map(absolute));
        if let Some((span, kind)) = &self.paragraph {
            document.paragraphs.push(Paragraph {
                span: absolute(span),
                kind: *kind,
                sentences: first_sentence..document.sentences.len(),
            });
        }
    }
}

/// Groups lines into paragraphs: blank lines separate them, and so does an indented line after
/// a line of text (the wire style of Reuters, where paragraphs start with four spaces).
fn group_paragraphs(text: &str, lines: &[Line]) -> Vec<Vec<Line>> {
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    for line in lines {
        let slice = line.span.slice(text);
        if is_blank(text, line.span) {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            continue;
        }
        let indented = slice.starts_with("  ") || slice.starts_with('\t');
        let markdown_heading = slice.trim_start().starts_with('#');
        if !current.is_empty() && (indented || markdown_heading) {
            blocks.push(std::mem::take(&mut current));
        }
        current.push(*line);
        if markdown_heading {
            blocks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

fn add_paragraph(text: &str, document: &mut Document, lines: &[Line], checks: &LineChecks) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    let span = Span::new(first.span.start, last.span.end).trim(text);
    if span.is_empty() {
        return;
    }

    // In a paragraph of several lines, a line is boilerplate only when they all are: wire text
    // wraps sentences over lines, and "subscribe to ordinary shares." is a line of a sentence.
    let line_is_boilerplate: Vec<bool> = lines
        .iter()
        .map(|line| {
            let line = line.span.trim(text).slice(text);
            BOILERPLATE.lines.is_match(line, checks.many_lines)
                || (checks.promotions && PROMOTIONS.is_promotion(line))
        })
        .collect();
    let all_boilerplate = line_is_boilerplate.iter().all(|&is| is);
    let boilerplate_lines = if all_boilerplate { lines.len() } else { 0 };
    for (line, &is_boilerplate) in lines.iter().zip(&line_is_boilerplate) {
        let trimmed = line.span.trim(text);
        let slice = trimmed.slice(text);
        if is_boilerplate && all_boilerplate {
            document.boilerplate.push(trimmed);
            continue;
        }
        let phrases = BOILERPLATE.phrases.iter().zip(&checks.phrases);
        for (phrase, _) in phrases.filter(|(_, in_text)| **in_text) {
            for found in phrase.find_iter(slice) {
                document.boilerplate.push(Span::new(
                    trimmed.start + found.start,
                    trimmed.start + found.end,
                ));
            }
        }
    }

    let slice = span.slice(text);
    let kind = if boilerplate_lines == lines.len() {
        BlockKind::Boilerplate
    } else if lines.len() == 1 && METADATA_LINE.is_match(slice) {
        BlockKind::Metadata
    } else if slice.starts_with('#') || looks_like_heading(slice, lines.len()) {
        BlockKind::Heading
    } else {
        BlockKind::Body
    };

    let first_sentence = document.sentences.len();
    if kind != BlockKind::Boilerplate {
        split_sentences(text, span, &mut document.sentences);
    }
    document.paragraphs.push(Paragraph {
        span,
        kind,
        sentences: first_sentence..document.sentences.len(),
    });
}

/// A short single line with no sentence-final punctuation reads as a title or section heading.
fn looks_like_heading(slice: &str, line_count: usize) -> bool {
    line_count == 1
        && slice.len() <= HEADLINE_MAX_BYTES
        && !slice.ends_with(['.', ',', ';', ':', '"', '”', '!', '?', '|'])
        && slice.split_whitespace().count() >= 2
        && slice.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// The headline is the first heading-like paragraph before any body text; later ones are section headings.
fn choose_headline(text: &str, document: &mut Document) {
    for paragraph in &mut document.paragraphs {
        match paragraph.kind {
            BlockKind::Heading => {
                let slice = paragraph.span.slice(text);
                let markdown_level_one = slice.starts_with("# ");
                if markdown_level_one || !slice.starts_with('#') {
                    paragraph.kind = BlockKind::Headline;
                    document.headline = Some(paragraph.span);
                }
                return;
            }
            BlockKind::Body => {
                // Wire and corpus files put an ALL-CAPS or short title line before the body;
                // a body paragraph first means there is no headline.
                return;
            }
            _ => {}
        }
    }
    // Headings longer than `HEADING_MAX_BYTES` inside the body are demoted to body text.
    for paragraph in &mut document.paragraphs {
        if paragraph.kind == BlockKind::Heading && paragraph.span.len() > HEADING_MAX_BYTES {
            paragraph.kind = BlockKind::Body;
        }
    }
}

/// Splits the text of `span` into sentences, appending them to `out`.
fn split_sentences(text: &str, span: Span, out: &mut Vec<Span>) {
    let slice = span.slice(text);
    let mut sentence_start = 0;
    let mut chars = slice.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they end.
        let mut end = index + c.len_utf8();
        while let Some(&(next_index, next)) = chars.peek() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?') {
                end = next_index + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        // A sentence ends only before white space followed by something that can start one.
        let rest = &slice[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue;
        }
        let next_char = after_space.chars().next().unwrap_or(' ');
        let starts_sentence = next_char.is_uppercase()
            || next_char.is_ascii_digit()
            || matches!(next_char, '"' | '“' | '‘' | '\'' | '(' | '[');
        if !starts_sentence {
            continue;
        }
        if c == '.' && is_abbreviation(&slice[..index]) {
            continue;
        }
        push_sentence(text, span.start + sentence_start, span.start + end, out);
        sentence_start = end;
    }
    push_sentence(text, span.start + sentence_start, span.end, out);
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let sentence = Span::new(start, end).trim(text);
    if !sentence.is_empty() {
        out.push(sentence);
    }
}

/// Whether the word before a period is an abbreviation or an initial ("Mr", "U.S", "J").
fn is_abbreviation(before_period: &str) -> bool {
    let word_start = before_period
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\''))
        .map_or(0, |(index, c)| index + c.len_utf8());
    let word = &before_period[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(first), None) if first.is_uppercase());
    single_initial
        || ABBREVIATIONS.contains(word)
        // Dotted abbreviations such as "U.S.A" or "a.m" not listed individually.
        || (word.contains('.') && word.split('.').all(|part| part.chars().count() == 1))
}

/// One `boilerplate` hint per boilerplate line or phrase.
pub fn boilerplate_diagnostics(text: &str, document: &Document) -> Vec<Diagnostic> {
    document
        .boilerplate
        .iter()
        .map(|span| {
            Diagnostic::new(
                Code::Boilerplate,
                *span,
                format!(
                    "Web-page boilerplate, not part of the article: \"{}\"",
                    crate::summary::summarize(span.slice(text))
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        parse(text)
            .sentences
            .iter()
            .map(|span| span.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith went to the U.S. Senate on Dec. 4. He spoke. J. Doe left."),
            vec![
                "Mr. Smith went to the U.S. Senate on Dec. 4.",
                "He spoke.",
                "J. Doe left."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("\"We will see.\" Biden said. Then he left!"),
            vec!["\"We will see.\"", "Biden said.", "Then he left!"]
        );
    }

    #[test]
    fn header_headline_and_wire_paragraphs() {
        let text = "date: 1987-02-26\n\nSTANDARD OIL TO FORM UNIT\n\nCLEVELAND, Feb 26 - Standard Oil said\nit will act.\n    BP is a unit.\n";
        let document = parse(text);
        assert_eq!(
            document.header.map(|span| span.slice(text)),
            Some("date: 1987-02-26")
        );
        assert_eq!(
            document.headline.map(|span| span.slice(text)),
            Some("STANDARD OIL TO FORM UNIT")
        );
        let kinds: Vec<_> = document.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Headline, BlockKind::Body, BlockKind::Body]
        );
    }

    #[test]
    fn inline_date_prefix_is_a_header() {
        let text = " date 2021-10-07 White House press secretary Jen Psaki said so.";
        let document = parse(text);
        assert_eq!(
            document.header.map(|span| span.slice(text)),
            Some("date 2021-10-07")
        );
        assert_eq!(
            sentences(text),
            vec!["White House press secretary Jen Psaki said so."]
        );
        assert_eq!(document.headline, None);
    }

    #[test]
    fn boilerplate_lines_and_phrases() {
        let text = "Advertisement\n\nReal text here. \"Exciting news!\" Click here!\n\nRegister for FREE\nto continue reading !\n";
        let document = parse(text);
        let found: Vec<&str> = document
            .boilerplate
            .iter()
            .map(|span| span.slice(text))
            .collect();
        assert_eq!(
            found,
            vec![
                "Advertisement",
                "Click here!",
                "Register for FREE",
                "to continue reading !"
            ]
        );
        assert_eq!(document.paragraphs[2].kind, BlockKind::Boilerplate);
    }

    #[test]
    fn front_matter_and_crlf() {
        let text =
            "---\r\ntitle: X\r\ndate: 2021-01-02\r\n---\r\n# The Title\r\n\r\nBody text. More.\r\n";
        let document = parse(text);
        assert!(
            document
                .front_matter
                .is_some_and(|span| span.slice(text).ends_with("---"))
        );
        assert_eq!(
            document.headline.map(|span| span.slice(text)),
            Some("# The Title")
        );
        assert_eq!(sentences(text), vec!["# The Title", "Body text.", "More."]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\u{feff}",
            "\n\n\r\n",
            "...",
            "\u{feff}date: 2021-01-01",
            "a.\u{2026} B",
            "—\r",
        ] {
            let document = parse(text);
            for sentence in &document.sentences {
                assert!(text.get(sentence.range()).is_some());
            }
        }
    }
}
