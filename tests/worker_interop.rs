//! Our worker against real peers: the Python SDK's client drives the scenarios of
//! tests/peers/sched_scenarios.py while our worker (tests/worker_support, the same orchestrations
//! as the Python peer's, in Rust) runs them, first on the Python SDK's in-memory server, then on
//! our own scheduler. The tests check what a user of the Python client would see.

mod common;
mod scheduler_support;
mod worker_support;

use common::PythonBackend;
use scheduler_support::SchedulerProcess;
use serde_json::{Value, json};
use worker_support::InProcessWorker;

/// Where a scenario runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Server {
    /// The Python SDK's in-memory server.
    Python,
    /// Our `serve-scheduler`.
    Ours,
}

/// Runs `scenario` with our worker on a fresh server of the kind.
fn run(server: Server, scenario: &str) -> Value {
    match server {
        Server::Python => {
            let backend = PythonBackend::without_worker();
            let _worker = InProcessWorker::start(&backend.endpoint);
            common::scenario(&backend.endpoint, "default", scenario)
        }
        Server::Ours => {
            let scheduler = SchedulerProcess::in_memory();
            let _worker = InProcessWorker::start(&scheduler.endpoint);
            scheduler.scenario(scenario)
        }
    }
}

/// One test per server for each check.
macro_rules! on_both_servers {
    ($($name:ident => $check:ident;)*) => {
        mod python_server {
            $(#[test] fn $name() { super::$check(super::Server::Python) })*
        }
        mod our_scheduler {
            $(#[test] fn $name() { super::$check(super::Server::Ours) })*
        }
    };
}

on_both_servers! {
    the_python_client_reads_the_samples_result_from_our_worker => sample;
    activities_run_in_sequence => activities;
    an_activity_failure_fails_the_orchestration => failure;
    a_timer_fires_and_echoes_its_due_time => timer;
    events_before_and_after_the_wait_are_received => events;
    suspend_holds_events_until_resume => suspend_resume;
    sub_orchestrations_return_results_and_failures => sub_orchestrations;
    a_failed_activity_is_retried_after_a_durable_timer => retries;
    continue_as_new_restarts_with_the_new_input => continue_as_new;
    terminate_ends_the_orchestration_with_its_output => terminate;
    rewind_runs_the_failed_step_again => rewind;
}

fn sample(server: Server) {
    let report = run(server, "sample");
    let done = &report["done"];
    assert_eq!(done["status"], "COMPLETED", "{report}");
    let output = &done["output"];
    assert_eq!(output["operation_id"], "op-py", "{report}");
    assert_eq!(output["status"], "completed", "{report}");
    assert_eq!(
        output["result"], "Operation op-py completed successfully",
        "{report}"
    );
    assert!(
        output["processed_at"].as_f64().unwrap_or(0.0) > 1.7e9,
        "{report}"
    );
    // The orchestration published its progress, as JSON text, through the custom status.
    let status: Value =
        serde_json::from_str(done["custom_status"].as_str().unwrap_or("null")).unwrap_or_default();
    assert_eq!(status["progress"], 1.0, "{report}");
    assert_eq!(report["unknown"], Value::Null, "{report}");
}

fn activities(server: Server) {
    let report = run(server, "activities");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(report["done"]["output"], 13, "{report}");
}

fn failure(server: Server) {
    let report = run(server, "failure");
    let done = &report["done"];
    assert_eq!(done["status"], "FAILED", "{report}");
    assert_eq!(done["failure_type"], "TaskFailedError", "{report}");
    let message = done["failure_message"].as_str().unwrap_or_default();
    assert!(
        message.contains("failing_activity") && message.contains("boom: x"),
        "{report}"
    );
}

fn timer(server: Server) {
    let report = run(server, "timer");
    assert_eq!(report["done"]["output"], "done", "{report}");
    assert_eq!(report["created"], 1, "{report}");
    assert_eq!(report["fired"], 1, "{report}");
    assert_eq!(report["fire_at_echoed"], true, "{report}");
}

fn events(server: Server) {
    let report = run(server, "events");
    assert_eq!(
        report["early"]["output"],
        json!({"go": "before"}),
        "{report}"
    );
    assert_eq!(
        report["late"]["output"],
        json!({"approved": "after"}),
        "{report}"
    );
}

fn suspend_resume(server: Server) {
    let report = run(server, "suspend_resume");
    assert_eq!(report["suspended"], "SUSPENDED", "{report}");
    assert_eq!(report["after_event"]["status"], "SUSPENDED", "{report}");
    // Our worker ignores the stray resume the scenario sends to the running instance (the
    // Python server passes it on, and the Python worker would fail the orchestration).
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(
        report["done"]["output"],
        json!({"approved": "while suspended"}),
        "{report}"
    );
}

fn sub_orchestrations(server: Server) {
    let report = run(server, "sub_orchestrations");
    assert_eq!(report["ok"]["output"], json!({"result": 5}), "{report}");
    assert_eq!(report["ok_child"]["status"], "COMPLETED", "{report}");
    let child = &report["bad_child"];
    assert_eq!(child["status"], "FAILED", "{report}");
    assert_eq!(
        report["bad"]["output"]["message"], child["failure_message"],
        "{report}"
    );
    if server == Server::Ours {
        // Our scheduler forwards the child's failure unchanged (the Python server rebuilds it).
        assert_eq!(
            report["bad"]["output"]["caught"], child["failure_type"],
            "{report}"
        );
    }
}

fn retries(server: Server) {
    let report = run(server, "retries");
    let done = &report["done"];
    assert_eq!(done["status"], "COMPLETED", "{report}");
    let id = done["id"].as_str().unwrap_or_default();
    assert_eq!(done["output"], format!("ok retry-{id}"), "{report}");
    assert_eq!(report["failed_attempts"], 1, "{report}");
    assert_eq!(report["attempts"], 2, "{report}");
    assert_eq!(report["timers"], 1, "{report}");
}

fn continue_as_new(server: Server) {
    let report = run(server, "continue_as_new");
    assert_eq!(report["done"]["output"], 3, "{report}");
    let history = report["history"].as_array().cloned().unwrap_or_default();
    let starts = history
        .iter()
        .filter(|e| *e == "ExecutionStartedEvent")
        .count();
    assert_eq!(starts, 1, "{report}");
}

fn terminate(server: Server) {
    if server == Server::Python {
        // The Python server ignores `recursive`, so only a lone instance is terminated there.
        let report = run(server, "terminate_one");
        assert_eq!(report["running"], "RUNNING", "{report}");
        assert_eq!(report["done"]["status"], "TERMINATED", "{report}");
        assert_eq!(report["done"]["output"], "stop", "{report}");
        return;
    }
    let report = run(server, "terminate");
    assert_eq!(report["child_running"], "RUNNING", "{report}");
    assert_eq!(report["parent"]["status"], "TERMINATED", "{report}");
    assert_eq!(report["parent"]["output"], "stop", "{report}");
    assert_eq!(report["child"]["status"], "TERMINATED", "{report}");
}

fn rewind(server: Server) {
    let report = run(server, "rewind");
    assert_eq!(report["failed"]["status"], "FAILED", "{report}");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    let id = report["done"]["id"].as_str().unwrap_or_default();
    assert_eq!(report["done"]["output"], format!("ok {id}"), "{report}");
}

/// The worker loop's reconnect: a scheduler that dies under the worker and comes back on the
/// same address (and database) gets the worker back without anyone restarting it.
#[test]
fn our_worker_reconnects_when_the_scheduler_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("restart.db");
    let scheduler = SchedulerProcess::with_db(&db, 0);
    let port = scheduler.port;
    let _worker = InProcessWorker::start(&scheduler.endpoint);
    let run = |scheduler: &SchedulerProcess, id: &str| {
        scheduler
            .cli()
            .args(["start", "--processing-time", "0", "--id", id])
            .args(["--wait", "--timeout", "90"])
            .assert()
            .success();
    };
    run(&scheduler, "before-the-crash");
    scheduler.kill9();
    // Long enough for the worker to notice the broken stream and back off at least once.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let scheduler = SchedulerProcess::with_db(&db, port);
    run(&scheduler, "after-the-restart");
}
