//! Annotated-text tests of what the dates analysis says about the expressions it found: the
//! `ambiguous-date` and `relative-date` diagnostics with their fixes, and robustness on odd
//! text. The values of each kind of expression are tested beside its normalizer
//! (`normalize/*.rs`).
//!
//! They exercise the engine through `find` only, as the rest of newsls does.

use super::test_support::analyse;
use crate::rules::Code;

fn diagnostics_of(dct: &str, text: &str) -> Vec<(Code, String)> {
    analyse(dct, text)
        .1
        .into_iter()
        .map(|diagnostic| (diagnostic.code, diagnostic.span.slice(text).to_string()))
        .collect()
}

fn message_of(dct: &str, text: &str, code: Code) -> String {
    analyse(dct, text)
        .1
        .into_iter()
        .find(|diagnostic| diagnostic.code == code)
        .map(|diagnostic| diagnostic.message)
        .unwrap_or_default()
}

#[test]
fn relative_date_gives_the_resolved_day_and_a_fix() {
    let text = "Biden on Tuesday acknowledged the possibility.";
    let (_, diagnostics) = analyse("2021-12-29", text);
    assert_eq!(diagnostics.len(), 1);
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic.code, Code::RelativeDate);
    assert_eq!(diagnostic.span.slice(text), "Tuesday");
    assert!(
        diagnostic
            .message
            .starts_with("\"on Tuesday\" → Tuesday, 28 December 2021 (the Tuesday before publication (Wednesday, 29 December 2021)"),
        "{}",
        diagnostic.message
    );
    let fix = diagnostic.fix.as_ref().expect("a make-explicit fix");
    assert_eq!(fix.span.slice(text), "on Tuesday");
    assert_eq!(fix.replacement, "on Tuesday, 28 December 2021");
    // Explicit dates are not reported.
    assert!(diagnostics_of("2021-12-29", "It was 16 June 2021.").is_empty());
}

#[test]
fn clock_time_on_a_weekday_is_a_relative_date_whose_fix_keeps_the_time() {
    // Published on Friday 13 February 1998.
    let text = "He was seized at 10 p.m. Wednesday, and talks broke off at noon Thursday.";
    let (_, diagnostics) = analyse("1998-02-13", text);
    let fixes: Vec<(&str, &str, &str)> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == Code::RelativeDate)
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            Some((
                diagnostic.span.slice(text),
                fix.span.slice(text),
                fix.replacement.as_str(),
            ))
        })
        .collect();
    assert_eq!(
        fixes,
        [
            (
                "10 p.m. Wednesday",
                "at 10 p.m. Wednesday",
                "at 10 p.m. on Wednesday, 11 February 1998"
            ),
            (
                "noon Thursday",
                "at noon Thursday",
                "at noon on Thursday, 12 February 1998"
            ),
        ]
    );
    // A clock time on a written date keeps its time zone too.
    let text = "The offer expires at 5 p.m. EST, Nov. 9.";
    let (_, diagnostics) = analyse("1989-11-02", text);
    let fix = diagnostics[0].fix.as_ref().expect("a make-explicit fix");
    assert_eq!(fix.replacement, "at 5 p.m. EST on Thursday, 9 November 1989");
}

#[test]
fn ambiguous_numeric_dates_and_two_digit_years() {
    let message = message_of(
        "2021-12-29",
        "The summit on 03/04/2021.",
        Code::AmbiguousDate,
    );
    assert!(message.contains("day/month order"), "{message}");
    let message = message_of("2021-12-29", "The order of 12/25/21.", Code::AmbiguousDate);
    assert!(message.contains("two-digit year"), "{message}");
    assert!(!message.contains("day/month order"), "{message}");
}

#[test]
fn weekday_that_contradicts_its_date() {
    let message = message_of(
        "2021-12-29",
        "The call on Tuesday, December 8, 2021 was short.",
        Code::AmbiguousDate,
    );
    assert!(
        message.contains("8 December 2021 was a Wednesday, not a Tuesday"),
        "{message}"
    );
}

#[test]
fn relative_dates_without_publication_date_are_ambiguous() {
    let text = "Biden spoke on Tuesday and will travel next month.";
    let (dates, diagnostics) = analyse("", text);
    let values: Vec<String> = dates.iter().map(|date| date.value.to_string()).collect();
    assert_eq!(values, vec!["XXXX-WXX-2", "XXXX-XX"]);
    assert_eq!(diagnostics.len(), 2);
    assert!(
        diagnostics
            .iter()
            .all(|diagnostic| diagnostic.code == Code::AmbiguousDate
                && diagnostic.message.contains("publication date is unknown"))
    );
}

#[test]
fn uncertain_resolution_says_why() {
    // Nothing in the clause tells whether the Friday before or after publication is meant.
    let message = message_of("2021-12-29", "The Friday meeting.", Code::AmbiguousDate);
    assert!(message.contains("no past or future tense"), "{message}");
}

