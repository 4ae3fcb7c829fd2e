//! newsls: a language server and batch linter for news articles and corpora.
//!
//! The crate has three layers, each knowing less than the one above it:
//! `analysis` is the pure engine (text in, plain data out), `output` renders an
//! analysis for people and tools (JSON, brat, TimeML, SARIF…), and `cli` and `lsp`
//! are the two shells that read files, talk to editors and print.
//! See ARCHITECTURE.md for the code map.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod lsp;
pub mod output;
pub mod standoff;

pub use analysis::{Analysis, Settings, analyze};
