//! The command line of the `dts-async` binary: one definition of every flag (help and completions
//! are generated from it), and the dispatch of one command to its module.

mod args;
mod bench;
mod completions;
mod control;
mod demo;
mod dev;
mod exit;
mod history;
mod list;
mod logging;
mod output;
mod progress;
mod runtime;
mod serve_api;
mod serve_scheduler;
mod serve_worker;
mod stack;
mod start;
mod status;
mod wait;

use std::io::Write;

use clap::{Parser, Subcommand};

pub use self::{
    args::{ConnectionArgs, OutputFormat},
    completions::{SHELL_FILES, script as completion_script},
    exit::{CliError, EXIT_CODES_HELP, Exit},
};

/// dts-async: start, follow and control durable long-running operations on any Durable Task endpoint.
#[derive(Debug, Parser)]
#[command(name = "dts-async", version, about, after_help = EXIT_CODES_HELP, max_term_width = 110)]
pub struct Cli {
    #[allow(missing_docs)]
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// Output format on stdout
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub output: OutputFormat,
    #[allow(missing_docs)]
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an orchestration (the async operation by default) and print its id
    Start(start::StartArgs),
    /// Show one instance
    Status(status::StatusArgs),
    /// Wait for an instance to finish, showing its progress; the exit code says how it ended
    Wait(wait::WaitArgs),
    /// List instances by status, creation time and id prefix
    List(list::ListArgs),
    /// Show the history events of an instance
    History(history::HistoryArgs),
    /// Send an external event to an instance
    RaiseEvent(control::RaiseEventArgs),
    /// Terminate an instance (and its sub-orchestrations)
    Terminate(control::TerminateArgs),
    /// Suspend an instance
    Suspend(control::ReasonArgs),
    /// Resume a suspended instance
    Resume(control::ReasonArgs),
    /// Run a finished instance again with the same name and input
    Restart(control::RestartArgs),
    /// Rewind a failed instance so its failed steps run again
    Rewind(control::ReasonArgs),
    /// Delete finished instances and their history
    Purge(control::PurgeArgs),
    /// Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)
    ServeScheduler(serve_scheduler::ServeSchedulerArgs),
    /// Run a Durable Task worker hosting the async operation (and the benchmark workloads)
    ServeWorker(serve_worker::ServeWorkerArgs),
    /// Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP
    ServeApi(serve_api::ServeApiArgs),
    /// Scheduler, worker and HTTP front door in one process, for local development
    Dev(dev::DevArgs),
    /// The whole async request-reply pattern in one command, with nothing else running
    Demo(demo::DemoArgs),
    /// Measure throughput and latency of an endpoint under a standard workload
    Bench(bench::BenchArgs),
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Runs one parsed command line and returns its exit code; errors are printed on stderr.
pub async fn run(cli: Cli) -> Exit {
    let conn = &cli.connection;
    let format = cli.output;
    let outcome = match cli.command {
        Command::Start(args) => start::run(conn, format, args).await,
        Command::Status(args) => status::run(conn, format, args).await,
        Command::Wait(args) => wait::run(conn, format, args).await,
        Command::List(args) => list::run(conn, format, args).await,
        Command::History(args) => history::run(conn, format, args).await,
        Command::RaiseEvent(args) => control::raise_event(conn, format, args).await,
        Command::Terminate(args) => control::terminate(conn, format, args).await,
        Command::Suspend(args) => control::suspend(conn, format, args).await,
        Command::Resume(args) => control::resume(conn, format, args).await,
        Command::Restart(args) => control::restart(conn, format, args).await,
        Command::Rewind(args) => control::rewind(conn, format, args).await,
        Command::Purge(args) => control::purge(conn, format, args).await,
        Command::ServeScheduler(args) => serve_scheduler::run(args).await,
        Command::ServeWorker(args) => serve_worker::run(conn, args).await,
        Command::ServeApi(args) => serve_api::run(conn, args).await,
        Command::Dev(args) => dev::run(args).await,
        Command::Demo(args) => demo::run(args).await,
        Command::Bench(args) => bench::run(conn, format, args).await,
        Command::Completions { shell } => {
            let _ = std::io::stdout().write_all(&completions::script(shell));
            Ok(Exit::Success)
        }
    };
    outcome.unwrap_or_else(|err| {
        eprintln!("error: {err}");
        err.exit
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
