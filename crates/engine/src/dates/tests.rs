//! Annotated-text tests of the dates analysis: a sentence and a publication date in, the
//! expressions (span text, TIMEX3 type, value, mod) and diagnostics out, one family at a time.
//!
//! They exercise the engine through `find` only, as the rest of newsls does.

use super::{TemporalExpression, find};
use crate::dateline::{DctSource, DctValue, PublicationDate};
use crate::diagnostic::Diagnostic;
use crate::document;
use crate::rules::Code;

fn publication(dct: &str) -> Option<PublicationDate> {
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

fn analyse(dct: &str, text: &str) -> (Vec<TemporalExpression>, Vec<Diagnostic>) {
    let document = document::parse(text);
    let publication_date = publication(dct);
    find(text, &document, publication_date.as_ref())
}

/// `(span text, type, value)` of every expression found.
fn dates(dct: &str, text: &str) -> Vec<(String, &'static str, String)> {
    analyse(dct, text)
        .0
        .iter()
        .map(|date| {
            (
                date.span.slice(text).to_string(),
                date.timex_type.name(),
                date.value.to_string(),
            )
        })
        .collect()
}

/// Checks that the expressions found are exactly `expected`.
fn check(dct: &str, text: &str, expected: &[(&str, &str, &str)]) {
    let expected: Vec<(String, &str, String)> = expected
        .iter()
        .map(|(span, kind, value)| (span.to_string(), *kind, value.to_string()))
        .collect();
    assert_eq!(dates(dct, text), expected, "in {text:?} published {dct}");
}

#[test]
fn a_date_at_the_end_of_a_paragraph_is_found_whole() {
    // Searched over the whole text, "June 12 / 1987" matched across the paragraph break,
    // was dropped, and hid "June 12": each paragraph is searched on its own.
    let found = dates(
        "1987-10-19",
        "The dividend was distributed June 12\n\n1987 results follow.",
    );
    assert_eq!(
        found.first(),
        Some(&("June 12".to_string(), "DATE", "1987-06-12".to_string()))
    );
}

fn modifier_of(dct: &str, text: &str, span_text: &str) -> Option<&'static str> {
    analyse(dct, text)
        .0
        .iter()
        .find(|date| date.span.slice(text) == span_text)
        .and_then(|date| date.modifier.map(|modifier| modifier.name()))
}

#[test]
fn explicit_calendar_dates() {
    check(
        "2021-12-06",
        "They met at the Geneva summit on 16 June 2021.",
        &[("16 June 2021", "DATE", "2021-06-16")],
    );
    check(
        "2021-12-29",
        "It was signed on Dec. 8, 2021, and again on December 29th, 2021.",
        &[
            ("Dec. 8, 2021", "DATE", "2021-12-08"),
            ("December 29th, 2021", "DATE", "2021-12-29"),
        ],
    );
    check(
        "2021-12-29",
        "The filing is dated 2021-12-07.",
        &[("2021-12-07", "DATE", "2021-12-07")],
    );
    check(
        "2021-12-29",
        "Sales fell in December 2020 and rose in 2014.",
        &[
            ("December 2020", "DATE", "2020-12"),
            ("2014", "DATE", "2014"),
        ],
    );
}

#[test]
fn years_in_words() {
    check(
        "1998-02-27",
        "It happened in nineteen ninety-six, not in the year two thousand.",
        &[
            ("nineteen ninety-six", "DATE", "1996"),
            ("the year two thousand", "DATE", "2000"),
        ],
    );
    check(
        "1998-02-27",
        "Prices fell in January nineteen ninety-seven, as in the winter of nineteen ninety-four.",
        &[
            ("January nineteen ninety-seven", "DATE", "1997-01"),
            ("the winter of nineteen ninety-four", "DATE", "1994-WI"),
        ],
    );
}

