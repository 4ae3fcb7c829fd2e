//! TimeML: the article text with inline `TIMEX3` tags and the publication date as `DCT`.
//!
//! Well-formed XML whatever the text: every character is escaped, and control characters
//! XML 1.0 forbids are dropped.

use std::fmt::Write;

use newsls_engine::Analysis;

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

fn attribute(value: &str) -> String {
    let mut out = String::new();
    escape(value, &mut out);
    out
}

/// The TimeML document of one article; `doc_id` names it.
pub fn to_timeml(doc_id: &str, text: &str, analysis: &Analysis) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    let _ = writeln!(out, "<DOCID>{}</DOCID>", attribute(doc_id));
    if let Some(dct) = &analysis.publication_date {
        let value = dct.value.timex();
        let _ = writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{}</TIMEX3></DCT>",
            attribute(&value),
            attribute(&value)
        );
    }
    out.push_str("<TEXT>");
    let mut cursor = 0;
    for (number, date) in analysis.dates.iter().enumerate() {
        // Overlapping expressions cannot nest in TimeML; keep the first.
        if date.span.start < cursor || date.span.end > text.len() {
            continue;
        }
        escape(&text[cursor..date.span.start], &mut out);
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
            number + 1,
            date.timex_type.name(),
            attribute(&date.value.to_string())
        );
        if let Some(modifier) = date.modifier {
            let _ = write!(out, " mod=\"{}\"", modifier.name());
        }
        if analysis.publication_date.is_some()
            && date.resolution == newsls_engine::Resolution::Relative
        {
            out.push_str(" temporalFunction=\"true\" anchorTimeID=\"t0\"");
        }
        out.push('>');
        escape(date.span.slice(text), &mut out);
        out.push_str("</TIMEX3>");
        cursor = date.span.end;
    }
    escape(&text[cursor.min(text.len())..], &mut out);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}
