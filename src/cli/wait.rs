//! `dts-async wait`: block until an orchestration finishes, showing its progress, and exit with a
//! code that says how it ended. Also the tail of `start --wait`.

use std::{
    pin::pin,
    time::{Duration, Instant},
};

use clap::Args;
use serde_json::json;

use super::{
    args::{ConnectionArgs, OutputFormat, parse_duration},
    exit::{CliError, Exit},
    output::{instance_json, pretty_payload, print_json, stderr_is_tty},
    progress::{Display, POLL_INTERVAL},
};
use crate::client::{Client, ClientError, InstanceState, RuntimeStatus};

/// The longest single blocking wait we ask of a server: DTS cuts idle requests at about 4 minutes,
/// so a wait is re-issued well before that.
pub const WAIT_CHUNK: Duration = Duration::from_secs(180);

/// Backoff bounds while the endpoint is unavailable during a wait.
const RETRY_FIRST: Duration = Duration::from_millis(100);
const RETRY_MAX: Duration = Duration::from_secs(5);

/// Flags of `wait`.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The instance to wait for
    pub instance_id: String,
    #[command(flatten)]
    pub wait: WaitFlags,
}

/// The flags `wait` and `start --wait` share.
#[derive(Debug, Clone, Args)]
pub struct WaitFlags {
    /// Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h
    #[arg(long, value_parser = parse_duration)]
    pub timeout: Option<Duration>,
    /// On Ctrl-C, terminate the orchestration instead of leaving it running
    #[arg(long)]
    pub cancel_on_interrupt: bool,
}

/// How a wait ended.
#[derive(Debug)]
pub enum WaitEnd {
    /// The instance finished (completed, failed, terminated).
    Finished(InstanceState),
    /// The timeout passed first; the last state seen.
    TimedOut(InstanceState),
    /// Ctrl-C; the last state seen.
    Interrupted(InstanceState),
}

/// Runs `wait`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: WaitArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    wait_and_report(&client, &args.instance_id, &args.wait, format).await
}

/// Waits for `instance_id` and prints the outcome in `format`; returns the exit code.
pub async fn wait_and_report(
    client: &Client,
    instance_id: &str,
    flags: &WaitFlags,
    format: OutputFormat,
) -> Result<Exit, CliError> {
    let mut display = Display::choose(format == OutputFormat::Jsonl, stderr_is_tty());
    let end = wait(client, instance_id, flags.timeout, &mut display).await;
    display.finish();
    match end? {
        WaitEnd::Finished(state) => Ok(report_finished(&state, format)),
        WaitEnd::TimedOut(state) => {
            report_state(&state, format, "timeout");
            eprintln!(
                "timed out: {instance_id} is still {} (it keeps running; wait again with `dts-async wait {instance_id}`)",
                state.status_label()
            );
            Ok(Exit::Timeout)
        }
        WaitEnd::Interrupted(state) => {
            if flags.cancel_on_interrupt {
                client
                    .terminate(
                        instance_id,
                        Some(json!("canceled by interrupt").to_string()),
                        true,
                    )
                    .await?;
                eprintln!("interrupted: terminate requested for {instance_id}");
            } else {
                eprintln!(
                    "interrupted: {instance_id} is still {} and keeps running; follow it with `dts-async wait {instance_id}`",
                    state.status_label()
                );
            }
            Ok(Exit::Interrupted)
        }
    }
}

/// Waits until the instance finishes, the timeout passes, or Ctrl-C. Completion is noticed through
/// the server's blocking `WaitForInstanceCompletion`; a light `GetInstance` poll only feeds the
/// display.
pub async fn wait(
    client: &Client,
    instance_id: &str,
    timeout: Option<Duration>,
    display: &mut Display,
) -> Result<WaitEnd, CliError> {
    let Some(mut last) = client.get(instance_id, false).await? else {
        return Err(not_found(client, instance_id));
    };
    if last.is_terminal() {
        return Ok(WaitEnd::Finished(fetch_final(client, instance_id).await?));
    }
    display.observe(&last);
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut blocking = pin!(block_until_done(client, instance_id, deadline));
    let mut interrupt = pin!(tokio::signal::ctrl_c());
    let mut next_poll = tokio::time::Instant::now() + POLL_INTERVAL;
    loop {
        tokio::select! {
            done = &mut blocking => {
                return match done? {
                    Some(state) => Ok(WaitEnd::Finished(state)),
                    None => {
                        // The deadline passed: report the freshest state we can get.
                        if let Ok(Some(state)) = client.get(instance_id, false).await {
                            last = state;
                        }
                        Ok(WaitEnd::TimedOut(last))
                    }
                };
            }
            _ = &mut interrupt => return Ok(WaitEnd::Interrupted(last)),
            _ = tokio::time::sleep_until(next_poll), if display.wants_updates() => {
                next_poll += POLL_INTERVAL;
                if let Ok(Some(state)) = client.get(instance_id, false).await {
                    display.observe(&state);
                    last = state;
                }
            }
        }
    }
}

