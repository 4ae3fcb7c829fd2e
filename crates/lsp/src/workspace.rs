//! The corpus index: per file, the entities (canonical name, kind, definition and mention
//! ranges) and the dated events, so cross-file definitions, references and workspace symbols
//! work before the files are opened.
//!
//! It keeps names and ranges only, never texts or full analyses, so 15,000 articles stay small.
//! It knows nothing of the client: the server drives indexing and reports progress.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, RwLock};

use rayon::prelude::*;
use tower_lsp_server::ls_types::{Location, OneOf, Range, SymbolKind, Uri, WorkspaceSymbol};

use super::config::ClientSettings;
use super::line_index::{LineIndex, PositionEncoding};
use newsls_engine::TimexValue;
use newsls_engine::participants;
use newsls_engine::{Analysis, EntityKind, Input, Options, analyze};
use newsls_project::config::Config;
use newsls_project::files::{ReadArticle, collect_files, glob_set, read_article};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedEntity {
    pub canonical: Box<str>,
    pub kind: EntityKind,
    pub definition: Range,
    pub mentions: Box<[Range]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedEvent {
    pub value: TimexValue,
    /// The date expression as written.
    pub text: Box<str>,
    pub summary: Box<str>,
    pub date: Range,
    pub sentence: Range,
    /// The entities mentioned in the sentence (indexes into the file's `entities`).
    pub participants: Box<[usize]>,
}

/// What the index remembers of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileIndex {
    pub entities: Vec<IndexedEntity>,
    pub events: Vec<IndexedEvent>,
}

impl FileIndex {
    pub fn build(analysis: &Analysis, lines: &LineIndex) -> FileIndex {
        FileIndex {
            entities: analysis
                .entities
                .iter()
                .map(|entity| IndexedEntity {
                    canonical: entity.canonical.as_str().into(),
                    kind: entity.kind,
                    definition: lines.range(entity.definition),
                    mentions: entity
                        .mentions
                        .iter()
                        .map(|mention| lines.range(mention.span))
                        .collect(),
                })
                .collect(),
            events: analysis
                .timeline
                .iter()
                .zip(participants(&analysis.timeline, &analysis.entities))
                .map(|(event, participants)| IndexedEvent {
                    value: event.value.clone(),
                    text: event.date.slice(lines.text()).into(),
                    summary: event.summary.as_str().into(),
                    date: lines.range(event.date),
                    sentence: lines.range(event.sentence.cover(event.date)),
                    participants: participants.into(),
                })
                .collect(),
        }
    }
}

pub fn entity_symbol_kind(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::OBJECT,
        EntityKind::Org => SymbolKind::STRUCT,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Other => SymbolKind::CONSTANT,
    }
}

/// Whether `short` ("Blinken") is the last words of `full` ("Antony Blinken").
pub fn is_short_form_of(short: &str, full: &str) -> bool {
    full.len() > short.len()
        && full.ends_with(short)
        && full[..full.len() - short.len()].ends_with(' ')
}

/// A file's index entry, built when first read. An open document's entry is recorded as soon
/// as its analysis is stored and built when the document rests or closes (or by the first
/// query that reads it, whichever comes first): building it is not on the path of an edit's
/// diagnostics, and no query ever reads an entry older than the published analysis.
pub type IndexEntry = LazyLock<FileIndex, Box<dyn FnOnce() -> FileIndex + Send>>;

/// Every indexed file of the workspace.
#[derive(Default)]
pub struct WorkspaceIndex {
    files: RwLock<HashMap<Uri, Arc<IndexEntry>>>,
}

