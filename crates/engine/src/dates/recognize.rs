//! Recognition: every pattern of the grammar over the article's prose (tried only where one
//! of its matches can begin, `starts.rs`), then the longest
//! non-overlapping expressions, then normalization in text order.
//!
//! It decides which spans are temporal expressions; what they mean is `normalize`'s job.
//! Boilerplate, the date header and metadata lines are never searched.

use super::calendar::Granule;
use super::context::{self, Tense, TenseCue};
use super::grammar::{Captures, GRAMMAR, Kind, Pattern, group};
use super::normalize::{Anchors, Normalized, normalize};
use super::plausible::{plausible, without_sentence_period};
use super::starts::Candidates;
use crate::document::Document;
use crate::memo::{Kept, Memo};
use crate::regexes::Haystack;
use crate::span::{DisjointSpans, Span};

struct Candidate<'t> {
    span: Span,
    kind: Kind,
    captures: Captures<'t>,
    /// The value found while choosing among overlapping candidates, kept for the kinds whose
    /// value depends on nothing but their own words.
    context_free: Option<Normalized>,
}

/// A match of one pattern, before overlapping matches are settled. Its capture groups are
/// read only if it is still needed then: running the capture engine on every match of every
/// pattern cost more than finding them.
struct Found<'t> {
    span: Span,
    kind: Kind,
    /// Index of the pattern in `patterns.txt`; earlier patterns win ties.
    pattern: usize,
    /// The paragraph searched, and where the pattern's whole match starts in it, to read its
    /// groups from. Group offsets are relative to the paragraph; only their text is read.
    paragraph_text: Haystack<'t>,
    match_start: usize,
}

/// A match of one pattern in a paragraph: where the whole match starts, and the expression's
/// span (the match, or its group `x`), relative to the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphMatch {
    pattern: u32,
    match_start: u32,
    expression: std::ops::Range<u32>,
}

/// Every match of every pattern in one paragraph; they depend on its text alone.
pub type ParagraphMatches = Vec<ParagraphMatch>;

/// Each pattern tried where one of its matches can begin (`starts.rs`), in text order, as a
/// search through the whole paragraph would find them: from each match's end on, the next
/// match is the one at the first place where the pattern matches. The expression's own group
/// `x` is read at once; the other groups only if the match is still needed later.
fn paragraph_matches(paragraph_text: &str) -> ParagraphMatches {
    paragraph_matches_from(paragraph_text, GRAMMAR.triggers.candidates(paragraph_text))
}

/// `paragraph_matches` with the candidate beginnings of each pattern; `None`: search the whole
/// paragraph with every pattern (the slow way, which the tests compare against).
fn paragraph_matches_from(
    paragraph_text: &str,
    candidates: Option<Candidates>,
) -> ParagraphMatches {
    let mut matches = Vec::new();
    let haystack = Haystack::new(paragraph_text);
    for (index, pattern) in GRAMMAR.patterns.iter().enumerate() {
        let mut push = |whole: std::ops::Range<usize>| {
            let expression = if pattern.has_inner_span {
                let Some(captures) = pattern.captures_at(haystack, whole.start) else {
                    return;
                };
                captures.name("x").map_or(whole.clone(), |inner| inner.range())
            } else {
                whole.clone()
            };
            // Offsets fit 32 bits: the analysis limit keeps texts far below 4 GB.
            matches.push(ParagraphMatch {
                pattern: index as u32,
                match_start: whole.start as u32,
                expression: expression.start as u32..expression.end as u32,
            });
        };
        match &candidates {
            Some(candidates) => {
                let mut next = 0;
                for &start in candidates.of(index) {
                    let start = start as usize;
                    if start < next {
                        continue;
                    }
                    if let Some(whole) = pattern.match_at(haystack, start) {
                        next = whole.end;
                        push(whole);
                    }
                }
            }
            None => pattern.find_all(haystack).into_iter().for_each(&mut push),
        }
    }
    matches
}

