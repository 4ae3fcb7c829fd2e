//! The `newsls annotate --format json` document: the contract the scorers and corpus tools read.
//!
//! Offsets are 0-based code points, end exclusive, and every `text` is the exact slice.
//! The schema is documented in docs/annotations.md; change both together.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};

use super::offsets::OffsetIndex;
use newsls_engine::AnchorStatus;
use newsls_engine::{
    Analysis, AnnotationKind, Diagnostic, Entity, Quote, QuoteKind, Span, TemporalExpression,
    TimelineEvent,
};

/// Schema version, bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 2;

/// Converts spans of one text to JSON objects.
pub struct SpanWriter<'a> {
    text: &'a str,
    index: OffsetIndex,
}

impl<'a> SpanWriter<'a> {
    pub fn new(text: &'a str) -> Self {
        SpanWriter {
            text,
            index: OffsetIndex::new(text),
        }
    }

    pub fn start(&self, span: Span) -> usize {
        self.index.code_point(span.start)
    }

    pub fn end(&self, span: Span) -> usize {
        self.index.code_point(span.end)
    }

    /// `{"start", "end", "text"}`.
    pub fn span(&self, span: Span) -> Value {
        json!({"start": self.start(span), "end": self.end(span), "text": span.slice(self.text)})
    }

    /// `{"start", "end"}` without the text.
    pub fn bounds(&self, span: Span) -> Value {
        json!({"start": self.start(span), "end": self.end(span)})
    }

    /// Adds `start`, `end` and `text` of `span` to an object.
    pub fn with_span(&self, span: Span, mut object: Value) -> Value {
        if let Value::Object(map) = &mut object {
            map.insert("start".into(), self.start(span).into());
            map.insert("end".into(), self.end(span).into());
            map.insert("text".into(), span.slice(self.text).into());
        }
        object
    }

    pub fn index(&self) -> &OffsetIndex {
        &self.index
    }
}

/// The whole annotation document of one article, as a JSON tree (for callers that add to it).
pub fn to_json(path: &str, text: &str, analysis: &Analysis) -> Value {
    serde_json::to_value(Annotations::new(path, text, analysis)).unwrap_or(Value::Null)
}

/// The annotation document of one article, serialised as it is written: each date, entity,
/// quote or finding is a JSON value only while it is written, so the hundreds of thousands of
/// findings of a long article never stand in memory as one tree.
pub struct Annotations<'a> {
    path: &'a str,
    analysis: &'a Analysis,
    writer: SpanWriter<'a>,
}

impl<'a> Annotations<'a> {
    pub fn new(path: &'a str, text: &'a str, analysis: &'a Analysis) -> Self {
        Annotations {
            path,
            analysis,
            writer: SpanWriter::new(text),
        }
    }
}

impl Serialize for Annotations<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (writer, analysis) = (&self.writer, self.analysis);
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("schema", &SCHEMA_VERSION)?;
        map.serialize_entry("path", self.path)?;
        map.serialize_entry("publication_date", &publication_date(writer, analysis))?;
        map.serialize_entry("document", &document(writer, analysis))?;
        let dates = Each(&analysis.dates, |date: &TemporalExpression| {
            Some(date_json(writer, analysis, date))
        });
        map.serialize_entry("dates", &dates)?;
        let entities = Each(&analysis.entities, |entity: &Entity| {
            Some(entity_json(writer, analysis, entity))
        });
        map.serialize_entry("entities", &entities)?;
        let quotes = Each(&analysis.quotes, |quote: &Quote| {
            quote_json(writer, analysis, quote)
        });
        map.serialize_entry("quotes", &quotes)?;
        map.serialize_entry("titles", &titles(writer, analysis))?;
        let timeline = Each(&analysis.timeline, |event: &TimelineEvent| {
            Some(event_json(writer, event))
        });
        map.serialize_entry("timeline", &timeline)?;
        let diagnostics = Each(&analysis.diagnostics, |diagnostic: &Diagnostic| {
            Some(diagnostic_json(writer, diagnostic))
        });
        map.serialize_entry("diagnostics", &diagnostics)?;
        map.serialize_entry("decisions", &decisions(writer, analysis))?;
        map.end()
    }
}

/// An array written one element at a time, each a JSON value only while it is written
/// (`None`: not written).
struct Each<'a, T, F>(&'a [T], F);

impl<T, F: Fn(&T) -> Option<Value>> Serialize for Each<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0 {
            if let Some(value) = (self.1)(item) {
                seq.serialize_element(&value)?;
            }
        }
        seq.end()
    }
}

fn publication_date(writer: &SpanWriter, analysis: &Analysis) -> Value {
    let Some(dct) = &analysis.publication_date else {
        return Value::Null;
    };
    let candidates: Vec<Value> = dct
        .candidates
        .iter()
        .map(|candidate| {
            let mut object =
                json!({"value": candidate.value.timex(), "source": candidate.source.name()});
            if let Some(span) = candidate.span {
                object = writer.with_span(span, object);
            }
            object
        })
        .collect();
    let mut object = json!({
        "value": dct.value.timex(),
        "source": dct.source.name(),
        "year_known": dct.date().is_some(),
        "start": Value::Null,
        "end": Value::Null,
        "candidates": candidates,
    });
    if let Some(span) = dct.span {
        object = writer.with_span(span, object);
    }
    object
}

