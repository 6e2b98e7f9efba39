//! The in-process stack of `dev`, `demo` and `bench`: the embedded scheduler, our worker and the
//! HTTP front door, started together and stopped together in the right order (the front door
//! first, then the worker drains, then the scheduler closes its database).

use std::{net::SocketAddr, time::Duration};

use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

use super::exit::{CliError, Exit};
use crate::{
    api::{self, ApiConfig},
    client::Client,
    connection::{Connection, ConnectionSettings},
    scheduler::{Scheduler, SchedulerConfig, SchedulerHandle},
    worker::{Worker, WorkerBuilder},
};

/// How long a stopping in-process worker lets its work items finish: short, because the
/// scheduler stops right after it and requeues whatever is left for the next start.
const WORKER_GRACE: Duration = Duration::from_secs(5);

/// Parts running in this process.
#[derive(Debug)]
pub struct LocalStack {
    stop: watch::Sender<bool>,
    api: Option<JoinHandle<std::io::Result<()>>>,
    worker: Option<JoinHandle<Result<(), String>>>,
    scheduler: Option<SchedulerHandle>,
}

impl LocalStack {
    /// An empty stack.
    pub fn new() -> Self {
        Self {
            stop: watch::channel(false).0,
            api: None,
            worker: None,
            scheduler: None,
        }
    }

    /// Opens and serves the embedded scheduler on `addr`; returns its endpoint (`http://...`).
    pub async fn start_scheduler(
        &mut self,
        config: SchedulerConfig,
        addr: SocketAddr,
    ) -> Result<String, CliError> {
        let scheduler = Scheduler::open(config).map_err(unavailable)?;
        let handle = scheduler.spawn(addr).await.map_err(|err| {
            CliError::new(Exit::Unavailable, format!("cannot listen on {addr}: {err}"))
        })?;
        let endpoint = handle.endpoint();
        self.scheduler = Some(handle);
        Ok(endpoint)
    }

    /// Runs a worker on `connection` with what `register` registers, until the stack stops.
    pub fn start_worker(
        &mut self,
        connection: Connection,
        configure: impl FnOnce(WorkerBuilder) -> WorkerBuilder,
    ) {
        let worker = configure(Worker::builder(connection).shutdown_grace(WORKER_GRACE)).build();
        let stopped = self.stopped();
        self.worker = Some(tokio::spawn(async move {
            worker.run(stopped).await.map_err(|err| err.to_string())
        }));
    }

    /// Serves the front door on `listener` with `client`, until the stack stops.
    pub fn start_api(&mut self, listener: TcpListener, client: Client, config: ApiConfig) {
        let stopped = self.stopped();
        self.api = Some(tokio::spawn(api::serve(listener, client, config, stopped)));
    }

    /// Stops every part, the front door first and the scheduler last.
    pub async fn shutdown(mut self) -> Result<(), CliError> {
        let _ = self.stop.send(true);
        if let Some(api) = self.api.take() {
            flatten(
                "the front door",
                api.await.map(|r| r.map_err(|e| e.to_string())),
            )?;
        }
        if let Some(worker) = self.worker.take() {
            flatten("the worker", worker.await)?;
        }
        if let Some(scheduler) = self.scheduler.take() {
            scheduler.shutdown().await.map_err(unavailable)?;
        }
        Ok(())
    }

    /// A future that resolves when the stack stops.
    fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut stop = self.stop.subscribe();
        async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        }
    }
}

impl Default for LocalStack {
    fn default() -> Self {
        Self::new()
    }
}

/// A plaintext, unauthenticated connection to an in-process scheduler's `endpoint`.
pub fn local_connection(endpoint: &str, taskhub: &str) -> Result<Connection, CliError> {
    Connection::resolve(ConnectionSettings {
        endpoint: Some(endpoint.to_owned()),
        taskhub: Some(taskhub.to_owned()),
        ..ConnectionSettings::default()
    })
    .map_err(unavailable)
}

fn unavailable(err: impl std::fmt::Display) -> CliError {
    CliError::new(Exit::Unavailable, err.to_string())
}

fn flatten(
    part: &str,
    joined: Result<Result<(), String>, tokio::task::JoinError>,
) -> Result<(), CliError> {
    match joined {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(unavailable(format!("{part} stopped with an error: {err}"))),
        Err(err) => Err(unavailable(format!("{part} crashed: {err}"))),
    }
}
