//! The README's quick start, run as written: its commands are read from the README itself, with
//! `cargo run --release --` and `target/release/dts-async` standing for the binary under test
//! (built by `cargo test`) and `<id>` for the id the first answer gave. `dev` runs on its
//! default addresses, as a new user runs it.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde_json::Value;

/// The shell commands of the README's "Quick start" section, block by block.
fn quick_start_blocks() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md");
    let section = readme
        .split("\n## ")
        .find(|section| section.starts_with("Quick start"))
        .expect("a Quick start section");
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in section.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(Vec::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), command) if !command.is_empty() => block.push(command.to_owned()),
            _ => {}
        }
    }
    blocks
}

/// The command as the test runs it: the binary under test for the README's spellings of it.
fn as_run(command: &str) -> String {
    let binary = assert_cmd::cargo::cargo_bin("dts-async");
    let binary = binary.to_str().expect("a UTF-8 path");
    command
        .replace("cargo run --release --", binary)
        .replace("target/release/dts-async", binary)
}

fn sh(command: &str) -> std::process::Output {
    Command::new("sh")
        .args(["-c", command])
        .env_remove("ENDPOINT")
        .env_remove("TASKHUB")
        .env_remove("DURABLE_TASK_SCHEDULER_CONNECTION_STRING")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `dev` in the background, stopped with SIGINT (Ctrl-C) when dropped.
struct Dev(Option<Child>);

impl Dev {
    /// Sends SIGINT, as Ctrl-C does, and waits for the exit.
    fn interrupt(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.0.take()?;
        common::signal(child.id(), "INT");
        child.wait().ok()
    }
}

impl Drop for Dev {
    fn drop(&mut self) {
        self.interrupt();
    }
}

#[test]
fn the_quick_start_works_as_written() {
    let blocks = quick_start_blocks();
    assert_eq!(
        blocks.len(),
        4,
        "the quick start has four command blocks: {blocks:?}"
    );
    assert_eq!(
        blocks[0],
        ["cargo run --release -- demo"],
        "the README's first command"
    );

    let demo = sh(&as_run(&blocks[0][0]));
    let out = text(&demo.stdout);
    assert!(
        demo.status.success(),
        "demo failed: {out}\n{}",
        text(&demo.stderr)
    );
    assert!(
        out.contains("202 Accepted") && out.contains("Location: /api/operations/"),
        "{out}"
    );
    assert!(out.contains("All operations completed"), "{out}");

    let mut child = Command::new("sh")
        .args(["-c", &format!("exec {}", as_run(&blocks[1][0]))])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("dev starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut dev = Dev(Some(child));
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.trim_start().starts_with("HTTP front door") {
                let _ = ready_tx.send(line);
            }
        }
    });
    let ready = ready_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("dev prints its front door's address");
    assert!(ready.contains("127.0.0.1:8000"), "{ready}");

    let started = sh(&blocks[2][0]);
    let reply = text(&started.stdout);
    assert!(reply.starts_with("HTTP/1.1 202"), "{reply}");
    assert!(
        reply
            .to_lowercase()
            .contains("\nlocation: /api/operations/"),
        "{reply}"
    );
    let body: Value = reply
        .lines()
        .last()
        .and_then(|line| serde_json::from_str(line).ok())
        .unwrap_or_default();
    let id = body["id"]
        .as_str()
        .expect("the answer names the operation")
        .to_owned();
    let done = sh(&blocks[2][1].replace("<id>", &id));
    let done: Value = serde_json::from_slice(&done.stdout).unwrap_or_default();
    assert_eq!(done["status"], "Completed", "{done}");
    assert_eq!(done["result"]["operation_id"], id.as_str(), "{done}");

    for command in &blocks[3] {
        let run = sh(&as_run(command));
        assert!(
            run.status.success(),
            "{command}: {}{}",
            text(&run.stdout),
            text(&run.stderr)
        );
    }
    let stopped = dev.interrupt().expect("dev was running");
    assert!(
        stopped.success(),
        "one Ctrl-C stops dev cleanly: {stopped:?}"
    );
}

/// The README's worker example is `examples/approval.rs` (built with the tests), word for word.
#[test]
fn the_worker_example_in_the_readme_is_the_compiled_example() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md");
    let shown = readme
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a Rust block in the README");
    let example = std::fs::read_to_string(common::root().join("examples/approval.rs"))
        .expect("examples/approval.rs");
    let program = example
        .split_once("\n\n")
        .map(|(_, program)| program.trim_end())
        .expect("a header comment, then the program");
    assert_eq!(shown, program, "the README shows examples/approval.rs");
}
