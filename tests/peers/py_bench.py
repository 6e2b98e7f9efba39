"""The Python stack's throughput on the sample, for comparison with `dts-async bench`.

Usage: python tests/peers/py_bench.py [--count N] [--warmup N] [--concurrency N] [--endpoint HOST:PORT]

Without --endpoint, starts the Python SDK's in-memory server with a Python worker (python_peer.py's
backend, bound to loopback) in this process. Then the Python client starts `count`
`async_http_api_orchestrator` instances (processing_time 0) from `concurrency` threads, each
waiting for its instance with `wait_for_orchestration_completion`, and prints one JSON line:
orchestrations/s and start-to-complete latency percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

from durabletask.client import OrchestrationStatus, TaskHubGrpcClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import python_peer  # noqa: E402


def drive(address: str, count: int, concurrency: int, batch: str) -> tuple[list[float], int]:
    latencies: list[float] = []
    failed = 0
    lock = threading.Lock()
    counter = iter(range(count))

    def driver() -> None:
        nonlocal failed
        client = TaskHubGrpcClient(host_address=address)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            instance_id = f"pybench-{batch}-{n}"
            began = time.perf_counter()
            client.schedule_new_orchestration(
                "async_http_api_orchestrator",
                input={"operation_id": instance_id, "processing_time": 0},
                instance_id=instance_id)
            state = client.wait_for_orchestration_completion(instance_id, timeout=120)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                if state is None or state.runtime_status != OrchestrationStatus.COMPLETED:
                    failed += 1

    threads = [threading.Thread(target=driver) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--endpoint")
    args = parser.parse_args()

    backend = worker = None
    address = args.endpoint
    if address is None:
        backend = python_peer.LoopbackBackend(port=0, max_threads=args.concurrency * 2 + 16)
        address = backend.start()
        worker = python_peer.make_worker(address, None, 0)
        worker.start()
        backend.worker_connected.wait(30)
    try:
        batch = uuid.uuid4().hex[:8]
        drive(address, args.warmup, args.concurrency, batch + "w")
        began = time.perf_counter()
        latencies, failed = drive(address, args.count, args.concurrency, batch)
        elapsed = time.perf_counter() - began
    finally:
        if worker is not None:
            worker.stop()
        if backend is not None:
            backend.stop()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(json.dumps({
        "stack": "python",
        "orchestrations": args.count,
        "failed": failed,
        "concurrency": args.concurrency,
        "elapsed_seconds": round(elapsed, 3),
        "orchestrations_per_second": round(args.count / elapsed, 1),
        "latency_ms": {"p50": round(q[49], 1), "p95": round(q[94], 1), "p99": round(q[98], 1)},
    }))


if __name__ == "__main__":
    main()
