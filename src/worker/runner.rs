//! The worker's loop: `Hello`, then `GetWorkItems`; each work item runs in a task of its own
//! under the concurrency limit of its kind and is answered with its completion token. A broken
//! or silent stream reconnects with full-jitter backoff; on shutdown, new work items are handed
//! back, in-flight ones get the grace period, and what is left is abandoned.

use std::{collections::HashMap, future::Future, pin::pin, sync::Arc, time::Duration};

use tokio::{
    sync::Semaphore,
    task::{Id, JoinError, JoinSet},
    time::{Instant, sleep, sleep_until},
};
use tonic::{Code, Streaming};

use super::{
    Options, activity::run_activity, failure::TaskError, registry::Registry, replay::run_episode,
};
use crate::{
    connection::{Connection, SidecarClient, new_worker_id},
    proto::{
        AbandonActivityTaskRequest, AbandonEntityTaskRequest, AbandonOrchestrationTaskRequest,
        ActivityRequest, CompleteOrchestrationAction, GetWorkItemsRequest, OrchestrationStatus,
        OrchestratorAction, OrchestratorRequest, OrchestratorResponse, WorkItem,
        orchestrator_action::OrchestratorActionType, work_item::Request,
    },
};

/// A stream with no message (work item or health ping) for this long is presumed dead, as the
/// Python SDK presumes it; servers ping idle streams well within it.
const SILENCE_LIMIT: Duration = Duration::from_secs(120);
/// The longest backoff between reconnects.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// `Hello` must answer within this.
const HELLO_TIMEOUT: Duration = Duration::from_secs(30);
/// How long an entity work item (which this worker cannot run) is held before it is handed back.
const ENTITY_HAND_BACK_DELAY: Duration = Duration::from_secs(10);
/// How long one abandon call may take on the way out.
const ABANDON_TIMEOUT: Duration = Duration::from_secs(2);
/// After this many failed connections in a row the channel is rebuilt from scratch.
const FAILURES_BEFORE_NEW_CHANNEL: u32 = 5;

/// The kinds of work item, each with its own limit and its own abandon call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Orchestration,
    Activity,
    Entity,
}

/// What the work-item tasks share.
struct Shared {
    registry: Registry,
    orchestrations: Semaphore,
    activities: Semaphore,
}

/// Work items running in this process, with their tokens for abandoning them.
struct InFlight {
    tasks: JoinSet<()>,
    tokens: HashMap<Id, (Kind, String)>,
}

impl InFlight {
    fn spawn(
        &mut self,
        kind: Kind,
        token: String,
        work: impl Future<Output = ()> + Send + 'static,
    ) {
        let handle = self.tasks.spawn(work);
        self.tokens.insert(handle.id(), (kind, token));
    }

    /// Forgets a finished task; the work item of one that panicked is handed back.
    fn reap(&mut self, joined: Result<(Id, ()), JoinError>, grpc: &SidecarClient) {
        match joined {
            Ok((id, ())) => {
                self.tokens.remove(&id);
            }
            Err(err) => {
                tracing::error!("a work item's task failed: {err}");
                if let Some((kind, token)) = self.tokens.remove(&err.id()) {
                    let grpc = grpc.clone();
                    tokio::spawn(async move { abandon(&grpc, kind, token).await });
                }
            }
        }
    }

    /// The next finished task; never resolves while nothing runs.
    async fn next(&mut self) -> Result<(Id, ()), JoinError> {
        match self.tasks.join_next_with_id().await {
            Some(joined) => joined,
            None => std::future::pending().await,
        }
    }
}

/// How a session with the server ended.
enum SessionEnd {
    /// Shutdown was asked for; the stream is still open.
    Stopping(Box<Streaming<WorkItem>>),
    /// The stream broke or fell silent.
    Lost { reason: String, received: bool },
}

