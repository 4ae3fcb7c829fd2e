//! Re-analysing the open documents after a change of what their analysis depends on (the
//! editor's settings, a `newsls.toml`, a sidecar changed on disk), and then asking the client
//! to pull again what it shows from the analyses: `workspace/inlayHint/refresh`,
//! `workspace/codeLens/refresh` and `workspace/semanticTokens/refresh`, each only when the
//! client announced its `refreshSupport`.
//!
//! Never on an edit of the document itself: the client pulls those features again after its
//! own edits. The waiting and the asking run in a spawned task, so the notification that
//! caused them returns at once. It knows nothing of the features themselves.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::MessageType;

use super::global_state::Shared;

/// How long the refresh waits for the open documents' analyses before it asks anyway.
const REANALYSIS_WAIT: Duration = Duration::from_secs(10);

impl Shared {
    /// Wakes every open document's worker; with `refresh`, asks the client to refresh its
    /// pulled features once each of them has stored a new analysis (or after `REANALYSIS_WAIT`).
    pub(crate) fn reanalyse_open_documents(self: &Arc<Self>, refresh: bool) {
        let support = self.session().refresh;
        if !refresh || !support.any() {
            self.documents.wake_all();
            return;
        }
        // Subscribed before the wake-up, so that each new analysis counts as a change.
        let pending: Vec<_> = self
            .documents
            .open_uris()
            .iter()
            .filter_map(|uri| self.documents.subscribe(uri))
            .map(|(_, receiver)| receiver)
            .collect();
        self.documents.wake_all();
        if pending.is_empty() {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            let deadline = Instant::now() + REANALYSIS_WAIT;
            for mut receiver in pending {
                // A closed document's channel ends: nothing to wait for.
                let _ = tokio::time::timeout_at(deadline, receiver.changed()).await;
            }
            let client = &shared.client;
            let answers = tokio::join!(
                ask_if(support.inlay_hints, client.inlay_hint_refresh()),
                ask_if(support.code_lenses, client.code_lens_refresh()),
                ask_if(support.semantic_tokens, client.semantic_tokens_refresh()),
            );
            let answers = [
                (answers.0, "inlay hints"),
                (answers.1, "code lenses"),
                (answers.2, "semantic tokens"),
            ];
            for (answer, what) in answers {
                if let Err(error) = answer {
                    shared.log(
                        MessageType::WARNING,
                        format_args!("refreshing {what} failed: {error}"),
                    );
                }
            }
        });
    }
}

/// Sends a refresh request only when the client supports it (an unpolled request is never sent).
async fn ask_if(
    supported: bool,
    refresh: impl Future<Output = jsonrpc::Result<()>>,
) -> jsonrpc::Result<()> {
    if supported { refresh.await } else { Ok(()) }
}
