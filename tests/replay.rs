//! The replay engine on plain history vectors: every event kind, the traps of the protocol notes
//! (confirmations by sequence number, buffered and case-insensitive events, suspension, stray
//! resumes, terminate, continue-as-new, non-determinism, panics, unknown names), and the async
//! operation's progress.

mod replay_support;

use std::time::Duration;

use chrono::TimeDelta;
use dts_async::{
    connection::{Connection, ConnectionSettings},
    operation,
    proto::{
        OrchestrationStatus, history_event::EventType, orchestrator_action::OrchestratorActionType,
    },
    worker::{
        Either, OrchestrationContext, Registry, RetryPolicy, TaskError, Worker, race,
        replay::{Episode, run_episode},
        when_all, when_any,
    },
};
use replay_support::*;
use serde_json::{Value, json};

fn registry(register: impl FnOnce(&mut Registry)) -> Registry {
    let mut registry = Registry::default();
    register(&mut registry);
    registry
}

fn episode(
    registry: &Registry,
    past: &[dts_async::proto::HistoryEvent],
    new: &[dts_async::proto::HistoryEvent],
) -> Episode {
    run_episode(registry, ID, past, new)
}

async fn double(ctx: OrchestrationContext, input: i64) -> Result<i64, TaskError> {
    let doubled: i64 = ctx.call_activity("double", &input).await?;
    Ok(doubled)
}

#[test]
fn the_first_episode_schedules_the_first_activity_with_sequence_number_one() {
    let registry = registry(|r| r.add_orchestrator("double", double));
    let out = episode(&registry, &[], &first_batch("double", Some("21")));
    assert_eq!(out.actions.len(), 1, "{out:?}");
    assert_eq!(
        scheduled(&out.actions[0]),
        (1, "double".to_owned(), Some("21".to_owned()))
    );
}

#[test]
fn a_confirmed_action_is_not_sent_again_and_its_completion_resumes_the_code() {
    let registry = registry(|r| r.add_orchestrator("double", double));
    let mut past = first_batch("double", Some("21"));
    past.extend([task_scheduled(1, "double"), episode_end()]);
    let waiting = episode(&registry, &past, &[started_at(at(1))]);
    assert!(waiting.actions.is_empty(), "{waiting:?}");

    let done = episode(
        &registry,
        &past,
        &[started_at(at(1)), task_completed(1, Some("42"))],
    );
    assert_eq!(done.actions.len(), 1, "{done:?}");
    assert_eq!(
        done.actions[0].id, 2,
        "the completion takes the next sequence number"
    );
    assert_eq!(status(&done.actions), OrchestrationStatus::Completed);
    assert_eq!(completion(&done.actions).result.as_deref(), Some("42"));
}

