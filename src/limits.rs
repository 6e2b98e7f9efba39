//! The limits that the client, the scheduler and the front door all enforce, as on the Azure
//! Durable Task Scheduler: instance ids and payload sizes. One definition, so that every entry
//! point rejects the same inputs with the same words.

use thiserror::Error;

/// Longest instance id accepted, in bytes (DTS accepts 100).
pub const MAX_INSTANCE_ID_LEN: usize = 100;

/// Largest payload (input, output, event data, custom status) accepted, in bytes: 1 MiB, as DTS.
pub const MAX_PAYLOAD_BYTES: usize = 1024 * 1024;

/// An input that breaks one of the limits, with the words that say which one.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LimitError {
    /// The instance id is empty, too long, or has characters that are not allowed.
    #[error(
        "invalid instance id {id:?}: {reason} (ids are 1 to {MAX_INSTANCE_ID_LEN} printable ASCII characters, not starting with '@')"
    )]
    InstanceId {
        /// The rejected id, shortened for display.
        id: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A payload is larger than [`MAX_PAYLOAD_BYTES`].
    #[error("{what} is {size} bytes, over the limit of {MAX_PAYLOAD_BYTES} bytes (1 MiB)")]
    PayloadTooLarge {
        /// Which payload: "input", "event data", ...
        what: &'static str,
        /// Its size in bytes.
        size: usize,
    },
}

/// Checks an instance id against the rules: 1..=100 printable ASCII characters, not starting with `@`
/// (that prefix is reserved for entities).
pub fn check_instance_id(id: &str) -> Result<(), LimitError> {
    let reason = if id.is_empty() {
        Some("it is empty")
    } else if id.len() > MAX_INSTANCE_ID_LEN {
        Some("it is longer than 100 characters")
    } else if !id.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        Some("it has characters that are not printable ASCII")
    } else if id.starts_with('@') {
        Some("it starts with '@', which is reserved for entities")
    } else {
        None
    };
    match reason {
        None => Ok(()),
        Some(reason) => Err(LimitError::InstanceId {
            id: shorten(id),
            reason,
        }),
    }
}

/// Checks the size of an optional payload.
pub fn check_payload(what: &'static str, payload: Option<&str>) -> Result<(), LimitError> {
    match payload {
        Some(text) if text.len() > MAX_PAYLOAD_BYTES => Err(LimitError::PayloadTooLarge {
            what,
            size: text.len(),
        }),
        _ => Ok(()),
    }
}

fn shorten(id: &str) -> String {
    const SHOWN: usize = 40;
    match id.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", &id[..cut]),
        None => id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids() {
        assert!(check_instance_id("op-1").is_ok());
        assert!(check_instance_id(&"a".repeat(100)).is_ok());
        assert!(check_instance_id("").is_err());
        assert!(check_instance_id(&"a".repeat(101)).is_err());
        assert!(check_instance_id("@counter@1").is_err());
        assert!(check_instance_id("tab\there").is_err());
        assert!(check_instance_id("é").is_err());
    }

    #[test]
    fn payload_sizes() {
        assert!(check_payload("input", None).is_ok());
        assert!(check_payload("input", Some(&"x".repeat(MAX_PAYLOAD_BYTES))).is_ok());
        let err = check_payload("input", Some(&"x".repeat(MAX_PAYLOAD_BYTES + 1))).unwrap_err();
        assert!(err.to_string().contains("1 MiB"), "{err}");
    }
}
