"""A real Durable Task server and/or a real Python worker, for the Rust integration tests.

Usage:
    python tests/peers/python_peer.py backend --port 0 [--no-worker] [-v]
        Starts the Python SDK's in-memory backend (durabletask.testing) as a gRPC server on
        127.0.0.1:<port> (0 = pick a free port) and, unless --no-worker, a
        TaskHubGrpcWorker connected to it hosting the orchestrations of orchestrations.py.

    python tests/peers/python_peer.py worker --endpoint http://127.0.0.1:PORT [--taskhub NAME] [-v]
        Starts only the worker against any endpoint. With --taskhub it is the
        azure-managed DurableTaskSchedulerWorker (plaintext, no credential, `taskhub`
        header on every call); without, the plain TaskHubGrpcWorker.

Protocol with the parent process:
    * Once everything is ready (server listening and, when a worker runs, its GetWorkItems
      stream open), exactly one line `READY <port>` is printed on stdout (`READY 0` in
      worker mode). Nothing else is ever written to stdout.
    * The peer runs until stdin reaches EOF or SIGTERM/SIGINT arrives, then shuts down
      within about 1.5 s and exits 0. Keep stdin open (a pipe) while using the peer.
    * If readiness is not reached within --ready-timeout seconds, the peer exits 1
      without printing READY.
    * Logs go to stderr, WARNING level by default (-v: INFO, -vv: DEBUG).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from concurrent import futures
from pathlib import Path
from typing import Any, NoReturn

import grpc

import durabletask.internal.orchestrator_service_pb2_grpc as stubs
from durabletask.testing.in_memory_backend import InMemoryOrchestrationBackend
from durabletask.worker import TaskHubGrpcWorker

sys.path.insert(0, str(Path(__file__).resolve().parent))
import orchestrations  # noqa: E402

SHUTDOWN_BUDGET_SECONDS = 1.5
# A worker's GetWorkItems call that has not failed after this long counts as open
# (used only in worker mode, where we cannot observe the server side).
STREAM_SETTLE_SECONDS = 0.3

log = logging.getLogger("python_peer")


class LoopbackBackend(InMemoryOrchestrationBackend):
    """The SDK's in-memory backend, bound to 127.0.0.1 only (the stock ``start()`` binds
    ``[::]``), with a larger server thread pool (the stock one has 10 threads, and every
    open GetWorkItems stream or blocking Wait* call holds one), and an event that is set
    when a worker opens its GetWorkItems stream."""

    def __init__(self, port: int, max_threads: int = 64):
        super().__init__(port=port)
        self._max_threads = max_threads
        self.worker_connected = threading.Event()

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> str:
        # Mirrors InMemoryOrchestrationBackend.start(), except for the bind address and pool.
        self._shutdown_event.clear()
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=self._max_threads))
        stubs.add_TaskHubSidecarServiceServicer_to_server(self, server)
        bound = server.add_insecure_port(f"127.0.0.1:{self._port}")
        if not bound:
            raise RuntimeError(f"cannot bind 127.0.0.1:{self._port}")
        self._port = bound
        server.start()
        self._server = server
        return f"127.0.0.1:{bound}"

    def GetWorkItems(self, request: Any, context: grpc.ServicerContext):
        self.worker_connected.set()
        yield from super().GetWorkItems(request, context)


def make_worker(host_address: str, taskhub: str | None, verbosity: int) -> TaskHubGrpcWorker:
    """Creates a worker with every peer orchestration/activity registered (not started)."""
    # The SDK's default worker logger writes INFO to stderr; hand it ours instead.
    worker_log = logging.getLogger("durabletask-worker")
    worker_log.setLevel(log_level(verbosity))
    if taskhub:
        from durabletask.azuremanaged.worker import DurableTaskSchedulerWorker
        worker: TaskHubGrpcWorker = DurableTaskSchedulerWorker(
            host_address=host_address, taskhub=taskhub, token_credential=None,
            secure_channel=False, logger=worker_log)
    else:
        worker = TaskHubGrpcWorker(host_address=host_address, logger=worker_log)
    orchestrations.register(worker)
    return worker


def wait_stream_open(worker: TaskHubGrpcWorker, deadline: float) -> bool:
    """Waits until the worker's GetWorkItems call exists and has stayed alive for
    STREAM_SETTLE_SECONDS (Hello has already succeeded by the time the worker issues it)."""
    stream, since = None, 0.0
    while time.monotonic() < deadline:
        current = worker._response_stream  # set by the SDK's run loop once GetWorkItems is issued
        if current is None or current.done():
            stream = None
        elif current is not stream:
            stream, since = current, time.monotonic()
        elif time.monotonic() - since >= STREAM_SETTLE_SECONDS:
            return True
        time.sleep(0.05)
    return False


def log_level(verbosity: int) -> int:
    return {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)


def install_stop_triggers(stop: threading.Event) -> None:
    """SIGTERM, SIGINT and EOF on stdin all request shutdown."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    def watch_stdin() -> None:
        try:
            if sys.stdin is not None:
                for _ in iter(lambda: sys.stdin.buffer.read1(4096), b""):
                    pass
        except (OSError, ValueError):
            pass
        stop.set()

    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()


