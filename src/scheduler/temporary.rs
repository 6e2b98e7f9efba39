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
    sync::Mutex,
    time::{Duration, SystemTime},
};

const PREFIX: &str = "dts-async-scheduler-";
const DATABASE: &str = ".db";
const LOCK: &str = ".lock";
/// The database and the files SQLite keeps beside it in WAL mode.
const DATABASE_FILES: [&str; 3] = ["", "-wal", "-shm"];
/// A database without a lock file is left alone for this long: it may belong to a build that
/// predates lock files and is still running.
const ORPHAN_AGE: Duration = Duration::from_secs(24 * 60 * 60);
/// A lock file still under its pending name is left alone for this long: it is renamed
/// microseconds after it is made, unless its owner was killed in between.
const PENDING_AGE: Duration = Duration::from_secs(60 * 60);

/// This process's own databases, which its sweeps never open: where locks work like `fcntl`
/// (on NFS, say), closing any descriptor of a file drops every lock the process holds on it.
static OWNED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn owned() -> std::sync::MutexGuard<'static, Vec<String>> {
    OWNED.lock().unwrap_or_else(|e| e.into_inner())
}

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
        // Locked under a name the sweep leaves to its owner, then renamed: no sweep ever sees
        // it unlocked under its final name.
        let pending = dir.join(format!(".{stem}{LOCK}"));
        let lock = File::create_new(&pending)?;
        let locked = match lock.lock() {
            // Where files cannot be locked, no sweep can lock it either: it is never swept.
            Err(err) if err.kind() == io::ErrorKind::Unsupported => Ok(()),
            other => other,
        };
        if let Err(err) =
            locked.and_then(|()| std::fs::rename(&pending, dir.join(format!("{stem}{LOCK}"))))
        {
            let _ = std::fs::remove_file(&pending);
            return Err(err);
        }
        owned().push(stem.clone());
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
        owned().retain(|stem| *stem != self.stem);
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
        // Only plain files: opening a FIFO someone named like a lock file would block.
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let mine = owned().iter().any(|owned| owned == stem);
        if !is_file || mine {
            continue;
        }
        match kind {
            Kind::Lock => {
                if let Some(_held) = lockable(&entry.path()) {
                    // Held until the files are gone.
                    remove(dir, stem);
                }
            }
            Kind::PendingLock => {
                let old = age(&entry.path()).is_some_and(|age| age > PENDING_AGE);
                if old && let Some(_held) = lockable(&entry.path()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
            Kind::Database => {
                // Read now, not from the listing: a lock file renamed into place after the
                // listing went past its name still counts.
                let locked = dir.join(format!("{stem}{LOCK}")).exists();
                // The newest of the files: in WAL mode the writes land in `-wal` first.
                let unwritten = DATABASE_FILES
                    .iter()
                    .filter_map(|suffix| age(&dir.join(format!("{stem}{DATABASE}{suffix}"))))
                    .min();
                if !locked && unwritten.is_some_and(|age| age > ORPHAN_AGE) {
                    remove(dir, stem);
                }
            }
        }
    }
}

/// The file at `path`, locked, when no one else holds its lock. Opened for writing: where locks
/// work like `fcntl`, an exclusive lock needs a writable descriptor.
fn lockable(path: &Path) -> Option<File> {
    let file = File::options().read(true).write(true).open(path).ok()?;
    file.try_lock().is_ok().then_some(file)
}

/// How long ago the file at `path` was last written.
fn age(path: &Path) -> Option<Duration> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    SystemTime::now().duration_since(modified).ok()
}

/// What a file of a temporary database is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The database or one of SQLite's files beside it.
    Database,
    /// The owner's lock file.
    Lock,
    /// The owner's lock file before it is renamed into place.
    PendingLock,
}

