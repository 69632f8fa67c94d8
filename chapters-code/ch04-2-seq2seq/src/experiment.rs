//! The recorded run of the section, and its quick form for CI.

use crate::task::Task;
use crate::train::{Seq2SeqConfig, Seq2SeqRun};

/// A results file: where it came from, and the run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Seq2SeqResults {
    /// The command line, commit, date and machine that made the file.
    pub provenance: fileio::Provenance,
    pub quick: bool,
    pub run: Seq2SeqRun,
}

/// The book's run: strings of 3 to 8 digits, 128 units per LSTM.
pub fn full(seed: u64) -> Seq2SeqConfig {
    Seq2SeqConfig {
        task: Task::default(),
        hidden: 128,
        batch_size: 64,
        iterations: 6000,
        eval_every: 200,
        test_size: 2000,
        lr: 3e-3,
        clip: 1.0,
        seed,
    }
}

/// The CI run: the same code, shorter strings, a few hundred updates.
pub fn quick(seed: u64) -> Seq2SeqConfig {
    Seq2SeqConfig {
        task: Task {
            min_len: 2,
            max_len: 4,
        },
        hidden: 32,
        iterations: 600,
        eval_every: 200,
        test_size: 200,
        lr: 1e-2,
        ..full(seed)
    }
}