#[test]
fn month_and_day_take_the_year_from_tense_and_distance() {
    // A future clause at the end of December points to next January.
    check(
        "2021-12-29",
        "The two leaders will meet on Jan 10.",
        &[("Jan 10", "DATE", "2022-01-10")],
    );
    // A past clause takes the latest such day up to publication.
    check(
        "2021-10-07",
        "They met on 16 June.",
        &[("16 June", "DATE", "2021-06-16")],
    );
    // A past verb does not pull a date a year back when the next one is far nearer.
    check(
        "1989-11-02",
        "The company said the dividend is payable Nov. 16.",
        &[("Nov. 16", "DATE", "1989-11-16")],
    );
    // The weekday beside a yearless date picks the year.
    check(
        "1998-02-10",
        "The vote is on Saturday, April 25.",
        &[("Saturday, April 25", "DATE", "1998-04-25")],
    );
}

#[test]
fn weekdays_follow_the_tense_of_their_clause() {
    // Published on Wednesday 29 December 2021.
    check(
        "2021-12-29",
        "Biden on Tuesday acknowledged the possibility.",
        &[("Tuesday", "DATE", "2021-12-28")],
    );
    check(
        "2021-12-29",
        "Biden will travel on Friday.",
        &[("Friday", "DATE", "2021-12-31")],
    );
    check(
        "2021-12-29",
        "He said next Tuesday and last Friday.",
        &[
            ("next Tuesday", "DATE", "2022-01-04"),
            ("last Friday", "DATE", "2021-12-24"),
        ],
    );
    check(
        "2021-12-29",
        "The summit opened Wednesday night.",
        &[("Wednesday night", "DATE", "2021-12-29")],
    );
    check(
        "2021-12-29",
        "Talks ended Monday morning.",
        &[("Monday morning", "DATE", "2021-12-27")],
    );
}

#[test]
fn a_weekday_refers_to_a_date_named_in_the_article() {
    // Published on Monday 6 December 2021; 7 December was a Tuesday.
    check(
        "2021-12-06",
        "Biden and Putin will talk on 7 December. The Tuesday call came after a summit.",
        &[
            ("7 December", "DATE", "2021-12-07"),
            ("Tuesday", "DATE", "2021-12-07"),
        ],
    );
}

#[test]
fn months_seasons_and_modifiers() {
    check(
        "2021-05-08",
        "The summit is in June; talks began in April and last month, and resume in mid-June.",
        &[
            ("June", "DATE", "2021-06"),
            ("April", "DATE", "2021-04"),
            ("last month", "DATE", "2021-04"),
            ("mid-June", "DATE", "2021-06"),
        ],
    );
    assert_eq!(
        modifier_of("2021-05-08", "They meet in mid-June.", "mid-June"),
        Some("MID")
    );
    check(
        "2021-12-06",
        "Both leaders spoke in June this year.",
        &[("June this year", "DATE", "2021-06")],
    );
    check(
        "2021-12-06",
        "They met last April and will meet this summer and next winter.",
        &[
            ("last April", "DATE", "2021-04"),
            ("this summer", "DATE", "2021-SU"),
            ("next winter", "DATE", "2022-WI"),
        ],
    );
    // A bare season after "into" or "of" too; without a preposition "fall" is a verb.
    check(
        "1989-10-26",
        "Orders rose from the low levels of the early summer and lasted well into the summer, as prices fall.",
        &[
            ("early summer", "DATE", "1989-SU"),
            ("summer", "DATE", "1989-SU"),
        ],
    );
    // "may" and "march" in lower case are a verb and a noun.
    check("2021-12-06", "We may march on.", &[]);
}

