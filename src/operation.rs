//! The async operation of the pattern, with the DTS sample's names and shapes: the orchestrator
//! `async_http_api_orchestrator` takes `{"operation_id", "processing_time"}` and returns
//! `{"operation_id", "status": "completed", "result": "Operation <id> completed successfully",
//! "processed_at": <unix seconds>}`, which the activity `process_long_running_operation` makes.
//!
//! Unlike the sample, the work advances in durable steps (one activity call per step of about a
//! second), and after each step the orchestration publishes real progress as its custom status,
//! `{"progress": 0.0..1.0, "message": "..."}`. A worker that stops mid-operation loses at most
//! one step. Written against the worker's public API only, like any user's code.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::worker::{ActivityContext, OrchestrationContext, TaskError, WorkerBuilder};

/// The orchestrator's registered name (the sample's).
pub const ORCHESTRATOR: &str = "async_http_api_orchestrator";
/// The activity's registered name (the sample's).
pub const ACTIVITY: &str = "process_long_running_operation";
/// Processing time per durable step, in seconds.
const STEP_SECONDS: f64 = 1.0;
/// The most steps one operation takes; longer operations get longer steps.
const MAX_STEPS: u32 = 100;

/// The input of the orchestrator and of each activity call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OperationInput {
    /// The operation's id; the orchestration's instance id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// Seconds of work.
    #[serde(default)]
    pub processing_time: f64,
}

/// The result, in the sample's shape and key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationResult {
    /// The operation's id.
    pub operation_id: String,
    /// Always `completed`.
    pub status: String,
    /// `Operation <id> completed successfully`.
    pub result: String,
    /// When the work finished, in Unix seconds.
    pub processed_at: f64,
}

/// The custom status the orchestration publishes after each step.
#[derive(Debug, Clone, Serialize)]
struct Progress {
    progress: f64,
    message: String,
}

/// How many durable steps an operation of `processing_time` seconds takes (at least one).
pub fn steps_for(processing_time: f64) -> u32 {
    if processing_time.is_finite() && processing_time > 0.0 {
        (processing_time / STEP_SECONDS)
            .ceil()
            .clamp(1.0, f64::from(MAX_STEPS)) as u32
    } else {
        1
    }
}

/// Registers the orchestrator and the activity on a worker.
pub fn register(builder: WorkerBuilder) -> WorkerBuilder {
    builder
        .orchestrator(ORCHESTRATOR, orchestrate)
        .activity(ACTIVITY, process)
}

/// Runs the operation in steps, publishing progress after each.
async fn orchestrate(
    ctx: OrchestrationContext,
    input: Option<OperationInput>,
) -> Result<OperationResult, TaskError> {
    let input = input.unwrap_or_default();
    let total = input.processing_time;
    if !total.is_finite() || total < 0.0 {
        return Err(TaskError::new(
            "ValueError",
            format!("processing_time must be a number of seconds, 0 or more (got {total})"),
        ));
    }
    let operation_id = input.operation_id.unwrap_or_else(|| ctx.instance_id());
    let steps = steps_for(total);
    ctx.set_custom_status(&Progress {
        progress: 0.0,
        message: format!("started: {steps} step(s), {total} s of work"),
    });
    let step = OperationInput {
        operation_id: Some(operation_id.clone()),
        processing_time: total / f64::from(steps),
    };
    let mut result = None;
    for done in 1..=steps {
        result = Some(
            ctx.call_activity::<OperationResult>(ACTIVITY, &step)
                .await?,
        );
        ctx.set_custom_status(&Progress {
            progress: f64::from(done) / f64::from(steps),
            message: format!("step {done} of {steps} done"),
        });
    }
    // At least one step always runs.
    result.ok_or_else(|| TaskError::msg(format!("operation {operation_id} ran no step")))
}

/// Works for `processing_time` seconds, then reports the operation done.
async fn process(
    _ctx: ActivityContext,
    input: OperationInput,
) -> Result<OperationResult, TaskError> {
    let seconds = input.processing_time;
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(TaskError::new(
            "ValueError",
            format!("processing_time must be a number of seconds, 0 or more (got {seconds})"),
        ));
    }
    if seconds > 0.0 {
        tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    }
    let operation_id = input.operation_id.unwrap_or_default();
    let processed_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64());
    Ok(OperationResult {
        result: format!("Operation {operation_id} completed successfully"),
        operation_id,
        status: "completed".to_owned(),
        processed_at,
    })
}

#[cfg(test)]
mod tests {
    use super::steps_for;

    #[test]
    fn steps_are_about_a_second_each_and_bounded() {
        assert_eq!(steps_for(0.0), 1);
        assert_eq!(steps_for(-3.0), 1);
        assert_eq!(steps_for(f64::NAN), 1);
        assert_eq!(steps_for(0.4), 1);
        assert_eq!(steps_for(5.0), 5);
        assert_eq!(steps_for(5.5), 6);
        assert_eq!(steps_for(3600.0), 100);
    }
}
