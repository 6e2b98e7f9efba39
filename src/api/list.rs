//! `GET /api/operations`: operations by status, creation time and id prefix, one page at a time
//! with an opaque cursor (the backend's continuation token).

use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{ApiState, problem::Problem, view};
use crate::client::{InstanceQuery, RuntimeStatus};

/// Page size when `limit` is not given.
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// Largest page: bounds the work and the reply of one request.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// The query parameters `GET /api/operations` understands; any other is refused, so that a
/// misspelt filter is an error rather than a silently unfiltered list.
const PARAMETERS: [&str; 7] = [
    "status",
    "created_from",
    "created_to",
    "prefix",
    "limit",
    "cursor",
    "payloads",
];

/// Lists operations. Query: `status` (comma-separated, e.g. `Running,Pending`), `created_from`,
/// `created_to` (RFC 3339), `prefix`, `limit` (1..=1000), `cursor` (from `next_cursor`), and
/// `payloads=true` to include results.
pub async fn list_operations(
    State(state): State<ApiState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    if let Some(unknown) = params
        .keys()
        .find(|key| !PARAMETERS.contains(&key.as_str()))
    {
        return Err(Problem::bad_request(format!(
            "unknown query parameter {unknown:?}; the list takes {}",
            PARAMETERS.join(", ")
        ))
        .with("field", json!(unknown)));
    }
    let query = InstanceQuery {
        statuses: match params.get("status") {
            Some(text) => parse_statuses(text)?,
            None => Vec::new(),
        },
        created_from: parse_time(&params, "created_from")?,
        created_to: parse_time(&params, "created_to")?,
        id_prefix: params.get("prefix").filter(|p| !p.is_empty()).cloned(),
        page_size: match params.get("limit") {
            Some(text) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "limit",
                        format!("limit must be a whole number from 1 to {MAX_PAGE_SIZE}"),
                    )
                })?,
            None => DEFAULT_PAGE_SIZE,
        },
        with_payloads: match params.get("payloads").map(String::as_str) {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(invalid("payloads", "payloads must be true or false")),
        },
    };
    let cursor = params.get("cursor").filter(|c| !c.is_empty()).cloned();
    let page = state
        .client
        .query(&query, cursor)
        .await
        .map_err(super::Problem::from_client)?;
    let next = page.continuation.as_deref().map(|token| {
        let mut pairs: Vec<(&String, &String)> =
            params.iter().filter(|(key, _)| *key != "cursor").collect();
        pairs.sort();
        let mut url = String::from("/api/operations?");
        for (key, value) in pairs {
            url.push_str(&format!(
                "{}={}&",
                view::encode_segment(key),
                view::encode_segment(value)
            ));
        }
        url.push_str(&format!("cursor={}", view::encode_segment(token)));
        url
    });
    let body = json!({
        "items": page.instances.iter().map(view::operation).collect::<Vec<Value>>(),
        "next_cursor": page.continuation,
        "links": {"next": next},
    });
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

fn parse_statuses(text: &str) -> Result<Vec<RuntimeStatus>, Problem> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<RuntimeStatus>()
                .map_err(|err| invalid("status", err))
        })
        .collect()
}

fn parse_time(
    params: &HashMap<String, String>,
    field: &'static str,
) -> Result<Option<DateTime<Utc>>, Problem> {
    params
        .get(field)
        .map(|text| {
            DateTime::parse_from_rfc3339(text.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| {
                    invalid(
                        field,
                        format!("{field} must be an RFC 3339 time such as 2026-12-03T10:00:00Z"),
                    )
                })
        })
        .transpose()
}

fn invalid(field: &'static str, detail: impl Into<String>) -> Problem {
    Problem::bad_request(detail).with("field", json!(field))
}