/// Finds and normalizes the temporal expressions of the article's prose, in text order.
pub fn recognize(
    text: &str,
    document: &Document,
    publication_day: Option<i64>,
    publication_month_day: Option<(i32, i32)>,
    publication_spans: &[Span],
    memo: &Memo<ParagraphMatches>,
    kept: &mut Kept<ParagraphMatches>,
) -> Vec<(Span, Normalized)> {
    // Paragraph by paragraph: a paragraph's matches depend on its text alone. Paragraphs are
    // trimmed of the whitespace around them, so a word
    // boundary at a paragraph's edge is the same inside the paragraph as in the whole text,
    // and a paragraph's matches can be reused while its text is unchanged.
    let mut candidates = Vec::new();
    for paragraph in document.prose_paragraphs() {
        let paragraph_text = paragraph.span.slice(text);
        let matches = memo.get_or(kept, paragraph_text, 0, || {
            paragraph_matches(paragraph_text)
        });
        if matches.value.is_empty() {
            continue;
        }
        // Whether it is ASCII is read only for a paragraph with matches: most have none.
        let haystack = Haystack::new(paragraph_text);
        for found in &matches.value {
            let Some(Pattern { kind, .. }) = GRAMMAR.patterns.get(found.pattern as usize) else {
                continue;
            };
            let inner = Span::new(
                paragraph.span.start + found.expression.start as usize,
                paragraph.span.start + found.expression.end as usize,
            );
            let span = without_sentence_period(text, inner);
            if span.is_empty()
                || document.is_boilerplate(span)
                || document.header.is_some_and(|header| header.overlaps(span))
                // The dateline's date is the publication date, not a date of the story.
                || publication_spans.iter().any(|dct| dct.overlaps(span))
                || !plausible(text, span, *kind)
            {
                continue;
            }
            candidates.push(Found {
                span,
                kind: *kind,
                pattern: found.pattern as usize,
                paragraph_text: haystack,
                match_start: found.match_start as usize,
            });
        }
    }

    // Longest first, then the earlier pattern; a candidate that normalization rejects
    // ("may" the verb) leaves room for a shorter one.
    candidates.sort_by_key(|candidate| {
        (
            std::cmp::Reverse(candidate.span.len()),
            candidate.pattern,
            candidate.span.start,
        )
    });
    let tentative = Anchors {
        publication_day,
        publication_month_day,
        tense: TenseCue {
            tense: Tense::Unknown,
            word: None,
            strong: false,
        },
        named_days: &[],
        previous_in_sentence: None,
        previous_in_article: None,
        reporting_period: None,
        reporting_period_in_sentence: false,
        months_stretch_in_sentence: false,
        day_first: None,
        year_in_phrase: None,
    };
    let mut accepted: Vec<Candidate> = Vec::new();
    // Scanning every accepted date for an overlap was quadratic in long texts.
    let mut taken = DisjointSpans::default();
    for found in candidates {
        if taken.overlaps(found.span) {
            continue;
        }
        let Some(captures) = GRAMMAR
            .patterns
            .get(found.pattern)
            .and_then(|pattern| pattern.captures_at(found.paragraph_text, found.match_start))
        else {
            continue;
        };
        let candidate = Candidate {
            span: found.span,
            kind: found.kind,
            captures,
            context_free: None,
        };
        if let Some(normalized) = normalize(candidate.kind, &candidate.captures, &tentative) {
            // "The next morning" counts from the day the narrative is at, which only the
            // article's other dates tell (its group is looked up for parts of a day only).
            let context_free = matches!(
                candidate.kind,
                Kind::Iso
                    | Kind::Year
                    | Kind::Decade
                    | Kind::Duration
                    | Kind::Set
                    | Kind::Reference
            ) || (candidate.kind == Kind::PartOfDay
                && group(&candidate.captures, "narrative").is_none());
            taken.insert(candidate.span);
            accepted.push(Candidate {
                context_free: context_free.then_some(normalized),
                ..candidate
            });
        }
    }
    accepted.sort_by_key(|candidate| candidate.span.start);

    // Each candidate's clause tense, read once: the named days and the values below both
    // need it.
    let tenses: Vec<TenseCue> = accepted
        .iter()
        .map(|candidate| {
            let sentence = document
                .sentence_at(candidate.span.start)
                .unwrap_or(candidate.span);
            tense_if_needed(text, sentence, candidate)
        })
        .collect();
    let day_first = day_first_convention(&accepted);
    let with_convention = Anchors {
        day_first,
        ..tentative
    };
    // Days the article names as calendar dates, for weekdays that refer to them.
    let named_days: Vec<i64> = accepted
        .iter()
        .zip(&tenses)
        .filter(|(candidate, _)| matches!(candidate.kind, Kind::Date | Kind::Iso | Kind::Numeric))
        .filter_map(|(candidate, tense)| {
            let anchors = Anchors {
                tense: *tense,
                ..with_convention
            };
            match normalize(candidate.kind, &candidate.captures, &anchors)?.granule? {
                Granule::Day { year, month, day } => {
                    Some(super::calendar::day_number(year, month, day))
                }
                _ => None,
            }
        })
        .collect();

    let mut out: Vec<(Span, Normalized)> = Vec::with_capacity(accepted.len());
    let mut previous: Option<(Span, Granule)> = None;
    let mut reporting_period: Option<(Span, Granule)> = None;
    let mut months_stretch: Option<Span> = None;
    for (index, candidate) in accepted.iter().enumerate() {
        let sentence = document
            .sentence_at(candidate.span.start)
            .unwrap_or(candidate.span);
        let year_in_phrase = (candidate.kind == Kind::Date)
            .then(|| accepted.get(index + 1))
            .flatten()
            .and_then(|next| year_in_phrase(text, candidate.span, next));
        let previous_in_sentence = previous
            .filter(|(span, _)| sentence.contains(span.start))
            .map(|(_, granule)| granule);
        let anchors = Anchors {
            tense: tenses[index],
            named_days: &named_days,
            previous_in_sentence,
            previous_in_article: previous.map(|(_, granule)| granule),
            reporting_period: reporting_period.map(|(_, granule)| granule),
            reporting_period_in_sentence: reporting_period
                .is_some_and(|(span, _)| sentence.contains(span.start)),
            months_stretch_in_sentence: months_stretch
                .is_some_and(|span| sentence.contains(span.start)),
            year_in_phrase,
            ..with_convention
        };
        let normalized = match &candidate.context_free {
            Some(normalized) => Some(normalized.clone()),
            None => normalize(candidate.kind, &candidate.captures, &anchors),
        };
        if let Some(normalized) = normalized {
            if candidate.kind == Kind::Duration && super::normalize::is_months_stretch(&normalized)
            {
                months_stretch = Some(candidate.span);
            }
            if let Some(granule) = normalized.granule {
                previous = Some((candidate.span, granule));
                // A report is on a past period: a quarter that has not ended by publication,
                // in a future clause ("will result in a fourth-quarter charge"), is a forecast.
                let forecast = anchors.tense.tense == Tense::Future
                    && publication_day.is_some_and(|day| granule.bounds().1 >= day);
                if candidate.kind == Kind::Part && !forecast {
                    reporting_period = Some((candidate.span, granule));
                }
            }
            out.push((candidate.span, normalized));
        }
    }
    out
}

