//! `dts-async bench`: throughput and latency of an endpoint (ours or any) under a standard
//! workload, with our client and, unless `--no-worker`, our worker in this process.

use std::net::SocketAddr;

use clap::Args;
use comfy_table::Cell;

use super::{
    args::{ConnectionArgs, OutputFormat},
    exit::{CliError, Exit},
    output::{print_json, print_table, table},
    runtime::on_all_cores,
    serve_scheduler::Sync,
    stack::{LocalStack, local_connection},
};
use crate::{
    bench::{self, BenchPlan, BenchReport, Workload},
    scheduler::{Database, SchedulerConfig},
};

/// Flags of `bench`.
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// The workload
    #[arg(long, value_enum, default_value_t = Workload::Sample)]
    pub workload: Workload,
    /// Orchestrations in the measured run
    #[arg(long, default_value_t = 5000)]
    pub count: usize,
    /// Orchestrations run first and left out of the figures
    #[arg(long, default_value_t = 500)]
    pub warmup: usize,
    /// Orchestrations in flight at once
    #[arg(long, default_value_t = 256)]
    pub concurrency: usize,
    /// Client connections shared by the in-flight orchestrations
    #[arg(long, default_value_t = 4)]
    pub connections: usize,
    /// Start an embedded scheduler in this process, on a temporary database (deleted at exit),
    /// instead of using --endpoint
    #[arg(long)]
    pub embedded: bool,
    /// Commit durability of the --embedded scheduler
    #[arg(long, value_enum, default_value_t = Sync::Full, requires = "embedded")]
    pub sync: Sync,
    /// Do not run a worker here: the workers already serving the task hub do the work (they
    /// must host the workload's orchestrations)
    #[arg(long)]
    pub no_worker: bool,
}

/// Runs `bench`.
pub async fn run(
    conn: &ConnectionArgs,
    format: OutputFormat,
    args: BenchArgs,
) -> Result<Exit, CliError> {
    let conn = conn.clone();
    on_all_cores(async move {
        let mut stack = LocalStack::new();
        let (connection, worker_connection, target) = if args.embedded {
            let config = SchedulerConfig {
                database: Database::Temporary,
                sync: args.sync.into(),
                ..SchedulerConfig::default()
            };
            let endpoint = stack
                .start_scheduler(config, SocketAddr::from(([127, 0, 0, 1], 0)))
                .await?;
            let target = format!("embedded scheduler at {endpoint} (sync {:?})", args.sync);
            (
                local_connection(&endpoint, "default")?,
                local_connection(&endpoint, "default")?,
                target,
            )
        } else {
            let connection = conn.connection()?;
            let target = connection.endpoint().display.clone();
            (connection, conn.connection()?, target)
        };
        if !args.no_worker {
            let in_flight = args.concurrency.max(1);
            stack.start_worker(worker_connection, |builder| {
                builder
                    .with(bench::register)
                    .max_concurrent_orchestrations(in_flight)
                    .max_concurrent_activities(in_flight)
            });
        }
        eprintln!(
            "bench: {} x {} (+{} warm-up), {} in flight, against {target}",
            args.workload.name(),
            args.count,
            args.warmup,
            args.concurrency
        );
        let plan = BenchPlan {
            workload: args.workload,
            count: args.count,
            warmup: args.warmup,
            concurrency: args.concurrency,
            connections: args.connections,
        };
        let outcome = bench::run(&connection, &plan).await;
        stack.shutdown().await?;
        let report = outcome.map_err(|err| CliError::new(Exit::Unavailable, err.to_string()))?;
        print_report(&report, format);
        Ok(if report.failed == 0 {
            Exit::Success
        } else {
            Exit::Failed
        })
    })
    .await
}

fn print_report(report: &BenchReport, format: OutputFormat) {
    if format != OutputFormat::Text {
        let value = serde_json::to_value(report).unwrap_or_default();
        print_json(&value, format == OutputFormat::Json);
        return;
    }
    let mut out = table();
    let latency = &report.latency_ms;
    let rows = [
        ("workload", report.workload.to_owned()),
        ("orchestrations", report.orchestrations.to_string()),
        ("failed", report.failed.to_string()),
        ("in flight", report.concurrency.to_string()),
        ("elapsed", format!("{:.2} s", report.elapsed_seconds)),
        (
            "orchestrations/s",
            format!("{:.0}", report.orchestrations_per_second),
        ),
        ("actions/s", format!("{:.0}", report.actions_per_second)),
        (
            "latency p50 / p95 / p99",
            format!(
                "{:.1} / {:.1} / {:.1} ms",
                latency.p50, latency.p95, latency.p99
            ),
        ),
        ("latency max", format!("{:.1} ms", latency.max)),
    ];
    for (name, value) in rows {
        out.add_row(vec![Cell::new(name), Cell::new(value)]);
    }
    print_table(&out);
}