/// Runs the worker until `shutdown` resolves.
pub(super) async fn run(
    connection: Connection,
    registry: Registry,
    options: Options,
    shutdown: impl Future<Output = ()>,
) {
    let worker_id = new_worker_id();
    let shared = Arc::new(Shared {
        registry,
        orchestrations: Semaphore::new(options.max_orchestrations),
        activities: Semaphore::new(options.max_activities),
    });
    let request = GetWorkItemsRequest {
        max_concurrent_orchestration_work_items: clamp_i32(options.max_orchestrations),
        max_concurrent_activity_work_items: clamp_i32(options.max_activities),
        ..GetWorkItemsRequest::default()
    };
    let mut shutdown = pin!(shutdown);
    let mut in_flight = InFlight {
        tasks: JoinSet::new(),
        tokens: HashMap::new(),
    };
    // The last client stays for abandoning work on shutdown even when it is due for a rebuild.
    let mut client: Option<SidecarClient> = None;
    let mut rebuild = false;
    let mut failures = 0u32;
    loop {
        let session = async {
            let grpc = match &client {
                Some(grpc) if !rebuild => grpc.clone(),
                _ => {
                    let grpc = connection
                        .connect(Some(&worker_id))
                        .await
                        .map_err(|err| err.to_string())?;
                    client = Some(grpc.clone());
                    rebuild = false;
                    grpc
                }
            };
            let stream = open(&grpc, request.clone()).await?;
            Ok::<_, String>((grpc, stream))
        };
        let opened = tokio::select! {
            opened = session => opened,
            () = &mut shutdown => {
                drain(client.as_ref(), None, in_flight, options.shutdown_grace).await;
                return;
            }
        };
        let reason = match opened {
            Ok((grpc, stream)) => {
                tracing::info!(
                    endpoint = %connection.endpoint().display,
                    taskhub = connection.taskhub(),
                    %worker_id,
                    "worker connected; waiting for work items"
                );
                match serve(&grpc, &shared, stream, &mut shutdown, &mut in_flight).await {
                    SessionEnd::Stopping(stream) => {
                        drain(
                            Some(&grpc),
                            Some(*stream),
                            in_flight,
                            options.shutdown_grace,
                        )
                        .await;
                        return;
                    }
                    SessionEnd::Lost { reason, received } => {
                        if received {
                            failures = 0;
                        }
                        reason
                    }
                }
            }
            Err(reason) => reason,
        };
        failures += 1;
        if failures.is_multiple_of(FAILURES_BEFORE_NEW_CHANNEL) {
            rebuild = true;
        }
        let delay = full_jitter(failures);
        tracing::warn!(
            endpoint = %connection.endpoint().display,
            "work item stream lost ({reason}); reconnecting in {:.1} s",
            delay.as_secs_f64()
        );
        tokio::select! {
            () = sleep(delay) => {}
            () = &mut shutdown => {
                drain(client.as_ref(), None, in_flight, options.shutdown_grace).await;
                return;
            }
        }
    }
}

/// `Hello`, then `GetWorkItems`.
async fn open(
    grpc: &SidecarClient,
    request: GetWorkItemsRequest,
) -> Result<Streaming<WorkItem>, String> {
    let mut grpc = grpc.clone();
    let mut hello = tonic::Request::new(());
    hello.set_timeout(HELLO_TIMEOUT);
    grpc.hello(hello)
        .await
        .map_err(|status| describe(&status))?;
    let stream = grpc
        .get_work_items(request)
        .await
        .map_err(|status| describe(&status))?;
    Ok(stream.into_inner())
}

/// Reads work items until the stream ends, falls silent, or shutdown is asked for.
async fn serve(
    grpc: &SidecarClient,
    shared: &Arc<Shared>,
    mut stream: Streaming<WorkItem>,
    shutdown: &mut std::pin::Pin<&mut impl Future<Output = ()>>,
    in_flight: &mut InFlight,
) -> SessionEnd {
    let mut received = false;
    let mut last_message = Instant::now();
    loop {
        tokio::select! {
            biased;
            () = shutdown.as_mut() => return SessionEnd::Stopping(Box::new(stream)),
            joined = in_flight.next() => in_flight.reap(joined, grpc),
            () = sleep_until(last_message + SILENCE_LIMIT) => {
                return SessionEnd::Lost {
                    reason: format!("no message for {} s", SILENCE_LIMIT.as_secs()),
                    received,
                };
            }
            message = stream.message() => match message {
                Ok(Some(item)) => {
                    received = true;
                    last_message = Instant::now();
                    dispatch(grpc, shared, item, in_flight);
                }
                Ok(None) => {
                    return SessionEnd::Lost { reason: "the server ended the stream".into(), received };
                }
                Err(status) => return SessionEnd::Lost { reason: describe(&status), received },
            },
        }
    }
}

