//! `dts-async demo`: the whole async request-reply pattern in one command, with nothing else
//! running. It starts the embedded scheduler (temporary database), our worker and the HTTP front
//! door in this process, submits operations through the front door as any HTTP client would,
//! follows each one by polling its `Location` (202 while running, 200 when done) with a progress
//! bar, prints the results and stops everything.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use clap::Args;
use comfy_table::Cell;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use super::{
    exit::{CliError, Exit},
    output::{print_table, table},
    runtime::on_all_cores,
    stack::{LocalStack, local_connection},
};
use crate::{
    api::{self, ApiConfig},
    client::Client,
    operation,
    scheduler::{Database, SchedulerConfig, store::SyncMode},
};

/// How often the demo polls an operation's `Location`: often enough for a smooth bar.
const POLL_INTERVAL: Duration = Duration::from_millis(200);
/// Extra time an operation gets beyond its processing time before the demo gives up on it.
const SLACK: Duration = Duration::from_secs(60);

/// Flags of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many operations to submit; operation n works for n + 1 seconds
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=10))]
    pub operations: u32,
}

/// Runs `demo`: exits 0 when every operation completed.
pub async fn run(args: DemoArgs) -> Result<Exit, CliError> {
    on_all_cores(demo(args)).await
}

async fn demo(args: DemoArgs) -> Result<Exit, CliError> {
    let mut stack = LocalStack::new();
    let outcome = async {
        let base = start_stack(&mut stack).await?;
        crate::auth::install_crypto_provider();
        let http = reqwest::Client::new();
        let mut submitted = Vec::new();
        for n in 1..=args.operations {
            submitted.push(submit(&http, &base, f64::from(n + 1)).await?);
        }
        show_idempotent_retry(&http, &base, &submitted[0]).await?;
        println!("\nFollowing them (GET the Location until it answers 200 instead of 202):");
        let results = follow_all(&http, &base, submitted).await?;
        print_results(&results);
        Ok::<_, CliError>(results)
    }
    .await;
    stack.shutdown().await?;
    let results = outcome?;
    let all_completed = results.iter().all(|r| r.body["status"] == "Completed");
    Ok(if all_completed {
        println!(
            "\nAll operations completed. Next: `dts-async dev` runs the same stack until Ctrl-C."
        );
        Exit::Success
    } else {
        Exit::Failed
    })
}

/// Starts scheduler, worker and front door on free loopback ports; returns the front door's URL.
async fn start_stack(stack: &mut LocalStack) -> Result<String, CliError> {
    let unavailable =
        |err: &dyn std::fmt::Display| CliError::new(Exit::Unavailable, err.to_string());
    let config = SchedulerConfig {
        database: Database::Temporary,
        sync: SyncMode::Off,
        ..SchedulerConfig::default()
    };
    let endpoint = stack
        .start_scheduler(config, SocketAddr::from(([127, 0, 0, 1], 0)))
        .await?;
    stack.start_worker(local_connection(&endpoint, "default")?, |builder| {
        builder.with(operation::register)
    });
    let client = Client::connect(&local_connection(&endpoint, "default")?)
        .await
        .map_err(|e| unavailable(&e))?;
    let listener = api::bind("127.0.0.1:0", false)
        .await
        .map_err(|e| unavailable(&e))?;
    let base = format!(
        "http://{}",
        listener.local_addr().map_err(|e| unavailable(&e))?
    );
    stack.start_api(listener, client, ApiConfig::default());
    println!("Started in this process, on a temporary database:");
    println!("  embedded scheduler (gRPC)  {endpoint}");
    println!(
        "  worker                     hosting {}",
        operation::ORCHESTRATOR
    );
    println!("  HTTP front door            {base}\n");
    Ok(base)
}

/// An operation the front door accepted.
struct Submitted {
    id: String,
    location: String,
    processing_time: f64,
}

