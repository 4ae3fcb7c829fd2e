//! Notification handlers: document sync, configuration and watched files.
//!
//! Each applies its change synchronously, before any await, so that changes apply in arrival
//! order; none waits on the client: asking the client (its configuration, a file watch) runs in
//! a spawned task, and so does the refresh after a re-analysis (`refresh`).

use std::sync::Arc;

use serde_json::json;
use tower_lsp_server::ls_types::*;

use crate::global_state::{Shared, file_path};
use crate::indexing::{spawn_file_indexing, spawn_workspace_indexing};
use crate::scheduler::spawn_worker;
use crate::sidecars::is_sidecar;
use newsls_project::config::CONFIG_FILE_NAME;
use newsls_project::standoff::SIDECAR_DIR;

pub(crate) fn initialized(shared: &Arc<Shared>, _: InitializedParams) {
    spawn_configuration_pull(shared, false);
    spawn_watch_registration(shared);
    spawn_workspace_indexing(shared);
}

pub(crate) fn did_open(shared: &Arc<Shared>, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    if file_path(&document.uri).is_some_and(|path| is_sidecar(&path)) {
        shared.open_sidecars.open(
            document.uri,
            document.language_id,
            document.version,
            &document.text,
        );
        shared.documents.wake_all();
        return;
    }
    if !shared.serves(&document.uri, &document.language_id) {
        return;
    }
    let (wake, is_new) = shared.documents.open(
        document.uri.clone(),
        document.language_id,
        document.version,
        &document.text,
    );
    if is_new {
        spawn_worker(shared.clone(), document.uri, wake);
    }
}

pub(crate) fn did_change(shared: &Shared, params: DidChangeTextDocumentParams) {
    // Synchronous, before any await, so that edits are applied in arrival order.
    let encoding = shared.session().encoding;
    if shared.open_sidecars.change(
        &params.text_document.uri,
        params.text_document.version,
        &params.content_changes,
        encoding,
    ) {
        // An edited layer (an action's edit, an undo, typing): re-analyse the articles.
        shared.documents.wake_all();
        return;
    }
    shared.documents.change(
        &params.text_document.uri,
        params.text_document.version,
        &params.content_changes,
        encoding,
    );
}

pub(crate) fn did_close(shared: &Shared, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    if shared.open_sidecars.is_open(&uri) {
        // Closed without saving: the file on disk is the layer again.
        shared.open_sidecars.close(&uri);
        shared.documents.wake_all();
        return;
    }
    if !shared.documents.is_open(&uri) {
        return;
    }
    shared.documents.close(&uri);
    shared.semantic_results.forget(&uri);
    shared.publish_diagnostics(uri, Vec::new(), None);
}

pub(crate) fn did_change_configuration(shared: &Arc<Shared>, params: DidChangeConfigurationParams) {
    let pushed = params.settings.get("newsls").is_some()
        || params
            .settings
            .as_object()
            .is_some_and(|object| !object.is_empty());
    if pushed {
        shared.apply_client_settings(&params.settings, true);
    } else {
        // The client only says "something changed": ask it, without waiting here.
        spawn_configuration_pull(shared, true);
    }
}

pub(crate) fn did_change_watched_files(shared: &Arc<Shared>, params: DidChangeWatchedFilesParams) {
    let mut articles = Vec::new();
    let mut reanalyse = false;
    for change in params.changes {
        let Some(path) = file_path(&change.uri) else {
            continue;
        };
        if path
            .file_name()
            .is_some_and(|name| name == CONFIG_FILE_NAME)
        {
            shared.reload_configs();
            reanalyse = true;
        } else if is_sidecar(&path) {
            // A changed layer: re-analyse the open articles (cheap to wake; each rereads
            // its own sidecar).
            reanalyse = true;
        } else if !shared.documents.is_open(&change.uri) {
            if change.typ == FileChangeType::DELETED {
                shared.workspace.remove(&change.uri);
            } else {
                articles.push(path);
            }
        }
    }
    if reanalyse {
        shared.reanalyse_open_documents(true);
    }
    if !articles.is_empty() {
        spawn_file_indexing(shared, articles);
    }
}

/// Asks the client for the `newsls` settings section, in a spawned task; `refresh` as in
/// `Shared::apply_client_settings`.
fn spawn_configuration_pull(shared: &Arc<Shared>, refresh: bool) {
    if !shared.session().pull_configuration {
        return;
    }
    let shared = shared.clone();
    tokio::spawn(async move {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("newsls".to_string()),
        }];
        match shared.client.configuration(items).await {
            Ok(values) => {
                if let Some(value) = values.first().filter(|value| !value.is_null()) {
                    shared.apply_client_settings(value, refresh);
                }
            }
            Err(error) => shared.log(
                MessageType::WARNING,
                format_args!("workspace/configuration failed: {error}"),
            ),
        }
    });
}

/// Registers the file watches (`newsls.toml`, articles, sidecars), in a spawned task.
fn spawn_watch_registration(shared: &Arc<Shared>) {
    if !shared.session().watch_registration {
        return;
    }
    let shared = shared.clone();
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
