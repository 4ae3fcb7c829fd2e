//! The timeline of a corpus (`newsls timeline`): the dated events of every article in
//! chronological order, as text lines, JSON, or one self-contained HTML page with the events
//! drawn on a date axis (inline SVG, no script or font from the network).
//!
//! It takes analyses and texts and returns strings; it reads no files and prints nothing.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Value, json};

use super::offsets::OffsetIndex;
use newsls_engine::TimexValue;
use newsls_engine::participants;
use newsls_engine::{Analysis, EntityKind};

/// One dated event of the corpus, with its place in its article.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEvent {
    /// The article, as the user named it (a path).
    pub article: String,
    pub value: TimexValue,
    /// The date expression as written.
    pub text: String,
    pub summary: String,
    /// 1-based line and column (in code points) of the date expression.
    pub line: usize,
    pub column: usize,
    pub entities: Vec<(String, EntityKind)>,
}

/// The events of one analysed article, in its timeline's order.
pub fn article_events(article: &str, text: &str, analysis: &Analysis) -> Vec<CorpusEvent> {
    let offsets = OffsetIndex::new(text);
    analysis
        .timeline
        .iter()
        .zip(participants(&analysis.timeline, &analysis.entities))
        .map(|(event, participants)| {
            let (line, column) = offsets.line_column(event.date.start);
            CorpusEvent {
                article: article.to_string(),
                value: event.value.clone(),
                text: event.date.slice(text).to_string(),
                summary: event.summary.clone(),
                line,
                column,
                entities: participants
                    .into_iter()
                    .map(|index| {
                        let entity = &analysis.entities[index];
                        (entity.canonical.clone(), entity.kind)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Puts the events of many articles in chronological order (a week, quarter or season by its
/// first day; unresolved dates last), then by article and position.
pub fn sort_chronologically(events: &mut [CorpusEvent]) {
    events.sort_by(|left, right| {
        left.value
            .chronological_cmp(&right.value)
            .then_with(|| left.article.cmp(&right.article))
            .then((left.line, left.column).cmp(&(right.line, right.column)))
    });
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

/// One line per event: `2021-12-12  seeds/003.txt:16:30  on Sunday  US Secretary … [Antony Blinken]`.
pub fn to_text(events: &[CorpusEvent]) -> String {
    let width = events
        .iter()
        .map(|event| event.value.to_string().len())
        .max()
        .unwrap_or(10);
    let mut out = String::new();
    for event in events {
        let _ = write!(
            out,
            "{:width$}  {}:{}:{}  {}",
            event.value.to_string(),
            event.article,
            event.line,
            event.column,
            event.summary
        );
        if !event.entities.is_empty() {
            let names: Vec<&str> = event
                .entities
                .iter()
                .map(|(name, _)| name.as_str())
                .collect();
            let _ = write!(out, "  [{}]", names.join(", "));
        }
        out.push('\n');
    }
    out
}

/// `{"events": [{value, start, end, granularity, text, summary, path, line, column, entities}]}`.
pub fn to_json(events: &[CorpusEvent]) -> Value {
    let events: Vec<Value> = events
        .iter()
        .map(|event| {
            let days = event.value.days();
            json!({
                "value": event.value.to_string(),
                "start": days.map(|(first, _)| first.to_string()),
                "end": days.map(|(_, last)| last.to_string()),
                "granularity": event.value.granularity().name(),
                "text": event.text,
                "summary": event.summary,
                "path": event.article,
                "line": event.line,
                "column": event.column,
                "entities": event.entities.iter().map(|(name, kind)| json!({"name": name, "kind": kind_name(*kind)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "events": events })
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const ROW_HEIGHT: f64 = 28.0;
const LABEL_WIDTH: f64 = 260.0;
const PLOT_WIDTH: f64 = 900.0;
const AXIS_HEIGHT: f64 = 40.0;

/// Where the page's axis starts and ends (day numbers since 1970), with a margin.
fn axis_bounds(days: &[(i64, i64)]) -> (i64, i64) {
    let first = days.iter().map(|(first, _)| *first).min().unwrap_or(0);
    let last = days.iter().map(|(_, last)| *last).max().unwrap_or(first);
    let margin = ((last - first) / 20).max(1);
    (first - margin, last + margin)
}

fn day_number(date: jiff::civil::Date) -> i64 {
    i64::from(
        date.since(jiff::civil::date(1970, 1, 1))
            .map(|span| span.get_days())
            .unwrap_or(0),
    )
}

fn date_of(day: i64) -> jiff::civil::Date {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .unwrap_or(jiff::civil::date(1970, 1, 1))
}

/// Ticks for the axis: about eight, at round dates (years, months or days by the span).
fn ticks(first: i64, last: i64) -> Vec<(i64, String)> {
    let span = (last - first).max(1);
    let (first_date, last_date) = (date_of(first), date_of(last));
    let mut ticks = Vec::new();
    if span > 3 * 365 {
        let step = ((span / 365) / 8).max(1) as i16;
        let mut year = first_date.year() + 1;
        while year <= last_date.year() {
            ticks.push((day_number(jiff::civil::date(year, 1, 1)), year.to_string()));
            year += step;
        }
    } else if span > 60 {
        let months = (span / 30).max(1);
        let step = (months / 8).max(1) as i32;
        let mut cursor = jiff::civil::date(first_date.year(), first_date.month(), 1);
        while day_number(cursor) <= last {
            if day_number(cursor) >= first {
                ticks.push((day_number(cursor), cursor.strftime("%Y-%m").to_string()));
            }
            cursor = cursor
                .checked_add(jiff::Span::new().months(step))
                .unwrap_or(last_date);
            if cursor >= last_date {
                break;
            }
        }
    } else {
        let step = (span / 8).max(1);
        let mut day = first;
        while day <= last {
            ticks.push((day, date_of(day).to_string()));
            day += step;
        }
    }
    ticks
}

/// One self-contained page: a row per article, each event a mark (a dot for a day or time, a
/// bar for a longer span) at its days on a shared axis, with its sentence as a tooltip and
/// link; the events listed below in order; a filter by entity (a few lines of inline script:
/// the page works without it). Unresolved events are listed, not drawn.
pub fn to_html(events: &[CorpusEvent], title: &str) -> String {
    let placed: Vec<(usize, i64, i64)> = events
        .iter()
        .enumerate()
        .filter_map(|(index, event)| {
            let (first, last) = event.value.days()?;
            Some((index, day_number(first), day_number(last)))
        })
        .collect();
    let spans: Vec<(i64, i64)> = placed
        .iter()
        .map(|(_, first, last)| (*first, *last))
        .collect();
    let (axis_first, axis_last) = axis_bounds(&spans);
    let scale = PLOT_WIDTH / ((axis_last - axis_first).max(1) as f64);
    let x = |day: i64| LABEL_WIDTH + (day - axis_first) as f64 * scale;
    let mut rows: BTreeMap<&str, usize> = BTreeMap::new();
    for event in events {
        let next = rows.len();
        rows.entry(event.article.as_str()).or_insert(next);
    }
    // Rows in the order of the articles' names.
    let row_of: BTreeMap<&str, usize> = rows
        .keys()
        .enumerate()
        .map(|(row, article)| (*article, row))
        .collect();
    let height = AXIS_HEIGHT + ROW_HEIGHT * row_of.len().max(1) as f64 + 10.0;
    let width = LABEL_WIDTH + PLOT_WIDTH + 20.0;
    let mut entities: BTreeMap<&str, usize> = BTreeMap::new();
    for event in events {
        for (name, _) in &event.entities {
            *entities.entry(name.as_str()).or_default() += 1;
        }
    }

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" id="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="timeline">"#
    );
    for (row, article) in row_of.iter().map(|(article, row)| (*row, *article)) {
        let y = AXIS_HEIGHT + ROW_HEIGHT * row as f64;
        let _ = write!(
            svg,
            r#"<rect class="row" x="0" y="{y}" width="{width}" height="{ROW_HEIGHT}"/><text class="article" x="6" y="{}">{}</text>"#,
            y + ROW_HEIGHT * 0.65,
            escape(&shorten(article, 36))
        );
    }
    for (day, label) in ticks(axis_first, axis_last) {
        let tick_x = x(day);
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{tick_x:.1}" y1="{}" x2="{tick_x:.1}" y2="{height}"/><text class="tick-label" x="{tick_x:.1}" y="{}">{}</text>"#,
            AXIS_HEIGHT - 8.0,
            AXIS_HEIGHT - 14.0,
            escape(&label)
        );
    }
    for (index, first, last) in &placed {
        let event = &events[*index];
        let row = row_of.get(event.article.as_str()).copied().unwrap_or(0);
        let y = AXIS_HEIGHT + ROW_HEIGHT * row as f64 + ROW_HEIGHT / 2.0;
        let names: Vec<&str> = event
            .entities
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        let tooltip = format!(
            "{} ({}) — {}:{} — {}",
            event.value, event.text, event.article, event.line, event.summary
        );
        let _ = write!(
            svg,
            r##"<a class="event" href="#e{index}" data-entities="{}" data-value="{}"><title>{}</title>"##,
            escape(&names.join("|")),
            escape(&event.value.to_string()),
            escape(&tooltip)
        );
        if last > first {
            let _ = write!(
                svg,
                r#"<rect class="span" x="{:.1}" y="{:.1}" width="{:.1}" height="8" rx="3"/>"#,
                x(*first),
                y - 4.0,
                ((x(*last + 1) - x(*first)).max(3.0))
            );
        } else {
            let _ = write!(
                svg,
                r#"<circle class="day" cx="{:.1}" cy="{y:.1}" r="5"/>"#,
                x(*first)
            );
        }
        svg.push_str("</a>");
    }
    svg.push_str("</svg>");

    let mut list = String::new();
    for (index, event) in events.iter().enumerate() {
        let names: Vec<&str> = event
            .entities
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        let days = match event.value.days() {
            Some((first, last)) if first == last => first.to_string(),
            Some((first, last)) => format!("{first} – {last}"),
            None => "unresolved".to_string(),
        };
        let _ = write!(
            list,
            r#"<tr id="e{index}" class="event-row" data-entities="{}"><td class="value">{}</td><td>{}</td><td class="where">{}:{}:{}</td><td><b>{}</b> {}</td><td>{}</td></tr>"#,
            escape(&names.join("|")),
            escape(&event.value.to_string()),
            escape(&days),
            escape(&event.article),
            event.line,
            event.column,
            escape(&event.text),
            escape(&event.summary),
            escape(&names.join(", "))
        );
    }
    let mut options = String::from(r#"<option value="">every entity</option>"#);
    for (name, count) in &entities {
        let _ = write!(
            options,
            r#"<option value="{}">{} ({count})</option>"#,
            escape(name),
            escape(name)
        );
    }
    let unplaced = events.len() - placed.len();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title} — newsls timeline</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d1d1f; background: #fff; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }}
.summary {{ color: #555; margin: 0 0 16px; }}
.row:nth-of-type(even) {{ fill: #f4f6f8; }} .row {{ fill: #fff; }}
.article {{ font-size: 12px; fill: #333; }}
.tick {{ stroke: #d0d4d8; stroke-width: 1; }}
.tick-label {{ font-size: 11px; fill: #555; text-anchor: middle; }}
.day {{ fill: #2563eb; stroke: #fff; stroke-width: 1.5; }}
.span {{ fill: #2563eb; opacity: 0.45; }}
.event.dimmed {{ opacity: 0.12; }}
table {{ border-collapse: collapse; margin-top: 20px; width: 100%; }}
td {{ border-top: 1px solid #e3e6ea; padding: 4px 8px; vertical-align: top; }}
td.value {{ font-family: ui-monospace, monospace; white-space: nowrap; }}
td.where {{ font-family: ui-monospace, monospace; color: #555; white-space: nowrap; }}
tr.hidden {{ display: none; }}
tr:target {{ background: #fff4c2; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="summary">{count} dated events in {articles} articles, in chronological order{unplaced_note}.</p>
<label>Entity: <select id="entity">{options}</select></label>
<div class="chart">{svg}</div>
<table><tbody>{list}</tbody></table>
<script>
document.getElementById('entity').addEventListener('change', function () {{
  var name = this.value;
  document.querySelectorAll('[data-entities]').forEach(function (node) {{
    var hit = !name || node.getAttribute('data-entities').split('|').indexOf(name) >= 0;
    node.classList.toggle(node.tagName === 'TR' ? 'hidden' : 'dimmed', !hit);
  }});
}});
</script>
</body>
</html>
"#,
        title = escape(title),
        count = events.len(),
        articles = row_of.len(),
        unplaced_note = if unplaced > 0 {
            format!(" ({unplaced} unresolved, listed last and not drawn)")
        } else {
            String::new()
        },
    )
}

/// The end of a long path, which tells articles apart.
fn shorten(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - (limit - 1)).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsls_engine::{Input, Options, Settings, analyze};

    fn events(articles: &[(&str, &str)]) -> Vec<CorpusEvent> {
        let settings = Settings {
            publication_date: Some(jiff::civil::date(2021, 12, 13)),
            ..Settings::default()
        };
        let mut all = Vec::new();
        for (name, text) in articles {
            all.extend(article_events(
                name,
                text,
                &analyze(&Input::new(text, &settings), Options::default()),
            ));
        }
        sort_chronologically(&mut all);
        all
    }

    #[test]
    fn the_corpus_is_ordered_by_each_values_first_day() {
        let all = events(&[
            (
                "b.txt",
                "Antony Blinken spoke last week.\n\nSales fell in the third quarter.\n",
            ),
            ("a.txt", "Prices rose on December 1.\n"),
        ]);
        let values: Vec<String> = all.iter().map(|event| event.value.to_string()).collect();
        assert_eq!(values, ["2021-Q3", "2021-12-01", "2021-W49"]);
        assert_eq!((all[2].line, all[2].column), (1, 22));
        assert_eq!(
            all[2].entities,
            [("Antony Blinken".to_string(), EntityKind::Person)]
        );
        let json = to_json(&all);
        assert_eq!(json["events"][2]["start"], "2021-12-06");
        assert_eq!(json["events"][2]["granularity"], "week");
        let text = to_text(&all);
        assert!(
            text.lines().nth(2).is_some_and(
                |line| line.contains("b.txt:1:22") && line.ends_with("[Antony Blinken]")
            ),
            "{text}"
        );
    }

    #[test]
    fn the_page_draws_each_placed_event_and_escapes_the_text() {
        let all = events(&[(
            "<a>.txt",
            "Prices rose on December 1 & fell in the third quarter.\n",
        )]);
        let page = to_html(&all, "corpus <1>");
        assert_eq!(page.matches(r#"<a class="event""#).count(), 2);
        assert_eq!(page.matches(r#"<tr id="e"#).count(), 2);
        assert!(page.contains("corpus &lt;1&gt;"));
        assert!(page.contains("&lt;a&gt;.txt"));
        assert_eq!(
            page.matches("http://").count(),
            1,
            "only the SVG namespace: {page}"
        );
    }
}