/// Starts the task of one work item.
fn dispatch(grpc: &SidecarClient, shared: &Arc<Shared>, item: WorkItem, in_flight: &mut InFlight) {
    let token = item.completion_token;
    match item.request {
        Some(Request::OrchestratorRequest(request)) => {
            let work = orchestrate(grpc.clone(), Arc::clone(shared), request, token.clone());
            in_flight.spawn(Kind::Orchestration, token, work);
        }
        Some(Request::ActivityRequest(request)) => {
            let work = act(grpc.clone(), Arc::clone(shared), request, token.clone());
            in_flight.spawn(Kind::Activity, token, work);
        }
        Some(Request::EntityRequest(_)) | Some(Request::EntityRequestV2(_)) => {
            tracing::warn!(
                "this worker hosts no entities; handing the entity work item back in {} s",
                ENTITY_HAND_BACK_DELAY.as_secs()
            );
            // Held a while first, so that a task hub whose entities no worker hosts does not
            // bounce the item between server and worker in a tight loop.
            let grpc = grpc.clone();
            in_flight.spawn(Kind::Entity, token.clone(), async move {
                sleep(ENTITY_HAND_BACK_DELAY).await;
                abandon(&grpc, Kind::Entity, token).await;
            });
        }
        // A health ping only proves the stream alive, which receiving it already did.
        Some(Request::HealthPing(_)) | None => {}
    }
}

/// Replays one orchestration work item and reports the episode.
async fn orchestrate(
    mut grpc: SidecarClient,
    shared: Arc<Shared>,
    request: OrchestratorRequest,
    token: String,
) {
    let Ok(_permit) = shared.orchestrations.acquire().await else {
        return;
    };
    let episode = run_episode(
        &shared.registry,
        &request.instance_id,
        &request.past_events,
        &request.new_events,
    );
    let response = OrchestratorResponse {
        instance_id: request.instance_id.clone(),
        actions: episode.actions,
        custom_status: episode.custom_status,
        completion_token: token.clone(),
        orchestration_trace_context: request.orchestration_trace_context.clone(),
        ..OrchestratorResponse::default()
    };
    let Err(status) = grpc.complete_orchestrator_task(response).await else {
        return;
    };
    tracing::warn!(instance = %request.instance_id, "the server refused an episode: {}", describe(&status));
    if refuses_content(&status) {
        // Too large or invalid: fail the orchestration with the server's reason rather than leave
        // it to be replayed into the same refusal forever.
        let failure = TaskError::new("EpisodeRejected", status.message().to_owned());
        let response = OrchestratorResponse {
            instance_id: request.instance_id.clone(),
            actions: vec![failed_completion(failure)],
            completion_token: token,
            ..OrchestratorResponse::default()
        };
        if let Err(status) = grpc.complete_orchestrator_task(response).await {
            tracing::error!(instance = %request.instance_id, "cannot fail the orchestration either: {}", describe(&status));
        }
    }
}

/// Runs one activity work item and reports its outcome.
async fn act(
    mut grpc: SidecarClient,
    shared: Arc<Shared>,
    request: ActivityRequest,
    token: String,
) {
    let Ok(_permit) = shared.activities.acquire().await else {
        return;
    };
    let name = request.name.clone();
    let mut response = run_activity(&shared.registry, request).await;
    response.completion_token = token;
    let Err(status) = grpc.complete_activity_task(response.clone()).await else {
        return;
    };
    tracing::warn!(activity = %name, instance = %response.instance_id, "the server refused an activity result: {}", describe(&status));
    if refuses_content(&status) {
        response.result = None;
        response.failure_details =
            Some(TaskError::new("ResultRejected", status.message().to_owned()).to_proto());
        if let Err(status) = grpc.complete_activity_task(response).await {
            tracing::error!(activity = %name, "cannot report the failure either: {}", describe(&status));
        }
    }
}

