//! The database schema and its migrations, versioned with SQLite's `user_version`.
//!
//! Each migration runs once, in order, inside one transaction with the version bump, so a crash
//! mid-migration leaves the previous version intact. A database written by a newer build (a higher
//! version than this build knows) is refused rather than misread.

use rusqlite::Connection;

use super::StoreError;

/// The migrations, oldest first; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
///
/// Tables:
/// - `instances`: one row per orchestration instance and its current execution.
/// - `history`: the committed history, one row per episode (a protobuf `HistoryChunk` of the
///   events that episode added), so that committing an episode is one insert.
/// - `inbox`: new events waiting for the next episode, one protobuf `HistoryEvent` per row; the
///   id only grows (AUTOINCREMENT), so "every event up to id N" names exactly one dispatched batch.
/// - `activities`: scheduled activity work not yet completed.
/// - `timers`: durable timers not yet fired, with the `TimerFired` event they will add.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE instances (
    hub                TEXT    NOT NULL,
    instance_id        TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    version            TEXT,
    execution_id       TEXT    NOT NULL,
    status             INTEGER NOT NULL,
    input              TEXT,
    output             TEXT,
    custom_status      TEXT,
    failure            BLOB,
    created_us         INTEGER NOT NULL,
    updated_us         INTEGER NOT NULL,
    completed_us       INTEGER,
    scheduled_start_us INTEGER,
    parent_instance_id TEXT,
    parent             BLOB,
    tags               TEXT,
    suspended          INTEGER NOT NULL DEFAULT 0,
    history_len        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hub, instance_id)
) WITHOUT ROWID;
CREATE INDEX instances_by_created ON instances (hub, created_us, instance_id);
CREATE INDEX instances_by_completed ON instances (hub, completed_us, instance_id)
    WHERE completed_us IS NOT NULL;
CREATE INDEX instances_by_parent ON instances (hub, parent_instance_id)
    WHERE parent_instance_id IS NOT NULL;

CREATE TABLE history (
    hub         TEXT    NOT NULL,
    instance_id TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    events      BLOB    NOT NULL,
    PRIMARY KEY (hub, instance_id, seq)
) WITHOUT ROWID;

CREATE TABLE inbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    hub         TEXT    NOT NULL,
    instance_id TEXT    NOT NULL,
    event       BLOB    NOT NULL
);
CREATE INDEX inbox_by_instance ON inbox (hub, instance_id, id);

CREATE TABLE activities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    hub          TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    request      BLOB    NOT NULL
);
CREATE INDEX activities_by_instance ON activities (hub, instance_id);

CREATE TABLE timers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    hub          TEXT    NOT NULL,
    instance_id  TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    fire_at_us   INTEGER NOT NULL,
    event        BLOB    NOT NULL
);
CREATE INDEX timers_by_instance ON timers (hub, instance_id);
"#,
    // 2: queries by status read their own index (a page of running instances among a million
    // finished ones in a millisecond, not a second).
    r#"
CREATE INDEX instances_by_status ON instances (hub, status, created_us, instance_id);
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], applying each missing migration in its own
/// transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA does not take bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", index + 1))?;
        tx.commit()?;
        tracing::info!(version = index + 1, "database schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_newer() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::NewerSchema { found: 99, .. })
        ));
    }
}
