#!/usr/bin/env bash
# The project's whole test suite, as the README gives it and .ci/run calls it:
# the Rust tests (unit, integration, benchmarks in test mode, doc tests), then the editor
# integration tests when their script is present. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --all-targets
cargo test --doc

if [[ -x editors/test.sh ]]; then
  editors/test.sh
fi
