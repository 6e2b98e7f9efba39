//! The `dts-async` binary: parse the command line, run one command, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use dts_async::cli::{Cli, Exit, run};

/// mimalloc, not glibc's allocator: under load the scheduler, the worker and their gRPC
/// connections free on one thread what another allocated, and glibc's arena locks then cost
/// about 15% of the throughput (`bench --embedded`: 2,567 -> 3,028/s). Built without transparent
/// huge pages (`no_thp`): with them, 1,000 held `?wait=30` requests took 72 MiB in `serve-api`,
/// not 43.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
