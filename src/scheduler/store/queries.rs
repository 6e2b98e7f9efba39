//! The reads: instance queries with keyset paging (stable under concurrent inserts), terminal
//! instance id listing, the rows of one work item, and what to reload after a restart.

use std::sync::Arc;

use prost::Message;
use rusqlite::{Connection, params, params_from_iter, types::Value};

use super::{
    QueuedActivity, StoreError,
    rows::{self, INSTANCE_COLUMNS, InstanceRow},
};
use crate::proto::{ActivityRequest, HistoryEvent, history_event::EventType};
use crate::scheduler::types::Micros;

/// One page of a query.
#[derive(Debug, Default)]
pub struct InstanceQueryPage {
    /// The rows.
    pub rows: Vec<InstanceRow>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<String>,
}

/// Filters of an instance query.
#[derive(Debug, Default, Clone)]
pub struct InstanceFilter {
    /// Statuses (any when empty).
    pub statuses: Vec<i32>,
    /// Created at or after.
    pub created_from: Option<Micros>,
    /// Created before.
    pub created_to: Option<Micros>,
    /// Id prefix.
    pub prefix: Option<String>,
    /// Page size.
    pub limit: usize,
    /// Continuation token of the previous page.
    pub after: Option<String>,
}

/// Splits a `<micros>|<id>` keyset token.
fn parse_key(token: &str) -> Result<(Micros, String), StoreError> {
    let invalid = || StoreError::Invalid(format!("invalid continuation token {token:?}"));
    let (micros, id) = token.split_once('|').ok_or_else(invalid)?;
    Ok((micros.parse().map_err(|_| invalid())?, id.to_owned()))
}

/// Instances of a hub by creation time then id.
///
/// Each status is read through the `(hub, status, created_us, instance_id)` index on its own,
/// and the sorted runs are merged: one query over several statuses would walk the creation
/// index and test every row, which with a million finished instances and a few running ones
/// costs a second for a page of running ones.
pub fn query_instances(
    conn: &Connection,
    hub: &str,
    filter: &InstanceFilter,
) -> Result<InstanceQueryPage, StoreError> {
    let limit = filter.limit.max(1);
    let mut statuses: Vec<i32> = filter.statuses.clone();
    statuses.sort_unstable();
    statuses.dedup();
    let mut found = if statuses.len() > 1 {
        let mut merged = Vec::new();
        for status in statuses {
            merged.extend(query_page(conn, hub, filter, &[status], limit + 1)?);
        }
        merged.sort_by(|a, b| (a.created_us, &a.id).cmp(&(b.created_us, &b.id)));
        merged
    } else {
        query_page(conn, hub, filter, &statuses, limit + 1)?
    };
    let more = found.len() > limit;
    found.truncate(limit);
    let next = more
        .then(|| found.last().map(|r| format!("{}|{}", r.created_us, r.id)))
        .flatten();
    Ok(InstanceQueryPage { rows: found, next })
}

