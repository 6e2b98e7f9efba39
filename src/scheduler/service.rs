//! The tonic `TaskHubSidecarService` implementation: selects the task hub, validates each
//! request against the limits, runs its transaction, applies the committed effects and answers.

use std::{pin::Pin, sync::Arc};

use tokio::sync::mpsc;
use tokio_stream::{Stream, wrappers::ReceiverStream};
use tonic::{Request, Response, Status};

use super::{
    Core, completions,
    dispatch::StreamWants,
    store::{self, Effects, NewInstance, PurgeTarget, StoreError},
    types::{is_terminal, new_uuid_hex, timestamp_micros},
    work_stream,
};
use crate::limits::{LimitError, check_instance_id, check_payload};
use crate::proto::{self, task_hub_sidecar_service_server::TaskHubSidecarService, *};

/// The service; cheap to clone.
#[derive(Clone)]
pub struct Service {
    core: Arc<Core>,
}

type Reply<T> = Result<Response<T>, Status>;

impl Service {
    /// A service over the shared core.
    pub fn new(core: Arc<Core>) -> Self {
        Self { core }
    }

    /// The task hub a call names (`taskhub` header), or the default one.
    fn hub<T>(&self, request: &Request<T>) -> Result<Arc<str>, Status> {
        let Some(value) = request.metadata().get("taskhub") else {
            return Ok(Arc::clone(&self.core.hubs[0]));
        };
        let name = value.to_str().unwrap_or("");
        self.core
            .hubs
            .iter()
            .find(|h| h.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or_else(|| {
                let served: Vec<&str> = self.core.hubs.iter().map(|h| &**h).collect();
                Status::not_found(format!(
                    "task hub {name:?} is not served here; served task hubs: {}",
                    served.join(", ")
                ))
            })
    }

    async fn write<T: Send + 'static>(
        &self,
        op: impl FnOnce(&rusqlite::Connection, &mut Effects) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, Status> {
        let (value, fx) = self
            .core
            .store
            .write(move |conn| {
                let mut fx = Effects::default();
                let value = op(conn, &mut fx)?;
                Ok((value, fx))
            })
            .await
            .map_err(status_of)?;
        self.core.apply(fx);
        Ok(value)
    }

    async fn load(&self, hub: &Arc<str>, id: &str) -> Result<Option<store::InstanceRow>, Status> {
        let (hub, id) = (hub.to_string(), id.to_owned());
        self.core
            .store
            .read_point(move |conn| store::load_instance(conn, &hub, &id))
            .map_err(status_of)
    }

    /// Waits until `done` holds for the instance (or it is unknown), woken by commits.
    async fn wait_until(
        &self,
        request: Request<GetInstanceRequest>,
        done: fn(i32) -> bool,
    ) -> Reply<GetInstanceResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let mut subscription = self.core.waiters.subscribe(&hub, &req.instance_id);
        let mut shutdown = self.core.shutdown.clone();
        loop {
            let row = self.load(&hub, &req.instance_id).await?;
            match row {
                None => return Ok(Response::new(GetInstanceResponse::default())),
                Some(row) if done(row.status) => {
                    return Ok(Response::new(GetInstanceResponse {
                        exists: true,
                        orchestration_state: Some(row.to_state(req.get_inputs_and_outputs)),
                    }));
                }
                Some(_) => {}
            }
            // Read the instance again only once a commit gave it a status worth answering with
            // (`changed` sees only statuses committed after the subscription or the last look).
            let statuses = &mut subscription.statuses;
            let woken = async {
                while statuses.changed().await.is_ok() {
                    if done(*statuses.borrow_and_update()) {
                        return true;
                    }
                }
                false
            };
            tokio::select! {
                alive = woken => {
                    if !alive {
                        return Err(Status::unavailable("the scheduler is shutting down"));
                    }
                }
                _ = shutdown.changed() => {
                    return Err(Status::unavailable("the scheduler is shutting down"));
                }
            }
        }
    }
}

/// Maps a store outcome to the protocol's status codes.
pub(super) fn status_of(err: StoreError) -> Status {
    match err {
        StoreError::NotFound(_) => Status::not_found(err.to_string()),
        StoreError::AlreadyExists(_) => Status::already_exists(err.to_string()),
        StoreError::Precondition(_) => Status::failed_precondition(err.to_string()),
        StoreError::Invalid(_) => Status::invalid_argument(err.to_string()),
        StoreError::WriterGone => Status::unavailable(err.to_string()),
        other => {
            tracing::error!("store error: {other}");
            Status::internal(other.to_string())
        }
    }
}

