#!/usr/bin/env bash
# Benchmarks of the HTTP front door (README, "Performance"), on the embedded scheduler with
# durable commits (--sync full, a database file):
#   1. POST /api/operations -> 202 under load from wrk (10 s; 4 connections on one thread,
#      which leaves the server a core, then 8 and 64 connections on two threads): a) starts
#      only (no worker runs them), b) the whole pattern (serve-worker runs each operation); and
#      latency at a fixed rate of 3,200 starts/s (hey: 16 clients at 200/s each), below
#      saturation, where wrk's closed loop measures the queueing of a saturated machine rather
#      than the server;
#   2. 1,000 concurrent `?wait=30` requests held open: the front door's RSS before and while
#      held, and how fast it answers other requests meanwhile.
# Needs wrk and hey (apt-get install wrk hey). Usage: scripts/bench-api.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in wrk hey; do
    command -v "$tool" >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }
done
bash scripts/setup-python.sh
cargo build --release --quiet
bin=target/release/dts-async
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

wait_for() { for _ in $(seq 200); do grep -q "$1" "$2" 2>/dev/null && return; sleep 0.05; done; echo "timeout: $2" >&2; exit 1; }

# A scheduler, optionally a worker, and a front door; sets $api.
stack() {
    local name=$1 with_worker=$2 orchestration=$3
    "$bin" serve-scheduler --listen 127.0.0.1:0 --db "$work/$name.db" >"$work/$name.sched" 2>/dev/null &
    pids+=($!)
    wait_for listening "$work/$name.sched"
    export ENDPOINT="$(awk '/listening on/ {print $3; exit}' "$work/$name.sched")"
    if [[ $with_worker == yes ]]; then
        "$bin" serve-worker --log-level warn 2>/dev/null &
        pids+=($!)
    fi
    "$bin" serve-api --listen 127.0.0.1:0 --orchestration "$orchestration" 2>"$work/$name.api" &
    api_pid=$!
    pids+=($api_pid)
    wait_for "listening on" "$work/$name.api"
    api="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.api" | head -1)"
}

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"processing_time": 0}'
wrk.headers["Content-Type"] = "application/json"
LUA

# wrk with $1 connections on ${2:-2} threads.
load() {
    echo "  $1 connections, ${2:-2} wrk thread(s):"
    wrk -t"${2:-2}" -c"$1" -d10s --latency -s "$work/post.lua" "$api/api/operations" >"$work/wrk.out"
    awk '/Latency Distribution/ {d=1} d && /50%|99%/ {printf "    p%s %s\n", $1, $2} /Requests\/sec/ {print "    starts/s " $2} /Non-2xx/ {print "    non-2xx " $NF}' "$work/wrk.out"
}

# Latency at a fixed rate: $1 clients sending $2 starts/s each, for 10 s.
rate() {
    echo "  fixed rate, $1 clients x $2 starts/s:"
    hey -z 10s -c "$1" -q "$2" -m POST -T application/json -d '{"processing_time": 0}' \
        "$api/api/operations" >"$work/hey.out"
    awk '/Requests\/sec/ {print "    starts/s " $2} $1 == "50%" || $1 == "99%" {printf "    p%s %.2fms\n", $1, $3 * 1000} /^ *\[[0-9]+\]/ {print "    status " $1 " x " $2}' "$work/hey.out"
}

echo "== POST /api/operations -> 202, starts only (nothing runs them)"
stack starts no not_hosted_anywhere
load 4 1
load 8
load 64
rate 16 200
echo "== POST /api/operations -> 202, the whole pattern (serve-worker runs each operation)"
stack pattern yes async_http_api_orchestrator
load 8
load 64

echo "== 1,000 concurrent ?wait=30 requests held open (operations nobody runs)"
stack held no not_hosted_anywhere
before=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status")
.venv/bin/python scripts/hold_waits.py "$api" --count 1000 --wait 30 >"$work/held.out" &
holder=$!
wait_for '"phase": "probed"' "$work/held.out"
during=$(awk '/VmRSS/ {print $2}' "/proc/$api_pid/status")
wait "$holder"
cat "$work/held.out"
echo "  serve-api RSS: $((before / 1024)) MiB before, $((during / 1024)) MiB while 1,000 waits are held (+$(((during - before) / 1024)) MiB)"
