//! `dts-async serve-worker`: a Durable Task worker hosting the async operation (and the benchmark
//! workloads) on any endpoint, until Ctrl-C or SIGTERM.

use std::time::Duration;

use clap::Args;

use super::{
    args::{ConnectionArgs, parse_duration},
    exit::{CliError, Exit},
    logging::LogArgs,
    runtime::{on_all_cores, stop_signal},
};
use crate::{bench, worker::Worker};

/// Flags of `serve-worker`.
#[derive(Debug, Args)]
pub struct ServeWorkerArgs {
    /// Orchestration work items run at once [default: 100 per core]
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent_orchestrations: Option<u32>,
    /// Activity work items run at once [default: 100 per core]
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent_activities: Option<u32>,
    /// After Ctrl-C or SIGTERM, how long in-flight work items may finish before they are handed
    /// back to the scheduler for another worker
    #[arg(long, value_parser = parse_duration, default_value = "30s")]
    pub shutdown_grace: Duration,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub log: LogArgs,
}

/// Runs `serve-worker`.
pub async fn run(conn: &ConnectionArgs, args: ServeWorkerArgs) -> Result<Exit, CliError> {
    let connection = conn.connection()?;
    on_all_cores(async move {
        args.log.init();
        let mut builder = Worker::builder(connection)
            .with(bench::register)
            .shutdown_grace(args.shutdown_grace);
        if let Some(limit) = args.max_concurrent_orchestrations {
            builder = builder.max_concurrent_orchestrations(limit as usize);
        }
        if let Some(limit) = args.max_concurrent_activities {
            builder = builder.max_concurrent_activities(limit as usize);
        }
        let worker = builder.build();
        tracing::info!(
            "serve-worker {} hosting {}; Ctrl-C or SIGTERM stops it",
            env!("CARGO_PKG_VERSION"),
            worker.registry().orchestrator_names()
        );
        worker
            .run(stop_signal())
            .await
            .map_err(|err| CliError::new(Exit::Usage, err.to_string()))?;
        tracing::info!("serve-worker stopped");
        Ok(Exit::Success)
    })
    .await
}