#[test]
fn units_counted_from_publication() {
    // Published on Monday 13 December 2021, in ISO week 50.
    check(
        "2021-12-13",
        "They spoke last week and will speak next month and early next year.",
        &[
            ("last week", "DATE", "2021-W49"),
            ("next month", "DATE", "2022-01"),
            ("early next year", "DATE", "2022"),
        ],
    );
    assert_eq!(
        modifier_of(
            "2021-12-13",
            "It rose earlier this month.",
            "earlier this month"
        ),
        Some("START")
    );
    check(
        "2021-12-13",
        "It rose earlier this month.",
        &[("earlier this month", "DATE", "2021-12")],
    );
    // "Year-end" after a preposition is the end of the publication year ("since year-end":
    // of the year before); before a noun it is no date.
    check(
        "1989-10-30",
        "The deal should close by year-end or around year end, by year's end at the latest.",
        &[
            ("year-end", "DATE", "1989"),
            ("year end", "DATE", "1989"),
            ("year's end", "DATE", "1989"),
        ],
    );
    assert_eq!(
        modifier_of("1989-10-30", "It will close by year-end.", "year-end"),
        Some("END")
    );
    check(
        "1989-10-30",
        "The index has risen 5% since year-end, and year-end results and shares in year-end trading were weak.",
        &[("year-end", "DATE", "1988")],
    );
    check(
        "1998-01-08",
        "Prices fell three years ago and two weeks ago.",
        &[
            ("three years ago", "DATE", "1995"),
            ("two weeks ago", "DATE", "1997-W52"),
        ],
    );
}

#[test]
fn quarters_decades_and_reporting_periods() {
    check(
        "1989-10-25",
        "Third-quarter profit rose, and the fourth quarter looks weak.",
        &[
            ("Third-quarter", "DATE", "1989-Q3"),
            ("the fourth quarter", "DATE", "1989-Q4"),
        ],
    );
    check(
        "1989-10-25",
        "Net income in the third quarter rose from $5 million a year ago.",
        &[
            ("the third quarter", "DATE", "1989-Q3"),
            ("a year ago", "DATE", "1988-Q3"),
        ],
    );
    // A year before "quarter" names that year's quarter, not 1988 quarters.
    check(
        "1989-10-25",
        "Profit in the third quarter beat the 1988 quarter.",
        &[
            ("the third quarter", "DATE", "1989-Q3"),
            ("the 1988 quarter", "DATE", "1988-Q3"),
        ],
    );
    // After "the nine months" the comparison is with those months of the year before, which
    // only the year names, even in a report on the third quarter.
    check(
        "1989-10-25",
        "Third-quarter net rose. For the nine months, net fell from $5 million a year earlier.",
        &[
            ("Third-quarter", "DATE", "1989-Q3"),
            ("the nine months", "DURATION", "P9M"),
            ("a year earlier", "DATE", "1988"),
        ],
    );
    check(
        "1989-10-25",
        "Third-quarter net rose. In the first nine months, net beat the 1988 period.",
        &[
            ("Third-quarter", "DATE", "1989-Q3"),
            ("the first nine months", "DURATION", "P9M"),
            ("the 1988 period", "DATE", "1988"),
        ],
    );
    // "The last half of 1989" is the year's final half; "the last quarter" alone is the one
    // before publication.
    check(
        "1989-10-25",
        "Sales rose in the last half of 1989 and the latter half of 1988 but fell in the last quarter.",
        &[
            ("the last half of 1989", "DATE", "1989-H2"),
            ("the latter half of 1988", "DATE", "1988-H2"),
            ("the last quarter", "DATE", "1989-Q3"),
        ],
    );
    // A day named in the sentence stays the anchor of "a year earlier".
    check(
        "1989-10-25",
        "For the six months ended Aug. 12, net fell from $5 million a year earlier.",
        &[
            ("the six months", "DURATION", "P6M"),
            ("Aug. 12", "DATE", "1989-08-12"),
            ("a year earlier", "DATE", "1988-08-12"),
        ],
    );
    // A quarter not yet over, in a future clause, is a forecast, not the period reported on;
    // a reported quarter stays one, even a fiscal quarter not over on the calendar.
    check(
        "1989-11-02",
        "Third-quarter net rose. The quake will cause a fourth-quarter charge. Revenue fell from a year ago.",
        &[
            ("Third-quarter", "DATE", "1989-Q3"),
            ("fourth-quarter", "DATE", "1989-Q4"),
            ("a year ago", "DATE", "1988-Q3"),
        ],
    );
    check(
        "1989-11-02",
        "Ralston reported a decline in fourth-quarter earnings. Revenue fell from a year ago.",
        &[
            ("fourth-quarter", "DATE", "1989-Q4"),
            ("a year ago", "DATE", "1988-Q4"),
        ],
    );
    // The next sentence is about the quarter again.
    check(
        "1989-10-25",
        "In the nine months, net rose. Third-quarter net fell from a year earlier.",
        &[
            ("the nine months", "DURATION", "P9M"),
            ("Third-quarter", "DATE", "1989-Q3"),
            ("a year earlier", "DATE", "1988-Q3"),
        ],
    );
    check(
        "2021-12-13",
        "Growth was fast in the 1990s and slowed in the mid-2000s.",
        &[
            ("the 1990s", "DATE", "199"),
            ("the mid-2000s", "DATE", "200"),
        ],
    );
}

