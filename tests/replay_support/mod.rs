//! Test support for the replay engine: history events built by hand, and readers of the
//! actions an episode returns.

#![allow(dead_code)]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use dts_async::proto::{
    self, CompleteOrchestrationAction, EventRaisedEvent, EventSentEvent, ExecutionCompletedEvent,
    ExecutionResumedEvent, ExecutionRewoundEvent, ExecutionStartedEvent, ExecutionSuspendedEvent,
    ExecutionTerminatedEvent, HistoryEvent, OrchestrationInstance, OrchestrationStatus,
    OrchestratorAction, OrchestratorCompletedEvent, OrchestratorStartedEvent,
    SubOrchestrationInstanceCompletedEvent, SubOrchestrationInstanceCreatedEvent,
    TaskCompletedEvent, TaskFailedEvent, TaskFailureDetails, TaskScheduledEvent, TimerCreatedEvent,
    TimerFiredEvent, history_event::EventType, orchestrator_action::OrchestratorActionType,
};

/// The instance id of every hand-made history.
pub const ID: &str = "inst-1";

/// The clock of the first episode.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
        .single()
        .expect("a valid time")
}

/// `t0` plus `seconds`.
pub fn at(seconds: i64) -> DateTime<Utc> {
    t0() + TimeDelta::seconds(seconds)
}

fn event(event_id: i32, kind: EventType) -> HistoryEvent {
    HistoryEvent {
        event_id,
        timestamp: Some(proto::timestamp(t0())),
        event_type: Some(kind),
    }
}

/// `OrchestratorStarted` at `time`.
pub fn started_at(time: DateTime<Utc>) -> HistoryEvent {
    HistoryEvent {
        event_id: -1,
        timestamp: Some(proto::timestamp(time)),
        event_type: Some(EventType::OrchestratorStarted(OrchestratorStartedEvent {})),
    }
}

/// `OrchestratorCompleted`.
pub fn episode_end() -> HistoryEvent {
    event(
        -1,
        EventType::OrchestratorCompleted(OrchestratorCompletedEvent {}),
    )
}

/// `ExecutionStarted` of `name` with `input` (JSON text).
pub fn execution_started(name: &str, input: Option<&str>) -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionStarted(ExecutionStartedEvent {
            name: name.to_owned(),
            input: input.map(str::to_owned),
            orchestration_instance: Some(OrchestrationInstance {
                instance_id: ID.to_owned(),
                execution_id: Some("exec-1".to_owned()),
            }),
            ..ExecutionStartedEvent::default()
        }),
    )
}

/// The first batch: `[OrchestratorStarted(t0), ExecutionStarted]`.
pub fn first_batch(name: &str, input: Option<&str>) -> Vec<HistoryEvent> {
    vec![started_at(t0()), execution_started(name, input)]
}

/// `TaskScheduled` confirming action `id`.
pub fn task_scheduled(id: i32, name: &str) -> HistoryEvent {
    event(
        id,
        EventType::TaskScheduled(TaskScheduledEvent {
            name: name.to_owned(),
            ..TaskScheduledEvent::default()
        }),
    )
}

/// `TaskCompleted` of task `id` with `result`.
pub fn task_completed(id: i32, result: Option<&str>) -> HistoryEvent {
    event(
        -1,
        EventType::TaskCompleted(TaskCompletedEvent {
            task_scheduled_id: id,
            result: result.map(str::to_owned),
        }),
    )
}

/// `TaskFailed` of task `id`.
pub fn task_failed(id: i32, error_type: &str, message: &str) -> HistoryEvent {
    event(
        -1,
        EventType::TaskFailed(TaskFailedEvent {
            task_scheduled_id: id,
            failure_details: Some(TaskFailureDetails {
                error_type: error_type.to_owned(),
                error_message: message.to_owned(),
                ..TaskFailureDetails::default()
            }),
        }),
    )
}

/// `TimerCreated` confirming action `id`, due at `fire_at`.
pub fn timer_created(id: i32, fire_at: DateTime<Utc>) -> HistoryEvent {
    event(
        id,
        EventType::TimerCreated(TimerCreatedEvent {
            fire_at: Some(proto::timestamp(fire_at)),
        }),
    )
}

