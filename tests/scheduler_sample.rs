//! The DTS sample's orchestration on `serve-scheduler`: the Python SDK's worker (both the DTS
//! worker with its `taskhub` header and the plain one) runs it, our CLI and the Python client
//! drive it.

mod common;
mod scheduler_support;

use scheduler_support::SchedulerProcess;

#[test]
fn the_python_worker_runs_the_sample_started_by_our_cli() {
    let scheduler = SchedulerProcess::in_memory();
    let _worker = scheduler.python_worker(Some("default"));
    scheduler
        .cli()
        .args([
            "start",
            "--id",
            "op-1",
            "--input",
            r#"{"operation_id":"op-1","processing_time":0}"#,
        ])
        .assert()
        .success()
        .stdout("op-1\n");
    let (code, state, stderr) =
        common::json_of(scheduler.cli().args(["wait", "op-1", "-o", "json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(state["runtime_status"], "Completed");
    assert_eq!(state["output"]["status"], "completed");
    assert_eq!(
        state["output"]["result"],
        "Operation op-1 completed successfully"
    );

    // The history a worker replays: one confirmation per action, carrying the action's id.
    let (code, history, stderr) =
        common::json_of(scheduler.cli().args(["history", "op-1", "-o", "json"]));
    assert_eq!(code, 0, "{stderr}");
    let text = history.to_string();
    for kind in [
        "OrchestratorStarted",
        "ExecutionStarted",
        "TaskScheduled",
        "TaskCompleted",
        "ExecutionCompleted",
    ] {
        assert!(text.contains(kind), "no {kind} in {text}");
    }
    assert_eq!(text.matches("ExecutionCompleted").count(), 1, "{text}");
}

#[test]
fn the_plain_python_worker_and_python_client_run_the_sample() {
    let scheduler = SchedulerProcess::in_memory();
    // No taskhub header: the first served hub is used.
    let _worker = scheduler.python_worker(None);
    let report = scheduler.scenario("sample");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(
        report["done"]["output"]["operation_id"], "op-py",
        "{report}"
    );
    // An unknown instance reads as "no such instance", not as an error.
    assert!(report["unknown"].is_null(), "{report}");
}

#[test]
fn status_of_an_unknown_instance_is_not_found() {
    let scheduler = SchedulerProcess::in_memory();
    scheduler.cli().args(["status", "nobody"]).assert().code(5);
}
