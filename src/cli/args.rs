//! Flags shared by several commands (connection, output format) and the parsers for durations,
//! times and JSON arguments.

use std::{io::Read, time::Duration};

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

use super::exit::CliError;
use crate::{
    auth::AuthMode,
    client::Client,
    connection::{Connection, ConnectionSettings},
    limits::check_payload,
};

/// Where the Durable Task endpoint is and how to authenticate.
#[derive(Debug, Clone, Args)]
pub struct ConnectionArgs {
    /// gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS
    /// [default: http://localhost:8080]
    #[arg(long, env = "ENDPOINT", global = true)]
    pub endpoint: Option<String>,
    /// Task hub name [default: default]
    #[arg(long, env = "TASKHUB", global = true)]
    pub taskhub: Option<String>,
    /// DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...
    #[arg(
        long,
        env = "DURABLE_TASK_SCHEDULER_CONNECTION_STRING",
        global = true,
        hide_env_values = true
    )]
    pub connection_string: Option<String>,
    /// Authentication [default: none for plaintext endpoints, default for TLS]
    #[arg(long, value_enum, env = "DTS_AUTH", global = true)]
    pub auth: Option<AuthMode>,
    /// Client id of a user-assigned managed identity or service principal
    #[arg(long, env = "AZURE_CLIENT_ID", global = true, hide_env_values = true)]
    pub client_id: Option<String>,
    /// Resource the token is asked for [default: https://durabletask.io]
    #[arg(long, env = "DTS_TOKEN_RESOURCE", global = true)]
    pub token_resource: Option<String>,
}

impl ConnectionArgs {
    /// Resolves the flags into a connection (no network yet).
    pub fn connection(&self) -> Result<Connection, CliError> {
        Ok(Connection::resolve(ConnectionSettings {
            endpoint: self.endpoint.clone(),
            taskhub: self.taskhub.clone(),
            connection_string: self.connection_string.clone(),
            auth: self.auth.clone(),
            client_id: self.client_id.clone(),
            token_resource: self.token_resource.clone(),
        })?)
    }

    /// Resolves and connects a client.
    pub async fn client(&self) -> Result<Client, CliError> {
        Ok(Client::connect(&self.connection()?).await?)
    }
}

/// How results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Tables and plain text for people.
    #[default]
    Text,
    /// Exactly one JSON document.
    Json,
    /// One JSON document per line (for `wait`: one per observed change, then the outcome).
    Jsonl,
}

/// Parses a duration: `90`, `90s`, `1.5s`, `250ms`, `5m`, `2h`, `1d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (examples: 30s, 5m, 2h, 250ms)"))?;
    let seconds = match unit.trim() {
        "" | "s" | "sec" | "secs" => value,
        "ms" => value / 1000.0,
        "m" | "min" | "mins" => value * 60.0,
        "h" | "hr" | "hours" => value * 3600.0,
        "d" | "days" => value * 86400.0,
        other => {
            return Err(format!(
                "unknown unit {other:?} in {text:?}; use ms, s, m, h or d"
            ));
        }
    };
    if !(0.0..=1e10).contains(&seconds) {
        return Err(format!("{text:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Parses a point in time: RFC 3339 (`2026-12-03T10:00:00Z`) or a duration meaning "that long ago"
/// (`2h`).
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(time.with_timezone(&Utc));
    }
    let ago = parse_duration(text).map_err(|_| {
        format!(
            "{text:?} is neither an RFC 3339 time (2026-12-03T10:00:00Z) nor a duration ago (2h)"
        )
    })?;
    let ago = chrono::Duration::from_std(ago).map_err(|err| err.to_string())?;
    Ok(Utc::now() - ago)
}

/// Reads a JSON argument: inline JSON, `@path` for a file, or `-` for standard input. Checks that
/// it parses and fits the payload limit, and returns its text unchanged.
pub fn read_json_arg(what: &'static str, arg: &str) -> Result<String, CliError> {
    let text = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|err| CliError::usage(format!("cannot read {what} from stdin: {err}")))?;
        text
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path)
            .map_err(|err| CliError::usage(format!("cannot read {what} from {path}: {err}")))?
    } else {
        arg.to_owned()
    };
    check_payload(what, Some(&text))?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text).map_err(|err| {
        CliError::usage(format!(
            "{what} is not valid JSON ({err}); pass JSON such as '{{\"processing_time\": 5}}', @file or -"
        ))
    })?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(parse_duration("-1s").is_err());
    }

    #[test]
    fn times() {
        let at = parse_time("2026-12-03T10:00:00Z").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-03T10:00:00+00:00");
        let ago = parse_time("1h").unwrap();
        let age = Utc::now() - ago;
        assert!(age.num_minutes() >= 59 && age.num_minutes() <= 61);
        assert!(parse_time("yesterday").is_err());
    }

    #[test]
    fn json_arguments() {
        assert_eq!(read_json_arg("input", "{\"a\": 1}").unwrap(), "{\"a\": 1}");
        let err = read_json_arg("input", "{oops").unwrap_err();
        assert!(err.message.contains("not valid JSON"), "{}", err.message);
        assert!(read_json_arg("input", "@/nonexistent/file.json").is_err());
    }
}