/// Most bytes between a yearless date and the year that completes its phrase ("the 11
/// September attacks in 2001"): a few words, never another clause.
const YEAR_IN_PHRASE_BYTES: usize = 40;

/// The year of `next` when it is written just after `date` in the same phrase: "in" or "of"
/// right before it and no punctuation between ("On 11 September, the firm, founded in 1990,"
/// keeps 1990 apart).
fn year_in_phrase(text: &str, date: Span, next: &Candidate) -> Option<i32> {
    if next.kind != Kind::Year || next.span.start < date.end {
        return None;
    }
    let between = text.get(date.end..next.span.start)?;
    let last_four = between
        .len()
        .checked_sub(4)
        .and_then(|start| between.get(start..));
    let before_year = last_four.is_some_and(|last| {
        last.eq_ignore_ascii_case(" in ") || last.eq_ignore_ascii_case(" of ")
    });
    if between.len() > YEAR_IN_PHRASE_BYTES
        || between.contains([',', ';', ':', '.', '(', ')', '"', '\u{201c}', '\u{201d}'])
        || !before_year
    {
        return None;
    }
    match next.context_free.as_ref()?.granule? {
        Granule::Year { year } => Some(year),
        _ => None,
    }
}

/// The clause's tense, computed only for the kinds whose value depends on it (the rest of the
/// expressions are the large majority, and reading a sentence's words is not free).
fn tense_if_needed<'t>(text: &'t str, sentence: Span, candidate: &Candidate) -> TenseCue<'t> {
    match candidate.kind {
        Kind::Date
        | Kind::Month
        | Kind::Weekday
        | Kind::Part
        | Kind::Season
        | Kind::Time
        | Kind::Shift => context::tense_at(text, sentence, candidate.span),
        _ => TenseCue {
            tense: Tense::Unknown,
            word: None,
            strong: false,
        },
    }
}

