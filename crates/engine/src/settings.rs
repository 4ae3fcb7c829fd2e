//! What the engine may be told from outside: a fixed publication date, rule levels, declared entities.
//!
//! The shells fill it from flags, `newsls.toml` and LSP configuration; the engine only reads it.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::diagnostic::Diagnostic;
use super::rules::{Code, Severity};

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Overrides the publication date found in the text.
    pub publication_date: Option<Date>,
    /// Per-rule severity overrides; rules not listed keep their default.
    pub rules: BTreeMap<Code, RuleLevel>,
    /// Entities and aliases declared by the user in `newsls.toml`.
    pub declared_entities: Vec<DeclaredEntity>,
    /// Bytes analysed at most: a longer text is analysed up to this point (at a line break), and
    /// says so with an `analysis-limit` finding, so that giant files stay fast and bounded.
    pub analysis_limit: usize,
}

/// The default `Settings::analysis_limit`: far above any real article, small enough to stay interactive.
pub const DEFAULT_ANALYSIS_LIMIT: usize = 4 * 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            publication_date: None,
            rules: BTreeMap::new(),
            declared_entities: Vec::new(),
            analysis_limit: DEFAULT_ANALYSIS_LIMIT,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Severity(Severity),
}

/// `[[entity]] name = "Vladimir Putin", aliases = ["Putin"], kind = "PERSON"` in newsls.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredEntity {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub role: Option<String>,
}

/// Drops findings of rules turned off and applies severity overrides.
pub fn apply_rule_levels(diagnostics: Vec<Diagnostic>, settings: &Settings) -> Vec<Diagnostic> {
    if settings.rules.is_empty() {
        return diagnostics;
    }
    diagnostics
        .into_iter()
        .filter_map(
            |mut diagnostic| match settings.rules.get(&diagnostic.code) {
                Some(RuleLevel::Off) => None,
                Some(RuleLevel::Severity(severity)) => {
                    diagnostic.severity = *severity;
                    Some(diagnostic)
                }
                None => Some(diagnostic),
            },
        )
        .collect()
}
