#!/usr/bin/env bash
# Create (if missing) the project's .venv and install the Python test peers' pinned
# requirements (scripts/requirements-peers.txt) and the front door's conformance tester
# (scripts/requirements-api-tests.txt). Idempotent: pip runs only when a requirements
# file changed since the last successful install (hash kept in a stamp file inside the
# venv). Silent on success; pip's own errors go to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
req="$root/scripts/requirements-peers.txt"
req_api="$root/scripts/requirements-api-tests.txt"
stamp="$venv/.requirements-peers.sha256"

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi

if command -v sha256sum >/dev/null 2>&1; then
    hash="$(cat "$req" "$req_api" | sha256sum | cut -d' ' -f1)"
else
    hash="$(cat "$req" "$req_api" | shasum -a 256 | cut -d' ' -f1)"
fi

if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    exit 0
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" -r "$req_api"
printf '%s\n' "$hash" >"$stamp"
