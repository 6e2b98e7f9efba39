//! `dts-async dev`: the embedded scheduler, our worker (hosting the async operation and the
//! benchmark workloads) and the HTTP front door in one process, stopped by one Ctrl-C.

use std::net::SocketAddr;

use clap::Args;

use super::{
    exit::{CliError, Exit},
    logging::LogArgs,
    runtime::{on_all_cores, stop_signal},
    serve_scheduler::StorageArgs,
    stack::{LocalStack, local_connection},
};
use crate::{
    api::{self, ApiConfig},
    bench,
    client::Client,
};

/// Flags of `dev`.
#[derive(Debug, Args)]
pub struct DevArgs {
    /// Address of the scheduler's gRPC endpoint (the emulator's port by default)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Address of the HTTP front door (the sample's port by default)
    #[arg(long, default_value = "127.0.0.1:8000")]
    pub api_listen: String,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub storage: StorageArgs,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub log: LogArgs,
}

/// Runs `dev` until Ctrl-C or SIGTERM.
pub async fn run(args: DevArgs) -> Result<Exit, CliError> {
    on_all_cores(serve(args)).await
}

async fn serve(args: DevArgs) -> Result<Exit, CliError> {
    args.log.init();
    // The front door's address is checked first: a refusal must not leave a scheduler running.
    let api_listener = api::bind(&args.api_listen, false)
        .await
        .map_err(|err| CliError::new(Exit::Unavailable, err.to_string()))?;
    let api_addr = api_listener
        .local_addr()
        .map_err(|err| CliError::new(Exit::Unavailable, err.to_string()))?;
    let (config, shown) = args.storage.config();
    let mut stack = LocalStack::new();
    let endpoint = stack.start_scheduler(config, args.listen).await?;
    stack.start_worker(local_connection(&endpoint, "default")?, |builder| {
        builder.with(bench::register)
    });
    let client = Client::connect(&local_connection(&endpoint, "default")?)
        .await
        .map_err(|err| CliError::new(Exit::Unavailable, err.to_string()))?;
    stack.start_api(api_listener, client, ApiConfig::default());
    let api = format!("http://{api_addr}");
    println!("dts-async dev: scheduler, worker and HTTP front door (Ctrl-C stops all three)");
    println!("  scheduler (gRPC)  {endpoint}  task hub default");
    println!("  database          {shown}");
    println!("  HTTP front door   {api}  (OpenAPI: {api}/openapi.json)");
    println!();
    println!("Next, in another terminal:");
    println!(
        "  curl -si -X POST {api}/api/operations -H 'content-type: application/json' -d '{{\"processing_time\": 5}}'"
    );
    println!("  curl -s '{api}/api/operations/<id>?wait=10'");
    println!("  dts-async --endpoint {endpoint} start --processing-time 5 --wait");
    println!("  dts-async --endpoint {endpoint} list");
    println!("  dts-async --endpoint {endpoint} bench --count 2000");
    stop_signal().await;
    eprintln!("stopping: the front door, then the worker, then the scheduler");
    stack.shutdown().await?;
    Ok(Exit::Success)
}