def shutdown_and_exit(worker: TaskHubGrpcWorker | None, backend: LoopbackBackend | None, code: int) -> NoReturn:
    """Stops the worker, then the server, within SHUTDOWN_BUDGET_SECONDS, then exits.

    os._exit skips waiting for non-daemon SDK threads (e.g. a still-sleeping activity),
    which would otherwise hold the process open."""
    def stop_all() -> None:
        try:
            if worker is not None:
                # The SDK logs the cancellation of its own stream as a WARNING; hide it.
                quiet = logging.getLogger("durabletask-worker")
                if quiet.level >= logging.WARNING:
                    quiet.setLevel(logging.ERROR)
                worker.stop()
            if backend is not None:
                backend.stop(grace=0)
        except Exception:  # shutting down anyway
            log.debug("error during shutdown", exc_info=True)

    stopper = threading.Thread(target=stop_all, name="shutdown", daemon=True)
    stopper.start()
    stopper.join(SHUTDOWN_BUDGET_SECONDS)
    if stopper.is_alive():
        log.info("shutdown budget exceeded; exiting anyway")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p_backend = sub.add_parser("backend", help="in-memory server (+ worker)")
    p_backend.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free port)")
    p_backend.add_argument("--no-worker", action="store_true", help="serve only, host no worker")
    p_worker = sub.add_parser("worker", help="worker only, against any endpoint")
    p_worker.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:8080")
    p_worker.add_argument("--taskhub", help="use DurableTaskSchedulerWorker with this task hub")
    for p in (p_backend, p_worker):
        p.add_argument("--ready-timeout", type=float, default=30.0, help="seconds (default 30)")
        p.add_argument("-v", "--verbose", action="count", default=0, help="-v INFO, -vv DEBUG")
    args = parser.parse_args(argv)

    logging.basicConfig(stream=sys.stderr, level=log_level(args.verbose),
                        format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    stop = threading.Event()
    install_stop_triggers(stop)
    deadline = time.monotonic() + args.ready_timeout

    backend: LoopbackBackend | None = None
    worker: TaskHubGrpcWorker | None = None
    try:
        if args.mode == "backend":
            backend = LoopbackBackend(args.port)
            address = backend.start()
            log.info("in-memory backend listening on %s", address)
            if not args.no_worker:
                worker = make_worker(address, None, args.verbose)
                worker.start()
                while not backend.worker_connected.wait(0.05):
                    if stop.is_set() or time.monotonic() > deadline:
                        raise TimeoutError("worker did not connect to the in-memory backend")
            ready_port = backend.port
        else:
            worker = make_worker(args.endpoint, args.taskhub, args.verbose)
            worker.start()
            if not wait_stream_open(worker, deadline):
                raise TimeoutError(f"worker could not open its work item stream on {args.endpoint}")
            ready_port = 0
    except Exception as e:
        log.error("not ready: %s", e)
        shutdown_and_exit(worker, backend, 1)

    if not stop.is_set():
        print(f"READY {ready_port}", flush=True)
    while not stop.wait(0.5):
        pass
    log.info("shutting down")
    shutdown_and_exit(worker, backend, 0)


if __name__ == "__main__":
    main()
