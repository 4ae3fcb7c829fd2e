//! Request handlers: each finds the document's analysed snapshot (waiting for the analysis of
//! the version the client has) and calls one pure feature function under `guarded`.
//!
//! They read the shared state and never change a document; they know nothing of how the
//! features find what they answer.

use std::sync::atomic::Ordering;

#[cfg(feature = "internals")]
use serde_json::Value;
#[cfg(feature = "internals")]
use tower_lsp_server::jsonrpc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::guarded;
use crate::capabilities::{client_session, server_capabilities};
use crate::config::ClientSettings;
use crate::features::{
    actions, decisions, hover, inlay, lens, navigation, semantic_tokens, symbols, timeline,
};
#[cfg(feature = "internals")]
use crate::global_state::ServerOptions;
use crate::global_state::Shared;
use newsls_engine::Span;

/// Workspace symbols returned at most, so an empty query on a big corpus stays quick.
const WORKSPACE_SYMBOL_LIMIT: usize = 1000;

pub(crate) fn initialize(shared: &Shared, params: InitializeParams) -> Result<InitializeResult> {
    let (client_settings, warnings) = params
        .initialization_options
        .as_ref()
        .map(ClientSettings::from_json)
        .unwrap_or_default();
    for warning in warnings {
        shared.log(MessageType::WARNING, warning);
    }
    let session = client_session(&params, client_settings);
    let encoding = session.encoding;
    shared.update_session(|current| *current = session);
    Ok(InitializeResult {
        server_info: Some(ServerInfo {
            name: "newsls".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        capabilities: server_capabilities(encoding),
        offset_encoding: None,
    })
}

pub(crate) fn shutdown(shared: &Shared) -> Result<()> {
    shared.shutdown_requested.store(true, Ordering::SeqCst);
    Ok(())
}

fn text_position(params: &TextDocumentPositionParams) -> (&Uri, Position) {
    (&params.text_document.uri, params.position)
}

pub(crate) async fn hover(shared: &Shared, params: HoverParams) -> Result<Option<Hover>> {
    let (uri, position) = text_position(&params.text_document_position_params);
    let Some(snapshot) = shared.snapshot(uri).await else {
        return Ok(None);
    };
    guarded("hover", || {
        hover::hover(&snapshot, snapshot.lines.offset(position))
    })
}

pub(crate) async fn goto_definition(
    shared: &Shared,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let (uri, position) = text_position(&params.text_document_position_params);
    let Some(snapshot) = shared.snapshot(uri).await else {
        return Ok(None);
    };
    guarded("definition", || {
        let found = navigation::definition(
            &snapshot,
            snapshot.lines.offset(position),
            &shared.workspace,
        );
        match found.len() {
            0 => None,
            1 => found.into_iter().next().map(GotoDefinitionResponse::Scalar),
            _ => Some(GotoDefinitionResponse::Array(found)),
        }
    })
}

pub(crate) async fn references(
    shared: &Shared,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>> {
    let (uri, position) = text_position(&params.text_document_position);
    let Some(snapshot) = shared.snapshot(uri).await else {
        return Ok(None);
    };
    guarded("references", || {
        Some(navigation::references(
            &snapshot,
            snapshot.lines.offset(position),
            params.context.include_declaration,
            &shared.workspace,
        ))
    })
}

pub(crate) async fn document_highlight(
    shared: &Shared,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let (uri, position) = text_position(&params.text_document_position_params);
    let Some(snapshot) = shared.snapshot(uri).await else {
        return Ok(None);
    };
    guarded("documentHighlight", || {
        Some(navigation::highlights(
            &snapshot,
            snapshot.lines.offset(position),
        ))
    })
}

pub(crate) async fn document_symbol(
    shared: &Shared,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let hierarchical = shared.session().hierarchical_symbols;
    guarded("documentSymbol", || {
        Some(if hierarchical {
            DocumentSymbolResponse::Nested(symbols::outline(&snapshot))
        } else {
            DocumentSymbolResponse::Flat(symbols::flat_outline(&snapshot))
        })
    })
}

pub(crate) fn workspace_symbol(
    shared: &Shared,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    guarded("workspace/symbol", || {
        Some(WorkspaceSymbolResponse::Nested(
            shared
                .workspace
                .symbols(&params.query, WORKSPACE_SYMBOL_LIMIT),
        ))
    })
}

pub(crate) async fn inlay_hint(
    shared: &Shared,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    guarded("inlayHint", || {
        let visible: Span = snapshot.lines.span(params.range);
        Some(inlay::inlay_hints(&snapshot, visible))
    })
}

pub(crate) async fn code_action(
    shared: &Shared,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let range = snapshot.lines.span(params.range);
    if let (true, Some(path)) = (
        snapshot.annotations.standoff,
        snapshot.annotations.sidecar.as_ref(),
    ) {
        // The sidecar as it is now (the edit replaces its whole text).
        let source = match shared.sidecar_source(path) {
            Ok(source) => source,
            Err(error) => {
                shared.log(
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

pub(crate) async fn code_lens(
    shared: &Shared,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    guarded("codeLens", || Some(lens::session_lens(&snapshot)))
}

pub(crate) async fn semantic_tokens_full(
    shared: &Shared,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let uri = params.text_document.uri;
    guarded("semanticTokens", || {
        let data = semantic_tokens::semantic_tokens(&snapshot);
        let result_id = Some(shared.semantic_results.remember(&uri, &data));
        Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id,
            data,
        }))
    })
}

pub(crate) async fn semantic_tokens_full_delta(
    shared: &Shared,
    params: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    let uri = params.text_document.uri;
    let Some(snapshot) = shared.snapshot(&uri).await else {
        return Ok(None);
    };
    guarded("semanticTokens/delta", || {
        let data = semantic_tokens::semantic_tokens(&snapshot);
        let previous = shared
            .semantic_results
            .previous(&uri, &params.previous_result_id);
        let result_id = Some(shared.semantic_results.remember(&uri, &data));
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

pub(crate) async fn semantic_tokens_range(
    shared: &Shared,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let Some(snapshot) = shared.snapshot(&params.text_document.uri).await else {
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

/// `newsls/timeline`: one document's dated events (its current version's, when it is
/// open), or the whole workspace's, in chronological order.
pub(crate) async fn timeline(
    shared: &Shared,
    params: Option<timeline::TimelineParams>,
) -> Result<timeline::TimelineResult> {
    let params = params.unwrap_or_default();
    let files = match params.text_document {
        Some(document) => {
            let uri = document.uri;
            if shared.documents.is_open(&uri) {
                // Waits for the analysis of the version the client has.
                let _ = shared.snapshot(&uri).await;
            }
            shared
                .workspace
                .get(&uri)
                .map(|entry| vec![(uri, entry)])
                .unwrap_or_default()
        }
        None => shared.workspace.entries(),
    };
    guarded(timeline::METHOD, || timeline::timeline(&files))
}

/// `newsls/testPanic`: panics inside a guarded handler (registered only for tests).
#[cfg(feature = "internals")]
pub(crate) fn test_panic(options: ServerOptions) -> Result<Value> {
    if !options.test_methods {
        return Err(jsonrpc::Error::method_not_found());
    }
    guarded("newsls/testPanic", || -> Value {
        panic!("a deliberate panic to test the server's recovery")
    })
}
