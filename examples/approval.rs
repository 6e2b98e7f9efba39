//! The README's worker example, built by `cargo test --all-targets` (`tests/readme.rs` checks that
//! the README shows exactly this program, below this comment). Against `dts-async dev`:
//! `cargo run --example approval`, then `dts-async start --name approve --input '"order-1"'` and
//! `dts-async raise-event <id> approval --data true`.

use std::time::Duration;

use dts_async::connection::{Connection, ConnectionSettings};
use dts_async::worker::{Either, OrchestrationContext, TaskError, Worker, race};

/// Waits up to an hour for an approval, then ships the order or says why not.
async fn approve(ctx: OrchestrationContext, order: String) -> Result<String, TaskError> {
    ctx.set_custom_status(&serde_json::json!({"progress": 0.5, "message": "waiting for approval"}));
    let answer = ctx.wait_for_event::<bool>("approval");
    match race(answer, ctx.create_timer(Duration::from_secs(3600))).await {
        Either::First(approved) => match approved? {
            true => ctx.call_activity("ship", &order).await,
            false => Ok("rejected".into()),
        },
        Either::Second(()) => Ok("timed out".into()),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // ENDPOINT, TASKHUB or DURABLE_TASK_SCHEDULER_CONNECTION_STRING, as every command reads them.
    let settings = ConnectionSettings::from_env();
    let worker = Worker::builder(Connection::resolve(settings)?)
        .orchestrator("approve", approve)
        .activity("ship", |_ctx, order: String| async move {
            Ok::<_, TaskError>(format!("shipped {order}"))
        })
        .build();
    worker
        .run(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
