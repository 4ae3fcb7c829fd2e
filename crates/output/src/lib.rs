//! Renderings of an analysis for people and tools: annotation JSON, brat, TimeML, and the
//! `check` report formats (human, JSON, SARIF, GitHub workflow commands).
//!
//! This is the edge where byte spans become code-point offsets and 1-based line/columns.
//! It reads no files and prints nothing itself: every function returns a string or a value.

pub mod annotated;
pub mod annotations;
pub mod brat;
mod excerpt;
pub mod offsets;
pub mod report;
pub mod timeline;
pub mod timeml;
