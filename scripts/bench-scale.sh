#!/usr/bin/env bash
# The embedded scheduler with many completed instances stored (README, "Performance"):
# `status`, `start` and `list` pages (the oldest 100, and the running ones among them all)
# measured on an empty store, then again after COUNT completed instances (default 1,000,000,
# filled with `dts-async bench`), and the scheduler's RSS.
# Usage: scripts/bench-scale.sh [COUNT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-1000000}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
# The JSON of the measurements is read with the project's Python.
bash scripts/setup-python.sh
cargo build --release --quiet
bin=target/release/dts-async
work="$(mktemp -d)"

"$bin" serve-scheduler --listen 127.0.0.1:0 --db "$work/scale.db" --sync normal >"$work/out" 2>"$work/err" &
scheduler=$!
trap 'kill "$scheduler" 2>/dev/null; wait "$scheduler" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
export ENDPOINT="$(awk '/listening on/ {print $3; exit}' "$work/out")"

measure() {
    echo "== $1"
    # One finished instance to read, created through the same worker path as the rest.
    "$bin" bench --count 1 --warmup 0 >/dev/null
    local id
    id="$("$bin" list --limit 1 --status completed -o json | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)[0]["instance_id"])')"
    hyperfine -N --warmup 5 --runs 50 --export-json "$work/$2.json" \
        "$bin status $id" \
        "$bin start --name not_hosted_anywhere" \
        "$bin list --limit 100 -o json" \
        "$bin list --status running --limit 100 -o json"
    .venv/bin/python - "$work/$2.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median'] * 1000:.1f} ms  {r['command'].split(' ', 1)[1]}")
PY
    echo "scheduler RSS: $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$scheduler/status")"
}

measure "empty store" empty
echo "== filling: $count completed instances"
"$bin" bench --count "$count" --warmup 0 --concurrency 512
measure "$count completed instances" full
echo "peak scheduler RSS: $(awk '/VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$scheduler/status")"
