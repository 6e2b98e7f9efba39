//! The embedded scheduler: a durable `TaskHubSidecarService` on SQLite that Durable Task clients
//! and workers (ours, Python's, any SDK's) use as they would the DTS emulator.
//!
//! [`Scheduler::open`] opens the database and reloads pending work; [`Scheduler::serve`] runs it
//! on a listener until a shutdown future resolves, and [`Scheduler::spawn`] runs it in the
//! background for commands and tests that embed it.

mod completions;
pub mod dispatch;
pub mod service;
pub mod store;
mod temporary;
pub mod timers;
pub mod types;
pub mod waiters;
mod work_stream;

use std::{
    future::Future,
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use thiserror::Error;
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};
use tonic::transport::server::TcpIncoming;

pub use self::dispatch::LeasePolicy;
use self::{
    dispatch::Dispatcher,
    service::Service,
    store::{Effects, Store, SyncMode},
    temporary::TemporaryFile,
    timers::Timers,
    waiters::Waiters,
};
use crate::proto::task_hub_sidecar_service_server::TaskHubSidecarServiceServer;

/// The task hub served when none is configured, as on the emulator.
pub const DEFAULT_TASKHUB: &str = "default";

/// How long a worker may hold an orchestration work item before it is handed to another worker.
pub const DEFAULT_LEASE_TIMEOUT: Duration = Duration::from_secs(300);

/// How often an idle worker stream gets a health ping (the Python worker reconnects after 120 s
/// of silence).
pub const HEALTH_PING_INTERVAL: Duration = Duration::from_secs(30);

/// Largest request accepted, in bytes: room for a worker's response carrying several 1 MiB
/// payloads; each payload is still checked against its own 1 MiB limit.
pub const MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

/// Where the database lives.
#[derive(Debug, Clone)]
pub enum Database {
    /// A file, kept across runs.
    File(PathBuf),
    /// A temporary file, deleted when the scheduler is dropped (or, if the process is killed
    /// first, by the next scheduler to start).
    Temporary,
}

/// How to run a scheduler.
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    /// The database.
    pub database: Database,
    /// Commit durability, temporary databases included (`SyncMode::Off` for no fsync).
    pub sync: SyncMode,
    /// Task hubs served; the first is used when a call names none.
    pub taskhubs: Vec<String>,
    /// How long work items may be held before they go to another worker.
    pub leases: LeasePolicy,
    /// Idle stream health ping interval.
    pub ping_interval: Duration,
}

/// A temporary database with durable commits (`SyncMode::Full`), task hub `default`, and the
/// emulator's lease and ping intervals.
impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            database: Database::Temporary,
            sync: SyncMode::Full,
            taskhubs: vec![DEFAULT_TASKHUB.to_owned()],
            leases: LeasePolicy {
                orchestration: DEFAULT_LEASE_TIMEOUT,
                activity: None,
            },
            ping_interval: HEALTH_PING_INTERVAL,
        }
    }
}

