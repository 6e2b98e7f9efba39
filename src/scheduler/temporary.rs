//! Temporary database files (`--in-memory`, `dev`, `demo`, `bench --embedded`): named after the
//! process that owns them, deleted when the scheduler is dropped, and swept at the next start
//! when their owner died without deleting them (killed with SIGKILL, say).

use std::path::{Path, PathBuf};

const PREFIX: &str = "dts-async-scheduler-";
const SUFFIXES: [&str; 3] = ["", "-wal", "-shm"];

/// A temporary database file in the system's temporary directory, deleted on drop.
#[derive(Debug)]
pub struct TemporaryFile {
    path: PathBuf,
}

impl TemporaryFile {
    /// Names a fresh file for this process, after sweeping the files of processes that are gone.
    pub fn new() -> Self {
        let dir = std::env::temp_dir();
        sweep(&dir);
        let name = format!(
            "{PREFIX}{}-{}.db",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        );
        Self {
            path: dir.join(name),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Default for TemporaryFile {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

/// Deletes a database file with its WAL and shared-memory files.
fn remove(path: &Path) {
    for suffix in SUFFIXES {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// Deletes the temporary databases in `dir` whose owning process no longer runs.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name.to_str().and_then(owner_of) else {
            continue;
        };
        if !is_running(owner) {
            // Each of the three files is swept on its own: the main file may be gone already.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary database's file name (`<prefix><pid>-<uuid>.db[-wal|-shm]`).
fn owner_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let (pid, rest) = rest.split_once('-')?;
    let stem = SUFFIXES
        .iter()
        .find_map(|suffix| rest.strip_suffix(suffix)?.strip_suffix(".db"))?;
    (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` runs; where that cannot be told, it is assumed to (nothing is swept).
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UUID: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn owners_are_read_from_every_file_of_a_temporary_database() {
        for suffix in SUFFIXES {
            let name = format!("{PREFIX}42-{UUID}.db{suffix}");
            assert_eq!(owner_of(&name), Some(42), "{name}");
        }
        for name in [
            format!("{PREFIX}{UUID}.db"),
            format!("{PREFIX}42-{UUID}.db-journal"),
            format!("{PREFIX}x-{UUID}.db"),
            format!("{PREFIX}42-short.db"),
            "scheduler.db".to_owned(),
        ] {
            assert_eq!(owner_of(&name), None, "{name}");
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_dead_owners_files_are_swept_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Process ids top out far below this one.
        let dead = format!("{PREFIX}4000000000-{UUID}.db");
        let live = format!("{PREFIX}{}-{UUID}.db", std::process::id());
        let other = "notes.txt";
        for name in [
            format!("{dead}-wal"),
            dead.clone(),
            live.clone(),
            other.into(),
        ] {
            std::fs::write(dir.path().join(name), b"x").expect("write");
        }
        sweep(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        left.sort();
        assert_eq!(left, vec![live, other.to_owned()]);
    }

    #[test]
    fn dropping_deletes_the_database_and_its_companions() {
        let file = TemporaryFile::new();
        for suffix in SUFFIXES {
            let mut path = file.path().as_os_str().to_owned();
            path.push(suffix);
            std::fs::write(&path, b"x").expect("write");
        }
        let path = file.path().to_owned();
        drop(file);
        for suffix in SUFFIXES {
            let mut gone = path.as_os_str().to_owned();
            gone.push(suffix);
            assert!(!Path::new(&gone).exists(), "{gone:?} was left");
        }
    }
}
