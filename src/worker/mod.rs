//! The Durable Task worker SDK: host orchestrations and activities written in Rust on any Durable
//! Task endpoint (the Azure Durable Task Scheduler, its emulator, any sidecar, the embedded
//! scheduler).
//!
//! ```no_run
//! use dts_async::{connection::{Connection, ConnectionSettings}, worker::{OrchestrationContext, TaskError, Worker}};
//! use serde_json::Value;
//!
//! async fn greet(ctx: OrchestrationContext, name: String) -> Result<String, TaskError> {
//!     ctx.call_activity("say_hello", &name).await
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let connection = Connection::resolve(ConnectionSettings::default())?;
//! let worker = Worker::builder(connection)
//!     .orchestrator("greet", greet)
//!     .activity("say_hello", |_ctx, name: String| async move {
//!         Ok::<_, TaskError>(format!("Hello, {name}!"))
//!     })
//!     .build();
//! worker.run(async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```
//!
//! - [`replay`]: the pure replay engine;
//! - [`OrchestrationContext`]: what orchestration code may do, and the durable futures;
//! - [`when_all`], [`when_any`], [`race`]: combinators over those futures;
//! - [`Worker`]: the `GetWorkItems` loop with concurrency limits, reconnects and graceful stop.

mod activity;
mod combinators;
mod context;
mod failure;
mod payload;
mod registry;
pub mod replay;
mod retry;
mod rewind;
mod runner;

use std::{future::Future, time::Duration};

use serde::{Serialize, de::DeserializeOwned};
use thiserror::Error;

pub use self::{
    activity::{ActivityContext, run_activity},
    combinators::{Either, Race, WhenAll, WhenAny, race, when_all, when_any},
    context::{EventFuture, OrchestrationContext, TaskFuture, TimerDue, TimerFuture},
    failure::{NON_DETERMINISM, PANIC, TASK_FAILED, TaskError},
    payload::{decode, encode},
    registry::Registry,
    retry::RetryPolicy,
};
use crate::connection::Connection;

/// How long a stopping worker lets its work items finish before it abandons them.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Work items of one kind in flight at once, per core, by default (the Python SDK's default).
const DEFAULT_CONCURRENCY_PER_CORE: usize = 100;

/// Why a worker cannot run. Connection failures are not among them: a worker retries those
/// with backoff until it is stopped.
#[derive(Debug, Error)]
pub enum WorkerError {
    /// The worker hosts nothing.
    #[error("the worker hosts no orchestrator and no activity: register at least one")]
    NothingRegistered,
}

/// Builds a [`Worker`]: what it hosts and its limits.
#[derive(Debug)]
pub struct WorkerBuilder {
    connection: Connection,
    registry: Registry,
    options: Options,
}

/// The limits of a worker.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub max_orchestrations: usize,
    pub max_activities: usize,
    pub shutdown_grace: Duration,
}

impl WorkerBuilder {
    /// Hosts the orchestrator `name` (see [`Registry::add_orchestrator`]).
    pub fn orchestrator<I, O, E, F, Fut>(mut self, name: &str, function: F) -> Self
    where
        I: DeserializeOwned + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(OrchestrationContext, I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + 'static,
    {
        self.registry.add_orchestrator(name, function);
        self
    }

    /// Hosts the async activity `name` (see [`Registry::add_activity`]).
    pub fn activity<I, O, E, F, Fut>(mut self, name: &str, function: F) -> Self
    where
        I: DeserializeOwned + Send + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(ActivityContext, I) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, E>> + Send + 'static,
    {
        self.registry.add_activity(name, function);
        self
    }

    /// Hosts the blocking activity `name` (see [`Registry::add_blocking_activity`]).
    pub fn blocking_activity<I, O, E, F>(mut self, name: &str, function: F) -> Self
    where
        I: DeserializeOwned + Send + 'static,
        O: Serialize + 'static,
        E: Into<TaskError> + 'static,
        F: Fn(ActivityContext, I) -> Result<O, E> + Send + Sync + 'static,
    {
        self.registry.add_blocking_activity(name, function);
        self
    }

    /// Applies `register`, which adds a group of orchestrators and activities.
    pub fn with(self, register: impl FnOnce(Self) -> Self) -> Self {
        register(self)
    }

    /// Orchestration work items run at once (at least 1).
    pub fn max_concurrent_orchestrations(mut self, limit: usize) -> Self {
        self.options.max_orchestrations = limit.max(1);
        self
    }

    /// Activity work items run at once (at least 1).
    pub fn max_concurrent_activities(mut self, limit: usize) -> Self {
        self.options.max_activities = limit.max(1);
        self
    }

    /// How long a stopping worker lets in-flight work items finish before abandoning them.
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.options.shutdown_grace = grace;
        self
    }

    /// The worker.
    pub fn build(self) -> Worker {
        Worker {
            connection: self.connection,
            registry: self.registry,
            options: self.options,
        }
    }
}

/// A Durable Task worker: receives work items over `GetWorkItems`, runs them, and reports the
/// results, until stopped.
#[derive(Debug)]
pub struct Worker {
    connection: Connection,
    registry: Registry,
    options: Options,
}

impl Worker {
    /// A builder for a worker on `connection`.
    pub fn builder(connection: Connection) -> WorkerBuilder {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let default_limit = DEFAULT_CONCURRENCY_PER_CORE * cores;
        WorkerBuilder {
            connection,
            registry: Registry::default(),
            options: Options {
                max_orchestrations: default_limit,
                max_activities: default_limit,
                shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            },
        }
    }

    /// What the worker hosts.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Runs until `shutdown` resolves, reconnecting with backoff whenever the stream breaks.
    /// On shutdown it takes no new work, lets in-flight work items finish within the grace
    /// period and abandons the rest, so that another worker picks them up at once.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), WorkerError> {
        if self.registry.is_empty() {
            return Err(WorkerError::NothingRegistered);
        }
        runner::run(self.connection, self.registry, self.options, shutdown).await;
        Ok(())
    }
}
