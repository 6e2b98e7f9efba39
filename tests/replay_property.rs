//! A property of the replay engine: replaying any history the engine itself produced yields no
//! new actions (and the same custom status), and replaying a finished one yields the same
//! completion. Random orchestration programs (activities, timers, events raised before or after
//! the wait, fan-out, races, sub-orchestrations, custom status) run against a simulated server
//! that confirms every action and delivers completions in random batches and orders.

mod replay_support;

use std::time::Duration;

use dts_async::{
    proto::{HistoryEvent, OrchestratorAction, orchestrator_action::OrchestratorActionType},
    worker::{
        Either, OrchestrationContext, Registry, TaskError, race, replay::run_episode, when_all,
    },
};
use replay_support::*;
use serde_json::{Value, json};

/// Programs tried, each with its own seed.
const PROGRAMS: u64 = 300;
/// No program needs more episodes than this.
const MAX_EPISODES: usize = 500;

/// Interprets a program: a JSON array of steps, each changing a running value.
async fn program(ctx: OrchestrationContext, steps: Vec<Value>) -> Result<i64, TaskError> {
    let mut value = 0i64;
    for (index, step) in steps.iter().enumerate() {
        let (kind, arg) = step
            .as_object()
            .and_then(|o| o.iter().next())
            .map(|(k, v)| (k.as_str(), v.clone()))
            .unwrap_or(("none", Value::Null));
        match kind {
            "activity" => value = ctx.call_activity("inc", &value).await?,
            "timer" => {
                ctx.create_timer(Duration::from_secs(arg.as_u64().unwrap_or(1)))
                    .await
            }
            "event" => {
                let data: i64 = ctx.wait_for_event(arg.as_str().unwrap_or("e")).await?;
                value += data;
            }
            "all" => {
                let calls = (0..arg.as_u64().unwrap_or(2))
                    .map(|i| ctx.call_activity::<i64>("inc", &(value + i as i64)));
                for result in when_all(calls).await {
                    value += result?;
                }
            }
            "race" => {
                let timer = ctx.create_timer(Duration::from_secs(arg.as_u64().unwrap_or(1)));
                match race(ctx.call_activity::<i64>("inc", &value), timer).await {
                    Either::First(result) => value = result?,
                    Either::Second(()) => value -= 1,
                }
            }
            "child" => {
                value += ctx
                    .call_sub_orchestrator::<i64>("child", &value, None)
                    .await?
            }
            "status" => ctx.set_custom_status(&json!({"step": index, "value": value})),
            _ => {}
        }
    }
    Ok(value)
}

fn random_program(rng: &mut fastrand::Rng) -> (Vec<Value>, Vec<String>) {
    let mut steps = Vec::new();
    let mut events = Vec::new();
    for _ in 0..rng.usize(1..10) {
        let step = match rng.u8(0..7) {
            0 => json!({"activity": 1}),
            1 => json!({"timer": rng.u64(1..100)}),
            2 => {
                let name = ["go", "Go", "stop", "x"][rng.usize(0..4)].to_owned();
                events.push(name.clone());
                json!({"event": name})
            }
            3 => json!({"all": rng.u64(1..5)}),
            4 => json!({"race": rng.u64(1..5)}),
            5 => json!({"child": 1}),
            _ => json!({"status": 1}),
        };
        steps.push(step);
    }
    (steps, events)
}

/// The server side: confirms actions into history and queues their completions.
struct Server {
    history: Vec<HistoryEvent>,
    ready: Vec<HistoryEvent>,
    to_raise: Vec<String>,
    clock: i64,
}

