//! Errors as `application/problem+json` (RFC 9457): one type every handler returns, the mapping
//! from client errors to HTTP statuses, and a layer that turns any other error response (an
//! unknown route, a wrong method, a malformed query) into the same shape.

use axum::{
    body::{Body, to_bytes},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Value, json};

use crate::client::ClientError;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The prefix of our problem `type` URIs; relative, so nothing points at a host we do not own.
const TYPE_PREFIX: &str = "/problems/";

/// An HTTP error with its RFC 9457 body.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The status code.
    pub status: StatusCode,
    /// A short machine-readable kind, e.g. `invalid-input`; becomes `type: /problems/<kind>`.
    pub kind: &'static str,
    /// A short human title for the kind.
    pub title: &'static str,
    /// What went wrong in this case and what to do.
    pub detail: String,
    /// Extra members (e.g. `operation_id`).
    pub extra: Vec<(&'static str, Value)>,
    /// Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`).
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl Problem {
    /// A problem with the given status, kind, title and detail.
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            kind,
            title,
            detail: detail.into(),
            extra: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// 400: the request's content is invalid.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-request",
            "Invalid request",
            detail,
        )
    }

    /// 404: no operation has that id.
    pub fn not_found(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "operation-not-found",
            "Operation not found",
            format!("no operation has the id {id:?}"),
        )
        .with("operation_id", json!(id))
    }

    /// 409: the operation's state forbids the request.
    pub fn conflict(kind: &'static str, title: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, kind, title, detail)
    }

    /// Adds a member to the body.
    pub fn with(mut self, key: &'static str, value: Value) -> Self {
        self.extra.push((key, value));
        self
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Maps a client error. Transport and server failures are reported without their details: the
    /// details name the backend and may carry what a caller should not see; they go to the log.
    pub fn from_client(err: ClientError) -> Self {
        match err {
            ClientError::Limit(limit) => Self::bad_request(limit.to_string()),
            ClientError::InvalidJson { .. } | ClientError::Rejected(_) => {
                Self::bad_request(err.to_string())
            }
            ClientError::NotFound { instance_id, .. } => Self::not_found(&instance_id),
            ClientError::AlreadyExists { instance_id, .. } => Self::conflict(
                "operation-exists",
                "Operation exists",
                format!("an operation with the id {instance_id:?} already exists"),
            ),
            ClientError::FailedPrecondition(message) => {
                Self::conflict("operation-state", "Operation state conflict", message)
            }
            ClientError::DeadlineExceeded
            | ClientError::Unavailable { .. }
            | ClientError::Connection(_)
            | ClientError::Unauthenticated { .. }
            | ClientError::Server { .. } => {
                tracing::warn!(error = %err, "Durable Task backend call failed");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "backend-unavailable",
                    "Backend unavailable",
                    "the Durable Task backend did not answer; try again later",
                )
                .with_header(header::RETRY_AFTER, HeaderValue::from_static("5"))
            }
        }
    }

    /// The body as a JSON value.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "type": format!("{TYPE_PREFIX}{}", self.kind),
            "title": self.title,
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let Value::Object(map) = &mut body {
            for (key, value) in &self.extra {
                map.insert((*key).to_owned(), value.clone());
            }
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body().to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        for (name, value) in self.headers {
            headers.insert(name, value);
        }
        response
    }
}

/// Largest error body from a framework rejection that is kept as the problem's detail.
const MAX_REJECTION_TEXT: usize = 4096;

/// Turns every error response that is not already problem+json (axum's own rejections: unknown
/// route, method not allowed, malformed query or path) into one, keeping its status and headers
/// such as `Allow`.
pub async fn problem_for_rejections(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_REJECTION_TEXT)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let (kind, title, detail) = match status {
        StatusCode::NOT_FOUND => (
            "not-found",
            "Not found",
            "no such resource; see /openapi.json for the routes".to_owned(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            "Method not allowed",
            "this resource does not accept that method; see the Allow header".to_owned(),
        ),
        _ if status.is_server_error() => (
            "internal-error",
            "Internal error",
            "the server failed to answer".to_owned(),
        ),
        _ => (
            "invalid-request",
            "Invalid request",
            if text.is_empty() {
                status
                    .canonical_reason()
                    .unwrap_or("invalid request")
                    .to_owned()
            } else {
                text
            },
        ),
    };
    let problem = Problem::new(status, kind, title, detail);
    let mut rebuilt = Response::from_parts(parts, Body::from(problem.body().to_string()));
    rebuilt
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    rebuilt.headers_mut().remove(header::CONTENT_LENGTH);
    rebuilt
}
