"""Holds N concurrent `GET /api/operations/{id}?wait=S` requests open against a front door and,
while they are held, measures how fast it still answers other requests (`/healthz` and a status
read). Prints one JSON line. Used by scripts/bench-api.sh; asserts nothing.

Usage: python scripts/hold_waits.py BASE_URL --count N --wait S
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlparse


def request(host: str, port: int, method: str, path: str, body: str | None = None,
            timeout: float = 120) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    reply = conn.getresponse()
    data = reply.read()
    conn.close()
    return reply.status, data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--wait", type=int, default=30)
    args = parser.parse_args()
    url = urlparse(args.base)
    host, port = url.hostname or "127.0.0.1", url.port or 80

    ids = []
    for _ in range(args.count):
        status, data = request(host, port, "POST", "/api/operations", '{"processing_time": 0}')
        assert status == 202, (status, data)
        ids.append(json.loads(data)["id"])

    held_status: list[int] = []
    started = threading.Barrier(args.count + 1)

    def hold(operation: str) -> None:
        started.wait()
        status, _ = request(host, port, "GET", f"/api/operations/{operation}?wait={args.wait}")
        held_status.append(status)

    threads = [threading.Thread(target=hold, args=(i,), daemon=True) for i in ids]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(2)  # every wait is now held by the server
    print(json.dumps({"phase": "held", "count": args.count}), flush=True)
    probes = []
    for n in range(50):
        path = "/healthz" if n % 2 == 0 else f"/api/operations/{ids[n]}"
        began = time.perf_counter()
        status, _ = request(host, port, "GET", path)
        probes.append((time.perf_counter() - began) * 1000)
        assert status in (200, 202), status
        time.sleep(0.05)
    # Let the bench script read the RSS while the waits are still held.
    time.sleep(1)
    print(json.dumps({
        "phase": "probed",
        "held": args.count,
        "probe_ms_p50": round(statistics.median(probes), 2),
        "probe_ms_max": round(max(probes), 2),
    }), flush=True)
    for thread in threads:
        thread.join()
    print(json.dumps({"phase": "done", "answers": sorted(set(held_status)),
                      "answered": len(held_status)}), flush=True)


if __name__ == "__main__":
    main()
