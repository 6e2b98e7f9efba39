//! [`OrchestrationContext`]: what an orchestration's code may do (call activities and
//! sub-orchestrations, start timers, wait for events, publish a custom status, continue as new)
//! and the durable futures those calls return.
//!
//! Every call that schedules work takes the next sequence number and records an action; the
//! replay engine (`replay.rs`) matches those actions to the history and resolves the futures
//! from it. Nothing here does I/O or reads a clock: the time is the episode's
//! `OrchestratorStarted` time, and ids are derived from it, so a replay makes the same calls in
//! the same order.

use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap},
    future::Future,
    marker::PhantomData,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll, Waker},
    time::Duration,
};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Serialize, de::DeserializeOwned};
use uuid::Uuid;

use super::{
    failure::{TASK_FAILED, TaskError},
    payload::{decode, encode},
    retry::RetryPolicy,
};
use crate::proto::{
    self, CreateSubOrchestrationAction, CreateTimerAction, OrchestrationInstance,
    OrchestratorAction, ScheduleTaskAction, SendEventAction,
    orchestrator_action::OrchestratorActionType,
};

/// The namespace of [`OrchestrationContext::new_uuid`], the Python SDK's (a UUIDv5 of this text
/// in the OID namespace), so both SDKs derive the same ids from the same history.
const UUID_NAMESPACE_NAME: &str = "9e952958-5e33-4daf-827f-2fa12937b875";

/// The handle an orchestration's code gets: cheap to clone, used only inside the orchestration.
#[derive(Clone)]
pub struct OrchestrationContext {
    state: Rc<RefCell<State>>,
}

/// A completed task's outcome as history reports it: the result payload, or the failure.
pub(crate) type TaskOutcome = Result<Option<String>, TaskError>;

/// What the orchestration asked for when it continued as new.
#[derive(Debug, Clone)]
pub(crate) struct ContinueAsNew {
    pub input: Option<String>,
    pub keep_events: bool,
}

/// An event that arrived with nobody waiting for it.
#[derive(Debug, Clone)]
pub(crate) struct BufferedEvent {
    /// Arrival order, to keep it when a claimed event is put back.
    pub arrival: u64,
    /// The case-folded name.
    pub name: String,
    pub payload: Option<String>,
}

/// The state of one orchestration during one episode.
pub(crate) struct State {
    pub instance_id: String,
    pub parent_instance_id: Option<String>,
    pub current_time: DateTime<Utc>,
    pub replaying: bool,
    last_sequence: i32,
    /// Actions created and not yet confirmed by history, by sequence number.
    pub pending: BTreeMap<i32, OrchestratorAction>,
    /// Outcomes of tasks that history completed and no future has taken yet.
    pub outcomes: HashMap<i32, TaskOutcome>,
    /// Unresolved `wait_for_event` calls: waiter id -> case-folded name, oldest first.
    waiters: BTreeMap<u64, String>,
    /// Events delivered to waiters and not yet taken by their futures.
    delivered: HashMap<u64, BufferedEvent>,
    next_waiter: u64,
    pub buffered: Vec<BufferedEvent>,
    next_arrival: u64,
    pub custom_status: Option<String>,
    pub continue_as_new: Option<ContinueAsNew>,
    uuid_counter: u64,
    /// Wakers of pending futures, for combinators that poll only what was woken (the engine
    /// itself polls the whole orchestration after every resolution).
    task_wakers: HashMap<i32, Waker>,
    event_wakers: HashMap<u64, Waker>,
}

impl State {
    /// Takes the next sequence number: every action gets one, the completion last.
    pub fn next_sequence(&mut self) -> i32 {
        self.last_sequence += 1;
        self.last_sequence
    }

    /// Records a task's outcome; returns the waker of the future awaiting it, to wake once the
    /// state is no longer borrowed.
    pub fn resolve_task(&mut self, id: i32, outcome: TaskOutcome) -> Option<Waker> {
        self.outcomes.insert(id, outcome);
        self.task_wakers.remove(&id)
    }

