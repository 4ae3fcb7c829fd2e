//! The `initialize` handshake's data: what the server offers (`server_capabilities`), and what
//! it keeps of the client's capabilities and workspace folders (`client_session`).
//!
//! Pure functions of the parameters; it knows nothing of the handlers that honour them.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use super::config::ClientSettings;
use super::features::semantic_tokens;
use super::global_state::{RefreshSupport, Session, file_path};
use super::line_index::PositionEncoding;

/// What the client can do and where its workspace is, with the editor's settings it sent.
pub(crate) fn client_session(
    params: &InitializeParams,
    client_settings: ClientSettings,
) -> Session {
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
    let text_document = capabilities.text_document.as_ref();
    let workspace = capabilities.workspace.as_ref();
    Session {
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
        refresh: RefreshSupport {
            inlay_hints: workspace
                .and_then(|workspace| workspace.inlay_hint.as_ref())
                .and_then(|inlay_hint| inlay_hint.refresh_support)
                .unwrap_or(false),
            code_lenses: workspace
                .and_then(|workspace| workspace.code_lens.as_ref())
                .and_then(|code_lens| code_lens.refresh_support)
                .unwrap_or(false),
            semantic_tokens: workspace
                .and_then(|workspace| workspace.semantic_tokens.as_ref())
                .and_then(|semantic_tokens| semantic_tokens.refresh_support)
                .unwrap_or(false),
        },
        roots,
        client_settings,
    }
}

/// What the server offers, in the position encoding agreed on.
pub(crate) fn server_capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
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
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                range: Some(true),
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}
