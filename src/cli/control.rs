//! The control commands: `raise-event`, `terminate`, `suspend`, `resume`, `restart`, `rewind`, `purge`.

use clap::Args;
use serde_json::{Value, json};

use super::{
    args::{ConnectionArgs, OutputFormat, parse_time, read_json_arg},
    exit::{CliError, Exit},
    output::print_json,
};
use crate::client::{PurgeFilter, PurgeOutcome, RuntimeStatus};

/// Flags of `raise-event`.
#[derive(Debug, Args)]
pub struct RaiseEventArgs {
    /// The instance to send the event to
    pub instance_id: String,
    /// The event name (matched case-insensitively by the orchestration)
    pub event_name: String,
    /// Event data: inline JSON, @file, or - for stdin
    #[arg(long)]
    pub data: Option<String>,
}

/// Flags of `terminate`.
#[derive(Debug, Args)]
pub struct TerminateArgs {
    /// The instance to terminate
    pub instance_id: String,
    /// The reason, kept as the orchestration's output
    #[arg(long, conflicts_with = "result")]
    pub reason: Option<String>,
    /// The orchestration's output instead of a reason: inline JSON, @file, or -
    #[arg(long)]
    pub result: Option<String>,
    /// Leave sub-orchestrations running
    #[arg(long)]
    pub no_recursive: bool,
}

/// Flags of `suspend`, `resume` and `rewind`.
#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// The instance
    pub instance_id: String,
    /// Why (plain text, recorded in the history)
    #[arg(long)]
    pub reason: Option<String>,
}

/// Flags of `restart`.
#[derive(Debug, Args)]
pub struct RestartArgs {
    /// The finished instance to run again with the same name and input
    pub instance_id: String,
    /// Run it under a new instance id instead of replacing the old one
    #[arg(long)]
    pub new_id: bool,
}

/// Flags of `purge`.
#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// The finished instance to delete (or use the filters)
    #[arg(required_unless_present_any = ["status", "created_after", "created_before", "all"])]
    pub instance_id: Option<String>,
    /// Delete finished instances with these statuses (repeatable or comma-separated)
    #[arg(long, value_delimiter = ',', conflicts_with = "instance_id")]
    pub status: Vec<RuntimeStatus>,
    /// Delete finished instances created at or after: RFC 3339 time or a duration ago (7d)
    #[arg(long, value_parser = parse_time, conflicts_with = "instance_id")]
    pub created_after: Option<chrono::DateTime<chrono::Utc>>,
    /// Delete finished instances created before: RFC 3339 time or a duration ago (7d)
    #[arg(long, value_parser = parse_time, conflicts_with = "instance_id")]
    pub created_before: Option<chrono::DateTime<chrono::Utc>>,
    /// Delete every finished instance
    #[arg(long, conflicts_with = "instance_id")]
    pub all: bool,
    /// Keep sub-orchestrations
    #[arg(long)]
    pub no_recursive: bool,
}

fn done(format: OutputFormat, text: String, document: Value) -> Result<Exit, CliError> {
    match format {
        OutputFormat::Text => println!("{text}"),
        OutputFormat::Json | OutputFormat::Jsonl => {
            print_json(&document, format == OutputFormat::Json)
        }
    }
    Ok(Exit::Success)
}

/// Runs `raise-event`.
pub async fn raise_event(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: RaiseEventArgs,
) -> Result<Exit, CliError> {
    let data = args
        .data
        .as_deref()
        .map(|d| read_json_arg("event data", d))
        .transpose()?;
    let client = conn.client().await?;
    client
        .raise_event(&args.instance_id, &args.event_name, data)
        .await?;
    done(
        format,
        format!("raised {} on {}", args.event_name, args.instance_id),
        json!({"instance_id": args.instance_id, "event": args.event_name, "raised": true}),
    )
}

/// Runs `terminate`.
pub async fn terminate(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: TerminateArgs,
) -> Result<Exit, CliError> {
    let output = match (&args.result, &args.reason) {
        (Some(result), _) => Some(read_json_arg("result", result)?),
        (None, Some(reason)) => Some(json!(reason).to_string()),
        (None, None) => None,
    };
    let client = conn.client().await?;
    // A terminate request for an unknown id is accepted silently by some servers: look first.
    require_instance(&client, &args.instance_id).await?;
    client
        .terminate(&args.instance_id, output, !args.no_recursive)
        .await?;
    done(
        format,
        format!("terminate requested for {}", args.instance_id),
        json!({"instance_id": args.instance_id, "action": "terminate", "recursive": !args.no_recursive}),
    )
}

/// Runs `suspend`.
pub async fn suspend(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: ReasonArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    client.suspend(&args.instance_id, args.reason).await?;
    done(
        format,
        format!("suspend requested for {}", args.instance_id),
        json!({"instance_id": args.instance_id, "action": "suspend"}),
    )
}

/// Runs `resume`.
pub async fn resume(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: ReasonArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    client.resume(&args.instance_id, args.reason).await?;
    done(
        format,
        format!("resume requested for {}", args.instance_id),
        json!({"instance_id": args.instance_id, "action": "resume"}),
    )
}

/// Runs `rewind`.
pub async fn rewind(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: ReasonArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    client.rewind(&args.instance_id, args.reason).await?;
    done(
        format,
        format!("rewind requested for {}", args.instance_id),
        json!({"instance_id": args.instance_id, "action": "rewind"}),
    )
}

/// Runs `restart`.
pub async fn restart(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: RestartArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    let new_id = client.restart(&args.instance_id, args.new_id).await?;
    match format {
        OutputFormat::Text => println!("{new_id}"),
        _ => print_json(
            &json!({"instance_id": new_id, "restarted_from": args.instance_id}),
            format == OutputFormat::Json,
        ),
    }
    Ok(Exit::Success)
}

/// Runs `purge`.
pub async fn purge(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: PurgeArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    let recursive = !args.no_recursive;
    let outcome: PurgeOutcome = match &args.instance_id {
        Some(id) => {
            require_instance(&client, id).await?;
            client.purge(id, recursive).await?
        }
        None => {
            if let Some(running) = args.status.iter().find(|s| !s.is_terminal()) {
                return Err(CliError::usage(format!(
                    "only finished instances can be purged; {running} is not a finished status"
                )));
            }
            let filter = PurgeFilter {
                created_from: args.created_after,
                created_to: args.created_before,
                statuses: args.status.clone(),
            };
            client.purge_where(&filter, recursive).await?
        }
    };
    let mut text = format!("purged {} instance(s)", outcome.deleted);
    if outcome.complete == Some(false) {
        text.push_str(" (more remain: run purge again)");
    }
    done(
        format,
        text,
        json!({"deleted": outcome.deleted, "complete": outcome.complete}),
    )
}

async fn require_instance(
    client: &crate::client::Client,
    instance_id: &str,
) -> Result<(), CliError> {
    match client.get(instance_id, false).await? {
        Some(_) => Ok(()),
        None => Err(crate::client::ClientError::NotFound {
            instance_id: instance_id.to_owned(),
            endpoint: client.endpoint().to_owned(),
        }
        .into()),
    }
}
