#!/usr/bin/env bash
# Benchmarks of the client CLI (README, "Performance"):
#   1. a cold `dts-async status <id>` process against a loopback endpoint, beside the Python SDK
#      doing the same (`get_orchestration_state` in a fresh interpreter), in one hyperfine run;
#   2. binary start-up without network (`dts-async --version`);
#   3. how long after an orchestration completes `dts-async wait` exits: the gap between the
#      server's completion timestamp (last_updated_at) and the moment the process has exited.
# The endpoint is the Python SDK's in-memory server with its worker (tests/peers/python_peer.py).
# Needs hyperfine (Debian package `hyperfine`). Usage: scripts/bench-cli.sh [WAIT_RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-20}"

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
bash scripts/setup-python.sh
cargo build --release --quiet
bin=target/release/dts-async
python=.venv/bin/python

# The peer prints `READY <port>` once its server listens and its worker is connected; it stops
# when its stdin closes, so it is fed from a FIFO that this script holds open.
work="$(mktemp -d)"
mkfifo "$work/stdin"
"$python" tests/peers/python_peer.py backend --port 0 <"$work/stdin" >"$work/stdout" &
peer=$!
exec 3>"$work/stdin"
trap 'exec 3>&-; wait "$peer" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q READY "$work/stdout" 2>/dev/null && break; sleep 0.1; done
port="$(awk '/READY/ {print $2}' "$work/stdout")"
[[ -n "$port" ]] || { echo "the Python peer did not start" >&2; exit 1; }
export ENDPOINT="http://127.0.0.1:$port"

id="$("$bin" start --processing-time 0)"
"$bin" wait "$id" >/dev/null

echo "== cold status: dts-async against the Python SDK client, same instance, same server"
hyperfine -N --warmup 5 --runs 50 --export-json "$work/status.json" \
    "$bin status $id" \
    "$python tests/peers/py_status.py 127.0.0.1:$port $id"

echo "== start-up without network"
hyperfine -N --warmup 10 --runs 200 --export-json "$work/startup.json" "$bin --version"
"$python" - "$work/status.json" "$work/startup.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        print(f"median {result['median'] * 1000:.1f} ms  {result['command']}")
PY

echo "== wait: exit time minus the server's completion time ($runs runs, processing_time 1 s)"
gaps=()
for _ in $(seq "$runs"); do
    id="$("$bin" start --processing-time 1)"
    "$bin" wait "$id" -o json >/dev/null
    exited="$(date +%s.%N)"
    completed="$("$bin" status "$id" -o json | "$python" -c '
import json, sys
from datetime import datetime
print(datetime.fromisoformat(json.load(sys.stdin)["last_updated_at"].replace("Z", "+00:00")).timestamp())')"
    gaps+=("$("$python" -c "print(round(($exited - $completed) * 1000, 1))")")
done
printf '%s\n' "${gaps[@]}" | "$python" -c '
import statistics, sys
g = sorted(float(x) for x in sys.stdin)
print(f"gap ms: median {statistics.median(g):.1f}, min {g[0]:.1f}, max {g[-1]:.1f} over {len(g)} runs")'