async fn submit(
    http: &reqwest::Client,
    base: &str,
    processing_time: f64,
) -> Result<Submitted, CliError> {
    let body = json!({ "processing_time": processing_time }).to_string();
    println!("POST /api/operations {body}");
    let response = http
        .post(format!("{base}/api/operations"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .map_err(http_error)?;
    let status = response.status();
    let location = header_text(&response, header::LOCATION);
    let retry_after = header_text(&response, header::RETRY_AFTER);
    let reply: Value = read_json(response).await?;
    if status != StatusCode::ACCEPTED {
        return Err(unexpected(status, &reply));
    }
    println!("  -> {status}  Location: {location}  Retry-After: {retry_after}");
    Ok(Submitted {
        id: reply["id"].as_str().unwrap_or_default().to_owned(),
        location,
        processing_time,
    })
}

/// The same request again with an `Idempotency-Key`, twice: one operation, not two.
async fn show_idempotent_retry(
    http: &reqwest::Client,
    base: &str,
    first: &Submitted,
) -> Result<(), CliError> {
    let key = format!("demo-{}", first.id);
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = http
            .post(format!("{base}/api/operations"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", &key)
            .body(json!({ "processing_time": 1 }).to_string())
            .send()
            .await
            .map_err(http_error)?;
        let status = response.status();
        let reply: Value = read_json(response).await?;
        if !status.is_success() {
            return Err(unexpected(status, &reply));
        }
        ids.push((status, reply["id"].as_str().unwrap_or_default().to_owned()));
    }
    println!(
        "POST twice with Idempotency-Key: {key}\n  -> {} then {}, both operation {} (one start, not two)",
        ids[0].0, ids[1].0, ids[1].1
    );
    Ok(())
}

/// How one operation ended.
struct Followed {
    id: String,
    polls: usize,
    took: Duration,
    body: Value,
}

async fn follow_all(
    http: &reqwest::Client,
    base: &str,
    submitted: Vec<Submitted>,
) -> Result<Vec<Followed>, CliError> {
    let bars = MultiProgress::new();
    let style = ProgressStyle::with_template("{prefix:>12} [{bar:30}] {percent:>3}% {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let mut tasks = tokio::task::JoinSet::new();
    for (index, operation) in submitted.into_iter().enumerate() {
        let bar = bars.add(ProgressBar::new(1000));
        bar.set_style(style.clone());
        bar.set_prefix(shorten_id(&operation.id));
        let http = http.clone();
        let url = format!("{base}{}", operation.location);
        tasks.spawn(async move {
            follow(&http, &url, operation, bar)
                .await
                .map(|followed| (index, followed))
        });
    }
    let mut results = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let followed = joined.map_err(|err| {
            CliError::new(Exit::Unavailable, format!("a follower crashed: {err}"))
        })??;
        results.push(followed);
    }
    results.sort_by_key(|(index, _)| *index);
    Ok(results.into_iter().map(|(_, followed)| followed).collect())
}

async fn follow(
    http: &reqwest::Client,
    url: &str,
    operation: Submitted,
    bar: ProgressBar,
) -> Result<Followed, CliError> {
    let began = Instant::now();
    let give_up = Duration::from_secs_f64(operation.processing_time) + SLACK;
    let mut polls = 0;
    loop {
        let response = http.get(url).send().await.map_err(http_error)?;
        polls += 1;
        let status = response.status();
        let body: Value = read_json(response).await?;
        match status {
            StatusCode::OK => {
                bar.set_position(1000);
                bar.finish_with_message(format!(
                    "{} (200 OK)",
                    body["status"].as_str().unwrap_or("")
                ));
                return Ok(Followed {
                    id: operation.id,
                    polls,
                    took: began.elapsed(),
                    body,
                });
            }
            StatusCode::ACCEPTED => {
                let progress = body["progress"].as_f64().unwrap_or(0.0);
                bar.set_position((progress * 1000.0).round() as u64);
                let message = body["message"].as_str().unwrap_or("");
                bar.set_message(format!(
                    "{} (202) {message}",
                    body["status"].as_str().unwrap_or("")
                ));
            }
            other => return Err(unexpected(other, &body)),
        }
        if began.elapsed() > give_up {
            return Err(CliError::new(
                Exit::Timeout,
                format!(
                    "operation {} did not finish within {give_up:?}",
                    operation.id
                ),
            ));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

fn print_results(results: &[Followed]) {
    let mut out = table();
    out.set_header(vec!["operation", "status", "polls", "took", "result"]);
    for followed in results {
        let body = &followed.body;
        let outcome = match (&body["result"]["result"], &body["error"]["message"]) {
            (Value::String(result), _) => result.clone(),
            (_, Value::String(error)) => format!("error: {error}"),
            _ => body["result"].to_string(),
        };
        out.add_row(vec![
            Cell::new(&followed.id),
            Cell::new(body["status"].as_str().unwrap_or("")),
            Cell::new(format!("{} x 202, then 200", followed.polls - 1)),
            Cell::new(format!("{:.1} s", followed.took.as_secs_f64())),
            Cell::new(outcome),
        ]);
    }
    println!();
    print_table(&out);
}

fn shorten_id(id: &str) -> String {
    id.chars().take(12).collect()
}

fn header_text(response: &reqwest::Response, name: header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("(missing)")
        .to_owned()
}

async fn read_json(response: reqwest::Response) -> Result<Value, CliError> {
    let bytes = response.bytes().await.map_err(http_error)?;
    serde_json::from_slice(&bytes).map_err(|err| {
        CliError::new(
            Exit::Unavailable,
            format!("the front door answered with something other than JSON: {err}"),
        )
    })
}

fn http_error(err: reqwest::Error) -> CliError {
    CliError::new(Exit::Unavailable, format!("HTTP request failed: {err}"))
}

fn unexpected(status: StatusCode, body: &Value) -> CliError {
    CliError::new(
        Exit::Unavailable,
        format!("the front door answered {status}: {body}"),
    )
}