/// The stem (`<prefix><32 hex digits>`) and kind of a temporary database's file name.
fn parse(name: &str) -> Option<(&str, Kind)> {
    if let Some(pending) = name.strip_prefix('.') {
        return match parse(pending)? {
            (stem, Kind::Lock) => Some((stem, Kind::PendingLock)),
            _ => None,
        };
    }
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
    use super::*;

    const STEM: &str = "dts-async-scheduler-0123456789abcdef0123456789abcdef";
    const OTHER: &str = "dts-async-scheduler-11111111111111111111111111111111";

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    /// Writes `name` in `dir`, last modified `ago`.
    fn write(dir: &Path, name: &str, ago: Duration) {
        let path = dir.join(name);
        std::fs::write(&path, b"x").expect("write");
        File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(SystemTime::now() - ago))
            .expect("set mtime");
    }

    const NOW: Duration = Duration::ZERO;
    const LONG_AGO: Duration = Duration::from_secs(2 * 24 * 60 * 60);

    #[test]
    fn file_names_are_recognised_by_kind() {
        for suffix in [".db", ".db-wal", ".db-shm"] {
            assert_eq!(
                parse(&format!("{STEM}{suffix}")),
                Some((STEM, Kind::Database))
            );
        }
        assert_eq!(parse(&format!("{STEM}.lock")), Some((STEM, Kind::Lock)));
        assert_eq!(
            parse(&format!(".{STEM}.lock")),
            Some((STEM, Kind::PendingLock))
        );
        for name in [
            format!(".{STEM}.db"),
            format!("..{STEM}.lock"),
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
    fn a_database_whose_lock_is_held_is_kept_and_one_whose_lock_is_free_swept() {
        let dir = tempfile::tempdir().expect("temp dir");
        // Another owner, alive: its lock held (through a descriptor of its own). Its files are
        // old, so only the lock keeps them.
        for suffix in [".db", ".db-wal", ".lock"] {
            write(dir.path(), &format!("{STEM}{suffix}"), LONG_AGO);
        }
        let held = File::options()
            .read(true)
            .write(true)
            .open(dir.path().join(format!("{STEM}.lock")))
            .expect("open");
        held.lock().expect("lock");
        // A dead owner: a lock file nobody holds, fresh files.
        for suffix in [".db", ".db-wal", ".db-shm", ".lock"] {
            write(dir.path(), &format!("{OTHER}{suffix}"), NOW);
        }
        write(dir.path(), "notes.txt", LONG_AGO);
        sweep(dir.path());
        assert_eq!(
            files(dir.path()),
            vec![
                format!("{STEM}.db"),
                format!("{STEM}.db-wal"),
                format!("{STEM}.lock"),
                "notes.txt".to_owned(),
            ]
        );
        drop(held);
        sweep(dir.path());
        assert_eq!(files(dir.path()), vec!["notes.txt".to_owned()]);
    }

    #[test]
    fn a_database_without_a_lock_file_is_swept_only_when_all_its_files_are_a_day_old() {
        let dir = tempfile::tempdir().expect("temp dir");
        let recent = "dts-async-scheduler-22222222222222222222222222222222";
        write(dir.path(), &format!("{STEM}.db"), LONG_AGO);
        write(dir.path(), &format!("{STEM}.db-wal"), LONG_AGO);
        // Written lately through its WAL only.
        write(dir.path(), &format!("{recent}.db"), LONG_AGO);
        write(dir.path(), &format!("{recent}.db-wal"), NOW);
        sweep(dir.path());
        assert_eq!(
            files(dir.path()),
            vec![format!("{recent}.db"), format!("{recent}.db-wal")]
        );
    }

    #[test]
    fn a_pending_lock_file_is_swept_only_when_old_and_free() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), &format!(".{STEM}.lock"), LONG_AGO);
        write(dir.path(), &format!(".{OTHER}.lock"), NOW);
        sweep(dir.path());
        assert_eq!(files(dir.path()), vec![format!(".{OTHER}.lock")]);
    }

    #[test]
    fn this_processs_databases_are_never_swept_and_are_deleted_on_drop() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), &format!("{STEM}.lock"), NOW);
        let file = TemporaryFile::create_in(dir.path()).expect("create");
        assert_eq!(file.path().parent(), Some(dir.path()));
        // Swept before it was made: the free lock file.
        assert_eq!(files(dir.path()), vec![format!("{}.lock", file.stem)]);
        for suffix in [".db", ".db-wal", ".db-shm"] {
            write(dir.path(), &format!("{}{suffix}", file.stem), NOW);
        }
        sweep(dir.path());
        assert_eq!(files(dir.path()).len(), 4, "a sweep took a live database");
        drop(file);
        assert_eq!(files(dir.path()), Vec::<String>::new());
    }
}
