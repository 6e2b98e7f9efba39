//! The small vocabulary every part of the scheduler shares: instance keys, stored times and the
//! runtime statuses that count as final.

use std::sync::Arc;

use chrono::Utc;
use prost_types::Timestamp;

use crate::proto::OrchestrationStatus;

/// One orchestration instance inside the scheduler: its task hub and its instance id.
///
/// The hub is shared (`Arc<str>`) because every key of a hub carries the same name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceKey {
    /// The task hub that owns the instance.
    pub hub: Arc<str>,
    /// The instance id, unique within its hub.
    pub id: String,
}

impl InstanceKey {
    /// Builds a key from a hub name and an instance id.
    pub fn new(hub: &Arc<str>, id: impl Into<String>) -> Self {
        Self {
            hub: Arc::clone(hub),
            id: id.into(),
        }
    }
}

impl std::fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.hub, self.id)
    }
}

/// Times are stored as microseconds since the Unix epoch: the precision Python peers keep, and an
/// `i64` reaches far past any date a timestamp can name.
pub type Micros = i64;

/// The current wall-clock time in microseconds.
pub fn now_micros() -> Micros {
    Utc::now().timestamp_micros()
}

/// Converts a protobuf timestamp into microseconds, saturating instead of overflowing.
pub fn timestamp_micros(ts: &Timestamp) -> Micros {
    ts.seconds
        .saturating_mul(1_000_000)
        .saturating_add(i64::from(ts.nanos.clamp(0, 999_999_999) / 1_000))
}

/// Converts microseconds into a protobuf timestamp.
pub fn micros_timestamp(micros: Micros) -> Timestamp {
    Timestamp {
        seconds: micros.div_euclid(1_000_000),
        nanos: (micros.rem_euclid(1_000_000) * 1_000) as i32,
    }
}

/// The protobuf timestamp of now.
pub fn now_timestamp() -> Timestamp {
    micros_timestamp(now_micros())
}

/// Whether a runtime status is final: completed, failed or terminated. `CANCELED` is never
/// stored (Python peers cannot read it), but it would be final too.
pub fn is_terminal(status: i32) -> bool {
    status == OrchestrationStatus::Completed as i32
        || status == OrchestrationStatus::Failed as i32
        || status == OrchestrationStatus::Terminated as i32
        || status == OrchestrationStatus::Canceled as i32
}

/// The upper-case name of a runtime status, for messages (`"RUNNING"`, `"FAILED"`, ...).
pub fn status_name(status: i32) -> &'static str {
    match OrchestrationStatus::try_from(status) {
        Ok(OrchestrationStatus::Running) => "RUNNING",
        Ok(OrchestrationStatus::Completed) => "COMPLETED",
        Ok(OrchestrationStatus::ContinuedAsNew) => "CONTINUED_AS_NEW",
        Ok(OrchestrationStatus::Failed) => "FAILED",
        Ok(OrchestrationStatus::Canceled) => "CANCELED",
        Ok(OrchestrationStatus::Terminated) => "TERMINATED",
        Ok(OrchestrationStatus::Pending) => "PENDING",
        Ok(OrchestrationStatus::Suspended) => "SUSPENDED",
        Err(_) => "UNKNOWN",
    }
}

/// A fresh execution id or instance id: a random UUID in simple (32 hex digits) form, as the
/// Python client makes instance ids.
pub fn new_uuid_hex() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micros_round_trip() {
        for micros in [
            0,
            1,
            999_999,
            1_000_000,
            -1,
            -1_000_001,
            1_733_000_000_123_456,
        ] {
            assert_eq!(timestamp_micros(&micros_timestamp(micros)), micros);
        }
    }

    #[test]
    fn terminal_statuses() {
        assert!(is_terminal(OrchestrationStatus::Completed as i32));
        assert!(is_terminal(OrchestrationStatus::Failed as i32));
        assert!(is_terminal(OrchestrationStatus::Terminated as i32));
        assert!(!is_terminal(OrchestrationStatus::Running as i32));
        assert!(!is_terminal(OrchestrationStatus::Pending as i32));
        assert!(!is_terminal(OrchestrationStatus::Suspended as i32));
    }
}
