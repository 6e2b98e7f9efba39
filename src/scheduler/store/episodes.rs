//! The worker-side transactions: committing an orchestration episode (its events, the
//! confirmation of each action and the action's side effects), an activity result, and fired
//! timers. Each runs inside the writer's group transaction.

use std::sync::Arc;

use prost::Message;
use rusqlite::{Connection, OptionalExtension, params};

use super::{
    Effects, QueuedActivity, StoreError,
    lifecycle::{NewInstance, create_instance, finish_instance},
    rows::{self, InstanceRow, confirmation, event, instance_ref},
};
use crate::limits::{MAX_PAYLOAD_BYTES, check_instance_id};
use crate::proto::{
    ActivityRequest, ActivityResponse, CompleteOrchestrationAction, EventRaisedEvent,
    EventSentEvent, ExecutionCompletedEvent, ExecutionStartedEvent, HistoryEvent,
    OrchestrationStatus, OrchestratorCompletedEvent, OrchestratorResponse,
    OrchestratorStartedEvent, ParentInstanceInfo, SubOrchestrationInstanceCreatedEvent,
    SubOrchestrationInstanceFailedEvent, TaskCompletedEvent, TaskFailedEvent, TaskFailureDetails,
    TaskScheduledEvent, TimerCreatedEvent, TimerFiredEvent, history_event::EventType,
    orchestrator_action::OrchestratorActionType,
};
use crate::scheduler::types::{is_terminal, new_uuid_hex, now_micros, timestamp_micros};

/// Most events one instance's history may hold; beyond it the instance fails (a runaway loop
/// would otherwise grow one history without bound and every replay with it).
pub const MAX_HISTORY_EVENTS: i64 = 10_000;

/// One orchestration work item in flight: what was sent, so its completion commits exactly that.
#[derive(Debug, Clone)]
pub struct Episode {
    /// Task hub.
    pub hub: Arc<str>,
    /// Instance id.
    pub id: String,
    /// Execution the episode ran.
    pub execution_id: String,
    /// The new events sent (with the leading `OrchestratorStarted`).
    pub new_events: Vec<HistoryEvent>,
    /// Highest inbox row id included in `new_events`.
    pub last_inbox_id: i64,
}

/// Commits an episode: the result says whether the instance must be dispatched again.
pub fn complete_orchestration(
    conn: &Connection,
    episode: &Episode,
    response: &OrchestratorResponse,
    fx: &mut Effects,
) -> Result<bool, StoreError> {
    let hub = &episode.hub;
    let Some(mut row) = rows::load_instance(conn, hub, &episode.id)? else {
        return Ok(false);
    };
    if row.execution_id != episode.execution_id || row.is_terminal() {
        return Ok(false);
    }
    rows::clear_inbox(conn, hub, &row.id, episode.last_inbox_id)?;
    let status_before = row.status;
    let mut added = episode.new_events.clone();
    if row.status == OrchestrationStatus::Pending as i32 {
        row.status = OrchestrationStatus::Running as i32;
    }
    for ev in &episode.new_events {
        match ev.event_type {
            Some(EventType::ExecutionSuspended(_)) => {
                row.status = OrchestrationStatus::Suspended as i32
            }
            Some(EventType::ExecutionResumed(_)) => {
                row.status = OrchestrationStatus::Running as i32
            }
            _ => {}
        }
    }
    row.custom_status = response.custom_status.clone().filter(|s| !s.is_empty());
    row.updated_us = now_micros();

    let mut completion = None;
    if let Some(problem) = oversized(response) {
        completion = Some(failure_completion("PayloadTooLarge", problem));
    } else if row.history_len + added.len() as i64 + response.actions.len() as i64 + 2
        > MAX_HISTORY_EVENTS
    {
        let message = format!("the history would exceed {MAX_HISTORY_EVENTS} events");
        completion = Some(failure_completion("HistoryTooLarge", message));
    } else {
        for action in &response.actions {
            let Some(kind) = &action.orchestrator_action_type else {
                continue;
            };
            match kind {
                OrchestratorActionType::CompleteOrchestration(done) => {
                    let mut done = done.clone();
                    // Python clients cannot read CANCELED: it is stored as TERMINATED.
                    if done.orchestration_status == OrchestrationStatus::Canceled as i32 {
                        done.orchestration_status = OrchestrationStatus::Terminated as i32;
                    }
                    completion = Some(done);
                }
                OrchestratorActionType::RewindOrchestration(rewind) => {
                    return apply_rewind(conn, hub, &mut row, rewind.new_history.clone(), fx);
                }
                other => apply_action(conn, hub, &row, action.id, other, &mut added, fx)?,
            }
        }
    }

    let mut requeue = false;
    match completion {
        Some(done) if done.orchestration_status == OrchestrationStatus::ContinuedAsNew as i32 => {
            continue_as_new(conn, hub, &mut row, done, fx)?;
            rows::update_instance(conn, hub, &row)?;
            return Ok(true);
        }
        Some(done) if is_terminal(done.orchestration_status) => {
            added.push(event(EventType::OrchestratorCompleted(
                OrchestratorCompletedEvent {},
            )));
            added.push(event(EventType::ExecutionCompleted(
                ExecutionCompletedEvent {
                    orchestration_status: done.orchestration_status,
                    result: done.result.clone(),
                    failure_details: done.failure_details.clone(),
                },
            )));
            let failure = done
                .failure_details
                .clone()
                .filter(|_| done.orchestration_status == OrchestrationStatus::Failed as i32);
            finish_instance(
                conn,
                hub,
                &mut row,
                done.orchestration_status,
                done.result,
                failure,
                fx,
            )?;
        }
        _ => {
            added.push(event(EventType::OrchestratorCompleted(
                OrchestratorCompletedEvent {},
            )));
            requeue = rows::has_inbox(conn, hub, &row.id)?;
        }
    }
    row.history_len += added.len() as i64;
    rows::append_history(conn, hub, &row.id, added)?;
    rows::update_instance(conn, hub, &row)?;
    // Waiters watch status changes only (finishing notified them already).
    if row.status != status_before && !row.is_terminal() {
        fx.changed
            .push((Arc::clone(hub), row.id.clone(), row.status));
    }
    Ok(requeue)
}

