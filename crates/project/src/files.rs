//! Finding the articles to check and reading them: folder walks that respect `.gitignore`,
//! include globs, `newsls.toml` lookup per folder, and decoding of the bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{Config, ConfigError};
use crate::standoff::{SidecarProblem, read_layer, sidecar_path};
use newsls_engine::{Analysis, Code, Diagnostic, Input, Options, Settings, Span, analyze};
use newsls_engine::{Decoded, decode};

/// Builds a matcher from globs matched against file names (`*.txt`) or relative paths (`news/**/*.md`).
pub fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let compiled = Glob::new(glob).map_err(|error| format!("bad glob {glob:?}: {error}"))?;
        builder.add(compiled);
    }
    builder.build().map_err(|error| error.to_string())
}

/// Problems met while walking folders.
#[derive(Debug, Default)]
pub struct WalkProblems {
    /// Missing paths and unreadable folders: the run is incomplete.
    pub errors: Vec<String>,
    /// Symbolic-link loops: skipped, nothing is missing.
    pub warnings: Vec<String>,
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// Every article file under `paths`: named files always, files in folders when they match
/// `include` and are not ignored by `.gitignore`. Sorted and deduplicated, so shards are stable.
pub fn collect_files(paths: &[PathBuf], include: &GlobSet) -> (Vec<PathBuf>, WalkProblems) {
    let mut files = Vec::new();
    let mut problems = WalkProblems::default();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            problems
                .errors
                .push(format!("{}: no such file or folder", path.display()));
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
                Err(error) if is_loop(&error) => problems
                    .warnings
                    .push(format!("skipped a symbolic-link loop: {error}")),
                Err(error) => problems.errors.push(error.to_string()),
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
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
    let (replaced, decode_diagnostics) = match decode(&bytes) {
        Decoded::Binary { first_nul } => return Ok(ReadArticle::Binary { first_nul }),
        Decoded::Text {
            text: Cow::Owned(text),
            diagnostics,
        } => (Some(text), diagnostics),
        Decoded::Text {
            text: Cow::Borrowed(_),
            diagnostics,
        } => (None, diagnostics),
    };
    // Valid UTF-8 (the usual case) keeps the bytes read as its text instead of copying them:
    // a corpus may hold files of hundreds of megabytes.
    let text = match replaced {
        Some(text) => text,
        None => String::from_utf8(bytes)
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?,
    };
    Ok(ReadArticle::Text {
        text,
        decode_diagnostics,
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

/// An article analysed with its configuration and its annotation layer.
pub struct AnalysedArticle {
    pub text: String,
    pub analysis: Analysis,
    pub sidecar: PathBuf,
    /// Lines of the sidecar that could not be read (the rest of the layer was applied).
    pub sidecar_problems: Vec<SidecarProblem>,
}

/// Why an article was not analysed.
pub enum NotAnalysed {
    /// Not an article (binary); a note, not an error.
    Skipped(String),
    /// An I/O or configuration error.
    Failed(String),
}

/// Reads, configures and analyses one article, applying its standoff layer.
pub fn analyse_article(
    path: &Path,
    configs: &ConfigCache,
    dct: Option<jiff::civil::Date>,
) -> Result<AnalysedArticle, NotAnalysed> {
    let config = configs.for_file(path);
    let config = match config.as_ref() {
        Ok(config) => config,
        Err(error) => return Err(NotAnalysed::Failed(format!("configuration error: {error}"))),
    };
    let (text, decode_diagnostics) = match read_article(path) {
        Err(error) => return Err(NotAnalysed::Failed(format!("cannot read: {error}"))),
        Ok(ReadArticle::Binary { first_nul }) => {
            return Err(NotAnalysed::Skipped(format!(
                "binary file (NUL byte at offset {first_nul}), not an article"
            )));
        }
        Ok(ReadArticle::Text {
            text,
            decode_diagnostics,
        }) => (text, decode_diagnostics),
    };
    let settings = settings_for(config, dct);
    let sidecar = sidecar_path(path, config.root());
    let (layer, sidecar_problems) = read_layer(&sidecar, &text);
    let mut analysis = analyze(
        &Input::new(&text, &settings).with_layer(&layer),
        Options::default(),
    );
    analysis.diagnostics.splice(0..0, decode_diagnostics);
    Ok(AnalysedArticle {
        text,
        analysis,
        sidecar,
        sidecar_problems,
    })
}

/// `invalid-annotation` findings located in the sidecar itself, with the sidecar's text.
pub fn sidecar_findings(problems: &[SidecarProblem]) -> Option<(PathBuf, String, Vec<Diagnostic>)> {
    let first = problems.first()?;
    let source = std::fs::read_to_string(&first.path).unwrap_or_default();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let diagnostics = problems
        .iter()
        .map(|problem| {
            let start = line_starts
                .get(problem.line.saturating_sub(1))
                .copied()
                .unwrap_or(0);
            let end = source[start..]
                .find('\n')
                .map_or(source.len(), |at| start + at);
            Diagnostic::new(
                Code::InvalidAnnotation,
                Span::new(start, end),
                format!(
                    "This annotation record cannot be read and was not applied: {}",
                    problem.message
                ),
            )
        })
        .collect();
    Some((first.path.clone(), source, diagnostics))
}
