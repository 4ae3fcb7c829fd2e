//! The publication date (DCT): where it was found and what it is.
//!
//! Candidates come from settings, the `date:` header or front matter, "Published …" and
//! "Updated …" lines, and wire datelines ("SALVADOR, Feb 26 -"). The most trusted source wins;
//! the others are kept so that hovers can show them. The clock is never consulted.

use std::sync::LazyLock;

use jiff::civil::Date;

use super::diagnostic::Diagnostic;
use super::document::{BlockKind, Document};
use super::lexicon::{month_alternation, month_number};
use super::regexes::TwinRegex;
use super::rules::Code;
use super::settings::Settings;
use super::span::Span;

/// Where a publication date came from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DctSource {
    /// `--dct`, `newsls.toml` or editor settings.
    Settings,
    /// A `date:` header line or Markdown front matter.
    Header,
    /// A "Published …" line.
    Published,
    /// An "Updated …" line.
    Updated,
    /// A wire dateline at the start of the body ("SALVADOR, Feb 26 -").
    Dateline,
}

impl DctSource {
    pub fn name(self) -> &'static str {
        match self {
            DctSource::Settings => "settings",
            DctSource::Header => "header",
            DctSource::Published => "published",
            DctSource::Updated => "updated",
            DctSource::Dateline => "dateline",
        }
    }
}

/// A calendar date, or only its month and day (wire datelines give no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DctValue {
    Full(Date),
    MonthDay { month: i8, day: i8 },
}

impl DctValue {
    /// The TIMEX3 value: "2021-12-13", or "XXXX-02-26" when the year is unknown.
    pub fn timex(self) -> String {
        match self {
            DctValue::Full(date) => date.to_string(),
            DctValue::MonthDay { month, day } => format!("XXXX-{month:02}-{day:02}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DctCandidate {
    pub value: DctValue,
    pub source: DctSource,
    /// Where in the text it was found; `None` for settings.
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationDate {
    /// The chosen candidate.
    pub value: DctValue,
    pub source: DctSource,
    pub span: Option<Span>,
    /// Every candidate found, chosen one included, most trusted first.
    pub candidates: Vec<DctCandidate>,
}

impl PublicationDate {
    /// The full calendar date, when the year is known.
    pub fn date(&self) -> Option<Date> {
        match self.value {
            DctValue::Full(date) => Some(date),
            DctValue::MonthDay { .. } => None,
        }
    }

    /// "2021-12-13 (from the \"Updated …\" line)", for hovers and messages.
    pub fn describe(&self) -> String {
        let from = match self.source {
            DctSource::Settings => "given in settings",
            DctSource::Header => "from the date header",
            DctSource::Published => "from the \"Published\" line",
            DctSource::Updated => "from the \"Updated\" line",
            DctSource::Dateline => "from the wire dateline",
        };
        format!("{} ({from})", self.value.timex())
    }
}

fn regex(pattern: &str) -> TwinRegex {
    // Built-in patterns are fixed; a unit test compiles each of them. They search a header, a
    // short paragraph or the start of one (`WIRE_DATELINE` is anchored): no literal prefilter,
    // whose extraction cost more than these searches.
    TwinRegex::lines(&[pattern])
}

static ISO_DATE: LazyLock<TwinRegex> =
    LazyLock::new(|| regex(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[^0-9]|$)"));

static MONTH_FIRST: LazyLock<TwinRegex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,\s*|\s+)?(\d{{4}})?",
        month_alternation()
    ))
});

static DAY_FIRST: LazyLock<TwinRegex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({})\b\.?(?:\s*,\s*|\s+)?(\d{{4}})?",
        month_alternation()
    ))
});

static STAMP_LINE: LazyLock<TwinRegex> = LazyLock::new(|| {
    regex(
        r"(?im)^[ \t]*(?:last[ \t]+|first[ \t]+)?(published|updated|posted|modified)(?:[ \t]+on)?[ \t]*:?[ \t]*(\S.*)$",
    )
});

static FRONT_MATTER_DATE: LazyLock<TwinRegex> = LazyLock::new(|| {
    regex(
        r#"(?im)^[ \t]*(?:date|published|pubdate|publication_date|published_at)[ \t]*:[ \t]*['"]?([^'"\r\n]+)"#,
    )
});