fn limit_status(err: LimitError) -> Status {
    match err {
        LimitError::InstanceId { .. } => Status::invalid_argument(err.to_string()),
        LimitError::PayloadTooLarge { .. } => Status::resource_exhausted(err.to_string()),
    }
}

fn check_id(id: &str) -> Result<(), Status> {
    check_instance_id(id).map_err(limit_status)
}

fn check(what: &'static str, payload: &Option<String>) -> Result<(), Status> {
    check_payload(what, payload.as_deref()).map_err(limit_status)
}

fn micros(ts: &Option<prost_types::Timestamp>) -> Option<i64> {
    proto::datetime(ts.as_ref()).map(|_| ts.as_ref().map_or(0, timestamp_micros))
}

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send>>;

#[tonic::async_trait]
impl TaskHubSidecarService for Service {
    async fn hello(&self, request: Request<()>) -> Reply<()> {
        self.hub(&request)?;
        Ok(Response::new(()))
    }

    async fn start_instance(
        &self,
        request: Request<CreateInstanceRequest>,
    ) -> Reply<CreateInstanceResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let id = if req.instance_id.is_empty() {
            new_uuid_hex()
        } else {
            req.instance_id
        };
        check_id(&id)?;
        if req.name.is_empty() {
            return Err(Status::invalid_argument("the orchestration name is empty"));
        }
        check("input", &req.input)?;
        let replaceable = req
            .orchestration_id_reuse_policy
            .map(|p| p.replaceable_status)
            .unwrap_or_default();
        let new = NewInstance {
            id,
            name: req.name,
            version: req.version.filter(|v| !v.is_empty()),
            input: req.input.filter(|v| !v.is_empty()),
            execution_id: req.execution_id.filter(|v| !v.is_empty()),
            scheduled_start_us: micros(&req.scheduled_start_timestamp),
            parent: None,
            tags: req.tags,
            trace: req.parent_trace_context,
        };
        let id = self
            .write(move |conn, fx| store::client_ops::start(conn, &hub, new, &replaceable, fx))
            .await?;
        Ok(Response::new(CreateInstanceResponse { instance_id: id }))
    }

    async fn get_instance(
        &self,
        request: Request<GetInstanceRequest>,
    ) -> Reply<GetInstanceResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let row = self.load(&hub, &req.instance_id).await?;
        Ok(Response::new(GetInstanceResponse {
            exists: row.is_some(),
            orchestration_state: row.map(|r| r.to_state(req.get_inputs_and_outputs)),
        }))
    }

    async fn rewind_instance(
        &self,
        request: Request<RewindInstanceRequest>,
    ) -> Reply<RewindInstanceResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        self.write(move |conn, fx| {
            store::client_ops::rewind(conn, &hub, &req.instance_id, req.reason, fx)
        })
        .await?;
        Ok(Response::new(RewindInstanceResponse {}))
    }

    async fn restart_instance(
        &self,
        request: Request<RestartInstanceRequest>,
    ) -> Reply<RestartInstanceResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let id = self
            .write(move |conn, fx| {
                store::client_ops::restart(
                    conn,
                    &hub,
                    &req.instance_id,
                    req.restart_with_new_instance_id,
                    fx,
                )
            })
            .await?;
        Ok(Response::new(RestartInstanceResponse { instance_id: id }))
    }

    async fn wait_for_instance_start(
        &self,
        request: Request<GetInstanceRequest>,
    ) -> Reply<GetInstanceResponse> {
        self.wait_until(request, |status| {
            status != OrchestrationStatus::Pending as i32
        })
        .await
    }

    async fn wait_for_instance_completion(
        &self,
        request: Request<GetInstanceRequest>,
    ) -> Reply<GetInstanceResponse> {
        self.wait_until(request, is_terminal).await
    }

    async fn raise_event(&self, request: Request<RaiseEventRequest>) -> Reply<RaiseEventResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        check("event data", &req.input)?;
        let input = req.input.filter(|v| !v.is_empty());
        self.write(move |conn, fx| {
            store::client_ops::raise_event(conn, &hub, &req.instance_id, &req.name, input, fx)
        })
        .await?;
        Ok(Response::new(RaiseEventResponse {}))
    }

    async fn terminate_instance(
        &self,
        request: Request<TerminateRequest>,
    ) -> Reply<TerminateResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        check("output", &req.output)?;
        let output = req.output.filter(|v| !v.is_empty());
        self.write(move |conn, fx| {
            store::client_ops::terminate(conn, &hub, &req.instance_id, output, req.recursive, fx)
        })
        .await?;
        Ok(Response::new(TerminateResponse {}))
    }

    async fn suspend_instance(&self, request: Request<SuspendRequest>) -> Reply<SuspendResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        check("reason", &req.reason)?;
        self.write(move |conn, fx| {
            store::client_ops::suspend(conn, &hub, &req.instance_id, req.reason, fx)
        })
        .await?;
        Ok(Response::new(SuspendResponse {}))
    }

    async fn resume_instance(&self, request: Request<ResumeRequest>) -> Reply<ResumeResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        check("reason", &req.reason)?;
        self.write(move |conn, fx| {
            store::client_ops::resume(conn, &hub, &req.instance_id, req.reason, fx)
        })
        .await?;
        Ok(Response::new(ResumeResponse {}))
    }

    async fn query_instances(
        &self,
        request: Request<QueryInstancesRequest>,
    ) -> Reply<QueryInstancesResponse> {
        let hub = self.hub(&request)?;
        let query = request.into_inner().query.unwrap_or_default();
        let filter = store::InstanceFilter {
            statuses: query.runtime_status.clone(),
            created_from: micros(&query.created_time_from),
            created_to: micros(&query.created_time_to),
            prefix: query.instance_id_prefix.clone(),
            // Python asks for 2^31-1 by default; a page still has to fit in a message.
            limit: usize::try_from(query.max_instance_count)
                .unwrap_or(0)
                .clamp(1, 1000),
            after: query.continuation_token.clone(),
        };
        let with_payloads = query.fetch_inputs_and_outputs;
        let page = self
            .core
            .store
            .read(move |conn| store::queries::query_instances(conn, &hub, &filter))
            .await
            .map_err(status_of)?;
        Ok(Response::new(QueryInstancesResponse {
            orchestration_state: page
                .rows
                .iter()
                .map(|r| r.to_state(with_payloads))
                .collect(),
            continuation_token: page.next,
        }))
    }

    async fn list_instance_ids(
        &self,
        request: Request<ListInstanceIdsRequest>,
    ) -> Reply<ListInstanceIdsResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let page_size = usize::try_from(req.page_size)
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or(100)
            .min(1000);
        let (from, to) = (
            micros(&req.completed_time_from),
            micros(&req.completed_time_to),
        );
        let (ids, next) = self
            .core
            .store
            .read(move |conn| {
                store::queries::list_instance_ids(
                    conn,
                    &hub,
                    &req.runtime_status,
                    from,
                    to,
                    page_size,
                    req.last_instance_key.as_deref(),
                )
            })
            .await
            .map_err(status_of)?;
        Ok(Response::new(ListInstanceIdsResponse {
            instance_ids: ids,
            last_instance_key: next,
        }))
    }

    async fn purge_instances(
        &self,
        request: Request<PurgeInstancesRequest>,
    ) -> Reply<PurgeInstancesResponse> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let targets: Vec<PurgeTarget> = match req.request {
            Some(purge_instances_request::Request::InstanceId(id)) => vec![PurgeTarget::Id(id)],
            Some(purge_instances_request::Request::PurgeInstanceFilter(f)) => {
                vec![PurgeTarget::Filter {
                    from: micros(&f.created_time_from),
                    to: micros(&f.created_time_to),
                    statuses: f.runtime_status,
                }]
            }
            Some(purge_instances_request::Request::InstanceBatch(batch)) => batch
                .instance_ids
                .into_iter()
                .map(PurgeTarget::Id)
                .collect(),
            None => {
                return Err(Status::invalid_argument(
                    "the purge request names no instance or filter",
                ));
            }
        };
        let recursive = req.recursive;
        let count = self
            .write(move |conn, _fx| {
                let mut count = 0;
                for target in &targets {
                    count += store::client_ops::purge(conn, &hub, target, recursive)?;
                }
                Ok(count)
            })
            .await?;
        Ok(Response::new(PurgeInstancesResponse {
            deleted_instance_count: count,
            is_complete: Some(true),
        }))
    }

    type GetWorkItemsStream = ReceiverStream<Result<WorkItem, Status>>;

    async fn get_work_items(
        &self,
        request: Request<GetWorkItemsRequest>,
    ) -> Reply<Self::GetWorkItemsStream> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let wants = StreamWants {
            max_orchestrations: usize::try_from(req.max_concurrent_orchestration_work_items)
                .unwrap_or(0),
            max_activities: usize::try_from(req.max_concurrent_activity_work_items).unwrap_or(0),
            filters: req.work_item_filters,
        };
        // A small buffer: work stays in the shared queues, where another worker can take it.
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(work_stream::run(Arc::clone(&self.core), hub, wants, tx));
        Ok(Response::new(ReceiverStream::new(rx)))
    }

    async fn complete_activity_task(
        &self,
        request: Request<ActivityResponse>,
    ) -> Reply<CompleteTaskResponse> {
        let hub = self.hub(&request)?;
        completions::activity(&self.core, hub, request.into_inner()).await?;
        Ok(Response::new(CompleteTaskResponse {}))
    }

    async fn complete_orchestrator_task(
        &self,
        request: Request<OrchestratorResponse>,
    ) -> Reply<CompleteTaskResponse> {
        let hub = self.hub(&request)?;
        completions::orchestration(&self.core, hub, request.into_inner()).await?;
        Ok(Response::new(CompleteTaskResponse {}))
    }

    async fn complete_entity_task(
        &self,
        _: Request<EntityBatchResult>,
    ) -> Reply<CompleteTaskResponse> {
        Err(entities_unsupported())
    }

    type StreamInstanceHistoryStream = BoxStream<HistoryChunk>;

    async fn stream_instance_history(
        &self,
        request: Request<StreamInstanceHistoryRequest>,
    ) -> Reply<Self::StreamInstanceHistoryStream> {
        let hub = self.hub(&request)?;
        let req = request.into_inner();
        let id = req.instance_id.clone();
        let events = self
            .core
            .store
            .read(move |conn| {
                if store::load_instance(conn, &hub, &id)?.is_none() {
                    return Err(StoreError::NotFound(id));
                }
                store::load_history(conn, &hub, &id)
            })
            .await
            .map_err(status_of)?;
        let chunks: Vec<Result<HistoryChunk, Status>> = events
            .chunks(100)
            .map(|c| Ok(HistoryChunk { events: c.to_vec() }))
            .collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(chunks))))
    }

    async fn create_task_hub(
        &self,
        request: Request<CreateTaskHubRequest>,
    ) -> Reply<CreateTaskHubResponse> {
        self.hub(&request)?;
        Ok(Response::new(CreateTaskHubResponse {}))
    }

    async fn delete_task_hub(
        &self,
        request: Request<DeleteTaskHubRequest>,
    ) -> Reply<DeleteTaskHubResponse> {
        self.hub(&request)?;
        Ok(Response::new(DeleteTaskHubResponse {}))
    }

    async fn signal_entity(&self, _: Request<SignalEntityRequest>) -> Reply<SignalEntityResponse> {
        Err(entities_unsupported())
    }

    async fn get_entity(&self, _: Request<GetEntityRequest>) -> Reply<GetEntityResponse> {
        Err(entities_unsupported())
    }

    async fn query_entities(
        &self,
        _: Request<QueryEntitiesRequest>,
    ) -> Reply<QueryEntitiesResponse> {
        Err(entities_unsupported())
    }

    async fn clean_entity_storage(
        &self,
        _: Request<CleanEntityStorageRequest>,
    ) -> Reply<CleanEntityStorageResponse> {
        Err(entities_unsupported())
    }

    async fn abandon_task_activity_work_item(
        &self,
        request: Request<AbandonActivityTaskRequest>,
    ) -> Reply<AbandonActivityTaskResponse> {
        completions::abandon(&self.core, &request.into_inner().completion_token)?;
        Ok(Response::new(AbandonActivityTaskResponse {}))
    }

    async fn abandon_task_orchestrator_work_item(
        &self,
        request: Request<AbandonOrchestrationTaskRequest>,
    ) -> Reply<AbandonOrchestrationTaskResponse> {
        completions::abandon(&self.core, &request.into_inner().completion_token)?;
        Ok(Response::new(AbandonOrchestrationTaskResponse {}))
    }

    async fn abandon_task_entity_work_item(
        &self,
        _: Request<AbandonEntityTaskRequest>,
    ) -> Reply<AbandonEntityTaskResponse> {
        Err(entities_unsupported())
    }

    async fn skip_graceful_orchestration_terminations(
        &self,
        _: Request<SkipGracefulOrchestrationTerminationsRequest>,
    ) -> Reply<SkipGracefulOrchestrationTerminationsResponse> {
        Err(Status::unimplemented(
            "SkipGracefulOrchestrationTerminations is not supported by this scheduler",
        ))
    }
}

fn entities_unsupported() -> Status {
    Status::unimplemented(
        "durable entities are not supported by this scheduler (dts-async serve-scheduler)",
    )
}
