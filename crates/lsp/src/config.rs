//! Editor settings: what `initializationOptions`, `workspace/configuration` and
//! `didChangeConfiguration` may say, and how it is laid over `newsls.toml`.
//!
//! The JSON shape (camelCase, under a `newsls` key or at the top level):
//! `{ "publicationDate": "2021-12-13", "rules": { "boilerplate": "off" }, "include": ["*.txt"],
//!    "exclude": [], "debounceMs": 5, "maxAnalysisBytes": 4194304 }`.
//! `maxAnalysisBytes` is the engine's analysis limit (past it a giant file is edited but not analysed).
//! Unknown keys and bad values are ignored with a warning, so a typo never stops the server.
//! Clients often send their whole settings section: the keys a client owns (`enable`, `server`,
//! `trace`) are ignored quietly, and an empty `publicationDate`, `include` or `exclude` means
//! "not set" (VS Code's defaults are `""` and `[]`), never "no date" or "no files".
//! It knows nothing of documents, positions or the client connection.

use std::time::Duration;

use globset::GlobSet;
use serde_json::Value;

use newsls_engine::{Code, RuleLevel, Settings, Severity};
use newsls_project::config::Config;

pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(5);

/// The language ids the server serves.
/// `text` is not an LSP language id, but it is what Vim-family editors and Helix call plain
/// text; a client that forwards its own filetype name must not lose the server.
pub const LANGUAGE_IDS: &[&str] = &["plaintext", "text", "markdown", "news"];

/// Settings the editor sent; `None` means "not said", so `newsls.toml` decides.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientSettings {
    pub publication_date: Option<jiff::civil::Date>,
    pub rules: Vec<(Code, RuleLevel)>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub debounce: Option<Duration>,
    pub max_analysis_bytes: Option<usize>,
}

impl ClientSettings {
    /// Reads the editor's JSON; returns the settings and a warning per ignored entry.
    pub fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let mut warnings = Vec::new();
        let mut settings = ClientSettings::default();
        let value = value.get("newsls").unwrap_or(value);
        let Some(object) = value.as_object() else {
            return (settings, warnings);
        };
        for (key, entry) in object {
            match key.as_str() {
                "publicationDate" | "publication-date" | "publication_date" => {
                    let text = entry.as_str().map(str::trim);
                    match text.map(str::parse) {
                        _ if entry.is_null() || text == Some("") => {}
                        Some(Ok(date)) => settings.publication_date = Some(date),
                        _ => warnings.push(format!(
                            "newsls.publicationDate: {entry} is not a date; write it as YYYY-MM-DD"
                        )),
                    }
                }
                "rules" => {
                    for (name, level) in entry.as_object().into_iter().flatten() {
                        let Some(code) = Code::from_name(name) else {
                            warnings.push(format!("newsls.rules: no rule named `{name}`"));
                            continue;
                        };
                        let level = level.as_str().unwrap_or("");
                        match level {
                            "off" | "none" => settings.rules.push((code, RuleLevel::Off)),
                            other => match Severity::parse(other) {
                                Some(severity) => settings
                                    .rules
                                    .push((code, RuleLevel::Severity(severity))),
                                None => warnings.push(format!(
                                    "newsls.rules.{name}: {other:?} is not a level; use off, hint, information, warning or error"
                                )),
                            },
                        }
                    }
                }
                "include" => settings.include = non_empty_string_list(entry),
                "exclude" => settings.exclude = non_empty_string_list(entry),
                // Settings of the client itself, sent along with ours by clients that pass
                // their whole section (VS Code's `newsls.enable`, `newsls.server.path`,
                // `newsls.trace.server`).
                "enable" | "server" | "trace" => {}
                "debounceMs" => {
                    settings.debounce = entry.as_u64().map(|ms| Duration::from_millis(ms.min(2000)))
                }
                "maxAnalysisBytes" => {
                    settings.max_analysis_bytes = entry
                        .as_u64()
                        .map(|bytes| usize::try_from(bytes).unwrap_or(usize::MAX))
                }
                other => warnings.push(format!("newsls: unknown setting `{other}` ignored")),
            }
        }
        (settings, warnings)
    }

    /// The engine settings for a file governed by `config`, with the editor's choices on top.
    pub fn apply_to(&self, config: &Config) -> Settings {
        let mut settings = config.settings.clone();
        if let Some(date) = self.publication_date {
            settings.publication_date = Some(date);
        }
        for (code, level) in &self.rules {
            settings.rules.insert(*code, *level);
        }
        if let Some(limit) = self.max_analysis_bytes {
            settings.analysis_limit = limit;
        }
        settings
    }

    pub fn debounce(&self) -> Duration {
        self.debounce.unwrap_or(DEFAULT_DEBOUNCE)
    }

    /// The include and exclude globs: the editor's if given, else the configuration's.
    pub fn globs(&self, config: &Config) -> (Vec<String>, Vec<String>) {
        (
            self.include
                .clone()
                .unwrap_or_else(|| config.include.clone()),
            self.exclude
                .clone()
                .unwrap_or_else(|| config.exclude.clone()),
        )
    }
}

