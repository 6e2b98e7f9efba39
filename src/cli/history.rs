//! `dts-async history`: the events of an instance's history, as a table or JSON.

use clap::Args;
use comfy_table::Cell;
use serde_json::{Map, Value, json};

use super::{
    args::{ConnectionArgs, OutputFormat},
    exit::{CliError, Exit},
    output::{failure_json, payload, print_json, print_table, shorten, table},
};
use crate::{
    client::FailureDetails,
    proto::{self, history_event::EventType},
};

/// Flags of `history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The instance whose history to show
    pub instance_id: String,
}

/// Runs `history`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: HistoryArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    let events = client.history(&args.instance_id).await?;
    let described: Vec<Value> = events.iter().map(event_json).collect();
    match format {
        OutputFormat::Json => print_json(&Value::Array(described), true),
        OutputFormat::Jsonl => described.iter().for_each(|event| print_json(event, false)),
        OutputFormat::Text => {
            let mut table = table();
            table.set_header(vec!["#", "ID", "TIME (UTC)", "EVENT", "DETAILS"]);
            for (index, event) in described.iter().enumerate() {
                let mut details = event.as_object().cloned().unwrap_or_default();
                let kind = details.remove("type").unwrap_or_default();
                let id = details.remove("event_id").unwrap_or_default();
                let time = details.remove("timestamp").unwrap_or_default();
                table.add_row(vec![
                    Cell::new(index + 1),
                    Cell::new(id),
                    Cell::new(time.as_str().unwrap_or("-")),
                    Cell::new(kind.as_str().unwrap_or("?")),
                    Cell::new(shorten(&Value::Object(details).to_string(), 120)),
                ]);
            }
            print_table(&table);
        }
    }
    Ok(Exit::Success)
}

fn failure(details: &Option<proto::TaskFailureDetails>) -> Value {
    details
        .as_ref()
        .map(|d| failure_json(&FailureDetails::from_proto(d)))
        .unwrap_or(Value::Null)
}

fn time(ts: &Option<prost_types::Timestamp>) -> Value {
    proto::datetime(ts.as_ref())
        .map(|t| json!(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

/// One history event as JSON: `event_id`, `timestamp`, `type` and the fields that matter.
pub fn event_json(event: &proto::HistoryEvent) -> Value {
    let (kind, details) = describe(event.event_type.as_ref());
    let mut object = Map::new();
    object.insert("event_id".into(), json!(event.event_id));
    object.insert("timestamp".into(), time(&event.timestamp));
    object.insert("type".into(), json!(kind));
    if let Value::Object(fields) = details {
        object.extend(fields.into_iter().filter(|(_, v)| !v.is_null()));
    }
    Value::Object(object)
}

fn describe(event: Option<&EventType>) -> (&'static str, Value) {
    let Some(event) = event else {
        return ("Unknown", Value::Null);
    };
    let p = |value: &Option<String>| payload(value.as_deref());
    match event {
        EventType::ExecutionStarted(e) => (
            "ExecutionStarted",
            json!({
                "name": e.name, "version": e.version, "input": p(&e.input),
                "parent_instance_id": e.parent_instance.as_ref()
                    .and_then(|parent| parent.orchestration_instance.as_ref())
                    .map(|instance| instance.instance_id.clone()),
                "scheduled_start": time(&e.scheduled_start_timestamp),
            }),
        ),
        EventType::ExecutionCompleted(e) => (
            "ExecutionCompleted",
            json!({
                "status": crate::client::RuntimeStatus::from_wire(e.orchestration_status).map(|s| s.as_str()),
                "result": p(&e.result), "failure": failure(&e.failure_details),
            }),
        ),
        EventType::ExecutionTerminated(e) => (
            "ExecutionTerminated",
            json!({"output": p(&e.input), "recurse": e.recurse}),
        ),
        EventType::TaskScheduled(e) => (
            "TaskScheduled",
            json!({"name": e.name, "input": p(&e.input)}),
        ),
        EventType::TaskCompleted(e) => (
            "TaskCompleted",
            json!({"task_scheduled_id": e.task_scheduled_id, "result": p(&e.result)}),
        ),
        EventType::TaskFailed(e) => (
            "TaskFailed",
            json!({"task_scheduled_id": e.task_scheduled_id, "failure": failure(&e.failure_details)}),
        ),
        EventType::SubOrchestrationInstanceCreated(e) => (
            "SubOrchestrationInstanceCreated",
            json!({
                "instance_id": e.instance_id, "name": e.name, "input": p(&e.input),
            }),
        ),
        EventType::SubOrchestrationInstanceCompleted(e) => (
            "SubOrchestrationInstanceCompleted",
            json!({
                "task_scheduled_id": e.task_scheduled_id, "result": p(&e.result),
            }),
        ),
        EventType::SubOrchestrationInstanceFailed(e) => (
            "SubOrchestrationInstanceFailed",
            json!({
                "task_scheduled_id": e.task_scheduled_id, "failure": failure(&e.failure_details),
            }),
        ),
        EventType::TimerCreated(e) => ("TimerCreated", json!({"fire_at": time(&e.fire_at)})),
        EventType::TimerFired(e) => (
            "TimerFired",
            json!({"timer_id": e.timer_id, "fire_at": time(&e.fire_at)}),
        ),
        EventType::OrchestratorStarted(_) => ("OrchestratorStarted", Value::Null),
        EventType::OrchestratorCompleted(_) => ("OrchestratorCompleted", Value::Null),
        EventType::EventSent(e) => (
            "EventSent",
            json!({"instance_id": e.instance_id, "name": e.name, "input": p(&e.input)}),
        ),
        EventType::EventRaised(e) => ("EventRaised", json!({"name": e.name, "input": p(&e.input)})),
        EventType::GenericEvent(e) => ("GenericEvent", json!({"data": p(&e.data)})),
        EventType::HistoryState(_) => ("HistoryState", Value::Null),
        EventType::ContinueAsNew(e) => ("ContinueAsNew", json!({"input": p(&e.input)})),
        EventType::ExecutionSuspended(e) => ("ExecutionSuspended", json!({"reason": p(&e.input)})),
        EventType::ExecutionResumed(e) => ("ExecutionResumed", json!({"reason": p(&e.input)})),
        EventType::EntityOperationSignaled(e) => (
            "EntityOperationSignaled",
            json!({"request_id": e.request_id, "operation": e.operation}),
        ),
        EventType::EntityOperationCalled(e) => (
            "EntityOperationCalled",
            json!({"request_id": e.request_id, "operation": e.operation}),
        ),
        EventType::EntityOperationCompleted(e) => (
            "EntityOperationCompleted",
            json!({"request_id": e.request_id, "output": p(&e.output)}),
        ),
        EventType::EntityOperationFailed(e) => (
            "EntityOperationFailed",
            json!({"request_id": e.request_id, "failure": failure(&e.failure_details)}),
        ),
        EventType::EntityLockRequested(e) => (
            "EntityLockRequested",
            json!({"critical_section_id": e.critical_section_id, "lock_set": e.lock_set}),
        ),
        EventType::EntityLockGranted(e) => (
            "EntityLockGranted",
            json!({"critical_section_id": e.critical_section_id}),
        ),
        EventType::EntityUnlockSent(e) => (
            "EntityUnlockSent",
            json!({"critical_section_id": e.critical_section_id}),
        ),
        EventType::ExecutionRewound(e) => ("ExecutionRewound", json!({"reason": p(&e.reason)})),
    }
}
