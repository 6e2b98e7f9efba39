//! What the long-running commands share: a runtime on every core, and the stop signal.

use std::future::Future;

use super::exit::{CliError, Exit};

/// Tasks a runtime thread polls before it looks for I/O events and at the shared queue (tokio
/// polls 61, and tunes the second from how long polls take). Under load the servers have
/// hundreds of runnable tasks, and checking less often measured about 5% more orchestrations/s
/// (`bench --embedded`, A/B); an idle thread still checks both at once.
const POLLS_BETWEEN_CHECKS: u32 = 200;

/// Runs `command` on a multi-threaded runtime of its own: the servers, workers and benchmarks
/// want every core, while the client commands start fastest on the binary's single thread.
pub async fn on_all_cores<F>(command: F) -> Result<Exit, CliError>
where
    F: Future<Output = Result<Exit, CliError>> + Send + 'static,
{
    tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .event_interval(POLLS_BETWEEN_CHECKS)
            .global_queue_interval(POLLS_BETWEEN_CHECKS)
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