/// Issues blocking waits until the instance is terminal (`Some`) or the deadline passes (`None`),
/// re-issuing before server idle limits and backing off while the endpoint is unavailable.
async fn block_until_done(
    client: &Client,
    instance_id: &str,
    deadline: Option<Instant>,
) -> Result<Option<InstanceState>, CliError> {
    let mut backoff = RETRY_FIRST;
    loop {
        let remaining = match deadline {
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => left,
                _ => return Ok(None),
            },
            None => WAIT_CHUNK,
        };
        let chunk = remaining.min(WAIT_CHUNK);
        let issued = Instant::now();
        match client.wait_for_completion(instance_id, true, chunk).await {
            Ok(Some(state)) if state.is_terminal() => return Ok(Some(state)),
            // Our own deadline ran out: the instance is still running, ask again at once.
            Err(ClientError::DeadlineExceeded) if issued.elapsed() >= chunk / 2 => {
                backoff = RETRY_FIRST
            }
            // A server that answers before the end is not blocking as it should; do not spin on it.
            Ok(Some(_)) => tokio::time::sleep(RETRY_FIRST.min(remaining)).await,
            Ok(None) => return Err(not_found(client, instance_id)),
            // An unavailable endpoint, or a proxy or server that cut the wait early (a transient
            // DEADLINE_EXCEEDED): back off rather than spin on it.
            Err(err) if err.is_transient() => {
                tokio::time::sleep(backoff.min(remaining)).await;
                backoff = (backoff * 2).min(RETRY_MAX);
            }
            Err(err) => return Err(err.into()),
        }
    }
}

async fn fetch_final(client: &Client, instance_id: &str) -> Result<InstanceState, CliError> {
    client
        .get(instance_id, true)
        .await?
        .ok_or_else(|| not_found(client, instance_id))
}

fn not_found(client: &Client, instance_id: &str) -> CliError {
    CliError::from(ClientError::NotFound {
        instance_id: instance_id.to_owned(),
        endpoint: client.endpoint().to_owned(),
    })
}

/// The exit code for a finished instance.
pub fn exit_for(state: &InstanceState) -> Exit {
    match state.runtime_status {
        Some(RuntimeStatus::Completed) => Exit::Success,
        Some(RuntimeStatus::Failed) => Exit::Failed,
        Some(RuntimeStatus::Terminated | RuntimeStatus::Canceled) => Exit::Terminated,
        _ => Exit::Unavailable,
    }
}

fn outcome_word(state: &InstanceState) -> &'static str {
    match exit_for(state) {
        Exit::Success => "completed",
        Exit::Failed => "failed",
        Exit::Terminated => "terminated",
        _ => "unknown",
    }
}

/// Prints a finished instance: its output on stdout (JSON document in json modes), the failure on
/// stderr; returns the exit code.
pub fn report_finished(state: &InstanceState, format: OutputFormat) -> Exit {
    report_state(state, format, outcome_word(state));
    let exit = exit_for(state);
    let took = match (
        state.created_at,
        state.completed_at.or(state.last_updated_at),
    ) {
        (Some(start), Some(end)) => format!(
            " after {:.1}s",
            (end - start).num_milliseconds() as f64 / 1000.0
        ),
        _ => String::new(),
    };
    match exit {
        Exit::Failed => {
            let why = state
                .failure
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_else(|| "no failure details".to_owned());
            eprintln!("{} failed{took}: {why}", state.instance_id);
        }
        Exit::Terminated => eprintln!("{} was terminated{took}", state.instance_id),
        _ if format == OutputFormat::Text && stderr_is_tty() => {
            eprintln!("{} {}{took}", state.instance_id, outcome_word(state));
        }
        _ => {}
    }
    exit
}

fn report_state(state: &InstanceState, format: OutputFormat, outcome: &str) {
    match format {
        OutputFormat::Text => {
            if state.runtime_status == Some(RuntimeStatus::Completed) {
                println!("{}", pretty_payload(state.output.as_deref()));
            }
        }
        OutputFormat::Json => print_json(&instance_json(state), true),
        OutputFormat::Jsonl => {
            let mut line = instance_json(state);
            line["event"] = json!("outcome");
            line["outcome"] = json!(outcome);
            print_json(&line, false);
        }
    }
}
