//! The replay engine: given an orchestration's past and new history events and the registered
//! orchestrators, it runs the orchestration's code over the history and returns the actions and
//! the custom status of this episode. Pure: no I/O, no clock, no randomness.
//!
//! The shape is the Durable Task SDKs' one: a fresh context per work item; every past event,
//! then every new one, is applied in order; each action the code creates takes the next sequence
//! number and is removed again by the history event that confirms it (`eventId` = sequence
//! number), so what is left at the end is what this episode asks for; completions are routed by
//! `taskScheduledId` / `timerId`, and the code is polled after each event that resolved
//! something it may await. A confirmation that does not match what the code did is
//! non-determinism and fails the orchestration with a message naming both sides.

use std::{
    mem,
    panic::{AssertUnwindSafe, catch_unwind},
    task::{Context, Poll, Waker},
};

use super::{
    context::{ContinueAsNew, OrchestrationContext, TaskOutcome},
    failure::TaskError,
    registry::{OrchestrationFuture, Registry},
    rewind,
};
use crate::proto::{
    self, CompleteOrchestrationAction, EventRaisedEvent, ExecutionStartedEvent, HistoryEvent,
    OrchestrationStatus, OrchestratorAction, history_event::EventType,
    orchestrator_action::OrchestratorActionType,
};

/// The error type of an orchestration that no worker here hosts.
pub const NOT_REGISTERED: &str = "OrchestratorNotRegisteredError";

/// What one episode produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Episode {
    /// New actions in sequence-number order, the completion (if any) last.
    pub actions: Vec<OrchestratorAction>,
    /// The custom status as the code last set it (absent: none).
    pub custom_status: Option<String>,
}

impl Episode {
    /// The completion action's status, if the orchestration ended in this episode.
    pub fn completion(&self) -> Option<(OrchestrationStatus, &CompleteOrchestrationAction)> {
        self.actions
            .iter()
            .find_map(|action| match &action.orchestrator_action_type {
                Some(OrchestratorActionType::CompleteOrchestration(complete)) => {
                    Some((complete.orchestration_status(), complete))
                }
                _ => None,
            })
    }
}

/// Runs one episode of the orchestration whose history is `past` + `new`.
pub fn run_episode(
    registry: &Registry,
    instance_id: &str,
    past: &[HistoryEvent],
    new: &[HistoryEvent],
) -> Episode {
    if let Some(rewound) = rewind::rewind_action(instance_id, past, new) {
        return match rewound {
            Ok(action) => Episode {
                actions: vec![action],
                custom_status: None,
            },
            Err(err) => Replay::new(registry, instance_id).failed_at_once(err),
        };
    }
    let mut replay = Replay::new(registry, instance_id);
    for (events, replaying) in [(past, true), (new, false)] {
        replay.ctx.state().replaying = replaying;
        for event in events {
            replay.apply(event);
        }
    }
    replay.finish()
}

/// How the orchestration ended in this episode.
enum End {
    Completed(Option<String>),
    Failed(TaskError),
    Terminated(Option<String>),
    ContinuedAsNew(ContinueAsNew),
}

/// What a confirmation event says the code did at its sequence number.
enum Expected<'a> {
    Activity(&'a str),
    SubOrchestration(&'a str),
    Timer,
    SentEvent { instance_id: &'a str, name: &'a str },
}

impl Expected<'_> {
    fn matches(&self, action: &OrchestratorActionType) -> bool {
        match (self, action) {
            (Expected::Activity(name), OrchestratorActionType::ScheduleTask(task)) => {
                task.name == *name
            }
            (
                Expected::SubOrchestration(name),
                OrchestratorActionType::CreateSubOrchestration(child),
            ) => child.name == *name,
            (Expected::Timer, OrchestratorActionType::CreateTimer(_)) => true,
            (
                Expected::SentEvent { instance_id, name },
                OrchestratorActionType::SendEvent(sent),
            ) => {
                sent.name.eq_ignore_ascii_case(name)
                    && sent.instance.as_ref().map(|i| i.instance_id.as_str()) == Some(*instance_id)
            }
            _ => false,
        }
    }

    fn describe(&self) -> String {
        match self {
            Expected::Activity(name) => format!("a call of activity '{name}'"),
            Expected::SubOrchestration(name) => format!("a call of sub-orchestration '{name}'"),
            Expected::Timer => "a timer".to_owned(),
            Expected::SentEvent { instance_id, name } => {
                format!("event '{name}' sent to '{instance_id}'")
            }
        }
    }
}