impl Server {
    /// Applies the episode's actions; returns the completion, if any.
    fn apply(&mut self, actions: &[OrchestratorAction]) -> Option<OrchestratorAction> {
        let mut completion = None;
        for action in actions {
            match kind(action) {
                OrchestratorActionType::ScheduleTask(task) => {
                    self.history.push(task_scheduled(action.id, &task.name));
                    let input: i64 = task
                        .input
                        .as_deref()
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(0);
                    self.ready
                        .push(task_completed(action.id, Some(&(input + 1).to_string())));
                }
                OrchestratorActionType::CreateTimer(timer) => {
                    let due = dts_async::proto::datetime(timer.fire_at.as_ref()).unwrap_or_else(t0);
                    self.history.push(timer_created(action.id, due));
                    self.ready.push(timer_fired(action.id, due));
                }
                OrchestratorActionType::CreateSubOrchestration(child) => {
                    self.history
                        .push(child_created(action.id, &child.instance_id, &child.name));
                    self.ready.push(child_completed(action.id, Some("7")));
                }
                OrchestratorActionType::CompleteOrchestration(_) => {
                    completion = Some(action.clone())
                }
                other => panic!("the program made an unexpected action: {other:?}"),
            }
        }
        self.history.push(episode_end());
        completion
    }

    /// The next batch: the clock, then a random non-empty share of what is ready, in random
    /// order, and maybe an event.
    fn next_batch(&mut self, rng: &mut fastrand::Rng) -> Vec<HistoryEvent> {
        self.clock += rng.i64(1..50);
        let mut batch = vec![started_at(at(self.clock))];
        rng.shuffle(&mut self.ready);
        let take = if self.ready.is_empty() {
            0
        } else {
            rng.usize(1..=self.ready.len())
        };
        batch.extend(self.ready.drain(..take));
        if !self.to_raise.is_empty() && (batch.len() == 1 || rng.bool()) {
            let name = self.to_raise.remove(0);
            batch.push(event_raised(&name, Some(&rng.i64(1..10).to_string())));
        }
        batch
    }
}

#[test]
fn replaying_a_history_the_engine_made_yields_no_new_actions() {
    let mut registry = Registry::default();
    registry.add_orchestrator("program", program);
    for seed in 0..PROGRAMS {
        let mut rng = fastrand::Rng::with_seed(seed);
        let (steps, events) = random_program(&mut rng);
        let input = serde_json::to_string(&steps).expect("a program encodes");
        let mut server = Server {
            history: Vec::new(),
            ready: Vec::new(),
            to_raise: events,
            clock: 0,
        };
        let mut batch = first_batch("program", Some(&input));
        // Some events arrive before the code waits for them.
        if !server.to_raise.is_empty() && rng.bool() {
            let name = server.to_raise.remove(0);
            batch.push(event_raised(&name, Some("5")));
        }
        let mut finished = None;
        for _ in 0..MAX_EPISODES {
            let episode = run_episode(&registry, ID, &server.history, &batch);
            server.history.extend(batch);
            let completion = server.apply(&episode.actions);
            let replayed = run_episode(
                &registry,
                ID,
                &server.history,
                &[started_at(at(server.clock))],
            );
            match completion {
                None => {
                    assert!(
                        replayed.actions.is_empty(),
                        "seed {seed}: {steps:?} replayed into {:?}",
                        replayed.actions
                    );
                    assert_eq!(replayed.custom_status, episode.custom_status, "seed {seed}");
                }
                Some(completion) => {
                    assert_eq!(
                        replayed.actions.last(),
                        Some(&completion),
                        "seed {seed}: {steps:?}"
                    );
                    finished = Some(completion);
                    break;
                }
            }
            assert!(
                !server.ready.is_empty() || !server.to_raise.is_empty(),
                "seed {seed}: {steps:?} waits for nothing that can come"
            );
            batch = server.next_batch(&mut rng);
        }
        let finished = finished.unwrap_or_else(|| panic!("seed {seed}: {steps:?} never finished"));
        assert_eq!(
            status(std::slice::from_ref(&finished)),
            dts_async::proto::OrchestrationStatus::Completed,
            "seed {seed}: {steps:?} -> {finished:?}"
        );
    }
}
