//! The client CLI as a user runs it: a process against a real Durable Task server (the Python
//! SDK's in-memory backend) with a real Python worker, asserting outputs and exit codes.

mod common;

use std::time::{Duration, Instant};

use common::{PythonBackend, cli, json_of};
use predicates::prelude::*;
use serde_json::{Value, json};

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

#[test]
fn the_sample_operation_completes_with_its_result() {
    let peer = PythonBackend::start();
    let id = unique("op");
    let (code, state, _) = json_of(peer.cli().args([
        "-o",
        "json",
        "start",
        "--processing-time",
        "1",
        "--id",
        &id,
        "--wait",
    ]));
    assert_eq!(code, 0);
    assert_eq!(state["runtime_status"], "Completed");
    assert_eq!(state["name"], "async_http_api_orchestrator");
    let output = &state["output"];
    assert_eq!(output["operation_id"], json!(id));
    assert_eq!(output["status"], "completed");
    assert_eq!(
        output["result"],
        json!(format!("Operation {id} completed successfully"))
    );
    assert!(output["processed_at"].as_f64().unwrap() > 1.7e9);
    // Text output of `wait` is the result itself, for scripts.
    peer.cli()
        .args(["wait", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("completed successfully"));
}

#[test]
fn start_prints_the_id_and_status_shows_the_instance() {
    let peer = PythonBackend::start();
    let out = peer
        .cli()
        .args([
            "start",
            "--name",
            "echo_orchestrator",
            "--input",
            r#"{"hello": "world"}"#,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(id.len(), 32, "a fresh id is printed alone: {id:?}");
    peer.cli().args(["wait", &id]).assert().success();
    let (code, state, _) = json_of(peer.cli().args(["status", &id, "-o", "json"]));
    assert_eq!(code, 0);
    assert_eq!(state["input"], json!({"hello": "world"}));
    assert_eq!(state["output"], json!({"hello": "world"}));
    assert!(state["created_at"].as_str().unwrap().ends_with('Z'));
    peer.cli()
        .args(["status", &id, "--show-output"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Completed").and(predicate::str::contains("world")));
}

#[test]
fn a_failed_orchestration_exits_1_with_the_failure_on_stderr() {
    let peer = PythonBackend::start();
    let id = unique("fail");
    peer.cli()
        .args([
            "start",
            "--name",
            "failing_orchestrator",
            "--input",
            r#""x""#,
            "--id",
            &id,
        ])
        .assert()
        .success();
    let assert = peer
        .cli()
        .args(["wait", &id, "-o", "json"])
        .assert()
        .code(1);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("boom"),
        "failure message on stderr: {stderr}"
    );
    let state: Value = serde_json::from_slice(&output.stdout).expect("JSON still on stdout");
    assert_eq!(state["runtime_status"], "Failed");
    assert!(
        state["failure"]["message"]
            .as_str()
            .unwrap()
            .contains("boom")
    );
}

#[test]
fn terminate_then_wait_exits_3() {
    let peer = PythonBackend::start();
    let id = unique("term");
    peer.cli()
        .args([
            "start",
            "--name",
            "long_timer_orchestrator",
            "--input",
            r#"{"seconds": 3600}"#,
            "--id",
            &id,
        ])
        .assert()
        .success();
    peer.cli()
        .args(["terminate", &id, "--reason", "no longer needed"])
        .assert()
        .success();
    let (code, state, _) =
        json_of(
            peer.cli()
                .args(["wait", &id, "-o", "json", "--timeout", "30s"]),
        );
    assert_eq!(code, 3);
    assert_eq!(state["runtime_status"], "Terminated");
    assert_eq!(state["output"], "no longer needed");
}

#[test]
fn wait_times_out_with_4_and_leaves_the_instance_running() {
    let peer = PythonBackend::start();
    let id = unique("slow");
    peer.cli()
        .args([
            "start",
            "--name",
            "long_timer_orchestrator",
            "--input",
            r#"{"seconds": 3600}"#,
            "--id",
            &id,
        ])
        .assert()
        .success();
    let started = Instant::now();
    peer.cli()
        .args(["wait", &id, "--timeout", "1"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("still"));
    assert!(started.elapsed() < Duration::from_secs(20));
    let (_, state, _) = json_of(peer.cli().args(["status", &id, "-o", "json"]));
    assert_eq!(state["runtime_status"], "Running");
}

#[test]
fn unknown_ids_exit_5() {
    let peer = PythonBackend::start();
    for command in [
        &["status", "no-such-id"][..],
        &["wait", "no-such-id"],
        &["terminate", "no-such-id"],
    ] {
        peer.cli()
            .args(command)
            .assert()
            .code(5)
            .stderr(predicate::str::contains("no-such-id"));
    }
}

#[test]
fn nothing_listening_exits_6_quickly_naming_the_endpoint() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let endpoint = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    cli(&endpoint)
        .args(["status", "anything"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains(endpoint.as_str()));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn duplicate_ids_exit_7_unless_reused() {
    let peer = PythonBackend::start();
    let id = unique("dup");
    let start = |extra: &[&str]| {
        let mut command = peer.cli();
        command.args([
            "start",
            "--name",
            "long_timer_orchestrator",
            "--input",
            r#"{"seconds": 3600}"#,
            "--id",
            &id,
        ]);
        command.args(extra);
        command
    };
    start(&[]).assert().success();
    start(&[])
        .assert()
        .code(7)
        .stderr(predicate::str::contains("--reuse-existing"));
    start(&["--reuse-existing"])
        .assert()
        .success()
        .stdout(predicate::str::contains(id.as_str()));
}

#[test]
fn bad_input_exits_2_and_starts_nothing() {
    let peer = PythonBackend::start();
    let id = unique("bad");
    peer.cli()
        .args(["start", "--id", &id, "--input", "{not json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid JSON"));
    let long_id = "x".repeat(101);
    peer.cli()
        .args(["start", "--id", &long_id, "--processing-time", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("100"));
    let big = format!("\"{}\"", "x".repeat(1024 * 1024 + 1));
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), big).unwrap();
    peer.cli()
        .args([
            "start",
            "--id",
            &id,
            "--input",
            &format!("@{}", file.path().display()),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 MiB"));
    peer.cli().args(["start", "--bogus-flag"]).assert().code(2);
    // Nothing was started under either id.
    peer.cli().args(["status", &id]).assert().code(5);
    let (_, listed, _) = json_of(peer.cli().args(["list", "-o", "json", "--prefix", "bad-"]));
    assert_eq!(listed, json!([]));
}

#[test]
fn wait_streams_progress_changes_as_json_lines() {
    let peer = PythonBackend::start();
    let id = unique("progress");
    peer.cli()
        .args([
            "start",
            "--name",
            "progress_orchestrator",
            "--input",
            r#"{"steps": 3, "step_seconds": 1}"#,
            "--id",
            &id,
        ])
        .assert()
        .success();
    let output = peer
        .cli()
        .args(["wait", &id, "-o", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let progress: Vec<f64> = lines
        .iter()
        .filter(|line| line["event"] == "status")
        .filter_map(|line| line["custom_status"]["progress"].as_f64())
        .collect();
    assert!(
        progress.len() >= 2,
        "several progress changes observed: {lines:?}"
    );
    assert!(
        progress.windows(2).all(|w| w[0] < w[1]),
        "progress only grows: {progress:?}"
    );
    let last = lines.last().unwrap();
    assert_eq!(last["event"], "outcome");
    assert_eq!(last["outcome"], "completed");
    assert_eq!(last["output"], json!({"steps": 3}));
}

#[test]
fn events_reach_a_waiting_orchestration() {
    let peer = PythonBackend::start();
    let id = unique("event");
    peer.cli()
        .args(["start", "--name", "event_orchestrator", "--id", &id])
        .assert()
        .success();
    peer.cli()
        .args(["raise-event", &id, "approval", "--data", r#""yes""#])
        .assert()
        .success();
    let (code, state, _) =
        json_of(
            peer.cli()
                .args(["wait", &id, "-o", "json", "--timeout", "30s"]),
        );
    assert_eq!(code, 0);
    assert_eq!(state["output"], json!({"approved": "yes"}));
}

#[test]
fn suspend_and_resume() {
    let peer = PythonBackend::start();
    let id = unique("suspend");
    peer.cli()
        .args(["start", "--name", "event_orchestrator", "--id", &id])
        .assert()
        .success();
    let status = |peer: &PythonBackend| {
        let (_, state, _) = json_of(peer.cli().args(["status", &id, "-o", "json"]));
        state["runtime_status"].as_str().unwrap().to_owned()
    };
    let eventually = |want: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while status(&peer) != want {
            assert!(Instant::now() < deadline, "never became {want}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    eventually("Running");
    peer.cli()
        .args(["suspend", &id, "--reason", "maintenance"])
        .assert()
        .success();
    eventually("Suspended");
    peer.cli().args(["resume", &id]).assert().success();
    eventually("Running");
    peer.cli()
        .args(["raise-event", &id, "approval", "--data", "1"])
        .assert()
        .success();
    peer.cli()
        .args(["wait", &id, "--timeout", "30s"])
        .assert()
        .success();
}

#[test]
fn list_filters_and_pages_and_history_shows_the_events() {
    let peer = PythonBackend::start();
    let prefix = unique("batch");
    for n in 0..5 {
        peer.cli()
            .args([
                "start",
                "--name",
                "echo_orchestrator",
                "--input",
                &n.to_string(),
                "--id",
                &format!("{prefix}-{n}"),
            ])
            .assert()
            .success();
    }
    for n in 0..5 {
        peer.cli()
            .args(["wait", &format!("{prefix}-{n}")])
            .assert()
            .success();
    }
    let (_, all, _) = json_of(
        peer.cli()
            .args(["list", "-o", "json", "--prefix", &prefix, "--limit", "0"]),
    );
    assert_eq!(all.as_array().unwrap().len(), 5);
    let (_, some, _) = json_of(
        peer.cli()
            .args(["list", "-o", "json", "--prefix", &prefix, "--limit", "2"]),
    );
    assert_eq!(some.as_array().unwrap().len(), 2);
    let (_, failed, _) = json_of(peer.cli().args([
        "list", "-o", "json", "--prefix", &prefix, "--status", "failed",
    ]));
    assert_eq!(failed, json!([]));
    peer.cli()
        .args(["list", "--prefix", &prefix])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(format!("{prefix}-4"))
                .and(predicate::str::contains("Completed")),
        );

    let (_, events, _) =
        json_of(
            peer.cli()
                .args(["history", &format!("{prefix}-0"), "-o", "json"]),
        );
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"ExecutionStarted"), "{kinds:?}");
    assert!(kinds.contains(&"ExecutionCompleted"), "{kinds:?}");

    peer.cli()
        .args(["purge", &format!("{prefix}-0")])
        .assert()
        .success()
        .stdout(predicate::str::contains("purged 1"));
    peer.cli()
        .args(["status", &format!("{prefix}-0")])
        .assert()
        .code(5);
}

#[test]
fn help_documents_the_exit_codes() {
    cli("http://127.0.0.1:1")
        .arg("--help")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Exit codes").and(predicate::str::contains("wait timed out")),
        );
}

/// `wait` on a long instance, as a process that the test can interrupt like Ctrl-C does.
fn interrupted_wait(peer: &PythonBackend, id: &str, extra: &[&str]) -> std::process::Output {
    let child = common::command(&peer.endpoint)
        .args(["wait", id])
        .args(extra)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("wait starts");
    // Long enough for `wait` to be blocked in its call, far shorter than the instance.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(common::signal(child.id(), "INT"), "SIGINT delivered");
    child.wait_with_output().expect("wait exits")
}

#[test]
fn ctrl_c_detaches_with_130_and_cancels_only_when_asked() {
    let peer = PythonBackend::start();
    for (extra, status_after) in [
        (&[][..], "Running"),
        (&["--cancel-on-interrupt"][..], "Terminated"),
    ] {
        let id = unique("interrupted");
        peer.cli()
            .args(["start", "--name", "long_timer_orchestrator", "--id", &id])
            .args(["--input", r#"{"seconds": 3600}"#])
            .assert()
            .success();
        let output = interrupted_wait(&peer, &id, extra);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{extra:?}: {stderr}");
        assert!(stderr.contains("interrupted"), "says so: {stderr}");
        let mut status = Value::Null;
        for _ in 0..50 {
            let (_, state, _) = json_of(peer.cli().args(["status", &id, "-o", "json"]));
            status = state["runtime_status"].clone();
            if status == status_after {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(status, status_after, "{extra:?}");
    }
}

#[test]
fn no_progress_bar_is_drawn_when_stderr_is_not_a_terminal() {
    let peer = PythonBackend::start();
    let id = unique("quiet");
    peer.cli()
        .args(["start", "--name", "progress_orchestrator", "--id", &id])
        .args(["--input", r#"{"steps": 3, "step_seconds": 1}"#])
        .assert()
        .success();
    let output = peer.cli().args(["wait", &id]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "no bar, spinner or escape codes in a pipe: {stderr:?}"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&output.stdout).ok(),
        Some(json!({"steps": 3})),
        "stdout is the result alone"
    );
}
