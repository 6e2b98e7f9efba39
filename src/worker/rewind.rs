//! Rewind on the worker's side: when a failed orchestration is rewound, the server sends its
//! history with `[OrchestratorStarted, ExecutionRewound]` as new events, and the worker answers
//! with the history to keep: the failed activities (and their scheduling), the failed
//! sub-orchestration results and the completion removed, and a new execution id (the one random
//! thing a worker does: it is stored, never replayed). The next
//! replay then schedules the failed work again. The rules are the Python SDK's, so a server
//! rewinds our orchestrations and theirs alike.

use std::collections::HashSet;

use uuid::Uuid;

use super::failure::TaskError;
use crate::proto::{
    HistoryEvent, OrchestrationInstance, OrchestratorAction, RewindOrchestrationAction,
    history_event::EventType, orchestrator_action::OrchestratorActionType,
};

/// The rewind action for this episode, if it is a rewind of a finished execution; an error when
/// the new events are not the two a rewind sends.
pub fn rewind_action(
    instance_id: &str,
    past: &[HistoryEvent],
    new: &[HistoryEvent],
) -> Option<Result<OrchestratorAction, TaskError>> {
    let rewound = new.iter().find_map(|event| match &event.event_type {
        Some(EventType::ExecutionRewound(rewound)) => Some(rewound),
        _ => None,
    })?;
    let finished = past
        .iter()
        .any(|event| matches!(event.event_type, Some(EventType::ExecutionCompleted(_))));
    if !finished {
        // A rewind of a running execution only wakes it for a normal replay.
        return None;
    }
    if new.len() != 2 || !matches!(new[1].event_type, Some(EventType::ExecutionRewound(_))) {
        return Some(Err(TaskError::new(
            "RewindError",
            "a rewind must bring exactly two new events: OrchestratorStarted, then ExecutionRewound",
        )));
    }
    let all = || past.iter().chain(new);
    let failed_tasks: HashSet<i32> = all()
        .filter_map(|event| match &event.event_type {
            Some(EventType::TaskFailed(failed)) => Some(failed.task_scheduled_id),
            _ => None,
        })
        .collect();
    // Random, as in the Python SDK: every execution needs its own id, and this answer is stored,
    // never replayed.
    let execution_id = Uuid::new_v4().simple().to_string();
    let parent_execution_id = rewound
        .parent_execution_id
        .clone()
        .filter(|id| !id.is_empty());
    let new_history = all()
        .filter(|event| match &event.event_type {
            Some(EventType::TaskFailed(_))
            | Some(EventType::SubOrchestrationInstanceFailed(_))
            | Some(EventType::ExecutionCompleted(_)) => false,
            Some(EventType::TaskScheduled(_)) => !failed_tasks.contains(&event.event_id),
            _ => true,
        })
        .map(|event| {
            let mut event = event.clone();
            if let Some(EventType::ExecutionStarted(started)) = &mut event.event_type {
                started
                    .orchestration_instance
                    .get_or_insert_with(|| OrchestrationInstance {
                        instance_id: instance_id.to_owned(),
                        execution_id: None,
                    })
                    .execution_id = Some(execution_id.clone());
                if let (Some(parent_execution), Some(parent)) =
                    (&parent_execution_id, &mut started.parent_instance)
                    && let Some(instance) = &mut parent.orchestration_instance
                {
                    instance.execution_id = Some(parent_execution.clone());
                }
            }
            event
        })
        .collect();
    Some(Ok(OrchestratorAction {
        id: -1,
        orchestrator_action_type: Some(OrchestratorActionType::RewindOrchestration(
            RewindOrchestrationAction { new_history },
        )),
    }))
}
