//! The integration tests of newsls, one test binary for the whole workspace (linking is what
//! takes the time: one binary links once). Each module tests one surface: the real binary's
//! subcommands (`cli`, `ci_formats`, `session`), the language server in-process and over stdio
//! (`lsp`, `lsp_stdio`, `lsp_sessions`), the engine on annotated seeds and texts (`gold`, `snapshots`,
//! `quotes`, `entities`), hostile input (`robustness`, `fuzz_regressions`) and the house rules
//! (`tidy`).

/// The checks the fuzz targets run, replayed here on recorded inputs and random ones.
#[path = "../../fuzz/harness/mod.rs"]
mod harness;

mod ci_formats;
mod cli;
mod entities;
mod fuzz_regressions;
mod gold;
mod lsp;
mod lsp_sessions;
mod lsp_stdio;
mod quotes;
mod robustness;
mod session;
mod snapshots;
mod tidy;
