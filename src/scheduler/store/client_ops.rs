//! The client-side transactions: start, raise, terminate, suspend, resume, rewind, restart and
//! purge, each answering with the protocol's outcome (not found, conflict, precondition).

use std::sync::Arc;

use rusqlite::{Connection, params_from_iter, types::Value};

use super::{
    Effects, StoreError,
    lifecycle::{NewInstance, create_instance, finish_instance},
    rows::{self, event},
};
use crate::proto::{
    EventRaisedEvent, ExecutionResumedEvent, ExecutionRewoundEvent, ExecutionSuspendedEvent,
    ExecutionTerminatedEvent, OrchestrationStatus, history_event::EventType,
};
use crate::scheduler::types::{Micros, is_terminal, new_uuid_hex, now_micros, status_name};

/// How deep recursive terminate and purge follow sub-orchestrations (a guard against cycles).
const MAX_DEPTH: usize = 64;

/// Starts an instance, honouring the reuse policy's replaceable statuses; returns its id.
pub fn start(
    conn: &Connection,
    hub: &Arc<str>,
    new: NewInstance,
    replaceable: &[i32],
    fx: &mut Effects,
) -> Result<String, StoreError> {
    if let Some(existing) = rows::load_instance(conn, hub, &new.id)? {
        if !replaceable.contains(&existing.status) {
            return Err(StoreError::AlreadyExists(new.id));
        }
        rows::delete_instance(conn, hub, &new.id)?;
    }
    let id = new.id.clone();
    create_instance(conn, hub, new, fx)?;
    Ok(id)
}

/// Adds an `EventRaised` to a live instance (a finished one ignores it).
pub fn raise_event(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    name: &str,
    input: Option<String>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let row = rows::load_instance(conn, hub, id)?.ok_or_else(|| StoreError::NotFound(id.into()))?;
    if row.is_terminal() {
        return Ok(());
    }
    let raised = event(EventType::EventRaised(EventRaisedEvent {
        name: name.to_owned(),
        input,
    }));
    rows::push_inbox(conn, hub, id, &raised)?;
    fx.ready.push((Arc::clone(hub), row.id, row.name));
    Ok(())
}

/// Terminates a live instance and, when `recursive`, its live sub-orchestrations. Unknown and
/// finished instances are left alone (as the reference server does).
pub fn terminate(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    output: Option<String>,
    recursive: bool,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    terminate_at(conn, hub, id, output, recursive, 0, fx)
}

fn terminate_at(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    output: Option<String>,
    recursive: bool,
    depth: usize,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let Some(mut row) = rows::load_instance(conn, hub, id)? else {
        return Ok(());
    };
    if row.is_terminal() {
        return Ok(());
    }
    if recursive && depth < MAX_DEPTH {
        for child in rows::active_children(conn, hub, id)? {
            terminate_at(conn, hub, &child, output.clone(), true, depth + 1, fx)?;
        }
    }
    if row.history_len == 0 {
        // Never ran (or waits for its scheduled start): no worker has anything to replay, so
        // the scheduler ends it itself.
        let status = OrchestrationStatus::Terminated as i32;
        finish_instance(conn, hub, &mut row, status, output, None, fx)?;
        return rows::update_instance(conn, hub, &row);
    }
    let terminated = event(EventType::ExecutionTerminated(ExecutionTerminatedEvent {
        input: output,
        recurse: recursive,
    }));
    rows::push_inbox(conn, hub, id, &terminated)?;
    fx.ready.push((Arc::clone(hub), row.id, row.name));
    Ok(())
}

/// Suspends a live instance; a no-op when it is already suspended or finished.
pub fn suspend(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    reason: Option<String>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let mut row =
        rows::load_instance(conn, hub, id)?.ok_or_else(|| StoreError::NotFound(id.into()))?;
    if row.is_terminal() || row.suspended {
        return Ok(());
    }
    row.suspended = true;
    rows::update_instance(conn, hub, &row)?;
    let suspended = event(EventType::ExecutionSuspended(ExecutionSuspendedEvent {
        input: reason,
    }));
    rows::push_inbox(conn, hub, id, &suspended)?;
    fx.ready.push((Arc::clone(hub), row.id, row.name));
    Ok(())
}

/// Resumes a suspended instance. Only a suspended one gets `ExecutionResumed`: the Python
/// worker fails an orchestration that receives a resume while running.
pub fn resume(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    reason: Option<String>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let mut row =
        rows::load_instance(conn, hub, id)?.ok_or_else(|| StoreError::NotFound(id.into()))?;
    if row.is_terminal() || !row.suspended {
        return Ok(());
    }
    row.suspended = false;
    rows::update_instance(conn, hub, &row)?;
    let resumed = event(EventType::ExecutionResumed(ExecutionResumedEvent {
        input: reason,
    }));
    rows::push_inbox(conn, hub, id, &resumed)?;
    fx.ready.push((Arc::clone(hub), row.id, row.name));
    Ok(())
}

