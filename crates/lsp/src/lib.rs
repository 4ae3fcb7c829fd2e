//! The language server: a thin tower-lsp-server shell over the pure analysis.
//!
//! It converts positions at the edge (`line_index`, the only place), keeps documents as ropes
//! (`documents`), analyses in debounced background tasks tagged with the document version
//! (`scheduler`), answers requests with pure feature functions (`features`) and indexes the
//! corpus in the background (`workspace`). It must not know how the engine finds anything.

/// Declares the modules: private in the product (the crate's API is `serve`, `run_stdio` and
/// `ServerOptions`); public with the `internals` feature, for the fuzzers and the tests that
/// check the document store and position conversion on their own.
macro_rules! modules {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

modules!(
    capabilities,
    config,
    config_lookup,
    documents,
    envelope,
    features,
    global_state,
    handlers,
    indexing,
    line_index,
    refresh,
    scheduler,
    server,
    sidecars,
    transport,
    workspace,
);

#[cfg(test)]
mod tests;
// The fuzzers' checks (`fuzz/harness`), shared with the property tests, name this crate as
// the fuzz crate does.
#[cfg(test)]
extern crate self as newsls_lsp;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::{Backend, ServerOptions};

/// Serves one client over a pair of streams until it sends `exit` or closes its end.
/// Returns whether `shutdown` was requested first (the exit status is 0 only then).
pub async fn serve<I, O>(input: I, output: O, options: ServerOptions) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (input, output, outbox) = transport::guard(input, output);
    let service = LspService::build(|client| Backend::new(client, outbox, options))
        .custom_method(features::timeline::METHOD, Backend::timeline);
    // A request that panics, to test that the server survives: never in the shipped binary.
    #[cfg(feature = "internals")]
    let service = service.custom_method("newsls/testPanic", Backend::test_panic);
    let (service, socket) = service.finish();
    let shutdown_requested = Arc::clone(&service.inner().shared().shutdown_requested);
    Server::new(input, output, socket).serve(service).await;
    shutdown_requested.load(Ordering::SeqCst)
}

/// Serves the Language Server Protocol on stdin/stdout until the client exits.
/// Returns the process exit status: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn run_stdio() -> std::io::Result<i32> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let clean = runtime.block_on(serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        ServerOptions::default(),
    ));
    // Background indexing may still be running on the blocking pool: do not wait for it.
    runtime.shutdown_background();
    Ok(if clean { 0 } else { 1 })
}
