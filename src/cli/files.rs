//! Finding the articles to check and reading them: folder walks that respect `.gitignore`,
//! include globs, `newsls.toml` lookup per folder, and decoding of the bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::analysis::input::{Decoded, decode};
use crate::analysis::{Diagnostic, Settings};
use crate::config::{Config, ConfigError};

/// Builds a matcher from globs matched against file names (`*.txt`) or relative paths (`news/**/*.md`).
pub fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let compiled = Glob::new(glob).map_err(|error| format!("bad glob {glob:?}: {error}"))?;
        builder.add(compiled);
    }
    builder.build().map_err(|error| error.to_string())
}

/// Every article file under `paths`: named files always, files in folders when they match
/// `include` and are not ignored by `.gitignore`. Sorted and deduplicated, so shards are stable.
pub fn collect_files(paths: &[PathBuf], include: &GlobSet) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            errors.push(format!("{}: no such file or folder", path.display()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            .follow_links(true)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|kind| kind.is_file()) {
                        let file_path = entry.path();
                        let name_matches = file_path
                            .file_name()
                            .is_some_and(|name| include.is_match(name));
                        let relative = file_path.strip_prefix(path).unwrap_or(file_path);
                        if name_matches || include.is_match(relative) {
                            files.push(file_path.to_path_buf());
                        }
                    }
                }
                // Symlink loops, unreadable folders: report and go on.
                Err(error) => errors.push(error.to_string()),
            }
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// One article read from disk.
pub enum ReadArticle {
    Text {
        text: String,
        decode_diagnostics: Vec<Diagnostic>,
    },
    Binary {
        first_nul: usize,
    },
}

pub fn read_article(path: &Path) -> std::io::Result<ReadArticle> {
    let bytes = std::fs::read(path)?;
    Ok(match decode(&bytes) {
        Decoded::Binary { first_nul } => ReadArticle::Binary { first_nul },
        Decoded::Text { text, diagnostics } => ReadArticle::Text {
            text: text.into_owned(),
            decode_diagnostics: diagnostics,
        },
    })
}

/// `newsls.toml` lookups, cached per folder because a corpus folder holds thousands of files.
#[derive(Default)]
pub struct ConfigCache {
    by_folder: Mutex<HashMap<PathBuf, Arc<Result<Config, ConfigError>>>>,
}

impl ConfigCache {
    pub fn for_file(&self, file: &Path) -> Arc<Result<Config, ConfigError>> {
        let folder = file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let folder = if folder.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            folder
        };
        if let Ok(cache) = self.by_folder.lock()
            && let Some(found) = cache.get(&folder)
        {
            return found.clone();
        }
        let absolute = std::path::absolute(&folder).unwrap_or_else(|_| folder.clone());
        let loaded = Arc::new(Config::discover(&absolute));
        if let Ok(mut cache) = self.by_folder.lock() {
            cache.insert(folder, loaded.clone());
        }
        loaded
    }
}

/// The settings for one file: its `newsls.toml`, then a `--dct` flag on top.
pub fn settings_for(config: &Config, dct_flag: Option<jiff::civil::Date>) -> Settings {
    let mut settings = config.settings.clone();
    if let Some(date) = dct_flag {
        settings.publication_date = Some(date);
    }
    settings
}
