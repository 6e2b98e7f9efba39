//! Everything the CLI prints: instances as JSON values or tables, times in local time with their
//! age, payloads embedded as JSON. The only room of the crate that writes to a terminal.

use std::io::{IsTerminal, Write};

use chrono::{DateTime, Local, Utc};
use comfy_table::{Cell, Color, ContentArrangement, Table, presets::UTF8_BORDERS_ONLY};
use serde_json::{Value, json};

use crate::client::{FailureDetails, InstanceState, RuntimeStatus};

/// Whether colour and tables may be styled on stdout (a TTY, and `NO_COLOR` unset).
pub fn stdout_styled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Whether progress may be drawn on stderr.
pub fn stderr_is_tty() -> bool {
    std::io::stderr().is_terminal()
}

/// Prints one JSON document on stdout: pretty for `json`, compact for `jsonl`.
pub fn print_json(value: &Value, pretty: bool) {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = writeln!(out, "{}", text.unwrap_or_default());
}

/// A payload as a JSON value: parsed when it is JSON, else the raw text as a string.
pub fn payload(text: Option<&str>) -> Value {
    match text {
        None => Value::Null,
        Some(text) => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())),
    }
}

fn rfc3339(time: Option<DateTime<Utc>>) -> Value {
    time.map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

/// A failure as a JSON object, inner failures nested.
pub fn failure_json(failure: &FailureDetails) -> Value {
    json!({
        "type": failure.error_type,
        "message": failure.message,
        "stack_trace": failure.stack_trace,
        "non_retriable": failure.non_retriable,
        "inner": failure.inner.as_deref().map(failure_json),
    })
}

/// An instance as the JSON document `status`, `wait` and `list` print.
pub fn instance_json(state: &InstanceState) -> Value {
    json!({
        "instance_id": state.instance_id,
        "name": state.name,
        "runtime_status": state.status_label(),
        "created_at": rfc3339(state.created_at),
        "last_updated_at": rfc3339(state.last_updated_at),
        "completed_at": rfc3339(state.completed_at),
        "scheduled_start_at": rfc3339(state.scheduled_start_at),
        "input": payload(state.input.as_deref()),
        "output": payload(state.output.as_deref()),
        "custom_status": payload(state.custom_status.as_deref()),
        "failure": state.failure.as_ref().map(failure_json),
        "version": state.version,
        "execution_id": state.execution_id,
        "parent_instance_id": state.parent_instance_id,
        "tags": state.tags,
    })
}

/// A time in local time with its age: `2026-12-03 10:00:00 (3m ago)`.
pub fn local_time(time: Option<DateTime<Utc>>) -> String {
    match time {
        None => "-".to_owned(),
        Some(time) => format!(
            "{} ({})",
            time.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S"),
            age(time)
        ),
    }
}

/// How long ago a time was, or how far ahead: `3m ago`, `in 2h`.
pub fn age(time: DateTime<Utc>) -> String {
    let seconds = (Utc::now() - time).num_seconds();
    let span = human_span(seconds.unsigned_abs());
    if seconds >= 0 {
        format!("{span} ago")
    } else {
        format!("in {span}")
    }
}

/// A span of seconds in its largest sensible unit: `42s`, `3m`, `5h`, `2d`.
pub fn human_span(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// The colour a status is shown in.
pub fn status_cell(state: &InstanceState) -> Cell {
    let cell = Cell::new(state.status_label());
    match state.runtime_status {
        Some(RuntimeStatus::Completed) => cell.fg(Color::Green),
        Some(RuntimeStatus::Failed) => cell.fg(Color::Red),
        Some(RuntimeStatus::Terminated | RuntimeStatus::Canceled) => cell.fg(Color::Yellow),
        Some(RuntimeStatus::Running) => cell.fg(Color::Cyan),
        _ => cell,
    }
}

/// A table in our house style; styled only when stdout is a terminal.
pub fn table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !stdout_styled() {
        table.force_no_tty();
    }
    table
}

/// Prints a table on stdout.
pub fn print_table(table: &Table) {
    let _ = writeln!(std::io::stdout().lock(), "{table}");
}

/// A payload for a table cell: compact JSON, shortened to `limit` characters.
pub fn payload_text(text: Option<&str>, limit: usize) -> String {
    let Some(text) = text else {
        return "-".to_owned();
    };
    let compact = serde_json::from_str::<Value>(text)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| text.to_owned());
    shorten(&compact, limit)
}