/// Lets in-flight work finish within `grace` while handing new work items back, then abandons
/// whatever is still running.
async fn drain(
    grpc: Option<&SidecarClient>,
    mut stream: Option<Streaming<WorkItem>>,
    mut in_flight: InFlight,
    grace: Duration,
) {
    if !in_flight.tokens.is_empty() {
        tracing::info!(
            in_flight = in_flight.tokens.len(),
            "stopping: letting in-flight work items finish (up to {} s)",
            grace.as_secs_f64()
        );
    }
    let deadline = Instant::now() + grace;
    while !in_flight.tasks.is_empty() {
        let next_message = async {
            match stream.as_mut() {
                Some(stream) => stream.message().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            joined = in_flight.next() => match grpc {
                Some(grpc) => in_flight.reap(joined, grpc),
                None => forget(&mut in_flight, joined),
            },
            () = sleep_until(deadline) => break,
            message = next_message => match message {
                Ok(Some(item)) => {
                    if let (Some(grpc), Some(kind)) = (grpc, kind_of(&item)) {
                        abandon(grpc, kind, item.completion_token).await;
                    }
                }
                _ => stream = None,
            },
        }
    }
    // Stop what is left, and keep the tokens of only the tasks that were really cut short.
    in_flight.tasks.abort_all();
    while let Some(joined) = in_flight.tasks.join_next_with_id().await {
        if let Ok((id, ())) = joined {
            in_flight.tokens.remove(&id);
        }
    }
    if let Some(grpc) = grpc {
        if !in_flight.tokens.is_empty() {
            tracing::warn!(
                abandoned = in_flight.tokens.len(),
                "grace period over: abandoning the work items still running"
            );
        }
        for (_, (kind, token)) in in_flight.tokens.drain() {
            abandon(grpc, kind, token).await;
        }
    }
    drop(stream);
}

/// Forgets a finished task when there is no server to hand anything back to.
fn forget(in_flight: &mut InFlight, joined: Result<(Id, ()), JoinError>) {
    let id = match joined {
        Ok((id, ())) => id,
        Err(err) => err.id(),
    };
    in_flight.tokens.remove(&id);
}

fn kind_of(item: &WorkItem) -> Option<Kind> {
    match item.request {
        Some(Request::OrchestratorRequest(_)) => Some(Kind::Orchestration),
        Some(Request::ActivityRequest(_)) => Some(Kind::Activity),
        Some(Request::EntityRequest(_)) | Some(Request::EntityRequestV2(_)) => Some(Kind::Entity),
        Some(Request::HealthPing(_)) | None => None,
    }
}

/// Hands a work item back to the server for another worker, giving up after [`ABANDON_TIMEOUT`]
/// (the server's lease then recovers it).
async fn abandon(grpc: &SidecarClient, kind: Kind, token: String) {
    if tokio::time::timeout(ABANDON_TIMEOUT, abandon_call(grpc, kind, token))
        .await
        .is_err()
    {
        tracing::warn!("cannot abandon a work item: the server did not answer in time");
    }
}

async fn abandon_call(grpc: &SidecarClient, kind: Kind, token: String) {
    let mut grpc = grpc.clone();
    let outcome = match kind {
        Kind::Orchestration => grpc
            .abandon_task_orchestrator_work_item(AbandonOrchestrationTaskRequest {
                completion_token: token,
            })
            .await
            .map(drop),
        Kind::Activity => grpc
            .abandon_task_activity_work_item(AbandonActivityTaskRequest {
                completion_token: token,
            })
            .await
            .map(drop),
        Kind::Entity => grpc
            .abandon_task_entity_work_item(AbandonEntityTaskRequest {
                completion_token: token,
            })
            .await
            .map(drop),
    };
    if let Err(status) = outcome {
        tracing::warn!("cannot abandon a work item: {}", describe(&status));
    }
}

/// A completion that fails the orchestration; id -1, as the Python SDK sends it when the worker
/// itself could not run the episode.
fn failed_completion(failure: TaskError) -> OrchestratorAction {
    OrchestratorAction {
        id: -1,
        orchestrator_action_type: Some(OrchestratorActionType::CompleteOrchestration(
            CompleteOrchestrationAction {
                orchestration_status: OrchestrationStatus::Failed as i32,
                failure_details: Some(failure.to_proto()),
                ..CompleteOrchestrationAction::default()
            },
        )),
    }
}

/// Whether the server refused what was sent (rather than failing to take it).
fn refuses_content(status: &tonic::Status) -> bool {
    matches!(
        status.code(),
        Code::InvalidArgument | Code::ResourceExhausted
    )
}

fn describe(status: &tonic::Status) -> String {
    format!("{:?}: {}", status.code(), status.message())
}

/// Full-jitter backoff: a random delay up to `min(30 s, 2^(attempt-1) s)`.
fn full_jitter(attempt: u32) -> Duration {
    let ceiling = Duration::from_secs(1u64 << attempt.saturating_sub(1).min(5)).min(MAX_BACKOFF);
    ceiling.mul_f64(fastrand::f64())
}

fn clamp_i32(value: usize) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
