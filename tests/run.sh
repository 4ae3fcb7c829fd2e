#!/usr/bin/env bash
# The project's whole test suite, as the README gives it and .ci/run calls it:
# the Rust tests of every crate of the workspace (unit tests, the one integration-test binary
# tests/it, benchmarks in test mode, doc tests), then the editor integration tests when their
# script is present. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc

if [[ -x editors/test.sh ]]; then
  editors/test.sh
fi
