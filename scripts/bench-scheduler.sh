#!/usr/bin/env bash
# Benchmarks of the embedded scheduler (README, "Performance"), in one run:
#   1. `dts-async bench --embedded` (our client and worker, durable commits: --sync full) for the
#      `sample` and `sequence5` workloads;
#   2. the Python stack on the same workload: the Python SDK's client and worker on its in-memory
#      server (tests/peers/py_bench.py), and the ratio.
# Usage: scripts/bench-scheduler.sh [COUNT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-20000}"
bash scripts/setup-python.sh
cargo build --release --quiet
bin=target/release/dts-async
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for workload in sample sequence5; do
    echo "== dts-async bench --embedded --workload $workload --count $count (sync full)"
    "$bin" -o json bench --embedded --workload "$workload" --count "$count" | tee "$out/$workload.json"
done

echo "== Python SDK client + worker on the Python in-memory server (sample, 1000 orchestrations)"
.venv/bin/python tests/peers/py_bench.py --count 1000 --warmup 100 2>/dev/null | tee "$out/python.json"

OUT="$out" .venv/bin/python - <<'PY'
import json, os
out = os.environ["OUT"]
ours = json.load(open(f"{out}/sample.json"))["orchestrations_per_second"]
python = json.load(open(f"{out}/python.json"))["orchestrations_per_second"]
print(f"sample: dts-async {ours:.0f}/s, Python stack {python:.0f}/s, ratio {ours / python:.0f}x")
PY
