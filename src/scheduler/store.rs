//! SQLite storage for the scheduler: one writer thread that groups every pending transaction into
//! one commit (the fsync is the cost, so it is shared), a checkpoint thread that keeps copying
//! the WAL into the database off the writer's path, and reader connections for queries.
//!
//! A caller's transaction runs inside a savepoint of the group's transaction, so one failing
//! operation rolls back alone; every caller is answered only after the group has committed.

mod checkpoint;
pub mod client_ops;
mod episodes;
mod lifecycle;
pub mod queries;
mod rows;
mod schema;

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, atomic::AtomicBool, mpsc},
    thread,
};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;
use tokio::sync::oneshot;

use self::checkpoint::Checkpointer;
pub use self::{
    client_ops::PurgeTarget,
    episodes::{
        Episode, MAX_HISTORY_EVENTS, complete_activity, complete_orchestration, fire_timers,
    },
    lifecycle::NewInstance,
    queries::{InstanceFilter, InstanceQueryPage, Recovery, WorkItemRows},
    rows::{InstanceRow, load_history, load_instance},
    schema::SCHEMA_VERSION,
};
use crate::proto::ActivityRequest;

/// Most transactions committed together: bounds the latency one group adds to its first caller.
const MAX_GROUP: usize = 1024;

/// How durable a commit is (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    /// Every commit is fsynced: an acknowledged write survives a power loss.
    Full,
    /// WAL commits are fsynced at checkpoints only: survives a process crash, not a power loss.
    Normal,
    /// No fsync at all (temporary databases only).
    Off,
}

