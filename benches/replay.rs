//! How long the replay engine takes over a long history: an orchestration that called 250
//! activities in sequence (1,002 history events) replayed in full to take the last result, the
//! worst case of every episode since the Durable Task SDKs replay from the start each time.
//! `cargo bench --bench replay`

#[path = "../tests/replay_support/mod.rs"]
mod replay_support;

use criterion::{Criterion, criterion_group, criterion_main};
use dts_async::worker::{OrchestrationContext, Registry, TaskError, replay::run_episode};
use replay_support::*;

/// Activities the orchestration calls.
const STEPS: i64 = 250;

async fn chain(ctx: OrchestrationContext, steps: i64) -> Result<i64, TaskError> {
    let mut value = 0;
    for _ in 0..steps {
        value = ctx.call_activity("inc", &value).await?;
    }
    Ok(value)
}

fn replay(c: &mut Criterion) {
    let mut registry = Registry::default();
    registry.add_orchestrator("chain", chain);
    let mut past = first_batch("chain", Some(&STEPS.to_string()));
    for step in 1..STEPS {
        let id = i32::try_from(step).unwrap_or(i32::MAX);
        past.push(task_scheduled(id, "inc"));
        past.push(episode_end());
        past.push(started_at(at(step)));
        past.push(task_completed(id, Some(&step.to_string())));
    }
    past.push(task_scheduled(STEPS as i32, "inc"));
    past.push(episode_end());
    let new = [
        started_at(at(STEPS)),
        task_completed(STEPS as i32, Some(&STEPS.to_string())),
    ];
    let events = past.len() + new.len();
    let episode = run_episode(&registry, ID, &past, &new);
    assert_eq!(completion(&episode.actions).result.as_deref(), Some("250"));
    c.bench_function(&format!("replay {events} events"), |b| {
        b.iter(|| run_episode(&registry, ID, &past, &new))
    });
}

criterion_group!(benches, replay);
criterion_main!(benches);
