//! `dts-async list`: find instances by status, creation time and id prefix, paging transparently.

use clap::Args;
use comfy_table::Cell;
use serde_json::Value;

use super::{
    args::{ConnectionArgs, OutputFormat, parse_time},
    exit::{CliError, Exit},
    output::{age, instance_json, print_json, print_table, status_cell, table},
};
use crate::client::{InstanceQuery, InstanceState, RuntimeStatus};

/// The most instances asked for in one page.
const PAGE_SIZE: u32 = 500;

/// Flags of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (repeatable or comma-separated): running, completed, failed, ...
    #[arg(long = "status", value_delimiter = ',')]
    pub statuses: Vec<RuntimeStatus>,
    /// Created at or after: RFC 3339 time, or a duration ago (2h)
    #[arg(long, value_parser = parse_time)]
    pub created_after: Option<chrono::DateTime<chrono::Utc>>,
    /// Created before: RFC 3339 time, or a duration ago (2h)
    #[arg(long, value_parser = parse_time)]
    pub created_before: Option<chrono::DateTime<chrono::Utc>>,
    /// Only ids starting with this text
    #[arg(long)]
    pub prefix: Option<String>,
    /// Show at most this many (0 for all)
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Include inputs and outputs (JSON output)
    #[arg(long)]
    pub with_payloads: bool,
}

/// Runs `list`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: ListArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let mut query = InstanceQuery {
        statuses: args.statuses,
        created_from: args.created_after,
        created_to: args.created_before,
        id_prefix: args.prefix,
        page_size: PAGE_SIZE,
        with_payloads: args.with_payloads,
    };
    let mut instances: Vec<InstanceState> = Vec::new();
    let mut continuation = None;
    loop {
        query.page_size = PAGE_SIZE.min((limit - instances.len()).min(u32::MAX as usize) as u32);
        let page = client.query(&query, continuation).await?;
        for state in page.instances {
            if instances.len() < limit {
                if format == OutputFormat::Jsonl {
                    print_json(&instance_json(&state), false);
                }
                instances.push(state);
            }
        }
        continuation = page.continuation;
        if continuation.is_none() || instances.len() >= limit {
            break;
        }
    }
    match format {
        OutputFormat::Jsonl => {}
        OutputFormat::Json => print_json(
            &Value::Array(instances.iter().map(instance_json).collect()),
            true,
        ),
        OutputFormat::Text => print_list(&instances),
    }
    Ok(Exit::Success)
}

fn print_list(instances: &[InstanceState]) {
    if instances.is_empty() {
        eprintln!("no instances match");
        return;
    }
    let mut table = table();
    table.set_header(vec!["INSTANCE ID", "NAME", "STATUS", "CREATED", "UPDATED"]);
    for state in instances {
        let when = |time: Option<chrono::DateTime<chrono::Utc>>| {
            time.map(age).unwrap_or_else(|| "-".into())
        };
        table.add_row(vec![
            Cell::new(&state.instance_id),
            Cell::new(&state.name),
            status_cell(state),
            Cell::new(when(state.created_at)),
            Cell::new(when(state.last_updated_at)),
        ]);
    }
    print_table(&table);
}