fn document(writer: &SpanWriter, analysis: &Analysis) -> Value {
    let document = &analysis.document;
    json!({
        "headline": document.headline.map(|span| writer.span(span)),
        "paragraphs": document.paragraphs.len(),
        "sentences": document.sentences.len(),
        "boilerplate": document.boilerplate.iter().map(|span| writer.span(*span)).collect::<Vec<_>>(),
    })
}

fn date_json(writer: &SpanWriter, analysis: &Analysis, date: &TemporalExpression) -> Value {
    {
        {
            let mut object = json!({
                "type": date.timex_type.name(),
                "value": date.value.to_string(),
                "resolution": format!("{:?}", date.resolution).to_lowercase(),
                "explanation": date.explanation,
                "origin": analysis.origin(date.span, AnnotationKind::Date).name(),
            });
            if let (Some(modifier), Value::Object(map)) = (date.modifier, &mut object) {
                map.insert("mod".into(), modifier.name().into());
            }
            writer.with_span(date.span, object)
        }
    }
}

fn entity_json(writer: &SpanWriter, analysis: &Analysis, entity: &Entity) -> Value {
    {
        {
            json!({
                "id": format!("E{}", entity.id.0),
                "canonical": entity.canonical,
                "kind": entity.kind.name(),
                "role": entity.role,
                "definition": writer.span(entity.definition),
                "mentions": entity.mentions.iter().map(|mention| {
                    writer.with_span(mention.span, json!({
                        "kind": format!("{:?}", mention.kind).to_lowercase(),
                        "origin": analysis.origin(mention.span, AnnotationKind::Mention).name(),
                    }))
                }).collect::<Vec<_>>(),
            })
        }
    }
}

/// A quotation, or `None` for a quoted title: titles are not quotations of anyone; they stay
/// in `Analysis::quotes` for hovers.
fn quote_json(writer: &SpanWriter, analysis: &Analysis, quote: &Quote) -> Option<Value> {
    if quote.kind == QuoteKind::Title {
        return None;
    }
    {
        {
            let speaker = quote.speaker.as_ref().map(|speaker| {
                json!({
                    "name": speaker.name,
                    "entity": speaker.entity.map(|id| format!("E{}", id.0)),
                    "start": writer.start(speaker.span),
                    "end": writer.end(speaker.span),
                    "text": speaker.span.slice(writer.text),
                })
            });
            Some(writer.with_span(
                quote.span,
                json!({
                    "kind": quote.kind.name(),
                    "speaker": speaker,
                    "cue": quote.cue.map(|cue| writer.span(cue)),
                    "origin": analysis.origin(quote.span, AnnotationKind::Quote).name(),
                }),
            ))
        }
    }
}

/// Quoted titles of shows, books, films and laws ("Meet the Press"): quote marks that quote nobody.
fn titles(writer: &SpanWriter, analysis: &Analysis) -> Value {
    analysis
        .quotes
        .iter()
        .filter(|quote| quote.kind == QuoteKind::Title)
        .map(|quote| {
            writer.with_span(
                quote.span,
                json!({"origin": analysis.origin(quote.span, AnnotationKind::Quote).name()}),
            )
        })
        .collect()
}

fn event_json(writer: &SpanWriter, event: &TimelineEvent) -> Value {
    {
        {
            writer.with_span(
                event.date,
                json!({
                    "value": event.value.to_string(),
                    "summary": event.summary,
                    "sentence": writer.bounds(event.sentence),
                }),
            )
        }
    }
}

fn diagnostic_json(writer: &SpanWriter, diagnostic: &Diagnostic) -> Value {
    {
        {
            let (line, column) = writer.index().line_column(diagnostic.span.start);
            json!({
                "code": diagnostic.code.name(),
                "severity": diagnostic.severity.name(),
                "message": diagnostic.message,
                "start": writer.start(diagnostic.span),
                "end": writer.end(diagnostic.span),
                "line": line,
                "column": column,
                "fix": diagnostic.fix.as_ref().map(|fix| json!({
                    "title": fix.title,
                    "start": writer.start(fix.span),
                    "end": writer.end(fix.span),
                    "replacement": fix.replacement,
                })),
            })
        }
    }
}

fn decisions(writer: &SpanWriter, analysis: &Analysis) -> Value {
    analysis
        .decisions
        .iter()
        .map(|applied| {
            let status = match applied.status {
                AnchorStatus::Exact => "applied",
                AnchorStatus::Moved { .. } => "applied-moved",
                AnchorStatus::Lost => "lost",
            };
            let mut object = json!({
                "record": applied.record,
                "decision": applied.decision.name(),
                "label": applied.decision.label(),
                "status": status,
                "start": Value::Null,
                "end": Value::Null,
            });
            if let Some(span) = applied.span {
                object = writer.with_span(span, object);
            }
            object
        })
        .collect()
}