/// Shortens text to `limit` characters with an ellipsis.
pub fn shorten(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The key/value table `status` prints for one instance.
pub fn instance_table(state: &InstanceState, show_input: bool, show_output: bool) -> Table {
    let mut table = table();
    let mut row = |key: &str, value: Cell| {
        table.add_row(vec![Cell::new(key), value]);
    };
    row("Instance ID", Cell::new(&state.instance_id));
    row("Name", Cell::new(&state.name));
    row("Status", status_cell(state));
    if let Some(progress) = progress_line(state.custom_status.as_deref()) {
        row("Progress", Cell::new(progress));
    }
    row("Created", Cell::new(local_time(state.created_at)));
    row("Last updated", Cell::new(local_time(state.last_updated_at)));
    if state.completed_at.is_some() {
        row("Completed", Cell::new(local_time(state.completed_at)));
    }
    if state.scheduled_start_at.is_some() {
        row(
            "Scheduled start",
            Cell::new(local_time(state.scheduled_start_at)),
        );
    }
    if let Some(custom) = &state.custom_status {
        row("Custom status", Cell::new(payload_text(Some(custom), 200)));
    }
    if show_input {
        row("Input", Cell::new(pretty_payload(state.input.as_deref())));
    }
    if show_output {
        row("Output", Cell::new(pretty_payload(state.output.as_deref())));
    }
    if let Some(failure) = &state.failure {
        row("Failure", Cell::new(failure.to_string()).fg(Color::Red));
    }
    if let Some(parent) = &state.parent_instance_id {
        row("Parent", Cell::new(parent));
    }
    if !state.tags.is_empty() {
        let tags: Vec<_> = state.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        row("Tags", Cell::new(tags.join(", ")));
    }
    table
}

/// A payload pretty-printed when it is JSON.
pub fn pretty_payload(text: Option<&str>) -> String {
    match text {
        None => "-".to_owned(),
        Some(text) => serde_json::from_str::<Value>(text)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .unwrap_or_else(|_| text.to_owned()),
    }
}

/// Progress reported through the custom status convention `{"progress": 0..1, "message": ...}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The fraction done, clamped to 0..=1.
    pub fraction: f64,
    /// The orchestration's message, if any.
    pub message: Option<String>,
}

/// Reads the progress convention out of a custom status; `None` when it has no `progress` number.
pub fn progress_of(custom_status: Option<&str>) -> Option<Progress> {
    let value: Value = serde_json::from_str(custom_status?).ok()?;
    let fraction = value.get("progress")?.as_f64()?;
    Some(Progress {
        fraction: fraction.clamp(0.0, 1.0),
        message: value
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

fn progress_line(custom_status: Option<&str>) -> Option<String> {
    let progress = progress_of(custom_status)?;
    let percent = format!("{:.0}%", progress.fraction * 100.0);
    Some(match progress.message {
        Some(message) => format!("{percent} {message}"),
        None => percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_embed_as_json_when_they_parse() {
        assert_eq!(payload(Some("{\"a\": 1}")), json!({"a": 1}));
        assert_eq!(payload(Some("not json")), json!("not json"));
        assert_eq!(payload(None), Value::Null);
    }

    #[test]
    fn progress_convention() {
        let p = progress_of(Some(r#"{"progress": 0.25, "message": "step 1 of 4"}"#)).unwrap();
        assert_eq!(p.fraction, 0.25);
        assert_eq!(p.message.as_deref(), Some("step 1 of 4"));
        assert_eq!(
            progress_of(Some(r#"{"progress": 7}"#)).unwrap().fraction,
            1.0
        );
        assert!(progress_of(Some(r#"{"message": "no number"}"#)).is_none());
        assert!(progress_of(Some("\"text\"")).is_none());
        assert!(progress_of(None).is_none());
    }

    #[test]
    fn spans() {
        assert_eq!(human_span(42), "42s");
        assert_eq!(human_span(180), "3m");
        assert_eq!(human_span(7200), "2h");
        assert_eq!(human_span(200_000), "2d");
        assert_eq!(shorten("abcdef", 3), "abc…");
    }
}
