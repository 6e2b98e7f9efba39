//! `dts-async serve-api`: the HTTP front door of the pattern, in front of any Durable Task endpoint.

use std::time::Duration;

use clap::Args;

use super::{
    args::{ConnectionArgs, parse_duration},
    exit::{CliError, Exit},
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
}

/// Runs `serve-api` until Ctrl-C or SIGTERM.
pub async fn run(conn: &ConnectionArgs, args: ServeApiArgs) -> Result<Exit, CliError> {
    if args.api_key.as_deref().is_some_and(str::is_empty) {
        return Err(CliError::usage("--api-key must not be empty"));
    }
    let connection = conn.connection()?;
    // The binary runs client commands on a single-threaded runtime; a server should use every
    // core, so it runs on its own multi-threaded runtime, on a thread of its own.
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let outcome = match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime.block_on(serve(connection, args)),
            Err(err) => Err(CliError::new(
                Exit::Unavailable,
                format!("cannot start the server runtime: {err}"),
            )),
        };
        let _ = done_tx.send(outcome);
    });
    done_rx.await.unwrap_or_else(|_| {
        Err(CliError::new(
            Exit::Unavailable,
            "the server thread stopped unexpectedly",
        ))
    })
}

async fn serve(
    connection: crate::connection::Connection,
    args: ServeApiArgs,
) -> Result<Exit, CliError> {
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
    api::serve(listener, client, config, shutdown_signal())
        .await
        .map_err(|err| CliError::new(Exit::Unavailable, format!("the server failed: {err}")))?;
    eprintln!("dts-async serve-api stopped");
    Ok(Exit::Success)
}

/// Resolves on Ctrl-C, or on SIGTERM (how service managers and containers stop a process).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
