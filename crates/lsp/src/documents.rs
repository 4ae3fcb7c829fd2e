//! The open documents: one rope per document, its version, and its latest analysis.
//!
//! Edits are applied here synchronously, in the order the notifications arrive; nothing in
//! this module awaits. It knows nothing of the client, the scheduler's timing or the features.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tokio::sync::{Notify, watch};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::line_index::{LineIndex, PositionEncoding, apply_change};
use newsls_engine::Analysis;

/// One analysed version of a document: the exact text, its line index and the analysis.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub lines: LineIndex,
    pub analysis: Analysis,
    /// Where the document's standoff layer lives and whether decisions go there.
    pub annotations: Annotations,
}

/// The annotation session of a document: its sidecar (for file documents) and the mode of its
/// `newsls.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub sidecar: Option<PathBuf>,
    /// `[annotations] mode = "standoff"`: code actions write decisions to the sidecar.
    pub standoff: bool,
}

impl Snapshot {
    pub fn text(&self) -> &str {
        self.lines.text()
    }
}

/// A document the client has opened.
pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// Wakes the document's analysis worker.
    pub wake: Arc<Notify>,
    /// The latest published analysis, for requests that need one.
    pub snapshot: watch::Sender<Option<Arc<Snapshot>>>,
}

/// The open documents, keyed by URI. The lock is held only for short synchronous work.
#[derive(Default)]
pub struct DocumentStore {
    documents: Mutex<HashMap<Uri, OpenDocument>>,
}

/// The text of a document at one version, taken for analysis.
pub struct TextAtVersion {
    pub text: Arc<str>,
    pub version: i32,
}

impl DocumentStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, OpenDocument>> {
        // A panic while holding the lock cannot leave a rope half-edited in a way that matters
        // more than losing the server, so a poisoned lock is simply taken over.
        self.documents
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Opens (or reopens) a document; returns the worker's wake-up handle when a new worker
    /// must be started for it.
    pub fn open(
        &self,
        uri: Uri,
        language_id: String,
        version: i32,
        text: &str,
    ) -> (Arc<Notify>, bool) {
        let mut documents = self.lock();
        if let Some(existing) = documents.get_mut(&uri) {
            existing.rope = Rope::from_str(text);
            existing.version = version;
            existing.language_id = language_id;
            existing.wake.notify_one();
            return (existing.wake.clone(), false);
        }
        let wake = Arc::new(Notify::new());
        let (snapshot, _) = watch::channel(None);
        documents.insert(
            uri,
            OpenDocument {
                rope: Rope::from_str(text),
                version,
                language_id,
                wake: wake.clone(),
                snapshot,
            },
        );
        wake.notify_one();
        (wake, true)
    }

    /// Applies the changes of one `didChange` in order. Returns false for unknown documents.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> bool {
        let mut documents = self.lock();
        let Some(document) = documents.get_mut(uri) else {
            return false;
        };
        for change in changes {
            apply_change(&mut document.rope, change.range, &change.text, encoding);
        }
        document.version = version;
        document.wake.notify_one();
        true
    }

    /// Closes a document; its worker stops when it next wakes.
    pub fn close(&self, uri: &Uri) {
        if let Some(document) = self.lock().remove(uri) {
            document.wake.notify_one();
        }
    }

    pub fn is_open(&self, uri: &Uri) -> bool {
        self.lock().contains_key(uri)
    }

    /// The current text, for the worker owning `wake` (a reopened document has a new worker).
    pub fn text_for_worker(&self, uri: &Uri, wake: &Arc<Notify>) -> Option<TextAtVersion> {
        let documents = self.lock();
        let document = documents
            .get(uri)
            .filter(|document| Arc::ptr_eq(&document.wake, wake))?;
        Some(TextAtVersion {
            text: Arc::from(document.rope.to_string()),
            version: document.version,
        })
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.lock().get(uri).map(|document| document.version)
    }

    pub fn language_id(&self, uri: &Uri) -> Option<String> {
        self.lock()
            .get(uri)
            .map(|document| document.language_id.clone())
    }

    /// Publishes a snapshot to the requests waiting for it.
    pub fn store_snapshot(&self, snapshot: Arc<Snapshot>) {
        if let Some(document) = self.lock().get(&snapshot.uri) {
            document.snapshot.send_replace(Some(snapshot));
        }
    }

    pub fn subscribe(&self, uri: &Uri) -> Option<(i32, watch::Receiver<Option<Arc<Snapshot>>>)> {
        let documents = self.lock();
        let document = documents.get(uri)?;
        Some((document.version, document.snapshot.subscribe()))
    }

    /// Wakes every worker, after a configuration change.
    pub fn wake_all(&self) {
        for document in self.lock().values() {
            document.wake.notify_one();
        }
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }

    /// The current text of an open document (for tests and the benchmark).
    pub fn text(&self, uri: &Uri) -> Option<String> {
        self.lock()
            .get(uri)
            .map(|document| document.rope.to_string())
    }
}
