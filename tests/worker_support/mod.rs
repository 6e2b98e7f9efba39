//! Test support for our worker: the orchestrations of tests/peers/orchestrations.py written
//! again in Rust with the same names, inputs and outputs (so the Python client's scenarios in
//! sched_scenarios.py drive our worker exactly as they drive the Python one), and that worker
//! running in this test process until dropped.

#![allow(dead_code)]

use std::{
    collections::HashSet,
    sync::{Mutex, OnceLock},
    thread::JoinHandle,
    time::Duration,
};

use chrono::TimeDelta;
use dts_async::{
    connection::{Connection, ConnectionSettings},
    operation,
    worker::{
        ActivityContext, OrchestrationContext, RetryPolicy, TaskError, Worker, WorkerBuilder,
    },
};
use serde_json::{Value, json};

/// Registers every test orchestration and activity, and the async operation.
pub fn register(builder: WorkerBuilder) -> WorkerBuilder {
    builder
        .with(operation::register)
        .orchestrator("failing_orchestrator", failing_orchestrator)
        .activity("failing_activity", failing_activity)
        .orchestrator("progress_orchestrator", progress_orchestrator)
        .orchestrator("event_orchestrator", event_orchestrator)
        .orchestrator("long_timer_orchestrator", long_timer_orchestrator)
        .orchestrator("echo_orchestrator", echo_orchestrator)
        .orchestrator("sequence_orchestrator", sequence_orchestrator)
        .activity("add_one", add_one)
        .orchestrator("sub_orchestration_parent", sub_orchestration_parent)
        .orchestrator("counter_orchestrator", counter_orchestrator)
        .orchestrator(
            "timer_then_event_orchestrator",
            timer_then_event_orchestrator,
        )
        .orchestrator("flaky_orchestrator", flaky_orchestrator)
        .orchestrator("retry_orchestrator", retry_orchestrator)
        .blocking_activity("flaky_activity", flaky_activity)
}

async fn failing_orchestrator(ctx: OrchestrationContext, input: Value) -> Result<Value, TaskError> {
    ctx.call_activity("failing_activity", &input).await
}

async fn failing_activity(_ctx: ActivityContext, input: Value) -> Result<Value, TaskError> {
    let shown = match &input {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Err(TaskError::new("ValueError", format!("boom: {shown}")))
}

async fn progress_orchestrator(
    ctx: OrchestrationContext,
    input: Value,
) -> Result<Value, TaskError> {
    let steps = input["steps"].as_u64().unwrap_or(3);
    let step_seconds = input["step_seconds"].as_f64().unwrap_or(1.0);
    for i in 1..=steps {
        ctx.create_timer(Duration::from_secs_f64(step_seconds))
            .await;
        ctx.set_custom_status(&json!({
            "progress": i as f64 / steps as f64,
            "message": format!("step {i} of {steps}"),
        }));
    }
    Ok(json!({"steps": steps}))
}

async fn event_orchestrator(ctx: OrchestrationContext, _input: Value) -> Result<Value, TaskError> {
    let data: Value = ctx.wait_for_event("approval").await?;
    Ok(json!({"approved": data}))
}

async fn long_timer_orchestrator(
    ctx: OrchestrationContext,
    input: Value,
) -> Result<Value, TaskError> {
    let seconds = input["seconds"].as_f64().unwrap_or(3600.0);
    ctx.create_timer(Duration::from_secs_f64(seconds)).await;
    Ok(json!("done"))
}

async fn echo_orchestrator(_ctx: OrchestrationContext, input: Value) -> Result<Value, TaskError> {
    Ok(input)
}

async fn sequence_orchestrator(
    ctx: OrchestrationContext,
    input: Option<i64>,
) -> Result<i64, TaskError> {
    let mut value = input.unwrap_or(0);
    for _ in 0..3 {
        value = ctx.call_activity("add_one", &value).await?;
    }
    Ok(value)
}

async fn add_one(_ctx: ActivityContext, value: i64) -> Result<i64, TaskError> {
    Ok(value + 1)
}

async fn sub_orchestration_parent(
    ctx: OrchestrationContext,
    input: Value,
) -> Result<Value, TaskError> {
    let child = input["child"].as_str().unwrap_or_default();
    match ctx
        .call_sub_orchestrator::<Value>(child, &input["input"], None)
        .await
    {
        Ok(result) => Ok(json!({"result": result})),
        Err(err) => {
            let cause = err.inner.as_deref().unwrap_or(&err);
            Ok(json!({"caught": cause.error_type, "message": cause.message}))
        }
    }
}

async fn counter_orchestrator(
    ctx: OrchestrationContext,
    input: Option<i64>,
) -> Result<Option<i64>, TaskError> {
    let value = input.unwrap_or(0);
    if value < 3 {
        ctx.continue_as_new(&(value + 1), false);
        return Ok(None);
    }
    Ok(Some(value))
}

async fn timer_then_event_orchestrator(
    ctx: OrchestrationContext,
    input: Option<f64>,
) -> Result<Value, TaskError> {
    ctx.create_timer(Duration::from_secs_f64(input.unwrap_or(1.0)))
        .await;
    let data: Value = ctx.wait_for_event("go").await?;
    Ok(json!({"go": data}))
}

/// Keys `flaky_activity` has failed for, in this process.
fn flaky_seen() -> &'static Mutex<HashSet<String>> {
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

fn flaky_activity(_ctx: ActivityContext, key: String) -> Result<String, TaskError> {
    let first = flaky_seen()
        .lock()
        .map(|mut seen| seen.insert(key.clone()))
        .unwrap_or(false);
    if first {
        return Err(TaskError::new(
            "RuntimeError",
            format!("first attempt for {key}"),
        ));
    }
    Ok(format!("ok {key}"))
}

async fn flaky_orchestrator(ctx: OrchestrationContext, _input: Value) -> Result<String, TaskError> {
    ctx.call_activity("flaky_activity", &ctx.instance_id())
        .await
}

async fn retry_orchestrator(ctx: OrchestrationContext, _input: Value) -> Result<String, TaskError> {
    let policy = RetryPolicy::new(3, TimeDelta::seconds(1));
    let key = format!("retry-{}", ctx.instance_id());
    ctx.call_activity_with_retry("flaky_activity", &key, &policy)
        .await
}

/// Our worker with the test orchestrations, running on a runtime of its own in this process
/// until dropped.
pub struct InProcessWorker {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl InProcessWorker {
    /// Starts a worker on `endpoint` (task hub `default`).
    pub fn start(endpoint: &str) -> Self {
        Self::start_with(endpoint, |builder| builder)
    }

    /// Starts a worker on `endpoint` with extra configuration.
    pub fn start_with(
        endpoint: &str,
        configure: impl FnOnce(WorkerBuilder) -> WorkerBuilder,
    ) -> Self {
        let connection = Connection::resolve(ConnectionSettings {
            endpoint: Some(endpoint.to_owned()),
            ..ConnectionSettings::default()
        })
        .expect("a valid endpoint");
        let worker =
            configure(register(Worker::builder(connection)).shutdown_grace(Duration::from_secs(2)))
                .build();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            let outcome = runtime.block_on(worker.run(async {
                let _ = stopped.await;
            }));
            outcome.expect("the worker runs");
        });
        Self {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for InProcessWorker {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
