//! A run folder is trained into by one run at a time: a lock file in it,
//! held for the whole run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The name of the lock file in a run folder (see [`lock_run_dir`]).
pub const LOCK_FILE: &str = "run.lock";

/// The lock on a run folder that [`lock_run_dir`] took: held as long as
/// this value lives, released when it is dropped (and by the operating
/// system when the process ends, however it ends).
#[derive(Debug)]
pub struct RunLock {
    file: std::fs::File,
    dir: PathBuf,
}

impl RunLock {
    /// The run folder this lock holds.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first says so.
        let _ = self.file.unlock();
    }
}

/// Take the run folder `dir` for one training: create the folder if need
/// be, and lock its file `run.lock` ([`LOCK_FILE`]) exclusively, without
/// waiting. A folder that another training holds (in this process or
/// another) is refused at once, with a message naming it. Once the lock is
/// held, the temporary files that an interrupted write left in the folder
/// ([`leftover`]) are removed: no other training can be writing them. The lock file
/// stays in the folder after the run (empty; removing it could let two
/// runs lock two different files); only the lock on it is released.
pub fn lock_run_dir(dir: &Path) -> Result<RunLock> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the run folder {}", dir.display()))?;
    let path = dir.join(LOCK_FILE);
    // Neither truncated nor written: opening it changes nothing in the folder.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {
            remove_leftovers(dir);
            Ok(RunLock {
                file,
                dir: dir.to_path_buf(),
            })
        }
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "the run folder {} is in use: another training is using it (it holds {}); wait for it to finish, or use another run folder (--run-dir; --runs for experiments)",
            dir.display(),
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock the run folder {}", path.display()))
        }
    }
}

/// The files of a run folder, each written through a temporary file.
const RUN_FILES: [&str; 6] = [
    "config.json",
    "metrics.json",
    "checkpoint.safetensors",
    "best.safetensors",
    "model.safetensors",
    "vocab.txt",
];

/// Whether `name` is a temporary file that [`fileio::write_atomically`]
/// makes for one of a run folder's files (`.checkpoint.safetensors.PID.tmp`):
/// one still there was left by a process that was killed mid-write.
pub fn leftover(name: &str) -> bool {
    let Some(middle) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((file, pid)) = middle.rsplit_once('.') else {
        return false;
    };
    RUN_FILES.contains(&file) && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
}

/// Remove the [`leftover`] temporary files of `dir`, with a note for each.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if leftover(&name.to_string_lossy()) && std::fs::remove_file(entry.path()).is_ok() {
            eprintln!(
                "removed {}, left by an interrupted write",
                entry.path().display()
            );
        }
    }
}
