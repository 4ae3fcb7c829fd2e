//! The state the handlers and the background tasks share (`Shared`), and what the client told
//! the server in `initialize` and since (`Session`).
//!
//! Every lock here is held only for short synchronous work, never across an await. It knows
//! nothing of the features, and nothing of how `newsls.toml` or sidecars are found
//! (`config_lookup`, `sidecars`).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Semaphore;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;

use super::config::ClientSettings;
use super::documents::{DocumentStore, Snapshot};
use super::features::semantic_tokens;
use super::line_index::PositionEncoding;
use super::transport::Outbox;
use super::workspace::WorkspaceIndex;
use newsls_project::files::ConfigCache;

/// How long a request waits for the analysis of the current version before it answers from
/// the latest one it has.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(10);

/// What the client told us in `initialize` and since.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub encoding: PositionEncoding,
    pub hierarchical_symbols: bool,
    pub work_done_progress: bool,
    pub pull_configuration: bool,
    pub watch_registration: bool,
    /// Which of the features the client pulls it lets the server ask it to pull again.
    pub refresh: RefreshSupport,
    pub roots: Vec<PathBuf>,
    pub client_settings: ClientSettings,
}

/// `workspace.{inlayHint,codeLens,semanticTokens}.refreshSupport`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefreshSupport {
    pub inlay_hints: bool,
    pub code_lenses: bool,
    pub semantic_tokens: bool,
}

impl RefreshSupport {
    pub fn any(self) -> bool {
        self.inlay_hints || self.code_lenses || self.semantic_tokens
    }
}

/// Options of the server itself (not of the user), for tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServerOptions {
    /// Registers `newsls/testPanic`, a request that panics, to test that the server survives.
    pub test_methods: bool,
}

/// State shared by the handlers and the background tasks.
pub struct Shared {
    pub client: Client,
    /// Publishes diagnostics without the `Client`'s detour through a JSON tree.
    pub outbox: Outbox,
    pub documents: DocumentStore,
    /// Sidecars open in the editor: their unsaved text is the layer (no worker, no analysis).
    pub open_sidecars: DocumentStore,
    pub workspace: WorkspaceIndex,
    session: RwLock<Session>,
    configs: RwLock<Arc<ConfigCache>>,
    pub analysis_permits: Arc<Semaphore>,
    pub shutdown_requested: Arc<AtomicBool>,
    /// The last semantic tokens sent for each document, for deltas.
    pub semantic_results: semantic_tokens::ResultCache,
}

impl Shared {
    pub fn new(client: Client, outbox: Outbox) -> Shared {
        let cores = std::thread::available_parallelism().map_or(2, |cores| cores.get());
        Shared {
            client,
            outbox,
            documents: DocumentStore::default(),
            open_sidecars: DocumentStore::default(),
            workspace: WorkspaceIndex::default(),
            session: RwLock::new(Session::default()),
            configs: RwLock::new(Arc::new(ConfigCache::default())),
            analysis_permits: Arc::new(Semaphore::new(cores)),
            shutdown_requested: Arc::new(AtomicBool::new(false)),
            semantic_results: semantic_tokens::ResultCache::default(),
        }
    }

    /// `textDocument/publishDiagnostics`, through the outbox.
    pub fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) {
        self.outbox
            .notify::<notification::PublishDiagnostics>(&PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            });
    }

    /// `window/logMessage` at a real level, so that clients show "5 articles indexed" as
    /// information and a bad setting as a warning (a line on stderr is shown as an error).
    pub fn log(&self, level: MessageType, message: impl std::fmt::Display) {
        self.outbox
            .notify::<notification::LogMessage>(&LogMessageParams {
                typ: level,
                message: format!("newsls: {message}"),
            });
    }

    pub fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    pub(crate) fn update_session(&self, update: impl FnOnce(&mut Session)) {
        let mut session = self
            .session
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        update(&mut session);
    }

    pub(crate) fn config_cache(&self) -> Arc<ConfigCache> {
        self.configs
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Forgets every loaded `newsls.toml` (one changed on disk).
    pub(crate) fn reload_configs(&self) {
        *self
            .configs
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(ConfigCache::default());
    }

    /// The analysed snapshot of the document's current version (waiting for it if needed).
    pub async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let (version, mut receiver) = self.documents.subscribe(uri)?;
        let current = tokio::time::timeout(
            SNAPSHOT_WAIT,
            receiver.wait_for(|snapshot| {
                snapshot
                    .as_ref()
                    .is_some_and(|snapshot| snapshot.version >= version)
            }),
        )
        .await
        .ok()
        .and_then(|waited| waited.ok().and_then(|snapshot| snapshot.clone()));
        current.or_else(|| receiver.borrow().clone())
    }

    /// Takes the editor's settings and re-analyses the open documents; with `refresh`, asks
    /// the client afterwards to pull what it shows again, if the settings changed.
    pub(crate) fn apply_client_settings(self: &Arc<Self>, value: &Value, refresh: bool) {
        let (settings, warnings) = ClientSettings::from_json(value);
        for warning in warnings {
            self.log(MessageType::WARNING, warning);
        }
        let mut changed = false;
        self.update_session(|session| {
            changed = session.client_settings != settings;
            session.client_settings = settings;
        });
        self.reanalyse_open_documents(refresh && changed);
    }
}

/// The path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}