impl WorkspaceIndex {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Uri, Arc<IndexEntry>>> {
        self.files
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Uri, Arc<IndexEntry>>> {
        self.files
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn insert(&self, uri: Uri, file: FileIndex) {
        self.insert_lazy(uri, move || file);
    }

    /// Records the entry `build` makes, to be built when first read; returns it, so that the
    /// caller can build it when convenient (`LazyLock::force`).
    pub fn insert_lazy(
        &self,
        uri: Uri,
        build: impl FnOnce() -> FileIndex + Send + 'static,
    ) -> Arc<IndexEntry> {
        let entry: Arc<IndexEntry> = Arc::new(LazyLock::new(Box::new(build)));
        self.write().insert(uri, entry.clone());
        entry
    }

    /// Inserts only files not already indexed (the open documents' entries are fresher).
    pub fn insert_if_absent(&self, uri: Uri, file: FileIndex) {
        self.write()
            .entry(uri)
            .or_insert_with(|| Arc::new(LazyLock::new(Box::new(move || file))));
    }

    pub fn remove(&self, uri: &Uri) {
        self.write().remove(uri);
    }

    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Every entry, at this moment.
    pub fn entries(&self) -> Vec<(Uri, Arc<IndexEntry>)> {
        self.read()
            .iter()
            .map(|(uri, entry)| (uri.clone(), entry.clone()))
            .collect()
    }

    pub fn get(&self, uri: &Uri) -> Option<Arc<IndexEntry>> {
        self.read().get(uri).cloned()
    }

    /// Definitions in other files of the entity a file only names by a short form: entities of
    /// the same kind whose canonical name ends with `name` ("Blinken" → "Antony Blinken").
    pub fn definitions_of_short_form(
        &self,
        name: &str,
        kind: EntityKind,
        except: &Uri,
    ) -> Vec<Location> {
        self.locations_elsewhere(except, |entity| {
            if entity.kind == kind && is_short_form_of(name, &entity.canonical) {
                vec![entity.definition]
            } else {
                Vec::new()
            }
        })
    }

    /// Every mention of an entity with this canonical name and kind in the other files.
    pub fn mentions_elsewhere(
        &self,
        canonical: &str,
        kind: EntityKind,
        except: &Uri,
    ) -> Vec<Location> {
        self.locations_elsewhere(except, |entity| {
            if entity.kind == kind && &*entity.canonical == canonical {
                entity.mentions.to_vec()
            } else {
                Vec::new()
            }
        })
    }

    /// The ranges `select` picks from each entity of every file but `except`, as locations
    /// sorted by file and position.
    fn locations_elsewhere(
        &self,
        except: &Uri,
        select: impl Fn(&IndexedEntity) -> Vec<Range>,
    ) -> Vec<Location> {
        let mut found: Vec<Location> = self
            .read()
            .iter()
            .filter(|(uri, _)| *uri != except)
            .flat_map(|(uri, file)| {
                file.entities
                    .iter()
                    .flat_map(&select)
                    .map(|range| Location::new(uri.clone(), range))
                    .collect::<Vec<_>>()
            })
            .collect();
        found.sort_by(|a, b| {
            a.uri
                .as_str()
                .cmp(b.uri.as_str())
                .then(a.range.start.cmp(&b.range.start))
        });
        found
    }

    /// Entities and dated events whose name contains `query` (case-insensitive), at most `limit`.
    pub fn symbols(&self, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
        let query = query.to_lowercase();
        let matches = |name: &str| query.is_empty() || name.to_lowercase().contains(&query);
        let files = self.read();
        let mut uris: Vec<&Uri> = files.keys().collect();
        uris.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        let mut symbols = Vec::new();
        for uri in uris {
            let Some(file) = files.get(uri) else { continue };
            for entity in &file.entities {
                if symbols.len() >= limit {
                    return symbols;
                }
                if matches(&entity.canonical) {
                    symbols.push(WorkspaceSymbol {
                        name: entity.canonical.to_string(),
                        kind: entity_symbol_kind(entity.kind),
                        tags: None,
                        container_name: Some(entity.kind.name().to_string()),
                        location: OneOf::Left(Location::new(uri.clone(), entity.definition)),
                        data: None,
                    });
                }
            }
            for event in &file.events {
                if symbols.len() >= limit {
                    return symbols;
                }
                let name = format!("{} {}", event.value, event.summary);
                if matches(&name) {
                    symbols.push(WorkspaceSymbol {
                        name,
                        kind: SymbolKind::EVENT,
                        tags: None,
                        container_name: Some("timeline".to_string()),
                        location: OneOf::Left(Location::new(uri.clone(), event.date)),
                        data: None,
                    });
                }
            }
        }
        symbols
    }
}

/// The article files of a workspace folder, by the include and exclude globs in force there.
pub fn discover_files(root: &Path, client: &ClientSettings) -> Vec<PathBuf> {
    let config = Config::discover(root).unwrap_or_else(|_| Config::defaults());
    let (include, exclude) = client.globs(&config);
    let (Ok(include), Ok(exclude)) = (glob_set(&include), glob_set(&exclude)) else {
        return Vec::new();
    };
    let (files, _errors) = collect_files(&[root.to_path_buf()], &include);
    files
        .into_iter()
        .filter(|file| {
            let name = file
                .file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default();
            let relative = file.strip_prefix(root).unwrap_or(file);
            !exclude.is_match(name.as_ref()) && !exclude.is_match(relative)
        })
        .collect()
}

/// Reads and analyses files in parallel, keeping only their index entries.
pub fn index_files(
    files: &[PathBuf],
    client: &ClientSettings,
    encoding: PositionEncoding,
) -> Vec<(Uri, FileIndex)> {
    let configs = newsls_project::files::ConfigCache::default();
    files
        .par_iter()
        .filter_map(|path| {
            let uri = Uri::from_file_path(path)?;
            let Ok(ReadArticle::Text { text, .. }) = read_article(path) else {
                return None;
            };
            let config = configs.for_file(path);
            let settings = match config.as_ref() {
                Ok(config) => client.apply_to(config),
                Err(_) => client.apply_to(&Config::defaults()),
            };
            // A panic on one file must not lose the whole index.
            let analysis = std::panic::catch_unwind(|| analyze(&Input::new(&text, &settings), Options::default())).ok()?;
            let lines = LineIndex::new(Arc::from(text), encoding);
            Some((uri, FileIndex::build(&analysis, &lines)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Position;

    fn entity(canonical: &str, line: u32) -> IndexedEntity {
        let range = Range::new(Position::new(line, 0), Position::new(line, 5));
        IndexedEntity {
            canonical: canonical.into(),
            kind: EntityKind::Person,
            definition: range,
            mentions: vec![range].into(),
        }
    }

    fn uri(name: &str) -> Uri {
        format!("file:///corpus/{name}")
            .parse()
            .unwrap_or_else(|_| panic!("uri"))
    }

    #[test]
    fn a_lazy_entry_is_built_by_the_first_query_that_reads_it() {
        let index = WorkspaceIndex::default();
        let built = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = built.clone();
        let entry = index.insert_lazy(uri("a.txt"), move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            FileIndex {
                entities: vec![entity("Antony Blinken", 3)],
                events: vec![],
            }
        });
        assert_eq!(built.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert_eq!(index.symbols("blinken", 10).len(), 1);
        LazyLock::force(&entry);
        assert_eq!(index.symbols("antony", 10).len(), 1);
        assert_eq!(built.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn a_surname_finds_the_full_name_defined_in_another_file() {
        let index = WorkspaceIndex::default();
        index.insert(
            uri("a.txt"),
            FileIndex {
                entities: vec![entity("Antony Blinken", 3)],
                events: vec![],
            },
        );
        index.insert(
            uri("b.txt"),
            FileIndex {
                entities: vec![entity("Blinken", 1), entity("Ned Price", 2)],
                events: vec![],
            },
        );
        let found = index.definitions_of_short_form("Blinken", EntityKind::Person, &uri("b.txt"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].uri, uri("a.txt"));
        assert_eq!(found[0].range.start.line, 3);
        assert!(
            index
                .definitions_of_short_form("Linken", EntityKind::Person, &uri("b.txt"))
                .is_empty()
        );
        assert_eq!(index.symbols("price", 10).len(), 1);
        assert_eq!(
            index
                .mentions_elsewhere("Antony Blinken", EntityKind::Person, &uri("b.txt"))
                .len(),
            1
        );
    }
}