/// Whether this article writes numeric dates day first: a numeric date whose first number
/// cannot be a month decides, else the order of its dates in words ("16 June" vs "June 16").
fn day_first_convention(accepted: &[Candidate]) -> Option<bool> {
    let mut day_first_votes = 0;
    let mut month_first_votes = 0;
    for candidate in accepted {
        match candidate.kind {
            Kind::Numeric => {
                let first: u32 = group(&candidate.captures, "first")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let second: u32 = group(&candidate.captures, "second")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                if first > 12 && second <= 12 {
                    return Some(true);
                }
                if second > 12 && first <= 12 {
                    return Some(false);
                }
            }
            Kind::Date => {
                if let (Some(day), Some(month)) = (
                    candidate.captures.name("day"),
                    candidate.captures.name("month"),
                ) {
                    if day.start() < month.start() {
                        day_first_votes += 1;
                    } else {
                        month_first_votes += 1;
                    }
                }
            }
            _ => {}
        }
    }
    match day_first_votes.cmp(&month_first_votes) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What the patterns found before beginnings guided them: each pattern's whole-paragraph
    /// search with the regex crate, and its groups read there.
    fn regex_crate_matches(text: &str) -> ParagraphMatches {
        static REGEXES: std::sync::LazyLock<Vec<regex::Regex>> = std::sync::LazyLock::new(|| {
            GRAMMAR
                .patterns
                .iter()
                .map(|pattern| regex::Regex::new(pattern.source()).expect("compiles"))
                .collect()
        });
        let mut matches = Vec::new();
        for (index, regex) in REGEXES.iter().enumerate() {
            for whole in regex.find_iter(text) {
                let captures = regex.captures_at(text, whole.start()).expect("a match");
                let expression = captures.name("x").map_or(whole.range(), |x| x.range());
                matches.push(ParagraphMatch {
                    pattern: index as u32,
                    match_start: whole.start() as u32,
                    expression: expression.start as u32..expression.end as u32,
                });
            }
        }
        matches
    }

    /// Words, numbers, punctuation and spaces the patterns are made of, and some they are not.
    const PIECES: &[&str] = &[
        "January", "jan.", "Sept", "MAY", "may", "March", "Dec", "Tuesday", "tuesday's",
        "Sunday", "the", "The", "of", "a", "an", "in", "by", "for", "at", "every", "each",
        "per", "other", "last", "next", "this", "that", "same", "early", "mid", "late",
        "earlier", "later", "ago", "from now", "year", "years", "Year", "quarter",
        "third-quarter", "half", "first", "fiscal", "period", "year-ago", "year-end",
        "year's", "week", "weekend", "month", "day", "days", "hours", "decade", "century",
        "20th", "nineties", "'80s", "1990s", "mid-1990s", "two", "twenty-five", "hundred",
        "few", "couple", "several", "about", "nearly", "morning", "tonight", "yesterday",
        "today", "now", "recently", "future", "Christmas", "New Year’s Eve", "Thanksgiving",
        "summer", "fall", "winter", "noon", "midnight", "a.m.", "p.m", "EST", "GMT", "daily",
        "annually", "nineteen", "ninety-six", "thousand", "1", "7", "12", "31", "1987",
        "2021", "21", "03/04/2021", "12.07.21", "2021-12-07", "10:43", "3pm", "1,234",
        "5th", "8th", "xjan", "ſ", "\u{212A}", "é", "said", "profit", "up", ",", ".", "-",
        "/", ":", "'", "’", "(", "\"", "“",
    ];

    const SPACES: &[&str] = &[" ", " ", " ", "", "\n", "\u{a0}", "  ", "\t"];

    fn text_of(pieces: &[(usize, usize)]) -> String {
        pieces
            .iter()
            .map(|&(piece, space)| {
                format!("{}{}", PIECES[piece % PIECES.len()], SPACES[space % SPACES.len()])
            })
            .collect()
    }

    #[test]
    fn beginnings_find_what_the_whole_paragraph_search_finds_in_the_seeds() {
        let seeds = [
            include_str!("../../../../seeds/000_3436239fe427f78e.txt"),
            include_str!("../../../../seeds/001_78f1e3a35c8f7747.txt"),
            include_str!("../../../../seeds/002_b08470e53b35f244.txt"),
            include_str!("../../../../seeds/003_c60e1d219ac2aa0a.txt"),
            include_str!("../../../../seeds/004_da40cd2f00c1c027.txt"),
        ];
        for seed in seeds {
            for paragraph in seed.split("\n\n") {
                let expected = regex_crate_matches(paragraph);
                assert_eq!(paragraph_matches(paragraph), expected, "{paragraph}");
                assert_eq!(paragraph_matches_from(paragraph, None), expected);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn beginnings_find_what_the_whole_paragraph_search_finds(
            pieces in proptest::collection::vec((0usize..1000, 0usize..100), 1..40)
        ) {
            let text = text_of(&pieces);
            let expected = regex_crate_matches(&text);
            prop_assert_eq!(paragraph_matches(&text), expected.clone(), "{}", text);
            prop_assert_eq!(paragraph_matches_from(&text, None), expected);
        }
    }
}
