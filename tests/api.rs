//! The HTTP front door as a user meets it: real HTTP requests to `serve-api`'s router on loopback,
//! in front of a real Durable Task server and worker (the Python SDK's), asserting status codes,
//! headers and bodies, and what was (not) started on the backend.

mod common;
#[path = "api/harness.rs"]
mod harness;

use std::time::Duration;

use common::PythonBackend;
use dts_async::api::ApiConfig;
use harness::{ApiServer, config_for, unique};
use reqwest::{Method, StatusCode};
use serde_json::json;

const SAMPLE: &str = "async_http_api_orchestrator";

#[tokio::test(flavor = "multi_thread")]
async fn a_running_operation_answers_202_then_202_then_200() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for(SAMPLE)).await;

    let started = api
        .post_json("/api/operations", &json!({"processing_time": 3}), &[])
        .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{started:?}");
    let id = started.body["id"].as_str().expect("an id").to_owned();
    let location = started.header("location").to_owned();
    assert_eq!(location, format!("/api/operations/{id}"));
    assert_eq!(started.body["status_url"], json!(location));
    assert_eq!(started.body["operation_id"], json!(id));
    // Retry-After comes from the declared duration: 3 s.
    assert_eq!(started.retry_after(), 3);
    assert_eq!(
        started.body["links"]["result"],
        json!(format!("{location}/result"))
    );

    let running = api.get(&location).await;
    assert_eq!(running.status, StatusCode::ACCEPTED, "{running:?}");
    assert_eq!(running.header("location"), location);
    assert!((1..=3).contains(&running.retry_after()), "{running:?}");
    assert!(
        ["Pending", "Running"].contains(&running.body["status"].as_str().unwrap()),
        "{running:?}"
    );
    assert!(running.body["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(running.body["done"], json!(false));
    assert!(running.body.get("result").is_none());

    let early = api.get(&format!("{location}/result")).await;
    early.assert_problem(StatusCode::CONFLICT);
    assert_eq!(early.header("location"), location);

    let done = api.get(&format!("{location}?wait=30")).await;
    assert_eq!(done.status, StatusCode::OK, "{done:?}");
    assert_eq!(done.body["status"], "Completed");
    assert_eq!(done.body["done"], json!(true));
    assert!(done.headers.get("retry-after").is_none());
    assert_eq!(done.body["result"]["status"], "completed");
    assert_eq!(done.body["result"]["operation_id"], json!(id));
    assert!(done.body["completed_at"].is_string());

    let result = api.get(&format!("{location}/result")).await;
    assert_eq!(result.status, StatusCode::OK);
    assert_eq!(result.body, done.body["result"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_client_flow_gets_the_sample_answers_plus_headers() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for(SAMPLE)).await;
    // The sample client: POST start-operation, then poll status_url until Completed.
    let started = api
        .post_json("/api/start-operation", &json!({"processing_time": 1}), &[])
        .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{started:?}");
    let operation_id = started.body["operation_id"].as_str().unwrap().to_owned();
    let status_url = started.body["status_url"].as_str().unwrap().to_owned();
    assert_eq!(status_url, format!("/api/operations/{operation_id}"));
    assert_eq!(started.header("location"), status_url);
    assert!(started.retry_after() >= 1);
    // The sample's ids are UUIDs in their hyphenated form.
    assert!(uuid::Uuid::parse_str(&operation_id).is_ok());

    let done = loop {
        let reply = api.get(&status_url).await;
        if reply.body["status"] == "Completed" {
            break reply;
        }
        assert_eq!(reply.status, StatusCode::ACCEPTED, "{reply:?}");
        assert!(reply.body["last_updated"].is_string(), "{reply:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.body["operation_id"], json!(operation_id));
    let result = &done.body["result"];
    assert_eq!(result["operation_id"], json!(operation_id));
    assert_eq!(result["status"], "completed");
    assert_eq!(
        result["result"],
        json!(format!("Operation {operation_id} completed successfully"))
    );
    assert!(result["processed_at"].as_f64().unwrap() > 1.7e9);

    // The sample's default processing_time is 5 seconds.
    let defaulted = api.post_json("/api/start-operation", &json!({}), &[]).await;
    assert_eq!(defaulted.status, StatusCode::ACCEPTED);
    assert_eq!(defaulted.retry_after(), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn progress_from_the_custom_status_is_reported_while_running() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for("progress_orchestrator")).await;
    let started = api
        .post_json(
            "/api/operations",
            &json!({"steps": 3, "step_seconds": 1}),
            &[],
        )
        .await;
    assert_eq!(started.status, StatusCode::ACCEPTED);
    let location = started.header("location").to_owned();
    let mut seen = Vec::new();
    let done = loop {
        let reply = api.get(&location).await;
        if reply.status == StatusCode::OK {
            break reply;
        }
        if let Some(progress) = reply.body["progress"].as_f64() {
            seen.push((progress, reply.body["message"].clone()));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    };
    assert!(
        seen.iter()
            .any(|(p, m)| *p > 0.0 && *p < 1.0 && m.as_str().unwrap().starts_with("step ")),
        "progress below 1 seen while running: {seen:?}"
    );
    assert_eq!(done.body["result"], json!({"steps": 3}));
    assert_eq!(done.body["progress"], json!(1.0));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeated_idempotency_key_starts_exactly_one_operation() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for(SAMPLE)).await;
    let marker = unique("idem");
    let body = json!({"processing_time": 2, "marker": marker});
    let key = unique("key");

    // Ten racing requests with one key, then a late retry.
    let key_header = [("idempotency-key", key.as_str())];
    let racing = (0..10).map(|_| api.post_json("/api/operations", &body, &key_header));
    let replies = futures_join_all(racing).await;
    let ids: Vec<&str> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::ACCEPTED, "{r:?}");
            r.body["id"].as_str().unwrap()
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert!(
        replies
            .iter()
            .filter(|r| r.header("idempotent-replayed") == "true")
            .count()
            >= 9,
        "all but the first are replays"
    );
    let retry = api
        .post_json("/api/operations", &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(retry.body["id"], json!(ids[0]));
    assert_eq!(api.started_with_marker(&marker).await, 1);

    // Once finished, the same key answers 200 with the finished operation.
    let location = retry.header("location").to_owned();
    assert_eq!(
        api.get(&format!("{location}?wait=30")).await.status,
        StatusCode::OK
    );
    let after = api
        .post_json("/api/operations", &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(after.status, StatusCode::OK, "{after:?}");
    assert_eq!(after.body["status"], "Completed");
    assert_eq!(after.header("idempotent-replayed"), "true");

    // The key with a different body is refused, and starts nothing.
    let other = json!({"processing_time": 7, "marker": marker});
    let reused = api
        .post_json("/api/operations", &other, &[("idempotency-key", &key)])
        .await;
    reused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(api.started_with_marker(&marker).await, 1);

    // A different key is a different operation.
    let fresh = api
        .post_json(
            "/api/operations",
            &body,
            &[("idempotency-key", &unique("key"))],
        )
        .await;
    assert_ne!(fresh.body["id"], json!(ids[0]));
    assert_eq!(api.started_with_marker(&marker).await, 2);
}

async fn futures_join_all<F: std::future::Future<Output = harness::Reply> + Send>(
    futures: impl Iterator<Item = F>,
) -> Vec<harness::Reply> {
    // Polled together on one task: the requests are in flight at once.
    let mut pending: Vec<_> = futures.map(|f| Some(Box::pin(f))).collect();
    let mut outputs: Vec<Option<harness::Reply>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (slot, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if let Some(future) = slot {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(reply) => {
                        *output = Some(reply);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_terminates_a_running_operation() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for("long_timer_orchestrator")).await;
    let started = api
        .post_json("/api/operations", &json!({"seconds": 3600}), &[])
        .await;
    let location = started.header("location").to_owned();
    let canceled = api
        .send(
            Method::DELETE,
            &format!("{location}?reason=no%20longer%20needed"),
            &[],
            None,
        )
        .await;
    assert_eq!(canceled.status, StatusCode::ACCEPTED, "{canceled:?}");
    assert_eq!(canceled.header("location"), location);

    let ended = api.get(&format!("{location}?wait=30")).await;
    assert_eq!(ended.status, StatusCode::OK, "{ended:?}");
    assert_eq!(ended.body["status"], "Terminated");
    assert_eq!(ended.body["terminated"]["reason"], "no longer needed");
    api.get(&format!("{location}/result"))
        .await
        .assert_problem(StatusCode::CONFLICT);

    api.delete(&location)
        .await
        .assert_problem(StatusCode::CONFLICT);
    api.delete("/api/operations/no-such-operation")
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_operation_reports_type_and_message_but_no_stack_trace() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for("failing_orchestrator")).await;
    let started = api.post_json("/api/operations", &json!({}), &[]).await;
    let location = started.header("location").to_owned();
    let failed = api.get(&format!("{location}?wait=30")).await;
    assert_eq!(failed.status, StatusCode::OK, "{failed:?}");
    assert_eq!(failed.body["status"], "Failed");
    let error = &failed.body["error"];
    assert!(error["type"].as_str().unwrap().contains("Error"), "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("boom"),
        "{error}"
    );
    let text = failed.body.to_string();
    assert!(
        !text.contains("Traceback") && !text.contains(".py\""),
        "{text}"
    );
    let result = api.get(&format!("{location}/result")).await;
    result.assert_problem(StatusCode::CONFLICT);
    assert_eq!(result.body["error"], *error);
}

/// What is wrong, the request headers, the body, and the status it must get.
type BadCase<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<u8>, StatusCode);

#[tokio::test(flavor = "multi_thread")]
async fn every_bad_input_gets_its_4xx_and_starts_nothing() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for(SAMPLE)).await;
    let json_type = ("content-type", "application/json");
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(1024 * 1024));
    let long_key = "k".repeat(256);
    let cases: Vec<BadCase> = vec![
        (
            "JSON without a type",
            vec![],
            b"{}".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "text",
            vec![("content-type", "text/plain")],
            b"{}".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "form",
            vec![("content-type", "application/x-www-form-urlencoded")],
            b"a=1".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "broken JSON",
            vec![json_type],
            b"{\"processing_time\": ".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "an array",
            vec![json_type],
            b"[1, 2]".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a negative time",
            vec![json_type],
            br#"{"processing_time": -1}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a text time",
            vec![json_type],
            br#"{"processing_time": "5"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a chosen operation_id",
            vec![json_type],
            br#"{"operation_id": "mine"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a key too long",
            vec![json_type, ("idempotency-key", &long_key)],
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "over 1 MiB",
            vec![json_type],
            big.into_bytes(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for route in ["/api/operations", "/api/start-operation"] {
        for (what, headers, body, status) in &cases {
            let reply = api
                .send(Method::POST, route, headers, Some(body.clone()))
                .await;
            assert_eq!(reply.status, *status, "{what} on {route}: {reply:?}");
            reply.assert_problem(*status);
        }
    }
    for (path, status) in [
        ("/api/operations?limit=0", StatusCode::BAD_REQUEST),
        ("/api/operations?status=Done", StatusCode::BAD_REQUEST),
        (
            "/api/operations?created_from=yesterday",
            StatusCode::BAD_REQUEST,
        ),
        // A misspelt filter is refused, not ignored into an unfiltered list.
        (
            "/api/operations?created_after=2026-01-01T00:00:00Z",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/operations/x?wait=soon", StatusCode::BAD_REQUEST),
        ("/api/operations/%40entity", StatusCode::BAD_REQUEST),
        ("/api/operations/unknown-id", StatusCode::NOT_FOUND),
        ("/api/operations/unknown-id/result", StatusCode::NOT_FOUND),
        ("/api/nothing-here", StatusCode::NOT_FOUND),
    ] {
        api.get(path).await.assert_problem(status);
    }
    let wrong_method = api.send(Method::PUT, "/api/operations", &[], None).await;
    wrong_method.assert_problem(StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.header("allow").contains("POST"));
    assert!(api.instances().await.is_empty(), "nothing was started");
}

#[tokio::test(flavor = "multi_thread")]
async fn operations_are_listed_with_filters_and_paging() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for("echo_orchestrator")).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let started = api
            .post_json("/api/operations", &json!({"n": n}), &[])
            .await;
        let location = started.header("location").to_owned();
        assert_eq!(
            api.get(&format!("{location}?wait=30")).await.status,
            StatusCode::OK
        );
        ids.push(started.body["id"].as_str().unwrap().to_owned());
    }
    let mut listed = Vec::new();
    let mut path = "/api/operations?status=Completed&limit=2".to_owned();
    loop {
        let page = api.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{page:?}");
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        for item in items {
            assert_eq!(item["status"], "Completed");
            listed.push(item["id"].as_str().unwrap().to_owned());
        }
        match page.body["links"]["next"].as_str() {
            Some(next) => path = next.to_owned(),
            None => break,
        }
    }
    listed.sort();
    ids.sort();
    assert_eq!(listed, ids);
    let running = api.get("/api/operations?status=Running,Pending").await;
    assert_eq!(running.body["items"], json!([]));
    let with_results = api.get("/api/operations?payloads=true&limit=10").await;
    assert!(
        with_results.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|item| item["result"]["n"].is_number()),
        "{with_results:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_api_key_is_required_when_configured() {
    let backend = PythonBackend::start();
    let config = ApiConfig {
        api_key: Some("s3cret-key".into()),
        ..config_for(SAMPLE)
    };
    let api = ApiServer::start(&backend, config).await;
    let body = br#"{"processing_time": 0}"#.to_vec();
    let json_type = ("content-type", "application/json");
    for headers in [
        vec![json_type],
        vec![json_type, ("authorization", "Bearer wrong")],
    ] {
        let refused = api
            .send(
                Method::POST,
                "/api/operations",
                &headers,
                Some(body.clone()),
            )
            .await;
        refused.assert_problem(StatusCode::UNAUTHORIZED);
        assert!(refused.header("www-authenticate").starts_with("Bearer"));
    }
    assert!(api.instances().await.is_empty());
    let accepted = api
        .send(
            Method::POST,
            "/api/operations",
            &[json_type, ("authorization", "Bearer s3cret-key")],
            Some(body),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED);
    // Probes and tools need no key.
    assert_eq!(api.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(api.get("/openapi.json").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn wait_is_bounded_by_the_server_maximum() {
    let backend = PythonBackend::start();
    let config = ApiConfig {
        max_wait: Duration::from_secs(1),
        ..config_for("long_timer_orchestrator")
    };
    let api = ApiServer::start(&backend, config).await;
    let started = api
        .post_json("/api/operations", &json!({"seconds": 3600}), &[])
        .await;
    let location = started.header("location").to_owned();
    // Asks for an hour; the server's bound answers it (still running) instead.
    let held = api.get(&format!("{location}?wait=3600")).await;
    assert_eq!(held.status, StatusCode::ACCEPTED, "{held:?}");
    assert_eq!(held.header("location"), location);
    api.delete(&location).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_backend_gives_503_without_its_address() {
    let backend = PythonBackend::start();
    let api = ApiServer::start(&backend, config_for(SAMPLE)).await;
    let address = backend.endpoint.trim_start_matches("http://").to_owned();
    drop(backend);
    let reply = api
        .post_json("/api/operations", &json!({"processing_time": 1}), &[])
        .await;
    reply.assert_problem(StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.headers.get("retry-after").is_some());
    let port = address.rsplit(':').next().unwrap();
    assert!(!reply.body.to_string().contains(port), "{:?}", reply.body);
    assert_eq!(api.get("/healthz").await.body, json!({"status": "ok"}));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_served_openapi_document_is_the_generated_one() {
    let backend = PythonBackend::without_worker();
    let api = ApiServer::start(&backend, ApiConfig::default()).await;
    let served = api.get("/openapi.json").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.body, dts_async::api::openapi::document());
    assert_eq!(served.body["openapi"], "3.1.0");
    let paths: Vec<&String> = served.body["paths"].as_object().unwrap().keys().collect();
    for path in [
        "/api/operations",
        "/api/start-operation",
        "/api/operations/{id}",
        "/healthz",
    ] {
        assert!(paths.iter().any(|p| *p == path), "{path} documented");
    }
}

#[test]
fn serve_api_refuses_to_listen_beyond_loopback_unless_asked() {
    let out = common::cli("http://127.0.0.1:1")
        .args(["serve-api", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-remote"), "{stderr}");
}