#[test]
fn a_failed_activity_fails_the_orchestration_with_the_failure_as_its_cause() {
    let registry = registry(|r| r.add_orchestrator("double", double));
    let mut past = first_batch("double", Some("1"));
    past.extend([task_scheduled(1, "double"), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[
            started_at(at(1)),
            task_failed(1, "builtins.ValueError", "bad"),
        ],
    );
    let (error_type, message) = failure(&out.actions);
    assert_eq!(error_type, "TaskFailedError");
    assert!(
        message.contains("activity 'double'") && message.contains("bad"),
        "{message}"
    );
    let inner = completion(&out.actions)
        .failure_details
        .as_ref()
        .and_then(|d| d.inner_failure.as_deref())
        .map(|inner| inner.error_type.clone());
    assert_eq!(inner.as_deref(), Some("builtins.ValueError"));
}

#[test]
fn timers_are_due_relative_to_the_episode_clock_and_resolve_by_timer_id() {
    let registry = registry(|r| {
        r.add_orchestrator("nap", |ctx: OrchestrationContext, _: Value| async move {
            ctx.create_timer(Duration::from_secs(5)).await;
            Ok::<_, TaskError>(ctx.current_time().to_rfc3339())
        })
    });
    let out = episode(&registry, &[], &first_batch("nap", None));
    match kind(&out.actions[0]) {
        OrchestratorActionType::CreateTimer(timer) => {
            assert_eq!(
                dts_async::proto::datetime(timer.fire_at.as_ref()),
                Some(at(5))
            );
        }
        other => panic!("expected a timer, got {other:?}"),
    }
    let mut past = first_batch("nap", None);
    past.extend([timer_created(1, at(5)), episode_end()]);
    let done = episode(
        &registry,
        &past,
        &[started_at(at(6)), timer_fired(1, at(5))],
    );
    // The clock is the OrchestratorStarted time of the episode that resumed the code.
    assert_eq!(
        completion(&done.actions).result,
        Some(format!("\"{}\"", at(6).to_rfc3339()))
    );
}

async fn approval(ctx: OrchestrationContext, _: Value) -> Result<Value, TaskError> {
    let first: Value = ctx.wait_for_event("Approval").await?;
    let second: Value = ctx.wait_for_event("approval").await?;
    Ok(json!([first, second]))
}

#[test]
fn events_match_case_insensitively_and_wait_in_arrival_order_when_nobody_listens() {
    let registry = registry(|r| r.add_orchestrator("approval", approval));
    // Both events arrive in the first batch, before the code waits for either.
    let mut batch = first_batch("approval", None);
    batch.push(event_raised("APPROVAL", Some("1")));
    batch.push(event_raised("other", Some("0")));
    batch.push(event_raised("approval", Some("2")));
    let out = episode(&registry, &[], &batch);
    assert_eq!(completion(&out.actions).result.as_deref(), Some("[1, 2]"));
}

#[test]
fn suspension_holds_events_until_resume_and_a_stray_resume_changes_nothing() {
    let registry = registry(|r| r.add_orchestrator("approval", approval));
    let mut past = first_batch("approval", None);
    past.extend([
        episode_end(),
        started_at(at(1)),
        resumed(),
        suspended(),
        episode_end(),
    ]);
    let held = episode(
        &registry,
        &past,
        &[
            started_at(at(2)),
            event_raised("approval", Some("1")),
            event_raised("approval", Some("2")),
        ],
    );
    assert!(
        held.actions.is_empty(),
        "a suspended orchestration does nothing: {held:?}"
    );

    let mut past_all = past.clone();
    past_all.extend([
        started_at(at(2)),
        event_raised("approval", Some("1")),
        event_raised("approval", Some("2")),
        episode_end(),
    ]);
    let out = episode(&registry, &past_all, &[started_at(at(3)), resumed()]);
    assert_eq!(completion(&out.actions).result.as_deref(), Some("[1, 2]"));
}

#[test]
fn terminate_completes_with_the_terminate_output_and_starts_nothing_more() {
    let registry = registry(|r| r.add_orchestrator("approval", approval));
    let out = episode(&registry, &[], &{
        let mut batch = first_batch("approval", None);
        batch.push(terminated(Some("\"stop\"")));
        batch
    });
    assert_eq!(out.actions.len(), 1, "{out:?}");
    assert_eq!(status(&out.actions), OrchestrationStatus::Terminated);
    assert_eq!(completion(&out.actions).result.as_deref(), Some("\"stop\""));
}

#[test]
fn continue_as_new_carries_unconsumed_events_when_asked() {
    let registry = registry(|r| {
        r.add_orchestrator("again", |ctx: OrchestrationContext, n: i64| async move {
            if n == 0 {
                let _: Value = ctx.wait_for_event("first").await?;
                ctx.continue_as_new(&(n + 1), true);
            }
            Ok::<_, TaskError>(n)
        })
    });
    let mut batch = first_batch("again", Some("0"));
    batch.extend([
        event_raised("Later", Some("\"x\"")),
        event_raised("first", None),
    ]);
    let out = episode(&registry, &[], &batch);
    let complete = completion(&out.actions);
    assert_eq!(
        complete.orchestration_status(),
        OrchestrationStatus::ContinuedAsNew
    );
    assert_eq!(complete.result.as_deref(), Some("1"));
    let carried: Vec<(String, Option<String>)> = complete
        .carryover_events
        .iter()
        .filter_map(|e| match &e.event_type {
            Some(EventType::EventRaised(raised)) => {
                Some((raised.name.clone(), raised.input.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        carried,
        vec![("later".to_owned(), Some("\"x\"".to_owned()))]
    );
}

#[test]
fn a_history_the_code_no_longer_matches_fails_with_a_message_naming_both_sides() {
    let registry = registry(|r| r.add_orchestrator("double", double));
    let mut past = first_batch("double", Some("1"));
    past.extend([task_scheduled(1, "triple"), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(1)), task_completed(1, Some("3"))],
    );
    let (error_type, message) = failure(&out.actions);
    assert_eq!(error_type, "NonDeterminismError");
    assert!(
        message.contains("'triple'") && message.contains("'double'"),
        "{message}"
    );

    // A confirmation of an action the code never made this time.
    let mut past = first_batch("double", Some("1"));
    past.extend([
        task_scheduled(1, "double"),
        timer_created(2, at(1)),
        episode_end(),
    ]);
    let (error_type, message) = failure(&episode(&registry, &past, &[started_at(at(1))]).actions);
    assert_eq!(error_type, "NonDeterminismError");
    assert!(message.contains("a timer as task 2"), "{message}");
}

#[test]
fn a_panic_and_an_unknown_name_fail_the_orchestration_with_clear_messages() {
    let registry = registry(|r| {
        r.add_orchestrator("boom", |_ctx: OrchestrationContext, _: Value| async move {
            if true {
                panic!("kaboom");
            }
            Ok::<Value, TaskError>(Value::Null)
        })
    });
    let (error_type, message) =
        failure(&episode(&registry, &[], &first_batch("boom", None)).actions);
    assert_eq!((error_type.as_str(), message.as_str()), ("Panic", "kaboom"));

    let (error_type, message) =
        failure(&episode(&registry, &[], &first_batch("nobody", None)).actions);
    assert_eq!(error_type, "OrchestratorNotRegisteredError");
    assert!(
        message.contains("'nobody'") && message.contains("boom"),
        "{message}"
    );

    let (_, message) =
        failure(&episode(&registry, &[], &first_batch("boom", Some("{not json"))).actions);
    assert!(
        message.contains("cannot decode the orchestration input"),
        "{message}"
    );
}

#[test]
fn when_all_fans_out_and_returns_results_in_call_order() {
    let registry = registry(|r| {
        r.add_orchestrator("fan", |ctx: OrchestrationContext, _: Value| async move {
            let calls = (0..3).map(|i| ctx.call_activity::<i64>("double", &i));
            let results: Result<Vec<i64>, TaskError> = when_all(calls).await.into_iter().collect();
            results
        })
    });
    let out = episode(&registry, &[], &first_batch("fan", None));
    let ids: Vec<i32> = out.actions.iter().map(|a| scheduled(a).0).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    let mut past = first_batch("fan", None);
    past.extend([
        task_scheduled(1, "double"),
        task_scheduled(2, "double"),
        task_scheduled(3, "double"),
        episode_end(),
    ]);
    let new = [
        started_at(at(1)),
        task_completed(3, Some("4")),
        task_completed(1, Some("0")),
        task_completed(2, Some("2")),
    ];
    assert_eq!(
        completion(&episode(&registry, &past, &new).actions)
            .result
            .as_deref(),
        Some("[0, 2, 4]")
    );
}

async fn approval_or_timeout(ctx: OrchestrationContext, _: Value) -> Result<String, TaskError> {
    let timeout = ctx.create_timer(Duration::from_secs(60));
    let event = ctx.wait_for_event::<String>("approval");
    Ok(match race(event, timeout).await {
        Either::First(data) => format!("approved {}", data?),
        Either::Second(()) => "timed out".to_owned(),
    })
}

#[test]
fn a_timer_racing_an_event_is_a_timeout_and_the_first_in_history_wins() {
    let registry = registry(|r| r.add_orchestrator("approval", approval_or_timeout));
    let mut past = first_batch("approval", None);
    past.extend([timer_created(1, at(60)), episode_end()]);
    let approved = episode(
        &registry,
        &past,
        &[
            started_at(at(5)),
            event_raised("approval", Some("\"bob\"")),
            timer_fired(1, at(60)),
        ],
    );
    assert_eq!(
        completion(&approved.actions).result.as_deref(),
        Some("\"approved bob\"")
    );
    let timed_out = episode(
        &registry,
        &past,
        &[
            started_at(at(61)),
            timer_fired(1, at(60)),
            event_raised("approval", Some("\"bob\"")),
        ],
    );
    assert_eq!(
        completion(&timed_out.actions).result.as_deref(),
        Some("\"timed out\"")
    );

    let first_of = registry_with_any();
    let out = episode(&first_of, &[], &first_batch("any", None));
    assert_eq!(out.actions.len(), 2, "{out:?}");
}

fn registry_with_any() -> Registry {
    registry(|r| {
        r.add_orchestrator("any", |ctx: OrchestrationContext, _: Value| async move {
            let (index, _) = when_any([
                ctx.call_activity::<Value>("a", &1),
                ctx.call_activity::<Value>("b", &2),
            ])
            .await;
            Ok::<_, TaskError>(index)
        })
    })
}

#[test]
fn sub_orchestrations_get_the_python_sdks_child_ids_and_resolve_by_task_id() {
    let registry = registry(|r| {
        r.add_orchestrator("parent", |ctx: OrchestrationContext, _: Value| async move {
            ctx.send_event("elsewhere", "hello", &json!({"hi": 1}));
            let child: Value = ctx.call_sub_orchestrator("child", &5, None).await?;
            Ok::<_, TaskError>(child)
        })
    });
    let out = episode(&registry, &[], &first_batch("parent", None));
    match kind(&out.actions[1]) {
        OrchestratorActionType::CreateSubOrchestration(child) => {
            assert_eq!(
                (out.actions[1].id, child.instance_id.as_str()),
                (2, "inst-1:0002")
            );
        }
        other => panic!("expected a sub-orchestration, got {other:?}"),
    }
    let mut past = first_batch("parent", None);
    past.extend([
        event_sent(1, "elsewhere", "hello"),
        child_created(2, "inst-1:0002", "child"),
        episode_end(),
    ]);
    let done = episode(
        &registry,
        &past,
        &[started_at(at(1)), child_completed(2, Some("10"))],
    );
    assert_eq!(completion(&done.actions).result.as_deref(), Some("10"));
}

#[test]
fn new_uuid_and_is_replaying_are_deterministic_and_match_the_python_sdk() {
    let registry = registry(|r| {
        r.add_orchestrator("ids", |ctx: OrchestrationContext, _: Value| async move {
            let ids = [ctx.new_uuid().to_string(), ctx.new_uuid().to_string()];
            let replaying = ctx.is_replaying();
            ctx.create_timer(Duration::from_secs(1)).await;
            Ok::<_, TaskError>(json!({"ids": ids, "replaying_at_start": replaying, "replaying_after": ctx.is_replaying()}))
        })
    });
    let mut past = first_batch("ids", None);
    past.extend([timer_created(1, at(1)), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(2)), timer_fired(1, at(1))],
    );
    let result: Value =
        serde_json::from_str(completion(&out.actions).result.as_deref().unwrap_or("null"))
            .unwrap_or_default();
    // uuid5(uuid5(NAMESPACE_OID, "9e952958-..."), "inst-1_2026-01-02T03:04:05.000000Z_<n>"), from Python.
    assert_eq!(
        result["ids"],
        json!([
            "147b5f2c-f032-5fc3-b88d-8a45d4174f6e",
            "25dc175a-da2d-5c23-bee5-ff32918a0039"
        ])
    );
    assert_eq!(result["replaying_at_start"], true);
    assert_eq!(result["replaying_after"], false);
}

#[test]
fn a_retry_policy_waits_on_a_durable_timer_then_schedules_a_new_attempt() {
    let registry = registry(|r| {
        r.add_orchestrator("retry", |ctx: OrchestrationContext, _: Value| async move {
            let policy = RetryPolicy::new(3, TimeDelta::seconds(2));
            ctx.call_activity_with_retry::<Value>("flaky", &0, &policy)
                .await
        })
    });
    let mut past = first_batch("retry", None);
    past.extend([task_scheduled(1, "flaky"), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(1)), task_failed(1, "E", "no")],
    );
    match kind(&out.actions[0]) {
        OrchestratorActionType::CreateTimer(timer) => {
            assert_eq!(
                (
                    out.actions[0].id,
                    dts_async::proto::datetime(timer.fire_at.as_ref())
                ),
                (2, Some(at(3)))
            );
        }
        other => panic!("expected the retry timer, got {other:?}"),
    }
    past.extend([
        started_at(at(1)),
        task_failed(1, "E", "no"),
        timer_created(2, at(3)),
        episode_end(),
    ]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(3)), timer_fired(2, at(3))],
    );
    assert_eq!(scheduled(&out.actions[0]).0, 3);
}

