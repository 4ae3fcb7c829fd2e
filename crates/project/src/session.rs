//! Progress of an annotation session, per article: quotes attributed automatically or by an
//! annotator, quotes still without a speaker, dates set by hand, decisions and lost anchors.
//! Shared by `newsls stats` and the language server's code lens.

use newsls_engine::AnchorStatus;
use newsls_engine::{Analysis, AnnotationKind, Code, Origin, QuoteKind, Severity};
use serde_json::{Value, json};

/// Progress figures of one article's annotation session.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SessionStats {
    pub quotes: usize,
    pub quotes_automatic: usize,
    pub quotes_manual: usize,
    pub quotes_open: usize,
    pub dates: usize,
    pub dates_manual: usize,
    pub entities: usize,
    pub decisions: usize,
    pub lost: usize,
    pub open_findings: usize,
}

impl SessionStats {
    pub fn of(analysis: &Analysis) -> SessionStats {
        let unattributed = |span| {
            analysis.diagnostics.iter().any(|d| {
                matches!(d.code, Code::UnattributedQuote | Code::UndecidedSpeaker)
                    && d.span.overlaps(span)
            })
        };
        // Quoted titles are no one's words: `annotate` does not list them, so they are not counted.
        let quotes = || {
            analysis
                .quotes
                .iter()
                .filter(|quote| quote.kind != QuoteKind::Title)
        };
        let mut stats = SessionStats {
            quotes: quotes().count(),
            dates: analysis.dates.len(),
            entities: analysis.entities.len(),
            decisions: analysis.decisions.len(),
            ..SessionStats::default()
        };
        for quote in quotes() {
            if unattributed(quote.span) {
                stats.quotes_open += 1;
            } else if quote.speaker.is_some() {
                match analysis.origin(quote.span, AnnotationKind::Quote) {
                    Origin::Manual => stats.quotes_manual += 1,
                    Origin::Automatic => stats.quotes_automatic += 1,
                }
            }
        }
        stats.dates_manual = analysis
            .dates
            .iter()
            .filter(|date| analysis.origin(date.span, AnnotationKind::Date) == Origin::Manual)
            .count();
        stats.lost = analysis
            .decisions
            .iter()
            .filter(|d| d.status == AnchorStatus::Lost)
            .count();
        stats.open_findings = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity <= Severity::Warning)
            .count();
        stats
    }

    pub fn add(&mut self, other: &SessionStats) {
        self.quotes += other.quotes;
        self.quotes_automatic += other.quotes_automatic;
        self.quotes_manual += other.quotes_manual;
        self.quotes_open += other.quotes_open;
        self.dates += other.dates;
        self.dates_manual += other.dates_manual;
        self.entities += other.entities;
        self.decisions += other.decisions;
        self.lost += other.lost;
        self.open_findings += other.open_findings;
    }

    pub fn to_json(self) -> Value {
        json!({
            "quotes": {"total": self.quotes, "automatic": self.quotes_automatic, "manual": self.quotes_manual, "open": self.quotes_open},
            "dates": {"total": self.dates, "manual": self.dates_manual},
            "entities": self.entities,
            "decisions": {"total": self.decisions, "lost": self.lost},
            "open_findings": self.open_findings,
        })
    }
}
