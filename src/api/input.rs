//! What a start request may carry, checked before anything is started: the media type, the size
//! and JSON of the body, the sample's fields, and the `Idempotency-Key` header, which also decides
//! the operation's id.

use axum::{
    body::{Body, to_bytes},
    http::{HeaderMap, StatusCode, header},
};
use serde_json::{Map, Value};

use super::problem::Problem;
use crate::limits::{MAX_PAYLOAD_BYTES, check_instance_id};

/// Longest `Idempotency-Key` accepted, in bytes (Stripe's limit; long enough for any UUID or hash).
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// Longest `processing_time` accepted, in seconds: one week. Longer is almost surely a unit
/// mistake (milliseconds), and a timer that long outlives any test or demo.
pub const MAX_PROCESSING_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// The namespace of operation ids derived from idempotency keys (a fixed, random UUID: the same
/// key must give the same id on every server and every restart).
const IDEMPOTENCY_NAMESPACE: uuid::Uuid =
    uuid::Uuid::from_u128(0x6d1c_2a7e_93f4_4b58_a0d1_5e27_c9b3_08f6);

/// Reads a start request's body: empty, or JSON (`application/json` or any `+json` type) of at
/// most 1 MiB that is an object. An empty body means `{}` (the sample's defaults).
pub async fn read_input(headers: &HeaderMap, body: Body) -> Result<Map<String, Value>, Problem> {
    // One byte over the limit tells "too large" from "exactly at the limit".
    let bytes = to_bytes(body, MAX_PAYLOAD_BYTES + 1)
        .await
        .map_err(|_| too_large())?;
    if bytes.len() > MAX_PAYLOAD_BYTES {
        return Err(too_large());
    }
    let content_type = headers.get(header::CONTENT_TYPE);
    if bytes.is_empty() && content_type.is_none() {
        return Ok(Map::new());
    }
    let is_json = content_type
        .and_then(|value| value.to_str().ok())
        .map(|value| {
            let essence = value.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("application/json")
                || essence.to_ascii_lowercase().ends_with("+json")
        })
        .unwrap_or(false);
    if !is_json {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "send the operation input as JSON with Content-Type: application/json",
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Problem::bad_request(
            "the operation input must be a JSON object, e.g. {\"processing_time\": 5}",
        )),
        Err(err) => Err(Problem::bad_request(format!(
            "the body is not valid JSON: {err}"
        ))),
    }
}

fn too_large() -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload-too-large",
        "Payload too large",
        format!("the body is over the limit of {MAX_PAYLOAD_BYTES} bytes (1 MiB)"),
    )
}

/// Checks the sample's fields: `processing_time`, when given, is a number of seconds from 0 to a
/// week; `operation_id` is absent (the server sets it to the operation's id).
pub fn check_fields(input: &Map<String, Value>) -> Result<(), Problem> {
    if let Some(value) = input.get("processing_time") {
        let seconds = value.as_f64().filter(|s| s.is_finite());
        match seconds {
            Some(s) if (0.0..=MAX_PROCESSING_SECONDS).contains(&s) => {}
            _ => {
                return Err(Problem::bad_request(format!(
                    "processing_time must be a number of seconds from 0 to {MAX_PROCESSING_SECONDS}, got {value}"
                ))
                .with("field", Value::from("processing_time")));
            }
        }
    }
    if input.contains_key("operation_id") {
        return Err(Problem::bad_request(
            "operation_id is chosen by the server (it is the operation's id); to make retries \
             safe, send an Idempotency-Key header instead",
        )
        .with("field", Value::from("operation_id")));
    }
    Ok(())
}

/// The `Idempotency-Key` header, if any: 1 to 255 printable ASCII characters.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().ok().map(str::trim).unwrap_or("");
    let valid = !key.is_empty()
        && key.len() <= MAX_IDEMPOTENCY_KEY_LEN
        && key.bytes().all(|b| b.is_ascii_graphic() || b == b' ');
    if !valid {
        return Err(Problem::bad_request(format!(
            "Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} printable ASCII characters"
        ))
        .with("field", Value::from("Idempotency-Key")));
    }
    Ok(Some(key.to_owned()))
}

/// The id of a new operation. With an idempotency key it is derived from the key (a name-based
/// UUID), so two requests with one key name one instance and the scheduler's `ALREADY_EXISTS`
/// settles any race between them; without one it is random.
pub fn operation_id(key: Option<&str>) -> String {
    let id = match key {
        Some(key) => uuid::Uuid::new_v5(&IDEMPOTENCY_NAMESPACE, key.as_bytes()),
        None => uuid::Uuid::new_v4(),
    };
    id.hyphenated().to_string()
}

/// Checks an operation id taken from a path.
pub fn check_operation_id(id: &str) -> Result<(), Problem> {
    check_instance_id(id).map_err(|err| Problem::bad_request(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_stable_distinct_ids() {
        assert_eq!(operation_id(Some("a")), operation_id(Some("a")));
        assert_ne!(operation_id(Some("a")), operation_id(Some("b")));
        assert_ne!(operation_id(None), operation_id(None));
        assert!(check_instance_id(&operation_id(Some("a"))).is_ok());
    }

    #[test]
    fn sample_fields() {
        let ok: Map<String, Value> = serde_json::from_str(r#"{"processing_time": 5}"#).unwrap();
        assert!(check_fields(&ok).is_ok());
        for bad in [
            r#"{"processing_time": -1}"#,
            r#"{"processing_time": "5"}"#,
            r#"{"processing_time": 1e9}"#,
            r#"{"operation_id": "mine"}"#,
        ] {
            let map: Map<String, Value> = serde_json::from_str(bad).unwrap();
            assert!(check_fields(&map).is_err(), "{bad}");
        }
    }
}
