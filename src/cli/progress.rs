//! What `wait` shows while it waits: a progress bar or spinner on a terminal, a JSON line per
//! change for `-o jsonl`, or nothing.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::output::{Progress, payload, print_json, progress_of};
use crate::client::InstanceState;

/// How often the display is refreshed from the server while waiting.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Shows what `wait` observes.
pub enum Display {
    /// Nothing is shown (not a terminal, and no change stream asked for).
    Quiet,
    /// One JSON line per observed change on stdout.
    Changes {
        /// The last (status, custom status) printed.
        last: Option<(String, Option<String>)>,
    },
    /// A bar (determinate from reported progress) or a spinner on stderr.
    Bar(Box<BarDisplay>),
}

impl Display {
    /// Picks the display: `jsonl` gets the change stream; a terminal on stderr gets the bar.
    pub fn choose(jsonl: bool, stderr_tty: bool) -> Self {
        if jsonl {
            Self::Changes { last: None }
        } else if stderr_tty {
            Self::Bar(Box::new(BarDisplay::new()))
        } else {
            Self::Quiet
        }
    }

    /// Whether the display wants regular updates (so `wait` should poll for them).
    pub fn wants_updates(&self) -> bool {
        !matches!(self, Self::Quiet)
    }

    /// Shows a newly observed state.
    pub fn observe(&mut self, state: &InstanceState) {
        match self {
            Self::Quiet => {}
            Self::Changes { last } => {
                let key = (state.status_label(), state.custom_status.clone());
                if last.as_ref() != Some(&key) {
                    print_json(
                        &json!({
                            "event": "status",
                            "instance_id": state.instance_id,
                            "runtime_status": key.0,
                            "custom_status": payload(key.1.as_deref()),
                            "observed_at": chrono::Utc::now()
                                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                        }),
                        false,
                    );
                    *last = Some(key);
                }
            }
            Self::Bar(bar) => bar.observe(state),
        }
    }

    /// Removes the bar before the outcome is printed.
    pub fn finish(&mut self) {
        if let Self::Bar(bar) = self {
            bar.bar.finish_and_clear();
        }
    }
}

/// The terminal bar, and what it needs to show a rate of progress.
pub struct BarDisplay {
    bar: ProgressBar,
    determinate: bool,
    first: Option<(Instant, f64)>,
}

const BAR_SCALE: u64 = 1000;

impl BarDisplay {
    fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(spinner_style());
        bar.enable_steady_tick(Duration::from_millis(120));
        Self {
            bar,
            determinate: false,
            first: None,
        }
    }

    fn observe(&mut self, state: &InstanceState) {
        let status = state.status_label();
        match progress_of(state.custom_status.as_deref()) {
            Some(progress) => self.show_progress(&status, &progress),
            None => {
                if self.determinate {
                    self.bar.set_style(spinner_style());
                    self.determinate = false;
                }
                self.bar
                    .set_message(format!("{} {status}", state.instance_id));
            }
        }
    }

    fn show_progress(&mut self, status: &str, progress: &Progress) {
        if !self.determinate {
            self.bar.set_length(BAR_SCALE);
            self.bar.set_style(bar_style());
            self.determinate = true;
        }
        let now = Instant::now();
        let (since, from) = *self.first.get_or_insert((now, progress.fraction));
        let elapsed = now.duration_since(since).as_secs_f64();
        let rate = if elapsed > 0.5 && progress.fraction > from {
            format!(" · {:.1}%/s", (progress.fraction - from) * 100.0 / elapsed)
        } else {
            String::new()
        };
        let message = progress.message.as_deref().unwrap_or(status);
        self.bar
            .set_position((progress.fraction * BAR_SCALE as f64).round() as u64);
        self.bar.set_message(format!("{message}{rate}"));
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} [{bar:30}] {percent:>3}% {msg} [{elapsed}]")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}
