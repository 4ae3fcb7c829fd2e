//! `newsls.toml`: finding it, reading it, and turning it into engine `Settings`.
//!
//! This is where configuration meets the file system; the engine only ever sees `Settings`.
//! Errors name the file, the line and the key, because a user has to find and fix them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use newsls_engine::{Code, DeclaredEntity, RuleLevel, Settings, Severity};

pub const CONFIG_FILE_NAME: &str = "newsls.toml";

/// The default article globs when a configuration names none.
pub const DEFAULT_INCLUDE: &[&str] = &["*.txt", "*.md"];

/// A configuration as written in `newsls.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(alias = "publication_date")]
    publication_date: Option<Spanned<String>>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    analysis_limit_mb: Option<Spanned<u64>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    annotations: Option<RawAnnotations>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: Option<String>,
    role: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnotations {
    mode: Spanned<String>,
}

/// How annotators' decisions are stored: as edits of the text, or in a standoff layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnnotationMode {
    #[default]
    Inline,
    Standoff,
}

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    pub settings: Settings,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub annotation_mode: AnnotationMode,
}

/// A configuration error with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a `newsls.toml`; `path` is only used in error messages.
    pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
        let error_at = |offset: Option<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: offset.map(|offset| line_of(source, offset)),
            message,
        };
        let raw: RawConfig = toml::from_str(source).map_err(|error| {
            let offset = error.span().map(|span| span.start);
            let message = error.message().trim();
            // A type error names the value, not where it is: name its key.
            let message = match offset.and_then(|offset| key_at(source, offset)) {
                Some(key) if !message.starts_with("unknown field") => {
                    format!("key `{key}`: {message}")
                }
                _ => message.to_string(),
            };
            error_at(offset, message)
        })?;

        let mut settings = Settings::default();
        if let Some(value) = &raw.publication_date {
            let date: Date = value.get_ref().trim().parse().map_err(|_| {
                error_at(
                    Some(value.span().start),
                    format!(
                        "key `publication-date`: {:?} is not a date; write it as YYYY-MM-DD",
                        value.get_ref()
                    ),
                )
            })?;
            settings.publication_date = Some(date);
        }
        if let Some(limit) = &raw.analysis_limit_mb {
            if *limit.get_ref() == 0 {
                return Err(error_at(
                    Some(limit.span().start),
                    "key `analysis-limit-mb`: must be at least 1".to_string(),
                ));
            }
            settings.analysis_limit = usize::try_from(*limit.get_ref())
                .unwrap_or(usize::MAX / 2)
                .saturating_mul(1024 * 1024);
        }
        for (name, level) in &raw.rules {
            let code = Code::from_name(name.get_ref()).ok_or_else(|| {
                error_at(
                    Some(name.span().start),
                    format!(
                        "key `rules.{}`: no such rule (the rules are listed in docs/rules.md)",
                        name.get_ref()
                    ),
                )
            })?;
            let level = match level.get_ref().trim() {
                "off" | "none" | "false" => RuleLevel::Off,
                other => RuleLevel::Severity(Severity::parse(other).ok_or_else(|| {
                    error_at(
                        Some(level.span().start),
                        format!(
                            "key `rules.{}`: {other:?} is not a level; use off, hint, information, warning or error",
                            name.get_ref()
                        ),
                    )
                })?),
            };
            settings.rules.insert(code, level);
        }
        settings.declared_entities = raw
            .entity
            .iter()
            .map(|entity| DeclaredEntity {
                name: entity.name.clone(),
                aliases: entity.aliases.clone(),
                kind: entity.kind.clone(),
                role: entity.role.clone(),
            })
            .collect();
        let annotation_mode = match &raw.annotations {
            None => AnnotationMode::Inline,
            Some(annotations) => match annotations.mode.get_ref().as_str() {
                "inline" => AnnotationMode::Inline,
                "standoff" => AnnotationMode::Standoff,
                other => {
                    return Err(error_at(
                        Some(annotations.mode.span().start),
                        format!(
                            "key `annotations.mode`: {other:?} is not a mode; use \"inline\" or \"standoff\""
                        ),
                    ));
                }
            },
        };

        Ok(Config {
            path: Some(path.to_path_buf()),
            settings,
            include: raw.include.unwrap_or_else(|| {
                DEFAULT_INCLUDE
                    .iter()
                    .map(|glob| glob.to_string())
                    .collect()
            }),
            exclude: raw.exclude.unwrap_or_default(),
            annotation_mode,
        })
    }

    /// The built-in defaults, used where no `newsls.toml` is found.
    pub fn defaults() -> Config {
        Config {
            include: DEFAULT_INCLUDE
                .iter()
                .map(|glob| glob.to_string())
                .collect(),
            ..Config::default()
        }
    }

    /// Reads a `newsls.toml` file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|error| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read the configuration: {error}"),
        })?;
        Config::parse(&source, path)
    }

    /// The nearest `newsls.toml` in `start` or any folder above it, loaded; defaults if none.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match find_config_file(start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::defaults()),
        }
    }

    /// The folder the configuration applies to (where its file is).
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// The nearest `newsls.toml` in `start` (a file's folder or a folder) or above.
pub fn find_config_file(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    start
        .ancestors()
        .map(|folder| folder.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// The dotted key whose value is at `offset` ("rules.relative-date"): the key before `=` on
/// that line, under the last `[table]` header above it.
fn key_at(source: &str, offset: usize) -> Option<String> {
    let offset = offset.min(source.len());
    let line_start = source[..offset].rfind('\n').map_or(0, |at| at + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |at| offset + at);
    let line = &source[line_start..line_end];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let table = source[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|line| line.starts_with('['))
        .map(|header| header.trim_matches(|c| c == '[' || c == ']').trim());
    Some(match table {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key.to_string(),
    })
}

fn line_of(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    source.as_bytes()[..offset]
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Config, ConfigError> {
        Config::parse(source, Path::new("corpus/newsls.toml"))
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key_and_an_unknown_key_is_reported() {
        let error = parse("include = [\"*.txt\"]\n\n[rules]\nrelative-date = 1\n").unwrap_err();
        assert_eq!(error.line, Some(4));
        assert!(
            error
                .message
                .starts_with("key `rules.relative-date`: invalid type: integer"),
            "{error}"
        );
        let error = parse("publication-date = 5\n").unwrap_err();
        assert!(
            error.message.starts_with("key `publication-date`:"),
            "{error}"
        );
        let error = parse("\ncolour = 1\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("unknown field `colour`"), "{error}");
    }

    #[test]
    fn a_full_configuration() {
        let config = parse(
            "publication-date = \"2021-12-13\"\ninclude = [\"*.news.txt\"]\n\n[rules]\nboilerplate = \"off\"\nunattributed-quote = \"error\"\n\n[[entity]]\nname = \"Vladimir Putin\"\naliases = [\"Putin\"]\nkind = \"PERSON\"\n\n[annotations]\nmode = \"standoff\"\n",
        )
        .expect("valid");
        assert_eq!(
            config.settings.publication_date,
            Some(jiff::civil::date(2021, 12, 13))
        );
        assert_eq!(
            config.settings.rules.get(&Code::Boilerplate),
            Some(&RuleLevel::Off)
        );
        assert_eq!(
            config.settings.rules.get(&Code::UnattributedQuote),
            Some(&RuleLevel::Severity(Severity::Error))
        );
        assert_eq!(
            config.settings.declared_entities[0].aliases,
            vec!["Putin".to_string()]
        );
        assert_eq!(config.include, vec!["*.news.txt".to_string()]);
        assert_eq!(config.annotation_mode, AnnotationMode::Standoff);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let error = parse("\n[rules]\nno-such-rule = \"off\"\n").expect_err("unknown rule");
        assert_eq!(error.line, Some(3));
        assert!(
            error.to_string().starts_with("corpus/newsls.toml:3:"),
            "{error}"
        );
        assert!(error.message.contains("rules.no-such-rule"), "{error}");

        let error = parse("publication-date = \"13/12/2021\"\n").expect_err("bad date");
        assert_eq!(error.line, Some(1));
        assert!(error.message.contains("publication-date"));

        let error = parse("[rules]\nboilerplate = \"loud\"\n").expect_err("bad level");
        assert_eq!(error.line, Some(2));

        let error = parse("colour = true\n").expect_err("unknown key");
        assert_eq!(error.line, Some(1));
        assert!(error.message.contains("colour"), "{error}");

        let error = parse("include = [\n").expect_err("broken toml");
        assert!(error.line.is_some());
    }
}