static WIRE_DATELINE: LazyLock<TwinRegex> = LazyLock::new(|| {
    regex(&format!(
        r"^[A-Z][A-Za-z.'\- ]{{1,40}}(?:,[ \t]*[A-Z][A-Za-z.\- ]{{1,30}})?,?[ \t]+(?i:({}))\.?[ \t]+(\d{{1,2}})(?:,?[ \t]+(\d{{4}}))?[ \t]*(?:\([^)]{{1,40}}\)[ \t]*)?(?:-|–|—)",
        month_alternation()
    ))
});

/// A date written in any of the common news forms, with or without its year.
/// Returns (year, month, day) and the byte range of the match in `text`.
pub fn parse_loose_date(text: &str) -> Option<(Option<i16>, i8, i8, std::ops::Range<usize>)> {
    if let Some(found) = ISO_DATE.captures(text) {
        let year = found.get(1)?.as_str().parse().ok()?;
        let month = found.get(2)?.as_str().parse().ok()?;
        let day = found.get(3)?.as_str().parse().ok()?;
        return Some((
            Some(year),
            month,
            day,
            found.get(1)?.start()..found.get(3)?.end(),
        ));
    }
    let month_first = MONTH_FIRST.captures(text);
    let day_first = DAY_FIRST.captures(text);
    // Take whichever form starts first in the text.
    let pick_month_first = match (&month_first, &day_first) {
        (Some(a), Some(b)) => a.get(0)?.start() <= b.get(0)?.start(),
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => return None,
    };
    let (found, month_group, day_group) = if pick_month_first {
        (month_first?, 1, 2)
    } else {
        (day_first?, 2, 1)
    };
    let month = month_number(found.get(month_group)?.as_str())?;
    let day = found.get(day_group)?.as_str().parse().ok()?;
    let year = found.get(3).and_then(|year| year.as_str().parse().ok());
    let mut range = found.get(0)?.range();
    if year.is_none() {
        // Do not claim the trailing separator of a yearless match.
        let matched = &text[range.clone()];
        range.end = range.start + matched.trim_end_matches([',', ' ', '\t']).len();
    }
    Some((year, month, day, range))
}

fn to_value(year: Option<i16>, month: i8, day: i8) -> Option<DctValue> {
    match year {
        Some(year) => Date::new(year, month, day).ok().map(DctValue::Full),
        None => Date::new(2000, month, day)
            .ok()
            .map(|_| DctValue::MonthDay { month, day }),
    }
}

/// Finds the publication date. Emits `missing-publication-date` when there is none and
/// `partial-publication-date` when only month and day are known.
pub fn detect(
    text: &str,
    document: &Document,
    settings: &Settings,
) -> (Option<PublicationDate>, Vec<Diagnostic>) {
    let mut candidates = Vec::new();
    if let Some(date) = settings.publication_date {
        candidates.push(DctCandidate {
            value: DctValue::Full(date),
            source: DctSource::Settings,
            span: None,
        });
    }
    candidates.extend(header_candidates(text, document));
    candidates.extend(stamp_candidates(text, document));
    candidates.extend(dateline_candidate(text, document));
    // Stable sort: within one source, the earliest in the text wins.
    candidates.sort_by_key(|candidate| candidate.source);

    let mut diagnostics = Vec::new();
    let Some(chosen) = candidates
        .iter()
        .find(|candidate| matches!(candidate.value, DctValue::Full(_)))
        .or(candidates.first())
        .cloned()
    else {
        // An empty article has nothing to check, so no date is missing from it.
        if text.trim().is_empty() {
            return (None, diagnostics);
        }
        let at = document
            .paragraphs
            .first()
            .map_or(Span::new(0, 0), |paragraph| {
                let line_end = paragraph
                    .span
                    .slice(text)
                    .find('\n')
                    .unwrap_or(paragraph.span.len());
                Span::new(paragraph.span.start, paragraph.span.start + line_end)
            });
        diagnostics.push(Diagnostic::new(
            Code::MissingPublicationDate,
            at,
            "No publication date found: relative dates such as \"on Tuesday\" cannot be resolved. \
             Add a `date: YYYY-MM-DD` header, pass `--dct`, or set `publication_date` in newsls.toml.",
        ));
        return (None, diagnostics);
    };

    if let (DctValue::MonthDay { .. }, Some(span)) = (chosen.value, chosen.span) {
        diagnostics.push(Diagnostic::new(
            Code::PartialPublicationDate,
            span,
            format!(
                "The dateline gives the month and day ({}) but not the year: dates that need the year stay unresolved. \
                 Give the full date with `--dct` or a `date:` header.",
                chosen.value.timex()
            ),
        ));
    }
    (
        Some(PublicationDate {
            value: chosen.value,
            source: chosen.source,
            span: chosen.span,
            candidates,
        }),
        diagnostics,
    )
}

