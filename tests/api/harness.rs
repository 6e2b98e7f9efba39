//! The front door under test: served in-process on a free loopback port in front of the Python
//! SDK's in-memory server and worker, reached over real HTTP with reqwest; stopped when dropped.

// Each test binary uses a different part of the harness.
#![allow(dead_code)]

use std::{sync::Once, time::Duration};

use dts_async::{
    api::{self, ApiConfig},
    client::{Client, InstanceQuery},
    connection::{Connection, ConnectionSettings},
};
use reqwest::{Method, StatusCode, header::HeaderMap};
use serde_json::Value;
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

use crate::common::PythonBackend;

/// A running front door.
pub struct ApiServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// A client of the same backend, to check what was (not) started.
    pub client: Client,
    http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body, parsed as JSON (`Null` when empty or not JSON).
    pub body: Value,
}

impl Reply {
    /// A header's text, or "" when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// `Retry-After` in seconds.
    pub fn retry_after(&self) -> u64 {
        self.header("retry-after")
            .parse()
            .unwrap_or_else(|_| panic!("Retry-After is not whole seconds: {self:?}"))
    }

    /// Asserts this is an RFC 9457 problem with `status`.
    pub fn assert_problem(&self, status: StatusCode) {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(
            self.header("content-type"),
            api::PROBLEM_JSON,
            "error bodies are problem+json: {self:?}"
        );
        assert_eq!(self.body["status"], status.as_u16(), "{self:?}");
        for member in ["type", "title", "detail"] {
            assert!(self.body[member].is_string(), "{member} missing: {self:?}");
        }
    }
}

fn install_tls_provider() {
    static ONCE: Once = Once::new();
    // reqwest is built without a default crypto provider; plain HTTP does not need one, but the
    // client builder asks for it.
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A client of `endpoint`.
pub async fn client_of(endpoint: &str) -> Client {
    let connection = Connection::resolve(ConnectionSettings {
        endpoint: Some(endpoint.to_owned()),
        ..Default::default()
    })
    .expect("a valid endpoint");
    Client::connect(&connection)
        .await
        .expect("backend reachable")
}

impl ApiServer {
    /// Serves the front door with `config` in front of `backend`.
    pub async fn start(backend: &PythonBackend, config: ApiConfig) -> Self {
        install_tls_provider();
        let client = client_of(&backend.endpoint).await;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        let served = client.clone();
        let task = tokio::spawn(async move {
            let _ = api::serve(listener, served, config, async {
                let _ = stopped.await;
            })
            .await;
        });
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(90))
            .build()
            .expect("http client");
        Self {
            base,
            client,
            http,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Sends a request; `json` is sent as `application/json`.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the front door answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        Reply {
            status,
            headers,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, &[], None).await
    }

    /// `POST path` with a JSON body and extra headers.
    pub async fn post_json(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.send(
            Method::POST,
            path,
            &all,
            Some(body.to_string().into_bytes()),
        )
        .await
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, &[], None).await
    }

    /// Every instance in the backend, with inputs.
    pub async fn instances(&self) -> Vec<dts_async::client::InstanceState> {
        let query = InstanceQuery {
            page_size: 1000,
            with_payloads: true,
            ..Default::default()
        };
        let mut all = Vec::new();
        let mut cursor = None;
        loop {
            let page = self
                .client
                .query(&query, cursor)
                .await
                .expect("query works");
            all.extend(page.instances);
            match page.continuation {
                Some(next) => cursor = Some(next),
                None => return all,
            }
        }
    }

    /// The instances whose input carries `marker` as its `marker` field.
    pub async fn started_with_marker(&self, marker: &str) -> usize {
        self.instances()
            .await
            .iter()
            .filter(|state| {
                state
                    .input
                    .as_deref()
                    .and_then(|text| serde_json::from_str::<Value>(text).ok())
                    .is_some_and(|input| input["marker"] == marker)
            })
            .count()
    }
}

/// A fresh unique text.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

/// Config starting `orchestration`.
pub fn config_for(orchestration: &str) -> ApiConfig {
    ApiConfig {
        orchestration: orchestration.to_owned(),
        ..Default::default()
    }
}
