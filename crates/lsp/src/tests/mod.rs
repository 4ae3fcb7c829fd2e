//! Tests of the language server that need its internals: property tests of incremental edits
//! and of the features over random documents.

mod properties;
