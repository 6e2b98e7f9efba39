#!/usr/bin/env bash
# Worker benchmarks (README, "Performance"):
#   1. the replay engine over a 1,002-event history (criterion, benches/replay.rs);
#   2. the RSS of one `serve-worker` process while COUNT orchestrations (default 10,000) wait on
#      durable timers at once: `bench --workload timer` starts them all, on `serve-scheduler`.
# Usage: scripts/bench-worker.sh [COUNT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-10000}"
echo "== replay of a 1,002-event history (cargo bench --bench replay)"
cargo bench --quiet --bench replay -- --noplot 2>/dev/null | grep -E "replay|time:"

cargo build --release --quiet
bin=target/release/dts-async
work="$(mktemp -d)"
"$bin" serve-scheduler --listen 127.0.0.1:0 --in-memory >"$work/scheduler.out" 2>"$work/scheduler.err" &
scheduler=$!
worker=""
trap 'kill $worker $scheduler 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/scheduler.out" 2>/dev/null && break; sleep 0.1; done
export ENDPOINT="$(awk '/listening on/ {print $3; exit}' "$work/scheduler.out")"
"$bin" serve-worker --log-level warn 2>"$work/worker.err" &
worker=$!
sleep 0.5
echo "== serve-worker RSS idle: $(awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$worker/status")"
echo "== $count orchestrations waiting on 20-second durable timers at once"
"$bin" bench --no-worker --workload timer --count "$count" --warmup 0 --concurrency "$count" --connections 8 \
    >"$work/bench.out" 2>&1 &
bench=$!
peak=0
while kill -0 "$bench" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$worker/status")
    (( rss > peak )) && peak=$rss
    sleep 0.2
done
wait "$bench" || { cat "$work/bench.out"; exit 1; }
grep -E "orchestrations |failed" "$work/bench.out"
echo "serve-worker RSS while they waited: peak $((peak / 1024)) MiB; high-water mark $(awk '/VmHWM/ {printf "%.1f MiB", $2 / 1024}' "/proc/$worker/status")"
