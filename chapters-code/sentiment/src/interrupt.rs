//! Ctrl-C (SIGINT) during training: the loop stops at the next batch
//! boundary, nothing of the unfinished epoch is saved, and the run folder
//! keeps the checkpoint of the last complete epoch, from which `--resume`
//! continues exactly as if the run had never stopped.
//!
//! A program that wants this calls [`stop_on_ctrl_c`] once; the training
//! loop asks [`requested`] before every batch. A second Ctrl-C ends the
//! program at once (exit code 1), for a user who will not wait for the batch.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

/// Set by the signal handler (or [`request`]), read by the training loop.
static STOP: LazyLock<Arc<AtomicBool>> = LazyLock::new(|| Arc::new(AtomicBool::new(false)));

/// Whether the handler is installed (it is installed once).
static INSTALLED: OnceLock<()> = OnceLock::new();

/// Ask the training loop of this process to stop at its next batch
/// boundary on SIGINT (Ctrl-C) and SIGTERM. A second signal while the
/// first is pending ends the process at once with exit code 1.
pub fn stop_on_ctrl_c() -> std::io::Result<()> {
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The order matters: the shutdown acts only once the flag is set.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&STOP))?;
        signal_hook::flag::register(signal, Arc::clone(&STOP))?;
    }
    let _ = INSTALLED.set(());
    Ok(())
}

/// Whether a stop was asked for (by a signal, or by [`request`]).
pub fn requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// Ask the training loop to stop at its next batch boundary, as Ctrl-C does.
pub fn request() {
    STOP.store(true, Ordering::Relaxed);
}

/// A training stopped by Ctrl-C: the epoch it was in, how many it was to
/// train, and what the run folder keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Interrupted {
    /// The epoch that was stopped (not saved).
    pub epoch: usize,
    /// The epochs the run was to train.
    pub epochs: usize,
    /// The checkpoint of the last complete epoch, if a run folder holds one.
    pub checkpoint: Option<PathBuf>,
    /// The number of complete epochs that checkpoint holds (0 for none).
    pub kept: usize,
}

impl Interrupted {
    /// What was stopped, and what is kept.
    pub fn message(&self) -> String {
        let stopped = format!(
            "interrupted during epoch {} of {}; nothing of that epoch was saved",
            self.epoch, self.epochs
        );
        match (&self.checkpoint, self.kept) {
            (None, _) => format!("{stopped}; the run has no folder, so nothing is kept"),
            (Some(_), 0) => {
                format!("{stopped}; no epoch was complete, so no checkpoint is kept")
            }
            (Some(path), kept) => format!(
                "{stopped}; {} keeps epoch {kept}, the last complete one",
                path.display()
            ),
        }
    }

    /// Whether a `--resume` can continue from what is kept.
    pub fn resumable(&self) -> bool {
        self.checkpoint.is_some() && self.kept > 0
    }
}

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Interrupted {}