#[test]
fn durations() {
    check(
        "2021-12-13",
        "The talks lasted two hours after the past three years of work, a decade in all.",
        &[
            ("two hours", "DURATION", "PT2H"),
            ("the past three years", "DURATION", "P3Y"),
            ("a decade", "DURATION", "P10Y"),
        ],
    );
    check(
        "2021-12-13",
        "Stocks hit a five-year low after 2 1/2 years and a minute and a half.",
        &[
            ("five-year", "DURATION", "P5Y"),
            ("2 1/2 years", "DURATION", "P2Y6M"),
            ("a minute and a half", "DURATION", "PT1M30S"),
        ],
    );
    // "A second" is the ordinal; "one second" a length of time.
    check(
        "2021-12-13",
        "A second group waited one second.",
        &[("one second", "DURATION", "PT1S")],
    );
    // Ages and rates are not durations.
    check(
        "2021-12-13",
        "A 9-year-old boy paid $2 million a year.",
        &[],
    );
}

#[test]
fn sets() {
    check(
        "2021-12-13",
        "They meet every day, each month, annually and every Tuesday.",
        &[
            ("every day", "SET", "P1D"),
            ("each month", "SET", "P1M"),
            ("annually", "SET", "P1Y"),
            ("every Tuesday", "SET", "XXXX-WXX-2"),
        ],
    );
}

#[test]
fn clock_times_and_parts_of_days() {
    check(
        "2021-12-29",
        "It was announced at 10:43 IST and again at 3 p.m. this morning.",
        &[
            ("10:43 IST", "TIME", "2021-12-29T10:43"),
            ("3 p.m.", "TIME", "2021-12-29T15:00"),
            ("this morning", "TIME", "2021-12-29TMO"),
        ],
    );
    // The part of the day may come first: "mid-afternoon yesterday".
    check(
        "1989-11-02",
        "In London at mid-afternoon yesterday, shares were up.",
        &[("mid-afternoon yesterday", "TIME", "1989-11-01TAF")],
    );
    check(
        "2021-12-29",
        "Polls will close at 10 p.m. Thursday.",
        &[("10 p.m. Thursday", "TIME", "2021-12-30T22:00")],
    );
}

#[test]
fn deictic_words_and_vague_references() {
    check(
        "2021-12-29",
        "Today he said that yesterday was calm, tomorrow will not be, and now it is tense.",
        &[
            ("Today", "DATE", "2021-12-29"),
            ("yesterday", "DATE", "2021-12-28"),
            ("tomorrow", "DATE", "2021-12-30"),
            ("now", "DATE", "PRESENT_REF"),
        ],
    );
    check(
        "2021-12-29",
        "Prices rose recently, as they did in the past.",
        &[
            ("recently", "DATE", "PAST_REF"),
            ("the past", "DATE", "PAST_REF"),
        ],
    );
    check(
        "2021-12-29",
        "Sales fell in recent months.",
        &[("recent months", "DURATION", "PXM")],
    );
}

