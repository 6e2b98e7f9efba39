//! Crash safety of `serve-scheduler`: `kill -9` mid-run and a restart on the same database lose
//! nothing the client was told about, run nothing twice, and fire timers after the restart; a
//! worker killed mid-activity has its work handed to the next worker.

mod common;
mod scheduler_support;

use scheduler_support::SchedulerProcess;
use serde_json::Value;

fn scenario(scheduler: &SchedulerProcess, args: &[&str]) -> Value {
    let output = std::process::Command::new(common::python())
        .arg(common::root().join("tests/peers/sched_scenarios.py"))
        .args(["--endpoint", &scheduler.endpoint])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .expect("the scenario driver runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|err| panic!("no JSON from {args:?} ({err}): {stdout:?}"));
    assert!(value.get("error").is_none(), "{args:?} failed: {value}");
    value
}

#[test]
fn kill_9_mid_run_then_restart_completes_every_instance_exactly_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("crash.db");
    let count = "300";

    let scheduler = SchedulerProcess::with_db(&db, 0);
    let worker = scheduler.python_worker(Some("default"));
    let started = scenario(
        &scheduler,
        &["--count", count, "--prefix", "crash", "start_many"],
    );
    assert_eq!(
        started["ids"].as_array().map(Vec::len),
        Some(300),
        "{started}"
    );
    // The crash must land mid-run for this test to mean anything.
    let before = started["completed_before_crash"].as_u64().unwrap_or(0);
    eprintln!("{before} of 300 completed before the crash");
    assert!(
        before < 300,
        "everything finished before the crash: {started}"
    );
    // SIGKILL: no shutdown, no flush; only what was committed survives.
    scheduler.kill9();
    drop(worker);

    let scheduler = SchedulerProcess::with_db(&db, 0);
    let _worker = scheduler.python_worker(Some("default"));
    let verified = scenario(
        &scheduler,
        &["--count", count, "--prefix", "crash", "verify_many"],
    );
    assert_eq!(verified["checked"], 300, "{verified}");
    assert_eq!(verified["bad"], serde_json::json!([]), "{verified}");
}

#[test]
fn a_durable_timer_fires_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("timer.db");
    let scheduler = SchedulerProcess::with_db(&db, 0);
    let worker = scheduler.python_worker(Some("default"));
    let started = scenario(
        &scheduler,
        &[
            "--instance",
            "t-1",
            "--name",
            "long_timer_orchestrator",
            "--input",
            r#"{"seconds": 2}"#,
            "start_one",
        ],
    );
    assert_eq!(started["status"], "RUNNING", "{started}");
    scheduler.kill9();
    drop(worker);

    let scheduler = SchedulerProcess::with_db(&db, 0);
    let _worker = scheduler.python_worker(Some("default"));
    let report = scenario(&scheduler, &["--instance", "t-1", "wait_one"]);
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(report["done"]["output"], "done", "{report}");
    assert_eq!(report["fired_not_early"], true, "{report}");
}

#[test]
fn a_worker_killed_mid_activity_has_its_work_rerun_by_the_next_worker() {
    let scheduler = SchedulerProcess::in_memory();
    let worker = scheduler.python_worker(Some("default"));
    let started = scenario(
        &scheduler,
        &[
            "--instance",
            "slow-1",
            "--name",
            "async_http_api_orchestrator",
            "--input",
            r#"{"operation_id": "slow-1", "processing_time": 3}"#,
            "start_one",
        ],
    );
    assert_eq!(started["status"], "RUNNING", "{started}");
    // The activity is now with the worker (it sleeps 3 s): kill the worker with SIGKILL.
    drop(worker);
    let _next = scheduler.python_worker(Some("default"));
    let report = scenario(&scheduler, &["--instance", "slow-1", "wait_one"]);
    assert_eq!(report["done"]["status"], "COMPLETED", "{report}");
    assert_eq!(
        report["done"]["output"]["operation_id"], "slow-1",
        "{report}"
    );
    let kinds = report["kinds"].as_array().expect("history");
    let completions = kinds.iter().filter(|k| *k == "TaskCompletedEvent").count();
    assert_eq!(completions, 1, "{report}");
}
