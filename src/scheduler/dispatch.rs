//! Work-item queues in memory: ready instances and activities per task hub, leases with opaque
//! completion tokens, at most one orchestration work item in flight per instance, requeue on
//! abandon, on a dropped stream and on lease timeout.
//!
//! The database is the truth; these queues only say what to hand out next, and are rebuilt from
//! it at start-up. Every change is made after the transaction that caused it has committed.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::sync::Notify;

use super::store::{Episode, QueuedActivity};
use crate::proto::WorkItemFilters;

/// How long a worker may hold a work item before it is presumed hung and the item is handed to
/// another worker. A worker whose stream ends gives its items back at once, whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeasePolicy {
    /// Orchestration episodes: a replay takes milliseconds, so an episode held this long means a
    /// hung worker.
    pub orchestration: Duration,
    /// Activities: `None` holds them for as long as the worker's stream stays open, because a
    /// long activity and a hung one look alike from here (the protocol has no lease renewal).
    pub activity: Option<Duration>,
}

/// What a lease holds.
#[derive(Debug, Clone)]
pub enum LeaseKind {
    /// An orchestration episode; its details are filled in once the work item is built.
    Orchestration(Option<Episode>),
    /// An activity.
    Activity(QueuedActivity),
}

/// A work item handed to a worker and not yet completed.
#[derive(Debug, Clone)]
pub struct Lease {
    /// The task hub.
    pub hub: Arc<str>,
    /// The instance id (orchestrations) or the owning instance (activities).
    pub instance: String,
    /// What it is.
    pub kind: LeaseKind,
    stream: u64,
    /// When the lease is presumed lost; `None`: held while the stream is open.
    expires: Option<Instant>,
}

/// One worker stream's in-flight counts, for `maxConcurrent*`.
#[derive(Debug, Default)]
pub struct StreamSlot {
    /// Orchestration work items in flight.
    pub orchestrations: AtomicUsize,
    /// Activity work items in flight.
    pub activities: AtomicUsize,
    /// Woken when a lease of this stream ends (capacity freed).
    pub freed: Notify,
}

/// What a worker stream asks for: its limits and filters.
#[derive(Debug, Clone, Default)]
pub struct StreamWants {
    /// Most orchestrations in flight (0: no limit).
    pub max_orchestrations: usize,
    /// Most activities in flight (0: no limit).
    pub max_activities: usize,
    /// Work item filters, if the worker sent any.
    pub filters: Option<WorkItemFilters>,
}

impl StreamWants {
    fn orchestration_ok(&self, name: &str) -> bool {
        self.filters
            .as_ref()
            .is_none_or(|f| f.orchestrations.iter().any(|o| o.name == name))
    }

    fn activity_ok(&self, name: &str) -> bool {
        self.filters
            .as_ref()
            .is_none_or(|f| f.activities.iter().any(|a| a.name == name))
    }
}

/// The next thing a stream should send.
#[derive(Debug)]
pub enum Next {
    /// Build the work item for this instance and send it under this token.
    Orchestration {
        /// Completion token.
        token: String,
        /// Instance id.
        id: String,
    },
    /// Send this activity under this token.
    Activity {
        /// Completion token.
        token: String,
        /// The activity.
        activity: Box<QueuedActivity>,
    },
}

#[derive(Default)]
struct HubQueues {
    orchestrations: VecDeque<(String, String)>,
    queued: HashSet<String>,
    /// Instances with an episode in flight: their name, and whether new work arrived meanwhile.
    in_flight: HashMap<String, (String, bool)>,
    activities: VecDeque<QueuedActivity>,
}

#[derive(Default)]
struct State {
    hubs: HashMap<Arc<str>, HubQueues>,
    leases: HashMap<String, Lease>,
    streams: HashMap<u64, Arc<StreamSlot>>,
    next_token: u64,
    next_stream: u64,
}

/// The dispatcher shared by the service, the timer task and the worker streams.
pub struct Dispatcher {
    state: Mutex<State>,
    /// Woken whenever work is queued (streams wait on it).
    pub work: Notify,
    token_prefix: String,
    leases: LeasePolicy,
}