#[test]
fn holidays() {
    check(
        "1999-11-20",
        "Stores will open on Thanksgiving Day; they closed last Christmas.",
        &[
            ("Thanksgiving Day", "DATE", "1999-11-25"),
            ("last Christmas", "DATE", "1998-12-25"),
        ],
    );
    // US Election Day: the Tuesday after the first Monday of November (8 November in 2016,
    // when 1 November was a Tuesday).
    check(
        "1998-10-26",
        "It will be the theme of the campaign up to Election Day.",
        &[("Election Day", "DATE", "1998-11-03")],
    );
    check(
        "2016-10-26",
        "Voters go to the polls on Election Day.",
        &[("Election Day", "DATE", "2016-11-08")],
    );
}

#[test]
fn narrative_anchors() {
    check(
        "1998-04-18",
        "The company was founded in 1995 and listed the following year.",
        &[
            ("1995", "DATE", "1995"),
            ("the following year", "DATE", "1996"),
        ],
    );
}

#[test]
fn numeric_dates() {
    check(
        "2021-12-29",
        "The order of 13/04/2021 replaced the one of 03/04/2021.",
        &[
            ("13/04/2021", "DATE", "2021-04-13"),
            // The article writes day first elsewhere, so 03/04 is 3 April.
            ("03/04/2021", "DATE", "2021-04-03"),
        ],
    );
    check(
        "2021-12-29",
        "The order is dated 12.07.21.",
        &[("12.07.21", "DATE", "2021-12-07")],
    );
}

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
fn fiscal_years_named_by_their_end_are_durations() {
    check(
        "1989-11-02",
        "Net income for the year ended March 31 rose, and the full year looks strong.",
        &[
            ("the year", "DURATION", "P1Y"),
            ("March 31", "DATE", "1989-03-31"),
            ("the full year", "DATE", "1989"),
        ],
    );
    check(
        "1989-11-02",
        "Sales were above fiscal 1989 sales.",
        &[("fiscal 1989", "DATE", "1989")],
    );
}

#[test]
fn centuries_and_decades_in_words() {
    check(
        "1998-02-13",
        "It was the worst war of the 20th century.",
        &[("the 20th century", "DATE", "19")],
    );
    check(
        "1998-03-03",
        "Numbers dropped through the nineties.",
        &[("the nineties", "DATE", "199")],
    );
}

#[test]
fn vague_spans_around_now() {
    check(
        "1989-10-30",
        "In recent years prices rose; in the coming weeks and in the near term they may fall.",
        &[
            ("recent years", "DATE", "PAST_REF"),
            ("coming weeks", "DURATION", "PXW"),
            ("the near term", "DATE", "FUTURE_REF"),
        ],
    );
    check(
        "1989-10-30",
        "Funds may sell in the weeks ahead.",
        &[("the weeks ahead", "DURATION", "PXW")],
    );
}

#[test]
fn quarters_as_durations_keep_their_designator() {
    check(
        "1989-10-30",
        "Profit fell in the past two quarters.",
        &[("the past two quarters", "DURATION", "P2Q")],
    );
}

#[test]
fn titles_and_acronyms_are_not_dates() {
    check(
        "1990-08-13",
        "Baker, speaking on ABC's \"This Week,\" cited a recent SEC filing and CBS's 60 Minutes.",
        &[],
    );
    check(
        "1999-01-22",
        "Agents watched the annual March for Life.",
        &[],
    );
}

#[test]
fn anaphoric_units_count_from_the_narrative() {
    check(
        "2000-01-28",
        "He fled in June 1998 and returned later that year.",
        &[
            ("June 1998", "DATE", "1998-06"),
            ("later that year", "DATE", "1998"),
        ],
    );
    check(
        "1998-04-18",
        "On May 22, 1995, he was promoted, and the following year he moved.",
        &[
            ("May 22, 1995", "DATE", "1995-05-22"),
            ("the following year", "DATE", "1996"),
        ],
    );
}

