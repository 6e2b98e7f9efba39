//! What the long-running commands share: a runtime on every core, and the stop signal.

use std::future::Future;

use super::exit::{CliError, Exit};

/// Runs `command` on a multi-threaded runtime of its own: the servers, workers and benchmarks
/// want every core, while the client commands start fastest on the binary's single thread.
pub async fn on_all_cores<F>(command: F) -> Result<Exit, CliError>
where
    F: Future<Output = Result<Exit, CliError>> + Send + 'static,
{
    tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|err| {
                CliError::new(
                    Exit::Unavailable,
                    format!("cannot start the runtime: {err}"),
                )
            })?;
        runtime.block_on(command)
    })
    .await
    .map_err(|err| CliError::new(Exit::Unavailable, format!("the command crashed: {err}")))?
}

/// Resolves at the first Ctrl-C (SIGINT) or SIGTERM.
pub async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