#[test]
fn rewinding_a_failed_run_drops_the_failed_steps_and_the_completion() {
    let registry = registry(|r| r.add_orchestrator("double", double));
    let mut past = first_batch("double", Some("1"));
    past.extend([
        task_scheduled(1, "double"),
        episode_end(),
        started_at(at(1)),
        task_failed(1, "E", "no"),
        episode_end(),
        execution_completed(OrchestrationStatus::Failed),
    ]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(2)), execution_rewound("again")],
    );
    assert_eq!(out.actions.len(), 1, "{out:?}");
    assert_eq!(out.actions[0].id, -1);
    let OrchestratorActionType::RewindOrchestration(rewind) = kind(&out.actions[0]) else {
        panic!("expected a rewind, got {out:?}");
    };
    let kinds: Vec<&str> = rewind
        .new_history
        .iter()
        .map(|e| match &e.event_type {
            Some(EventType::OrchestratorStarted(_)) => "started",
            Some(EventType::ExecutionStarted(_)) => "execution",
            Some(EventType::OrchestratorCompleted(_)) => "end",
            Some(EventType::ExecutionRewound(_)) => "rewound",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "started",
            "execution",
            "end",
            "started",
            "end",
            "started",
            "rewound"
        ]
    );
    let Some(EventType::ExecutionStarted(started)) = &rewind.new_history[1].event_type else {
        panic!("no execution start");
    };
    let execution = started
        .orchestration_instance
        .as_ref()
        .and_then(|i| i.execution_id.clone());
    assert!(
        execution.is_some_and(|id| id != "exec-1"),
        "a rewound run gets a new execution id"
    );

    // Replaying the rewound history schedules the failed activity again.
    let again = episode(&registry, &rewind.new_history, &[started_at(at(3))]);
    assert_eq!(
        scheduled(&again.actions[0]),
        (1, "double".to_owned(), Some("1".to_owned()))
    );
}

