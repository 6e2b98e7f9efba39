//! Row-level statements shared by the store's operations: the instance row, inbox, history,
//! activities and timers, each a cached prepared statement so a busy group re-plans nothing.

use prost::Message;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;
use crate::proto::{
    HistoryChunk, HistoryEvent, OrchestrationInstance, OrchestrationState, ParentInstanceInfo,
    TaskFailureDetails, history_event::EventType,
};
use crate::scheduler::types::{Micros, is_terminal, micros_timestamp, now_timestamp};

/// Everything stored about an instance (the `instances` row).
#[derive(Debug, Clone)]
pub struct InstanceRow {
    /// Instance id.
    pub id: String,
    /// Orchestrator name.
    pub name: String,
    /// Orchestrator version.
    pub version: Option<String>,
    /// Id of the current execution.
    pub execution_id: String,
    /// Runtime status (`OrchestrationStatus` as i32).
    pub status: i32,
    /// Input JSON.
    pub input: Option<String>,
    /// Output JSON.
    pub output: Option<String>,
    /// Custom status JSON.
    pub custom_status: Option<String>,
    /// Encoded `TaskFailureDetails`.
    pub failure: Option<Vec<u8>>,
    /// Creation time.
    pub created_us: Micros,
    /// Last change.
    pub updated_us: Micros,
    /// Completion time (terminal only).
    pub completed_us: Option<Micros>,
    /// Requested start time.
    pub scheduled_start_us: Option<Micros>,
    /// Parent instance id, for sub-orchestrations.
    pub parent_instance_id: Option<String>,
    /// Encoded `ParentInstanceInfo`.
    pub parent: Option<Vec<u8>>,
    /// Tags as JSON text of a string map.
    pub tags: Option<String>,
    /// Whether a suspend was accepted and no resume since (guards against stray resumes).
    pub suspended: bool,
    /// Events in the committed history (for the history-size cap).
    pub history_len: i64,
}

/// The column list matching [`InstanceRow::from_row`].
pub const INSTANCE_COLUMNS: &str = "instance_id, name, version, execution_id, status, input, \
    output, custom_status, failure, created_us, updated_us, completed_us, scheduled_start_us, \
    parent_instance_id, parent, tags, suspended, history_len";

impl InstanceRow {
    /// Reads a row selected with [`INSTANCE_COLUMNS`].
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            name: row.get(1)?,
            version: row.get(2)?,
            execution_id: row.get(3)?,
            status: row.get(4)?,
            input: row.get(5)?,
            output: row.get(6)?,
            custom_status: row.get(7)?,
            failure: row.get(8)?,
            created_us: row.get(9)?,
            updated_us: row.get(10)?,
            completed_us: row.get(11)?,
            scheduled_start_us: row.get(12)?,
            parent_instance_id: row.get(13)?,
            parent: row.get(14)?,
            tags: row.get(15)?,
            suspended: row.get(16)?,
            history_len: row.get(17)?,
        })
    }

    /// Whether the instance has finished (completed, failed or terminated).
    pub fn is_terminal(&self) -> bool {
        is_terminal(self.status)
    }

    /// The decoded parent link.
    pub fn parent_info(&self) -> Option<ParentInstanceInfo> {
        self.parent
            .as_deref()
            .and_then(|bytes| ParentInstanceInfo::decode(bytes).ok())
    }

    /// The decoded tags.
    pub fn tag_map(&self) -> std::collections::HashMap<String, String> {
        self.tags
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }

    /// The wire form; payloads only when asked for.
    pub fn to_state(&self, with_payloads: bool) -> OrchestrationState {
        let failure = self
            .failure
            .as_deref()
            .and_then(|bytes| TaskFailureDetails::decode(bytes).ok());
        OrchestrationState {
            instance_id: self.id.clone(),
            name: self.name.clone(),
            version: self.version.clone(),
            orchestration_status: self.status,
            scheduled_start_timestamp: self.scheduled_start_us.map(micros_timestamp),
            created_timestamp: Some(micros_timestamp(self.created_us)),
            last_updated_timestamp: Some(micros_timestamp(self.updated_us)),
            input: if with_payloads {
                self.input.clone()
            } else {
                None
            },
            output: if with_payloads {
                self.output.clone()
            } else {
                None
            },
            custom_status: self.custom_status.clone(),
            failure_details: failure,
            execution_id: Some(self.execution_id.clone()),
            completed_timestamp: self.completed_us.map(micros_timestamp),
            parent_instance_id: self.parent_instance_id.clone(),
            tags: self.tag_map(),
        }
    }
}