fn describe_action(action: &OrchestratorActionType) -> String {
    match action {
        OrchestratorActionType::ScheduleTask(task) => {
            format!("a call of activity '{}'", task.name)
        }
        OrchestratorActionType::CreateSubOrchestration(child) => {
            format!("a call of sub-orchestration '{}'", child.name)
        }
        OrchestratorActionType::CreateTimer(_) => "a timer".to_owned(),
        OrchestratorActionType::SendEvent(sent) => format!("event '{}' sent", sent.name),
        _ => "another action".to_owned(),
    }
}

struct Replay<'r> {
    registry: &'r Registry,
    ctx: OrchestrationContext,
    root: Option<OrchestrationFuture>,
    suspended: bool,
    /// Events that arrived while suspended, applied in order on resume.
    held: Vec<HistoryEvent>,
    end: Option<End>,
}

impl<'r> Replay<'r> {
    fn new(registry: &'r Registry, instance_id: &str) -> Self {
        Self {
            registry,
            ctx: OrchestrationContext::new(instance_id),
            root: None,
            suspended: false,
            held: Vec::new(),
            end: None,
        }
    }

    fn apply(&mut self, event: &HistoryEvent) {
        let Some(kind) = &event.event_type else {
            return;
        };
        if self.end.is_some() {
            // Once the orchestration ended, events are only kept, for a continue-as-new that
            // carries them over (the Python SDK does the same).
            if let EventType::EventRaised(raised) = kind {
                self.ctx
                    .state()
                    .deliver_event(&raised.name, owned(&raised.input));
            }
            return;
        }
        if self.suspended
            && !matches!(
                kind,
                EventType::ExecutionResumed(_) | EventType::ExecutionTerminated(_)
            )
        {
            self.held.push(event.clone());
            return;
        }
        let id = event.event_id;
        match kind {
            EventType::OrchestratorStarted(_) => {
                if let Some(time) = proto::datetime(event.timestamp.as_ref()) {
                    self.ctx.state().current_time = time;
                }
            }
            EventType::ExecutionStarted(started) => self.start(started),
            EventType::TaskScheduled(task) => self.confirm(id, Expected::Activity(&task.name)),
            EventType::TaskCompleted(done) => {
                self.resolve(done.task_scheduled_id, Ok(owned(&done.result)));
            }
            EventType::TaskFailed(failed) => self.resolve(
                failed.task_scheduled_id,
                Err(TaskError::from_proto(failed.failure_details.as_ref())),
            ),
            EventType::SubOrchestrationInstanceCreated(child) => {
                self.confirm(id, Expected::SubOrchestration(&child.name));
            }
            EventType::SubOrchestrationInstanceCompleted(done) => {
                self.resolve(done.task_scheduled_id, Ok(owned(&done.result)));
            }
            EventType::SubOrchestrationInstanceFailed(failed) => self.resolve(
                failed.task_scheduled_id,
                Err(TaskError::from_proto(failed.failure_details.as_ref())),
            ),
            EventType::TimerCreated(_) => self.confirm(id, Expected::Timer),
            EventType::TimerFired(fired) => self.resolve(fired.timer_id, Ok(None)),
            EventType::EventSent(sent) => self.confirm(
                id,
                Expected::SentEvent {
                    instance_id: &sent.instance_id,
                    name: &sent.name,
                },
            ),
            EventType::EventRaised(raised) => {
                let waker = self
                    .ctx
                    .state()
                    .deliver_event(&raised.name, owned(&raised.input));
                if let Some(waker) = waker {
                    waker.wake();
                }
                self.poll();
            }
            EventType::ExecutionSuspended(_) => self.suspended = true,
            // A resume of an instance that is not suspended changes nothing.
            EventType::ExecutionResumed(_) if self.suspended => {
                self.suspended = false;
                for held in mem::take(&mut self.held) {
                    self.apply(&held);
                }
            }
            EventType::ExecutionTerminated(terminated) => {
                self.end = Some(End::Terminated(owned(&terminated.input)));
            }
            // Bookkeeping of the server, and entity events, which this SDK does not host.
            _ => {}
        }
    }

    fn start(&mut self, started: &ExecutionStartedEvent) {
        if self.root.is_some() {
            return;
        }
        let parent = started
            .parent_instance
            .as_ref()
            .and_then(|parent| parent.orchestration_instance.as_ref())
            .map(|instance| instance.instance_id.clone());
        self.ctx.state().parent_instance_id = parent;
        let Some(function) = self.registry.orchestrator(&started.name) else {
            self.end = Some(End::Failed(TaskError::new(
                NOT_REGISTERED,
                format!(
                    "no orchestrator named '{}' is registered on this worker (it hosts: {})",
                    started.name,
                    self.registry.orchestrator_names()
                ),
            )));
            return;
        };
        let input = proto::payload(started.input.as_ref());
        let ctx = self.ctx.clone();
        match catch_unwind(AssertUnwindSafe(|| function(ctx, input))) {
            Ok(root) => {
                self.root = Some(root);
                self.poll();
            }
            Err(panic) => self.end = Some(End::Failed(TaskError::panic(&*panic))),
        }
    }

