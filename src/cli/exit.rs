//! Exit codes (scripts depend on them) and the error a command ends with.

use std::fmt;

use crate::{client::ClientError, connection::ConnectionError, limits::LimitError};

/// The process exit codes of `dts-async`, as documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success; for `wait` and `start --wait`: the orchestration completed.
    Success = 0,
    /// The orchestration failed.
    Failed = 1,
    /// Usage error: bad flags or input.
    Usage = 2,
    /// The orchestration was terminated (or canceled).
    Terminated = 3,
    /// `wait` timed out; the orchestration is still running.
    Timeout = 4,
    /// No instance has that id.
    NotFound = 5,
    /// The endpoint is unreachable, refused our credentials, or failed.
    Unavailable = 6,
    /// Conflict: an instance with that id exists, or its state forbids the operation.
    Conflict = 7,
    /// Interrupted (Ctrl-C) while waiting; the orchestration keeps running.
    Interrupted = 130,
}

/// The exit codes table, for `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success (for wait / start --wait: the orchestration completed)
  1  the orchestration failed (details on stderr)
  2  usage error (bad flags or input); nothing was started
  3  the orchestration was terminated
  4  wait timed out; the orchestration is still running
  5  instance not found
  6  cannot reach or authenticate to the endpoint, or the server failed
  7  conflict: the instance already exists, or its state forbids the operation
  130 interrupted while waiting; the orchestration keeps running";

/// A command's failure: what to print on stderr and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// The exit code.
    pub exit: Exit,
    /// The message, already saying what to do.
    pub message: String,
}

impl CliError {
    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    /// An error with an explicit exit code.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<ClientError> for CliError {
    fn from(err: ClientError) -> Self {
        let exit = match &err {
            ClientError::Connection(ConnectionError::Unreachable { .. })
            | ClientError::Connection(ConnectionError::Auth(_))
            | ClientError::Unavailable { .. }
            | ClientError::Unauthenticated { .. }
            | ClientError::DeadlineExceeded
            | ClientError::Server { .. } => Exit::Unavailable,
            ClientError::Connection(_)
            | ClientError::Limit(_)
            | ClientError::InvalidJson { .. }
            | ClientError::Rejected(_) => Exit::Usage,
            ClientError::NotFound { .. } => Exit::NotFound,
            ClientError::AlreadyExists { .. } | ClientError::FailedPrecondition(_) => {
                Exit::Conflict
            }
        };
        Self::new(exit, err.to_string())
    }
}

impl From<ConnectionError> for CliError {
    fn from(err: ConnectionError) -> Self {
        ClientError::from(err).into()
    }
}

impl From<LimitError> for CliError {
    fn from(err: LimitError) -> Self {
        Self::usage(err.to_string())
    }
}