/// A history event stamped now, with event id -1 (every event but the confirmations).
pub fn event(kind: EventType) -> HistoryEvent {
    HistoryEvent {
        event_id: -1,
        timestamp: Some(now_timestamp()),
        event_type: Some(kind),
    }
}

/// A confirmation event carrying the id of the action it confirms.
pub fn confirmation(id: i32, kind: EventType) -> HistoryEvent {
    HistoryEvent {
        event_id: id,
        ..event(kind)
    }
}

/// An `OrchestrationInstance` reference.
pub fn instance_ref(id: &str, execution_id: &str) -> OrchestrationInstance {
    OrchestrationInstance {
        instance_id: id.to_owned(),
        execution_id: Some(execution_id.to_owned()),
    }
}

/// Loads one instance row.
pub fn load_instance(
    conn: &Connection,
    hub: &str,
    id: &str,
) -> Result<Option<InstanceRow>, StoreError> {
    let sql =
        format!("SELECT {INSTANCE_COLUMNS} FROM instances WHERE hub = ?1 AND instance_id = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![hub, id], InstanceRow::from_row)
        .optional()?)
}

/// Inserts a new instance row.
pub fn insert_instance(conn: &Connection, hub: &str, row: &InstanceRow) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO instances (hub, instance_id, name, version, execution_id, status, input, \
         output, custom_status, failure, created_us, updated_us, completed_us, scheduled_start_us, \
         parent_instance_id, parent, tags, suspended, history_len) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        hub,
        row.id,
        row.name,
        row.version,
        row.execution_id,
        row.status,
        row.input,
        row.output,
        row.custom_status,
        row.failure,
        row.created_us,
        row.updated_us,
        row.completed_us,
        row.scheduled_start_us,
        row.parent_instance_id,
        row.parent,
        row.tags,
        row.suspended,
        row.history_len,
    ])?;
    Ok(())
}

/// Writes back the mutable columns of an instance row.
pub fn update_instance(conn: &Connection, hub: &str, row: &InstanceRow) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE instances SET version = ?3, execution_id = ?4, status = ?5, input = ?6, \
         output = ?7, custom_status = ?8, failure = ?9, updated_us = ?10, completed_us = ?11, \
         suspended = ?12, history_len = ?13 WHERE hub = ?1 AND instance_id = ?2",
    )?
    .execute(params![
        hub,
        row.id,
        row.version,
        row.execution_id,
        row.status,
        row.input,
        row.output,
        row.custom_status,
        row.failure,
        row.updated_us,
        row.completed_us,
        row.suspended,
        row.history_len,
    ])?;
    Ok(())
}

/// Deletes an instance and everything stored for it; whether it existed.
pub fn delete_instance(conn: &Connection, hub: &str, id: &str) -> Result<bool, StoreError> {
    for sql in [
        "DELETE FROM history WHERE hub = ?1 AND instance_id = ?2",
        "DELETE FROM inbox WHERE hub = ?1 AND instance_id = ?2",
        "DELETE FROM activities WHERE hub = ?1 AND instance_id = ?2",
        "DELETE FROM timers WHERE hub = ?1 AND instance_id = ?2",
    ] {
        conn.prepare_cached(sql)?.execute(params![hub, id])?;
    }
    let deleted = conn
        .prepare_cached("DELETE FROM instances WHERE hub = ?1 AND instance_id = ?2")?
        .execute(params![hub, id])?;
    Ok(deleted > 0)
}

