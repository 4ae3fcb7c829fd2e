//! Hovers: what newsls knows about the date, entity or quote under the cursor.
//!
//! Quotes, dates and mentions decided by an annotator (the standoff layer) are marked manual.
//!
//! Pure: built from the snapshot's analysis only; it must not know about other documents.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::documents::Snapshot;
use newsls_engine::{Resolution, TimexValue};
use newsls_engine::summarize;
use newsls_engine::{Analysis, AnnotationKind, Entity, Origin, Quote, Span, TemporalExpression};

/// How a hover marks a quote, date or mention decided by an annotator (standoff layer).
pub const MANUAL_MARK: &str = "✎ manual: decided by an annotator";

/// What a hover can be about.
enum Subject<'a> {
    Entity(&'a Entity),
    Date(&'a TemporalExpression),
    Quote(&'a Quote),
}

/// The thing under byte `offset`: the smallest span around it wins (a name inside a time
/// expression, a date inside a quote); on equal spans an entity, then a date, then a quote.
fn subject_at(analysis: &Analysis, offset: usize) -> Option<(Span, Subject<'_>)> {
    let mut candidates: Vec<(Span, u8, Subject<'_>)> = Vec::new();
    for entity in &analysis.entities {
        for mention in entity.mentions.iter().filter(|m| m.span.contains(offset)) {
            candidates.push((mention.span, 0, Subject::Entity(entity)));
        }
    }
    for date in analysis.dates.iter().filter(|d| d.span.contains(offset)) {
        candidates.push((date.span, 1, Subject::Date(date)));
    }
    for quote in &analysis.quotes {
        if quote.span.contains(offset) {
            candidates.push((quote.span, 2, Subject::Quote(quote)));
        }
        if let Some(speaker) = quote.speaker.as_ref().filter(|s| s.span.contains(offset)) {
            candidates.push((speaker.span, 2, Subject::Quote(quote)));
        }
    }
    candidates
        .into_iter()
        .min_by_key(|(span, rank, _)| (span.len(), *rank))
        .map(|(span, _, subject)| (span, subject))
}

/// The hover at byte `offset`.
pub fn hover(snapshot: &Snapshot, offset: usize) -> Option<Hover> {
    let analysis = &snapshot.analysis;
    let text = snapshot.text();
    let (span, subject) = subject_at(analysis, offset)?;
    let (mut markdown, own_span, kind) = match subject {
        Subject::Entity(entity) => (
            entity_markdown(analysis, text, entity),
            span,
            AnnotationKind::Mention,
        ),
        Subject::Date(date) => (date_markdown(date), date.span, AnnotationKind::Date),
        Subject::Quote(quote) => (
            quote_markdown(analysis, text, quote),
            quote.span,
            AnnotationKind::Quote,
        ),
    };
    if analysis.origin(own_span, kind) == Origin::Manual {
        markdown.push_str(&format!("\n\n{MANUAL_MARK}"));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snapshot.lines.range(span)),
    })
}

/// "Sunday" for "2021-12-12"; nothing for values that are not one day.
pub fn weekday(value: &TimexValue) -> Option<String> {
    Some(format!("{:?}", value.day()?.weekday()))
}

pub fn date_markdown(date: &TemporalExpression) -> String {
    let mut out = format!("**{}**", date.value);
    if let Some(weekday) = weekday(&date.value) {
        out.push_str(&format!(" ({weekday})"));
    }
    out.push_str(&format!("\n\n{}", date.timex_type.name()));
    if let Some(modifier) = date.modifier {
        out.push_str(&format!(", mod {}", modifier.name()));
    }
    let how = match date.resolution {
        Resolution::Explicit => "explicit in the text",
        Resolution::Relative => "resolved from context",
        Resolution::Unresolved => "not resolved",
    };
    out.push_str(&format!(" · {how}"));
    if !date.explanation.is_empty() {
        out.push_str(&format!("\n\n{}", date.explanation));
    }
    out
}

fn defining_sentence(analysis: &Analysis, text: &str, definition: Span) -> String {
    let sentence = analysis
        .document
        .sentence_at(definition.start)
        .unwrap_or(definition);
    summarize(sentence.slice(text))
}

pub fn entity_markdown(analysis: &Analysis, text: &str, entity: &Entity) -> String {
    let mut out = format!("**{}** · {}", entity.canonical, entity.kind.name());
    if let Some(role) = &entity.role {
        out.push_str(&format!("\n\n{role}"));
    }
    let mentions = entity.mentions.len();
    out.push_str(&format!(
        "\n\n{mentions} mention{} in this article",
        if mentions == 1 { "" } else { "s" }
    ));
    out.push_str(&format!(
        "\n\nDefined in: _{}_",
        defining_sentence(analysis, text, entity.definition)
    ));
    out
}

pub fn quote_markdown(analysis: &Analysis, text: &str, quote: &Quote) -> String {
    let mut out = format!("**{} quote**", quote.kind.name());
    match &quote.speaker {
        Some(speaker) => {
            out.push_str(&format!("\n\nSpeaker: **{}**", speaker.name));
            let role = speaker
                .entity
                .and_then(|id| analysis.entity(id))
                .and_then(|entity| entity.role.as_deref());
            if let Some(role) = role {
                out.push_str(&format!(" ({role})"));
            }
        }
        None => out.push_str("\n\nSpeaker: _unattributed_"),
    }
    if let Some(cue) = quote.cue {
        out.push_str(&format!("\n\nCue: “{}”", cue.slice(text)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot_with, span_of};
    use newsls_engine::TimexType;
    use newsls_engine::MentionKind;
    use newsls_engine::{EntityId, EntityKind, Mention, QuoteKind, Speaker};

    const TEXT: &str = "Antony Blinken spoke on Sunday. \"Exciting news!\" Blinken said.";

    fn analysed() -> Analysis {
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(TEXT, &Default::default()), newsls_engine::Options::default());
        analysis.dates = vec![TemporalExpression {
            span: span_of(TEXT, "Sunday", 0),
            timex_type: TimexType::Date,
            value: TimexValue::parse_date("2021-12-12"),
            modifier: None,
            resolution: Resolution::Relative,
            basis: newsls_engine::Basis::WeekdayNearPublication,
            explanation: "the Sunday before the publication date 2021-12-13".into(),
        }];
        analysis.entities = vec![Entity {
            id: EntityId(0),
            canonical: "Antony Blinken".into(),
            kind: EntityKind::Person,
            role: Some("US Secretary of State".into()),
            definition: span_of(TEXT, "Antony Blinken", 0),
            mentions: vec![
                Mention {
                    span: span_of(TEXT, "Antony Blinken", 0),
                    kind: MentionKind::Name,
                },
                Mention {
                    span: span_of(TEXT, "Blinken", 1),
                    kind: MentionKind::Name,
                },
            ],
        }];
        analysis.quotes = vec![Quote {
            span: span_of(TEXT, "\"Exciting news!\"", 0),
            kind: QuoteKind::Speech,
            speaker: Some(Speaker {
                name: "Antony Blinken".into(),
                entity: Some(EntityId(0)),
                span: span_of(TEXT, "Blinken", 1),
            }),
            cue: Some(span_of(TEXT, "said", 0)),
        }];
        analysis
    }

    fn hover_text(needle: &str, nth: usize) -> String {
        let snapshot = snapshot_with(TEXT, analysed());
        let offset = span_of(TEXT, needle, nth).start + 1;
        match hover(&snapshot, offset).map(|hover| hover.contents) {
            Some(HoverContents::Markup(markup)) => markup.value,
            other => panic!("no markdown hover on {needle}: {other:?}"),
        }
    }

    #[test]
    fn a_date_shows_value_weekday_and_how_it_was_resolved() {
        let shown = hover_text("Sunday", 0);
        assert!(
            shown.contains("2021-12-12") && shown.contains("(Sunday)"),
            "{shown}"
        );
        assert!(shown.contains("the Sunday before"), "{shown}");
    }

    #[test]
    fn an_entity_shows_name_kind_role_mentions_and_definition() {
        let shown = hover_text("Blinken", 1);
        for expected in [
            "Antony Blinken",
            "PERSON",
            "US Secretary of State",
            "2 mentions",
        ] {
            assert!(shown.contains(expected), "{expected} missing from {shown}");
        }
    }

    #[test]
    fn a_quote_shows_speaker_role_and_cue() {
        let shown = hover_text("Exciting", 0);
        assert!(
            shown.contains("Speaker: **Antony Blinken** (US Secretary of State)"),
            "{shown}"
        );
        assert!(shown.contains("Cue: “said”"), "{shown}");
    }

    #[test]
    fn plain_words_have_no_hover() {
        let snapshot = snapshot_with(TEXT, analysed());
        assert!(hover(&snapshot, span_of(TEXT, "spoke", 0).start).is_none());
    }
}
