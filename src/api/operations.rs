//! The operation handlers: start (with idempotency), status (with `?wait`), result, cancel, and
//! the health and not-found answers.

use std::{collections::HashMap, time::Duration};

use axum::{
    body::Body,
    extract::{Path, Query, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use serde_json::{Value, json};

use super::{
    ApiState,
    input::{check_fields, check_operation_id, idempotency_key, operation_id, read_input},
    problem::Problem,
    view,
};
use crate::client::{ClientError, InstanceState, RuntimeStatus, StartRequest};

/// The sample's default `processing_time` for `POST /api/start-operation`, in seconds.
const SAMPLE_DEFAULT_PROCESSING_SECONDS: u64 = 5;

/// How long past a `?wait` deadline we give the backend to answer before giving up ourselves.
const WAIT_GRACE: Duration = Duration::from_secs(2);

/// Set on a reply to a start request that found the operation its idempotency key had started.
const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// `POST /api/operations`: starts the operation with the body as its input.
pub async fn start(State(state): State<ApiState>, headers: HeaderMap, body: Body) -> Response {
    start_with(&state, &headers, body, false)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// `POST /api/start-operation`: the sample's route; `processing_time` defaults to 5 seconds.
pub async fn start_sample(
    State(state): State<ApiState>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    start_with(&state, &headers, body, true)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn start_with(
    state: &ApiState,
    headers: &HeaderMap,
    body: Body,
    sample_defaults: bool,
) -> Result<Response, Problem> {
    // Everything is checked before the backend is called: a rejected request starts nothing.
    let key = idempotency_key(headers)?;
    let mut input = read_input(headers, body).await?;
    check_fields(&input)?;
    if sample_defaults && !input.contains_key("processing_time") {
        input.insert(
            "processing_time".into(),
            json!(SAMPLE_DEFAULT_PROCESSING_SECONDS),
        );
    }
    let id = operation_id(key.as_deref());
    input.insert("operation_id".into(), json!(id));
    let input = Value::Object(input);
    let request = StartRequest {
        name: state.config.orchestration.clone(),
        instance_id: Some(id.clone()),
        input: Some(input.to_string()),
        ..Default::default()
    };
    match state.client.start(request).await {
        Ok(id) => {
            let wait = view::expected_duration(&input).unwrap_or_default();
            Ok(reply(
                StatusCode::ACCEPTED,
                view::accepted(&id, RuntimeStatus::Pending.as_str()),
                Some((&id, view::clamp_retry(wait))),
            ))
        }
        Err(ClientError::AlreadyExists { .. }) if key.is_some() => replay(state, &id, &input).await,
        Err(err) => Err(Problem::from_client(err)),
    }
}

/// Answers a repeated idempotency key with the operation it started, after checking the request
/// is the same one: a key reused for a different request is a client bug (422, as the IETF
/// Idempotency-Key draft says), never a silent second meaning.
async fn replay(state: &ApiState, id: &str, input: &Value) -> Result<Response, Problem> {
    let existing = state
        .client
        .get(id, true)
        .await
        .map_err(Problem::from_client)?
        .ok_or_else(|| {
            // Purged between our start and this read: the key's operation is gone for good.
            Problem::conflict(
                "idempotency-key-expired",
                "Idempotency key expired",
                "the operation this Idempotency-Key started has been purged; use a new key",
            )
        })?;
    let same_input = existing
        .input
        .as_deref()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .is_some_and(|stored| &stored == input);
    if existing.name != state.config.orchestration || !same_input {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency-key-reused",
            "Idempotency key reused",
            "this Idempotency-Key was already used with a different request; use a new key",
        )
        .with("operation_id", json!(id)));
    }
    let mut response = status_reply(&existing);
    response
        .headers_mut()
        .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    Ok(response)
}

/// `GET /api/operations/{id}`: 202 while running, 200 once terminal, 404 unknown; `?wait=N` first
/// holds the request up to N seconds (bounded by the server's maximum) for the operation to finish.
pub async fn status(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    check_operation_id(&id)?;
    let wait = match query.get("wait") {
        Some(text) => parse_wait(text)?.min(state.config.max_wait),
        None => Duration::ZERO,
    };
    let mut current = fetch(&state, &id, true).await?;
    if !current.is_terminal() && !wait.is_zero() {
        // Our own bound too, a little past the server's deadline, for servers that ignore it.
        let bounded = tokio::time::timeout(
            wait.saturating_add(WAIT_GRACE),
            state.client.wait_for_completion(&id, true, wait),
        );
        let waited = tokio::select! {
            waited = bounded => waited.ok(),
            () = state.shutting_down() => None,
        };
        current = match waited {
            Some(Ok(Some(done))) => done,
            Some(Ok(None)) => return Err(Problem::not_found(&id)),
            // Not finished in time, or the server cut the held call (peers answer an expired
            // deadline with DEADLINE_EXCEEDED or CANCELLED), or shutting down: answer with the
            // latest state; a backend that is really gone fails this read.
            Some(Err(err)) if err.is_transient() => fetch(&state, &id, true).await?,
            None => fetch(&state, &id, true).await?,
            Some(Err(err)) => return Err(Problem::from_client(err)),
        };
    }
    Ok(status_reply(&current))
}

fn parse_wait(text: &str) -> Result<Duration, Problem> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        // Longer than a Duration holds is still "as long as you allow".
        .map(|s| Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX))
        .ok_or_else(|| {
            Problem::bad_request(format!("wait must be a number of seconds, got {text:?}"))
                .with("field", json!("wait"))
        })
}