/// Appends an event to an instance's inbox.
pub fn push_inbox(
    conn: &Connection,
    hub: &str,
    id: &str,
    event: &HistoryEvent,
) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO inbox (hub, instance_id, event) VALUES (?1, ?2, ?3)")?
        .execute(params![hub, id, event.encode_to_vec()])?;
    Ok(())
}

/// The inbox events with id above `after`, oldest first, with their ids.
pub fn inbox_after(
    conn: &Connection,
    hub: &str,
    id: &str,
    after: i64,
) -> Result<Vec<(i64, HistoryEvent)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, event FROM inbox WHERE hub = ?1 AND instance_id = ?2 AND id > ?3 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![hub, id, after], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
    })?;
    let mut events = Vec::new();
    for row in rows {
        let (seq, bytes) = row?;
        events.push((seq, HistoryEvent::decode(bytes.as_slice())?));
    }
    Ok(events)
}

/// Deletes inbox events up to and including `up_to` (`i64::MAX`: all).
pub fn clear_inbox(conn: &Connection, hub: &str, id: &str, up_to: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM inbox WHERE hub = ?1 AND instance_id = ?2 AND id <= ?3")?
        .execute(params![hub, id, up_to])?;
    Ok(())
}

/// Whether the instance has inbox events.
pub fn has_inbox(conn: &Connection, hub: &str, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM inbox WHERE hub = ?1 AND instance_id = ?2 LIMIT 1")?
        .query_row(params![hub, id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Appends one episode's events to the committed history.
pub fn append_history(
    conn: &Connection,
    hub: &str,
    id: &str,
    events: Vec<HistoryEvent>,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let bytes = HistoryChunk { events }.encode_to_vec();
    conn.prepare_cached(
        "INSERT INTO history (hub, instance_id, seq, events) VALUES (?1, ?2, \
         (SELECT COALESCE(MAX(seq), 0) + 1 FROM history WHERE hub = ?1 AND instance_id = ?2), ?3)",
    )?
    .execute(params![hub, id, bytes])?;
    Ok(())
}

/// The whole committed history, oldest first.
pub fn load_history(
    conn: &Connection,
    hub: &str,
    id: &str,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT events FROM history WHERE hub = ?1 AND instance_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![hub, id], |row| row.get::<_, Vec<u8>>(0))?;
    let mut events = Vec::new();
    for bytes in rows {
        events.extend(HistoryChunk::decode(bytes?.as_slice())?.events);
    }
    Ok(events)
}

/// Deletes the committed history (continue-as-new, rewind).
pub fn clear_history(conn: &Connection, hub: &str, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM history WHERE hub = ?1 AND instance_id = ?2")?
        .execute(params![hub, id])?;
    Ok(())
}

/// Deletes the instance's pending timers.
pub fn clear_timers(conn: &Connection, hub: &str, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM timers WHERE hub = ?1 AND instance_id = ?2")?
        .execute(params![hub, id])?;
    Ok(())
}

/// Stores a durable timer that will add `event` to the inbox at `fire_at`; returns its id.
pub fn insert_timer(
    conn: &Connection,
    hub: &str,
    id: &str,
    execution_id: &str,
    fire_at: Micros,
    event: &HistoryEvent,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO timers (hub, instance_id, execution_id, fire_at_us, event) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        hub,
        id,
        execution_id,
        fire_at,
        event.encode_to_vec()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The ids of the instance's (non-terminal) children.
pub fn active_children(conn: &Connection, hub: &str, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT instance_id FROM instances WHERE hub = ?1 AND parent_instance_id = ?2 \
         AND status NOT IN (1, 3, 4, 5)",
    )?;
    let ids = stmt
        .query_map(params![hub, id], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// The ids of all of the instance's children.
pub fn children(conn: &Connection, hub: &str, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT instance_id FROM instances WHERE hub = ?1 AND parent_instance_id = ?2",
    )?;
    let ids = stmt
        .query_map(params![hub, id], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}
