//! `dts-async serve-api`: the HTTP front door of the pattern, in front of any Durable Task endpoint.

use std::time::Duration;

use clap::Args;

use super::{
    args::{ConnectionArgs, parse_duration},
    exit::{CliError, Exit},
    logging::LogArgs,
    runtime::{on_all_cores, stop_signal},
};
use crate::{
    api::{self, ApiConfig},
    client::Client,
};

/// Flags of `serve-api`.
#[derive(Debug, Args)]
pub struct ServeApiArgs {
    /// Address to listen on (host:port); only loopback unless --allow-remote
    #[arg(long, env = "DTS_API_LISTEN", default_value = api::DEFAULT_LISTEN)]
    pub listen: String,
    /// Allow listening on an address reachable from other machines (set --api-key too)
    #[arg(long)]
    pub allow_remote: bool,
    /// Require `Authorization: Bearer <key>` on every /api/ request
    #[arg(long, env = "DTS_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Orchestration started by POST /api/operations and /api/start-operation
    #[arg(long, default_value = api::DEFAULT_ORCHESTRATION)]
    pub orchestration: String,
    /// Longest hold of GET /api/operations/{id}?wait=N
    #[arg(long, value_parser = parse_duration, default_value = "55s")]
    pub max_wait: Duration,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub log: LogArgs,
}

/// Runs `serve-api` until Ctrl-C or SIGTERM.
pub async fn run(conn: &ConnectionArgs, args: ServeApiArgs) -> Result<Exit, CliError> {
    if args.api_key.as_deref().is_some_and(str::is_empty) {
        return Err(CliError::usage("--api-key must not be empty"));
    }
    let connection = conn.connection()?;
    on_all_cores(serve(connection, args)).await
}

async fn serve(
    connection: crate::connection::Connection,
    args: ServeApiArgs,
) -> Result<Exit, CliError> {
    args.log.init();
    let listener = api::bind(&args.listen, args.allow_remote)
        .await
        .map_err(|err| CliError::usage(err.to_string()))?;
    let client = Client::connect(&connection).await?;
    let address = listener
        .local_addr()
        .map_err(|err| CliError::new(Exit::Unavailable, err.to_string()))?;
    let config = ApiConfig {
        orchestration: args.orchestration,
        max_wait: args.max_wait,
        api_key: args.api_key,
    };
    eprintln!(
        "dts-async serve-api listening on http://{address} (backend {}, task hub {}){}",
        client.endpoint(),
        connection.taskhub(),
        if config.api_key.is_some() {
            ", API key required"
        } else {
            ""
        }
    );
    eprintln!(
        "try: curl -i -X POST http://{address}/api/operations -H 'Content-Type: application/json' -d '{{\"processing_time\": 5}}'"
    );
    api::serve(listener, client, config, stop_signal())
        .await
        .map_err(|err| CliError::new(Exit::Unavailable, format!("the server failed: {err}")))?;
    eprintln!("dts-async serve-api stopped");
    Ok(Exit::Success)
}
