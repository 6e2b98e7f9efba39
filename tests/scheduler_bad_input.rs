//! Bad input on `serve-scheduler`: garbage bytes on the port, malformed and oversized requests,
//! unknown task hubs. Each is refused with a status that says why, and the server keeps running
//! with its data intact.

mod common;
mod scheduler_support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    time::Duration,
};

use scheduler_support::SchedulerProcess;
use serde_json::json;

/// Starts an echo orchestration and returns its finished state as our CLI shows it.
fn finished_echo(scheduler: &SchedulerProcess, id: &str) -> serde_json::Value {
    scheduler
        .cli()
        .args([
            "start",
            "--name",
            "echo_orchestrator",
            "--id",
            id,
            "--input",
            r#"{"keep":1}"#,
        ])
        .assert()
        .success();
    let (code, state, stderr) = common::json_of(scheduler.cli().args(["wait", id, "-o", "json"]));
    assert_eq!(code, 0, "{stderr}");
    state
}

fn status_json(scheduler: &SchedulerProcess, id: &str) -> serde_json::Value {
    let (code, state, stderr) = common::json_of(scheduler.cli().args(["status", id, "-o", "json"]));
    assert_eq!(code, 0, "{stderr}");
    state
}

#[test]
fn garbage_on_the_port_leaves_the_server_running_and_data_intact() {
    let mut scheduler = SchedulerProcess::in_memory();
    let _worker = scheduler.python_worker(Some("default"));
    let before = finished_echo(&scheduler, "kept");
    let address = format!("127.0.0.1:{}", scheduler.port);
    let mut rng = fastrand::Rng::with_seed(7);
    let preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    for round in 0..200 {
        let mut stream = TcpStream::connect(&address).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
        let mut junk: Vec<u8> = (0..rng.usize(1..4096)).map(|_| rng.u8(..)).collect();
        match round % 4 {
            // A valid HTTP/2 preface followed by garbage frames.
            0 => junk.splice(0..0, preface.iter().copied()).for_each(drop),
            // Plain HTTP/1.1.
            1 => junk = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
            _ => {}
        }
        let _ = stream.write_all(&junk);
        let mut sink = [0u8; 1024];
        let _ = stream.read(&mut sink);
    }
    assert!(
        scheduler.is_running(),
        "the scheduler died on garbage input"
    );
    assert_eq!(status_json(&scheduler, "kept")["output"], before["output"]);
    // And it still runs new work.
    assert_eq!(
        finished_echo(&scheduler, "after")["output"],
        json!({"keep": 1})
    );
}

#[test]
fn malformed_and_oversized_requests_are_refused_with_a_reason() {
    let mut scheduler = SchedulerProcess::in_memory();
    let _worker = scheduler.python_worker(Some("default"));
    let before = finished_echo(&scheduler, "kept");
    let output = std::process::Command::new(common::python())
        .arg(common::root().join("tests/peers/sched_scenarios.py"))
        .args([
            "--endpoint",
            &scheduler.endpoint,
            "--instance",
            "kept",
            "bad_input",
        ])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .expect("the driver runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON document");
    let codes = &report["codes"];
    for method in [
        "StartInstance",
        "GetInstance",
        "RaiseEvent",
        "CompleteOrchestratorTask",
        "PurgeInstances",
        "QueryInstances",
    ] {
        let code = codes[format!("garbage_{method}")].as_str().unwrap_or("OK");
        assert_ne!(code, "OK", "{method} accepted garbage: {report}");
        assert_ne!(
            code, "UNAVAILABLE",
            "{method} took the server down: {report}"
        );
    }
    assert_eq!(codes["oversized_input"], "RESOURCE_EXHAUSTED", "{report}");
    assert_eq!(codes["oversized_event"], "RESOURCE_EXHAUSTED", "{report}");
    assert_eq!(codes["id_too_long"], "INVALID_ARGUMENT", "{report}");
    assert_eq!(codes["id_reserved"], "INVALID_ARGUMENT", "{report}");
    assert_eq!(codes["empty_name"], "INVALID_ARGUMENT", "{report}");
    assert_eq!(codes["stale_token"], "FAILED_PRECONDITION", "{report}");
    assert_eq!(codes["bad_page_token"], "INVALID_ARGUMENT", "{report}");
    assert_eq!(codes["entities"], "UNIMPLEMENTED", "{report}");
    let huge = codes["huge_message"].as_str().unwrap_or("OK");
    assert!(
        huge == "RESOURCE_EXHAUSTED" || huge == "OUT_OF_RANGE",
        "a 40 MiB message was not refused: {report}"
    );
    // Nothing was created by a refused request, and the earlier data is unchanged.
    assert_eq!(report["not_created"], json!([true, true]), "{report}");
    assert!(scheduler.is_running());
    assert_eq!(status_json(&scheduler, "kept")["output"], before["output"]);
}

#[test]
fn only_the_served_task_hubs_answer_and_they_are_separate() {
    let scheduler = SchedulerProcess::start(&["--in-memory", "--taskhubs", "default,other"], 0);
    let report = scheduler.scenario_on("nope", "unknown_hub");
    assert_eq!(report["error"]["code"], "NOT_FOUND", "{report}");
    let details = report["error"]["details"].as_str().unwrap_or("");
    assert!(details.contains("default, other"), "{report}");

    let _worker = scheduler.python_worker(Some("other"));
    scheduler
        .cli()
        .args([
            "--taskhub",
            "other",
            "start",
            "--name",
            "echo_orchestrator",
            "--id",
            "h-1",
            "--input",
            "7",
        ])
        .assert()
        .success();
    let (code, state, stderr) =
        common::json_of(
            scheduler
                .cli()
                .args(["--taskhub", "other", "wait", "h-1", "-o", "json"]),
        );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(state["output"], 7);
    // The instance lives in hub "other" only.
    scheduler.cli().args(["status", "h-1"]).assert().code(5);
}