/// `GET /api/operations/{id}/result`: the output when completed; 409 otherwise.
pub async fn result(
    State(state): State<ApiState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    check_operation_id(&id)?;
    let current = fetch(&state, &id, true).await?;
    match current.runtime_status {
        Some(RuntimeStatus::Completed) => Ok(reply(
            StatusCode::OK,
            view::payload(current.output.as_deref()),
            None,
        )),
        _ if !current.is_terminal() => Err(Problem::conflict(
            "operation-not-finished",
            "Operation not finished",
            format!(
                "operation {id:?} is {}; poll its status until it is done",
                current.status_label()
            ),
        )
        .with("operation_id", json!(id))
        .with("operation_status", json!(current.status_label()))
        .with_header(header::LOCATION, location(&id))
        .with_header(
            header::RETRY_AFTER,
            seconds(view::retry_after(&current, Utc::now())),
        )),
        _ => {
            let body = view::operation(&current);
            let mut problem = Problem::conflict(
                "operation-not-completed",
                "Operation did not complete",
                format!(
                    "operation {id:?} ended as {}; it has no result",
                    current.status_label()
                ),
            )
            .with("operation_id", json!(id))
            .with("operation_status", json!(current.status_label()));
            if let Some(error) = body.get("error") {
                problem = problem.with("error", error.clone());
            }
            Err(problem)
        }
    }
}

/// `DELETE /api/operations/{id}`: terminates a running operation (202); 404 unknown, 409 finished.
pub async fn cancel(
    State(state): State<ApiState>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    check_operation_id(&id)?;
    let current = fetch(&state, &id, false).await?;
    if current.is_terminal() {
        return Err(Problem::conflict(
            "operation-finished",
            "Operation already finished",
            format!(
                "operation {id:?} already ended as {}",
                current.status_label()
            ),
        )
        .with("operation_id", json!(id))
        .with("operation_status", json!(current.status_label())));
    }
    let reason = query.get("reason").map(|text| json!(text).to_string());
    state
        .client
        .terminate(&id, reason, true)
        .await
        .map_err(Problem::from_client)?;
    Ok(reply(
        StatusCode::ACCEPTED,
        view::accepted(&id, &current.status_label()),
        Some((&id, view::MIN_RETRY_AFTER)),
    ))
}

/// `GET /healthz`: the front door answers.
pub async fn health() -> Response {
    reply(StatusCode::OK, json!({"status": "ok"}), None)
}

/// Any other route.
pub async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "Not found",
        "no such resource; see /openapi.json for the routes",
    )
}

async fn fetch(state: &ApiState, id: &str, with_payloads: bool) -> Result<InstanceState, Problem> {
    state
        .client
        .get(id, with_payloads)
        .await
        .map_err(Problem::from_client)?
        .ok_or_else(|| Problem::not_found(id))
}

/// 200 with the operation once terminal; 202 with `Location` and `Retry-After` while not.
pub(super) fn status_reply(state: &InstanceState) -> Response {
    let body = view::operation(state);
    if state.is_terminal() {
        reply(StatusCode::OK, body, None)
    } else {
        let wait = view::retry_after(state, Utc::now());
        reply(StatusCode::ACCEPTED, body, Some((&state.instance_id, wait)))
    }
}

/// A JSON reply, with `Location` and `Retry-After` when the operation is still to be polled.
fn reply(status: StatusCode, body: Value, poll: Option<(&str, Duration)>) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    // Status answers change from one poll to the next: no cache may replay one.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some((id, wait)) = poll {
        headers.insert(header::LOCATION, location(id));
        headers.insert(header::RETRY_AFTER, seconds(wait));
    }
    response
}

fn location(id: &str) -> HeaderValue {
    // The path is percent-encoded ASCII, always a valid header value.
    HeaderValue::from_str(&view::status_path(id)).unwrap_or(HeaderValue::from_static("/"))
}

fn seconds(wait: Duration) -> HeaderValue {
    HeaderValue::from(wait.as_secs())
}