    fn confirm(&mut self, id: i32, expected: Expected<'_>) {
        let action = self
            .ctx
            .state()
            .pending
            .remove(&id)
            .and_then(|action| action.orchestrator_action_type);
        let mismatch = match action {
            None => format!(
                "history has {} as task {id}, but the orchestration did not make that call this time",
                expected.describe()
            ),
            Some(action) if !expected.matches(&action) => format!(
                "history has {} as task {id}, but the orchestration now makes {} there",
                expected.describe(),
                describe_action(&action)
            ),
            Some(_) => return,
        };
        self.end = Some(End::Failed(TaskError::non_determinism(format!(
            "{mismatch}: its code changed while it ran, or it decides from something other than \
             its input and history (a clock, randomness, I/O)"
        ))));
    }

    fn resolve(&mut self, id: i32, outcome: TaskOutcome) {
        let waker = self.ctx.state().resolve_task(id, outcome);
        if let Some(waker) = waker {
            waker.wake();
        }
        self.poll();
    }

    /// Polls the orchestration's code once; it runs until it awaits something unresolved.
    fn poll(&mut self) {
        let Some(root) = self.root.as_mut() else {
            return;
        };
        let mut cx = Context::from_waker(Waker::noop());
        let polled = catch_unwind(AssertUnwindSafe(|| root.as_mut().poll(&mut cx)));
        let continued = self.ctx.state().continue_as_new.take();
        self.end = match (polled, continued) {
            // Continuing as new ended the execution; what the code did after it does not count.
            (_, Some(next)) => Some(End::ContinuedAsNew(next)),
            (Ok(Poll::Pending), None) => return,
            (Ok(Poll::Ready(Ok(output))), None) => Some(End::Completed(output)),
            (Ok(Poll::Ready(Err(err))), None) => Some(End::Failed(err)),
            (Err(panic), _) => Some(End::Failed(TaskError::panic(&*panic))),
        };
    }

    fn failed_at_once(mut self, err: TaskError) -> Episode {
        self.end = Some(End::Failed(err));
        self.finish()
    }

    fn finish(mut self) -> Episode {
        // Dropping the code first lets unanswered event waits give their events back. User
        // types may panic in their `Drop`: that must not take the work item down with it.
        let root = self.root.take();
        let _ = catch_unwind(AssertUnwindSafe(move || drop(root)));
        let ctx = self.ctx;
        let mut state = ctx.state();
        let mut actions: Vec<OrchestratorAction> =
            mem::take(&mut state.pending).into_values().collect();
        let complete = |status: OrchestrationStatus| CompleteOrchestrationAction {
            orchestration_status: status as i32,
            ..CompleteOrchestrationAction::default()
        };
        let completion = match self.end {
            None => None,
            Some(End::Completed(result)) => Some(CompleteOrchestrationAction {
                result,
                ..complete(OrchestrationStatus::Completed)
            }),
            Some(End::Failed(err)) => Some(CompleteOrchestrationAction {
                failure_details: Some(err.to_proto()),
                ..complete(OrchestrationStatus::Failed)
            }),
            Some(End::Terminated(output)) => {
                // A terminated orchestration starts nothing more.
                actions.clear();
                Some(CompleteOrchestrationAction {
                    result: output,
                    ..complete(OrchestrationStatus::Terminated)
                })
            }
            Some(End::ContinuedAsNew(next)) => {
                let carryover = if next.keep_events {
                    let time = proto::timestamp(state.current_time);
                    state
                        .buffered
                        .iter()
                        .map(|event| HistoryEvent {
                            event_id: -1,
                            timestamp: Some(time),
                            event_type: Some(EventType::EventRaised(EventRaisedEvent {
                                name: event.name.clone(),
                                input: event.payload.clone(),
                            })),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Some(CompleteOrchestrationAction {
                    result: next.input,
                    carryover_events: carryover,
                    ..complete(OrchestrationStatus::ContinuedAsNew)
                })
            }
        };
        if let Some(completion) = completion {
            let id = state.next_sequence();
            actions.push(OrchestratorAction {
                id,
                orchestrator_action_type: Some(OrchestratorActionType::CompleteOrchestration(
                    completion,
                )),
            });
        }
        Episode {
            actions,
            custom_status: state.custom_status.clone(),
        }
    }
}

fn owned(payload: &Option<String>) -> Option<String> {
    proto::payload(payload.as_ref()).map(str::to_owned)
}