/// `TimerFired` of timer `id`.
pub fn timer_fired(id: i32, fire_at: DateTime<Utc>) -> HistoryEvent {
    event(
        -1,
        EventType::TimerFired(TimerFiredEvent {
            fire_at: Some(proto::timestamp(fire_at)),
            timer_id: id,
        }),
    )
}

/// `EventRaised` named `name` with `data`.
pub fn event_raised(name: &str, data: Option<&str>) -> HistoryEvent {
    event(
        -1,
        EventType::EventRaised(EventRaisedEvent {
            name: name.to_owned(),
            input: data.map(str::to_owned),
        }),
    )
}

/// `EventSent` confirming action `id`.
pub fn event_sent(id: i32, target: &str, name: &str) -> HistoryEvent {
    event(
        id,
        EventType::EventSent(EventSentEvent {
            instance_id: target.to_owned(),
            name: name.to_owned(),
            input: None,
        }),
    )
}

/// `SubOrchestrationInstanceCreated` confirming action `id`.
pub fn child_created(id: i32, child_id: &str, name: &str) -> HistoryEvent {
    event(
        id,
        EventType::SubOrchestrationInstanceCreated(SubOrchestrationInstanceCreatedEvent {
            instance_id: child_id.to_owned(),
            name: name.to_owned(),
            ..SubOrchestrationInstanceCreatedEvent::default()
        }),
    )
}

/// `SubOrchestrationInstanceCompleted` of action `id`.
pub fn child_completed(id: i32, result: Option<&str>) -> HistoryEvent {
    event(
        -1,
        EventType::SubOrchestrationInstanceCompleted(SubOrchestrationInstanceCompletedEvent {
            task_scheduled_id: id,
            result: result.map(str::to_owned),
        }),
    )
}

/// `ExecutionSuspended`.
pub fn suspended() -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionSuspended(ExecutionSuspendedEvent { input: None }),
    )
}

/// `ExecutionResumed`.
pub fn resumed() -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionResumed(ExecutionResumedEvent { input: None }),
    )
}

/// `ExecutionTerminated` with `output`.
pub fn terminated(output: Option<&str>) -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionTerminated(ExecutionTerminatedEvent {
            input: output.map(str::to_owned),
            recurse: false,
        }),
    )
}

/// `ExecutionCompleted` with `status`.
pub fn execution_completed(status: OrchestrationStatus) -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionCompleted(ExecutionCompletedEvent {
            orchestration_status: status as i32,
            ..ExecutionCompletedEvent::default()
        }),
    )
}

/// `ExecutionRewound` with `reason`.
pub fn execution_rewound(reason: &str) -> HistoryEvent {
    event(
        -1,
        EventType::ExecutionRewound(ExecutionRewoundEvent {
            reason: Some(reason.to_owned()),
            ..ExecutionRewoundEvent::default()
        }),
    )
}

/// The action's type.
pub fn kind(action: &OrchestratorAction) -> &OrchestratorActionType {
    action
        .orchestrator_action_type
        .as_ref()
        .expect("an action with a type")
}

/// The completion action, which must be the last action.
pub fn completion(actions: &[OrchestratorAction]) -> &CompleteOrchestrationAction {
    match actions.last().map(kind) {
        Some(OrchestratorActionType::CompleteOrchestration(complete)) => complete,
        other => panic!("the last action is no completion: {other:?} in {actions:?}"),
    }
}

/// The completion's status.
pub fn status(actions: &[OrchestratorAction]) -> OrchestrationStatus {
    completion(actions).orchestration_status()
}

/// The failure of a failed completion: (type, message).
pub fn failure(actions: &[OrchestratorAction]) -> (String, String) {
    let complete = completion(actions);
    assert_eq!(
        complete.orchestration_status(),
        OrchestrationStatus::Failed,
        "{actions:?}"
    );
    let details = complete.failure_details.clone().unwrap_or_default();
    (details.error_type, details.error_message)
}

/// The scheduled activity's name and input, for a `scheduleTask` action.
pub fn scheduled(action: &OrchestratorAction) -> (i32, String, Option<String>) {
    match kind(action) {
        OrchestratorActionType::ScheduleTask(task) => {
            (action.id, task.name.clone(), task.input.clone())
        }
        other => panic!("not a scheduleTask: {other:?}"),
    }
}
