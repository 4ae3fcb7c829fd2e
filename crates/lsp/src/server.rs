//! The `LanguageServer` implementation: a dispatch table from each protocol method to its
//! handler (`handlers::request`, `handlers::notification`), over the shared state
//! (`global_state`).
//!
//! Rules kept by the handlers: notifications apply their change synchronously and never wait
//! on the client (anything that asks the client something runs in a spawned task); request
//! handlers run feature code under `catch_unwind` and answer a panic with an error. Nothing
//! here knows how dates, entities or quotes are found.

use std::sync::Arc;

#[cfg(feature = "internals")]
use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::features::timeline;
use super::handlers::{notification, request};
use super::transport::Outbox;

pub use super::global_state::{ServerOptions, Shared};
pub use super::handlers::panic_message;

pub struct Backend {
    shared: Arc<Shared>,
    /// Read by the test methods alone, which exist only with `internals`.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    options: ServerOptions,
}

impl Backend {
    pub fn new(client: Client, outbox: Outbox, options: ServerOptions) -> Backend {
        Backend {
            shared: Arc::new(Shared::new(client, outbox)),
            options,
        }
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// `newsls/testPanic`: panics inside a guarded handler (registered only for tests).
    #[cfg(feature = "internals")]
    pub async fn test_panic(&self) -> Result<Value> {
        request::test_panic(self.options)
    }

    /// `newsls/timeline`: one document's dated events (its current version's, when it is
    /// open), or the whole workspace's, in chronological order.
    pub async fn timeline(
        &self,
        params: Option<timeline::TimelineParams>,
    ) -> Result<timeline::TimelineResult> {
        request::timeline(&self.shared, params).await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        request::initialize(&self.shared, params)
    }

    async fn initialized(&self, params: InitializedParams) {
        notification::initialized(&self.shared, params);
    }

    async fn shutdown(&self) -> Result<()> {
        request::shutdown(&self.shared)
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        notification::did_open(&self.shared, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        notification::did_change(&self.shared, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        notification::did_close(&self.shared, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        notification::did_change_configuration(&self.shared, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        notification::did_change_watched_files(&self.shared, params);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        request::hover(&self.shared, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        request::goto_definition(&self.shared, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        request::references(&self.shared, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        request::document_highlight(&self.shared, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        request::document_symbol(&self.shared, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        request::workspace_symbol(&self.shared, params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        request::inlay_hint(&self.shared, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        request::code_action(&self.shared, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        request::code_lens(&self.shared, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        request::semantic_tokens_full(&self.shared, params).await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        request::semantic_tokens_full_delta(&self.shared, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        request::semantic_tokens_range(&self.shared, params).await
    }
}
