//! What the client reads back about an orchestration instance, in Rust terms rather than wire terms.

use std::{collections::BTreeMap, fmt, str::FromStr};

use chrono::{DateTime, Utc};

use crate::proto::{self, OrchestrationStatus};

/// The runtime status of an orchestration instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuntimeStatus {
    /// Created, not yet started by a worker.
    Pending,
    /// Started and not finished.
    Running,
    /// Paused by a suspend request.
    Suspended,
    /// Finished with an output.
    Completed,
    /// Finished with a failure.
    Failed,
    /// Stopped by a terminate request.
    Terminated,
    /// Canceled (a status some backends report; Python peers cannot read it).
    Canceled,
    /// Restarted as a new execution (transient).
    ContinuedAsNew,
}

impl RuntimeStatus {
    /// Every status, in the order people read them.
    pub const ALL: [RuntimeStatus; 8] = [
        Self::Pending,
        Self::Running,
        Self::Suspended,
        Self::Completed,
        Self::Failed,
        Self::Terminated,
        Self::Canceled,
        Self::ContinuedAsNew,
    ];

    /// Whether the instance has finished for good.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Completed | Self::Failed | Self::Terminated | Self::Canceled
        )
    }

    /// The name used in output and accepted in filters ("Completed", as Durable Functions).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Running => "Running",
            Self::Suspended => "Suspended",
            Self::Completed => "Completed",
            Self::Failed => "Failed",
            Self::Terminated => "Terminated",
            Self::Canceled => "Canceled",
            Self::ContinuedAsNew => "ContinuedAsNew",
        }
    }

    /// The wire value.
    pub fn to_proto(self) -> OrchestrationStatus {
        match self {
            Self::Pending => OrchestrationStatus::Pending,
            Self::Running => OrchestrationStatus::Running,
            Self::Suspended => OrchestrationStatus::Suspended,
            Self::Completed => OrchestrationStatus::Completed,
            Self::Failed => OrchestrationStatus::Failed,
            Self::Terminated => OrchestrationStatus::Terminated,
            Self::Canceled => OrchestrationStatus::Canceled,
            Self::ContinuedAsNew => OrchestrationStatus::ContinuedAsNew,
        }
    }

    /// From the wire value; an unknown number reads as `None`.
    pub fn from_wire(value: i32) -> Option<Self> {
        Some(match OrchestrationStatus::try_from(value).ok()? {
            OrchestrationStatus::Pending => Self::Pending,
            OrchestrationStatus::Running => Self::Running,
            OrchestrationStatus::Suspended => Self::Suspended,
            OrchestrationStatus::Completed => Self::Completed,
            OrchestrationStatus::Failed => Self::Failed,
            OrchestrationStatus::Terminated => Self::Terminated,
            OrchestrationStatus::Canceled => Self::Canceled,
            OrchestrationStatus::ContinuedAsNew => Self::ContinuedAsNew,
        })
    }
}

impl fmt::Display for RuntimeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuntimeStatus {
    type Err = String;

    /// Case-insensitive, with or without separators: `completed`, `COMPLETED`, `continued-as-new`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|status| status.as_str().to_ascii_lowercase() == wanted)
            .ok_or_else(|| {
                let names: Vec<_> = Self::ALL.iter().map(|s| s.as_str()).collect();
                format!(
                    "unknown status {text:?}; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// Why an orchestration or activity failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureDetails {
    /// The error's type, e.g. `builtins.ValueError`.
    pub error_type: String,
    /// The error's message.
    pub message: String,
    /// The stack trace, when the worker sent one.
    pub stack_trace: Option<String>,
    /// The failure that caused this one.
    pub inner: Option<Box<FailureDetails>>,
    /// Whether retrying cannot help.
    pub non_retriable: bool,
}

impl FailureDetails {
    /// From the wire form.
    pub fn from_proto(details: &proto::TaskFailureDetails) -> Self {
        Self {
            error_type: details.error_type.clone(),
            message: details.error_message.clone(),
            stack_trace: details.stack_trace.clone().filter(|s| !s.is_empty()),
            inner: details
                .inner_failure
                .as_deref()
                .map(|inner| Box::new(Self::from_proto(inner))),
            non_retriable: details.is_non_retriable,
        }
    }
}

impl fmt::Display for FailureDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.error_type.is_empty(), self.message.is_empty()) {
            (false, false) => write!(f, "{}: {}", self.error_type, self.message),
            (false, true) => f.write_str(&self.error_type),
            _ => f.write_str(&self.message),
        }
    }
}