#[test]
fn the_async_operation_reports_real_progress_after_each_durable_step() {
    let connection = Connection::resolve(ConnectionSettings::default()).expect("offline resolve");
    let registry = operation::register(Worker::builder(connection))
        .build()
        .registry()
        .clone();
    let input = r#"{"operation_id": "op-1", "processing_time": 2}"#;
    let first = episode(
        &registry,
        &[],
        &first_batch(operation::ORCHESTRATOR, Some(input)),
    );
    assert_eq!(scheduled(&first.actions[0]).1, operation::ACTIVITY);
    let progress = |e: &Episode| -> Value {
        serde_json::from_str(e.custom_status.as_deref().unwrap_or("null")).unwrap_or_default()
    };
    assert_eq!(progress(&first)["progress"], 0.0);

    let step = r#"{"operation_id": "op-1", "status": "completed", "result": "Operation op-1 completed successfully", "processed_at": 1.5}"#;
    let mut past = first_batch(operation::ORCHESTRATOR, Some(input));
    past.extend([task_scheduled(1, operation::ACTIVITY), episode_end()]);
    let second = episode(
        &registry,
        &past,
        &[started_at(at(1)), task_completed(1, Some(step))],
    );
    assert_eq!(progress(&second)["progress"], 0.5, "{second:?}");
    assert_eq!(scheduled(&second.actions[0]).0, 2);
    past.extend([
        started_at(at(1)),
        task_completed(1, Some(step)),
        task_scheduled(2, operation::ACTIVITY),
        episode_end(),
    ]);
    let done = episode(
        &registry,
        &past,
        &[started_at(at(2)), task_completed(2, Some(step))],
    );
    assert_eq!(progress(&done)["progress"], 1.0);
    let output: Value = serde_json::from_str(
        completion(&done.actions)
            .result
            .as_deref()
            .unwrap_or("null"),
    )
    .unwrap_or_default();
    assert_eq!(output["result"], "Operation op-1 completed successfully");
}

