//! Temporary database files (`--in-memory`, `dev`, `demo`, `bench --embedded`): deleted when the
//! scheduler is dropped, and swept at the next start of any scheduler when their owner died
//! without deleting them (killed with SIGKILL, say).
//!
//! Each database has a lock file beside it, held locked (`flock`) by its owner for as long as it
//! runs: a lock file that can be locked has no owner left. The lock says so across processes,
//! containers and PID namespaces that share the directory, and SQLite's own locks on the
//! database are never touched.

use std::{
    fs::File,
    io,
    path::{Path, PathBuf},
    time::Duration,
};

const PREFIX: &str = "dts-async-scheduler-";
const DATABASE: &str = ".db";
const LOCK: &str = ".lock";
/// The database and the files SQLite keeps beside it in WAL mode.
const DATABASE_FILES: [&str; 3] = ["", "-wal", "-shm"];
/// A database without a lock file is left alone for this long: it may belong to a build that
/// predates lock files and is still running.
const ORPHAN_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// A temporary database file, deleted on drop.
#[derive(Debug)]
pub struct TemporaryFile {
    dir: PathBuf,
    stem: String,
    lock: Option<File>,
}

impl TemporaryFile {
    /// Names a fresh database in the system's temporary directory, after sweeping the databases
    /// whose owners are gone.
    pub fn new() -> io::Result<Self> {
        Self::create_in(&std::env::temp_dir())
    }

    /// Names a fresh database in `dir`, after sweeping the databases whose owners are gone.
    pub fn create_in(dir: &Path) -> io::Result<Self> {
        sweep(dir);
        let stem = format!("{PREFIX}{}", uuid::Uuid::new_v4().simple());
        // Locked under a name the sweep ignores, then renamed: no sweep ever sees it unlocked.
        let pending = dir.join(format!(".{stem}{LOCK}"));
        let lock = File::create_new(&pending)?;
        lock.lock()?;
        std::fs::rename(&pending, dir.join(format!("{stem}{LOCK}")))?;
        Ok(Self {
            dir: dir.to_owned(),
            stem,
            lock: Some(lock),
        })
    }

    /// The database file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{}{DATABASE}", self.stem))
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        remove(&self.dir, &self.stem);
        // Unlocked only once every file is gone.
        self.lock.take();
    }
}

/// Deletes a database's files, then its lock file.
fn remove(dir: &Path, stem: &str) {
    for suffix in DATABASE_FILES {
        let _ = std::fs::remove_file(dir.join(format!("{stem}{DATABASE}{suffix}")));
    }
    let _ = std::fs::remove_file(dir.join(format!("{stem}{LOCK}")));
}

/// Deletes the temporary databases in `dir` whose owners are gone: those whose lock file can be
/// locked, and those without one that have not been written for a day.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((stem, kind)) = name.to_str().and_then(parse) else {
            continue;
        };
        match kind {
            Kind::Lock => {
                let Ok(lock) = File::open(entry.path()) else {
                    continue;
                };
                // Held until the files are gone (`lock` is closed at the end of this arm).
                if lock.try_lock().is_ok() {
                    remove(dir, stem);
                }
            }
            Kind::Database => {
                // Read now, not from the listing: a lock file renamed into place after the
                // listing went past its name still counts.
                let locked = dir.join(format!("{stem}{LOCK}")).exists();
                let age = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| modified.elapsed().ok());
                if !locked && age.is_some_and(|age| age > ORPHAN_AGE) {
                    remove(dir, stem);
                }
            }
        }
    }
}

/// What a file of a temporary database is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The database or one of SQLite's files beside it.
    Database,
    /// The owner's lock file.
    Lock,
}

/// The stem (`<prefix><32 hex digits>`) and kind of a temporary database's file name.
fn parse(name: &str) -> Option<(&str, Kind)> {
    let hex = name.strip_prefix(PREFIX)?.get(..32)?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (stem, rest) = name.split_at(PREFIX.len() + 32);
    if rest == LOCK {
        return Some((stem, Kind::Lock));
    }
    let suffix = rest.strip_prefix(DATABASE)?;
    DATABASE_FILES
        .contains(&suffix)
        .then_some((stem, Kind::Database))
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    const STEM: &str = "dts-async-scheduler-0123456789abcdef0123456789abcdef";

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    fn write(dir: &Path, name: &str) {
        std::fs::write(dir.join(name), b"x").expect("write");
    }

    #[test]
    fn file_names_are_recognised_by_kind() {
        for suffix in [".db", ".db-wal", ".db-shm"] {
            assert_eq!(
                parse(&format!("{STEM}{suffix}")),
                Some((STEM, Kind::Database))
            );
        }
        assert_eq!(parse(&format!("{STEM}.lock")), Some((STEM, Kind::Lock)));
        for name in [
            format!(".{STEM}.lock"),
            format!("{STEM}.db-journal"),
            format!("{STEM}.lock.x"),
            "dts-async-scheduler-0123.db".to_owned(),
            "dts-async-scheduler-0123456789abcdef0123456789abcdeg.db".to_owned(),
            "scheduler.db".to_owned(),
        ] {
            assert_eq!(parse(&name), None, "{name}");
        }
    }

    #[test]
    fn a_running_owners_database_is_kept_and_a_dead_ones_swept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let live = TemporaryFile::create_in(dir.path()).expect("create");
        write(dir.path(), &format!("{}.db", live.stem));
        write(dir.path(), &format!("{}.db-wal", live.stem));
        // A dead owner's files: a lock file nobody holds.
        for suffix in [".db", ".db-wal", ".db-shm", ".lock"] {
            write(dir.path(), &format!("{STEM}{suffix}"));
        }
        write(dir.path(), "notes.txt");
        sweep(dir.path());
        assert_eq!(
            files(dir.path()),
            vec![
                format!("{}.db", live.stem),
                format!("{}.db-wal", live.stem),
                format!("{}.lock", live.stem),
                "notes.txt".to_owned(),
            ]
        );
        drop(live);
        assert_eq!(files(dir.path()), vec!["notes.txt".to_owned()]);
    }

    #[test]
    fn a_database_without_a_lock_file_is_swept_only_when_a_day_old() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = "dts-async-scheduler-11111111111111111111111111111111";
        let recent = "dts-async-scheduler-22222222222222222222222222222222";
        write(dir.path(), &format!("{old}.db"));
        write(dir.path(), &format!("{recent}.db"));
        let two_days_ago = SystemTime::now() - 2 * ORPHAN_AGE;
        File::options()
            .write(true)
            .open(dir.path().join(format!("{old}.db")))
            .and_then(|f| f.set_modified(two_days_ago))
            .expect("set mtime");
        sweep(dir.path());
        assert_eq!(files(dir.path()), vec![format!("{recent}.db")]);
    }

    #[test]
    fn a_new_database_sweeps_first_and_its_path_is_in_the_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), &format!("{STEM}.lock"));
        let file = TemporaryFile::create_in(dir.path()).expect("create");
        assert_eq!(file.path().parent(), Some(dir.path()));
        assert_eq!(files(dir.path()), vec![format!("{}.lock", file.stem)]);
    }
}
