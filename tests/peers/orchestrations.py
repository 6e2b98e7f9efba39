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


# --- Scheduler lifecycle suite (tests/scheduler_*.rs) ------------------------------------------

def add_one(ctx: task.ActivityContext, value: int) -> int:
    """Returns ``value + 1``."""
    return int(value) + 1


def sequence_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Calls ``add_one`` three times in sequence, starting from ``input`` (default 0)."""
    value = int(input or 0)
    for _ in range(3):
        value = yield ctx.call_activity(add_one, input=value)
    return value


def sub_orchestration_parent(ctx: task.OrchestrationContext, input: dict[str, Any]):
    """Calls the sub-orchestration ``input["child"]`` with ``input["input"]``; returns its result,
    or, when it fails, ``{"caught": <error type>, "message": <error message>}``."""
    try:
        result = yield ctx.call_sub_orchestrator(input["child"], input=input.get("input"))
        return {"result": result}
    except task.TaskFailedError as err:
        return {"caught": err.details.error_type, "message": err.details.message}


def counter_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Continues as new with ``input + 1`` until it reaches 3, then returns it."""
    value = int(input or 0)
    if value < 3:
        ctx.continue_as_new(value + 1)
        return None
    return value


def timer_then_event_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Waits ``input`` seconds on a timer, then for the event ``go``; returns the event data.
    An event raised before the wait starts is buffered and still received."""
    yield ctx.create_timer(timedelta(seconds=float(input or 1)))
    data = yield ctx.wait_for_external_event("go")
    return {"go": data}


_FLAKY_SEEN: set[str] = set()


def flaky_activity(ctx: task.ActivityContext, key: str) -> str:
    """Fails with ``RuntimeError`` the first time it sees ``key`` in this process, then succeeds."""
    if key not in _FLAKY_SEEN:
        _FLAKY_SEEN.add(key)
        raise RuntimeError(f"first attempt for {key}")
    return f"ok {key}"


def flaky_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Calls ``flaky_activity`` with the instance id: fails first, succeeds after a rewind."""
    result = yield ctx.call_activity(flaky_activity, input=ctx.instance_id)
    return result


def retry_orchestrator(ctx: task.OrchestrationContext, input: Any):
    """Calls ``flaky_activity`` with a retry policy (3 attempts, 1 s apart): the first attempt
    fails, the retry succeeds, and the orchestration completes."""
    policy = task.RetryPolicy(first_retry_interval=timedelta(seconds=1), max_number_of_attempts=3)
    result = yield ctx.call_activity(flaky_activity, input=f"retry-{ctx.instance_id}",
                                     retry_policy=policy)
    return result


ORCHESTRATORS += [
    retry_orchestrator,
    sequence_orchestrator,
    sub_orchestration_parent,
    counter_orchestrator,
    timer_then_event_orchestrator,
    flaky_orchestrator,
]

ACTIVITIES += [
    add_one,
    flaky_activity,
]


def register(worker: Any) -> None:
    """Registers every orchestrator and activity above on a (not yet started) worker."""
    for fn in ORCHESTRATORS:
        worker.add_orchestrator(fn)
    for fn in ACTIVITIES:
        worker.add_activity(fn)
