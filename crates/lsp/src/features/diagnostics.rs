//! Engine diagnostics as LSP diagnostics: the rule name as `code`, a link to its documentation.
//!
//! Pure; it must not decide what is reported (the engine did, settings and suppressions included).

use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Uri,
};

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::documents::Snapshot;
use newsls_engine::Severity;
use newsls_engine::RULES;
use newsls_output::report::RULES_DOC_URL;

pub const SOURCE: &str = "newsls";

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The documentation link of a rule (`docs/rules.md#rule-name`).
pub fn rule_doc_uri(rule_name: &str) -> Option<Uri> {
    format!("{RULES_DOC_URL}#{rule_name}").parse().ok()
}

/// Every rule's link, parsed once: a long article has thousands of findings.
static RULE_DOC_URIS: LazyLock<HashMap<&'static str, Uri>> = LazyLock::new(|| {
    RULES
        .iter()
        .filter_map(|rule| Some((rule.name, rule_doc_uri(rule.name)?)))
        .collect()
});

pub fn to_lsp(snapshot: &Snapshot, diagnostic: &newsls_engine::Diagnostic) -> Diagnostic {
    let name = diagnostic.code.name();
    Diagnostic {
        range: snapshot.lines.range(diagnostic.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(name.to_string())),
        code_description: RULE_DOC_URIS
            .get(name)
            .map(|href| CodeDescription { href: href.clone() }),
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.clone(),
        ..Diagnostic::default()
    }
}

pub fn all(snapshot: &Snapshot) -> Vec<Diagnostic> {
    snapshot
        .analysis
        .diagnostics
        .iter()
        .map(|diagnostic| to_lsp(snapshot, diagnostic))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::test_support::snapshot;

    #[test]
    fn boilerplate_lines_are_reported_with_rule_name_and_link() {
        let text = "date: 2021-12-13\n\nAdvertisement\n\nThe minister spoke on Monday.\n";
        let diagnostics = all(&snapshot(text));
        let boilerplate = diagnostics
            .iter()
            .find(|d| d.code == Some(NumberOrString::String("boilerplate".into())))
            .expect("a boilerplate finding");
        assert_eq!(boilerplate.range.start.line, 2);
        let href = boilerplate
            .code_description
            .as_ref()
            .map(|description| description.href.as_str().to_string());
        assert_eq!(
            href.as_deref(),
            Some(format!("{RULES_DOC_URL}#boilerplate").as_str())
        );
    }
}
