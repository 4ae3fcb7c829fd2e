//! The code lens of an annotation session: at the top of an article in standoff mode, how far
//! the session has gone (quotes attributed automatically, manually or still open; dates;
//! entities; open findings), from the same figures as `newsls stats`.
//!
//! Pure: built from the snapshot's analysis only.

use tower_lsp_server::ls_types::{CodeLens, Command, Position, Range};

use crate::documents::Snapshot;
use newsls_project::session::SessionStats;

/// The session summary, for articles of a standoff corpus; none in inline mode.
pub fn session_lens(snapshot: &Snapshot) -> Vec<CodeLens> {
    if !snapshot.annotations.standoff {
        return Vec::new();
    }
    let stats = SessionStats::of(&snapshot.analysis);
    vec![CodeLens {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        command: Some(Command {
            title: summary(&stats),
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }]
}

pub fn summary(stats: &SessionStats) -> String {
    format!(
        "Session: quotes {} automatic, {} manual, {} open · dates {} ({} manual) · entities {} · {} decision{} ({} lost) · {} open finding{}",
        stats.quotes_automatic,
        stats.quotes_manual,
        stats.quotes_open,
        stats.dates,
        stats.dates_manual,
        stats.entities,
        stats.decisions,
        if stats.decisions == 1 { "" } else { "s" },
        stats.lost,
        stats.open_findings,
        if stats.open_findings == 1 { "" } else { "s" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    #[test]
    fn the_lens_appears_only_in_standoff_mode() {
        let text = "date: 2021-12-13\n\n\"We will win,\" said Joe Biden on Friday.";
        let mut snapshot = snapshot(text);
        assert!(session_lens(&snapshot).is_empty());
        snapshot.annotations.standoff = true;
        let lenses = session_lens(&snapshot);
        let title = lenses
            .first()
            .and_then(|lens| lens.command.as_ref())
            .map(|command| command.title.clone())
            .unwrap_or_default();
        assert!(
            title.starts_with("Session: quotes 1 automatic, 0 manual, 0 open"),
            "{title}"
        );
    }
}
