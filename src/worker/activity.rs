//! Activities: [`ActivityContext`], and running one activity work item into its response.

use super::{failure::TaskError, registry::Registry};
use crate::proto::{self, ActivityRequest, ActivityResponse};

/// The error type of an activity that no worker here hosts.
pub const NOT_REGISTERED: &str = "ActivityNotRegisteredError";

/// What an activity knows about its call.
#[derive(Debug, Clone)]
pub struct ActivityContext {
    /// The instance id of the orchestration that called it.
    pub orchestration_id: String,
    /// The call's sequence number in that orchestration.
    pub task_id: i32,
    /// The activity's name.
    pub name: String,
}

/// Runs the activity that `request` names and returns its response (without the completion
/// token, which the worker adds). A panic fails the activity, as an error does.
pub async fn run_activity(registry: &Registry, request: ActivityRequest) -> ActivityResponse {
    let orchestration_id = request
        .orchestration_instance
        .as_ref()
        .map(|instance| instance.instance_id.clone())
        .unwrap_or_default();
    let mut response = ActivityResponse {
        instance_id: orchestration_id.clone(),
        task_id: request.task_id,
        ..ActivityResponse::default()
    };
    let outcome = match registry.activity(&request.name) {
        None => Err(TaskError::new(
            NOT_REGISTERED,
            format!(
                "no activity named '{}' is registered on this worker (it hosts: {})",
                request.name,
                registry.activity_names()
            ),
        )),
        Some(function) => {
            let ctx = ActivityContext {
                orchestration_id,
                task_id: request.task_id,
                name: request.name.clone(),
            };
            let input = proto::payload(request.input.as_ref()).map(str::to_owned);
            // Its own task, so that a panic is caught as a failure of this activity alone; the
            // guard stops it when this work item is abandoned.
            let mut task = AbortOnDrop(tokio::spawn(function(ctx, input)));
            match (&mut task.0).await {
                Ok(outcome) => outcome,
                Err(err) if err.is_panic() => Err(TaskError::panic(&*err.into_panic())),
                Err(err) => Err(TaskError::msg(format!("the activity was stopped: {err}"))),
            }
        }
    };
    match outcome {
        Ok(result) => response.result = result,
        Err(failure) => response.failure_details = Some(failure.to_proto()),
    }
    response
}

/// A task handle that stops its task when dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
