//! `dts-async status`: show one instance.

use clap::Args;

use super::{
    args::{ConnectionArgs, OutputFormat},
    exit::{CliError, Exit},
    output::{instance_json, instance_table, print_json, print_table},
};
use crate::client::ClientError;

/// Flags of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The instance to show
    pub instance_id: String,
    /// Show the input (text output; JSON output always has it)
    #[arg(long)]
    pub show_input: bool,
    /// Show the output (text output; JSON output always has it)
    #[arg(long)]
    pub show_output: bool,
}

/// Runs `status`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: StatusArgs,
) -> Result<Exit, CliError> {
    let client = conn.client().await?;
    let with_payloads = format != OutputFormat::Text || args.show_input || args.show_output;
    let state = client
        .get(&args.instance_id, with_payloads)
        .await?
        .ok_or_else(|| ClientError::NotFound {
            instance_id: args.instance_id.clone(),
            endpoint: client.endpoint().to_owned(),
        })?;
    match format {
        OutputFormat::Text => {
            print_table(&instance_table(&state, args.show_input, args.show_output))
        }
        OutputFormat::Json | OutputFormat::Jsonl => {
            print_json(&instance_json(&state), format == OutputFormat::Json)
        }
    }
    Ok(Exit::Success)
}
