//! Rewind on the worker's side: when a failed orchestration is rewound, the server sends its
//! history with `[OrchestratorStarted, ExecutionRewound]` as new events, and the worker answers
//! with the history to keep: the failed activities (and their scheduling), the failed
//! sub-orchestration results and the completion removed, and a new execution id. The next
//! replay then schedules the failed work again. The rules are the Python SDK's, so a server
//! rewinds our orchestrations and theirs alike.

use std::collections::HashSet;

use uuid::Uuid;

use super::failure::TaskError;
use crate::proto::{
    HistoryEvent, OrchestratorAction, RewindOrchestrationAction, history_event::EventType,
    orchestrator_action::OrchestratorActionType,
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
    // Deterministic: the n-th rewind of an instance always gets the same new execution id.
    let rewinds = all()
        .filter(|event| matches!(event.event_type, Some(EventType::ExecutionRewound(_))))
        .count();
    let execution_id = Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("{instance_id}_rewind_{rewinds}").as_bytes(),
    )
    .simple()
    .to_string();
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
                if let Some(instance) = &mut started.orchestration_instance {
                    instance.execution_id = Some(execution_id.clone());
                }
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
