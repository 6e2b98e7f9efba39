//! Our client CLI and our worker on our scheduler, with no Python anywhere: the lifecycle the
//! Python peers run in tests/scheduler_lifecycle.rs, driven as an operator would drive it.

mod common;
mod scheduler_support;
mod worker_support;

use std::time::{Duration, Instant};

use common::json_of;
use scheduler_support::SchedulerProcess;
use serde_json::{Value, json};
use worker_support::InProcessWorker;

/// The stack: `serve-scheduler` (a process) and our worker (in this process).
struct Stack {
    scheduler: SchedulerProcess,
    _worker: InProcessWorker,
}

impl Stack {
    fn start() -> Self {
        let scheduler = SchedulerProcess::in_memory();
        let worker = InProcessWorker::start(&scheduler.endpoint);
        Self {
            scheduler,
            _worker: worker,
        }
    }

    /// Runs the CLI with `args` and `-o json`: exit code, stdout as JSON, stderr.
    fn json(&self, args: &[&str]) -> (i32, Value, String) {
        json_of(self.scheduler.cli().args(args).args(["-o", "json"]))
    }

    /// Starts `name` with `input` under `id` and waits for the outcome.
    fn run(&self, name: &str, input: &str, id: &str) -> (i32, Value, String) {
        let args = ["start", "--name", name, "--input", input, "--id", id];
        self.json(&[&args[..], &["--wait", "--timeout", "60s"]].concat())
    }

    fn ok(&self, args: &[&str]) {
        self.scheduler.cli().args(args).assert().success();
    }

    fn status(&self, id: &str) -> String {
        let (_, state, _) = self.json(&["status", id]);
        state["runtime_status"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits (polling `status`, as an operator would) until the instance has `want`.
    fn eventually(&self, id: &str, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.status(id) != want {
            assert!(Instant::now() < deadline, "{id} never became {want}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn activities_sub_orchestrations_and_continue_as_new() {
    let stack = Stack::start();
    let (code, state, err) = stack.run(
        "async_http_api_orchestrator",
        r#"{"processing_time": 0}"#,
        "op",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        state["output"]["result"],
        "Operation op completed successfully"
    );

    let (code, state, err) = stack.run("sequence_orchestrator", "1", "seq");
    assert_eq!((code, &state["output"]), (0, &json!(4)), "{err}");
    let (_, events, _) = stack.json(&["history", "seq"]);
    let completed = events
        .as_array()
        .map(|events| {
            events
                .iter()
                .filter(|e| e["type"] == "TaskCompleted")
                .count()
        })
        .unwrap_or(0);
    assert_eq!(completed, 3, "three activities in the history: {events}");

    let child = r#"{"child": "echo_orchestrator", "input": {"x": 1}}"#;
    let (code, state, err) = stack.run("sub_orchestration_parent", child, "parent");
    assert_eq!(code, 0, "{err}");
    assert_eq!(state["output"], json!({"result": {"x": 1}}));
    let failing = r#"{"child": "failing_orchestrator", "input": null}"#;
    let (code, state, err) = stack.run("sub_orchestration_parent", failing, "parent-2");
    assert_eq!(code, 0, "the parent catches its child's failure: {err}");
    assert!(state["output"]["caught"].is_string(), "{state}");

    let (code, state, err) = stack.run("counter_orchestrator", "0", "counter");
    assert_eq!((code, &state["output"]), (0, &json!(3)), "{err}");
}

#[test]
fn events_suspend_resume_failure_and_rewind() {
    let stack = Stack::start();
    stack.ok(&["start", "--name", "event_orchestrator", "--id", "ev"]);
    stack.eventually("ev", "Running");
    stack.ok(&["suspend", "ev", "--reason", "maintenance"]);
    stack.eventually("ev", "Suspended");
    // An event to a suspended instance waits for the resume.
    stack.ok(&["raise-event", "ev", "approval", "--data", r#""yes""#]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(stack.status("ev"), "Suspended");
    stack.ok(&["resume", "ev"]);
    let (code, state, err) = stack.json(&["wait", "ev", "--timeout", "30s"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(state["output"], json!({"approved": "yes"}));

    // A failed activity fails the instance (exit 1); rewind runs the failed step again.
    let (code, _, err) = stack.run("flaky_orchestrator", "null", "flaky");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("first attempt for flaky"), "{err}");
    stack.ok(&["rewind", "flaky", "--reason", "fixed"]);
    let (code, state, err) = stack.json(&["wait", "flaky", "--timeout", "30s"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(state["output"], "ok flaky");
}

#[test]
fn terminate_restart_and_purge() {
    let stack = Stack::start();
    let long = ["--input", r#"{"seconds": 3600}"#];
    stack.ok(&[
        &["start", "--name", "long_timer_orchestrator", "--id", "lt"],
        &long[..],
    ]
    .concat());
    stack.eventually("lt", "Running");
    stack.ok(&["terminate", "lt", "--reason", "superseded"]);
    let (code, _, _) = stack.json(&["wait", "lt", "--timeout", "30s"]);
    assert_eq!(code, 3, "terminated");

    // Restart runs it again under the same id, with the same input.
    stack.ok(&["restart", "lt"]);
    stack.eventually("lt", "Running");
    let (_, state, _) = stack.json(&["status", "lt", "--show-input"]);
    assert_eq!(state["input"], json!({"seconds": 3600}));
    stack.ok(&["terminate", "lt"]);
    stack.eventually("lt", "Terminated");

    // Purge deletes it; status then says it is unknown.
    stack.ok(&["purge", "lt"]);
    stack
        .scheduler
        .cli()
        .args(["status", "lt"])
        .assert()
        .code(5);
}
