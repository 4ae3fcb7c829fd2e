//! Indexing the workspace's articles in the background: every article of the workspace
//! folders after `initialized`, with `$/progress` reports when the client accepts them, and
//! the articles that changed on disk while closed.
//!
//! It runs in spawned tasks, the reading and analysing on tokio's blocking pool, so no handler
//! waits for it. What an index entry holds is `workspace`'s; an open document's entry is the
//! scheduler's (built from its own analysis, which is fresher than the file).

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{MessageType, NumberOrString};

use super::global_state::Shared;
use super::workspace::{discover_files, index_files};

/// Files indexed per step of the background indexing (one progress report each).
const INDEX_CHUNK: usize = 256;

pub const INDEXING_TOKEN: &str = "newsls/indexing";

/// Starts indexing every article of the workspace folders.
pub(crate) fn spawn_workspace_indexing(shared: &Arc<Shared>) {
    let shared = shared.clone();
    tokio::spawn(async move { index_workspace(shared).await });
}

/// Starts indexing articles that changed on disk (they are not open).
pub(crate) fn spawn_file_indexing(shared: &Arc<Shared>, articles: Vec<PathBuf>) {
    let shared = shared.clone();
    let session = shared.session();
    tokio::spawn(async move {
        let indexed = tokio::task::spawn_blocking(move || {
            index_files(&articles, &session.client_settings, session.encoding)
        })
        .await
        .unwrap_or_default();
        for (uri, file) in indexed {
            shared.workspace.insert(uri, file);
        }
    });
}

/// Indexes every article of the workspace folders in the background, with `$/progress`.
async fn index_workspace(shared: Arc<Shared>) {
    let session = shared.session();
    if session.roots.is_empty() {
        return;
    }
    let roots = session.roots.clone();
    let client_settings = session.client_settings.clone();
    let files = tokio::task::spawn_blocking(move || {
        roots
            .iter()
            .flat_map(|root| discover_files(root, &client_settings))
            .collect::<Vec<PathBuf>>()
    })
    .await
    .unwrap_or_default();
    let token = NumberOrString::String(INDEXING_TOKEN.to_string());
    let progress = if session.work_done_progress
        && shared
            .client
            .create_work_done_progress(token.clone())
            .await
            .is_ok()
    {
        Some(
            shared
                .client
                .progress(token, "Indexing articles")
                .with_percentage(0)
                .with_message(format!("0/{} articles", files.len()))
                .begin()
                .await,
        )
    } else {
        None
    };
    let total = files.len();
    let mut done = 0;
    for chunk in files.chunks(INDEX_CHUNK) {
        let chunk = chunk.to_vec();
        let client_settings = session.client_settings.clone();
        let encoding = session.encoding;
        let indexed =
            tokio::task::spawn_blocking(move || index_files(&chunk, &client_settings, encoding))
                .await
                .unwrap_or_default();
        for (uri, file) in indexed {
            // An open document's own analysis is fresher than the file on disk.
            if !shared.documents.is_open(&uri) {
                shared.workspace.insert(uri, file);
            }
        }
        done += INDEX_CHUNK.min(total - done);
        if let Some(progress) = &progress {
            let percentage = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
            progress
                .report_with_message(format!("{done}/{total} articles"), percentage)
                .await;
        }
    }
    let message = format!("{} articles indexed", shared.workspace.len());
    shared.log(MessageType::INFO, &message);
    if let Some(progress) = progress {
        progress.finish_with_message(message).await;
    }
}
