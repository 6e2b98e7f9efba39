//! The benchmark workloads: what each one starts, and the orchestrations it needs a worker to host.

use std::convert::Infallible;

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::{
    operation,
    worker::{ActivityContext, OrchestrationContext, TaskError, WorkerBuilder},
};

/// The orchestrator of the `sequence5` workload.
pub const SEQUENCE_ORCHESTRATOR: &str = "bench_sequence5";
/// The activity it calls five times in a row.
pub const SEQUENCE_ACTIVITY: &str = "bench_echo";
/// Activities per `sequence5` orchestration.
const SEQUENCE_LENGTH: u32 = 5;
/// The orchestrator of the `timer` workload.
pub const TIMER_ORCHESTRATOR: &str = "bench_timer";
/// How long each `timer` orchestration waits: long enough for a run of thousands to be waiting
/// at once.
const TIMER_SECONDS: u64 = 20;

/// A standard workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Workload {
    /// The async operation of the pattern with `processing_time` 0: one activity.
    Sample,
    /// Five sequential activities per orchestration (the function-chaining workload of
    /// Microsoft's Durable Task Scheduler throughput comparison).
    Sequence5,
    /// One 20-second durable timer per orchestration: many orchestrations waiting at once, for
    /// measuring what waiting costs (latency is the timer's, not the engine's).
    Timer,
}

impl Workload {
    /// The workload's name on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Sample => "sample",
            Workload::Sequence5 => "sequence5",
            Workload::Timer => "timer",
        }
    }

    /// The orchestration it starts.
    pub fn orchestration(self) -> &'static str {
        match self {
            Workload::Sample => operation::ORCHESTRATOR,
            Workload::Sequence5 => SEQUENCE_ORCHESTRATOR,
            Workload::Timer => TIMER_ORCHESTRATOR,
        }
    }

    /// The input of the orchestration started as `instance_id`, as JSON text.
    pub fn input(self, instance_id: &str) -> String {
        match self {
            Workload::Sample => json!({"operation_id": instance_id, "processing_time": 0}),
            Workload::Sequence5 => json!({"payload": instance_id}),
            Workload::Timer => json!({"seconds": TIMER_SECONDS}),
        }
        .to_string()
    }

    /// Orchestrator actions per orchestration: one per scheduled activity, plus the completion.
    pub fn actions_per_orchestration(self) -> u32 {
        match self {
            Workload::Sample => operation::steps_for(0.0) + 1,
            Workload::Sequence5 => SEQUENCE_LENGTH + 1,
            Workload::Timer => 2,
        }
    }
}

/// Registers every workload's orchestrations and activities on a worker builder.
pub fn register(builder: WorkerBuilder) -> WorkerBuilder {
    builder
        .with(operation::register)
        .orchestrator(SEQUENCE_ORCHESTRATOR, sequence)
        .activity(SEQUENCE_ACTIVITY, echo)
        .orchestrator(TIMER_ORCHESTRATOR, wait)
}

/// Waits `seconds` on a durable timer.
async fn wait(ctx: OrchestrationContext, input: Value) -> Result<Value, TaskError> {
    let seconds = input["seconds"].as_u64().unwrap_or(TIMER_SECONDS);
    ctx.create_timer(std::time::Duration::from_secs(seconds))
        .await;
    Ok(Value::Null)
}

/// Calls the echo activity five times, each on the previous one's output.
async fn sequence(ctx: OrchestrationContext, input: Value) -> Result<Value, TaskError> {
    let mut value = input;
    for _ in 0..SEQUENCE_LENGTH {
        value = ctx.call_activity(SEQUENCE_ACTIVITY, &value).await?;
    }
    Ok(value)
}

/// Returns its input.
async fn echo(_ctx: ActivityContext, input: Value) -> Result<Value, Infallible> {
    Ok(input)
}
