//! Annotated-text tables for the tests of each kind of expression: a text and a publication
//! date in, the expressions (span text, TIMEX3 type, value, basis) out.
//!
//! They exercise the engine through `find` only, as the rest of newsls does.

use super::{Basis, TemporalExpression, TimexValue, find};
use crate::dateline::{DctSource, DctValue, PublicationDate};
use crate::diagnostic::Diagnostic;
use crate::document;

/// One row of a table: published on `dct` ("" for no publication date), `text` holds exactly
/// the `expected` expressions, in text order.
pub struct Case {
    pub dct: &'static str,
    pub text: &'static str,
    pub expected: &'static [(&'static str, &'static str, &'static str, Basis)],
}

pub fn publication(dct: &str) -> Option<PublicationDate> {
    let mut parts = dct.split('-').map(|part| part.parse::<i16>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let date = jiff::civil::Date::new(year, month as i8, day as i8).ok()?;
    Some(PublicationDate {
        value: DctValue::Full(date),
        source: DctSource::Settings,
        span: None,
        candidates: Vec::new(),
    })
}

/// The expressions and diagnostics of `text` published on `dct`. Every value reads back from
/// its TIMEX3 spelling as the value it was built as, as an annotator's copy of it would.
pub fn analyse(dct: &str, text: &str) -> (Vec<TemporalExpression>, Vec<Diagnostic>) {
    let document = document::parse(text);
    let publication_date = publication(dct);
    let (dates, diagnostics) = find(text, &document, publication_date.as_ref());
    for date in &dates {
        assert_eq!(
            TimexValue::parse(date.timex_type, &date.value.to_string()),
            date.value,
            "{:?} does not read back",
            date.span.slice(text)
        );
        assert_eq!(date.resolution, date.basis.resolution());
    }
    (dates, diagnostics)
}

/// `(span text, type, value, basis)` of every expression found.
pub fn dates(dct: &str, text: &str) -> Vec<(String, &'static str, String, Basis)> {
    analyse(dct, text)
        .0
        .iter()
        .map(|date| {
            (
                date.span.slice(text).to_string(),
                date.timex_type.name(),
                date.value.to_string(),
                date.basis,
            )
        })
        .collect()
}

/// Checks every row and reports every row that differs.
pub fn check_table(table: &[Case]) {
    let mut failures = Vec::new();
    for case in table {
        let expected: Vec<(String, &str, String, Basis)> = case
            .expected
            .iter()
            .map(|(span, kind, value, basis)| (span.to_string(), *kind, value.to_string(), *basis))
            .collect();
        let found = dates(case.dct, case.text);
        if found != expected {
            failures.push(format!(
                "in {:?} published {:?}:\n  expected {expected:?}\n     found {found:?}",
                case.text, case.dct
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The TIMEX3 mod of the expression `span_text`.
pub fn modifier_of(dct: &str, text: &str, span_text: &str) -> Option<&'static str> {
    analyse(dct, text)
        .0
        .iter()
        .find(|date| date.span.slice(text) == span_text)
        .and_then(|date| date.modifier.map(|modifier| modifier.name()))
}
