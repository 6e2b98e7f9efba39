//! The OpenAPI 3.1 description of the front door, built here next to the handlers it describes and
//! served at `GET /openapi.json`; a copy is committed as `openapi/openapi.json` and a test keeps it
//! current.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use serde_json::{Value, json};

use super::{
    DEFAULT_MAX_WAIT,
    input::{MAX_IDEMPOTENCY_KEY_LEN, MAX_PROCESSING_SECONDS},
    list::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE},
    view::{MAX_RETRY_AFTER, MIN_RETRY_AFTER},
};
use crate::{client::RuntimeStatus, limits::MAX_INSTANCE_ID_LEN};

/// `GET /openapi.json`.
pub async fn serve_document() -> Response {
    let mut response = document().to_string().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The OpenAPI 3.1 document.
pub fn document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "dts-async front door",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The asynchronous request-reply pattern over HTTP on the Durable Task protocol: \
                start a long-running operation (202 Accepted with Location and Retry-After), poll or wait \
                for it, read its result, cancel it. Errors are application/problem+json (RFC 9457).",
            "license": {"name": "MIT", "identifier": "MIT"}
        },
        "paths": {
            "/api/operations": {
                "post": start_operation("startOperation", "Start an operation with the body as its input", false),
                "get": list_operations(),
            },
            "/api/start-operation": {
                "post": start_operation("startOperationSample",
                    "Start an operation (the sample's route; processing_time defaults to 5 seconds)", true),
            },
            "/api/operations/{id}": {
                "parameters": [id_parameter()],
                "get": get_operation(),
                "delete": cancel_operation(),
            },
            "/api/operations/{id}/result": {
                "parameters": [id_parameter()],
                "get": get_result(),
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness: the front door answers",
                    "security": [],
                    "responses": {"200": json_response("Alive", json!({
                        "type": "object", "required": ["status"],
                        "properties": {"status": {"const": "ok"}}
                    }))}
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": json_response("The OpenAPI document", json!({"type": "object"}))}
                }
            }
        },
        "components": {
            "schemas": schemas(),
            "headers": {
                "Location": {
                    "description": "The operation's status resource.",
                    "schema": {"type": "string"}
                },
                "Retry-After": {
                    "description": format!("Seconds to wait before polling again ({} to {}), from the operation's \
                        expected duration (processing_time) or its reported progress.",
                        MIN_RETRY_AFTER.as_secs(), MAX_RETRY_AFTER.as_secs()),
                    "schema": {"type": "integer", "minimum": MIN_RETRY_AFTER.as_secs(), "maximum": MAX_RETRY_AFTER.as_secs()}
                }
            },
            "securitySchemes": {
                "apiKey": {
                    "type": "http", "scheme": "bearer",
                    "description": "Required only when the server runs with --api-key."
                }
            }
        },
        // Optional: an empty requirement means "no key" is also acceptable.
        "security": [{}, {"apiKey": []}]
    })
}

fn start_operation(id: &str, summary: &str, sample: bool) -> Value {
    let mut input = json!({
        "type": "object",
        "description": "The operation's input. The server adds operation_id (the operation's id).",
        "properties": {
            "processing_time": {
                "type": "number", "minimum": 0, "maximum": MAX_PROCESSING_SECONDS,
                "description": "Seconds the sample activity works."
            },
            "operation_id": false
        },
        "additionalProperties": true
    });
    if sample {
        input["properties"]["processing_time"]["default"] = json!(5);
    }
    json!({
        "operationId": id,
        "summary": summary,
        "description": "Idempotency-Key: a repeated key returns the operation it started (200 or 202, with \
            Idempotent-Replayed: true) and never starts a second one, also when requests race; the key reused \
            with a different body is refused with 422.",
        "parameters": [{
            "name": "Idempotency-Key", "in": "header", "required": false,
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY_LEN, "pattern": "^[ -~]+$"}
        }],
        "requestBody": {
            "required": false,
            "content": {"application/json": {"schema": input}}
        },
        "responses": {
            "202": {
                "description": "Started (or, for a repeated Idempotency-Key, still running).",
                "headers": poll_headers(),
                "content": {"application/json": {"schema": {"anyOf": [
                    {"$ref": "#/components/schemas/Accepted"},
                    {"$ref": "#/components/schemas/Operation"}
                ]}}}
            },
            "200": json_response("A repeated Idempotency-Key whose operation has finished.",
                json!({"$ref": "#/components/schemas/Operation"})),
            "400": problem("Invalid JSON, input fields or Idempotency-Key."),
            "401": problem("Missing or wrong API key."),
            "409": problem("The key's operation was purged."),
            "413": problem("Body over 1 MiB."),
            "415": problem("Body that is not JSON."),
            "422": problem("Idempotency-Key reused with a different body."),
            "503": problem("The Durable Task backend is unavailable.")
        }
    })
}

