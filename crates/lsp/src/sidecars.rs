//! The standoff layer's sidecars as the server sees them: which paths are sidecars, and the
//! current text of one (the editor's unsaved buffer when it is open, else the file).
//!
//! Where a document's sidecar lives is `config_lookup`'s (`annotations_for`); reading the
//! layer out of the text is `newsls_project::standoff`'s. It knows nothing of the features.

use std::path::Path;

use tower_lsp_server::ls_types::Uri;

use super::global_state::Shared;

impl Shared {
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