/// A failure of the store, or a domain answer an operation gives (not found, conflict, ...).
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored protobuf blob does not decode.
    #[error("stored data is corrupt: {0}")]
    Corrupt(#[from] prost::DecodeError),
    /// The database was written by a newer build.
    #[error("the database has schema version {found}, newer than this build's {supported}")]
    NewerSchema {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The writer thread is gone (the scheduler is shutting down).
    #[error("the database writer has stopped")]
    WriterGone,
    /// No instance has that id.
    #[error("no instance {0:?} in this task hub")]
    NotFound(String),
    /// An instance with that id exists and may not be replaced.
    #[error("an instance with id {0:?} already exists")]
    AlreadyExists(String),
    /// The instance's state forbids the operation.
    #[error("{0}")]
    Precondition(String),
    /// A request was malformed.
    #[error("{0}")]
    Invalid(String),
    /// Opening the database file failed.
    #[error("cannot open the database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
}

/// An activity ready to be handed to a worker.
#[derive(Debug, Clone)]
pub struct QueuedActivity {
    /// Row id in `activities`.
    pub id: i64,
    /// The task hub.
    pub hub: Arc<str>,
    /// What the worker receives.
    pub request: ActivityRequest,
}

/// What a committed transaction asks the in-memory side to do: queue instances and activities,
/// arm timers, wake waiters. Applied only after the commit, so nothing is dispatched that a crash
/// could take back.
#[derive(Debug, Default)]
pub struct Effects {
    /// Instances (hub, id, orchestrator name) with new inbox events.
    pub ready: Vec<(Arc<str>, String, String)>,
    /// New activity work.
    pub activities: Vec<QueuedActivity>,
    /// New timers: (row id, due time in microseconds).
    pub timers: Vec<(i64, i64)>,
    /// Instances whose status changed, with the new status (wakes Wait* callers).
    pub changed: Vec<(Arc<str>, String, i32)>,
}

type Reply = Box<dyn FnOnce(Result<(), String>) + Send>;
/// A job gets the connection inside the group transaction, or `None` when the group could not
/// begin (then it does not run and is answered with the failure).
type Job = Box<dyn FnOnce(Option<&Connection>) -> Reply + Send>;

/// The database: a writer thread with group commit, a checkpoint thread, and a pool of reader
/// connections.
pub struct Store {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    readers: Mutex<Vec<Connection>>,
    path: PathBuf,
    writer: Mutex<Option<thread::JoinHandle<()>>>,
    checkpointer: Mutex<Option<Checkpointer>>,
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path` and starts its writer.
    pub fn open(path: &Path, sync: SyncMode) -> Result<Arc<Self>, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;")?;
        let sync_sql = match sync {
            SyncMode::Full => "PRAGMA synchronous = FULL",
            SyncMode::Normal => "PRAGMA synchronous = NORMAL",
            SyncMode::Off => "PRAGMA synchronous = OFF",
        };
        conn.execute_batch(sync_sql)?;
        // The writer's page cache is kept small (8 MiB): when a transaction rebalanced a B-tree
        // page (under load, nearly every group does), SQLite scans the whole cache at its end,
        // because balancing moved a page through a number past the end of the file (with 32 MiB
        // that scan took 1.6% of the benchmark's CPU, with 8 MiB 1.0%). The checkpointer thread
        // copies the WAL into the database, never a commit (see `checkpoint`); a WAL that grew
        // past 64 MiB is cut back when it starts over. Each caller's savepoint journals the
        // pages it touches in memory, not in a temporary file: see `LIBSQLITE3_FLAGS` in
        // `.cargo/config.toml`.
        conn.execute_batch(
            "PRAGMA cache_size = -8000; PRAGMA wal_autocheckpoint = 0; \
             PRAGMA journal_size_limit = 67108864;",
        )?;
        schema::migrate(&mut conn)?;
        let checkpointer = Checkpointer::start(path, sync_sql)?;
        conn.set_prepared_statement_cache_capacity(64);
        let (tx, rx) = mpsc::channel::<Job>();
        let restart_due = checkpointer.restart_due();
        let writer = thread::Builder::new()
            .name("dts-store-writer".into())
            .spawn(move || writer_loop(conn, rx, &restart_due))
            .map_err(|err| StoreError::Invalid(format!("cannot start the writer thread: {err}")))?;
        Ok(Arc::new(Self {
            jobs: Mutex::new(Some(tx)),
            readers: Mutex::new(Vec::new()),
            path: path.to_owned(),
            writer: Mutex::new(Some(writer)),
            checkpointer: Mutex::new(Some(checkpointer)),
        }))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `op` in the writer's next group transaction and returns its result once committed.
    pub async fn write<T, F>(&self, op: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |conn: Option<&Connection>| {
            let result = match conn {
                Some(conn) => run_in_savepoint(conn, op),
                None => Err(StoreError::WriterGone),
            };
            Box::new(move |commit: Result<(), String>| {
                let answer = match commit {
                    Ok(()) => result,
                    Err(message) => Err(StoreError::Invalid(format!("commit failed: {message}"))),
                };
                let _ = tx.send(answer);
            }) as Reply
        });
        {
            let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
            let sender = jobs.as_ref().ok_or(StoreError::WriterGone)?;
            sender.send(job).map_err(|_| StoreError::WriterGone)?;
        }
        rx.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Runs a read on a pooled reader connection, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, op: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let store = Arc::clone(self);
        tokio::task::spawn_blocking(move || store.read_now(op))
            .await
            .map_err(|_| StoreError::WriterGone)?
    }

    /// Runs a short read (a few rows by primary key) on the calling async thread: a thread hop
    /// would cost more than the read itself, which is served from SQLite's page cache. Not
    /// `block_in_place`, which hands the runtime's core to another (often new) thread on every
    /// call: for reads of tens of microseconds that hand-off cost more than the read.
    pub fn read_point<T>(
        &self,
        op: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.read_now(op)
    }

    /// Runs a read on the calling thread (for blocking contexts and start-up).
    pub fn read_now<T>(
        &self,
        op: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pooled = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA cache_size = -16000;")?;
                conn.set_prepared_statement_cache_capacity(64);
                conn
            }
        };
        // A read transaction gives every statement of `op` the same snapshot.
        conn.prepare_cached("BEGIN")?.execute([])?;
        let result = op(&conn);
        let _ = conn
            .prepare_cached("COMMIT")
            .and_then(|mut s| s.execute([]));
        self.readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(conn);
        result
    }

    /// Stops the writer after it has committed everything already submitted.
    pub fn close(&self) {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = handle.join();
        }
        // After the writer: its last commits are checkpointed too.
        self.checkpointer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        self.readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.close();
    }
}

fn run_in_savepoint<T>(
    conn: &Connection,
    op: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    // Cached statements: these run once per operation on the hot path.
    conn.prepare_cached("SAVEPOINT op")?.execute([])?;
    let result = op(conn);
    if result.is_err() {
        conn.prepare_cached("ROLLBACK TO op")?.execute([])?;
    }
    conn.prepare_cached("RELEASE op")?.execute([])?;
    result
}

fn writer_loop(conn: Connection, jobs: mpsc::Receiver<Job>, wal_restart_due: &AtomicBool) {
    while let Ok(first) = jobs.recv() {
        checkpoint::finish_restart(&conn, wal_restart_due);
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        if let Err(err) = conn.execute_batch("BEGIN IMMEDIATE") {
            let message = err.to_string();
            for job in group {
                job(None)(Err(message.clone()));
            }
            continue;
        }
        let replies: Vec<Reply> = group.into_iter().map(|job| job(Some(&conn))).collect();
        let commit = conn.execute_batch("COMMIT").map_err(|err| {
            let _ = conn.execute_batch("ROLLBACK");
            err.to_string()
        });
        for reply in replies {
            reply(commit.clone());
        }
    }
}
