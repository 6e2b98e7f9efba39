//! `--log-format` and `--log-level` of the long-running commands: `tracing` events on stderr,
//! as text for people or one JSON object per line for log collectors.

use clap::{Args, ValueEnum};
use tracing_subscriber::filter::LevelFilter;

/// Logging flags.
#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// Log format on stderr
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Most detailed log level shown: error, warn, info, debug or trace
    #[arg(long, default_value = "info", value_parser = parse_level)]
    pub log_level: LevelFilter,
}

/// `--log-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines
    Text,
    /// One JSON object per line
    Json,
}

fn parse_level(text: &str) -> Result<LevelFilter, String> {
    text.parse()
        .map_err(|_| format!("unknown log level '{text}': use error, warn, info, debug or trace"))
}

impl LogArgs {
    /// Installs the subscriber for this process (once; later calls change nothing).
    pub fn init(&self) {
        let builder = tracing_subscriber::fmt()
            .with_max_level(self.log_level)
            .with_writer(std::io::stderr)
            .with_target(false);
        let _ = match self.log_format {
            LogFormat::Text => builder.with_ansi(false).try_init(),
            LogFormat::Json => builder.json().try_init(),
        };
    }
}
