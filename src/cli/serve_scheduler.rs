//! `dts-async serve-scheduler`: run the embedded scheduler, a durable drop-in for the DTS
//! emulator, until Ctrl-C or SIGTERM.

use std::{io::Write, net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Args, ValueEnum};

use super::{
    args::parse_duration,
    exit::{CliError, Exit},
    logging::LogArgs,
    runtime::{on_all_cores, stop_signal},
};
use crate::scheduler::{Database, LeasePolicy, Scheduler, SchedulerConfig, store::SyncMode};

/// Flags of `serve-scheduler`.
#[derive(Debug, Args)]
pub struct ServeSchedulerArgs {
    /// Address to listen on (the emulator's port by default)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Task hubs to serve, comma-separated; calls naming another hub get NOT_FOUND
    #[arg(long, value_delimiter = ',', default_value = "default")]
    pub taskhubs: Vec<String>,
    /// How long a worker may hold an orchestration work item before it goes to another worker
    /// (a hung worker); e.g. 30s, 2m [default: 5m]
    #[arg(long, value_parser = parse_duration)]
    pub lease_timeout: Option<Duration>,
    /// How long a worker may hold an activity before it goes to another worker [default: for as
    /// long as the worker's stream stays open, since a long activity and a hung one look alike]
    #[arg(long, value_parser = parse_duration)]
    pub activity_lease_timeout: Option<Duration>,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub storage: StorageArgs,
    #[allow(missing_docs)]
    #[command(flatten)]
    pub log: LogArgs,
}

/// Where the embedded scheduler keeps its data (`serve-scheduler`, `dev`).
#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// Database file [default: scheduler.db under the user's data directory]
    #[arg(long, conflicts_with = "in_memory")]
    pub db: Option<PathBuf>,
    /// Keep nothing: a temporary database without fsync, deleted at exit
    #[arg(long)]
    pub in_memory: bool,
    /// Commit durability: full (every acknowledged write survives a power loss) or normal
    /// (survives a crash of the process, not of the machine)
    #[arg(long, value_enum, default_value_t = Sync::Full)]
    pub sync: Sync,
}

impl StorageArgs {
    /// The scheduler's configuration for these flags (task hubs and the rest as by default),
    /// and the database as shown to the user.
    pub fn config(&self) -> (SchedulerConfig, String) {
        let (database, sync, shown) = if self.in_memory {
            // Nothing of a temporary database outlives the process: fsyncs would buy nothing.
            (
                Database::Temporary,
                SyncMode::Off,
                "temporary (deleted at exit)".to_owned(),
            )
        } else {
            let path = self.db.clone().unwrap_or_else(default_db_path);
            let shown = path.display().to_string();
            (Database::File(path), self.sync.into(), shown)
        };
        let config = SchedulerConfig {
            database,
            sync,
            ..SchedulerConfig::default()
        };
        (config, shown)
    }
}

/// `--sync` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sync {
    /// fsync every group commit
    Full,
    /// fsync at WAL checkpoints only
    Normal,
}

impl From<Sync> for SyncMode {
    fn from(sync: Sync) -> Self {
        match sync {
            Sync::Full => SyncMode::Full,
            Sync::Normal => SyncMode::Normal,
        }
    }
}

/// The default database: `$XDG_DATA_HOME/dts-async/scheduler.db`, else
/// `~/.local/share/dts-async/scheduler.db`, else `./dts-async-scheduler.db`.
pub fn default_db_path() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".local/share"))
        });
    match data {
        Some(dir) => dir.join("dts-async").join("scheduler.db"),
        None => PathBuf::from("dts-async-scheduler.db"),
    }
}

/// Runs `serve-scheduler` until Ctrl-C or SIGTERM.
pub async fn run(args: ServeSchedulerArgs) -> Result<Exit, CliError> {
    on_all_cores(serve(args)).await
}

async fn serve(args: ServeSchedulerArgs) -> Result<Exit, CliError> {
    args.log.init();
    let unavailable =
        |err: &dyn std::fmt::Display| CliError::new(Exit::Unavailable, err.to_string());
    let (config, database) = args.storage.config();
    let config = SchedulerConfig {
        taskhubs: args.taskhubs.clone(),
        leases: LeasePolicy {
            orchestration: args.lease_timeout.unwrap_or(config.leases.orchestration),
            activity: args.activity_lease_timeout,
        },
        ..config
    };
    let scheduler = Scheduler::open(config).map_err(|e| unavailable(&e))?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|err| {
            CliError::new(
                Exit::Unavailable,
                format!("cannot listen on {}: {err}", args.listen),
            )
        })?;
    let addr = listener.local_addr().map_err(|e| unavailable(&e))?;
    // The first line is the address: scripts and tests read it (with --listen 127.0.0.1:0).
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = writeln!(out, "task hubs: {}", args.taskhubs.join(", "));
        let _ = writeln!(out, "database: {database}");
        let _ = out.flush();
    }
    scheduler
        .serve(listener, stop_signal())
        .await
        .map_err(|e| unavailable(&e))?;
    Ok(Exit::Success)
}
