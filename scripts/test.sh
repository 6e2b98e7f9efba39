#!/usr/bin/env bash
# The project's test command: installs the Python test peers (PyPI durabletask, pinned) into
# .venv when needed, then runs every test, the interoperability suites against those peers included.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-python.sh
cargo test --all-targets "$@"
