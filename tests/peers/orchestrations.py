"""Orchestrations and activities hosted by the Python test peer (python_peer.py).

The SDK registers each function under its ``__name__`` (``durabletask.task.get_name``),
so the function names below are the names on the wire. The first pair mirrors the
DTS "async HTTP API" sample exactly; the others exercise failures, progress through
custom status, external events, long timers and plain pass-through.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from durabletask import task


# --- DTS "async HTTP API" sample ------------------------------------------------------

def process_long_running_operation(ctx: task.ActivityContext, input: dict[str, Any]) -> dict[str, Any]:
    """Sleeps ``processing_time`` seconds, then reports the operation as completed."""
    operation_id = input["operation_id"]
    time.sleep(float(input.get("processing_time", 0) or 0))
    return {
        "operation_id": operation_id,
        "status": "completed",
        "result": f"Operation {operation_id} completed successfully",
        "processed_at": time.time(),
    }


def async_http_api_orchestrator(ctx: task.OrchestrationContext, input: dict[str, Any] | None):
    """Runs ``process_long_running_operation`` on the input and returns its result."""
    operation = dict(input or {})
    operation.setdefault("operation_id", ctx.instance_id)
    result = yield ctx.call_activity(process_long_running_operation, input=operation)
    return result


# --- Failure ----------------------------------------------------------------------------

def failing_activity(ctx: task.ActivityContext, input: Any) -> None:
    """Always raises ``ValueError("boom: <input>")``."""
    raise ValueError(f"boom: {input}")


def failing_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Calls ``failing_activity``; the activity's error fails the orchestration."""
    yield ctx.call_activity(failing_activity, input=input)


# --- Progress through custom status ------------------------------------------------------

def progress_orchestrator(ctx: task.OrchestrationContext, input: dict[str, Any] | None):
    """For each step 1..n: wait ``step_seconds`` on a durable timer, then publish
    ``{"progress": i/n, "message": "step i of n"}`` as custom status. Returns ``{"steps": n}``."""
    input = input or {}
    steps = int(input.get("steps", 3))
    step_seconds = float(input.get("step_seconds", 1.0))
    for i in range(1, steps + 1):
        yield ctx.create_timer(timedelta(seconds=step_seconds))
        ctx.set_custom_status({"progress": i / steps, "message": f"step {i} of {steps}"})
    return {"steps": steps}


# --- External event ------------------------------------------------------------------------

def event_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Waits for the external event ``approval`` and returns ``{"approved": <event data>}``."""
    data = yield ctx.wait_for_external_event("approval")
    return {"approved": data}


# --- Long timer ------------------------------------------------------------------------------

def long_timer_orchestrator(ctx: task.OrchestrationContext, input: dict[str, Any] | None):
    """Waits one durable timer of ``seconds`` (default 3600), then returns ``"done"``."""
    seconds = float((input or {}).get("seconds", 3600))
    yield ctx.create_timer(timedelta(seconds=seconds))
    return "done"


# --- Echo --------------------------------------------------------------------------------------

def echo_orchestrator(ctx: task.OrchestrationContext, input: Any) -> Any:
    """Returns its input unchanged (no activity, completes in one episode)."""
    return input


ORCHESTRATORS = [
    async_http_api_orchestrator,
    failing_orchestrator,
    progress_orchestrator,
    event_orchestrator,
    long_timer_orchestrator,
    echo_orchestrator,
]

ACTIVITIES = [
    process_long_running_operation,
    failing_activity,
]


def register(worker: Any) -> None:
    """Registers every orchestrator and activity above on a (not yet started) worker."""
    for fn in ORCHESTRATORS:
        worker.add_orchestrator(fn)
    for fn in ACTIVITIES:
        worker.add_activity(fn)