    /// Delivers an event to the oldest waiter for its name, or buffers it; returns the waker of
    /// the future that got it.
    pub fn deliver_event(&mut self, name: &str, payload: Option<String>) -> Option<Waker> {
        let name = name.to_lowercase();
        let arrival = self.next_arrival;
        self.next_arrival += 1;
        let event = BufferedEvent {
            arrival,
            name,
            payload,
        };
        let waiter = self
            .waiters
            .iter()
            .find(|(_, wanted)| **wanted == event.name)
            .map(|(id, _)| *id);
        match waiter {
            Some(id) => {
                self.waiters.remove(&id);
                self.delivered.insert(id, event);
                self.event_wakers.remove(&id)
            }
            None => {
                self.buffered.push(event);
                None
            }
        }
    }

    fn put_back(&mut self, event: BufferedEvent) {
        let at = self
            .buffered
            .partition_point(|other| other.arrival < event.arrival);
        self.buffered.insert(at, event);
    }
}

impl OrchestrationContext {
    pub(crate) fn new(instance_id: &str) -> Self {
        Self {
            state: Rc::new(RefCell::new(State {
                instance_id: instance_id.to_owned(),
                parent_instance_id: None,
                current_time: DateTime::<Utc>::UNIX_EPOCH,
                replaying: true,
                last_sequence: 0,
                pending: BTreeMap::new(),
                outcomes: HashMap::new(),
                waiters: BTreeMap::new(),
                delivered: HashMap::new(),
                next_waiter: 0,
                buffered: Vec::new(),
                next_arrival: 0,
                custom_status: None,
                continue_as_new: None,
                uuid_counter: 0,
                task_wakers: HashMap::new(),
                event_wakers: HashMap::new(),
            })),
        }
    }