fn failure_completion(error_type: &str, message: String) -> CompleteOrchestrationAction {
    CompleteOrchestrationAction {
        orchestration_status: OrchestrationStatus::Failed as i32,
        failure_details: Some(TaskFailureDetails {
            error_type: error_type.into(),
            error_message: message,
            is_non_retriable: true,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The first payload in a response over the 1 MiB limit, described.
fn oversized(response: &OrchestratorResponse) -> Option<String> {
    let too_big = |what: &str, value: &Option<String>| {
        value
            .as_ref()
            .filter(|v| v.len() > MAX_PAYLOAD_BYTES)
            .map(|v| format!("{what} is {} bytes, over the limit of 1 MiB", v.len()))
    };
    if let Some(problem) = too_big("the custom status", &response.custom_status) {
        return Some(problem);
    }
    response
        .actions
        .iter()
        .find_map(|action| match &action.orchestrator_action_type {
            Some(OrchestratorActionType::ScheduleTask(a)) => too_big("an activity input", &a.input),
            Some(OrchestratorActionType::CreateSubOrchestration(a)) => {
                too_big("a sub-orchestration input", &a.input)
            }
            Some(OrchestratorActionType::SendEvent(a)) => too_big("event data", &a.data),
            Some(OrchestratorActionType::CompleteOrchestration(a)) => {
                too_big("the orchestration output", &a.result)
            }
            _ => None,
        })
}

fn apply_action(
    conn: &Connection,
    hub: &Arc<str>,
    row: &InstanceRow,
    id: i32,
    action: &OrchestratorActionType,
    added: &mut Vec<HistoryEvent>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    match action {
        OrchestratorActionType::ScheduleTask(task) => {
            added.push(confirmation(
                id,
                EventType::TaskScheduled(TaskScheduledEvent {
                    name: task.name.clone(),
                    version: task.version.clone(),
                    input: task.input.clone(),
                    parent_trace_context: task.parent_trace_context.clone(),
                    tags: task.tags.clone(),
                }),
            ));
            let request = ActivityRequest {
                name: task.name.clone(),
                version: task.version.clone(),
                input: task.input.clone(),
                orchestration_instance: Some(instance_ref(&row.id, &row.execution_id)),
                task_id: id,
                parent_trace_context: task.parent_trace_context.clone(),
                tags: task.tags.clone(),
            };
            conn.prepare_cached(
                "INSERT INTO activities (hub, instance_id, execution_id, request) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                &**hub,
                row.id,
                row.execution_id,
                request.encode_to_vec()
            ])?;
            fx.activities.push(QueuedActivity {
                id: conn.last_insert_rowid(),
                hub: Arc::clone(hub),
                request,
            });
        }
        OrchestratorActionType::CreateTimer(timer) => {
            added.push(confirmation(
                id,
                EventType::TimerCreated(TimerCreatedEvent {
                    fire_at: timer.fire_at,
                }),
            ));
            let fired = event(EventType::TimerFired(TimerFiredEvent {
                fire_at: timer.fire_at,
                timer_id: id,
            }));
            let due = timer.fire_at.as_ref().map(timestamp_micros).unwrap_or(0);
            let timer_id = rows::insert_timer(conn, hub, &row.id, &row.execution_id, due, &fired)?;
            fx.timers.push((timer_id, due));
        }
        OrchestratorActionType::CreateSubOrchestration(sub) => {
            added.push(confirmation(
                id,
                EventType::SubOrchestrationInstanceCreated(SubOrchestrationInstanceCreatedEvent {
                    instance_id: sub.instance_id.clone(),
                    name: sub.name.clone(),
                    version: sub.version.clone(),
                    input: sub.input.clone(),
                    parent_trace_context: sub.parent_trace_context.clone(),
                    tags: sub.tags.clone(),
                }),
            ));
            let refusal = match check_instance_id(&sub.instance_id) {
                Err(err) => Some(err.to_string()),
                Ok(()) if rows::load_instance(conn, hub, &sub.instance_id)?.is_some() => Some(
                    format!("an instance with id {:?} already exists", sub.instance_id),
                ),
                Ok(()) => None,
            };
            match refusal {
                Some(message) => {
                    let failed = event(EventType::SubOrchestrationInstanceFailed(
                        SubOrchestrationInstanceFailedEvent {
                            task_scheduled_id: id,
                            failure_details: Some(TaskFailureDetails {
                                error_type: "SubOrchestrationCreationFailed".into(),
                                error_message: message,
                                ..Default::default()
                            }),
                        },
                    ));
                    rows::push_inbox(conn, hub, &row.id, &failed)?;
                }
                None => {
                    let parent = ParentInstanceInfo {
                        task_scheduled_id: id,
                        name: Some(row.name.clone()),
                        version: row.version.clone(),
                        orchestration_instance: Some(instance_ref(&row.id, &row.execution_id)),
                    };
                    let new = NewInstance {
                        id: sub.instance_id.clone(),
                        name: sub.name.clone(),
                        version: sub.version.clone(),
                        input: sub.input.clone(),
                        parent: Some(parent),
                        tags: sub.tags.clone(),
                        trace: sub.parent_trace_context.clone(),
                        ..Default::default()
                    };
                    create_instance(conn, hub, new, fx)?;
                }
            }
        }
        OrchestratorActionType::SendEvent(send) => {
            let target = send
                .instance
                .as_ref()
                .map(|i| i.instance_id.clone())
                .unwrap_or_default();
            added.push(confirmation(
                id,
                EventType::EventSent(EventSentEvent {
                    instance_id: target.clone(),
                    name: send.name.clone(),
                    input: send.data.clone(),
                }),
            ));
            if let Some(target_row) = rows::load_instance(conn, hub, &target)?
                && !target_row.is_terminal()
            {
                let raised = event(EventType::EventRaised(EventRaisedEvent {
                    name: send.name.clone(),
                    input: send.data.clone(),
                }));
                rows::push_inbox(conn, hub, &target, &raised)?;
                fx.ready.push((Arc::clone(hub), target, target_row.name));
            }
        }
        // Python never sends these; entities are not served (their RPCs say so).
        OrchestratorActionType::TerminateOrchestration(_)
        | OrchestratorActionType::SendEntityMessage(_) => {
            tracing::warn!(instance = %row.id, "ignoring an unsupported orchestrator action");
        }
        OrchestratorActionType::CompleteOrchestration(_)
        | OrchestratorActionType::RewindOrchestration(_) => {}
    }
    Ok(())
}

fn continue_as_new(
    conn: &Connection,
    hub: &Arc<str>,
    row: &mut InstanceRow,
    done: CompleteOrchestrationAction,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    // Events that arrived during the episode go after the new start and the carried-over ones.
    let later = rows::inbox_after(conn, hub, &row.id, 0)?;
    rows::clear_inbox(conn, hub, &row.id, i64::MAX)?;
    rows::clear_history(conn, hub, &row.id)?;
    rows::clear_timers(conn, hub, &row.id)?;
    row.execution_id = new_uuid_hex();
    if let Some(version) = done.new_version.clone() {
        row.version = Some(version);
    }
    row.input = done.result.clone();
    row.output = None;
    row.failure = None;
    row.status = OrchestrationStatus::Pending as i32;
    row.history_len = 0;
    let started = event(EventType::ExecutionStarted(ExecutionStartedEvent {
        name: row.name.clone(),
        version: row.version.clone(),
        input: row.input.clone(),
        orchestration_instance: Some(instance_ref(&row.id, &row.execution_id)),
        parent_instance: row.parent_info(),
        tags: row.tag_map(),
        ..Default::default()
    }));
    rows::push_inbox(conn, hub, &row.id, &started)?;
    for carried in done
        .carryover_events
        .iter()
        .chain(later.iter().map(|(_, e)| e))
    {
        rows::push_inbox(conn, hub, &row.id, carried)?;
    }
    fx.ready
        .push((Arc::clone(hub), row.id.clone(), row.name.clone()));
    fx.changed
        .push((Arc::clone(hub), row.id.clone(), row.status));
    Ok(())
}

fn apply_rewind(
    conn: &Connection,
    hub: &Arc<str>,
    row: &mut InstanceRow,
    mut new_history: Vec<HistoryEvent>,
    fx: &mut Effects,
) -> Result<bool, StoreError> {
    rows::clear_history(conn, hub, &row.id)?;
    if let Some(Some(EventType::ExecutionStarted(started))) =
        new_history.first().map(|e| &e.event_type)
        && let Some(exec) = started
            .orchestration_instance
            .as_ref()
            .and_then(|i| i.execution_id.clone())
    {
        row.execution_id = exec;
    }
    new_history.push(event(EventType::OrchestratorCompleted(
        OrchestratorCompletedEvent {},
    )));
    row.history_len = new_history.len() as i64;
    rows::append_history(conn, hub, &row.id, new_history)?;
    row.status = OrchestrationStatus::Running as i32;
    rows::push_inbox(
        conn,
        hub,
        &row.id,
        &event(EventType::OrchestratorStarted(OrchestratorStartedEvent {})),
    )?;
    rows::update_instance(conn, hub, row)?;
    fx.changed
        .push((Arc::clone(hub), row.id.clone(), row.status));
    Ok(true)
}

/// Commits an activity result into its instance's inbox and deletes the activity; the instance
/// to queue, if any, is in `fx`.
pub fn complete_activity(
    conn: &Connection,
    activity_id: i64,
    hub: &Arc<str>,
    response: &ActivityResponse,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let found: Option<(String, String, Vec<u8>)> = conn
        .prepare_cached("SELECT instance_id, execution_id, request FROM activities WHERE id = ?1")?
        .query_row(params![activity_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((instance_id, execution_id, request)) = found else {
        return Ok(());
    };
    conn.prepare_cached("DELETE FROM activities WHERE id = ?1")?
        .execute(params![activity_id])?;
    let task_id = ActivityRequest::decode(request.as_slice())?.task_id;
    let Some(row) = rows::load_instance(conn, hub, &instance_id)? else {
        return Ok(());
    };
    if row.is_terminal() || row.execution_id != execution_id {
        return Ok(());
    }
    let oversized = response
        .result
        .as_ref()
        .filter(|r| r.len() > MAX_PAYLOAD_BYTES)
        .map(|r| r.len());
    let kind = match (&response.failure_details, oversized) {
        (Some(details), _) => EventType::TaskFailed(TaskFailedEvent {
            task_scheduled_id: task_id,
            failure_details: Some(details.clone()),
        }),
        (None, Some(size)) => EventType::TaskFailed(TaskFailedEvent {
            task_scheduled_id: task_id,
            failure_details: Some(TaskFailureDetails {
                error_type: "PayloadTooLarge".into(),
                error_message: format!(
                    "the activity result is {size} bytes, over the limit of 1 MiB"
                ),
                is_non_retriable: true,
                ..Default::default()
            }),
        }),
        (None, None) => EventType::TaskCompleted(TaskCompletedEvent {
            task_scheduled_id: task_id,
            result: response.result.clone(),
        }),
    };
    rows::push_inbox(conn, hub, &instance_id, &event(kind))?;
    fx.ready.push((Arc::clone(hub), instance_id, row.name));
    Ok(())
}

/// Fires the given timers: each adds its event to its instance's inbox (if that execution is
/// still running) and is deleted.
pub fn fire_timers(conn: &Connection, ids: &[i64], fx: &mut Effects) -> Result<(), StoreError> {
    for &timer in ids {
        let found: Option<(String, String, String, Vec<u8>)> = conn
            .prepare_cached(
                "SELECT hub, instance_id, execution_id, event FROM timers WHERE id = ?1",
            )?
            .query_row(params![timer], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((hub, instance_id, execution_id, bytes)) = found else {
            continue;
        };
        conn.prepare_cached("DELETE FROM timers WHERE id = ?1")?
            .execute(params![timer])?;
        let hub: Arc<str> = hub.into();
        let Some(row) = rows::load_instance(conn, &hub, &instance_id)? else {
            continue;
        };
        if row.is_terminal() || row.execution_id != execution_id {
            continue;
        }
        let mut fired = HistoryEvent::decode(bytes.as_slice())?;
        // Stamped when it fires, not when the timer was created.
        fired.timestamp = Some(crate::scheduler::types::now_timestamp());
        rows::push_inbox(conn, &hub, &instance_id, &fired)?;
        fx.ready.push((hub, instance_id, row.name));
    }
    Ok(())
}
