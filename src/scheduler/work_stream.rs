//! One worker's `GetWorkItems` stream: hands out work as the dispatcher allows, builds
//! orchestration work items from the database, pings an idle stream, and returns everything the
//! worker held to the queues when the stream ends.

use std::sync::Arc;

use tokio::sync::mpsc;
use tonic::Status;

use super::{
    Core,
    dispatch::{Next, StreamWants},
    store::{self, Episode},
};
use crate::proto::{
    HealthPing, HistoryEvent, OrchestratorRequest, OrchestratorStartedEvent, WorkItem,
    history_event::EventType, work_item,
};
use crate::scheduler::types::now_timestamp;

/// Runs the stream until the worker goes away or the scheduler shuts down.
pub async fn run(
    core: Arc<Core>,
    hub: Arc<str>,
    wants: StreamWants,
    tx: mpsc::Sender<Result<WorkItem, Status>>,
) {
    let (stream, slot) = core.dispatcher.open_stream();
    let mut shutdown = core.shutdown.clone();
    loop {
        if *shutdown.borrow() {
            break;
        }
        // Registered before looking, so work queued in between still wakes us.
        let work = core.dispatcher.work.notified();
        let freed = slot.freed.notified();
        tokio::pin!(work, freed);
        work.as_mut().enable();
        freed.as_mut().enable();
        if let Some(next) = core.dispatcher.next(&hub, stream, &wants) {
            let item = match next {
                Next::Activity { token, activity } => Some(WorkItem {
                    request: Some(work_item::Request::ActivityRequest(activity.request)),
                    completion_token: token,
                }),
                Next::Orchestration { token, id } => {
                    orchestration_item(&core, &hub, token, id).await
                }
            };
            if let Some(item) = item
                && tx.send(Ok(item)).await.is_err()
            {
                break;
            }
            continue;
        }
        tokio::select! {
            _ = &mut work => {}
            _ = &mut freed => {}
            _ = tokio::time::sleep(core.ping_interval) => {
                let ping = WorkItem {
                    request: Some(work_item::Request::HealthPing(HealthPing {})),
                    completion_token: String::new(),
                };
                if tx.send(Ok(ping)).await.is_err() {
                    break;
                }
            }
            _ = tx.closed() => break,
            _ = shutdown.changed() => break,
        }
    }
    core.dispatcher.close_stream(stream);
}

/// Reads the instance and builds its work item; `None` (and the lease released) when there is
/// nothing to run after all.
async fn orchestration_item(
    core: &Arc<Core>,
    hub: &Arc<str>,
    token: String,
    id: String,
) -> Option<WorkItem> {
    let (read_hub, read_id) = (hub.to_string(), id.clone());
    let rows = core
        .store
        .read_point(move |conn| store::queries::work_item(conn, &read_hub, &read_id));
    let rows = match rows {
        Ok(Some(rows)) => rows,
        Ok(None) => {
            core.dispatcher.take(&token);
            core.dispatcher.finish_orchestration(hub, &id, false);
            return None;
        }
        Err(err) => {
            tracing::error!(instance = %id, "cannot read a work item: {err}");
            core.dispatcher.take(&token);
            core.dispatcher.finish_orchestration(hub, &id, true);
            return None;
        }
    };
    let last_inbox_id = rows.inbox.last().map_or(0, |(seq, _)| *seq);
    let mut new_events: Vec<HistoryEvent> = Vec::with_capacity(rows.inbox.len() + 1);
    let starts_with_clock = matches!(
        rows.inbox.first().and_then(|(_, e)| e.event_type.as_ref()),
        Some(EventType::OrchestratorStarted(_))
    );
    // Every batch starts with OrchestratorStarted(now): it is the orchestration's clock.
    if !starts_with_clock {
        new_events.push(HistoryEvent {
            event_id: -1,
            timestamp: Some(now_timestamp()),
            event_type: Some(EventType::OrchestratorStarted(OrchestratorStartedEvent {})),
        });
    }
    new_events.extend(rows.inbox.into_iter().map(|(_, e)| e));
    if starts_with_clock && let Some(first) = new_events.first_mut() {
        // A stored OrchestratorStarted (after a rewind) still tells the time of this episode.
        first.timestamp = Some(now_timestamp());
    }
    let execution_id = rows.row.execution_id.clone();
    core.dispatcher.set_episode(
        &token,
        Episode {
            hub: Arc::clone(hub),
            id: id.clone(),
            execution_id: execution_id.clone(),
            new_events: new_events.clone(),
            last_inbox_id,
        },
    );
    Some(WorkItem {
        request: Some(work_item::Request::OrchestratorRequest(
            OrchestratorRequest {
                instance_id: id,
                execution_id: Some(execution_id),
                past_events: rows.past,
                new_events,
                ..Default::default()
            },
        )),
        completion_token: token,
    })
}