#[test]
fn years_ago_count_from_publication_not_from_a_month_nearby() {
    check(
        "2000-01-15",
        "Rallies in early December were the largest since the revolution 41 years ago.",
        &[
            ("early December", "DATE", "1999-12"),
            ("41 years ago", "DATE", "1959"),
        ],
    );
}

#[test]
fn possessive_weekdays_and_deadlines() {
    check(
        "2000-01-07",
        "They said they would look for ways to get around Wednesday's ruling.",
        &[("Wednesday", "DATE", "2000-01-05")],
    );
    check(
        "2000-03-30",
        "Officials postponed until Tuesday any action on the case.",
        &[("Tuesday", "DATE", "2000-04-04")],
    );
    check(
        "1999-10-08",
        "He was to appear before a judge at midday.",
        &[("midday", "TIME", "1999-10-08T12:00")],
    );
}

#[test]
fn monthly_sets_and_trading_days() {
    check(
        "1998-03-22",
        "Protesters march each July.",
        &[("each July", "SET", "XXXX-07")],
    );
    check(
        "1989-10-30",
        "Eight trading days later the index was down.",
        &[("Eight trading days", "DURATION", "P8D")],
    );
}

#[test]
fn a_bare_clock_time_is_on_the_day_last_named() {
    check(
        "1999-04-19",
        "The doctor was shot on Oct. 23, 1998. The call came at 10 p.m.",
        &[
            ("Oct. 23, 1998", "DATE", "1998-10-23"),
            ("10 p.m.", "TIME", "1998-10-23T22:00"),
        ],
    );
    check(
        "1999-04-19",
        "The call came at 10 p.m.",
        &[("10 p.m.", "TIME", "1999-04-19T22:00")],
    );
}

#[test]
fn a_weekday_evening_is_a_time_and_a_weekday_night_the_day() {
    check(
        "1989-10-30",
        "The talks ended Friday evening.",
        &[("Friday evening", "TIME", "1989-10-27TEV")],
    );
    check(
        "1989-10-30",
        "The talks ended Friday night.",
        &[("Friday night", "DATE", "1989-10-27")],
    );
}

#[test]
fn the_present_perfect_tells_of_the_past() {
    check(
        "1989-10-30",
        "The company has had weak results since March.",
        &[("March", "DATE", "1989-03")],
    );
}

#[test]
fn units_later_or_earlier_are_durations() {
    check(
        "1989-11-01",
        "Three days later, the bank failed.",
        &[("Three days later", "DURATION", "P3D")],
    );
    check(
        "1990-08-16",
        "A few days later, it rained.",
        &[("A few days later", "DURATION", "PXD")],
    );
}

#[test]
fn a_weekday_without_tense_is_the_nearer_one() {
    // Published on Friday 1 May 1998: Monday is 3 days ahead, 4 days back.
    check(
        "1998-05-01",
        "Arafat and Netanyahu meet separately Monday with Albright.",
        &[("Monday", "DATE", "1998-05-04")],
    );
    check(
        "1998-05-01",
        "Arafat and Netanyahu meet separately Tuesday with Albright.",
        &[("Tuesday", "DATE", "1998-04-28")],
    );
}

#[test]
fn the_previous_weekday_counts_from_the_day_last_named() {
    // Published on Monday 30 October 1989.
    check(
        "1989-10-30",
        "Stocks fell Friday, down 4.5% from the previous Friday.",
        &[
            ("Friday", "DATE", "1989-10-27"),
            ("previous Friday", "DATE", "1989-10-20"),
        ],
    );
}

#[test]
fn a_past_hint_outweighs_a_nearer_future_month() {
    // Published on 25 October 1998: January 1999 is 68 days ahead, January 1998 297 back.
    check(
        "1998-10-25",
        "In January, a clinic bombing killed a guard.",
        &[("January", "DATE", "1998-01")],
    );
    // A negated participle is an adjective, not a past verb: "would" decides.
    check(
        "1989-10-30",
        "It would be paid on a still unspecified date in January.",
        &[("January", "DATE", "1990-01")],
    );
}
