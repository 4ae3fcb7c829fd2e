//! The `LanguageServer` implementation: capabilities, document sync, and one thin handler per
//! feature that finds the document's analysed snapshot and calls a pure feature function.
//!
//! Rules kept here: notifications apply their change synchronously and never wait on the
//! client (anything that asks the client something runs in a spawned task); request handlers
//! run feature code under `catch_unwind` and answer a panic with an error. It knows nothing of
//! how dates, entities or quotes are found.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::Semaphore;
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::config::{ClientSettings, LANGUAGE_IDS, is_included};
use super::documents::{Annotations, DocumentStore, Snapshot};
use super::features::{
    actions, decisions, hover, inlay, lens, navigation, semantic_tokens, symbols, timeline,
};
use super::line_index::PositionEncoding;
use super::scheduler::spawn_worker;
use super::transport::Outbox;
use super::workspace::{WorkspaceIndex, discover_files, index_files};
use newsls_engine::{Settings, Span};
use newsls_project::config::{AnnotationMode, CONFIG_FILE_NAME, Config};
use newsls_project::files::{ConfigCache, glob_set};
use newsls_project::standoff::{SIDECAR_DIR, sidecar_path};

/// How long a request waits for the analysis of the current version before it answers from
/// the latest one it has.
const SNAPSHOT_WAIT: Duration = Duration::from_secs(10);

/// Files indexed per step of the background indexing (one progress report each).
const INDEX_CHUNK: usize = 256;

pub const INDEXING_TOKEN: &str = "newsls/indexing";

/// Workspace symbols returned at most, so an empty query on a big corpus stays quick.
const WORKSPACE_SYMBOL_LIMIT: usize = 1000;

/// What the client told us in `initialize` and since.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub encoding: PositionEncoding,
    pub hierarchical_symbols: bool,
    pub work_done_progress: bool,
    pub pull_configuration: bool,
    pub watch_registration: bool,
    pub roots: Vec<PathBuf>,
    pub client_settings: ClientSettings,
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

    fn update_session(&self, update: impl FnOnce(&mut Session)) {
        let mut session = self
            .session
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        update(&mut session);
    }

    fn config_cache(&self) -> Arc<ConfigCache> {
        self.configs
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Forgets every loaded `newsls.toml` (one changed on disk).
    fn reload_configs(&self) {
        *self
            .configs
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(ConfigCache::default());
    }

    /// The `newsls.toml` governing a document: the one above its file, else the first root's.
    fn config_for(&self, uri: &Uri) -> Config {
        let path = file_path(uri).or_else(|| {
            self.session()
                .roots
                .first()
                .map(|root| root.join("untitled.txt"))
        });
        let Some(path) = path else {
            return Config::defaults();
        };
        match self.config_cache().for_file(&path).as_ref() {
            Ok(config) => config.clone(),
            Err(error) => {
                self.log(
                    MessageType::WARNING,
                    format_args!("{error}; using the default configuration"),
                );
                Config::defaults()
            }
        }
    }

    /// The engine settings for a document: its `newsls.toml`, then the editor's settings.
    pub fn settings_for(&self, uri: &Uri) -> Settings {
        self.session()
            .client_settings
            .apply_to(&self.config_for(uri))
    }

    /// The sidecar of a file document and whether its `newsls.toml` asks for standoff mode.
    pub fn annotations_for(&self, uri: &Uri) -> Annotations {
        let config = self.config_for(uri);
        Annotations {
            sidecar: file_path(uri).map(|path| sidecar_path(&path, config.root())),
            standoff: config.annotation_mode == AnnotationMode::Standoff,
        }
    }

    /// The current text of a sidecar: the editor's buffer when it is open, else the file
    /// ("" when it does not exist yet).
    pub fn sidecar_source(&self, path: &Path) -> std::io::Result<String> {
        if let Some(text) = Uri::from_file_path(path).and_then(|uri| self.open_sidecars.text(&uri))
        {
            return Ok(text);
        }
        match std::fs::read_to_string(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            read => read,
        }
    }

    /// Whether the server analyses this document: its language, then the include globs.
    /// The `news` language id is always served; plain text and Markdown only where the globs say.
    fn serves(&self, uri: &Uri, language_id: &str) -> bool {
        if !LANGUAGE_IDS.contains(&language_id) {
            return false;
        }
        if language_id == "news" {
            return true;
        }
        let Some(path) = file_path(uri) else {
            return true; // untitled buffers have no name to match
        };
        let config = self.config_for(uri);
        let (include, exclude) = self.session().client_settings.globs(&config);
        let (Ok(include), Ok(exclude)) = (glob_set(&include), glob_set(&exclude)) else {
            return true;
        };
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let root = config
            .root()
            .map(Path::to_path_buf)
            .or_else(|| self.session().roots.first().cloned());
        let relative = root
            .and_then(|root| path.strip_prefix(root).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from(&file_name));
        is_included(&include, &exclude, &file_name, &relative.to_string_lossy())
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

    fn apply_client_settings(&self, value: &Value) {
        let (settings, warnings) = ClientSettings::from_json(value);
        for warning in warnings {
            self.log(MessageType::WARNING, warning);
        }
        self.update_session(|session| session.client_settings = settings);
        self.documents.wake_all();
    }
}

/// Whether `path` is a sidecar of the standoff layer (under `.newsls/annotations`).
pub fn is_sidecar(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "jsonl")
        && path
            .components()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|pair| pair[0].as_os_str() == ".newsls" && pair[1].as_os_str() == "annotations")
}

pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}

/// The text of a panic payload.
pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        message.to_string()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs feature code; a panic is logged and answered with an internal error, and the server
/// goes on.
pub fn guarded<T>(what: &str, feature: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(AssertUnwindSafe(feature)).map_err(|panic| {
        let message = panic_message(panic.as_ref());
        eprintln!("newsls: {what} panicked: {message}");
        let mut error = jsonrpc::Error::internal_error();
        error.message = format!("newsls: {what} failed: {message}").into();
        error
    })
}

pub struct Backend {
    shared: Arc<Shared>,
    options: ServerOptions,
}

impl Backend {
    pub fn new(client: Client, outbox: Outbox, options: ServerOptions) -> Backend {
        let cores = std::thread::available_parallelism().map_or(2, |cores| cores.get());
        Backend {
            shared: Arc::new(Shared {
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
            }),
            options,
        }
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// `newsls/testPanic`: panics inside a guarded handler (registered only for tests).
    pub async fn test_panic(&self) -> Result<Value> {
        if !self.options.test_methods {
            return Err(jsonrpc::Error::method_not_found());
        }
        guarded("newsls/testPanic", || -> Value {
            panic!("a deliberate panic to test the server's recovery")
        })
    }

    /// `newsls/timeline`: one document's dated events (its current version's, when it is
    /// open), or the whole workspace's, in chronological order.
    pub async fn timeline(
        &self,
        params: Option<timeline::TimelineParams>,
    ) -> Result<timeline::TimelineResult> {
        let params = params.unwrap_or_default();
        let files = match params.text_document {
            Some(document) => {
                let uri = document.uri;
                if self.shared.documents.is_open(&uri) {
                    // Waits for the analysis of the version the client has.
                    let _ = self.shared.snapshot(&uri).await;
                }
                self.shared
                    .workspace
                    .get(&uri)
                    .map(|entry| vec![(uri, entry)])
                    .unwrap_or_default()
            }
            None => self.shared.workspace.entries(),
        };
        guarded(timeline::METHOD, || timeline::timeline(&files))
    }

    fn spawn_configuration_pull(&self) {
        if !self.shared.session().pull_configuration {
            return;
        }
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("newsls".to_string()),
            }];
            match shared.client.configuration(items).await {
                Ok(values) => {
                    if let Some(value) = values.first().filter(|value| !value.is_null()) {
                        shared.apply_client_settings(value);
                    }
                }
                Err(error) => shared.log(
                    MessageType::WARNING,
                    format_args!("workspace/configuration failed: {error}"),
                ),
            }
        });
    }

    fn spawn_watch_registration(&self) {
        if !self.shared.session().watch_registration {
            return;
        }
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let watchers = json!({ "watchers": [
                { "globPattern": format!("**/{CONFIG_FILE_NAME}") },
                { "globPattern": "**/*.{txt,md,news}" },
                { "globPattern": format!("**/{SIDECAR_DIR}/**/*.jsonl") },
            ]});
            let registration = Registration {
                id: "newsls-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: Some(watchers),
            };
            if let Err(error) = shared.client.register_capability(vec![registration]).await {
                shared.log(
                    MessageType::WARNING,
                    format_args!("could not watch newsls.toml: {error}"),
                );
            }
        });
    }

    fn spawn_workspace_indexing(&self) {
        let shared = self.shared.clone();
        tokio::spawn(async move { index_workspace(shared).await });
    }
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