/// At most `take` instances matching `filter` but with `statuses` (any when empty), in order.
fn query_page(
    conn: &Connection,
    hub: &str,
    filter: &InstanceFilter,
    statuses: &[i32],
    take: usize,
) -> Result<Vec<InstanceRow>, StoreError> {
    let mut sql = format!("SELECT {INSTANCE_COLUMNS} FROM instances WHERE hub = ?");
    let mut args: Vec<Value> = vec![Value::Text(hub.to_owned())];
    push_common(
        &mut sql,
        &mut args,
        statuses,
        "created_us",
        filter.created_from,
        filter.created_to,
    );
    if let Some(prefix) = filter.prefix.as_deref().filter(|p| !p.is_empty()) {
        sql.push_str(" AND substr(instance_id, 1, ?) = ?");
        args.push(Value::Integer(prefix.len() as i64));
        args.push(Value::Text(prefix.to_owned()));
    }
    if let Some(token) = filter.after.as_deref().filter(|t| !t.is_empty()) {
        let (micros, id) = parse_key(token)?;
        sql.push_str(" AND (created_us, instance_id) > (?, ?)");
        args.push(Value::Integer(micros));
        args.push(Value::Text(id));
    }
    sql.push_str(" ORDER BY created_us, instance_id LIMIT ?");
    args.push(Value::Integer(take as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args), InstanceRow::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn push_common(
    sql: &mut String,
    args: &mut Vec<Value>,
    statuses: &[i32],
    column: &str,
    from: Option<Micros>,
    to: Option<Micros>,
) {
    match statuses {
        [] => {}
        // An equality, so that the status index serves the order too.
        [status] => {
            sql.push_str(" AND status = ?");
            args.push(Value::Integer(i64::from(*status)));
        }
        _ => {
            let marks = vec!["?"; statuses.len()].join(", ");
            sql.push_str(&format!(" AND status IN ({marks})"));
            args.extend(statuses.iter().map(|s| Value::Integer(i64::from(*s))));
        }
    }
    if let Some(from) = from {
        sql.push_str(&format!(" AND {column} >= ?"));
        args.push(Value::Integer(from));
    }
    if let Some(to) = to {
        sql.push_str(&format!(" AND {column} < ?"));
        args.push(Value::Integer(to));
    }
}

/// Finished instance ids by completion time then id; returns the ids and the next key.
pub fn list_instance_ids(
    conn: &Connection,
    hub: &str,
    statuses: &[i32],
    completed_from: Option<Micros>,
    completed_to: Option<Micros>,
    page_size: usize,
    after: Option<&str>,
) -> Result<(Vec<String>, Option<String>), StoreError> {
    let mut sql = String::from(
        "SELECT instance_id, completed_us FROM instances WHERE hub = ? AND completed_us IS NOT NULL",
    );
    let mut args: Vec<Value> = vec![Value::Text(hub.to_owned())];
    push_common(
        &mut sql,
        &mut args,
        statuses,
        "completed_us",
        completed_from,
        completed_to,
    );
    if let Some(token) = after.filter(|t| !t.is_empty()) {
        let (micros, id) = parse_key(token)?;
        sql.push_str(" AND (completed_us, instance_id) > (?, ?)");
        args.push(Value::Integer(micros));
        args.push(Value::Text(id));
    }
    let limit = page_size.max(1);
    sql.push_str(" ORDER BY completed_us, instance_id LIMIT ?");
    args.push(Value::Integer(limit as i64 + 1));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found = stmt
        .query_map(params_from_iter(args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = found.len() > limit;
    found.truncate(limit);
    let next = more
        .then(|| found.last().map(|(id, at)| format!("{at}|{id}")))
        .flatten();
    Ok((found.into_iter().map(|(id, _)| id).collect(), next))
}

/// What an orchestration work item is built from.
#[derive(Debug)]
pub struct WorkItemRows {
    /// The instance.
    pub row: InstanceRow,
    /// Committed history.
    pub past: Vec<HistoryEvent>,
    /// Inbox events (id, event), oldest first.
    pub inbox: Vec<(i64, HistoryEvent)>,
}

/// Reads an instance's row, history and inbox in one snapshot; `None` when there is nothing to
/// run: unknown, finished, an empty inbox, or not started yet (an event raised to an instance
/// whose start is scheduled later waits in the inbox for its `ExecutionStarted`).
pub fn work_item(
    conn: &Connection,
    hub: &str,
    id: &str,
) -> Result<Option<WorkItemRows>, StoreError> {
    let Some(row) = rows::load_instance(conn, hub, id)? else {
        return Ok(None);
    };
    if row.is_terminal() {
        return Ok(None);
    }
    let mut inbox = rows::inbox_after(conn, hub, id, 0)?;
    if inbox.is_empty() {
        return Ok(None);
    }
    let past = rows::load_history(conn, hub, id)?;
    if past.is_empty() {
        // A first episode starts with the start, whatever arrived before it.
        let is_start = |(_, e): &(i64, HistoryEvent)| {
            matches!(e.event_type, Some(EventType::ExecutionStarted(_)))
        };
        let Some(at) = inbox.iter().position(is_start) else {
            return Ok(None);
        };
        let start = inbox.remove(at);
        inbox.insert(0, start);
    }
    Ok(Some(WorkItemRows { row, past, inbox }))
}

/// The work to reload into memory when the scheduler starts.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Live instances with inbox events: (hub, id, name).
    pub ready: Vec<(Arc<str>, String, String)>,
    /// Activities not yet completed.
    pub activities: Vec<QueuedActivity>,
    /// Timers not yet fired: (id, due).
    pub timers: Vec<(i64, Micros)>,
}

/// Reads everything pending.
pub fn recovery(conn: &Connection) -> Result<Recovery, StoreError> {
    let mut out = Recovery::default();
    let mut stmt = conn.prepare(
        "SELECT DISTINCT i.hub, i.instance_id, i.name FROM inbox b JOIN instances i \
         ON i.hub = b.hub AND i.instance_id = b.instance_id WHERE i.status NOT IN (1, 3, 4, 5)",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (hub, id, name) = row?;
        out.ready.push((hub.into(), id, name));
    }
    let mut stmt = conn.prepare("SELECT id, hub, request FROM activities ORDER BY id")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })? {
        let (id, hub, bytes) = row?;
        out.activities.push(QueuedActivity {
            id,
            hub: hub.into(),
            request: ActivityRequest::decode(bytes.as_slice())?,
        });
    }
    let mut stmt = conn.prepare("SELECT id, fire_at_us FROM timers")?;
    for row in stmt.query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))? {
        out.timers.push(row?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;
    use crate::proto::OrchestrationStatus;

    const RUNNING: i32 = OrchestrationStatus::Running as i32;
    const COMPLETED: i32 = OrchestrationStatus::Completed as i32;
    const FAILED: i32 = OrchestrationStatus::Failed as i32;

    /// A store with instances `i00`..`i29`, created in that order, every third failed, every
    /// fifth running, the rest completed.
    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().expect("opens");
        super::super::schema::migrate(&mut conn).expect("migrates");
        for n in 0..30 {
            let status = match n {
                _ if n % 5 == 0 => RUNNING,
                _ if n % 3 == 0 => FAILED,
                _ => COMPLETED,
            };
            conn.execute(
                "INSERT INTO instances (hub, instance_id, name, execution_id, status, created_us, \
                 updated_us) VALUES ('h', ?1, 'o', 'e', ?2, ?3, ?3)",
                params![format!("i{n:02}"), status, 1_000 + n],
            )
            .expect("inserts");
        }
        conn
    }

    fn all_pages(conn: &Connection, statuses: Vec<i32>) -> Vec<String> {
        let mut filter = InstanceFilter {
            statuses,
            limit: 2,
            ..InstanceFilter::default()
        };
        let mut ids = Vec::new();
        loop {
            let page = query_instances(conn, "h", &filter).expect("queries");
            assert!(page.rows.len() <= 2);
            ids.extend(page.rows.into_iter().map(|r| r.id));
            match page.next {
                Some(next) => filter.after = Some(next),
                None => return ids,
            }
        }
    }

    #[test]
    fn several_statuses_are_merged_in_creation_order_page_by_page() {
        let conn = store();
        let expected: Vec<String> = (0..30)
            .filter(|n| n % 5 == 0 || n % 3 == 0)
            .map(|n| format!("i{n:02}"))
            .collect();
        assert_eq!(all_pages(&conn, vec![FAILED, RUNNING]), expected);
        assert_eq!(all_pages(&conn, vec![RUNNING, FAILED, RUNNING]), expected);
        let running: Vec<String> = (0..30).step_by(5).map(|n| format!("i{n:02}")).collect();
        assert_eq!(all_pages(&conn, vec![RUNNING]), running);
        assert_eq!(all_pages(&conn, Vec::new()).len(), 30);
    }
}
