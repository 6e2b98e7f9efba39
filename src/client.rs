//! A typed client for the client side of `TaskHubSidecarService`: start, read, wait for, query and
//! control orchestration instances on any Durable Task endpoint. It knows nothing of terminals or HTTP.

mod error;
mod state;

use std::{collections::HashMap, time::Duration};

use chrono::{DateTime, Utc};
use tonic::Request;

pub use self::{
    error::ClientError,
    state::{FailureDetails, InstanceState, RuntimeStatus},
};
use crate::{
    connection::{Connection, SidecarClient},
    limits::{check_instance_id, check_payload},
    proto::{self, purge_instances_request},
};

/// What to start.
#[derive(Debug, Clone, Default)]
pub struct StartRequest {
    /// The orchestration's registered name.
    pub name: String,
    /// The instance id; a new random one when `None`.
    pub instance_id: Option<String>,
    /// The input as JSON text.
    pub input: Option<String>,
    /// Start no earlier than this.
    pub scheduled_start: Option<DateTime<Utc>>,
    /// Tags kept with the instance.
    pub tags: HashMap<String, String>,
    /// The orchestration version.
    pub version: Option<String>,
    /// Statuses in which an existing instance with the same id is replaced instead of refused.
    pub replaceable: Vec<RuntimeStatus>,
}

/// Which instances a query returns.
#[derive(Debug, Clone, Default)]
pub struct InstanceQuery {
    /// Only these statuses (all when empty).
    pub statuses: Vec<RuntimeStatus>,
    /// Created at or after this time.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before this time.
    pub created_to: Option<DateTime<Utc>>,
    /// Ids starting with this text.
    pub id_prefix: Option<String>,
    /// At most this many per page.
    pub page_size: u32,
    /// Include inputs and outputs.
    pub with_payloads: bool,
}

/// One page of a query.
#[derive(Debug, Clone)]
pub struct QueryPage {
    /// The instances on this page.
    pub instances: Vec<InstanceState>,
    /// The token for the next page; `None` on the last page.
    pub continuation: Option<String>,
}

/// Which instance ids `ListInstanceIds` returns.
#[derive(Debug, Clone, Default)]
pub struct InstanceIdQuery {
    /// Only these statuses (all when empty).
    pub statuses: Vec<RuntimeStatus>,
    /// Completed at or after this time.
    pub completed_from: Option<DateTime<Utc>>,
    /// Completed before this time.
    pub completed_to: Option<DateTime<Utc>>,
    /// At most this many per page.
    pub page_size: u32,
}

/// One page of instance ids.
#[derive(Debug, Clone)]
pub struct InstanceIdPage {
    /// The ids on this page.
    pub instance_ids: Vec<String>,
    /// The key to pass for the next page; `None` on the last page.
    pub last_instance_key: Option<String>,
}

/// Which finished instances a purge deletes.
#[derive(Debug, Clone, Default)]
pub struct PurgeFilter {
    /// Created at or after this time.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before this time.
    pub created_to: Option<DateTime<Utc>>,
    /// Only these (terminal) statuses; all terminal ones when empty.
    pub statuses: Vec<RuntimeStatus>,
}

/// What a purge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgeOutcome {
    /// How many instances were deleted.
    pub deleted: u32,
    /// Whether the purge finished (`None` when the server did not say).
    pub complete: Option<bool>,
}

/// A connected client. Cloning is cheap and shares the connection.
#[derive(Clone, Debug)]
pub struct Client {
    grpc: SidecarClient,
    endpoint: String,
}

impl Client {
    /// Connects to the endpoint the connection names.
    pub async fn connect(connection: &Connection) -> Result<Self, ClientError> {
        Ok(Self {
            grpc: connection.connect(None).await?,
            endpoint: connection.endpoint().display.clone(),
        })
    }

