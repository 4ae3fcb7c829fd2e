//! A finding of one rule at one span, with an optional machine-applicable fix.
//!
//! Plain data: the CLI prints it, the LSP turns it into `Diagnostic`s and code actions.

use super::rules::{Code, Severity};
use super::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    /// A replacement that resolves the finding ("make the date explicit", "fix the spelling").
    pub fix: Option<Fix>,
}

/// Replace `span` with `replacement`; `title` is what an editor shows for the quick fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    /// A finding at the rule's default severity; settings may change it later.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            span,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
