//! Throughput and latency of an endpoint under a standard workload, measured with our own client
//! (and, unless other workers serve the task hub, our own worker): `dts-async bench`.
//!
//! Every orchestration is started and then awaited with the server's blocking
//! `WaitForInstanceCompletion`, by a fixed number of concurrent drivers spread over a small pool of
//! connections (one HTTP/2 connection cannot fill two cores). Latency is start-to-complete as the
//! client sees it: from sending `StartInstance` to the blocking wait's answer.

mod workloads;

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use serde::Serialize;
use thiserror::Error;

pub use self::workloads::{Workload, register};
use crate::{
    client::{Client, ClientError, RuntimeStatus, StartRequest},
    connection::Connection,
};

/// How long one orchestration may take before the run counts it as lost.
const ORCHESTRATION_DEADLINE: Duration = Duration::from_secs(120);

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchPlan {
    /// The workload.
    pub workload: Workload,
    /// Orchestrations in the measured run.
    pub count: usize,
    /// Orchestrations run before the measured run starts and left out of the figures.
    pub warmup: usize,
    /// Orchestrations in flight at once.
    pub concurrency: usize,
    /// Client connections the drivers share.
    pub connections: usize,
}

/// What a run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// The workload's name.
    pub workload: &'static str,
    /// Orchestrations in the measured run.
    pub orchestrations: usize,
    /// How many of them did not complete successfully.
    pub failed: usize,
    /// Orchestrations in flight at once.
    pub concurrency: usize,
    /// Wall time of the measured run, in seconds.
    pub elapsed_seconds: f64,
    /// Completed orchestrations per second.
    pub orchestrations_per_second: f64,
    /// Orchestrator actions and activity executions per second.
    pub actions_per_second: f64,
    /// Start-to-complete latency percentiles, in milliseconds.
    pub latency_ms: Percentiles,
}

/// Latency percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// The slowest.
    pub max: f64,
}

/// Why a run could not be measured.
#[derive(Debug, Error)]
pub enum BenchError {
    /// A call failed (the endpoint is down, refused a start, or an orchestration took too long).
    #[error(transparent)]
    Client(#[from] ClientError),
    /// The plan cannot run.
    #[error("{0}")]
    Plan(String),
}

/// Runs the warm-up, then the measured run, on `connection`.
pub async fn run(connection: &Connection, plan: &BenchPlan) -> Result<BenchReport, BenchError> {
    if plan.count == 0 || plan.concurrency == 0 || plan.connections == 0 {
        return Err(BenchError::Plan(
            "count, concurrency and connections must be at least 1".to_owned(),
        ));
    }
    let mut clients = Vec::with_capacity(plan.connections);
    for _ in 0..plan.connections {
        clients.push(Client::connect(connection).await?);
    }
    let clients = Arc::new(clients);
    let batch = uuid::Uuid::new_v4().simple().to_string();
    if plan.warmup > 0 {
        drive(&clients, plan, &format!("{batch}-warmup"), plan.warmup).await?;
    }
    let began = Instant::now();
    let outcomes = drive(&clients, plan, &batch, plan.count).await?;
    let elapsed = began.elapsed().as_secs_f64();
    let failed = outcomes.iter().filter(|o| !o.completed).count();
    let mut latencies: Vec<f64> = outcomes.iter().map(|o| o.latency_ms).collect();
    latencies.sort_by(f64::total_cmp);
    let per_second = plan.count as f64 / elapsed;
    Ok(BenchReport {
        workload: plan.workload.name(),
        orchestrations: plan.count,
        failed,
        concurrency: plan.concurrency,
        elapsed_seconds: elapsed,
        orchestrations_per_second: per_second,
        actions_per_second: per_second * f64::from(plan.workload.actions_per_orchestration()),
        latency_ms: Percentiles {
            p50: percentile(&latencies, 0.50),
            p95: percentile(&latencies, 0.95),
            p99: percentile(&latencies, 0.99),
            max: latencies.last().copied().unwrap_or(0.0),
        },
    })
}

/// One orchestration's fate.
struct Outcome {
    completed: bool,
    latency_ms: f64,
}

/// Runs `count` orchestrations with `plan.concurrency` drivers; each driver takes the next
/// number until all are taken, so a slow orchestration never idles the others.
async fn drive(
    clients: &Arc<Vec<Client>>,
    plan: &BenchPlan,
    batch: &str,
    count: usize,
) -> Result<Vec<Outcome>, BenchError> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut drivers = tokio::task::JoinSet::new();
    for driver in 0..plan.concurrency.min(count) {
        let clients = Arc::clone(clients);
        let next = Arc::clone(&next);
        let workload = plan.workload;
        let batch = batch.to_owned();
        drivers.spawn(async move {
            let client = &clients[driver % clients.len()];
            let mut outcomes = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    return Ok::<_, BenchError>(outcomes);
                }
                outcomes.push(one(client, workload, &format!("bench-{batch}-{n}")).await?);
            }
        });
    }
    let mut outcomes = Vec::with_capacity(count);
    while let Some(joined) = drivers.join_next().await {
        let driven = joined.map_err(|err| BenchError::Plan(format!("a driver failed: {err}")))?;
        outcomes.extend(driven?);
    }
    Ok(outcomes)
}

async fn one(
    client: &Client,
    workload: Workload,
    instance_id: &str,
) -> Result<Outcome, BenchError> {
    let began = Instant::now();
    client
        .start(StartRequest {
            name: workload.orchestration().to_owned(),
            instance_id: Some(instance_id.to_owned()),
            input: Some(workload.input(instance_id)),
            ..StartRequest::default()
        })
        .await?;
    let state = client
        .wait_for_completion(instance_id, false, ORCHESTRATION_DEADLINE)
        .await?;
    Ok(Outcome {
        completed: state.and_then(|s| s.runtime_status) == Some(RuntimeStatus::Completed),
        latency_ms: began.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The value below which `fraction` of the sorted `values` lie (nearest rank).
fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.50), 50.0);
        assert_eq!(percentile(&values, 0.99), 99.0);
        assert_eq!(percentile(&values, 1.0), 100.0);
        assert_eq!(percentile(&[7.0], 0.5), 7.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
