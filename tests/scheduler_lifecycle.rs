//! The lifecycle suite on `serve-scheduler`: the Python SDK's worker runs the orchestrations of
//! tests/peers/orchestrations.py and its client drives each scenario (sched_scenarios.py);
//! these tests check what a user would see.

mod common;
mod scheduler_support;

use scheduler_support::SchedulerProcess;
use serde_json::{Value, json};

/// A scheduler with a Python worker, and the scenario's report.
fn run(scenario: &str) -> Value {
    let scheduler = SchedulerProcess::in_memory();
    let _worker = scheduler.python_worker(Some("default"));
    scheduler.scenario(scenario)
}

#[test]
fn activities_run_in_sequence() {
    let report = run("activities");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(report["done"]["output"], 13, "{report}");
}

#[test]
fn an_activity_failure_fails_the_orchestration_with_its_error_type() {
    let report = run("failure");
    let done = &report["done"];
    assert_eq!(done["status"], "FAILED", "{report}");
    assert_eq!(
        done["failure_type"], "durabletask.task.TaskFailedError",
        "{report}"
    );
    assert!(
        done["failure_message"]
            .as_str()
            .unwrap_or("")
            .contains("boom: x"),
        "{report}"
    );
}

#[test]
fn a_timer_fires_after_its_due_time_and_echoes_it() {
    let report = run("timer");
    assert_eq!(report["done"]["output"], "done", "{report}");
    assert_eq!(report["created"], 1, "{report}");
    assert_eq!(report["fired"], 1, "{report}");
    assert_eq!(report["fired_not_early"], true, "{report}");
    assert_eq!(report["fire_at_echoed"], true, "{report}");
}

#[test]
fn events_raised_before_and_after_the_wait_are_received() {
    let report = run("events");
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

#[test]
fn suspend_holds_events_until_resume_and_a_stray_resume_is_harmless() {
    let report = run("suspend_resume");
    assert_eq!(report["running"], "RUNNING", "{report}");
    assert_eq!(report["suspended"], "SUSPENDED", "{report}");
    assert_eq!(report["after_event"]["status"], "SUSPENDED", "{report}");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(
        report["done"]["output"],
        json!({"approved": "while suspended"}),
        "{report}"
    );
}

#[test]
fn sub_orchestrations_return_results_and_forward_failures_unchanged() {
    let report = run("sub_orchestrations");
    assert_eq!(report["ok"]["output"], json!({"result": 5}), "{report}");
    assert_eq!(report["ok_child"]["status"], "COMPLETED", "{report}");
    let child = &report["bad_child"];
    assert_eq!(child["status"], "FAILED", "{report}");
    // The parent sees the child's own failure type and message, not a rebuilt one.
    assert_eq!(
        report["bad"]["output"]["caught"], child["failure_type"],
        "{report}"
    );
    assert_eq!(
        report["bad"]["output"]["message"], child["failure_message"],
        "{report}"
    );
}

#[test]
fn continue_as_new_restarts_with_the_new_input_and_a_fresh_history() {
    let report = run("continue_as_new");
    assert_eq!(report["done"]["output"], 3, "{report}");
    let history = report["history"].as_array().expect("history names");
    let starts = history
        .iter()
        .filter(|e| *e == "ExecutionStartedEvent")
        .count();
    assert_eq!(starts, 1, "{report}");
}

#[test]
fn recursive_terminate_ends_the_parent_and_its_children() {
    let report = run("terminate");
    assert_eq!(report["child_running"], "RUNNING", "{report}");
    assert_eq!(report["parent"]["status"], "TERMINATED", "{report}");
    assert_eq!(report["parent"]["output"], "stop", "{report}");
    assert_eq!(report["child"]["status"], "TERMINATED", "{report}");
}

#[test]
fn restart_runs_a_finished_instance_again_under_the_same_or_a_new_id() {
    let report = run("restart");
    let first = report["first"]["id"].clone();
    assert_eq!(report["same_id"], first, "{report}");
    assert_eq!(report["same"]["output"], "hi", "{report}");
    assert_ne!(report["new_id"], first, "{report}");
    assert_eq!(report["new"]["output"], "hi", "{report}");
    assert_eq!(report["running_restart"], "FAILED_PRECONDITION", "{report}");
}

#[test]
fn rewind_retries_the_failed_step_of_a_failed_instance() {
    let report = run("rewind");
    assert_eq!(report["failed"]["status"], "FAILED", "{report}");
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    let id = report["done"]["id"].as_str().unwrap_or_default();
    assert_eq!(report["done"]["output"], format!("ok {id}"), "{report}");
    assert_eq!(
        report["rewind_completed"], "FAILED_PRECONDITION",
        "{report}"
    );
}

#[test]
fn purge_deletes_finished_instances_only() {
    let report = run("purge");
    assert_eq!(report["by_id"], 1, "{report}");
    assert_eq!(report["gone"], true, "{report}");
    assert_eq!(report["running"], 0, "{report}");
    assert_eq!(report["running_exists"], true, "{report}");
    assert_eq!(report["by_filter"], 2, "{report}");
    assert_eq!(report["left"], json!([false, false]), "{report}");
}

#[test]
fn queries_and_id_listings_page_through_every_instance_once() {
    let report = run("query_paging");
    assert_eq!(report["query"], report["expected"], "{report}");
    assert_eq!(report["listed"], report["expected"], "{report}");
    assert!(report["list_pages"].as_u64().unwrap_or(0) >= 3, "{report}");
}

#[test]
fn our_cli_controls_instances_on_the_scheduler() {
    let scheduler = SchedulerProcess::in_memory();
    let _worker = scheduler.python_worker(Some("default"));
    let cli = || scheduler.cli();
    cli()
        .args(["start", "--name", "event_orchestrator", "--id", "ev-1"])
        .assert()
        .success();
    cli()
        .args(["raise-event", "ev-1", "approval", "--data", r#""yes""#])
        .assert()
        .success();
    let (code, state, stderr) = common::json_of(cli().args(["wait", "ev-1", "-o", "json"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(state["output"], json!({"approved": "yes"}));

    cli()
        .args(["start", "--name", "event_orchestrator", "--id", "ev-2"])
        .assert()
        .success();
    cli()
        .args(["terminate", "ev-2", "--result", r#""bye""#])
        .assert()
        .success();
    scheduler.cli().args(["wait", "ev-2"]).assert().code(3);
    cli().args(["purge", "ev-2"]).assert().success();
    cli().args(["status", "ev-2"]).assert().code(5);
    // Starting an existing id is a conflict.
    cli()
        .args(["start", "--name", "echo_orchestrator", "--id", "ev-1"])
        .assert()
        .code(7);
}
