//! The generated wire types of `TaskHubSidecarService` and small conversions to and from them.
//!
//! The schema in `proto/orchestrator_service.proto` has no `package`, so every generated item lives
//! at the root of this module and the gRPC paths are `/TaskHubSidecarService/<Rpc>`.

#![allow(missing_docs, clippy::all)]

include!(concat!(env!("OUT_DIR"), "/_.rs"));

use chrono::{DateTime, TimeZone, Utc};

/// The compiled descriptor set of `proto/` (the schema and the well-known types it imports).
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/orchestrator_service.fds"));

/// Converts a wall-clock time into a protobuf timestamp.
pub fn timestamp(time: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: time.timestamp(),
        nanos: time.timestamp_subsec_nanos() as i32,
    }
}

/// Converts a protobuf timestamp into a wall-clock time; `None` for an unset or out-of-range one.
pub fn datetime(timestamp: Option<&prost_types::Timestamp>) -> Option<DateTime<Utc>> {
    let ts = timestamp?;
    if ts.seconds == 0 && ts.nanos == 0 {
        return None;
    }
    Utc.timestamp_opt(ts.seconds, ts.nanos.clamp(0, 999_999_999) as u32)
        .single()
}

/// Reads an optional payload: an absent wrapper and an empty string both mean "no value", as in
/// the Python SDK.
pub fn payload(value: Option<&String>) -> Option<&str> {
    value.map(String::as_str).filter(|text| !text.is_empty())
}