fn text_position(params: &TextDocumentPositionParams) -> (&Uri, Position) {
    (&params.text_document.uri, params.position)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = PositionEncoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|folder| file_path(&folder.uri))
            .collect();
        #[allow(deprecated)] // root_uri is still what many clients send
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(file_path)
        {
            roots.push(root);
        }
        let (client_settings, warnings) = params
            .initialization_options
            .as_ref()
            .map(ClientSettings::from_json)
            .unwrap_or_default();
        for warning in warnings {
            self.shared.log(MessageType::WARNING, warning);
        }
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        self.shared.update_session(|session| {
            *session = Session {
                encoding,
                hierarchical_symbols: text_document
                    .and_then(|text| text.document_symbol.as_ref())
                    .and_then(|symbols| symbols.hierarchical_document_symbol_support)
                    .unwrap_or(false),
                work_done_progress: capabilities
                    .window
                    .as_ref()
                    .and_then(|window| window.work_done_progress)
                    .unwrap_or(false),
                pull_configuration: workspace
                    .and_then(|workspace| workspace.configuration)
                    .unwrap_or(false),
                watch_registration: workspace
                    .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                    .and_then(|watch| watch.dynamic_registration)
                    .unwrap_or(false),
                roots,
                client_settings,
            }
        });
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "newsls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: semantic_tokens::legend(),
                            full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                            range: Some(true),
                            ..SemanticTokensOptions::default()
                        },
                    ),
                ),
                ..ServerCapabilities::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.spawn_configuration_pull();
        self.spawn_watch_registration();
        self.spawn_workspace_indexing();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        if file_path(&document.uri).is_some_and(|path| is_sidecar(&path)) {
            self.shared.open_sidecars.open(
                document.uri,
                document.language_id,
                document.version,
                &document.text,
            );
            self.shared.documents.wake_all();
            return;
        }
        if !self.shared.serves(&document.uri, &document.language_id) {
            return;
        }
        let (wake, is_new) = self.shared.documents.open(
            document.uri.clone(),
            document.language_id,
            document.version,
            &document.text,
        );
        if is_new {
            spawn_worker(self.shared.clone(), document.uri, wake);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Synchronous, before any await, so that edits are applied in arrival order.
        let encoding = self.shared.session().encoding;
        if self.shared.open_sidecars.change(
            &params.text_document.uri,
            params.text_document.version,
            &params.content_changes,
            encoding,
        ) {
            // An edited layer (an action's edit, an undo, typing): re-analyse the articles.
            self.shared.documents.wake_all();
            return;
        }
        self.shared.documents.change(
            &params.text_document.uri,
            params.text_document.version,
            &params.content_changes,
            encoding,
        );
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.shared.open_sidecars.is_open(&uri) {
            // Closed without saving: the file on disk is the layer again.
            self.shared.open_sidecars.close(&uri);
            self.shared.documents.wake_all();
            return;
        }
        if !self.shared.documents.is_open(&uri) {
            return;
        }
        self.shared.documents.close(&uri);
        self.shared.semantic_results.forget(&uri);
        self.shared.publish_diagnostics(uri, Vec::new(), None);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pushed = params.settings.get("newsls").is_some()
            || params
                .settings
                .as_object()
                .is_some_and(|object| !object.is_empty());
        if pushed {
            self.shared.apply_client_settings(&params.settings);
        } else {
            // The client only says "something changed": ask it, without waiting here.
            self.spawn_configuration_pull();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut articles = Vec::new();
        for change in params.changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if path
                .file_name()
                .is_some_and(|name| name == CONFIG_FILE_NAME)
            {
                self.shared.reload_configs();
                self.shared.documents.wake_all();
            } else if is_sidecar(&path) {
                // A changed layer: re-analyse the open articles (cheap to wake; each rereads
                // its own sidecar).
                self.shared.documents.wake_all();
            } else if !self.shared.documents.is_open(&change.uri) {
                if change.typ == FileChangeType::DELETED {
                    self.shared.workspace.remove(&change.uri);
                } else {
                    articles.push(path);
                }
            }
        }
        if !articles.is_empty() {
            let shared = self.shared.clone();
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
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let (uri, position) = text_position(&params.text_document_position_params);
        let Some(snapshot) = self.shared.snapshot(uri).await else {
            return Ok(None);
        };
        guarded("hover", || {
            hover::hover(&snapshot, snapshot.lines.offset(position))
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let (uri, position) = text_position(&params.text_document_position_params);
        let Some(snapshot) = self.shared.snapshot(uri).await else {
            return Ok(None);
        };
        guarded("definition", || {
            let found = navigation::definition(
                &snapshot,
                snapshot.lines.offset(position),
                &self.shared.workspace,
            );
            match found.len() {
                0 => None,
                1 => found.into_iter().next().map(GotoDefinitionResponse::Scalar),
                _ => Some(GotoDefinitionResponse::Array(found)),
            }
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let (uri, position) = text_position(&params.text_document_position);
        let Some(snapshot) = self.shared.snapshot(uri).await else {
            return Ok(None);
        };
        guarded("references", || {
            Some(navigation::references(
                &snapshot,
                snapshot.lines.offset(position),
                params.context.include_declaration,
                &self.shared.workspace,
            ))
        })
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let (uri, position) = text_position(&params.text_document_position_params);
        let Some(snapshot) = self.shared.snapshot(uri).await else {
            return Ok(None);
        };
        guarded("documentHighlight", || {
            Some(navigation::highlights(
                &snapshot,
                snapshot.lines.offset(position),
            ))
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let hierarchical = self.shared.session().hierarchical_symbols;
        guarded("documentSymbol", || {
            Some(if hierarchical {
                DocumentSymbolResponse::Nested(symbols::outline(&snapshot))
            } else {
                DocumentSymbolResponse::Flat(symbols::flat_outline(&snapshot))
            })
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        guarded("workspace/symbol", || {
            Some(WorkspaceSymbolResponse::Nested(
                self.shared
                    .workspace
                    .symbols(&params.query, WORKSPACE_SYMBOL_LIMIT),
            ))
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guarded("inlayHint", || {
            let visible: Span = snapshot.lines.span(params.range);
            Some(inlay::inlay_hints(&snapshot, visible))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let range = snapshot.lines.span(params.range);
        if let (true, Some(path)) = (
            snapshot.annotations.standoff,
            snapshot.annotations.sidecar.as_ref(),
        ) {
            // The sidecar as it is now (the edit replaces its whole text).
            let source = match self.shared.sidecar_source(path) {
                Ok(source) => source,
                Err(error) => {
                    self.shared.log(
                        MessageType::WARNING,
                        format_args!("cannot read {}: {error}", path.display()),
                    );
                    return Ok(None);
                }
            };
            let Some(uri) = Uri::from_file_path(path) else {
                return Ok(None);
            };
            let sidecar = decisions::Sidecar {
                path,
                uri,
                source: &source,
            };
            return guarded("codeAction", || {
                Some(decisions::standoff_actions(&snapshot, range, &sidecar))
            });
        }
        guarded("codeAction", || {
            Some(actions::code_actions(&snapshot, range))
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guarded("codeLens", || Some(lens::session_lens(&snapshot)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let uri = params.text_document.uri;
        guarded("semanticTokens", || {
            let data = semantic_tokens::semantic_tokens(&snapshot);
            let result_id = Some(self.shared.semantic_results.remember(&uri, &data));
            Some(SemanticTokensResult::Tokens(SemanticTokens {
                result_id,
                data,
            }))
        })
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let Some(snapshot) = self.shared.snapshot(&uri).await else {
            return Ok(None);
        };
        guarded("semanticTokens/delta", || {
            let data = semantic_tokens::semantic_tokens(&snapshot);
            let previous = self
                .shared
                .semantic_results
                .previous(&uri, &params.previous_result_id);
            let result_id = Some(self.shared.semantic_results.remember(&uri, &data));
            Some(match previous {
                Some(previous) => SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id,
                    edits: semantic_tokens::edits_between(&previous, &data),
                }),
                // An unknown or superseded id: the whole result, as the protocol allows.
                None => SemanticTokensFullDeltaResult::Tokens(SemanticTokens { result_id, data }),
            })
        })
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guarded("semanticTokens/range", || {
            let range = snapshot.lines.span(params.range);
            Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
                result_id: None,
                data: semantic_tokens::semantic_tokens_in(&snapshot, Some(range)),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_feature_becomes_an_internal_error() {
        let answer: Result<u32> = guarded("test", || panic!("boom"));
        let error = answer.expect_err("the panic is caught");
        assert_eq!(error.code, jsonrpc::ErrorCode::InternalError);
        assert!(error.message.contains("boom"), "{}", error.message);
        assert_eq!(guarded("test", || 7).ok(), Some(7));
    }
}