#[test]
fn boilerplate_is_not_searched_and_spans_slice_the_text() {
    let text = "Héadline “on Tuesday” – 10:43 IST\n\nAdvertisement\n\nÉlan on Tuesday said “yesterday” was 16 June.";
    let (dates, _) = analyse("2021-12-29", text);
    assert!(!dates.is_empty());
    for date in &dates {
        assert!(text.get(date.span.range()).is_some(), "{date:?}");
    }
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "",
        "31/31/2021 0:99 99:00 p.m. 1/1/1",
        "Monday, February 30, 2021",
        "the '80s 2000s — 12.07.21 ½ year",
        "every other every each per",
        "nineteen nineteen nineteen two thousand and",
        "🙂 on Tuesday 🙂 Jan. 🙂 10",
    ] {
        let _ = analyse("2021-12-29", text);
        let _ = analyse("", text);
    }
}

#[test]
fn today_meaning_nowadays_is_not_a_day() {
    for text in [
        "The case is for today's youth what the blockade was for their parents.",
        "It makes no sense in today's world, where paternity can be proved.",
        "Many of today's personal computers use the chip.",
        "He would have chosen the people of tomorrow.",
        "This is VOA Today.",
        "He wrote for USA Today last year.",
    ] {
        let day_words = diagnostics_of("2000-01-07", text)
            .into_iter()
            .filter(|(_, span)| span.contains("oday") || span.contains("omorrow"))
            .collect::<Vec<_>>();
        assert_eq!(day_words, vec![], "{text}");
    }
    // A day's events keep their day, also with a noun before the head.
    for (text, date) in [
        ("Today's vote was close.", "Today"),
        ("He spoke in today's television debate.", "today"),
        ("Shares fell in today's market.", "today"),
        ("The talks will go on as of tomorrow.", "tomorrow"),
        ("Analysts expect yesterday's decline to continue.", "yesterday"),
    ] {
        assert!(
            diagnostics_of("2000-01-07", text)
                .iter()
                .any(|(code, span)| *code == Code::RelativeDate && span.contains(date)),
            "{text}"
        );
    }
}

#[test]
fn to_this_day_means_until_now() {
    let findings = diagnostics_of("2005-03-10", "Even to this day, the case is unsolved.");
    assert_eq!(findings, vec![]);
}

#[test]
fn a_date_whose_year_is_written_in_its_phrase_is_no_relative_date() {
    // The year written after the day completes it: nothing to make explicit.
    let findings = diagnostics_of("2004-12-15", "The 11 September attacks in 2001 changed it.");
    assert!(
        findings.iter().all(|(code, _)| *code != Code::RelativeDate),
        "{findings:?}"
    );
    // A year in another clause does not: the day keeps its finding.
    let findings = diagnostics_of("2004-12-15", "On 11 September, the firm, founded in 1990, said so.");
    assert!(
        findings
            .iter()
            .any(|(code, span)| *code == Code::RelativeDate && span.contains("11 September")),
        "{findings:?}"
    );
}

#[test]
fn a_month_that_is_a_persons_name_is_no_date() {
    for text in [
        "Mrs May said it would pass.",
        "Mr. May spoke first.",
        "May said the deal was done.",
        "April told reporters she was leaving.",
    ] {
        assert_eq!(diagnostics_of("2021-12-13", text), vec![], "{text}");
    }
    // A month that begins a clause stays one.
    for text in ["In May the band toured.", "May saw prices rise.", "Sales fell in May, he said."] {
        let found = super::test_support::dates("2021-12-13", text);
        assert!(found.iter().any(|(text, _, _, _)| text.contains("May")), "{text}: {found:?}");
    }
}

#[test]
fn date_words_of_titles_are_not_dates() {
    for text in [
        "The Sunday Times reported it.",
        "He read the Sunday Telegraph and the Monday Review.",
        "He told Radio 4's Today programme that it worked.",
        "She hosts the Today show.",
        "He saw the film Halloween again.",
        "The novel Sunday sold well.",
        "A book by Sunday Telegraph journalist Robert Peston came out.",
        "Quoted in a Sunday Times report, he denied it.",
        "England picked Abbott, Noon, Paul and Smith.",
    ] {
        assert_eq!(diagnostics_of("2021-12-13", text), vec![], "{text}");
    }
    // Only a weekday begins a newspaper's name: a month before a capitalised word stays a date.
    let found = super::test_support::dates("2021-12-13", "In March Times Square was full.");
    assert!(found.iter().any(|(text, _, _, _)| text.contains("March")), "{found:?}");
    // Frequency words that begin a newspaper's name are no set of days; lower-case, they are.
    for (text, sets) in [
        ("A Daily Telegraph poll found it.", 0),
        ("He told the Daily Record newspaper.", 0),
        ("The Weekly Standard ran it.", 0),
        ("The paper is printed daily.", 1),
        ("Daily, the plant ships coal.", 1),
    ] {
        let found = super::test_support::dates("2021-12-13", text);
        assert_eq!(found.iter().filter(|(_, kind, _, _)| *kind == "SET").count(), sets, "{text}: {found:?}");
    }
    // The same words as dates: after a preposition, before a name that acts, or at a
    // sentence's start.
    for (text, date) in [
        ("On Sunday Blinken said so.", "Sunday"),
        ("He said on Sunday the talks would go on.", "Sunday"),
        ("Today the minister resigned.", "Today"),
        ("They met at Halloween.", "Halloween"),
        ("On Sunday times were hard.", "Sunday"),
    ] {
        assert!(
            diagnostics_of("2021-12-13", text)
                .iter()
                .any(|(code, span)| *code == Code::RelativeDate && span.contains(date)),
            "{text}"
        );
    }
}
