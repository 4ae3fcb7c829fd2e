//! The protocol's handlers, one function per method: `request` answers requests, `notification`
//! applies notifications. `server::Backend` only dispatches to them.
//!
//! Rules kept here: notifications apply their change synchronously and never wait on the
//! client (anything that asks the client something runs in a spawned task); request handlers
//! run feature code under `guarded` (`catch_unwind`) and answer a panic with an error. They
//! know nothing of how dates, entities or quotes are found.

pub(crate) mod notification;
pub(crate) mod request;

use std::any::Any;
use std::panic::AssertUnwindSafe;

use tower_lsp_server::jsonrpc::{self, Result};

/// The text of a panic payload.
pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        message.to_string()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs feature code; a panic is logged and answered with an internal error, and the server
/// goes on.
pub fn guarded<T>(what: &str, feature: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(AssertUnwindSafe(feature)).map_err(|panic| {
        let message = panic_message(panic.as_ref());
        eprintln!("newsls: {what} panicked: {message}");
        let mut error = jsonrpc::Error::internal_error();
        error.message = format!("newsls: {what} failed: {message}").into();
        error
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_feature_becomes_an_internal_error() {
        let answer: Result<u32> = guarded("test", || panic!("boom"));
        let error = answer.expect_err("the panic is caught");
        assert_eq!(error.code, jsonrpc::ErrorCode::InternalError);
        assert!(error.message.contains("boom"), "{}", error.message);
        assert_eq!(guarded("test", || 7).ok(), Some(7));
    }
}