/// Rewinds a failed instance: it runs again and its failed steps are retried.
pub fn rewind(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    reason: Option<String>,
    fx: &mut Effects,
) -> Result<(), StoreError> {
    let mut row =
        rows::load_instance(conn, hub, id)?.ok_or_else(|| StoreError::NotFound(id.into()))?;
    if row.status != OrchestrationStatus::Failed as i32 {
        return Err(StoreError::Precondition(format!(
            "only a FAILED instance can be rewound; {id:?} is {}",
            status_name(row.status)
        )));
    }
    row.status = OrchestrationStatus::Running as i32;
    row.output = None;
    row.failure = None;
    row.completed_us = None;
    row.updated_us = now_micros();
    rows::update_instance(conn, hub, &row)?;
    let rewound = event(EventType::ExecutionRewound(ExecutionRewoundEvent {
        reason,
        ..Default::default()
    }));
    rows::push_inbox(conn, hub, id, &rewound)?;
    fx.ready.push((Arc::clone(hub), row.id.clone(), row.name));
    fx.changed.push((Arc::clone(hub), row.id, row.status));
    Ok(())
}

/// Runs a finished instance again with the same name, input and version, under the same id or
/// a new one; returns the id.
pub fn restart(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    new_id: bool,
    fx: &mut Effects,
) -> Result<String, StoreError> {
    let row = rows::load_instance(conn, hub, id)?.ok_or_else(|| StoreError::NotFound(id.into()))?;
    if !row.is_terminal() {
        return Err(StoreError::Precondition(format!(
            "only a finished instance can be restarted; {id:?} is {}",
            status_name(row.status)
        )));
    }
    let target = if new_id {
        new_uuid_hex()
    } else {
        rows::delete_instance(conn, hub, id)?;
        id.to_owned()
    };
    let new = NewInstance {
        id: target.clone(),
        name: row.name.clone(),
        version: row.version.clone(),
        input: row.input.clone(),
        tags: row.tag_map(),
        ..Default::default()
    };
    create_instance(conn, hub, new, fx)?;
    Ok(target)
}

/// What to purge.
#[derive(Debug, Clone)]
pub enum PurgeTarget {
    /// One instance (and, when recursive, its sub-orchestrations).
    Id(String),
    /// Finished instances created in `[from, to)` with one of the statuses (any finished one
    /// when empty).
    Filter {
        /// Created at or after.
        from: Option<Micros>,
        /// Created before.
        to: Option<Micros>,
        /// Statuses to match.
        statuses: Vec<i32>,
    },
}

/// Deletes finished instances; returns how many.
pub fn purge(
    conn: &Connection,
    hub: &Arc<str>,
    target: &PurgeTarget,
    recursive: bool,
) -> Result<i32, StoreError> {
    let ids = match target {
        PurgeTarget::Id(id) => vec![id.clone()],
        PurgeTarget::Filter { from, to, statuses } => {
            let mut sql = String::from(
                "SELECT instance_id FROM instances WHERE hub = ? AND status IN (1, 3, 4, 5)",
            );
            let mut args: Vec<Value> = vec![Value::Text(hub.to_string())];
            if let Some(from) = from {
                sql.push_str(" AND created_us >= ?");
                args.push(Value::Integer(*from));
            }
            if let Some(to) = to {
                sql.push_str(" AND created_us < ?");
                args.push(Value::Integer(*to));
            }
            if !statuses.is_empty() {
                let marks = vec!["?"; statuses.len()].join(", ");
                sql.push_str(&format!(" AND status IN ({marks})"));
                args.extend(statuses.iter().map(|s| Value::Integer(i64::from(*s))));
            }
            let mut stmt = conn.prepare(&sql)?;
            stmt.query_map(params_from_iter(args), |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?
        }
    };
    let mut count = 0;
    for id in ids {
        count += purge_one(conn, hub, &id, recursive, 0)?;
    }
    Ok(count)
}

fn purge_one(
    conn: &Connection,
    hub: &Arc<str>,
    id: &str,
    recursive: bool,
    depth: usize,
) -> Result<i32, StoreError> {
    let Some(row) = rows::load_instance(conn, hub, id)? else {
        return Ok(0);
    };
    if !is_terminal(row.status) {
        return Ok(0);
    }
    let mut count = 0;
    if recursive && depth < MAX_DEPTH {
        for child in rows::children(conn, hub, id)? {
            count += purge_one(conn, hub, &child, true, depth + 1)?;
        }
    }
    if rows::delete_instance(conn, hub, id)? {
        count += 1;
    }
    Ok(count)
}