fn header_candidates(text: &str, document: &Document) -> Vec<DctCandidate> {
    let mut out = Vec::new();
    if let Some(header) = document.header
        && let Some((Some(year), month, day, range)) = parse_loose_date(header.slice(text))
        && let Some(value) = to_value(Some(year), month, day)
    {
        out.push(DctCandidate {
            value,
            source: DctSource::Header,
            span: Some(Span::new(
                header.start + range.start,
                header.start + range.end,
            )),
        });
    }
    if let Some(front_matter) = document.front_matter {
        let slice = front_matter.slice(text);
        for found in FRONT_MATTER_DATE.captures_iter(slice) {
            let Some(value_match) = found.get(1) else {
                continue;
            };
            if let Some((year, month, day, range)) = parse_loose_date(value_match.as_str())
                && let Some(value) = to_value(year, month, day)
            {
                let start = front_matter.start + value_match.start() + range.start;
                out.push(DctCandidate {
                    value,
                    source: DctSource::Header,
                    span: Some(Span::new(start, start + range.len())),
                });
                break;
            }
        }
    }
    out
}

/// Whether a line of `text` may match `STAMP_LINE`, tested without compiling it (most articles
/// have no such line): in an ASCII text, a line that matches begins, after spaces and tabs, with
/// one of the words the pattern begins with. A text with another character is searched anyway
/// (a case-insensitive pattern reads the long s as "s").
fn may_hold_stamp(text: &str) -> bool {
    const FIRST_WORDS: [&str; 6] = ["last", "first", "published", "updated", "posted", "modified"];
    !text.is_ascii()
        || text.split('\n').any(|line| {
            let line = line.trim_start_matches([' ', '\t']);
            FIRST_WORDS.iter().any(|word| {
                line.get(..word.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(word))
            })
        })
}

/// "Published …" and "Updated …" lines anywhere outside the body text.
fn stamp_candidates(text: &str, document: &Document) -> Vec<DctCandidate> {
    let mut out = Vec::new();
    for paragraph in &document.paragraphs {
        if matches!(paragraph.kind, BlockKind::Body | BlockKind::Boilerplate)
            && paragraph.span.len() > 200
        {
            continue;
        }
        let slice = paragraph.span.slice(text);
        if !may_hold_stamp(slice) {
            continue;
        }
        for found in STAMP_LINE.captures_iter(slice) {
            let (Some(word), Some(rest)) = (found.get(1), found.get(2)) else {
                continue;
            };
            let source = match word.as_str().to_ascii_lowercase().as_str() {
                "published" | "posted" => DctSource::Published,
                _ => DctSource::Updated,
            };
            if let Some((year, month, day, range)) = parse_loose_date(rest.as_str())
                && year.is_some()
                && let Some(value) = to_value(year, month, day)
            {
                let start = paragraph.span.start + rest.start() + range.start;
                out.push(DctCandidate {
                    value,
                    source,
                    span: Some(Span::new(start, start + range.len())),
                });
            }
        }
    }
    out
}