    /// The endpoint, as the user wrote it.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn status_error(&self, instance_id: &str) -> impl Fn(tonic::Status) -> ClientError + '_ {
        let instance_id = instance_id.to_owned();
        move |status| ClientError::from_status(status, &self.endpoint, &instance_id)
    }

    /// Starts an orchestration and returns its instance id.
    pub async fn start(&self, request: StartRequest) -> Result<String, ClientError> {
        let instance_id = match request.instance_id {
            Some(id) => id,
            None => uuid::Uuid::new_v4().simple().to_string(),
        };
        check_instance_id(&instance_id)?;
        check_json("input", request.input.as_deref())?;
        let reuse = (!request.replaceable.is_empty()).then(|| proto::OrchestrationIdReusePolicy {
            replaceable_status: request
                .replaceable
                .iter()
                .map(|s| s.to_proto() as i32)
                .collect(),
        });
        let wire = proto::CreateInstanceRequest {
            instance_id: instance_id.clone(),
            name: request.name,
            version: request.version,
            input: request.input,
            scheduled_start_timestamp: request.scheduled_start.map(proto::timestamp),
            orchestration_id_reuse_policy: reuse,
            tags: request.tags,
            request_time: Some(proto::timestamp(Utc::now())),
            ..Default::default()
        };
        let response = self
            .grpc
            .clone()
            .start_instance(wire)
            .await
            .map_err(self.status_error(&instance_id))?;
        let id = response.into_inner().instance_id;
        Ok(if id.is_empty() { instance_id } else { id })
    }

    /// Reads an instance; `None` when no instance has that id.
    pub async fn get(
        &self,
        instance_id: &str,
        with_payloads: bool,
    ) -> Result<Option<InstanceState>, ClientError> {
        let response = self
            .grpc
            .clone()
            .get_instance(get_request(instance_id, with_payloads))
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(read_instance(response.into_inner()))
    }

    /// Blocks on the server until the instance has started (left Pending), or `deadline` passes
    /// ([`ClientError::DeadlineExceeded`]).
    pub async fn wait_for_start(
        &self,
        instance_id: &str,
        with_payloads: bool,
        deadline: Duration,
    ) -> Result<Option<InstanceState>, ClientError> {
        let mut request = Request::new(get_request(instance_id, with_payloads));
        request.set_timeout(deadline);
        let response = self
            .grpc
            .clone()
            .wait_for_instance_start(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(read_instance(response.into_inner()))
    }

    /// Blocks on the server until the instance has finished (completed, failed or terminated), or
    /// `deadline` passes ([`ClientError::DeadlineExceeded`]).
    pub async fn wait_for_completion(
        &self,
        instance_id: &str,
        with_payloads: bool,
        deadline: Duration,
    ) -> Result<Option<InstanceState>, ClientError> {
        let mut request = Request::new(get_request(instance_id, with_payloads));
        request.set_timeout(deadline);
        let response = self
            .grpc
            .clone()
            .wait_for_instance_completion(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(read_instance(response.into_inner()))
    }

    /// Reads one page of instances matching `query`, from `continuation` on.
    pub async fn query(
        &self,
        query: &InstanceQuery,
        continuation: Option<String>,
    ) -> Result<QueryPage, ClientError> {
        let wire = proto::QueryInstancesRequest {
            query: Some(proto::InstanceQuery {
                runtime_status: statuses(&query.statuses),
                created_time_from: query.created_from.map(proto::timestamp),
                created_time_to: query.created_to.map(proto::timestamp),
                max_instance_count: query.page_size.clamp(1, i32::MAX as u32) as i32,
                continuation_token: continuation.clone(),
                instance_id_prefix: query.id_prefix.clone(),
                fetch_inputs_and_outputs: query.with_payloads,
                ..Default::default()
            }),
        };
        let response = self
            .grpc
            .clone()
            .query_instances(wire)
            .await
            .map_err(self.status_error(""))?
            .into_inner();
        // Peers end paging with an absent, empty or "0" token; a token equal to the one we sent
        // would loop forever, so it ends paging too.
        let next = response.continuation_token.filter(|token| {
            !token.is_empty() && token != "0" && Some(token) != continuation.as_ref()
        });
        Ok(QueryPage {
            instances: response
                .orchestration_state
                .into_iter()
                .map(InstanceState::from_proto)
                .collect(),
            continuation: next,
        })
    }

    /// Reads one page of instance ids matching `query` (a lighter query than [`Client::query`]:
    /// ids only, filtered by completion time), after `last_instance_key`.
    pub async fn list_instance_ids(
        &self,
        query: &InstanceIdQuery,
        last_instance_key: Option<String>,
    ) -> Result<InstanceIdPage, ClientError> {
        let wire = proto::ListInstanceIdsRequest {
            runtime_status: statuses(&query.statuses),
            completed_time_from: query.completed_from.map(proto::timestamp),
            completed_time_to: query.completed_to.map(proto::timestamp),
            page_size: query.page_size.clamp(1, i32::MAX as u32) as i32,
            last_instance_key: last_instance_key.clone(),
        };
        let response = self
            .grpc
            .clone()
            .list_instance_ids(wire)
            .await
            .map_err(self.status_error(""))?
            .into_inner();
        // As with query tokens: an empty key, or the one we sent, ends paging.
        let next = response
            .last_instance_key
            .filter(|key| !key.is_empty() && Some(key) != last_instance_key.as_ref());
        Ok(InstanceIdPage {
            instance_ids: response.instance_ids,
            last_instance_key: next,
        })
    }

    /// Reads the whole history of an instance, in order.
    pub async fn history(
        &self,
        instance_id: &str,
    ) -> Result<Vec<proto::HistoryEvent>, ClientError> {
        let request = proto::StreamInstanceHistoryRequest {
            instance_id: instance_id.to_owned(),
            execution_id: None,
            for_work_item_processing: false,
        };
        let error = self.status_error(instance_id);
        let mut stream = self
            .grpc
            .clone()
            .stream_instance_history(request)
            .await
            .map_err(&error)?
            .into_inner();
        let mut events = Vec::new();
        while let Some(chunk) = stream.message().await.map_err(&error)? {
            events.extend(chunk.events);
        }
        Ok(events)
    }

    /// Sends an event (`data` is JSON text) to a running instance.
    pub async fn raise_event(
        &self,
        instance_id: &str,
        name: &str,
        data: Option<String>,
    ) -> Result<(), ClientError> {
        check_json("event data", data.as_deref())?;
        let request = proto::RaiseEventRequest {
            instance_id: instance_id.to_owned(),
            name: name.to_owned(),
            input: data,
        };
        self.grpc
            .clone()
            .raise_event(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(())
    }

    /// Terminates an instance with `output` (JSON text) as its output; `recursive` also terminates
    /// its sub-orchestrations.
    pub async fn terminate(
        &self,
        instance_id: &str,
        output: Option<String>,
        recursive: bool,
    ) -> Result<(), ClientError> {
        check_json("terminate output", output.as_deref())?;
        let request = proto::TerminateRequest {
            instance_id: instance_id.to_owned(),
            output,
            recursive,
        };
        self.grpc
            .clone()
            .terminate_instance(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(())
    }

    /// Suspends an instance; `reason` is plain text.
    pub async fn suspend(
        &self,
        instance_id: &str,
        reason: Option<String>,
    ) -> Result<(), ClientError> {
        let request = proto::SuspendRequest {
            instance_id: instance_id.to_owned(),
            reason,
        };
        self.grpc
            .clone()
            .suspend_instance(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(())
    }

    /// Resumes a suspended instance; `reason` is plain text.
    pub async fn resume(
        &self,
        instance_id: &str,
        reason: Option<String>,
    ) -> Result<(), ClientError> {
        let request = proto::ResumeRequest {
            instance_id: instance_id.to_owned(),
            reason,
        };
        self.grpc
            .clone()
            .resume_instance(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(())
    }

    /// Starts a finished instance again with the same name and input; returns the id of the new run
    /// (a new one when `new_instance_id`).
    pub async fn restart(
        &self,
        instance_id: &str,
        new_instance_id: bool,
    ) -> Result<String, ClientError> {
        let request = proto::RestartInstanceRequest {
            instance_id: instance_id.to_owned(),
            restart_with_new_instance_id: new_instance_id,
        };
        let response = self
            .grpc
            .clone()
            .restart_instance(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(response.into_inner().instance_id)
    }

    /// Rewinds a failed instance: its failed steps run again.
    pub async fn rewind(
        &self,
        instance_id: &str,
        reason: Option<String>,
    ) -> Result<(), ClientError> {
        let request = proto::RewindInstanceRequest {
            instance_id: instance_id.to_owned(),
            reason,
        };
        self.grpc
            .clone()
            .rewind_instance(request)
            .await
            .map_err(self.status_error(instance_id))?;
        Ok(())
    }

    /// Deletes a finished instance and its history (and its sub-orchestrations' when `recursive`).
    pub async fn purge(
        &self,
        instance_id: &str,
        recursive: bool,
    ) -> Result<PurgeOutcome, ClientError> {
        let request = proto::PurgeInstancesRequest {
            request: Some(purge_instances_request::Request::InstanceId(
                instance_id.to_owned(),
            )),
            recursive,
            is_orchestration: true,
        };
        self.purge_request(request, instance_id).await
    }

    /// Deletes every finished instance that matches `filter`.
    pub async fn purge_where(
        &self,
        filter: &PurgeFilter,
        recursive: bool,
    ) -> Result<PurgeOutcome, ClientError> {
        let request = proto::PurgeInstancesRequest {
            request: Some(purge_instances_request::Request::PurgeInstanceFilter(
                proto::PurgeInstanceFilter {
                    created_time_from: filter.created_from.map(proto::timestamp),
                    created_time_to: filter.created_to.map(proto::timestamp),
                    runtime_status: statuses(&filter.statuses),
                    timeout: None,
                },
            )),
            recursive,
            is_orchestration: false,
        };
        self.purge_request(request, "").await
    }

    async fn purge_request(
        &self,
        request: proto::PurgeInstancesRequest,
        instance_id: &str,
    ) -> Result<PurgeOutcome, ClientError> {
        let response = self
            .grpc
            .clone()
            .purge_instances(request)
            .await
            .map_err(self.status_error(instance_id))?
            .into_inner();
        Ok(PurgeOutcome {
            deleted: response.deleted_instance_count.max(0) as u32,
            complete: response.is_complete,
        })
    }
}

fn get_request(instance_id: &str, with_payloads: bool) -> proto::GetInstanceRequest {
    proto::GetInstanceRequest {
        instance_id: instance_id.to_owned(),
        get_inputs_and_outputs: with_payloads,
    }
}

fn read_instance(response: proto::GetInstanceResponse) -> Option<InstanceState> {
    if !response.exists {
        return None;
    }
    response.orchestration_state.map(InstanceState::from_proto)
}

fn statuses(statuses: &[RuntimeStatus]) -> Vec<i32> {
    statuses.iter().map(|s| s.to_proto() as i32).collect()
}

/// Checks that a payload is JSON text within the size limit, before anything is sent.
fn check_json(what: &'static str, payload: Option<&str>) -> Result<(), ClientError> {
    check_payload(what, payload)?;
    if let Some(text) = payload {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|err| {
            ClientError::InvalidJson {
                what,
                detail: err.to_string(),
            }
        })?;
    }
    Ok(())
}
