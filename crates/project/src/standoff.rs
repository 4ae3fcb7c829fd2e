//! Sidecar files of the standoff annotation layer: where they live, and their JSONL format.
//!
//! One sidecar per article, `<root>/.newsls/annotations/<article path relative to root>.jsonl`,
//! where the root is the folder of the nearest `newsls.toml` (else the article's folder). One
//! record per line, keys in a fixed order and records sorted by position, so that annotators can
//! review and merge layers in git. Offsets in the file are code points, like every newsls export;
//! they become byte offsets here, at the edge, before the pure engine sees the layer.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use newsls_engine::TimexType;
use newsls_engine::{Anchor, Decision, Layer, Record};
use newsls_engine::{Code, EntityKind, QuoteKind, Span};
use newsls_output::offsets::OffsetIndex;

/// The folder, under the corpus root, that holds the sidecars.
pub const SIDECAR_DIR: &str = ".newsls/annotations";

/// The sidecar of `article`. `root` is the corpus root (the folder of `newsls.toml`), if any.
pub fn sidecar_path(article: &Path, root: Option<&Path>) -> PathBuf {
    let article_folder = article.parent().unwrap_or(Path::new("."));
    let root = root.unwrap_or(article_folder);
    let absolute_article = std::path::absolute(article).unwrap_or_else(|_| article.to_path_buf());
    let absolute_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let relative = absolute_article
        .strip_prefix(&absolute_root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| PathBuf::from(article.file_name().unwrap_or_default()));
    let mut name = relative.into_os_string();
    name.push(".jsonl");
    root.join(SIDECAR_DIR).join(name)
}

/// A sidecar line that could not be read. The rest of the layer is still applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarProblem {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SidecarProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// Reads the layer of an article from its sidecar; a missing sidecar is an empty layer.
pub fn read_layer(sidecar: &Path, text: &str) -> (Layer, Vec<SidecarProblem>) {
    match std::fs::read_to_string(sidecar) {
        Ok(source) => parse_layer(&source, text, sidecar),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (Layer::default(), Vec::new())
        }
        Err(error) => (
            Layer::default(),
            vec![SidecarProblem {
                path: sidecar.to_path_buf(),
                line: 1,
                message: format!("cannot read the annotation sidecar: {error}"),
            }],
        ),
    }
}

/// Parses sidecar JSONL against the current text of its article.
pub fn parse_layer(source: &str, text: &str, path: &Path) -> (Layer, Vec<SidecarProblem>) {
    parse_records(source, path, &CodePointToByte::new(text))
}

fn parse_records(
    source: &str,
    path: &Path,
    byte_of: &CodePointToByte,
) -> (Layer, Vec<SidecarProblem>) {
    let mut layer = Layer::default();
    let mut problems = Vec::new();
    for (index, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_record(line, byte_of) {
            Ok(record) => layer.records.push(record),
            Err(message) => problems.push(SidecarProblem {
                path: path.to_path_buf(),
                line: index + 1,
                message,
            }),
        }
    }
    (layer, problems)
}

/// Parses sidecar JSONL without its article: spans stay in the file's code points.
/// For comparing two annotators' layers, where only the offsets as written matter.
pub fn parse_layer_as_written(source: &str, path: &Path) -> (Layer, Vec<SidecarProblem>) {
    parse_records(source, path, &CodePointToByte::identity())
}

/// Code-point offsets of the sidecar → byte offsets of the current text (clamped).
struct CodePointToByte {
    char_starts: Vec<usize>,
    len: usize,
}

impl CodePointToByte {
    fn new(text: &str) -> Self {
        CodePointToByte {
            char_starts: if text.is_ascii() {
                Vec::new()
            } else {
                text.char_indices().map(|(at, _)| at).collect()
            },
            len: text.len(),
        }
    }

    /// Keeps code-point offsets as they are, for comparing layers without their articles.
    fn identity() -> Self {
        CodePointToByte {
            char_starts: Vec::new(),
            len: usize::MAX,
        }
    }

    fn byte(&self, code_point: usize) -> usize {
        if self.char_starts.is_empty() {
            code_point.min(self.len)
        } else {
            self.char_starts
                .get(code_point)
                .copied()
                .unwrap_or(self.len)
        }
    }
}

fn string_field(object: &Map<String, Value>, key: &str) -> Result<String, String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| format!("the record needs a string `{key}`"))
}

