//! The HTTP front door of the asynchronous request-reply pattern (`serve-api`), built on
//! [`crate::client`] alone, so it fronts any Durable Task endpoint: start an operation (202,
//! `Location`, `Retry-After`, idempotent with `Idempotency-Key`), poll or wait for it, read its
//! result, cancel it, list operations. Errors are `application/problem+json` (RFC 9457).
//!
//! Embed it with [`router`] (an [`axum::Router`] to mount or serve yourself) or [`serve`] (a
//! listener, a client and a shutdown signal).

mod auth;
mod input;
mod list;
pub mod openapi;
mod operations;
mod problem;
mod view;

use std::{future::Future, io, net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    middleware::{from_fn_with_state, map_response},
    routing::{get, post},
    serve::ListenerExt,
};
use thiserror::Error;
use tokio::{net::TcpListener, sync::watch};

pub use self::problem::{PROBLEM_JSON, Problem};
use crate::client::Client;

/// The address `serve-api` listens on by default (the sample's port, loopback only).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8000";

/// The orchestration a start request runs by default: the sample's.
pub const DEFAULT_ORCHESTRATION: &str = "async_http_api_orchestrator";

/// The longest `?wait=N` honoured by default: long enough to return most operations in one
/// request, short enough to stay under common proxy idle timeouts (60–100 s) and DTS's ~4 minute
/// cut of idle calls.
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(55);

/// How the front door behaves.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// The orchestration started by `POST /api/operations` and `POST /api/start-operation`.
    pub orchestration: String,
    /// The upper bound of `?wait=N`.
    pub max_wait: Duration,
    /// When set, every `/api/` request must carry `Authorization: Bearer <key>`.
    pub api_key: Option<String>,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            orchestration: DEFAULT_ORCHESTRATION.to_owned(),
            max_wait: DEFAULT_MAX_WAIT,
            api_key: None,
        }
    }
}

/// What the handlers share: the client, the configuration and the shutdown signal.
#[derive(Debug, Clone)]
pub struct ApiState {
    client: Client,
    config: Arc<ApiConfig>,
    shutdown: watch::Receiver<bool>,
}

impl ApiState {
    /// State for a router whose held `?wait` requests end only with their own deadline.
    pub fn new(client: Client, config: ApiConfig) -> Self {
        // The sender is dropped: `changed()` then fails at once, which the waits read as "never".
        let (_, shutdown) = watch::channel(false);
        Self {
            client,
            config: Arc::new(config),
            shutdown,
        }
    }

    /// State whose held `?wait` requests answer (202, still running) as soon as `shutdown` turns
    /// true, so a graceful shutdown does not wait for them.
    pub fn with_shutdown(
        client: Client,
        config: ApiConfig,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        Self {
            client,
            config: Arc::new(config),
            shutdown,
        }
    }

    /// Resolves when shutdown has begun; never, for state made by [`ApiState::new`].
    async fn shutting_down(&self) {
        let mut shutdown = self.shutdown.clone();
        if shutdown.wait_for(|down| *down).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// The front door's routes over `state`.
pub fn router(state: ApiState) -> Router {
    let api = Router::new()
        .route(
            "/api/operations",
            post(operations::start).get(list::list_operations),
        )
        .route("/api/start-operation", post(operations::start_sample))
        .route(
            "/api/operations/{id}",
            get(operations::status).delete(operations::cancel),
        )
        .route("/api/operations/{id}/result", get(operations::result))
        .route_layer(from_fn_with_state(state.clone(), auth::require_api_key));
    Router::new()
        .merge(api)
        .route("/healthz", get(operations::health))
        .route("/openapi.json", get(openapi::serve_document))
        .fallback(operations::not_found)
        .layer(map_response(problem::problem_for_rejections))
        .with_state(state)
}

/// Serves the front door on `listener` until `shutdown` resolves, then stops accepting, answers
/// held `?wait` requests at once, and drains the requests in flight.
pub async fn serve(
    listener: TcpListener,
    client: Client,
    config: ApiConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let (tx, rx) = watch::channel(false);
    let app = router(ApiState::with_shutdown(client, config, rx));
    // Small request/response pairs: without NODELAY, Nagle's algorithm adds delayed-ACK latency.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = tx.send(true);
        })
        .await
}

/// Why the front door cannot listen where asked.
#[derive(Debug, Error)]
pub enum ListenError {
    /// The address does not parse or resolve.
    #[error("cannot use {address:?} as a listen address: {detail}")]
    Address {
        /// The address as given.
        address: String,
        /// What is wrong.
        detail: String,
    },
    /// The address reaches beyond this machine and that was not asked for explicitly.
    #[error(
        "refusing to listen on {address}: it is reachable from other machines. The front door \
         starts and cancels operations; pass --allow-remote (and set --api-key) to expose it"
    )]
    NotLoopback {
        /// The resolved address.
        address: SocketAddr,
    },
    /// Binding failed (in use, no permission).
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// The OS error.
        source: io::Error,
    },
}

/// Binds `address` (`host:port`), refusing addresses beyond loopback unless `allow_remote`.
pub async fn bind(address: &str, allow_remote: bool) -> Result<TcpListener, ListenError> {
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host(address)
        .await
        .map_err(|err| ListenError::Address {
            address: address.to_owned(),
            detail: err.to_string(),
        })?
        .collect();
    let Some(first) = resolved.first().copied() else {
        return Err(ListenError::Address {
            address: address.to_owned(),
            detail: "it resolves to no address".to_owned(),
        });
    };
    if !allow_remote && let Some(remote) = resolved.iter().find(|a| !a.ip().is_loopback()) {
        return Err(ListenError::NotLoopback { address: *remote });
    }
    TcpListener::bind(first)
        .await
        .map_err(|source| ListenError::Bind {
            address: first,
            source,
        })
}