/// Why the scheduler could not start or stopped.
#[derive(Debug, Error)]
pub enum SchedulerError {
    /// The database could not be opened or read.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The configuration is unusable.
    #[error("{0}")]
    Config(String),
    /// A directory or file for the database could not be made.
    #[error("cannot create {what} {path}: {source}")]
    Create {
        /// What could not be made, with the preposition before `path`.
        what: &'static str,
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The listener failed.
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
    /// The gRPC server failed.
    #[error("the gRPC server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
}

/// What the service, the worker streams and the timer task share.
pub struct Core {
    /// The database.
    pub store: Arc<Store>,
    /// Work queues and leases.
    pub dispatcher: Dispatcher,
    /// Pending timers.
    pub timers: Timers,
    /// Wait* callers.
    pub waiters: Waiters,
    /// Served task hubs; the first is the default.
    pub hubs: Vec<Arc<str>>,
    /// Becomes `true` at shutdown.
    pub shutdown: watch::Receiver<bool>,
    /// Idle stream health ping interval.
    pub ping_interval: Duration,
}

impl Core {
    /// Applies the in-memory side of a committed transaction.
    pub fn apply(&self, fx: Effects) {
        for (hub, id, name) in fx.ready {
            self.dispatcher.enqueue(&hub, id, name);
        }
        for activity in fx.activities {
            self.dispatcher.push_activity(activity, false);
        }
        for (id, due) in fx.timers {
            self.timers.add(id, due);
        }
        for (hub, id, status) in fx.changed {
            self.waiters.notify(&hub, &id, status);
        }
    }
}

/// An opened scheduler, ready to serve.
pub struct Scheduler {
    core: Arc<Core>,
    shutdown: watch::Sender<bool>,
    temporary: Option<TemporaryFile>,
}

impl Scheduler {
    /// Opens the database (creating and migrating it) and reloads pending work.
    pub fn open(config: SchedulerConfig) -> Result<Self, SchedulerError> {
        let hubs: Vec<Arc<str>> = config
            .taskhubs
            .iter()
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
            .map(Arc::from)
            .collect();
        if hubs.is_empty() {
            return Err(SchedulerError::Config("no task hub to serve".into()));
        }
        let (path, sync, temporary) = match &config.database {
            Database::File(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| SchedulerError::Create {
                        what: "the database directory",
                        path: dir.to_owned(),
                        source,
                    })?;
                }
                (path.clone(), config.sync, None)
            }
            Database::Temporary => {
                let file = TemporaryFile::new().map_err(|source| SchedulerError::Create {
                    what: "a temporary database in",
                    path: std::env::temp_dir(),
                    source,
                })?;
                (file.path(), config.sync, Some(file))
            }
        };
        let store = Store::open(&path, sync)?;
        let recovery = store.read_now(store::queries::recovery)?;
        let (shutdown, shutdown_rx) = watch::channel(false);
        let core = Arc::new(Core {
            store,
            dispatcher: Dispatcher::new(config.leases),
            timers: Timers::default(),
            waiters: Waiters::default(),
            hubs,
            shutdown: shutdown_rx,
            ping_interval: config.ping_interval,
        });
        core.apply(Effects {
            ready: recovery.ready,
            activities: recovery.activities,
            timers: recovery.timers,
            changed: Vec::new(),
        });
        Ok(Self {
            core,
            shutdown,
            temporary,
        })
    }

    /// The database file.
    pub fn database_path(&self) -> &Path {
        self.core.store.path()
    }

    /// Serves on `listener` until `shutdown` resolves, then closes worker streams, drains and
    /// stops the writer.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<(), SchedulerError> {
        let timers = tokio::spawn(timers::run(Arc::clone(&self.core)));
        let sweeper = tokio::spawn(sweep_leases(Arc::clone(&self.core)));
        // tonic's serve_with_incoming ignores Server::tcp_nodelay: set it on the incoming stream.
        let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));
        let service = TaskHubSidecarServiceServer::new(Service::new(Arc::clone(&self.core)))
            .max_decoding_message_size(MAX_REQUEST_BYTES);
        let stop = self.shutdown.clone();
        let result = tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming_shutdown(incoming, async move {
                shutdown.await;
                // Open streams and waits end first, or graceful shutdown would wait for them.
                let _ = stop.send(true);
            })
            .await;
        let _ = self.shutdown.send(true);
        timers.abort();
        sweeper.abort();
        self.core.store.close();
        result.map_err(SchedulerError::from)
    }

    /// Binds `addr` and serves in the background; the handle stops it.
    pub async fn spawn(self, addr: SocketAddr) -> Result<SchedulerHandle, SchedulerError> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(self.serve(listener, async move {
            let _ = stopped.await;
        }));
        Ok(SchedulerHandle {
            local_addr,
            stop: Some(stop),
            task,
        })
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(file) = self.temporary.take() {
            // Closed first: the files are deleted once nothing writes them.
            self.core.store.close();
            drop(file);
        }
    }
}

/// A scheduler serving in the background.
#[derive(Debug)]
pub struct SchedulerHandle {
    local_addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: JoinHandle<Result<(), SchedulerError>>,
}

impl SchedulerHandle {
    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://<addr>`, for clients and workers.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.local_addr)
    }

    /// Stops serving and waits until the database is closed.
    pub async fn shutdown(mut self) -> Result<(), SchedulerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(result) => result,
            Err(err) => Err(SchedulerError::Config(format!(
                "the scheduler task failed: {err}"
            ))),
        }
    }
}

async fn sweep_leases(core: Arc<Core>) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        core.dispatcher.expire_leases();
    }
}