fn optional_string(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

fn offset_field(object: &Map<String, Value>, key: &str) -> Result<usize, String> {
    object
        .get(key)
        .and_then(Value::as_u64)
        .map(|offset| offset as usize)
        .ok_or_else(|| format!("the record needs a whole number `{key}` (a code-point offset)"))
}

fn parse_record(line: &str, byte_of: &CodePointToByte) -> Result<Record, String> {
    let value: Value =
        serde_json::from_str(line).map_err(|error| format!("not a JSON object: {error}"))?;
    let object = value.as_object().ok_or("a record must be a JSON object")?;
    let start = offset_field(object, "start")?;
    let end = offset_field(object, "end")?;
    if end < start {
        return Err(format!("`end` ({end}) is before `start` ({start})"));
    }
    let decision_name = string_field(object, "decision")?;
    let decision = match decision_name.as_str() {
        "quote-speaker" => Decision::QuoteSpeaker {
            name: string_field(object, "speaker")?,
        },
        "quote-kind" => Decision::QuoteKind {
            kind: quote_kind(&string_field(object, "kind")?)?,
        },
        "date-value" => Decision::DateValue {
            value: string_field(object, "value")?,
        },
        "mention-entity" => Decision::MentionEntity {
            entity: string_field(object, "entity")?,
        },
        "mention-unlink" => Decision::MentionUnlink,
        "entity-merge" => Decision::EntityMerge {
            into: string_field(object, "into")?,
        },
        "add-entity" => {
            let kind = string_field(object, "kind")?;
            Decision::AddEntity {
                kind: EntityKind::parse(&kind).ok_or_else(|| {
                    format!("unknown entity kind {kind:?}: use PERSON, ORG, PLACE or OTHER")
                })?,
                canonical: optional_string(object, "canonical"),
            }
        }
        "add-quote" => Decision::AddQuote {
            speaker: optional_string(object, "speaker"),
        },
        "add-date" => {
            let kind = string_field(object, "type")?;
            Decision::AddDate {
                timex_type: timex_type(&kind)?,
                value: string_field(object, "value")?,
            }
        }
        "dismiss" => {
            let code = string_field(object, "code")?;
            Decision::Dismiss {
                code: Code::from_name(&code)
                    .ok_or_else(|| format!("unknown rule {code:?} (see docs/rules.md)"))?,
                reason: optional_string(object, "reason").unwrap_or_default(),
            }
        }
        other => return Err(format!("unknown decision {other:?}")),
    };
    Ok(Record {
        id: optional_string(object, "id").unwrap_or_else(|| format!("{decision_name}-{start}")),
        anchor: Anchor {
            span: Span::new(byte_of.byte(start), byte_of.byte(end)),
            text: string_field(object, "text")?,
            before: optional_string(object, "before").unwrap_or_default(),
            after: optional_string(object, "after").unwrap_or_default(),
        },
        decision,
        author: optional_string(object, "author"),
        note: optional_string(object, "note"),
    })
}

fn quote_kind(name: &str) -> Result<QuoteKind, String> {
    match name {
        "speech" => Ok(QuoteKind::Speech),
        "title" => Ok(QuoteKind::Title),
        "scare" => Ok(QuoteKind::Scare),
        other => Err(format!(
            "unknown quote kind {other:?}: use speech, title or scare"
        )),
    }
}

fn timex_type(name: &str) -> Result<TimexType, String> {
    match name {
        "DATE" => Ok(TimexType::Date),
        "TIME" => Ok(TimexType::Time),
        "DURATION" => Ok(TimexType::Duration),
        "SET" => Ok(TimexType::Set),
        other => Err(format!(
            "unknown TIMEX3 type {other:?}: use DATE, TIME, DURATION or SET"
        )),
    }
}

/// One record as a sidecar line (no newline), offsets in code points of `text`.
pub fn record_line(index: &OffsetIndex, record: &Record) -> String {
    // Keys in a fixed, readable order (serde_json's map would sort them): identity, target,
    // the decision's own fields, then context and provenance.
    let mut fields: Vec<(&str, Value)> = vec![
        ("id", record.id.clone().into()),
        ("decision", record.decision.name().into()),
        ("start", index.code_point(record.anchor.span.start).into()),
        ("end", index.code_point(record.anchor.span.end).into()),
        ("text", record.anchor.text.clone().into()),
    ];
    match &record.decision {
        Decision::QuoteSpeaker { name } => fields.push(("speaker", name.clone().into())),
        Decision::QuoteKind { kind } => fields.push(("kind", kind.name().into())),
        Decision::DateValue { value } => fields.push(("value", value.clone().into())),
        Decision::MentionEntity { entity } => fields.push(("entity", entity.clone().into())),
        Decision::MentionUnlink => {}
        Decision::EntityMerge { into } => fields.push(("into", into.clone().into())),
        Decision::AddEntity { kind, canonical } => {
            fields.push(("kind", kind.name().into()));
            if let Some(canonical) = canonical {
                fields.push(("canonical", canonical.clone().into()));
            }
        }
        Decision::AddQuote { speaker } => {
            if let Some(speaker) = speaker {
                fields.push(("speaker", speaker.clone().into()));
            }
        }
        Decision::AddDate { timex_type, value } => {
            fields.push(("type", timex_type.name().into()));
            fields.push(("value", value.clone().into()));
        }
        Decision::Dismiss { code, reason } => {
            fields.push(("code", code.name().into()));
            fields.push(("reason", reason.clone().into()));
        }
    }
    fields.push(("before", record.anchor.before.clone().into()));
    fields.push(("after", record.anchor.after.clone().into()));
    if let Some(author) = &record.author {
        fields.push(("author", author.clone().into()));
    }
    if let Some(note) = &record.note {
        fields.push(("note", note.clone().into()));
    }
    let fields: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}:{value}", json!(key)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// The whole sidecar for a layer: records sorted by position, then by id.
pub fn layer_source(text: &str, layer: &Layer) -> String {
    let index = OffsetIndex::new(text);
    let mut records: Vec<&Record> = layer.records.iter().collect();
    records.sort_by(|a, b| a.anchor.span.cmp(&b.anchor.span).then(a.id.cmp(&b.id)));
    let mut out = String::new();
    for record in records {
        out.push_str(&record_line(&index, record));
        out.push('\n');
    }
    out
}

/// A record id not used yet in `layer`: the decision's name and the start offset.
pub fn fresh_id(layer: &Layer, decision: &Decision, code_point_start: usize) -> String {
    let base = format!("{}-{code_point_start}", decision.name());
    let taken = |id: &str| layer.records.iter().any(|record| record.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|suffix| format!("{base}-{suffix}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsls_engine::make_anchor;

    #[test]
    fn records_round_trip_with_code_point_offsets() {
        let text = "\u{201c}We\u{2019}ll see,\u{201d} Biden said.";
        let start = 0;
        let end = text.find(" Biden").unwrap_or(0);
        let record = Record {
            id: "quote-speaker-0".into(),
            anchor: make_anchor(text, Span::new(start, end)),
            decision: Decision::QuoteSpeaker {
                name: "Joe Biden".into(),
            },
            author: Some("ann".into()),
            note: None,
        };
        let layer = Layer {
            records: vec![record.clone()],
        };
        let source = layer_source(text, &layer);
        assert!(
            source.starts_with(
                "{\"id\":\"quote-speaker-0\",\"decision\":\"quote-speaker\",\"start\":0,\"end\":12,"
            ),
            "{source}"
        );
        let (parsed, problems) = parse_layer(&source, text, Path::new("a.jsonl"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(parsed.records, vec![record]);
    }

    #[test]
    fn bad_lines_are_reported_with_their_line_and_the_rest_is_kept() {
        let text = "Some text here.";
        let source = "{not json\n\n{\"decision\":\"dismiss\",\"start\":0,\"end\":4,\"text\":\"Some\",\"code\":\"no-such\"}\n{\"decision\":\"dismiss\",\"start\":0,\"end\":4,\"text\":\"Some\",\"code\":\"boilerplate\"}\n";
        let (layer, problems) = parse_layer(source, text, Path::new("s.jsonl"));
        assert_eq!(layer.records.len(), 1);
        let lines: Vec<usize> = problems.iter().map(|problem| problem.line).collect();
        assert_eq!(lines, vec![1, 3]);
        assert!(
            problems[1]
                .to_string()
                .starts_with("s.jsonl:3: unknown rule"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn sidecars_live_under_the_corpus_root() {
        let path = sidecar_path(Path::new("/corpus/2021/a.txt"), Some(Path::new("/corpus")));
        assert_eq!(
            path,
            PathBuf::from("/corpus/.newsls/annotations/2021/a.txt.jsonl")
        );
        let path = sidecar_path(Path::new("/x/b.md"), None);
        assert_eq!(path, PathBuf::from("/x/.newsls/annotations/b.md.jsonl"));
    }
}
