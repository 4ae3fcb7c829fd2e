//! What the two shells of newsls (the command line and the language server) share about a
//! project on disk: finding and reading `newsls.toml` (`config`), the standoff sidecars of
//! annotators' decisions (`standoff`), finding and reading articles (`files`), and the progress
//! of an annotation session (`session`).
//!
//! It reads files but prints nothing and knows no protocol: errors and problems come back as
//! values. The analysis itself is the engine's.

pub mod config;
pub mod files;
pub mod session;
pub mod standoff;
