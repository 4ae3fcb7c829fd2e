//! Background analysis: one worker task per open document, debounced, tagged with the
//! document version; results for versions that are no longer current are dropped.
//!
//! The analysis runs on tokio's blocking pool, at most one per core at a time, so the message
//! loop never waits for it. This module knows nothing of the features beyond diagnostics.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use super::documents::{Snapshot, TextAtVersion};
use super::features::diagnostics;
use super::line_index::{LineIndex, PositionEncoding};
use super::server::Shared;
use super::workspace::FileIndex;
use crate::analysis::{Analysis, Settings, analyze};

/// Analyses one version of a document; a panic in the engine gives an empty analysis
/// (and a log line) rather than a dead worker.
pub fn analyse_version(
    uri: Uri,
    current: TextAtVersion,
    settings: &Settings,
    encoding: PositionEncoding,
) -> Snapshot {
    let analysis = std::panic::catch_unwind(AssertUnwindSafe(|| analyze(&current.text, settings)))
        .unwrap_or_else(|panic| {
            eprintln!(
                "newsls: the analysis of {} (version {}) panicked: {}",
                uri.as_str(),
                current.version,
                super::server::panic_message(panic.as_ref())
            );
            Analysis::default()
        });
    Snapshot {
        uri,
        version: current.version,
        lines: LineIndex::new(current.text, encoding),
        analysis,
    }
}

/// Starts the worker of a newly opened document.
pub fn spawn_worker(shared: Arc<Shared>, uri: Uri, wake: Arc<Notify>) {
    tokio::spawn(worker(shared, uri, wake));
}

async fn worker(shared: Arc<Shared>, uri: Uri, wake: Arc<Notify>) {
    loop {
        wake.notified().await;
        let session = shared.session();
        let debounce = session.client_settings.debounce();
        if !debounce.is_zero() {
            // Edits arriving meanwhile only store a wake-up; they are analysed together.
            tokio::time::sleep(debounce).await;
        }
        let Some(current) = shared.documents.text_for_worker(&uri, &wake) else {
            return; // closed, or reopened with a new worker
        };
        let Ok(permit) = shared.analysis_permits.clone().acquire_owned().await else {
            return;
        };
        let task_shared = shared.clone();
        let task_uri = uri.clone();
        let analysed = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let settings = task_shared.settings_for(&task_uri);
            analyse_version(task_uri, current, &settings, session.encoding)
        })
        .await;
        let snapshot = match analysed {
            Ok(snapshot) => Arc::new(snapshot),
            Err(error) => {
                eprintln!("newsls: analysis task of {} failed: {error}", uri.as_str());
                continue;
            }
        };
        if shared.documents.version(&uri) != Some(snapshot.version) {
            continue; // stale: a newer version has already woken this worker
        }
        shared.documents.store_snapshot(snapshot.clone());
        shared.workspace.insert(
            uri.clone(),
            FileIndex::build(&snapshot.analysis, &snapshot.lines),
        );
        shared
            .client
            .publish_diagnostics(
                uri.clone(),
                diagnostics::all(&snapshot),
                Some(snapshot.version),
            )
            .await;
    }
}
