//! Stopping `serve-worker` with SIGTERM in the middle of a batch loses no instance: the worker
//! lets in-flight steps finish within its grace period and hands the rest back, and a second
//! worker finishes every operation, each step exactly once.

mod common;
mod scheduler_support;

use std::{
    collections::HashMap,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use dts_async::{
    client::{Client, RuntimeStatus, StartRequest},
    connection::{Connection, ConnectionSettings},
    operation,
    proto::history_event::EventType,
};
use scheduler_support::SchedulerProcess;
use serde_json::{Value, json};

/// Operations in the batch.
const OPERATIONS: usize = 12;

/// `dts-async serve-worker` on `endpoint` with the grace period `grace`, logging to `log`.
fn serve_worker(endpoint: &str, grace: &str, log: Stdio) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("dts-async"))
        .args([
            "serve-worker",
            "--shutdown-grace",
            grace,
            "--log-format",
            "json",
        ])
        .env("ENDPOINT", endpoint)
        .env_remove("TASKHUB")
        .env_remove("DURABLE_TASK_SCHEDULER_CONNECTION_STRING")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("serve-worker starts")
}

struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn sigterm_lets_in_flight_steps_finish_and_a_second_worker_finishes_the_batch() {
    let log = stop_mid_batch("30s");
    // Every step in flight finished within the grace period: nothing was handed back.
    assert!(abandoned(&log).is_none(), "{log}");
}

#[test]
fn sigterm_with_no_grace_hands_running_steps_back_and_none_is_lost() {
    let log = stop_mid_batch("0s");
    // The steps still running were handed back at once, not left to a lease timeout.
    assert!(
        abandoned(&log).is_some(),
        "no work item was handed back: {log}"
    );
}

/// The JSON log line that reports abandoned work items, if any.
fn abandoned(log: &str) -> Option<Value> {
    log.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|line| line["fields"]["abandoned"].as_u64().is_some_and(|n| n > 0))
}

/// Starts a batch of operations on one worker, stops it with SIGTERM mid-batch, lets a second
/// worker finish them and checks every one; returns the first worker's log.
fn stop_mid_batch(grace: &str) -> String {
    let scheduler = SchedulerProcess::in_memory();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let client = runtime.block_on(async {
        let connection = Connection::resolve(ConnectionSettings {
            endpoint: Some(scheduler.endpoint.clone()),
            ..ConnectionSettings::default()
        })
        .expect("a valid endpoint");
        Client::connect(&connection)
            .await
            .expect("the scheduler answers")
    });
    let log_dir = tempfile::tempdir().expect("a temporary directory");
    let log_path = log_dir.path().join("first-worker.log");
    let log = std::fs::File::create(&log_path).expect("a log file");
    let mut first = Reaped(serve_worker(&scheduler.endpoint, grace, Stdio::from(log)));
    // Six one-second steps each: SIGTERM comes in the middle of a step.
    let ids: Vec<String> = (0..OPERATIONS)
        .map(|n| {
            let id = format!("op-{n}");
            let input = json!({"operation_id": id, "processing_time": 6}).to_string();
            runtime
                .block_on(client.start(StartRequest {
                    name: operation::ORCHESTRATOR.to_owned(),
                    instance_id: Some(id.clone()),
                    input: Some(input),
                    ..StartRequest::default()
                }))
                .expect("the operation starts")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(2500));
    let running = runtime
        .block_on(client.get(&ids[0], false))
        .expect("a state")
        .and_then(|s| s.runtime_status);
    assert_eq!(
        running,
        Some(RuntimeStatus::Running),
        "the batch is under way"
    );

    assert!(common::signal(first.0.id(), "TERM"), "SIGTERM delivered");
    let stopped_at = Instant::now();
    let exit = loop {
        if let Some(status) = first.0.try_wait().expect("the worker can be waited for") {
            break status;
        }
        assert!(
            stopped_at.elapsed() < Duration::from_secs(20),
            "serve-worker ignored SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "serve-worker exits 0 on SIGTERM: {exit:?}");
    let unfinished = ids
        .iter()
        .filter(|id| {
            let state = runtime.block_on(client.get(id, false)).ok().flatten();
            !state.is_some_and(|s| s.is_terminal())
        })
        .count();
    assert!(unfinished > 0, "the stop came mid-batch");
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();

    let _second = Reaped(serve_worker(&scheduler.endpoint, "30s", Stdio::inherit()));
    for id in &ids {
        let state = runtime
            .block_on(client.wait_for_completion(id, true, Duration::from_secs(60)))
            .expect("the wait answers")
            .expect("the instance exists");
        assert_eq!(
            state.runtime_status,
            Some(RuntimeStatus::Completed),
            "{id}: {state:?}"
        );
        let output: Value =
            serde_json::from_str(state.output.as_deref().unwrap_or("null")).unwrap_or_default();
        assert_eq!(
            output["result"],
            format!("Operation {id} completed successfully")
        );
        // Every step ran to completion exactly once: one result per scheduled task.
        let history = runtime.block_on(client.history(id)).expect("a history");
        let mut results: HashMap<i32, usize> = HashMap::new();
        let mut scheduled = 0;
        for event in &history {
            match &event.event_type {
                Some(EventType::TaskScheduled(_)) => scheduled += 1,
                Some(EventType::TaskCompleted(done)) => {
                    *results.entry(done.task_scheduled_id).or_default() += 1
                }
                _ => {}
            }
        }
        assert_eq!(scheduled, 6, "{id}: six steps");
        assert_eq!(results.len(), 6, "{id}: {results:?}");
        assert!(results.values().all(|n| *n == 1), "{id}: {results:?}");
    }
    log
}