    /// The engine's access to the shared state. Never held across a poll of user code.
    pub(crate) fn state(&self) -> std::cell::RefMut<'_, State> {
        self.state.borrow_mut()
    }

    /// This orchestration's instance id.
    pub fn instance_id(&self) -> String {
        self.state.borrow().instance_id.clone()
    }

    /// The instance id of the orchestration that started this one as a sub-orchestration.
    pub fn parent_instance_id(&self) -> Option<String> {
        self.state.borrow().parent_instance_id.clone()
    }

    /// The orchestration's clock: the time the current episode started, the same on every replay.
    pub fn current_time(&self) -> DateTime<Utc> {
        self.state.borrow().current_time
    }

    /// Whether the code is running again over history it already made (for logging once only).
    pub fn is_replaying(&self) -> bool {
        self.state.borrow().replaying
    }

    /// A new UUID, the same on every replay (a UUIDv5 of the instance id, the clock and a
    /// counter, as the Python SDK derives it).
    pub fn new_uuid(&self) -> Uuid {
        let mut state = self.state.borrow_mut();
        let name = format!(
            "{}_{}_{}",
            state.instance_id,
            state.current_time.format("%Y-%m-%dT%H:%M:%S%.6fZ"),
            state.uuid_counter
        );
        state.uuid_counter += 1;
        let namespace = Uuid::new_v5(&Uuid::NAMESPACE_OID, UUID_NAMESPACE_NAME.as_bytes());
        Uuid::new_v5(&namespace, name.as_bytes())
    }

    /// Publishes the orchestration's custom status (by convention
    /// `{"progress": 0.0..1.0, "message": "..."}`), readable by clients while it runs.
    pub fn set_custom_status<T: Serialize + ?Sized>(&self, status: &T) {
        // A status that cannot be encoded is dropped rather than failing the orchestration.
        let encoded = encode(status).ok().flatten();
        self.state.borrow_mut().custom_status = encoded;
    }

    /// Schedules the activity `name` with `input` and returns its future output.
    pub fn call_activity<T: DeserializeOwned>(
        &self,
        name: &str,
        input: &(impl Serialize + ?Sized),
    ) -> TaskFuture<T> {
        let label = format!("activity '{name}'");
        self.schedule(label, encode(input), |input| {
            OrchestratorActionType::ScheduleTask(ScheduleTaskAction {
                name: name.to_owned(),
                input,
                ..ScheduleTaskAction::default()
            })
        })
    }

    /// Calls the activity `name`, retrying failures as `policy` says, with durable timers between
    /// the attempts.
    pub async fn call_activity_with_retry<T: DeserializeOwned>(
        &self,
        name: &str,
        input: &(impl Serialize + ?Sized),
        policy: &RetryPolicy,
    ) -> Result<T, TaskError> {
        let started = self.current_time();
        let mut attempt = 1;
        loop {
            match self.call_activity(name, input).await {
                Ok(value) => return Ok(value),
                Err(err) => match policy.delay_after(attempt, started, self.current_time()) {
                    Some(delay) => self.create_timer(delay).await,
                    None => return Err(err),
                },
            }
            attempt += 1;
        }
    }

    /// Starts the orchestration `name` as a child of this one and returns its future output.
    /// Its instance id is `instance_id`, or `<this id>:<sequence number as 4 hex digits>` as the
    /// Python SDK makes it.
    pub fn call_sub_orchestrator<T: DeserializeOwned>(
        &self,
        name: &str,
        input: &(impl Serialize + ?Sized),
        instance_id: Option<&str>,
    ) -> TaskFuture<T> {
        let child_id = {
            let state = self.state.borrow();
            match instance_id {
                Some(id) => id.to_owned(),
                None => format!("{}:{:04x}", state.instance_id, state.last_sequence + 1),
            }
        };
        let label = format!("sub-orchestration '{name}' ({child_id})");
        self.schedule(label, encode(input), |input| {
            OrchestratorActionType::CreateSubOrchestration(CreateSubOrchestrationAction {
                instance_id: child_id,
                name: name.to_owned(),
                input,
                ..CreateSubOrchestrationAction::default()
            })
        })
    }

    /// A durable timer: at a time (`DateTime<Utc>`) or after a delay (`std::time::Duration` or
    /// `chrono::TimeDelta`) from the orchestration's clock.
    pub fn create_timer(&self, due: impl Into<TimerDue>) -> TimerFuture {
        let mut state = self.state.borrow_mut();
        let fire_at = match due.into() {
            TimerDue::At(at) => at,
            TimerDue::After(delay) => state
                .current_time
                .checked_add_signed(delay)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        };
        let id = state.next_sequence();
        state.pending.insert(
            id,
            action(
                id,
                OrchestratorActionType::CreateTimer(CreateTimerAction {
                    fire_at: Some(proto::timestamp(fire_at)),
                }),
            ),
        );
        TimerFuture {
            state: Rc::clone(&self.state),
            id,
        }
    }

    /// Waits for the external event `name` (case-insensitive). An event that arrived before
    /// anybody waited is taken at once, oldest first.
    pub fn wait_for_event<T: DeserializeOwned>(&self, name: &str) -> EventFuture<T> {
        let mut state = self.state.borrow_mut();
        let folded = name.to_lowercase();
        let id = state.next_waiter;
        state.next_waiter += 1;
        match state.buffered.iter().position(|event| event.name == folded) {
            Some(at) => {
                let event = state.buffered.remove(at);
                state.delivered.insert(id, event);
            }
            None => {
                state.waiters.insert(id, folded);
            }
        }
        EventFuture {
            state: Rc::clone(&self.state),
            id,
            name: name.to_owned(),
            _output: PhantomData,
        }
    }

    /// Sends the event `name` with `data` to another instance (fire and forget).
    pub fn send_event(&self, instance_id: &str, name: &str, data: &(impl Serialize + ?Sized)) {
        // Encoded first: user `Serialize` code may read the context.
        // Like a status, data that cannot be encoded is sent as null.
        let data = encode(data).ok().flatten();
        let mut state = self.state.borrow_mut();
        let id = state.next_sequence();
        let action_type = OrchestratorActionType::SendEvent(SendEventAction {
            instance: Some(OrchestrationInstance {
                instance_id: instance_id.to_owned(),
                execution_id: None,
            }),
            name: name.to_owned(),
            data,
        });
        state.pending.insert(id, action(id, action_type));
    }

    /// Ends this execution and starts the orchestration again with `input` and a fresh history.
    /// With `keep_events`, events that arrived and were not consumed are carried over. Return
    /// from the orchestration right after calling it; what it returns is ignored.
    pub fn continue_as_new(&self, input: &(impl Serialize + ?Sized), keep_events: bool) {
        let input = encode(input).ok().flatten();
        self.state.borrow_mut().continue_as_new = Some(ContinueAsNew { input, keep_events });
    }

    fn schedule<T>(
        &self,
        label: String,
        input: Result<Option<String>, TaskError>,
        make: impl FnOnce(Option<String>) -> OrchestratorActionType,
    ) -> TaskFuture<T> {
        let input = match input {
            Ok(input) => input,
            Err(err) => return TaskFuture::failed(&self.state, err),
        };
        let mut state = self.state.borrow_mut();
        let id = state.next_sequence();
        state.pending.insert(id, action(id, make(input)));
        TaskFuture {
            state: Rc::clone(&self.state),
            id,
            label,
            early: None,
            _output: PhantomData,
        }
    }
}

