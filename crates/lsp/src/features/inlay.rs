//! Inlay hints: the resolved date after each relative or underspecified date
//! ("on Tuesday" ▸ 2021-12-28), and the speaker after a quote whose attribution is not next to it.
//!
//! Pure: built from the snapshot's dates and quotes only.

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

use crate::documents::Snapshot;
use newsls_engine::{Resolution, TimexValue};
use newsls_engine::{Quote, Span};

/// A speaker named further than this from the quote (in bytes, either side) is not adjacent.
const ADJACENT_BYTES: usize = 40;

/// Whether an explicit value is not one day ("June", "the third quarter"), so its calendar
/// value says more than the text.
fn is_underspecified(value: &TimexValue) -> bool {
    !value.is_fully_specified() || value.day().is_none()
}

/// Whether the quote's speaker is named next to it, so a hint would repeat what is visible.
pub fn attribution_is_adjacent(quote: &Quote) -> bool {
    let Some(speaker) = &quote.speaker else {
        return true;
    };
    // Zero when the spans overlap; otherwise the bytes between them, whichever comes first.
    let gap = speaker
        .span
        .start
        .saturating_sub(quote.span.end)
        .max(quote.span.start.saturating_sub(speaker.span.end));
    gap <= ADJACENT_BYTES
}

fn hint(snapshot: &Snapshot, at: usize, label: String, tooltip: String) -> InlayHint {
    InlayHint {
        position: snapshot.lines.position(at),
        label: InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(tooltip)),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// The hints inside `within` (byte span of the visible range), in text order.
pub fn inlay_hints(snapshot: &Snapshot, within: Span) -> Vec<InlayHint> {
    let analysis = &snapshot.analysis;
    let visible = |span: Span| span.end >= within.start && span.start <= within.end;
    let mut hints: Vec<(usize, InlayHint)> = Vec::new();
    for date in analysis.dates.iter().filter(|date| visible(date.span)) {
        let relative = date.resolution == Resolution::Relative;
        let underspecified =
            date.resolution == Resolution::Explicit && is_underspecified(&date.value);
        if !(relative || underspecified) {
            continue;
        }
        let mut h = hint(
            snapshot,
            date.span.end,
            format!("▸ {}", date.value),
            date.explanation.clone(),
        );
        h.kind = Some(InlayHintKind::TYPE);
        hints.push((date.span.end, h));
    }
    for quote in analysis.quotes.iter().filter(|quote| visible(quote.span)) {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        if attribution_is_adjacent(quote) {
            continue;
        }
        let mut h = hint(
            snapshot,
            quote.span.end,
            format!("— {}", speaker.name),
            format!("speaker: {}", speaker.name),
        );
        h.kind = Some(InlayHintKind::PARAMETER);
        hints.push((quote.span.end, h));
    }
    hints.sort_by_key(|(at, _)| *at);
    hints.into_iter().map(|(_, hint)| hint).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::{snapshot_with, span_of};
    use newsls_engine::TimexType;
    use newsls_engine::{QuoteKind, Speaker, TemporalExpression};

    #[test]
    fn relative_dates_and_distant_speakers_get_hints() {
        let text = "Blinken spoke on Tuesday and on 3 May 2021. Then he added more, at length, about many things: \"We will see.\"";
        let mut analysis = newsls_engine::analyze(&newsls_engine::Input::new(text, &Default::default()), newsls_engine::Options::default());
        let date = |needle: &str, value: &str, resolution| TemporalExpression {
            span: span_of(text, needle, 0),
            timex_type: TimexType::Date,
            value: TimexValue::parse_date(value),
            modifier: None,
            resolution,
            basis: if resolution == Resolution::Explicit {
                newsls_engine::Basis::Written
            } else {
                newsls_engine::Basis::WeekdayNearPublication
            },
            explanation: String::new(),
        };
        analysis.dates = vec![
            date("Tuesday", "2021-12-28", Resolution::Relative),
            date("3 May 2021", "2021-05-03", Resolution::Explicit),
        ];
        analysis.quotes = vec![Quote {
            span: span_of(text, "\"We will see.\"", 0),
            kind: QuoteKind::Speech,
            speaker: Some(Speaker {
                name: "Antony Blinken".into(),
                entity: None,
                span: span_of(text, "Blinken", 0),
            }),
            cue: None,
        }];
        let snapshot = snapshot_with(text, analysis);
        let labels: Vec<String> = inlay_hints(&snapshot, Span::new(0, text.len()))
            .into_iter()
            .map(|hint| match hint.label {
                InlayHintLabel::String(label) => label,
                InlayHintLabel::LabelParts(_) => String::new(),
            })
            .collect();
        assert_eq!(
            labels,
            vec!["▸ 2021-12-28".to_string(), "— Antony Blinken".to_string()]
        );
        assert!(inlay_hints(&snapshot, Span::new(0, 5)).is_empty());
    }
}
