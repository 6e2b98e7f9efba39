//! What can go wrong on a client call, in terms a script can act on.

use thiserror::Error;
use tonic::{Code, Status};

use crate::{connection::ConnectionError, limits::LimitError};

/// A failed client call.
#[derive(Debug, Error)]
pub enum ClientError {
    /// The connection could not be set up (endpoint unreachable, bad settings, no token).
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    /// An input broke a limit; nothing was sent.
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// A payload is not valid JSON; nothing was sent.
    #[error("{what} is not valid JSON: {detail}")]
    InvalidJson {
        /// Which payload.
        what: &'static str,
        /// The parser's words.
        detail: String,
    },
    /// No instance has that id.
    #[error("no instance {instance_id:?} in task hub of {endpoint}")]
    NotFound {
        /// The id asked for.
        instance_id: String,
        /// The endpoint asked.
        endpoint: String,
    },
    /// An instance with that id exists already.
    #[error("an instance {instance_id:?} already exists: {message}")]
    AlreadyExists {
        /// The id asked for.
        instance_id: String,
        /// The server's words.
        message: String,
    },
    /// The instance's state forbids the operation (restart a running one, rewind one that did not fail).
    #[error("{0}")]
    FailedPrecondition(String),
    /// The server rejected the request's content.
    #[error("the server rejected the request: {0}")]
    Rejected(String),
    /// The call's deadline passed (on the wait calls: the instance did not finish in time).
    #[error("the call's deadline passed")]
    DeadlineExceeded,
    /// The endpoint is unreachable or refused our credentials.
    #[error("{endpoint} is unavailable: {message}")]
    Unavailable {
        /// The endpoint.
        endpoint: String,
        /// The transport's words.
        message: String,
    },
    /// Authentication or authorization failed.
    #[error(
        "{endpoint} refused the credentials: {message}. Check --auth, or sign in again (az login)"
    )]
    Unauthenticated {
        /// The endpoint.
        endpoint: String,
        /// The server's words.
        message: String,
    },
    /// Any other server failure.
    #[error("{endpoint} failed the call ({code:?}): {message}")]
    Server {
        /// The endpoint.
        endpoint: String,
        /// The gRPC code.
        code: Code,
        /// The server's words.
        message: String,
    },
}

impl ClientError {
    /// Maps a gRPC status from a call about `instance_id` on `endpoint`.
    pub fn from_status(status: Status, endpoint: &str, instance_id: &str) -> Self {
        let message = status.message().to_owned();
        match status.code() {
            Code::NotFound => Self::NotFound {
                instance_id: instance_id.to_owned(),
                endpoint: endpoint.to_owned(),
            },
            Code::AlreadyExists => Self::AlreadyExists {
                instance_id: instance_id.to_owned(),
                message,
            },
            Code::FailedPrecondition => Self::FailedPrecondition(message),
            Code::InvalidArgument | Code::ResourceExhausted | Code::OutOfRange => {
                Self::Rejected(message)
            }
            Code::DeadlineExceeded => Self::DeadlineExceeded,
            Code::Unavailable | Code::Cancelled | Code::Aborted => Self::Unavailable {
                endpoint: endpoint.to_owned(),
                message,
            },
            Code::Unauthenticated | Code::PermissionDenied => Self::Unauthenticated {
                endpoint: endpoint.to_owned(),
                message,
            },
            code => Self::Server {
                endpoint: endpoint.to_owned(),
                code,
                message,
            },
        }
    }

    /// Whether trying the same call again later may succeed (transport trouble, not a verdict).
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Unavailable { .. } | Self::DeadlineExceeded)
    }
}
