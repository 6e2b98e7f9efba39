//! Test support for the scheduler tests: the `dts-async serve-scheduler` binary as a child
//! process (killed when dropped), the Python worker pointed at it, and the Python-client
//! scenario driver (`tests/peers/sched_scenarios.py`).

#![allow(dead_code)]

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::{Duration, Instant},
};

use crate::common::{self, ChildGuard, python, root};

/// A running `serve-scheduler` process.
pub struct SchedulerProcess {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
    /// The bound port.
    pub port: u16,
}

impl Drop for SchedulerProcess {
    /// Stops the scheduler as a service manager would (SIGTERM, so its temporary database is
    /// deleted), and kills it if it has not exited within a few seconds.
    fn drop(&mut self) {
        if !self.is_running() {
            // Reaped already (`kill9`): its id may belong to another process by now.
            return;
        }
        common::signal(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if !self.is_running() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SchedulerProcess {
    /// Starts on a free port with a temporary database.
    pub fn in_memory() -> Self {
        Self::start(&["--in-memory"], 0)
    }

    /// Starts on `port` (0: any free one) with the database file `db`.
    pub fn with_db(db: &Path, port: u16) -> Self {
        Self::start(&["--db", db.to_str().expect("utf-8 path")], port)
    }

    /// Starts with extra flags on `port`, and reads the bound address from the first line.
    pub fn start(extra: &[&str], port: u16) -> Self {
        let binary = assert_cmd::cargo::cargo_bin("dts-async");
        let mut child = Command::new(binary)
            .args(["serve-scheduler", "--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the scheduler starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(Result::ok).unwrap_or_default();
            let _ = tx.send(first);
            // Keep draining so the scheduler never blocks on a full pipe.
            for _ in lines {}
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let endpoint = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the scheduler did not print its address: {line:?}")
            })
            .to_owned();
        let port = endpoint
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the address");
        Self {
            child,
            endpoint,
            port,
        }
    }

    /// Kills the process with SIGKILL (no shutdown, no flush) and reaps it.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Our CLI pointed at this scheduler.
    pub fn cli(&self) -> assert_cmd::Command {
        common::cli(&self.endpoint)
    }

    /// A Python worker (the DTS worker with the `taskhub` header, or the plain one) hosting
    /// tests/peers/orchestrations.py.
    pub fn python_worker(&self, taskhub: Option<&str>) -> ChildGuard {
        let mut command = Command::new(python());
        command
            .arg(root().join("tests/peers/python_peer.py"))
            .args(["worker", "--endpoint", &self.endpoint]);
        if let Some(hub) = taskhub {
            command.args(["--taskhub", hub]);
        }
        common::spawn_ready(command, "the Python worker").0
    }

    /// Runs one scenario of `tests/peers/sched_scenarios.py` and returns its JSON report.
    pub fn scenario(&self, name: &str) -> serde_json::Value {
        self.scenario_on("default", name)
    }

    /// Runs a scenario with the Python client on another task hub.
    pub fn scenario_on(&self, taskhub: &str, name: &str) -> serde_json::Value {
        common::scenario(&self.endpoint, taskhub, name)
    }
}
