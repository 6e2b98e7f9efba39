//! The two transitions every path shares: creating an instance (client start, restart,
//! sub-orchestration) and finishing one (completion, failure, termination), which also tells
//! the parent of a sub-orchestration how its child ended.

use std::sync::Arc;

use prost::Message;
use rusqlite::Connection;

use super::{
    Effects, StoreError,
    rows::{self, InstanceRow, event, instance_ref},
};
use crate::proto::{
    ExecutionStartedEvent, OrchestrationStatus, ParentInstanceInfo,
    SubOrchestrationInstanceCompletedEvent, SubOrchestrationInstanceFailedEvent,
    TaskFailureDetails, TraceContext, history_event::EventType,
};
use crate::scheduler::types::{Micros, new_uuid_hex, now_micros};

/// What a new instance starts with.
#[derive(Debug, Clone, Default)]
pub struct NewInstance {
    /// Instance id.
    pub id: String,
    /// Orchestrator name.
    pub name: String,
    /// Orchestrator version.
    pub version: Option<String>,
    /// Input JSON.
    pub input: Option<String>,
    /// Execution id; a fresh one when absent.
    pub execution_id: Option<String>,
    /// Delayed start.
    pub scheduled_start_us: Option<Micros>,
    /// Parent link, for sub-orchestrations.
    pub parent: Option<ParentInstanceInfo>,
    /// Tags.
    pub tags: std::collections::HashMap<String, String>,
    /// Trace context of the caller.
    pub trace: Option<TraceContext>,
}

/// Inserts the instance (PENDING) and its `ExecutionStarted`, in the inbox or, for a delayed
/// start, in a timer due at the scheduled time.
pub fn create_instance(
    conn: &Connection,
    hub: &Arc<str>,
    new: NewInstance,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let now = now_micros();
    let execution_id = new.execution_id.clone().unwrap_or_else(new_uuid_hex);
    let started = event(EventType::ExecutionStarted(ExecutionStartedEvent {
        name: new.name.clone(),
        version: new.version.clone(),
        input: new.input.clone(),
        orchestration_instance: Some(instance_ref(&new.id, &execution_id)),
        parent_instance: new.parent.clone(),
        scheduled_start_timestamp: new
            .scheduled_start_us
            .map(crate::scheduler::types::micros_timestamp),
        parent_trace_context: new.trace.clone(),
        orchestration_span_id: None,
        tags: new.tags.clone(),
    }));
    let row = InstanceRow {
        id: new.id.clone(),
        name: new.name.clone(),
        version: new.version,
        execution_id: execution_id.clone(),
        status: OrchestrationStatus::Pending as i32,
        input: new.input,
        output: None,
        custom_status: None,
        failure: None,
        created_us: now,
        updated_us: now,
        completed_us: None,
        scheduled_start_us: new.scheduled_start_us,
        parent_instance_id: new
            .parent
            .as_ref()
            .and_then(|p| p.orchestration_instance.as_ref())
            .map(|i| i.instance_id.clone()),
        parent: new.parent.as_ref().map(Message::encode_to_vec),
        tags: if new.tags.is_empty() {
            None
        } else {
            serde_json::to_string(&new.tags).ok()
        },
        suspended: false,
        history_len: 0,
    };
    rows::insert_instance(conn, hub, &row)?;
    match new.scheduled_start_us.filter(|&at| at > now) {
        Some(at) => {
            let timer = rows::insert_timer(conn, hub, &new.id, &execution_id, at, &started)?;
            fx.timers.push((timer, at));
        }
        None => {
            rows::push_inbox(conn, hub, &new.id, &started)?;
            fx.ready.push((Arc::clone(hub), new.id.clone(), new.name));
        }
    }
    fx.changed.push((Arc::clone(hub), new.id, row.status));
    Ok(())
}

/// Moves an instance to a terminal status: output, failure, completion time; drops its inbox
/// and timers; tells its parent. The caller appends the history events.
pub fn finish_instance(
    conn: &Connection,
    hub: &Arc<str>,
    row: &mut InstanceRow,
    status: i32,
    output: Option<String>,
    failure: Option<TaskFailureDetails>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let now = now_micros();
    row.status = status;
    row.output = output;
    row.failure = failure.as_ref().map(Message::encode_to_vec);
    row.completed_us = Some(now);
    row.updated_us = now;
    row.suspended = false;
    rows::clear_inbox(conn, hub, &row.id, i64::MAX)?;
    rows::clear_timers(conn, hub, &row.id)?;
    fx.changed
        .push((Arc::clone(hub), row.id.clone(), row.status));
    if let Some(parent) = row.parent_info() {
        notify_parent(conn, hub, row, &parent, failure, fx)?;
    }
    Ok(())
}

fn notify_parent(
    conn: &Connection,
    hub: &Arc<str>,
    child: &InstanceRow,
    parent: &ParentInstanceInfo,
    failure: Option<TaskFailureDetails>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let Some(parent_ref) = parent.orchestration_instance.as_ref() else {
        return Ok(());
    };
    let Some(parent_row) = rows::load_instance(conn, hub, &parent_ref.instance_id)? else {
        return Ok(());
    };
    let same_execution = parent_ref
        .execution_id
        .as_deref()
        .is_none_or(|e| e == parent_row.execution_id);
    if parent_row.is_terminal() || !same_execution {
        return Ok(());
    }
    let task_scheduled_id = parent.task_scheduled_id;
    let kind = if child.status == OrchestrationStatus::Completed as i32 {
        EventType::SubOrchestrationInstanceCompleted(SubOrchestrationInstanceCompletedEvent {
            task_scheduled_id,
            result: child.output.clone(),
        })
    } else {
        // The child's own failure travels unchanged; a termination gets one that says so.
        let details = failure.unwrap_or_else(|| TaskFailureDetails {
            error_type: "TerminatedError".into(),
            error_message: format!(
                "sub-orchestration {} was terminated: {}",
                child.id,
                child.output.as_deref().unwrap_or("no reason given")
            ),
            ..Default::default()
        });
        EventType::SubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent {
            task_scheduled_id,
            failure_details: Some(details),
        })
    };
    rows::push_inbox(conn, hub, &parent_row.id, &event(kind))?;
    fx.ready.push((
        Arc::clone(hub),
        parent_row.id.clone(),
        parent_row.name.clone(),
    ));
    Ok(())
}
