//! The worker side of the embedded scheduler, in process and at the protocol level: health
//! pings, completion tokens, abandon, a dropped stream, lease timeout (and long activities that
//! outlive it), one orchestration work item in flight per instance, `maxConcurrent*` and work
//! item filters.

use std::time::Duration;

use dts_async::{
    proto::{
        AbandonOrchestrationTaskRequest, ActivityResponse, CompleteOrchestrationAction,
        CreateInstanceRequest, GetInstanceRequest, GetWorkItemsRequest, OrchestrationFilter,
        OrchestrationState, OrchestrationStatus, OrchestratorAction, OrchestratorRequest,
        OrchestratorResponse, RaiseEventRequest, ScheduleTaskAction, WorkItem, WorkItemFilters,
        history_event::EventType, orchestrator_action::OrchestratorActionType,
        task_hub_sidecar_service_client::TaskHubSidecarServiceClient, work_item,
    },
    scheduler::{LeasePolicy, Scheduler, SchedulerConfig, SchedulerHandle},
};
use tonic::{Code, Streaming, transport::Channel};

type Client = TaskHubSidecarServiceClient<Channel>;

async fn scheduler() -> (SchedulerHandle, Client) {
    let config = SchedulerConfig {
        leases: LeasePolicy {
            orchestration: Duration::from_secs(1),
            activity: None,
        },
        ping_interval: Duration::from_millis(200),
        ..SchedulerConfig::default()
    };
    let handle = Scheduler::open(config)
        .expect("opens")
        .spawn("127.0.0.1:0".parse().expect("address"))
        .await
        .expect("serves");
    let client = Client::connect(handle.endpoint()).await.expect("connects");
    (handle, client)
}

async fn start(client: &mut Client, id: &str, name: &str) {
    client
        .start_instance(CreateInstanceRequest {
            instance_id: id.into(),
            name: name.into(),
            ..Default::default()
        })
        .await
        .expect("starts");
}

async fn stream(client: &mut Client, request: GetWorkItemsRequest) -> Streaming<WorkItem> {
    client
        .get_work_items(request)
        .await
        .expect("stream opens")
        .into_inner()
}

async fn next(stream: &mut Streaming<WorkItem>) -> WorkItem {
    tokio::time::timeout(Duration::from_secs(20), stream.message())
        .await
        .expect("a message within 20 s")
        .expect("stream ok")
        .expect("stream open")
}

/// The next orchestrator work item, skipping health pings.
async fn next_orchestration(stream: &mut Streaming<WorkItem>) -> (OrchestratorRequest, String) {
    loop {
        let item = next(stream).await;
        match item.request {
            Some(work_item::Request::OrchestratorRequest(req)) => {
                return (req, item.completion_token);
            }
            Some(work_item::Request::HealthPing(_)) => continue,
            other => panic!("unexpected work item {other:?}"),
        }
    }
}

/// The next activity work item, skipping health pings.
async fn next_activity(
    stream: &mut Streaming<WorkItem>,
) -> (dts_async::proto::ActivityRequest, String) {
    loop {
        let item = next(stream).await;
        match item.request {
            Some(work_item::Request::ActivityRequest(req)) => return (req, item.completion_token),
            Some(work_item::Request::HealthPing(_)) => continue,
            other => panic!("unexpected work item {other:?}"),
        }
    }
}

/// The instance's state, inputs and outputs included.
async fn state_of(client: &mut Client, id: &str) -> OrchestrationState {
    client
        .get_instance(GetInstanceRequest {
            instance_id: id.into(),
            get_inputs_and_outputs: true,
        })
        .await
        .expect("reads")
        .into_inner()
        .orchestration_state
        .expect("exists")
}

fn is_ping(item: &WorkItem) -> bool {
    matches!(item.request, Some(work_item::Request::HealthPing(_)))
}

fn complete(token: &str, id: &str, result: Option<&str>) -> OrchestratorResponse {
    let actions = result
        .map(|r| {
            vec![OrchestratorAction {
                id: 1,
                orchestrator_action_type: Some(OrchestratorActionType::CompleteOrchestration(
                    CompleteOrchestrationAction {
                        orchestration_status: OrchestrationStatus::Completed as i32,
                        result: Some(r.into()),
                        ..Default::default()
                    },
                )),
            }]
        })
        .unwrap_or_default();
    OrchestratorResponse {
        instance_id: id.into(),
        actions,
        completion_token: token.into(),
        ..Default::default()
    }
}

