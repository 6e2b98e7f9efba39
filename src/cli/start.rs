//! `dts-async start`: start an orchestration, print its id, and optionally wait for it.

use std::collections::HashMap;

use chrono::Utc;
use clap::Args;
use serde_json::json;

use super::{
    args::{ConnectionArgs, OutputFormat, parse_duration, parse_time, read_json_arg},
    exit::{CliError, Exit},
    output::{print_json, stderr_is_tty},
    wait::{WaitFlags, wait_and_report},
};
use crate::{
    client::{ClientError, RuntimeStatus, StartRequest},
    limits::check_instance_id,
};

/// The orchestration of the async-operation pattern, started when no `--name` is given.
pub const DEFAULT_ORCHESTRATION: &str = "async_http_api_orchestrator";

/// Flags of `start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Orchestration name
    #[arg(long, default_value = DEFAULT_ORCHESTRATION)]
    pub name: String,
    /// Input: inline JSON, @file, or - for stdin
    #[arg(long, conflicts_with = "processing_time")]
    pub input: Option<String>,
    /// Shorthand for the sample's input {"operation_id": <id>, "processing_time": N}
    #[arg(long, value_name = "SECONDS")]
    pub processing_time: Option<f64>,
    /// Instance id [default: a new random id]
    #[arg(long)]
    pub id: Option<String>,
    /// If an instance with --id exists, use it instead of failing (exit 7); nothing is started twice
    #[arg(long, requires = "id")]
    pub reuse_existing: bool,
    /// If an instance with --id exists and has finished, replace it with a new run
    #[arg(long, requires = "id", conflicts_with = "reuse_existing")]
    pub replace_finished: bool,
    /// Tag to keep with the instance (repeatable): key=value
    #[arg(long = "tag", value_name = "KEY=VALUE", value_parser = parse_tag)]
    pub tags: Vec<(String, String)>,
    /// Orchestration version
    #[arg(long)]
    pub version: Option<String>,
    /// Start no earlier than this: RFC 3339 time
    #[arg(long, value_parser = parse_time, conflicts_with = "delay")]
    pub start_at: Option<chrono::DateTime<Utc>>,
    /// Start after this delay: 30s, 5m, 2h
    #[arg(long, value_parser = parse_duration)]
    pub delay: Option<std::time::Duration>,
    /// Wait for the orchestration to finish, then exit as `wait` does
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub wait_flags: WaitFlags,
}

fn parse_tag(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not key=value")),
    }
}

/// Runs `start`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: StartArgs,
) -> Result<Exit, CliError> {
    // Everything is checked before the endpoint is contacted: a rejected start starts nothing.
    let instance_id = match &args.id {
        Some(id) => {
            check_instance_id(id)?;
            id.clone()
        }
        None => uuid::Uuid::new_v4().simple().to_string(),
    };
    let input = match (&args.input, args.processing_time) {
        (Some(input), _) => Some(read_json_arg("input", input)?),
        (None, Some(seconds)) if seconds.is_finite() && seconds >= 0.0 => {
            Some(json!({"operation_id": instance_id, "processing_time": seconds}).to_string())
        }
        (None, Some(_)) => {
            return Err(CliError::usage(
                "--processing-time must be a number of seconds, 0 or more",
            ));
        }
        (None, None) => None,
    };
    let scheduled_start = match (args.start_at, args.delay) {
        (Some(at), _) => Some(at),
        (None, Some(delay)) => Some(
            Utc::now()
                + chrono::Duration::from_std(delay)
                    .map_err(|_| CliError::usage("--delay is out of range"))?,
        ),
        (None, None) => None,
    };
    let client = conn.client().await?;
    let request = StartRequest {
        name: args.name.clone(),
        instance_id: Some(instance_id.clone()),
        input,
        scheduled_start,
        tags: args.tags.iter().cloned().collect::<HashMap<_, _>>(),
        version: args.version.clone(),
        replaceable: if args.replace_finished {
            vec![
                RuntimeStatus::Completed,
                RuntimeStatus::Failed,
                RuntimeStatus::Terminated,
            ]
        } else {
            Vec::new()
        },
    };
    let (instance_id, reused) = match client.start(request).await {
        Ok(id) => (id, false),
        Err(ClientError::AlreadyExists { .. }) if args.reuse_existing => (instance_id, true),
        Err(ClientError::AlreadyExists { instance_id, .. }) => {
            return Err(CliError::new(
                Exit::Conflict,
                format!(
                    "an instance {instance_id:?} already exists; pass --reuse-existing to use it, \
                     or --replace-finished to start it again once finished"
                ),
            ));
        }
        Err(err) => return Err(err.into()),
    };
    if reused {
        eprintln!("using the existing instance {instance_id}");
    }
    if args.wait {
        if stderr_is_tty() {
            eprintln!("started {} as {instance_id}", args.name);
        }
        return wait_and_report(&client, &instance_id, &args.wait_flags, format).await;
    }
    match format {
        OutputFormat::Text => {
            println!("{instance_id}");
            if stderr_is_tty() {
                eprintln!(
                    "started {} as {instance_id}; follow it with `dts-async wait {instance_id}`",
                    args.name
                );
            }
        }
        OutputFormat::Json | OutputFormat::Jsonl => print_json(
            &json!({"instance_id": instance_id, "name": args.name, "reused": reused}),
            format == OutputFormat::Json,
        ),
    }
    Ok(Exit::Success)
}
