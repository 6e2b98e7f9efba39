//! [`TaskError`]: why an activity, a sub-orchestration or an orchestration failed, in the shape of
//! the protocol's `TaskFailureDetails` (error type, message, optional details and inner failure).

use std::fmt;

use crate::proto::TaskFailureDetails;

/// The error type of a failure that awaited a failed task (an activity or a sub-orchestration),
/// the name the Python SDK gives the same failure.
pub const TASK_FAILED: &str = "TaskFailedError";
/// The error type of a history that the orchestration's code no longer matches.
pub const NON_DETERMINISM: &str = "NonDeterminismError";
/// The error type of user code that panicked.
pub const PANIC: &str = "Panic";

/// A failure as the protocol carries it.
///
/// Any `std::error::Error` converts into one (its type name becomes the error type, its sources
/// the inner failures), so `?` works on any error inside orchestrations and activities. Like
/// `anyhow::Error`, it does not implement `std::error::Error` itself, which is what makes that
/// conversion possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskError {
    /// The error's type, e.g. `builtins.ValueError` from Python or `std::io::error::Error`.
    pub error_type: String,
    /// The message.
    pub message: String,
    /// More text about the failure (the protocol's stack trace field), if any.
    pub details: Option<String>,
    /// What caused it, if known.
    pub inner: Option<Box<TaskError>>,
}

/// How deep a chain of causes is kept, as in the Python SDK.
const MAX_INNER_DEPTH: usize = 10;

impl TaskError {
    /// A failure of `error_type` with `message`.
    pub fn new(error_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            message: message.into(),
            details: None,
            inner: None,
        }
    }

    /// A failure with only a message (error type `Error`).
    pub fn msg(message: impl Into<String>) -> Self {
        Self::new("Error", message)
    }

    /// This failure with `inner` as its cause.
    pub fn caused_by(mut self, inner: TaskError) -> Self {
        self.inner = Some(Box::new(inner));
        self
    }

    /// The failure of an orchestration whose history its code no longer matches.
    pub fn non_determinism(message: impl Into<String>) -> Self {
        Self::new(NON_DETERMINISM, message)
    }

    /// The failure of code that panicked, with the panic's message.
    pub fn panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panicked".to_owned());
        Self::new(PANIC, message)
    }

    /// Reads a failure from the wire; a missing one becomes an empty failure.
    pub fn from_proto(details: Option<&TaskFailureDetails>) -> Self {
        Self::from_proto_at(details, 0)
    }

    fn from_proto_at(details: Option<&TaskFailureDetails>, depth: usize) -> Self {
        let Some(details) = details else {
            return Self::new("", "");
        };
        Self {
            error_type: details.error_type.clone(),
            message: details.error_message.clone(),
            details: details.stack_trace.clone().filter(|text| !text.is_empty()),
            inner: details
                .inner_failure
                .as_deref()
                .filter(|_| depth < MAX_INNER_DEPTH)
                .map(|inner| Box::new(Self::from_proto_at(Some(inner), depth + 1))),
        }
    }

    /// Writes the failure for the wire.
    pub fn to_proto(&self) -> TaskFailureDetails {
        TaskFailureDetails {
            error_type: self.error_type.clone(),
            error_message: self.message.clone(),
            stack_trace: self.details.clone(),
            inner_failure: self.inner.as_ref().map(|inner| Box::new(inner.to_proto())),
            ..TaskFailureDetails::default()
        }
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.error_type.is_empty(), self.message.is_empty()) {
            (false, false) => write!(f, "{}: {}", self.error_type, self.message),
            (false, true) => f.write_str(&self.error_type),
            _ => f.write_str(&self.message),
        }
    }
}

impl<E: std::error::Error> From<E> for TaskError {
    fn from(err: E) -> Self {
        let mut error = Self::new(std::any::type_name::<E>(), err.to_string());
        // Sources have no static type to name: they are kept as plain errors, outermost first.
        let mut causes = Vec::new();
        let mut source = err.source();
        while let Some(cause) = source.filter(|_| causes.len() < MAX_INNER_DEPTH) {
            causes.push(Self::msg(cause.to_string()));
            source = cause.source();
        }
        error.inner = causes.into_iter().rev().fold(None, |inner, cause| {
            Some(Box::new(match inner {
                Some(inner) => cause.caused_by(*inner),
                None => cause,
            }))
        });
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("outer failed")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn any_error_converts_with_its_type_and_causes() {
        let err = TaskError::from(Outer(std::io::Error::other("disk on fire")));
        assert!(err.error_type.ends_with("Outer"), "{}", err.error_type);
        assert_eq!(err.message, "outer failed");
        assert_eq!(
            err.inner.as_deref().map(|i| i.message.as_str()),
            Some("disk on fire")
        );
    }

    #[test]
    fn the_wire_form_round_trips() {
        let err = TaskError::new("builtins.ValueError", "boom").caused_by(TaskError::msg("root"));
        let back = TaskError::from_proto(Some(&err.to_proto()));
        assert_eq!(back, err);
        assert_eq!(err.to_string(), "builtins.ValueError: boom");
    }
}