/// A list of globs; an empty list or a non-list is "not set", so `newsls.toml` decides.
fn non_empty_string_list(value: &Value) -> Option<Vec<String>> {
    let items: Vec<String> = value
        .as_array()?
        .iter()
        .filter_map(|item| item.as_str().map(str::trim))
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect();
    (!items.is_empty()).then_some(items)
}

/// Whether a file (by name and path relative to its configuration root) is served.
pub fn is_included(
    include: &GlobSet,
    exclude: &GlobSet,
    file_name: &str,
    relative_path: &str,
) -> bool {
    let included = include.is_match(file_name) || include.is_match(relative_path);
    let excluded = exclude.is_match(file_name) || exclude.is_match(relative_path);
    included && !excluded
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn editor_settings_override_the_configuration_file() {
        let (client, warnings) = ClientSettings::from_json(&json!({
            "newsls": {
                "publicationDate": "2021-12-13",
                "rules": { "boilerplate": "off", "no-such-rule": "error" },
                "debounceMs": 0,
                "maxAnalysisBytes": 1000,
                "colour": true
            }
        }));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let mut config = Config::defaults();
        config
            .settings
            .rules
            .insert(Code::Boilerplate, RuleLevel::Severity(Severity::Error));
        let settings = client.apply_to(&config);
        assert_eq!(
            settings.publication_date,
            Some(jiff::civil::date(2021, 12, 13))
        );
        assert_eq!(
            settings.rules.get(&Code::Boilerplate),
            Some(&RuleLevel::Off)
        );
        assert_eq!(client.debounce(), Duration::ZERO);
        assert_eq!(settings.analysis_limit, 1000);
    }

    /// What vscode-languageclient sends for the raw `newsls` section with default settings.
    #[test]
    fn a_clients_whole_default_section_sets_nothing_and_warns_nothing() {
        let (client, warnings) = ClientSettings::from_json(&json!({
            "enable": false,
            "server": { "path": "", "extraArgs": [] },
            "rules": {},
            "publicationDate": "",
            "include": [],
            "exclude": [""],
            "trace": { "server": "off" }
        }));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(client, ClientSettings::default());
        let config = Config::defaults();
        assert_eq!(
            client.globs(&config),
            (config.include.clone(), config.exclude.clone())
        );
    }

    #[test]
    fn a_publication_date_that_is_not_a_date_is_reported() {
        let (client, warnings) =
            ClientSettings::from_json(&json!({ "publicationDate": "13/12/2021" }));
        assert_eq!(client.publication_date, None);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (_, warnings) = ClientSettings::from_json(&json!({ "publicationDate": 2021 }));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
