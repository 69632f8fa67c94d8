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
/// another) is refused at once, with a message naming it. The lock file
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
        Ok(()) => Ok(RunLock {
            file,
            dir: dir.to_path_buf(),
        }),
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