/// A wire dateline at the start of the first body paragraph.
fn dateline_candidate(text: &str, document: &Document) -> Option<DctCandidate> {
    let paragraph = document
        .paragraphs
        .iter()
        .find(|paragraph| paragraph.kind == BlockKind::Body)?;
    let slice = paragraph.span.slice(text);
    let found = WIRE_DATELINE.captures(slice)?;
    let month = month_number(found.get(1)?.as_str())?;
    let day = found.get(2)?.as_str().parse().ok()?;
    let year = found.get(3).and_then(|year| year.as_str().parse().ok());
    let value = to_value(year, month, day)?;
    let last = found.get(3).or(found.get(2))?;
    Some(DctCandidate {
        value,
        source: DctSource::Dateline,
        span: Some(Span::new(
            paragraph.span.start + found.get(1)?.start(),
            paragraph.span.start + last.end(),
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document;

    fn dct(text: &str) -> Option<(String, DctSource)> {
        let document = document::parse(text);
        let (found, _) = detect(text, &document, &Settings::default());
        found.map(|date| (date.value.timex(), date.source))
    }

    #[test]
    fn every_pattern_compiles_with_an_ascii_build() {
        for regex in [
            &ISO_DATE,
            &MONTH_FIRST,
            &DAY_FIRST,
            &STAMP_LINE,
            &FRONT_MATTER_DATE,
            &WIRE_DATELINE,
        ] {
            assert_eq!(regex.pattern_len(), 1);
            assert!(regex.has_ascii_build());
        }
    }

    #[test]
    fn stamp_lines_are_searched_wherever_they_may_match() {
        let texts = [
            "Published: Feb 26, 1987",
            "  \tLAST UPDATED on 3 March 2020",
            "Body text.\nposted 2021-10-07",
            "first modified: jan 1 2020",
            "Modified\r\nx",
            "The updated figures were published on Feb 26, 1987.",
            "Pub\u{17F}lished: Feb 26, 1987",
            "",
        ];
        for text in texts {
            if !may_hold_stamp(text) {
                assert!(STAMP_LINE.captures_iter(text).is_empty(), "{text:?}");
            }
        }
        assert!(!may_hold_stamp("The updated figures were published on Feb 26, 1987."));
        assert!(may_hold_stamp("Body text.\nposted 2021-10-07"));
    }

    #[test]
    fn every_seed_form() {
        assert_eq!(
            dct(" date 2021-10-07 White House said."),
            Some(("2021-10-07".into(), DctSource::Header))
        );
        assert_eq!(
            dct("date: 1987-02-26\n\nTITLE\n\nBody."),
            Some(("1987-02-26".into(), DctSource::Header))
        );
        assert_eq!(
            dct(
                "Updated December 29th, 2021 at 10:43 IST\n\nHeadline here\n\nBody text.\n\nPublished December 28th, 2021 at 10:43 IST"
            ),
            Some(("2021-12-28".into(), DctSource::Published))
        );
        assert_eq!(
            dct(
                "Headline here\n\nUpdated on: 13 December,2021 10:23 AM IST  |  Washington\nANI |\n\nBody text."
            ),
            Some(("2021-12-13".into(), DctSource::Updated))
        );
        assert_eq!(
            dct("---\ntitle: A\ndate: \"2021-03-04T10:00:00Z\"\n---\n# A\n\nBody."),
            Some(("2021-03-04".into(), DctSource::Header))
        );
    }

    #[test]
    fn wire_dateline_without_year() {
        let text = "date: unknown\n\nCOFFEE TITLE\n\nSALVADOR, Feb 26 - Brazil said.";
        assert_eq!(dct(text), Some(("XXXX-02-26".into(), DctSource::Dateline)));
        let document = document::parse(text);
        let (_, diagnostics) = detect(text, &document, &Settings::default());
        assert_eq!(diagnostics[0].code, Code::PartialPublicationDate);
    }

    #[test]
    fn settings_win_and_missing_is_reported() {
        let text = "date: 1987-02-26\n\nBody.";
        let document = document::parse(text);
        let settings = Settings {
            publication_date: Some(jiff::civil::date(2000, 1, 2)),
            ..Settings::default()
        };
        let (found, _) = detect(text, &document, &settings);
        let found = found.expect("a date");
        assert_eq!(found.value.timex(), "2000-01-02");
        assert_eq!(found.candidates.len(), 2);

        let text = "Just some text with no date at all.";
        let document = document::parse(text);
        let (found, diagnostics) = detect(text, &document, &Settings::default());
        assert!(found.is_none());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::MissingPublicationDate);

        for empty in ["", "\n\n", "  \r\n\t"] {
            let (found, diagnostics) = detect(empty, &document::parse(empty), &Settings::default());
            assert!(
                found.is_none() && diagnostics.is_empty(),
                "{empty:?}: {diagnostics:?}"
            );
        }
    }

    #[test]
    fn loose_dates() {
        assert_eq!(
            parse_loose_date("December 29th, 2021 at").map(|d| (d.0, d.1, d.2)),
            Some((Some(2021), 12, 29))
        );
        assert_eq!(
            parse_loose_date("13 December,2021 10:23").map(|d| (d.0, d.1, d.2)),
            Some((Some(2021), 12, 13))
        );
        assert_eq!(
            parse_loose_date("Feb 26 -").map(|d| (d.0, d.1, d.2)),
            Some((None, 2, 26))
        );
        assert_eq!(parse_loose_date("no date"), None);
    }
}
