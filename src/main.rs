//! The `dts-async` binary: parse the command line, run one command, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use dts_async::cli::{Cli, Exit, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Client commands make a handful of calls: one thread starts fastest.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::from(Exit::Unavailable as u8);
        }
    };
    let exit = runtime.block_on(run(cli));
    ExitCode::from(exit as u8)
}
