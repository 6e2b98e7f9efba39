"""Lifecycle scenarios driven by the Python SDK's client, for the scheduler tests.

Usage:
    python tests/peers/sched_scenarios.py --endpoint http://127.0.0.1:PORT [--taskhub NAME] SCENARIO

Runs one scenario against an endpoint whose worker hosts orchestrations.py and prints exactly
one JSON document on stdout with what a user would observe (statuses, outputs, failure types).
The Rust tests make the assertions; this script only drives and reports. A gRPC error escaping
a step is reported as {"error": {"code": ..., "details": ...}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import grpc

from durabletask import client as dt
from durabletask.azuremanaged.client import DurableTaskSchedulerClient

WAIT = 60  # seconds any single wait may take before the scenario reports a timeout


def make_client(endpoint: str, taskhub: str) -> DurableTaskSchedulerClient:
    return DurableTaskSchedulerClient(host_address=endpoint, taskhub=taskhub,
                                      token_credential=None, secure_channel=False)


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def summary(state: dt.OrchestrationState | None) -> dict[str, Any] | None:
    if state is None:
        return None
    failure = state.failure_details
    return {
        "id": state.instance_id,
        "status": state.runtime_status.name,
        "output": json.loads(state.serialized_output) if state.serialized_output else None,
        "custom_status": state.serialized_custom_status,
        "failure_type": failure.error_type if failure else None,
        "failure_message": failure.message if failure else None,
    }


def wait_done(c: DurableTaskSchedulerClient, iid: str) -> dict[str, Any] | None:
    return summary(c.wait_for_orchestration_completion(iid, timeout=WAIT))


def wait_status(c: DurableTaskSchedulerClient, iid: str, status: str) -> str | None:
    """Polls until the instance shows `status` (a state change the worker commits)."""
    deadline = time.monotonic() + WAIT
    last = None
    while time.monotonic() < deadline:
        state = c.get_orchestration_state(iid)
        last = state.runtime_status.name if state else None
        if last == status:
            return last
        time.sleep(0.05)
    return last


def sample(c):
    iid = c.schedule_new_orchestration("async_http_api_orchestrator",
                                       input={"operation_id": "op-py", "processing_time": 0},
                                       instance_id=uid("sample"))
    return {"done": wait_done(c, iid), "unknown": summary(c.get_orchestration_state(uid("missing")))}


def activities(c):
    iid = c.schedule_new_orchestration("sequence_orchestrator", input=10, instance_id=uid("seq"))
    return {"done": wait_done(c, iid)}


def failure(c):
    iid = c.schedule_new_orchestration("failing_orchestrator", input="x", instance_id=uid("fail"))
    return {"done": wait_done(c, iid)}


def timer(c):
    iid = c.schedule_new_orchestration("long_timer_orchestrator", input={"seconds": 1},
                                       instance_id=uid("timer"))
    done = wait_done(c, iid)
    events = c.get_orchestration_history(iid)
    created = [e for e in events if type(e).__name__ == "TimerCreatedEvent"]
    fired = [e for e in events if type(e).__name__ == "TimerFiredEvent"]
    return {
        "done": done,
        "created": len(created),
        "fired": len(fired),
        "fired_not_early": bool(fired) and bool(created)
        and fired[0].timestamp >= created[0].fire_at,
        "fire_at_echoed": bool(fired) and bool(created) and fired[0].fire_at == created[0].fire_at,
    }


def events(c):
    # Raised before the orchestration starts waiting (it is still on its timer).
    early = c.schedule_new_orchestration("timer_then_event_orchestrator", input=1,
                                         instance_id=uid("early"))
    c.raise_orchestration_event(early, "go", data="before")
    # Raised after the wait started (the first episode has committed).
    late = c.schedule_new_orchestration("event_orchestrator", instance_id=uid("late"))
    started = wait_status(c, late, "RUNNING")
    c.raise_orchestration_event(late, "approval", data="after")
    return {"early": wait_done(c, early), "late": wait_done(c, late), "late_started": started}


def suspend_resume(c):
    iid = c.schedule_new_orchestration("event_orchestrator", instance_id=uid("susp"))
    running = wait_status(c, iid, "RUNNING")
    # A resume of a running instance must not disturb it.
    c.resume_orchestration(iid, reason="stray")
    c.suspend_orchestration(iid, reason="pause")
    suspended = wait_status(c, iid, "SUSPENDED")
    c.raise_orchestration_event(iid, "approval", data="while suspended")
    # The worker buffers the event: the instance stays suspended.
    time.sleep(0.5)
    still = summary(c.get_orchestration_state(iid))
    c.resume_orchestration(iid, reason="go on")
    return {"running": running, "suspended": suspended, "after_event": still,
            "done": wait_done(c, iid)}


def sub_orchestrations(c):
    ok = c.schedule_new_orchestration("sub_orchestration_parent",
                                      input={"child": "echo_orchestrator", "input": 5},
                                      instance_id=uid("parent-ok"))
    bad = c.schedule_new_orchestration("sub_orchestration_parent",
                                       input={"child": "failing_orchestrator", "input": "kid"},
                                       instance_id=uid("parent-bad"))
    ok_done, bad_done = wait_done(c, ok), wait_done(c, bad)
    child = summary(c.get_orchestration_state(f"{bad}:0001"))
    return {"ok": ok_done, "bad": bad_done, "bad_child": child,
            "ok_child": summary(c.get_orchestration_state(f"{ok}:0001"))}


def retries(c):
    iid = c.schedule_new_orchestration("retry_orchestrator", instance_id=uid("retry"))
    done = wait_done(c, iid)
    names = [type(e).__name__ for e in c.get_orchestration_history(iid)]
    return {"done": done, "failed_attempts": names.count("TaskFailedEvent"),
            "attempts": names.count("TaskScheduledEvent"), "timers": names.count("TimerFiredEvent")}


def continue_as_new(c):
    iid = c.schedule_new_orchestration("counter_orchestrator", input=0, instance_id=uid("can"))
    done = wait_done(c, iid)
    names = [type(e).__name__ for e in c.get_orchestration_history(iid)]
    return {"done": done, "history": names}


def terminate(c):
    parent = c.schedule_new_orchestration(
        "sub_orchestration_parent",
        input={"child": "long_timer_orchestrator", "input": {"seconds": 3600}},
        instance_id=uid("term"))
    child = f"{parent}:0001"
    child_running = wait_status(c, child, "RUNNING")
    c.terminate_orchestration(parent, output="stop", recursive=True)
    return {"child_running": child_running, "parent": wait_done(c, parent),
            "child": wait_done(c, child)}


def terminate_one(c):
    """Terminates one waiting instance with an output (no children: servers that ignore
    `recursive` can run it too)."""
    iid = c.schedule_new_orchestration("event_orchestrator", instance_id=uid("term1"))
    running = wait_status(c, iid, "RUNNING")
    c.terminate_orchestration(iid, output="stop")
    return {"running": running, "done": wait_done(c, iid)}


def restart(c):
    iid = c.schedule_new_orchestration("echo_orchestrator", input="hi", instance_id=uid("rs"))
    first = wait_done(c, iid)
    same = c.restart_orchestration(iid)
    same_done = wait_done(c, same)
    other = c.restart_orchestration(iid, restart_with_new_instance_id=True)
    other_done = wait_done(c, other)
    running = c.schedule_new_orchestration("event_orchestrator", instance_id=uid("rs-run"))
    code = None
    try:
        c.restart_orchestration(running)
    except grpc.RpcError as err:
        code = err.code().name
    c.terminate_orchestration(running)
    return {"first": first, "same_id": same, "same": same_done, "new_id": other,
            "new": other_done, "running_restart": code}


def rewind(c):
    iid = c.schedule_new_orchestration("flaky_orchestrator", instance_id=uid("rw"))
    failed = wait_done(c, iid)
    c.rewind_orchestration(iid, reason="try again")
    done = wait_done(c, iid)
    code = None
    try:
        c.rewind_orchestration(iid, reason="not failed")
    except grpc.RpcError as err:
        code = err.code().name
    return {"failed": failed, "done": done, "rewind_completed": code}


def purge(c):
    prefix = uid("purge")
    ids = [c.schedule_new_orchestration("echo_orchestrator", input=i, instance_id=f"{prefix}-{i}")
           for i in range(3)]
    for iid in ids:
        wait_done(c, iid)
    running = c.schedule_new_orchestration("event_orchestrator", instance_id=f"{prefix}-run")
    by_id = c.purge_orchestration(ids[0])
    gone = c.get_orchestration_state(ids[0]) is None
    running_purge = c.purge_orchestration(running)
    by_filter = c.purge_orchestrations_by(
        created_time_from=datetime.now(timezone.utc) - timedelta(minutes=5),
        runtime_status=[dt.OrchestrationStatus.COMPLETED])
    left = [c.get_orchestration_state(i) is not None for i in ids[1:]]
    c.terminate_orchestration(running)
    return {"by_id": by_id.deleted_instance_count, "gone": gone,
            "running": running_purge.deleted_instance_count,
            "running_exists": c.get_orchestration_state(running) is not None,
            "by_filter": by_filter.deleted_instance_count, "left": left}


def query_paging(c):
    prefix = uid("q")
    ids = [c.schedule_new_orchestration("echo_orchestrator", input=i, instance_id=f"{prefix}-{i:02}")
           for i in range(25)]
    for iid in ids:
        wait_done(c, iid)
    states = c.get_all_orchestration_states(dt.OrchestrationQuery(instance_id_prefix=prefix,
                                                                  max_instance_count=10))
    seen, token, pages = [], None, 0
    while True:
        page = c.list_instance_ids(runtime_status=[dt.OrchestrationStatus.COMPLETED],
                                   page_size=10, continuation_token=token)
        seen += [i for i in page.items if i.startswith(prefix)]
        pages += 1
        token = page.continuation_token
        if not token or pages > 100:
            break
    return {"query": sorted(s.instance_id for s in states), "expected": sorted(ids),
            "listed": sorted(seen), "list_pages": pages}


def unknown_hub(c):
    c.get_orchestration_state("anything")
    return {"reached": True}


# --- Durability and bad input (driven with --count / --prefix / --instance) -------------------

ARGS: argparse.Namespace | None = None


def start_many(c):
    """Starts --count sequence orchestrations named <prefix>-<i>, then waits until a tenth of them
    completed (so a crash right after lands mid-run); reports the acknowledged ids."""
    ids = [c.schedule_new_orchestration("sequence_orchestrator", input=0,
                                        instance_id=f"{ARGS.prefix}-{i:04}")
           for i in range(ARGS.count)]
    deadline = time.monotonic() + WAIT
    done = 0
    while time.monotonic() < deadline:
        states = c.get_all_orchestration_states(dt.OrchestrationQuery(
            instance_id_prefix=ARGS.prefix, runtime_status=[dt.OrchestrationStatus.COMPLETED]))
        done = len(states)
        if done >= max(1, ARGS.count // 10):
            break
        time.sleep(0.02)
    return {"ids": ids, "completed_before_crash": done}


def verify_many(c):
    """Waits for every <prefix>-<i> and checks its outcome and history: three activities, each
    scheduled and completed exactly once, one start and one completion."""
    bad = []
    for i in range(ARGS.count):
        iid = f"{ARGS.prefix}-{i:04}"
        state = c.wait_for_orchestration_completion(iid, timeout=WAIT)
        if state is None or state.runtime_status.name != "COMPLETED" or state.serialized_output != "3":
            bad.append({"id": iid, "state": summary(state)})
            continue
        events = c.get_orchestration_history(iid)
        kinds = [type(e).__name__ for e in events]
        scheduled = sorted(e.event_id for e in events if type(e).__name__ == "TaskScheduledEvent")
        completed = sorted(e.task_scheduled_id for e in events
                           if type(e).__name__ == "TaskCompletedEvent")
        if (scheduled != [1, 2, 3] or completed != [1, 2, 3]
                or kinds.count("ExecutionStartedEvent") != 1
                or kinds.count("ExecutionCompletedEvent") != 1):
            bad.append({"id": iid, "history": kinds, "scheduled": scheduled, "completed": completed})
    return {"checked": ARGS.count, "bad": bad}


def start_one(c):
    """Starts --name with --input (JSON) as --instance and waits until it runs."""
    iid = c.schedule_new_orchestration(ARGS.name, input=json.loads(ARGS.input or "null"),
                                       instance_id=ARGS.instance)
    return {"id": iid, "status": wait_status(c, iid, "RUNNING")}


def wait_one(c):
    """Waits for --instance and reports it, with the timer facts of its history."""
    done = wait_done(c, ARGS.instance)
    events = c.get_orchestration_history(ARGS.instance)
    created = [e for e in events if type(e).__name__ == "TimerCreatedEvent"]
    fired = [e for e in events if type(e).__name__ == "TimerFiredEvent"]
    return {"done": done, "kinds": [type(e).__name__ for e in events],
            "fired_not_early": bool(fired) and bool(created)
            and fired[0].timestamp >= created[0].fire_at}


def bad_input(c):
    """Sends malformed and over-limit requests; reports the status code of each."""
    from durabletask.internal import orchestrator_service_pb2 as pb
    from google.protobuf import wrappers_pb2
    codes: dict[str, str] = {}

    def code_of(name: str, call: Callable[[], Any]) -> None:
        try:
            call()
            codes[name] = "OK"
        except grpc.RpcError as err:
            codes[name] = err.code().name

    channel = grpc.insecure_channel(ARGS.endpoint.removeprefix("http://"),
                                    options=[("grpc.max_send_message_length", 64 << 20)])
    raw = lambda method: channel.unary_unary(f"/TaskHubSidecarService/{method}",  # noqa: E731
                                             request_serializer=lambda b: b,
                                             response_deserializer=lambda b: b)
    md = [("taskhub", "default")]
    for method in ["StartInstance", "GetInstance", "RaiseEvent", "CompleteOrchestratorTask",
                   "PurgeInstances", "QueryInstances"]:
        code_of(f"garbage_{method}", lambda m=method: raw(m)(b"\xff\xff\xff\x07garbage", metadata=md, timeout=10))
    code_of("huge_message", lambda: raw("StartInstance")(
        pb.CreateInstanceRequest(instanceId="huge", name="echo_orchestrator",
                                 input=wrappers_pb2.StringValue(
                                     value="x" * (40 << 20))).SerializeToString(),
        metadata=md, timeout=30))
    big = "\"" + "x" * (1 << 20) + "\""
    code_of("oversized_input", lambda: c.schedule_new_orchestration("echo_orchestrator", input=big[1:-1]))
    code_of("oversized_event", lambda: c.raise_orchestration_event(ARGS.instance, "e", data="y" * (1 << 20)))
    code_of("id_too_long", lambda: c.schedule_new_orchestration("echo_orchestrator", instance_id="a" * 101))
    code_of("id_reserved", lambda: c.schedule_new_orchestration("echo_orchestrator", instance_id="@e@1"))
    code_of("empty_name", lambda: c.schedule_new_orchestration("", instance_id="no-name"))
    code_of("stale_token", lambda: raw("CompleteOrchestratorTask")(
        pb.OrchestratorResponse(instanceId=ARGS.instance, completionToken="nope-1").SerializeToString(),
        metadata=md, timeout=10))
    code_of("bad_page_token", lambda: raw("QueryInstances")(
        pb.QueryInstancesRequest(query=pb.InstanceQuery(
            maxInstanceCount=5, continuationToken=wrappers_pb2.StringValue(
                value="not-a-token"))).SerializeToString(), metadata=md, timeout=10))
    code_of("entities", lambda: c.get_entity(__import__("durabletask.entities", fromlist=["EntityInstanceId"]).EntityInstanceId("counter", "1")))
    channel.close()
    return {"codes": codes, "not_created": [c.get_orchestration_state(i) is None
                                            for i in ["huge", "no-name"]]}


SCENARIOS: dict[str, Callable[[DurableTaskSchedulerClient], Any]] = {
    f.__name__: f for f in [sample, activities, failure, timer, events, suspend_resume,
                            sub_orchestrations, retries, continue_as_new, terminate, terminate_one,
                            restart, rewind,
                            purge, query_paging, unknown_hub, start_many, verify_many, start_one,
                            wait_one, bad_input]
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--taskhub", default="default")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--prefix", default="many")
    parser.add_argument("--instance", default="")
    parser.add_argument("--name", default="")
    parser.add_argument("--input", default="")
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    global ARGS
    ARGS = args
    c = make_client(args.endpoint, args.taskhub)
    try:
        result = SCENARIOS[args.scenario](c)
    except grpc.RpcError as err:
        result = {"error": {"code": err.code().name, "details": err.details()}}
    except TimeoutError as err:
        result = {"error": {"code": "TIMEOUT", "details": str(err)}}
    finally:
        c.close()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