fn get_operation() -> Value {
    json!({
        "operationId": "getOperation",
        "summary": "Status of an operation: 202 while running, 200 once finished",
        "parameters": [{
            "name": "wait", "in": "query", "required": false,
            "description": format!("Hold the request up to this many seconds for the operation to finish \
                (at most the server's maximum, {} s by default).", DEFAULT_MAX_WAIT.as_secs()),
            "schema": {"type": "number", "minimum": 0}
        }],
        "responses": {
            "200": json_response("Finished: result, error or terminated.", json!({"$ref": "#/components/schemas/Operation"})),
            "202": {
                "description": "Still pending, running or suspended.",
                "headers": poll_headers(),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Operation"}}}
            },
            "400": problem("Invalid id or wait."),
            "401": problem("Missing or wrong API key."),
            "404": problem("No such operation."),
            "503": problem("The Durable Task backend is unavailable.")
        }
    })
}

fn get_result() -> Value {
    json!({
        "operationId": "getOperationResult",
        "summary": "The output of a completed operation",
        "responses": {
            "200": json_response("The output, as JSON.", json!({})),
            "400": problem("Invalid id."),
            "401": problem("Missing or wrong API key."),
            "404": problem("No such operation."),
            "409": problem("Not finished (with Location and Retry-After), or failed or terminated."),
            "503": problem("The Durable Task backend is unavailable.")
        }
    })
}

fn cancel_operation() -> Value {
    json!({
        "operationId": "cancelOperation",
        "summary": "Terminate a running operation",
        "parameters": [{
            "name": "reason", "in": "query", "required": false,
            "description": "Kept as the terminated operation's reason.",
            "schema": {"type": "string"}
        }],
        "responses": {
            "202": {
                "description": "Termination requested; poll the status until it reads Terminated.",
                "headers": poll_headers(),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Accepted"}}}
            },
            "400": problem("Invalid id."),
            "401": problem("Missing or wrong API key."),
            "404": problem("No such operation."),
            "409": problem("Already finished."),
            "503": problem("The Durable Task backend is unavailable.")
        }
    })
}

fn list_operations() -> Value {
    let statuses: Vec<&str> = RuntimeStatus::ALL.iter().map(|s| s.as_str()).collect();
    json!({
        "operationId": "listOperations",
        "summary": "List operations, newest filters first, one page at a time",
        "parameters": [
            {"name": "status", "in": "query", "required": false,
             "description": "Comma-separated statuses (case-insensitive), e.g. Running,Pending.",
             "style": "form", "explode": false,
             "schema": {"type": "array", "items": {"enum": statuses}}},
            {"name": "created_from", "in": "query", "required": false,
             "schema": {"type": "string", "format": "date-time"}},
            {"name": "created_to", "in": "query", "required": false,
             "schema": {"type": "string", "format": "date-time"}},
            {"name": "prefix", "in": "query", "required": false, "description": "Id prefix.",
             "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "required": false,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE}},
            {"name": "cursor", "in": "query", "required": false, "description": "next_cursor of the previous page.",
             "schema": {"type": "string"}},
            {"name": "payloads", "in": "query", "required": false, "description": "Include results.",
             "schema": {"type": "boolean", "default": false}}
        ],
        "responses": {
            "200": json_response("One page.", json!({"$ref": "#/components/schemas/OperationList"})),
            "400": problem("An invalid or unknown filter."),
            "401": problem("Missing or wrong API key."),
            "503": problem("The Durable Task backend is unavailable.")
        }
    })
}

fn id_parameter() -> Value {
    json!({
        "name": "id", "in": "path", "required": true,
        "description": "The operation id (the operation_id of the start reply).",
        // Printable ASCII, not starting with '@' (reserved for entities).
        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_INSTANCE_ID_LEN,
                   "pattern": "^[ -?A-~][ -~]*$"}
    })
}

