//! Payloads on the wire: JSON text inside `StringValue`, laid out as the Python SDK's
//! `json.dumps` lays it out (separators `", "` and `": "`; unlike it, non-ASCII text is written as
//! UTF-8 rather than `\u` escapes, which every JSON reader accepts alike), with null sent as an
//! absent value.

use serde::{Serialize, de::DeserializeOwned};

use super::failure::TaskError;

/// The error type of a payload that cannot be encoded or decoded.
pub const SERIALIZATION_ERROR: &str = "SerializationError";

/// Encodes a value; `None` for null, which the protocol sends as an absent payload.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>, TaskError> {
    let mut out = Vec::with_capacity(64);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    value.serialize(&mut serializer).map_err(|err| {
        TaskError::new(SERIALIZATION_ERROR, format!("cannot encode as JSON: {err}"))
    })?;
    if out == b"null" {
        return Ok(None);
    }
    // serde_json writes valid UTF-8 only.
    Ok(Some(String::from_utf8_lossy(&out).into_owned()))
}

/// Decodes a payload; an absent or empty one decodes as null (so `Option<T>` and `Value` accept it).
pub fn decode<T: DeserializeOwned>(payload: Option<&str>, what: &str) -> Result<T, TaskError> {
    let text = payload.filter(|text| !text.is_empty()).unwrap_or("null");
    serde_json::from_str(text).map_err(|err| {
        TaskError::new(
            SERIALIZATION_ERROR,
            format!("cannot decode the {what}: {err}"),
        )
    })
}

/// `json.dumps`'s default layout: one space after every comma and colon, no newlines.
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn encodes_like_python_json_dumps() {
        let value = json!({"a": 1, "b": [1, 2, {"c": null}], "d": "x"});
        assert_eq!(
            encode(&value).unwrap().as_deref(),
            Some(r#"{"a": 1, "b": [1, 2, {"c": null}], "d": "x"}"#)
        );
        assert_eq!(encode(&()).unwrap(), None);
        assert_eq!(encode(&Value::Null).unwrap(), None);
    }

    #[test]
    fn absent_and_empty_payloads_decode_as_null() {
        assert_eq!(decode::<Option<u32>>(None, "input").unwrap(), None);
        assert_eq!(decode::<Value>(Some(""), "input").unwrap(), Value::Null);
        let err = decode::<u32>(Some("\"x\""), "input").unwrap_err();
        assert!(err.message.contains("cannot decode the input"), "{err}");
    }
}