#[test]
fn events_after_a_continue_as_new_in_the_same_batch_are_carried_over() {
    let registry = registry(|r| {
        r.add_orchestrator("again", |ctx: OrchestrationContext, n: i64| async move {
            ctx.create_timer(Duration::from_secs(1)).await;
            ctx.continue_as_new(&(n + 1), true);
            Ok::<_, TaskError>(n)
        })
    });
    let mut past = first_batch("again", Some("0"));
    past.extend([timer_created(1, at(1)), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[
            started_at(at(2)),
            timer_fired(1, at(1)),
            event_raised("late", Some("7")),
        ],
    );
    let complete = completion(&out.actions);
    assert_eq!(
        complete.orchestration_status(),
        OrchestrationStatus::ContinuedAsNew
    );
    assert_eq!(complete.carryover_events.len(), 1, "{complete:?}");
}

/// A combinator that, like `futures::stream::FuturesUnordered`, polls its child only after the
/// child's waker was woken.
struct PollWhenWoken<F: std::future::Future> {
    child: std::pin::Pin<Box<F>>,
    woken: std::sync::Arc<WakeFlag>,
}

#[derive(Default)]
struct WakeFlag(std::sync::atomic::AtomicBool);

impl std::task::Wake for WakeFlag {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl<F: std::future::Future> std::future::Future for PollWhenWoken<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        if !self
            .woken
            .0
            .swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return std::task::Poll::Pending;
        }
        let waker = std::task::Waker::from(std::sync::Arc::clone(&self.woken));
        self.child
            .as_mut()
            .poll(&mut std::task::Context::from_waker(&waker))
    }
}

#[test]
fn durable_futures_wake_their_waker_so_any_combinator_works() {
    let registry = registry(|r| {
        r.add_orchestrator("woken", |ctx: OrchestrationContext, _: Value| async move {
            let woken = std::sync::Arc::new(WakeFlag::default());
            woken.0.store(true, std::sync::atomic::Ordering::SeqCst);
            let call = PollWhenWoken {
                child: Box::pin(ctx.call_activity::<i64>("inc", &1)),
                woken,
            };
            call.await
        })
    });
    let mut past = first_batch("woken", None);
    past.extend([task_scheduled(1, "inc"), episode_end()]);
    let out = episode(
        &registry,
        &past,
        &[started_at(at(1)), task_completed(1, Some("2"))],
    );
    assert_eq!(completion(&out.actions).result.as_deref(), Some("2"));
}
