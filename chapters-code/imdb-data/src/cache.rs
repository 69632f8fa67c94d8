//! The cache folder that every run shares: a lock, so that two runs never
//! download or extract into it at once, and the removal of what runs
//! stopped half-way left behind.
//!
//! Every run that writes into the cache holds the lock while it does, and
//! the system releases a lock when its process ends, however it ends. So
//! whoever holds the lock knows that no other run is writing: every
//! temporary file or folder it finds (`.download.partial.PID`,
//! `.aclImdb_v1.tar.gz.partial.PID`, `.aclImdb.partial.PID/`) is left over
//! from a run that was stopped, and can go.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::archive::known_archives;
use crate::error::{DataError, io};

/// The lock file's name in the cache folder.
pub const LOCK_FILE: &str = ".rnn-book.lock";

/// A hold on a cache folder, released when dropped.
#[derive(Debug)]
pub struct CacheLock {
    /// The locked file; `None` where the file system has no locks.
    file: Option<File>,
}

impl CacheLock {
    /// Create `cache` if needed and lock it, waiting (and saying so) while
    /// another run holds it. A folder that cannot be created or written is
    /// an error naming it. On a file system without locks, the hold is not
    /// exclusive ([`CacheLock::is_exclusive`]).
    pub fn acquire(cache: &Path) -> Result<CacheLock, DataError> {
        let unusable = |source| DataError::CacheFolder {
            path: cache.to_owned(),
            source,
        };
        std::fs::create_dir_all(cache).map_err(unusable)?;
        let path = cache.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(unusable)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another run to finish with the data cache {}",
                    cache.display()
                );
                file.lock().map_err(io(&path))?;
            }
            Err(TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => {
                return Ok(CacheLock { file: None });
            }
            Err(TryLockError::Error(e)) => return Err(io(&path)(e)),
        }
        Ok(CacheLock { file: Some(file) })
    }

    /// Lock `cache` if no other run holds it and it can be written; else `None`.
    pub fn try_acquire(cache: &Path) -> Option<CacheLock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(cache.join(LOCK_FILE))
            .ok()?;
        file.try_lock().ok()?;
        Some(CacheLock { file: Some(file) })
    }

    /// Whether no other run can hold the cache while this hold lasts.
    pub fn is_exclusive(&self) -> bool {
        self.file.is_some()
    }
}

/// Whether `name` is a temporary file or folder that a run writes into the
/// cache: `.aclImdb.partial.PID`, `.download.partial.PID`, or
/// `.ARCHIVE.partial.PID` for one of [`known_archives`] (the name earlier
/// versions downloaded to).
pub fn is_leftover(name: &str) -> bool {
    let Some((stem, pid)) = name.rsplit_once(".partial.") else {
        return false;
    };
    let Some(stem) = stem.strip_prefix('.') else {
        return false;
    };
    let temporary = stem == "aclImdb"
        || stem == "download"
        || known_archives().iter().any(|k| k.name == stem);
    temporary && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
}

/// Remove the leftovers of stopped runs from `cache`, which `lock` holds,
/// and return what was removed. Nothing is removed unless the hold is
/// exclusive; an entry that cannot be removed is left (it harms nothing:
/// every run writes under a name of its own).
pub fn remove_leftovers(cache: &Path, lock: &CacheLock) -> Vec<PathBuf> {
    if !lock.is_exclusive() {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(cache) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_leftover) {
            continue;
        }
        let path = entry.path();
        let gone = match entry.file_type() {
            Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        if gone.is_ok() {
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::is_leftover;

    #[test]
    fn only_the_temporary_names_of_a_run_are_leftovers() {
        for name in [
            ".aclImdb.partial.12",
            ".download.partial.4567",
            ".aclImdb_v1.tar.gz.partial.99",
            ".aclImdb_v1_labeled.tar.gz.partial.1",
        ] {
            assert!(is_leftover(name), "{name}");
        }
        for name in [
            "aclImdb",
            "aclImdb_v1.tar.gz",
            ".lock",
            ".aclImdb.partial.",
            ".aclImdb.partial.12x",
            "aclImdb.partial.12",
            ".notes.partial.12",
        ] {
            assert!(!is_leftover(name), "{name}");
        }
    }
}