fn poll_headers() -> Value {
    json!({
        "Location": {"$ref": "#/components/headers/Location"},
        "Retry-After": {"$ref": "#/components/headers/Retry-After"}
    })
}

fn json_response(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

fn schemas() -> Value {
    let nullable_time = json!({"type": ["string", "null"], "format": "date-time"});
    let statuses: Vec<&str> = RuntimeStatus::ALL.iter().map(|s| s.as_str()).collect();
    let links = json!({
        "type": "object", "required": ["status", "result", "cancel"],
        "properties": {
            "status": {"type": "string"}, "result": {"type": "string"}, "cancel": {"type": "string"}
        }
    });
    json!({
        "Accepted": {
            "type": "object",
            "required": ["id", "operation_id", "status", "status_url", "links"],
            "properties": {
                "id": {"type": "string"},
                "operation_id": {"type": "string", "description": "The sample's key; same as id."},
                "status": {"type": "string"},
                "status_url": {"type": "string", "description": "The sample's key; same as Location."},
                "links": links
            }
        },
        "Operation": {
            "type": "object",
            "required": ["id", "operation_id", "name", "status", "done", "created_at", "last_updated",
                         "completed_at", "progress", "message", "custom_status", "status_url", "links"],
            "properties": {
                "id": {"type": "string"},
                "operation_id": {"type": "string"},
                "name": {"type": "string", "description": "The orchestration."},
                "status": {"type": "string", "description": format!("One of {}.", statuses.join(", "))},
                "done": {"type": "boolean"},
                "created_at": nullable_time,
                "last_updated": nullable_time,
                "completed_at": nullable_time,
                "progress": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                             "description": "From the custom status {\"progress\": 0..1, \"message\": ...}."},
                "message": {"type": ["string", "null"]},
                "custom_status": {"description": "The orchestration's custom status, as JSON."},
                "result": {"description": "The output, when Completed."},
                "error": {
                    "type": "object", "required": ["type", "message"],
                    "description": "Why it failed, when Failed.",
                    "properties": {"type": {"type": "string"}, "message": {"type": "string"}}
                },
                "terminated": {
                    "type": "object", "required": ["reason"],
                    "description": "When Terminated.",
                    "properties": {"reason": {}}
                },
                "status_url": {"type": "string"},
                "links": links
            }
        },
        "OperationList": {
            "type": "object", "required": ["items", "next_cursor", "links"],
            "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Operation"}},
                "next_cursor": {"type": ["string", "null"]},
                "links": {
                    "type": "object", "required": ["next"],
                    "properties": {"next": {"type": ["string", "null"]}}
                }
            }
        },
        "Problem": {
            "type": "object", "required": ["type", "title", "status", "detail"],
            "description": "RFC 9457 problem details.",
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "operation_id": {"type": "string"},
                "operation_status": {"type": "string"},
                "field": {"type": "string"},
                "error": {
                    "type": "object", "required": ["type", "message"],
                    "properties": {"type": {"type": "string"}, "message": {"type": "string"}}
                }
            }
        }
    })
}