fn action(id: i32, action_type: OrchestratorActionType) -> OrchestratorAction {
    OrchestratorAction {
        id,
        orchestrator_action_type: Some(action_type),
    }
}

/// When a timer is due.
#[derive(Debug, Clone, Copy)]
pub enum TimerDue {
    /// At this time.
    At(DateTime<Utc>),
    /// This long after the orchestration's clock.
    After(TimeDelta),
}

impl From<DateTime<Utc>> for TimerDue {
    fn from(at: DateTime<Utc>) -> Self {
        TimerDue::At(at)
    }
}

impl From<TimeDelta> for TimerDue {
    fn from(delay: TimeDelta) -> Self {
        TimerDue::After(delay)
    }
}

impl From<Duration> for TimerDue {
    fn from(delay: Duration) -> Self {
        TimerDue::After(TimeDelta::from_std(delay).unwrap_or(TimeDelta::MAX))
    }
}

/// The future output of an activity or a sub-orchestration.
#[must_use = "a task does nothing for the orchestration unless it is awaited"]
pub struct TaskFuture<T> {
    state: Rc<RefCell<State>>,
    id: i32,
    label: String,
    early: Option<TaskError>,
    _output: PhantomData<fn() -> T>,
}

impl<T> TaskFuture<T> {
    /// A task that failed before it was scheduled (its input could not be encoded).
    fn failed(state: &Rc<RefCell<State>>, err: TaskError) -> Self {
        Self {
            state: Rc::clone(state),
            id: 0,
            label: String::new(),
            early: Some(err),
            _output: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Future for TaskFuture<T> {
    type Output = Result<T, TaskError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(err) = this.early.take() {
            return Poll::Ready(Err(err));
        }
        let outcome = {
            let mut state = this.state.borrow_mut();
            let outcome = state.outcomes.remove(&this.id);
            if outcome.is_none() {
                state.task_wakers.insert(this.id, cx.waker().clone());
            }
            outcome
        };
        match outcome {
            None => Poll::Pending,
            Some(Ok(payload)) => Poll::Ready(decode(payload.as_deref(), &this.label)),
            Some(Err(failure)) => {
                let message = format!(
                    "{} (task {}) failed: {}",
                    this.label, this.id, failure.message
                );
                Poll::Ready(Err(TaskError::new(TASK_FAILED, message).caused_by(failure)))
            }
        }
    }
}

/// A durable timer: ready when history says it fired.
#[must_use = "a timer does nothing for the orchestration unless it is awaited"]
pub struct TimerFuture {
    state: Rc<RefCell<State>>,
    id: i32,
}

impl Future for TimerFuture {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.state.borrow_mut();
        match state.outcomes.remove(&self.id) {
            Some(_) => Poll::Ready(()),
            None => {
                state.task_wakers.insert(self.id, cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// An external event's future payload. Dropping it unanswered stops the wait, so a later event
/// of that name is kept for the next waiter.
#[must_use = "an event wait does nothing unless it is awaited"]
pub struct EventFuture<T> {
    state: Rc<RefCell<State>>,
    id: u64,
    name: String,
    _output: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Future for EventFuture<T> {
    type Output = Result<T, TaskError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let event = {
            let mut state = self.state.borrow_mut();
            let event = state.delivered.remove(&self.id);
            if event.is_none() {
                state.event_wakers.insert(self.id, cx.waker().clone());
            }
            event
        };
        match event {
            Some(event) => {
                let what = format!("data of event '{}'", self.name);
                Poll::Ready(decode(event.payload.as_deref(), &what))
            }
            None => Poll::Pending,
        }
    }
}

impl<T> Drop for EventFuture<T> {
    fn drop(&mut self) {
        // The engine never holds the state while futures are dropped; if something does, the
        // wait simply stays registered.
        if let Ok(mut state) = self.state.try_borrow_mut() {
            state.waiters.remove(&self.id);
            state.event_wakers.remove(&self.id);
            if let Some(event) = state.delivered.remove(&self.id) {
                state.put_back(event);
            }
        }
    }
}
