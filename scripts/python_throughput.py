"""Throughput of the Python stack on any endpoint: the Python SDK's client starts N sample
orchestrations (async_http_api_orchestrator, processing_time 0) from T threads, waits for all,
and prints one JSON line with orchestrations/s and start-to-complete latency percentiles.

A worker hosting tests/peers/orchestrations.py must be connected to the endpoint
(tests/peers/python_peer.py). Measures only; asserts nothing.

Usage:
    python scripts/python_throughput.py --endpoint http://127.0.0.1:8080 [--taskhub default]
        [--count 500] [--threads 8]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from durabletask.azuremanaged.client import DurableTaskSchedulerClient
from durabletask.client import TaskHubGrpcClient


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--taskhub", help="send the taskhub header (DTS client); omit for the plain client")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    if args.taskhub:
        client = DurableTaskSchedulerClient(host_address=args.endpoint, taskhub=args.taskhub,
                                            token_credential=None, secure_channel=False)
    else:
        client = TaskHubGrpcClient(host_address=args.endpoint)
    run = uuid.uuid4().hex[:6]

    def one(i: int) -> float:
        iid = f"tp-{run}-{i}"
        began = time.perf_counter()
        client.schedule_new_orchestration("async_http_api_orchestrator",
                                          input={"operation_id": iid, "processing_time": 0},
                                          instance_id=iid)
        state = client.wait_for_orchestration_completion(iid, timeout=120)
        if state is None or state.runtime_status.name != "COMPLETED":
            raise RuntimeError(f"{iid} did not complete: {state}")
        return time.perf_counter() - began

    began = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        latencies = sorted(pool.map(one, range(args.count)))
    elapsed = time.perf_counter() - began
    pct = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1)  # noqa: E731
    print(json.dumps({
        "orchestrations": args.count, "threads": args.threads, "seconds": round(elapsed, 2),
        "orchestrations_per_s": round(args.count / elapsed, 1),
        "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
        "mean_ms": round(statistics.mean(latencies) * 1000, 1),
    }))


if __name__ == "__main__":
    main()
