//! Background analysis: one worker task per open document, debounced, tagged with the
//! document version; results for versions that are no longer current are dropped.
//!
//! The analysis runs on tokio's blocking pool, at most one per core at a time, so the message
//! loop never waits for it. This module knows nothing of the features beyond diagnostics.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use super::documents::{Annotations, Snapshot, TextAtVersion};
use super::features::diagnostics;
use super::line_index::{LineIndex, PositionEncoding};
use super::server::Shared;
use super::workspace::FileIndex;
use newsls_engine::{Analysis, Input, Join, Layer, Options, Reuse, Sequential, Settings, analyze};
use newsls_project::standoff::{SidecarProblem, parse_layer};

/// Analyses one version of a document with its standoff layer; a panic in the engine gives an
/// empty analysis (and a log line) rather than a dead worker. Returns the sidecar lines that
/// could not be read. `reuse` holds what the last analysis of the document kept, and this
/// one's afterwards.
pub fn analyse_version(
    uri: Uri,
    current: TextAtVersion,
    settings: &Settings,
    annotations: Annotations,
    sidecar_source: Option<std::io::Result<String>>,
    encoding: PositionEncoding,
    reuse: &mut Reuse,
) -> (Snapshot, Vec<SidecarProblem>) {
    let (layer, problems) = match (&annotations.sidecar, sidecar_source) {
        (Some(sidecar), Some(Ok(source))) => parse_layer(&source, &current.text, sidecar),
        (Some(sidecar), Some(Err(error))) => (
            Layer::default(),
            vec![SidecarProblem {
                path: sidecar.clone(),
                line: 1,
                message: format!("cannot read the annotation sidecar: {error}"),
            }],
        ),
        _ => (Layer::default(), Vec::new()),
    };
    let input = Input::new(&current.text, settings).with_layer(&layer);
    let analysis = std::panic::catch_unwind(AssertUnwindSafe(|| {
        if current.text.len() >= LONG_ARTICLE_BYTES {
            let options = Options {
                join: SideBySide,
                reuse: Some(&mut *reuse),
            };
            analyze(&input, options)
        } else {
            // A short article is analysed afresh in a few milliseconds: keeping its paragraphs
            // would only cost memory, for every one of possibly thousands of open documents.
            *reuse = Reuse::default();
            let options = Options {
                join: Sequential,
                reuse: None,
            };
            analyze(&input, options)
        }
    }))
    .unwrap_or_else(|panic| {
        eprintln!(
            "newsls: the analysis of {} (version {}) panicked: {}",
            uri.as_str(),
            current.version,
            super::server::panic_message(panic.as_ref())
        );
        Analysis::default()
    });
    let snapshot = Snapshot {
        uri,
        version: current.version,
        lines: LineIndex::new(current.text, encoding),
        analysis,
        annotations,
    };
    (snapshot, problems)
}

/// Articles at least this long have their independent analyses run on two threads, and keep
/// their paragraphs' results for the next analysis: the latency of a long article is what the
/// user feels, and the other core is usually idle.
const LONG_ARTICLE_BYTES: usize = 64 * 1024;

/// Runs the independent parts of an analysis side by side (on rayon's pool).
pub struct SideBySide;

impl Join for SideBySide {
    fn join<A: Send, B: Send>(
        &self,
        first: impl FnOnce() -> A + Send,
        second: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        rayon::join(first, second)
    }
}

/// Starts the worker of a newly opened document.
pub fn spawn_worker(shared: Arc<Shared>, uri: Uri, wake: Arc<Notify>) {
    tokio::spawn(worker(shared, uri, wake));
}

async fn worker(shared: Arc<Shared>, uri: Uri, wake: Arc<Notify>) {
    // What each analysis of this document keeps of its paragraphs for the next one (long
    // articles only); lent to each analysis in turn.
    let mut reuse = Reuse::new();
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
        let mut task_reuse = std::mem::take(&mut reuse);
        let analysed = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let settings = task_shared.settings_for(&task_uri);
            let annotations = task_shared.annotations_for(&task_uri);
            let source = annotations
                .sidecar
                .as_deref()
                .map(|path| task_shared.sidecar_source(path));
            let analysed = analyse_version(
                task_uri,
                current,
                &settings,
                annotations,
                source,
                session.encoding,
                &mut task_reuse,
            );
            (analysed, task_reuse)
        })
        .await;
        let (snapshot, problems) = match analysed {
            Ok(((snapshot, problems), kept)) => {
                reuse = kept;
                (Arc::new(snapshot), problems)
            }
            Err(error) => {
                shared.log(
                    tower_lsp_server::ls_types::MessageType::ERROR,
                    format_args!("analysis task of {} failed: {error}", uri.as_str()),
                );
                continue;
            }
        };
        if shared.documents.version(&uri) != Some(snapshot.version) {
            continue; // stale: a newer version has already woken this worker
        }
        shared.documents.store_snapshot(snapshot.clone());
        let indexed = {
            let snapshot = snapshot.clone();
            shared.workspace.insert_lazy(uri.clone(), move || {
                FileIndex::build(&snapshot.analysis, &snapshot.lines)
            })
        };
        shared.publish_diagnostics(
            uri.clone(),
            diagnostics::all(&snapshot),
            Some(snapshot.version),
        );
        publish_sidecar_problems(&shared, &snapshot, &problems);
        // Built now, after the diagnostics went out, so that it does not hold the snapshot.
        std::sync::LazyLock::force(&indexed);
    }
}

/// `invalid-annotation` findings on the sidecar's own URI (an empty list clears them).
fn publish_sidecar_problems(shared: &Shared, snapshot: &Snapshot, problems: &[SidecarProblem]) {
    let Some(sidecar) = &snapshot.annotations.sidecar else {
        return;
    };
    if problems.is_empty() && !sidecar.exists() {
        return;
    }
    let Some(sidecar_uri) = Uri::from_file_path(sidecar) else {
        return;
    };
    let encoding = shared.session().encoding;
    let published = match newsls_project::files::sidecar_findings(problems) {
        Some((_, source, findings)) => {
            let lines = LineIndex::new(Arc::from(source.as_str()), encoding);
            let analysis = Analysis {
                diagnostics: findings,
                ..Analysis::default()
            };
            let sidecar_snapshot = Snapshot {
                uri: sidecar_uri.clone(),
                version: 0,
                lines,
                analysis,
                annotations: Annotations::default(),
            };
            diagnostics::all(&sidecar_snapshot)
        }
        None => Vec::new(),
    };
    shared.publish_diagnostics(sidecar_uri, published, None);
}