/// A snapshot of one orchestration instance.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceState {
    /// The instance id.
    pub instance_id: String,
    /// The orchestration's registered name.
    pub name: String,
    /// Where it is in its life; `None` when the server sent a status this client does not know.
    pub runtime_status: Option<RuntimeStatus>,
    /// The raw wire status, kept for an unknown value.
    pub raw_status: i32,
    /// When it was created.
    pub created_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub last_updated_at: Option<DateTime<Utc>>,
    /// When it finished.
    pub completed_at: Option<DateTime<Utc>>,
    /// When it is scheduled to start, if delayed.
    pub scheduled_start_at: Option<DateTime<Utc>>,
    /// Input as JSON text (only when payloads were asked for).
    pub input: Option<String>,
    /// Output as JSON text (only when payloads were asked for).
    pub output: Option<String>,
    /// Custom status as JSON text.
    pub custom_status: Option<String>,
    /// Why it failed.
    pub failure: Option<FailureDetails>,
    /// The orchestration version.
    pub version: Option<String>,
    /// The current execution's id.
    pub execution_id: Option<String>,
    /// The parent orchestration, for a sub-orchestration.
    pub parent_instance_id: Option<String>,
    /// Tags given at start.
    pub tags: BTreeMap<String, String>,
}

impl InstanceState {
    /// From the wire form.
    pub fn from_proto(state: proto::OrchestrationState) -> Self {
        let text = |value: Option<String>| value.filter(|s| !s.is_empty());
        Self {
            runtime_status: RuntimeStatus::from_wire(state.orchestration_status),
            raw_status: state.orchestration_status,
            created_at: proto::datetime(state.created_timestamp.as_ref()),
            last_updated_at: proto::datetime(state.last_updated_timestamp.as_ref()),
            completed_at: proto::datetime(state.completed_timestamp.as_ref()),
            scheduled_start_at: proto::datetime(state.scheduled_start_timestamp.as_ref()),
            failure: state
                .failure_details
                .as_ref()
                .map(FailureDetails::from_proto)
                .filter(|f| !f.error_type.is_empty() || !f.message.is_empty()),
            input: text(state.input),
            output: text(state.output),
            custom_status: text(state.custom_status),
            version: text(state.version),
            execution_id: text(state.execution_id),
            parent_instance_id: text(state.parent_instance_id),
            tags: state.tags.into_iter().collect(),
            instance_id: state.instance_id,
            name: state.name,
        }
    }

    /// The status for display: the known name, or the raw number.
    pub fn status_label(&self) -> String {
        match self.runtime_status {
            Some(status) => status.as_str().to_owned(),
            None => format!("Unknown({})", self.raw_status),
        }
    }

    /// Whether the instance has finished for good.
    pub fn is_terminal(&self) -> bool {
        self.runtime_status.is_some_and(RuntimeStatus::is_terminal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip() {
        for status in RuntimeStatus::ALL {
            assert_eq!(status.as_str().parse::<RuntimeStatus>(), Ok(status));
            assert_eq!(
                RuntimeStatus::from_wire(status.to_proto() as i32),
                Some(status)
            );
        }
        assert_eq!("COMPLETED".parse(), Ok(RuntimeStatus::Completed));
        assert_eq!(
            "continued-as-new".parse(),
            Ok(RuntimeStatus::ContinuedAsNew)
        );
        assert!("done".parse::<RuntimeStatus>().is_err());
        assert_eq!(RuntimeStatus::from_wire(99), None);
    }
}
