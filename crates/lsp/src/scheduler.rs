//! Background analysis: one worker task per open document, debounced, tagged with the
//! document version; results for versions that are no longer current are dropped. What can
//! wait while the user types (the document's workspace entry, a short article's kept
//! paragraphs) waits until the document rests.
//!
//! The analysis runs on tokio's blocking pool, at most one per core at a time, so the message
//! loop never waits for it. This module knows nothing of the features beyond diagnostics.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

use super::documents::{Annotations, Snapshot, TextAtVersion};
use super::features::diagnostics;
use super::line_index::{LineIndex, PositionEncoding};
use super::server::Shared;
use super::workspace::{FileIndex, IndexEntry};
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
        // Every article reuses the paragraphs of its last analysis: even a short one is analysed
        // about a quarter faster, and the worker forgets a short one's once the document rests.
        if current.text.len() >= LONG_ARTICLE_BYTES {
            let options = Options {
                join: SideBySide,
                reuse: Some(&mut *reuse),
            };
            analyze(&input, options)
        } else {
            let options = Options {
                join: Sequential,
                reuse: Some(&mut *reuse),
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
/// their paragraphs' results for the next analysis even while the document rests: the latency
/// of a long article is what the user feels, and the other core is usually idle.
const LONG_ARTICLE_BYTES: usize = 64 * 1024;

/// A document with no edit for this long rests: its worker does what it put off while the
/// user was typing (`rest`).
const RESTING: Duration = Duration::from_secs(1);

/// Debounces up to this long are slept on the blocking pool (`debounce`).
const PRECISE_DEBOUNCE_LIMIT: Duration = Duration::from_millis(50);

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
    // What each analysis of this document keeps of its paragraphs for the next one; lent to
    // each analysis in turn.
    let mut reuse = Reuse::new();
    // What the worker puts off while the user types, until the document rests.
    let mut put_off = PutOff::default();
    loop {
        if put_off.is_empty() {
            wake.notified().await;
        } else {
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(RESTING) => {
                    put_off.rest(&mut reuse);
                    wake.notified().await;
                }
            }
        }
        let session = shared.session();
        let debounce = session.client_settings.debounce();
        if !debounce.is_zero() {
            // Edits arriving meanwhile only store a wake-up; they are analysed together.
            debounce_wait(debounce).await;
        }
        let Some(current) = shared.documents.text_for_worker(&uri, &wake) else {
            put_off.rest(&mut reuse);
            return; // closed, or reopened with a new worker
        };
        let Ok(permit) = shared.analysis_permits.clone().acquire_owned().await else {
            return;
        };
        let long = current.text.len() >= LONG_ARTICLE_BYTES;
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
                put_off.forget_reuse = !long;
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
        // Built when the document rests, or by the first query that reads it: building it
        // now would delay the analysis of the next edit (a tenth of a 1 MB article's).
        put_off.index = Some(indexed);
    }
}

/// What a worker puts off while the user types, done when the document rests or closes.
#[derive(Default)]
struct PutOff {
    /// The workspace entry of the last published analysis, built so that it no longer holds
    /// the analysed snapshot.
    index: Option<Arc<IndexEntry>>,
    /// The last analysis was of a short article: the paragraphs it kept are forgotten, as
    /// they would only cost memory for each of possibly thousands of open documents.
    forget_reuse: bool,
}

impl PutOff {
    fn is_empty(&self) -> bool {
        self.index.is_none() && !self.forget_reuse
    }

    fn rest(&mut self, reuse: &mut Reuse) {
        if let Some(index) = self.index.take() {
            std::sync::LazyLock::force(&index);
        }
        if std::mem::take(&mut self.forget_reuse) {
            *reuse = Reuse::default();
        }
    }
}

/// Waits for the debounce. Tokio's timer counts whole milliseconds and rounds a deadline up,
/// so its 5 ms sleep lasts 6 ms, a fifth more than asked; a thread's sleep on the blocking pool
/// lasts what is asked. Long debounces, where a millisecond is noise, use the timer and hold
/// no thread.
async fn debounce_wait(debounce: Duration) {
    if debounce <= PRECISE_DEBOUNCE_LIMIT
        && tokio::task::spawn_blocking(move || std::thread::sleep(debounce))
            .await
            .is_ok()
    {
        return;
    }
    tokio::time::sleep(debounce).await;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn analysed_reuse(text: &str) -> Reuse {
        let mut reuse = Reuse::new();
        let uri: Uri = "untitled:short".parse().expect("a valid URI");
        let current = TextAtVersion {
            text: Arc::from(text),
            version: 1,
        };
        analyse_version(
            uri,
            current,
            &Settings::default(),
            Annotations::default(),
            None,
            PositionEncoding::Utf16,
            &mut reuse,
        );
        reuse
    }

    #[test]
    fn a_short_article_keeps_its_paragraphs_for_the_next_analysis() {
        let text = "date: 2021-12-13\n\nThe minister said on Monday that Anna Müller had left.\n";
        assert!(text.len() < LONG_ARTICLE_BYTES);
        assert!(!analysed_reuse(text).is_empty());
    }

    /// An index entry that records whether it was built.
    fn watched_entry() -> (Arc<IndexEntry>, Arc<AtomicBool>) {
        let built = Arc::new(AtomicBool::new(false));
        let flag = built.clone();
        let entry: Arc<IndexEntry> = Arc::new(LazyLock::new(Box::new(move || {
            flag.store(true, Ordering::SeqCst);
            FileIndex::build(
                &Analysis::default(),
                &LineIndex::new(Arc::from(""), PositionEncoding::Utf16),
            )
        })));
        (entry, built)
    }

    #[test]
    fn a_resting_document_builds_its_index_and_forgets_a_short_articles_paragraphs() {
        let text = "date: 2021-12-13\n\nThe minister said on Monday that Anna Müller had left.\n";
        let mut reuse = analysed_reuse(text);
        let (entry, built) = watched_entry();
        let mut put_off = PutOff {
            index: Some(entry),
            forget_reuse: true,
        };
        assert!(!built.load(Ordering::SeqCst), "nothing is built before the rest");
        put_off.rest(&mut reuse);
        assert!(built.load(Ordering::SeqCst));
        assert!(reuse.is_empty());
        assert!(put_off.is_empty());
    }

    #[test]
    fn the_paragraphs_of_a_long_article_outlive_the_rest() {
        let text = "date: 2021-12-13\n\nThe minister said on Monday that Anna Müller had left.\n";
        let mut reuse = analysed_reuse(text);
        let mut put_off = PutOff {
            index: None,
            forget_reuse: false,
        };
        put_off.rest(&mut reuse);
        assert!(!reuse.is_empty());
    }
}