impl Dispatcher {
    /// An empty dispatcher whose leases expire as `leases` says.
    pub fn new(leases: LeasePolicy) -> Self {
        // A per-process prefix makes tokens from before a restart stale by construction.
        let prefix = uuid::Uuid::new_v4().simple().to_string();
        Self {
            state: Mutex::new(State::default()),
            work: Notify::new(),
            token_prefix: prefix[..12].to_owned(),
            leases,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues an instance that has new inbox events.
    pub fn enqueue(&self, hub: &Arc<str>, id: String, name: String) {
        {
            let mut state = self.lock();
            let queues = state.hubs.entry(Arc::clone(hub)).or_default();
            enqueue_locked(queues, id, name, false);
        }
        self.work.notify_waiters();
    }

    /// Queues an activity.
    pub fn push_activity(&self, activity: QueuedActivity, front: bool) {
        {
            let mut state = self.lock();
            let queues = state.hubs.entry(Arc::clone(&activity.hub)).or_default();
            if front {
                queues.activities.push_front(activity);
            } else {
                queues.activities.push_back(activity);
            }
        }
        self.work.notify_waiters();
    }

    /// Registers a worker stream; returns its id and slot.
    pub fn open_stream(&self) -> (u64, Arc<StreamSlot>) {
        let mut state = self.lock();
        state.next_stream += 1;
        let id = state.next_stream;
        let slot = Arc::new(StreamSlot::default());
        state.streams.insert(id, Arc::clone(&slot));
        (id, slot)
    }

    /// Takes the next work item a stream may run, honouring its limits and filters.
    pub fn next(&self, hub: &Arc<str>, stream: u64, wants: &StreamWants) -> Option<Next> {
        let mut state = self.lock();
        let slot = state.streams.get(&stream).cloned()?;
        let queues = state.hubs.get_mut(hub)?;
        let orch_room = wants.max_orchestrations == 0
            || slot.orchestrations.load(Ordering::Relaxed) < wants.max_orchestrations;
        let act_room = wants.max_activities == 0
            || slot.activities.load(Ordering::Relaxed) < wants.max_activities;
        let mut lease = None;
        if orch_room
            && let Some(pos) = queues
                .orchestrations
                .iter()
                .position(|(_, name)| wants.orchestration_ok(name))
            && let Some((id, name)) = queues.orchestrations.remove(pos)
        {
            queues.queued.remove(&id);
            queues.in_flight.insert(id.clone(), (name, false));
            slot.orchestrations.fetch_add(1, Ordering::Relaxed);
            lease = Some((id.clone(), LeaseKind::Orchestration(None)));
        } else if act_room
            && let Some(pos) = queues
                .activities
                .iter()
                .position(|a| wants.activity_ok(&a.request.name))
            && let Some(activity) = queues.activities.remove(pos)
        {
            slot.activities.fetch_add(1, Ordering::Relaxed);
            let instance = activity
                .request
                .orchestration_instance
                .as_ref()
                .map(|i| i.instance_id.clone())
                .unwrap_or_default();
            lease = Some((instance, LeaseKind::Activity(activity)));
        }
        let (instance, kind) = lease?;
        let held_for = match kind {
            LeaseKind::Orchestration(_) => Some(self.leases.orchestration),
            LeaseKind::Activity(_) => self.leases.activity,
        };
        let expires = held_for.map(|d| Instant::now() + d);
        state.next_token += 1;
        let token = format!("{}-{}", self.token_prefix, state.next_token);
        let next = match &kind {
            LeaseKind::Orchestration(_) => Next::Orchestration {
                token: token.clone(),
                id: instance.clone(),
            },
            LeaseKind::Activity(activity) => Next::Activity {
                token: token.clone(),
                activity: Box::new(activity.clone()),
            },
        };
        state.leases.insert(
            token,
            Lease {
                hub: Arc::clone(hub),
                instance,
                kind,
                stream,
                expires,
            },
        );
        Some(next)
    }

    /// Records what an orchestration lease sent, so its completion commits exactly that.
    pub fn set_episode(&self, token: &str, episode: Episode) {
        if let Some(lease) = self.lock().leases.get_mut(token) {
            lease.kind = LeaseKind::Orchestration(Some(episode));
        }
    }

    /// Ends a lease for completion: `None` if the token is unknown or stale (already completed,
    /// abandoned, timed out, or from before a restart).
    pub fn take(&self, token: &str) -> Option<Lease> {
        let mut state = self.lock();
        let lease = state.leases.remove(token)?;
        release_slot(&state, &lease);
        Some(lease)
    }

    /// After an orchestration's completion committed (or failed): leave the in-flight state and
    /// queue it again if it has more work.
    pub fn finish_orchestration(&self, hub: &Arc<str>, id: &str, more: bool) {
        let queued = {
            let mut state = self.lock();
            let queues = state.hubs.entry(Arc::clone(hub)).or_default();
            let (name, dirty) = queues.in_flight.remove(id).unwrap_or_default();
            if more || dirty {
                enqueue_locked(queues, id.to_owned(), name, true);
                true
            } else {
                false
            }
        };
        if queued {
            self.work.notify_waiters();
        }
    }

    /// Abandons a lease: its work goes back to the front of the queue.
    pub fn abandon(&self, token: &str) -> bool {
        match self.take(token) {
            Some(lease) => {
                self.requeue(lease);
                true
            }
            None => false,
        }
    }

    /// Puts an ended lease's work back at the front of its queue.
    pub fn requeue(&self, lease: Lease) {
        match lease.kind {
            LeaseKind::Orchestration(_) => {
                self.finish_orchestration(&lease.hub, &lease.instance, true);
            }
            LeaseKind::Activity(activity) => self.push_activity(activity, true),
        }
    }

    /// A worker stream ended: everything it held goes back to the queues.
    pub fn close_stream(&self, stream: u64) {
        let orphans: Vec<String> = {
            let mut state = self.lock();
            state.streams.remove(&stream);
            state
                .leases
                .iter()
                .filter(|(_, l)| l.stream == stream)
                .map(|(t, _)| t.clone())
                .collect()
        };
        for token in orphans {
            self.abandon(&token);
        }
    }

    /// Requeues every lease past its deadline (a hung or vanished worker); returns how many.
    pub fn expire_leases(&self) -> usize {
        let now = Instant::now();
        let expired: Vec<String> = self
            .lock()
            .leases
            .iter()
            .filter(|(_, l)| l.expires.is_some_and(|at| at <= now))
            .map(|(t, _)| t.clone())
            .collect();
        for token in &expired {
            tracing::warn!(%token, "work item lease expired; requeued");
            self.abandon(token);
        }
        expired.len()
    }
}

fn enqueue_locked(queues: &mut HubQueues, id: String, name: String, front: bool) {
    if let Some((_, dirty)) = queues.in_flight.get_mut(&id) {
        *dirty = true;
        return;
    }
    if queues.queued.insert(id.clone()) {
        if front {
            queues.orchestrations.push_front((id, name));
        } else {
            queues.orchestrations.push_back((id, name));
        }
    }
}

fn release_slot(state: &State, lease: &Lease) {
    if let Some(slot) = state.streams.get(&lease.stream) {
        let counter = match lease.kind {
            LeaseKind::Orchestration(_) => &slot.orchestrations,
            LeaseKind::Activity(_) => &slot.activities,
        };
        counter.fetch_sub(1, Ordering::Relaxed);
        slot.freed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub() -> Arc<str> {
        Arc::from("default")
    }

    fn dispatcher(orchestration: Duration, activity: Option<Duration>) -> Dispatcher {
        Dispatcher::new(LeasePolicy {
            orchestration,
            activity,
        })
    }

    fn activity(id: i64) -> QueuedActivity {
        QueuedActivity {
            id,
            hub: hub(),
            request: crate::proto::ActivityRequest {
                name: "work".into(),
                ..Default::default()
            },
        }
    }

    fn take_orchestration(d: &Dispatcher, stream: u64) -> Option<(String, String)> {
        match d.next(&hub(), stream, &StreamWants::default())? {
            Next::Orchestration { token, id } => Some((token, id)),
            Next::Activity { .. } => None,
        }
    }

    #[test]
    fn one_episode_in_flight_per_instance_and_new_work_follows_it() {
        let d = dispatcher(Duration::from_secs(60), None);
        let (stream, _) = d.open_stream();
        d.enqueue(&hub(), "a".into(), "orch".into());
        let (token, id) = take_orchestration(&d, stream).expect("a is ready");
        assert_eq!(id, "a");
        // New work for an instance in flight waits for its episode to end.
        d.enqueue(&hub(), "a".into(), "orch".into());
        assert!(take_orchestration(&d, stream).is_none());
        assert!(d.take(&token).is_some());
        d.finish_orchestration(&hub(), "a", false);
        let (second, id) = take_orchestration(&d, stream).expect("a is ready again");
        assert_eq!(id, "a");
        assert_ne!(second, token);
    }

    #[test]
    fn tokens_are_single_use_and_a_closed_stream_gives_its_work_back() {
        let d = dispatcher(Duration::from_secs(60), None);
        let (first, _) = d.open_stream();
        d.enqueue(&hub(), "b".into(), "orch".into());
        let (token, _) = take_orchestration(&d, first).expect("b is ready");
        d.close_stream(first);
        assert!(
            d.take(&token).is_none(),
            "the closed stream's token is stale"
        );
        let (second, _) = d.open_stream();
        let (again, id) = take_orchestration(&d, second).expect("b was requeued");
        assert_eq!(id, "b");
        assert!(d.take(&again).is_some());
        assert!(d.take(&again).is_none(), "a token completes once");
    }

    #[test]
    fn activities_are_held_while_the_stream_lives_unless_a_timeout_is_set() {
        let held = dispatcher(Duration::ZERO, None);
        let (stream, _) = held.open_stream();
        held.push_activity(activity(1), false);
        let Some(Next::Activity { token, .. }) = held.next(&hub(), stream, &StreamWants::default())
        else {
            panic!("the activity is handed out");
        };
        assert_eq!(held.expire_leases(), 0, "a long activity is not taken away");
        assert!(held.take(&token).is_some());

        let bounded = dispatcher(Duration::from_secs(60), Some(Duration::ZERO));
        let (stream, _) = bounded.open_stream();
        bounded.push_activity(activity(2), false);
        assert!(
            bounded
                .next(&hub(), stream, &StreamWants::default())
                .is_some()
        );
        assert_eq!(bounded.expire_leases(), 1);
    }

    #[test]
    fn expired_leases_are_requeued() {
        let d = dispatcher(Duration::ZERO, None);
        let (stream, _) = d.open_stream();
        d.enqueue(&hub(), "c".into(), "orch".into());
        let (token, _) = take_orchestration(&d, stream).expect("c is ready");
        assert_eq!(d.expire_leases(), 1);
        assert!(d.take(&token).is_none());
        assert!(take_orchestration(&d, stream).is_some());
    }
}
