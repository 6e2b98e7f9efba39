//! How an operation looks over HTTP: the JSON body (with the sample's keys `operation_id`,
//! `status`, `result`, `error`, `last_updated`, `status_url`), its links, and the `Retry-After`
//! a poller is told to wait.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use crate::client::{InstanceState, RuntimeStatus};

/// The shortest `Retry-After` we send: HTTP counts in whole seconds and 0 invites a busy loop.
pub const MIN_RETRY_AFTER: Duration = Duration::from_secs(1);

/// The longest `Retry-After` we send, so that a poller notices an early finish within a minute.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The path of an operation's status resource.
pub fn status_path(id: &str) -> String {
    format!("/api/operations/{}", encode_segment(id))
}

/// The links of an operation: status, result and cancel (the last two are relative to status).
pub fn links(id: &str) -> Value {
    let status = status_path(id);
    json!({
        "status": status,
        "result": format!("{status}/result"),
        "cancel": status,
    })
}

/// The body of a start reply (202, or 200 for an idempotent replay of a finished one).
pub fn accepted(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "operation_id": id,
        "status": status,
        "status_url": status_path(id),
        "links": links(id),
    })
}

/// The body of a status reply: runtime status, progress, timestamps, and the outcome once terminal.
pub fn operation(state: &InstanceState) -> Value {
    let id = &state.instance_id;
    let custom = state.custom_status.as_deref().map(parse_payload);
    let progress = custom
        .as_ref()
        .and_then(|c| c.get("progress"))
        .and_then(Value::as_f64)
        .filter(|p| p.is_finite())
        .map(|p| p.clamp(0.0, 1.0));
    let message = custom
        .as_ref()
        .and_then(|c| c.get("message"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut body = Map::new();
    body.insert("id".into(), json!(id));
    body.insert("operation_id".into(), json!(id));
    body.insert("name".into(), json!(state.name));
    body.insert("status".into(), json!(state.status_label()));
    body.insert("done".into(), json!(state.is_terminal()));
    body.insert("created_at".into(), time(state.created_at));
    body.insert("last_updated".into(), time(state.last_updated_at));
    body.insert("completed_at".into(), time(state.completed_at));
    body.insert("progress".into(), json!(progress));
    body.insert("message".into(), json!(message));
    body.insert("custom_status".into(), custom.unwrap_or(Value::Null));
    match state.runtime_status {
        Some(RuntimeStatus::Completed) => {
            body.insert("result".into(), payload(state.output.as_deref()));
        }
        Some(RuntimeStatus::Failed) => {
            // Type and message only: a worker's stack trace is for its operator, not the caller.
            let (error_type, message) = match &state.failure {
                Some(failure) => (failure.error_type.clone(), failure.message.clone()),
                None => (String::new(), "the operation failed".to_owned()),
            };
            body.insert(
                "error".into(),
                json!({"type": error_type, "message": message}),
            );
        }
        Some(RuntimeStatus::Terminated | RuntimeStatus::Canceled) => {
            body.insert(
                "terminated".into(),
                json!({"reason": payload(state.output.as_deref())}),
            );
        }
        _ => {}
    }
    body.insert("status_url".into(), json!(status_path(id)));
    body.insert("links".into(), links(id));
    Value::Object(body)
}

/// How long a poller should wait before asking again about a running operation: the time left of
/// its declared `processing_time` when the input has one, else what its reported progress implies,
/// else the minimum; always within [`MIN_RETRY_AFTER`, `MAX_RETRY_AFTER`].
pub fn retry_after(state: &InstanceState, now: DateTime<Utc>) -> Duration {
    let elapsed = state
        .created_at
        .map(|created| (now - created).to_std().unwrap_or_default())
        .unwrap_or_default();
    let declared = state
        .input
        .as_deref()
        .map(parse_payload)
        .as_ref()
        .and_then(expected_duration);
    let remaining = match declared {
        Some(expected) => expected.saturating_sub(elapsed),
        None => state
            .custom_status
            .as_deref()
            .map(parse_payload)
            .and_then(|c| c.get("progress").and_then(Value::as_f64))
            .filter(|p| p.is_finite() && *p > 0.0 && *p < 1.0)
            .map(|p| elapsed.mul_f64((1.0 - p) / p))
            .unwrap_or_default(),
    };
    clamp_retry(remaining)
}

/// The duration an operation's input declares (`processing_time` in seconds), if any.
pub fn expected_duration(input: &Value) -> Option<Duration> {
    input
        .get("processing_time")
        .and_then(Value::as_f64)
        .filter(|s| s.is_finite() && *s >= 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
}

/// Rounds up to whole seconds within the bounds.
pub fn clamp_retry(wait: Duration) -> Duration {
    let whole = Duration::from_secs(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
    whole.clamp(MIN_RETRY_AFTER, MAX_RETRY_AFTER)
}

/// An RFC 3339 UTC time, or null.
pub fn time(at: Option<DateTime<Utc>>) -> Value {
    at.map(|t| json!(t.to_rfc3339_opts(SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

/// A payload as JSON when it parses, else as a string (as the sample does); absent is null.
pub fn payload(text: Option<&str>) -> Value {
    text.map(parse_payload).unwrap_or(Value::Null)
}

fn parse_payload(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// Percent-encodes an id for use as one path segment (ids may hold `/`, `?`, `#`, spaces...).
pub fn encode_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("op-1_a.b~"), "op-1_a.b~");
        assert_eq!(encode_segment("a/b c?#%"), "a%2Fb%20c%3F%23%25");
    }

    #[test]
    fn retry_after_is_whole_seconds_within_bounds() {
        assert_eq!(clamp_retry(Duration::ZERO), MIN_RETRY_AFTER);
        assert_eq!(
            clamp_retry(Duration::from_millis(2100)),
            Duration::from_secs(3)
        );
        assert_eq!(clamp_retry(Duration::from_secs(3600)), MAX_RETRY_AFTER);
        assert_eq!(
            expected_duration(&json!({"processing_time": 5})),
            Some(Duration::from_secs(5))
        );
        assert_eq!(expected_duration(&json!({"processing_time": -1})), None);
    }
}
