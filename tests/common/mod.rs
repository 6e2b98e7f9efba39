//! Test support: the Python SDK peers (a real Durable Task server and worker) as child processes
//! that die with the test, and the `dts-async` binary pointed at them.

#![allow(dead_code)]

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, ChildStdin, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

/// Sends signal `name` (`"INT"`, `"TERM"`) to process `pid`, as `kill -<name>` does; whether
/// it was delivered.
pub fn signal(pid: u32, name: &str) -> bool {
    Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .is_ok_and(|status| status.success())
}

/// The project root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The virtualenv's Python, with a clear failure when the venv was never set up.
pub fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "the Python test peers are not installed: run scripts/setup-python.sh first"
    );
    python
}

/// A child process killed (and reaped) when dropped.
pub struct ChildGuard {
    child: Child,
    // Held open: the peers exit when their stdin closes, so they never outlive the test.
    _stdin: Option<ChildStdin>,
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ChildGuard {
    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

/// Spawns `command` with piped stdin/stdout and waits for its `READY <port>` line.
pub fn spawn_ready(mut command: Command, what: &str) -> (ChildGuard, u16) {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut child = command
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {what}: {err}"));
    let stdin = child.stdin.take();
    let stdout = child.stdout.take().expect("piped stdout");
    let guard = ChildGuard {
        child,
        _stdin: stdin,
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{what} did not get ready within 60 s"));
    let port = line
        .trim()
        .strip_prefix("READY ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{what} did not print READY <port>, it printed {line:?}"));
    (guard, port)
}

/// The Python SDK's in-memory server with a Python worker hosting the test orchestrations.
pub struct PythonBackend {
    _process: ChildGuard,
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
}

impl PythonBackend {
    /// Starts the server and its worker on a free loopback port.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Starts the server only (`--no-worker`), for a worker under test.
    pub fn without_worker() -> Self {
        Self::start_with(&["--no-worker"])
    }

    fn start_with(extra: &[&str]) -> Self {
        let mut command = Command::new(python());
        command
            .arg(root().join("tests/peers/python_peer.py"))
            .args(["backend", "--port", "0"])
            .args(extra);
        let (process, port) = spawn_ready(command, "the Python peer");
        Self {
            _process: process,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    /// The `dts-async` binary pointed at this server.
    pub fn cli(&self) -> assert_cmd::Command {
        cli(&self.endpoint)
    }
}

/// The `dts-async` binary pointed at `endpoint`, with no ambient configuration, as a plain
/// process (for a test that signals it while it runs).
pub fn command(endpoint: &str) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("dts-async"));
    command
        .env("ENDPOINT", endpoint)
        .env_remove("TASKHUB")
        .env_remove("DURABLE_TASK_SCHEDULER_CONNECTION_STRING")
        .env_remove("DTS_AUTH")
        .env("NO_COLOR", "1");
    command
}

/// [`command`] for assert_cmd, which ends it after two minutes.
pub fn cli(endpoint: &str) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::from_std(command(endpoint));
    command.timeout(Duration::from_secs(120));
    command
}

/// Runs the command and parses its stdout as one JSON document.
pub fn json_of(command: &mut assert_cmd::Command) -> (i32, serde_json::Value, String) {
    let output = command.output().expect("command runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let value = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!("stdout is not one JSON document ({err}): {stdout:?}; stderr: {stderr}")
    });
    (output.status.code().unwrap_or(-1), value, stderr)
}

/// Runs one scenario of `tests/peers/sched_scenarios.py` (the Python SDK's client) against
/// `endpoint` and returns its JSON report; a gRPC error the scenario did not expect fails the test.
pub fn scenario(endpoint: &str, taskhub: &str, name: &str) -> serde_json::Value {
    let output = Command::new(python())
        .arg(root().join("tests/peers/sched_scenarios.py"))
        .args(["--endpoint", endpoint, "--taskhub", taskhub, name])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("the scenario driver runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|err| panic!("scenario {name} printed no JSON ({err}): {stdout:?}"));
    assert!(
        value.get("error").is_none() || name == "unknown_hub",
        "scenario {name} failed: {value}"
    );
    value
}
