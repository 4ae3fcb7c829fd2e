//! Which `newsls.toml` governs a document, and what follows from it: the engine settings (the
//! file's, under the editor's), the document's sidecar and annotation mode, and whether the
//! server serves the document at all (its language, then the include and exclude globs).
//!
//! The only place the server meets `newsls.toml`, through `newsls_project`'s cache; it knows
//! nothing of the client connection or the features.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{MessageType, Uri};

use super::config::{LANGUAGE_IDS, is_included};
use super::documents::Annotations;
use super::global_state::{Shared, file_path};
use newsls_engine::Settings;
use newsls_project::config::{AnnotationMode, Config};
use newsls_project::files::glob_set;
use newsls_project::standoff::sidecar_path;

impl Shared {
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

    /// Whether the server analyses this document: its language, then the include globs.
    /// The `news` language id is always served; plain text and Markdown only where the globs say.
    pub(crate) fn serves(&self, uri: &Uri, language_id: &str) -> bool {
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
}