fn kinds(events: &[dts_async::proto::HistoryEvent]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e.event_type {
            Some(EventType::OrchestratorStarted(_)) => "OrchestratorStarted",
            Some(EventType::ExecutionStarted(_)) => "ExecutionStarted",
            Some(EventType::EventRaised(_)) => "EventRaised",
            _ => "other",
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_stream_gets_health_pings() {
    let (handle, mut client) = scheduler().await;
    let mut items = stream(&mut client, GetWorkItemsRequest::default()).await;
    assert!(is_ping(&next(&mut items).await));
    assert!(is_ping(&next(&mut items).await));
    drop(items);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abandoned_dropped_and_expired_work_is_redelivered_and_old_tokens_are_stale() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "x", "orch").await;

    let mut a = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (first, t1) = next_orchestration(&mut a).await;
    assert_eq!(first.instance_id, "x");
    assert_eq!(
        kinds(&first.new_events),
        ["OrchestratorStarted", "ExecutionStarted"]
    );

    // Abandon: redelivered at once under a new token.
    client
        .abandon_task_orchestrator_work_item(AbandonOrchestrationTaskRequest {
            completion_token: t1.clone(),
        })
        .await
        .expect("abandons");
    let (_, t2) = next_orchestration(&mut a).await;
    assert_ne!(t1, t2);
    let stale = client
        .complete_orchestrator_task(complete(&t1, "x", Some("1")))
        .await;
    assert_eq!(
        stale.expect_err("stale token refused").code(),
        Code::FailedPrecondition
    );

    // A dropped stream gives its work to the next worker.
    drop(a);
    let mut b = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (_, t3) = next_orchestration(&mut b).await;
    assert_ne!(t3, t2);

    // A lease that times out (a hung worker) is handed out again; the old token is stale.
    let (_, t4) = next_orchestration(&mut b).await;
    assert_ne!(t4, t3);
    let stale = client
        .complete_orchestrator_task(complete(&t3, "x", Some("1")))
        .await;
    assert_eq!(
        stale.expect_err("expired token refused").code(),
        Code::FailedPrecondition
    );

    client
        .complete_orchestrator_task(complete(&t4, "x", Some(r#""ok""#)))
        .await
        .expect("completes");
    let state = state_of(&mut client, "x").await;
    assert_eq!(
        state.orchestration_status,
        OrchestrationStatus::Completed as i32
    );
    assert_eq!(state.output.as_deref(), Some(r#""ok""#));
    // Completing twice is refused too.
    let again = client
        .complete_orchestrator_task(complete(&t4, "x", Some("2")))
        .await;
    assert_eq!(
        again.expect_err("used token refused").code(),
        Code::FailedPrecondition
    );
    drop(b);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_has_one_work_item_in_flight_and_new_events_follow_its_completion() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "y", "orch").await;
    let mut a = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (_, token) = next_orchestration(&mut a).await;
    client
        .raise_event(RaiseEventRequest {
            instance_id: "y".into(),
            name: "go".into(),
            input: Some("1".into()),
        })
        .await
        .expect("raises");
    // A second worker gets nothing for y while the first holds it: only pings.
    let mut b = stream(&mut client, GetWorkItemsRequest::default()).await;
    assert!(is_ping(&next(&mut b).await));
    drop(b);
    client
        .complete_orchestrator_task(complete(&token, "y", None))
        .await
        .expect("completes");
    let (again, _) = next_orchestration(&mut a).await;
    assert_eq!(
        kinds(&again.past_events)[..2],
        ["OrchestratorStarted", "ExecutionStarted"]
    );
    assert_eq!(
        kinds(&again.new_events),
        ["OrchestratorStarted", "EventRaised"]
    );
    drop(a);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_and_concurrency_limits_decide_what_a_stream_gets() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "p", "orch").await;
    start(&mut client, "q", "orch").await;
    // A worker that only runs "other" gets neither.
    let filtered = GetWorkItemsRequest {
        work_item_filters: Some(WorkItemFilters {
            orchestrations: vec![OrchestrationFilter {
                name: "other".into(),
                versions: vec![],
            }],
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut f = stream(&mut client, filtered).await;
    assert!(is_ping(&next(&mut f).await));
    drop(f);
    // A worker that runs one at a time gets the second only after completing the first.
    let one = GetWorkItemsRequest {
        max_concurrent_orchestration_work_items: 1,
        ..Default::default()
    };
    let mut s = stream(&mut client, one).await;
    let (first, token) = next_orchestration(&mut s).await;
    assert!(is_ping(&next(&mut s).await));
    client
        .complete_orchestrator_task(complete(&token, &first.instance_id, Some("1")))
        .await
        .expect("completes");
    let (second, _) = next_orchestration(&mut s).await;
    assert_ne!(second.instance_id, first.instance_id);
    drop(s);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_start_waits_for_its_time() {
    let (handle, mut client) = scheduler().await;
    let at = chrono::Utc::now() + chrono::Duration::seconds(1);
    client
        .start_instance(CreateInstanceRequest {
            instance_id: "later".into(),
            name: "orch".into(),
            scheduled_start_timestamp: Some(dts_async::proto::timestamp(at)),
            ..Default::default()
        })
        .await
        .expect("starts");
    let state = state_of(&mut client, "later").await;
    assert_eq!(
        state.orchestration_status,
        OrchestrationStatus::Pending as i32
    );
    // An event raised before the start waits for it.
    client
        .raise_event(RaiseEventRequest {
            instance_id: "later".into(),
            name: "early".into(),
            input: Some("1".into()),
        })
        .await
        .expect("raises");
    let mut items = stream(&mut client, GetWorkItemsRequest::default()).await;
    // Nothing to run before the scheduled time: a ping comes first.
    assert!(is_ping(&next(&mut items).await));
    let (request, _) = next_orchestration(&mut items).await;
    assert_eq!(request.instance_id, "later");
    assert!(request.past_events.is_empty());
    assert_eq!(
        kinds(&request.new_events),
        ["OrchestratorStarted", "ExecutionStarted", "EventRaised"],
        "the start comes first, the early event after it"
    );
    let started = request
        .new_events
        .iter()
        .find_map(|e| match &e.event_type {
            Some(EventType::ExecutionStarted(s)) => Some(s.clone()),
            _ => None,
        })
        .expect("ExecutionStarted");
    // Stored to the microsecond.
    let stored = started.scheduled_start_timestamp.expect("scheduled start");
    assert_eq!(stored.seconds, at.timestamp());
    assert_eq!(stored.nanos / 1000, at.timestamp_subsec_micros() as i32);
    drop(items);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activity_longer_than_the_lease_timeout_still_completes() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "long", "orch").await;
    let mut items = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (_, token) = next_orchestration(&mut items).await;
    let schedule = OrchestratorResponse {
        instance_id: "long".into(),
        actions: vec![OrchestratorAction {
            id: 1,
            orchestrator_action_type: Some(OrchestratorActionType::ScheduleTask(
                ScheduleTaskAction {
                    name: "slow".into(),
                    ..Default::default()
                },
            )),
        }],
        completion_token: token,
        ..Default::default()
    };
    client
        .complete_orchestrator_task(schedule)
        .await
        .expect("schedules");
    let (activity, token) = next_activity(&mut items).await;
    assert_eq!(activity.name, "slow");

    // Held past the 1 s lease timeout (and a sweep): an activity on a live stream is not taken.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    client
        .complete_activity_task(ActivityResponse {
            instance_id: "long".into(),
            task_id: activity.task_id,
            result: Some("42".into()),
            completion_token: token,
            ..Default::default()
        })
        .await
        .expect("the long activity's result is accepted");
    let (episode, _) = next_orchestration(&mut items).await;
    assert!(
        episode.new_events.iter().any(|e| matches!(
            &e.event_type,
            Some(EventType::TaskCompleted(done)) if done.result.as_deref() == Some("42")
        )),
        "the next episode carries the result: {:?}",
        episode.new_events
    );
    drop(items);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_episode_past_the_history_cap_fails_the_instance_with_a_message() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "runaway", "orch").await;
    let mut items = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (_, token) = next_orchestration(&mut items).await;
    // A runaway loop: more timers in one episode than a history may hold.
    let actions = (1..=10_000)
        .map(|id| OrchestratorAction {
            id,
            orchestrator_action_type: Some(OrchestratorActionType::CreateTimer(
                dts_async::proto::CreateTimerAction {
                    fire_at: Some(prost_types::Timestamp {
                        seconds: 4_000_000_000,
                        nanos: 0,
                    }),
                },
            )),
        })
        .collect();
    client
        .complete_orchestrator_task(OrchestratorResponse {
            instance_id: "runaway".into(),
            actions,
            completion_token: token,
            ..Default::default()
        })
        .await
        .expect("the completion itself is accepted");
    let state = state_of(&mut client, "runaway").await;
    assert_eq!(
        state.orchestration_status,
        OrchestrationStatus::Failed as i32
    );
    let failure = state.failure_details.expect("failure details");
    assert_eq!(failure.error_type, "HistoryTooLarge");
    assert!(
        failure.error_message.contains("10000 events"),
        "{}",
        failure.error_message
    );
    drop(items);
    handle.shutdown().await.expect("stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_canceled_completion_is_stored_as_terminated_which_python_can_read() {
    let (handle, mut client) = scheduler().await;
    start(&mut client, "canceled", "orch").await;
    let mut items = stream(&mut client, GetWorkItemsRequest::default()).await;
    let (_, token) = next_orchestration(&mut items).await;
    let mut response = complete(&token, "canceled", Some(r#""stopped""#));
    if let Some(OrchestratorActionType::CompleteOrchestration(done)) =
        &mut response.actions[0].orchestrator_action_type
    {
        done.orchestration_status = OrchestrationStatus::Canceled as i32;
    }
    client
        .complete_orchestrator_task(response)
        .await
        .expect("completes");
    let state = state_of(&mut client, "canceled").await;
    assert_eq!(
        state.orchestration_status,
        OrchestrationStatus::Terminated as i32
    );
    drop(items);
    handle.shutdown().await.expect("stops");
}
