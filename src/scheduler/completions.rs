//! Worker completions and abandons: the token must name a live lease of the right kind and hub;
//! the result is committed, then the instance leaves the in-flight state. A stale token (used,
//! abandoned, expired, or from before a restart) is refused and changes nothing.

use std::sync::Arc;

use tonic::Status;

use super::{
    Core,
    dispatch::{Lease, LeaseKind},
    service::status_of,
    store::{self, Effects},
};
use crate::proto::{ActivityResponse, OrchestratorResponse};

fn stale() -> Status {
    Status::failed_precondition("unknown or stale completion token")
}

/// Gives a lease back untouched and refuses the call.
fn refuse(core: &Core, lease: Lease, message: &str) -> Status {
    core.dispatcher.requeue(lease);
    Status::invalid_argument(message.to_owned())
}

/// Commits an activity result.
pub async fn activity(
    core: &Core,
    hub: Arc<str>,
    response: ActivityResponse,
) -> Result<(), Status> {
    let lease = core
        .dispatcher
        .take(&response.completion_token)
        .ok_or_else(stale)?;
    if lease.hub != hub {
        return Err(refuse(
            core,
            lease,
            "that completion token belongs to another task hub",
        ));
    }
    let LeaseKind::Activity(activity) = &lease.kind else {
        return Err(refuse(
            core,
            lease,
            "that completion token is not an activity's",
        ));
    };
    let id = activity.id;
    let result = core
        .store
        .write(move |conn| {
            let mut fx = Effects::default();
            store::complete_activity(conn, id, &hub, &response, &mut fx)?;
            Ok(fx)
        })
        .await;
    match result {
        Ok(fx) => {
            core.apply(fx);
            Ok(())
        }
        Err(err) => {
            core.dispatcher.requeue(lease);
            Err(status_of(err))
        }
    }
}

/// Commits an orchestration episode.
pub async fn orchestration(
    core: &Core,
    hub: Arc<str>,
    response: OrchestratorResponse,
) -> Result<(), Status> {
    let lease = core
        .dispatcher
        .take(&response.completion_token)
        .ok_or_else(stale)?;
    let episode = match &lease.kind {
        LeaseKind::Orchestration(Some(episode)) => episode.clone(),
        _ => {
            return Err(refuse(
                core,
                lease,
                "that completion token is not an orchestration's",
            ));
        }
    };
    let foreign_id = !response.instance_id.is_empty() && response.instance_id != episode.id;
    if lease.hub != hub || foreign_id {
        return Err(refuse(
            core,
            lease,
            "the completion does not match its work item",
        ));
    }
    let result = core
        .store
        .write(move |conn| {
            let mut fx = Effects::default();
            let more = store::complete_orchestration(conn, &episode, &response, &mut fx)?;
            Ok((more, fx))
        })
        .await;
    match result {
        Ok((more, fx)) => {
            core.apply(fx);
            core.dispatcher
                .finish_orchestration(&lease.hub, &lease.instance, more);
            Ok(())
        }
        Err(err) => {
            core.dispatcher.requeue(lease);
            Err(status_of(err))
        }
    }
}

/// Abandons a work item: it goes back to the queue at once.
pub fn abandon(core: &Core, token: &str) -> Result<(), Status> {
    if core.dispatcher.abandon(token) {
        Ok(())
    } else {
        Err(stale())
    }
}
